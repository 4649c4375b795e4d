import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'
import { raise, ROOT_CAUSE, step } from '../helpers/nonconformities.ts'

const ctx = appContext()
const VI = { headers: { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8' } }
const EN = { headers: { 'accept-language': 'en-GB,en;q=0.9' } }

// ---------------------------------------------------------------------------------------
const language = suite('problems in the language of the request', ctx)

language('404: the same code and params, the detail in Vietnamese or English; English without Accept-Language', async ({ as }) => {
  const manager = await as('manager')
  const id = crypto.randomUUID()
  const vi = await manager.get(`/api/nonconformities/${id}`, VI)
  const en = await manager.get(`/api/nonconformities/${id}`, EN)
  const none = await manager.get(`/api/nonconformities/${id}`)
  for (const res of [vi, en, none]) {
    assert.is(res.status, 404)
    assert.is(res.body.type, 'urn:qms:problem:not-found')
    assert.is(res.body.code, 'not-found')
    assert.equal(res.body.params, { entity: 'nonconformity', id })
    assert.match(String(res.headers.vary), /Accept-Language/i)
  }
  assert.is(vi.body.detail, `Không tìm thấy sự không phù hợp ${id}.`)
  assert.is(en.body.detail, `Nonconformity ${id} does not exist.`)
  assert.is(none.body.detail, en.body.detail, 'API clients that send no Accept-Language keep reading English')
})

language('412 stale, 409 illegal transition and 422 domain rule', async ({ as, unitId }) => {
  const manager = await as('manager')
  const nc = await raise(manager, await unitId('TNTKQ'))

  const stale = await manager.patch(`/api/nonconformities/${nc.id}`, { title: 'Changed' }, { ...VI, ifMatch: nc.version + 5 })
  assert.is(stale.status, 412)
  assert.is(stale.body.code, 'stale')
  assert.equal(stale.body.params, { currentVersion: nc.version })
  assert.is(stale.body.detail, `Bản ghi này đã được người khác thay đổi sau khi bạn mở nó (nay là phiên bản ${nc.version}). Hãy tải lại trang rồi thực hiện lại thay đổi của bạn.`)

  const early = (headers: typeof VI) => manager.post(`/api/nonconformities/${nc.id}/plan`, {}, { ...headers, ifMatch: nc.version })
  const [viEarly, enEarly] = [await early(VI), await early(EN)]
  assert.is(viEarly.status, 409)
  assert.is(viEarly.body.code, 'illegal-transition')
  assert.equal(viEarly.body.params, { entity: 'nonconformity', action: 'plan', status: 'draft', allowed: ['analyze', 'cancel'] })
  assert.equal(viEarly.body.allowed, ['analyze', 'cancel'])
  assert.is(viEarly.body.detail, 'Không thể xác nhận kế hoạch hành động vì sự không phù hợp đang ở trạng thái “Nháp”. Lúc này chỉ có thể: phân tích nguyên nhân, hủy sự không phù hợp.')
  assert.is(enEarly.body.detail, 'Cannot plan a nonconformity that is draft. Allowed now: analyze, cancel.')

  const analysed = await step(manager, nc, 'analyze', { rootCause: ROOT_CAUSE })
  const plan = (headers: typeof VI) => manager.post(`/api/nonconformities/${nc.id}/plan`, {}, { ...headers, ifMatch: analysed.version })
  const [viPlan, enPlan] = [await plan(VI), await plan(EN)]
  assert.is(viPlan.status, 422)
  assert.is(viPlan.body.code, 'nonconformity.plan-incomplete')
  assert.equal(viPlan.body.errors, [
    { path: 'actions', code: 'corrective_required', message: 'cần ít nhất một hành động khắc phục (hành động loại bỏ nguyên nhân gốc)' },
  ])
  assert.is(viPlan.body.detail, 'Chưa thể xác nhận kế hoạch: hành động cần ít nhất một hành động khắc phục (hành động loại bỏ nguyên nhân gốc).')
  assert.is(enPlan.body.detail, 'The plan cannot be recorded yet: actions needs at least one corrective action (one that removes the root cause).')
  assert.is(enPlan.body.errors[0].message, 'needs at least one corrective action (one that removes the root cause)')
})

language('400 validation: every field message in the language asked for, with its code and params', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const body = { source: 'other', orgUnitId: await unitId('TNTKQ'), severity: 'grave', title: 'x'.repeat(501) }
  const vi = await auditor.post('/api/nonconformities', body, VI)
  const en = await auditor.post('/api/nonconformities', body, EN)
  assert.is(vi.status, 400)
  assert.is(vi.body.code, 'validation.fields')
  const byPath = (res: typeof vi) => Object.fromEntries(res.body.errors.map((e: { path: string }) => [e.path, e]))
  const [viErrors, enErrors] = [byPath(vi), byPath(en)]
  assert.is(viErrors.severity.code, 'enum')
  assert.equal(viErrors.severity.params, enErrors.severity.params)
  assert.match(viErrors.severity.message, /^phải là một trong các giá trị: /)
  assert.match(enErrors.severity.message, /^must be one of: /)
  assert.is(viErrors.title.code, 'maxLength')
  assert.match(viErrors.title.message, /^không được dài quá \d+ ký tự$/)
  assert.match(vi.body.detail, /^Nội dung yêu cầu có \d+ trường không hợp lệ: /)
  assert.match(en.body.detail, /^The body has \d+ invalid fields?: /)
})

language('a domain field error (invalidField) and a 403 refusal read in Vietnamese', async ({ as }) => {
  const staff = await as('staff')
  const refused = await staff.get('/api/audit-log', VI)
  assert.is(refused.status, 403)
  assert.is(refused.body.code, 'forbidden.permission')
  assert.is(refused.body.detail, 'Bạn không có quyền xem nhật ký hệ thống. Hãy đề nghị quản trị viên cấp vai trò phù hợp.')

  const manager = await as('manager')
  const range = await manager.get('/api/complaints/counts?from=2020-05-01&to=2020-01-01', VI)
  assert.is(range.status, 400)
  assert.equal(range.body.errors, [{ path: 'query.to', code: 'range', message: 'không được trước ngày bắt đầu' }])
  assert.is(range.body.detail, 'không được trước ngày bắt đầu')
})

language('/docs/json documents code and params of every problem', async ({ anonymous }) => {
  const doc = (await anonymous().get('/docs/json')).body
  const problem = doc.paths['/api/nonconformities/{id}'].get.responses['404'].content['application/problem+json'].schema
  const props = problem.properties ?? doc.components?.schemas?.[String(problem.$ref).split('/').pop() ?? '']?.properties
  assert.ok(props.code, 'code')
  assert.ok(props.params, 'params')
  assert.match(props.detail.description, /Accept-Language/)
})

ctx.use(language)
language.run()
