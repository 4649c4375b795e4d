import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext, type ApiClient, type AppContext } from '../helpers/app.ts'
import { multipartForm, PNG_1X1 } from '../helpers/multipart-form.ts'
import { pdfText } from '../helpers/pdf-text.ts'
import { assertAll } from '../helpers/assertions.ts'

const ctx = appContext()

async function civilTemplateId(client: ApiClient): Promise<string> {
  const res = await client.get('/api/checklist-templates?q=Kiểm tra công vụ')
  return res.body.items.find((t: { name: string }) => t.name === 'Kiểm tra công vụ').id
}

/** Plans an inspection of the civil-service checklist at the reception desk with two people present. */
async function planReception(c: AppContext, username = 'auditor', extra: Record<string, unknown> = {}) {
  const client = await c.as(username)
  const res = await client.post('/api/inspections', {
    templateId: await civilTemplateId(client),
    orgUnitId: await c.unitId('TNTKQ'),
    kind: 'internal',
    plannedFor: '2026-05-04',
    personIds: [await c.userId('staff'), await c.userId('hoang.van.nam')],
    basis: 'Kế hoạch kiểm tra công vụ năm 2026',
    ...extra,
  })
  assert.is(res.status, 201, res.text)
  return res.body
}

/** Every slot of the checklist answered `pass`, except what `override` says. */
function allResponses(inspection: any, override: (itemId: string, personId: string | null) => Record<string, unknown> | undefined = () => undefined) {
  return inspection.items.flatMap((item: { id: string; perPerson: boolean }) =>
    (item.perPerson ? inspection.personIds : [null]).map((personId: string | null) => ({
      itemId: item.id,
      ...(personId ? { personId } : {}),
      result: 'pass',
      ...override(item.id, personId),
    })),
  )
}

async function uploadPhoto(client: ApiClient) {
  const form = multipartForm({ file: { filename: 'photo.png', contentType: 'image/png', data: PNG_1X1 } })
  return (await client.post('/api/attachments', form.body, { headers: { 'content-type': form.contentType } })).body.id as string
}

// ---------------------------------------------------------------------------------------

const planning = suite('planning an inspection', ctx)

planning('an auditor plans one: numbered, on the current checklist revision, led by the auditor by default', async (c) => {
  const inspection = await planReception(c)
  assert.match(inspection.number, /^\d{2}\/2026\/BB-KT$/)
  assert.is(inspection.status, 'planned')
  assert.is(inspection.kind, 'internal')
  assert.is(inspection.orgUnit.code, 'TNTKQ')
  assert.is(inspection.leadInspector.id, await c.userId('auditor'))
  assert.is(inspection.template.revision, 1)
  assert.is(inspection.items.length, 5)
  assert.equal(inspection.progress, { answered: 0, total: 2 + 2 + 3, failed: 0 })
  assert.is(inspection.people.length, 2)
  const read = await (await c.as('auditor')).get(`/api/inspections/${inspection.id}`)
  assert.is(read.headers.etag, `"${inspection.version}"`)
})

planning('the people put on an inspection are told, and told again when it moves to another day', async (c) => {
  const kinds = async (username: string, id: string) =>
    ((await (await c.as(username)).get('/api/notifications?limit=500')).body.items as { kind: string; entityId: string; params: { dueDate?: string } }[])
      .filter((n) => n.entityId === id)
      .map((n) => `${n.kind} ${n.params.dueDate}`)
  const inspection = await planReception(c, 'auditor', { leadInspectorId: await c.userId('manager'), teamIds: [await c.userId('head')] })
  assert.equal(await kinds('manager', inspection.id), ['inspection.assigned 2026-05-04'])
  assert.equal(await kinds('head', inspection.id), ['inspection.assigned 2026-05-04'])
  assert.equal(await kinds('auditor', inspection.id), [], 'the planner is not told of his own plan')
  const moved = await (await c.as('auditor')).patch(`/api/inspections/${inspection.id}`, { plannedFor: '2026-05-06', teamIds: [await c.userId('head'), await c.userId('staff')] }, { ifMatch: inspection.version })
  assert.is(moved.status, 200, moved.text)
  assert.equal((await kinds('head', inspection.id)).sort(), ['inspection.assigned 2026-05-04', 'inspection.rescheduled 2026-05-06'])
  assert.equal(await kinds('staff', inspection.id), ['inspection.assigned 2026-05-06'], 'a new member is assigned, not rescheduled')
})

planning('numbers follow each other within a year', async (c) => {
  const a = await planReception(c, 'auditor', { plannedFor: '2031-01-05' })
  const b = await planReception(c, 'auditor', { plannedFor: '2031-02-05' })
  assert.is(a.number, '01/2031/BB-KT')
  assert.is(b.number, '02/2031/BB-KT')
})

planning('bad input names each field and writes nothing', async (c) => {
  const auditor = await c.as('auditor')
  const before = (await auditor.get('/api/inspections?limit=500')).body.items.length
  const schema = await auditor.post('/api/inspections', { templateId: 'x', orgUnitId: await c.unitId('VP'), kind: 'party', plannedFor: '05/04/2026', colour: 1 })
  assert.is(schema.status, 400)
  const paths = schema.body.errors.map((e: { path: string }) => e.path).sort()
  assert.equal(paths, ['colour', 'kind', 'plannedFor', 'templateId'])
  const outside = await auditor.post('/api/inspections', {
    templateId: await civilTemplateId(auditor),
    orgUnitId: await c.unitId('TNTKQ'),
    kind: 'internal',
    plannedFor: '2026-05-04',
    personIds: [await c.userId('staff'), await c.userId('bui.thi.hoa')],
  })
  assert.is(outside.status, 400)
  assert.equal(outside.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), [['personIds.1', 'scope']])
  const noUnit = await auditor.post('/api/inspections', { templateId: await civilTemplateId(auditor), orgUnitId: '00000000-0000-4000-8000-000000000000', kind: 'internal', plannedFor: '2026-05-04' })
  assert.is(noUnit.status, 422)
  assert.is(noUnit.body.type, 'urn:qms:problem:reference')
  assert.is(noUnit.body.errors[0].path, 'orgUnitId')
  assert.is((await auditor.get('/api/inspections?limit=500')).body.items.length, before)
})

planning('the plan changes with If-Match; people removed take their answers with them', async (c) => {
  const auditor = await c.as('auditor')
  const planned = await planReception(c)
  assert.is((await auditor.patch(`/api/inspections/${planned.id}`, { location: 'Quầy 1' })).status, 428)
  const moved = await auditor.patch(`/api/inspections/${planned.id}`, { plannedFor: '2026-05-05', location: 'Quầy 1', teamIds: [await c.userId('manager')] }, { ifMatch: planned.version })
  assert.is(moved.status, 200)
  assert.is(moved.body.plannedFor, '2026-05-05')
  assert.equal(moved.body.team.map((p: { fullName: string }) => p.fullName), ['Nguyễn Văn Minh'])
  const nam = await c.userId('hoang.van.nam')
  const answered = await auditor.put(`/api/inspections/${planned.id}/responses`, [{ itemId: 'id-badge', personId: nam, result: 'pass' }], { ifMatch: moved.body.version })
  assert.is(answered.body.responses.length, 1)
  const fewer = await auditor.patch(`/api/inspections/${planned.id}`, { personIds: [await c.userId('staff')] }, { ifMatch: answered.body.version })
  assert.is(fewer.status, 200)
  assert.is(fewer.body.responses.length, 0)
  assert.is(fewer.body.progress.total, 1 + 1 + 3)
  const locked = await auditor.patch(`/api/inspections/${planned.id}`, { kind: 'unannounced' }, { ifMatch: fewer.body.version })
  assert.is(locked.status, 409, 'recording has started: kind, unit and checklist are fixed')
})

// ---------------------------------------------------------------------------------------

const permissions = suite('who may plan, perform and read inspections', ctx)

permissions('auditors and managers plan any kind anywhere', async (c) => {
  for (const username of ['auditor', 'manager']) {
    const res = await (await c.as(username)).post('/api/inspections', {
      templateId: await civilTemplateId(await c.as(username)),
      orgUnitId: await c.unitId('QLDN'),
      kind: 'unannounced',
      plannedFor: '2026-06-01',
    })
    assert.is(res.status, 201, username)
  }
})

permissions('a head of unit runs self-inspections of their own subtree only', async (c) => {
  const head = await c.as('head')
  const templateId = await civilTemplateId(head)
  const plan = (orgUnitId: string, kind: string) => head.post('/api/inspections', { templateId, orgUnitId, kind, plannedFor: '2026-06-02' })
  assert.is((await plan(await c.unitId('VP'), 'self')).status, 201)
  assert.is((await plan(await c.unitId('TNTKQ'), 'self')).status, 201, 'the reception desk is inside the Office')
  assert.is((await plan(await c.unitId('QLDN'), 'self')).status, 403, 'another department')
  assert.is((await plan(await c.unitId('VP'), 'internal')).status, 403, 'not a self-inspection')
  // Nor may the head perform the auditor's inspection of the Office.
  const auditors = await planReception(c)
  assert.is((await head.put(`/api/inspections/${auditors.id}/responses`, [{ itemId: 'conduct', result: 'pass' }], { ifMatch: auditors.version })).status, 403)
})

permissions('staff and administrators plan nothing', async (c) => {
  for (const username of ['staff', 'admin']) {
    const client = await c.as(username)
    const res = await client.post('/api/inspections', { templateId: await civilTemplateId(client), orgUnitId: await c.unitId('TNTKQ'), kind: 'self', plannedFor: '2026-06-03' })
    assert.is(res.status, 403, username)
  }
})

permissions('staff read their own unit’s inspections; a head reads their subtree; others are refused', async (c) => {
  const staff = await c.as('staff')
  const mine = (await staff.get('/api/inspections?limit=500')).body.items
  assert.ok(mine.length > 0)
  assertAll(mine, (i: { orgUnit: { code: string } }) => i.orgUnit.code === 'TNTKQ')
  const head = (await (await c.as('head')).get('/api/inspections?limit=500')).body.items
  assert.ok(head.some((i: { orgUnit: { code: string } }) => i.orgUnit.code === 'VP'))
  assert.ok(head.some((i: { orgUnit: { code: string } }) => i.orgUnit.code === 'TNTKQ'))
  assertAll(head, (i: { orgUnit: { code: string } }) => ['VP', 'TNTKQ'].includes(i.orgUnit.code))
  const elsewhere = (await (await c.as('manager')).get(`/api/inspections?orgUnitId=${await c.unitId('QLDN')}`)).body.items[0]
  assert.is((await staff.get(`/api/inspections/${elsewhere.id}`)).status, 403)
  assert.is((await staff.get(`/api/inspections/${mine[0].id}`)).status, 200)
  assert.is((await (await c.as('admin')).get('/api/inspections')).status, 403)
})

// ---------------------------------------------------------------------------------------

const recording = suite('recording responses', ctx)

recording('the first answer starts the inspection; answers upsert by item and person', async (c) => {
  const auditor = await c.as('auditor')
  const planned = await planReception(c)
  const nam = await c.userId('hoang.van.nam')
  const first = await auditor.put(`/api/inspections/${planned.id}/responses`, [{ itemId: 'id-badge', personId: nam, result: 'fail', note: 'Quên thẻ' }], { ifMatch: planned.version })
  assert.is(first.status, 200)
  assert.is(first.body.status, 'in_progress')
  assert.ok(first.body.performedOn)
  assert.ok(first.body.startedAt)
  assert.is(first.body.version, planned.version + 1)
  assert.is(first.headers.etag, `"${first.body.version}"`)
  const again = await auditor.put(`/api/inspections/${planned.id}/responses`, [{ itemId: 'id-badge', personId: nam, result: 'pass' }], { ifMatch: first.body.version })
  assert.is(again.body.responses.length, 1)
  assert.is(again.body.responses[0].result, 'pass')
  assert.is(again.body.responses[0].note, null, 'a response sent replaces the stored one')
  assert.equal(again.body.progress, { answered: 1, total: 7, failed: 0 })
})

recording('stale or missing versions are refused and change nothing', async (c) => {
  const auditor = await c.as('auditor')
  const planned = await planReception(c)
  assert.is((await auditor.put(`/api/inspections/${planned.id}/responses`, [{ itemId: 'conduct', result: 'pass' }])).status, 428)
  const stale = await auditor.put(`/api/inspections/${planned.id}/responses`, [{ itemId: 'conduct', result: 'pass' }], { ifMatch: planned.version + 5 })
  assert.is(stale.status, 412)
  assert.is(stale.body.currentVersion, planned.version)
  assert.is((await auditor.get(`/api/inspections/${planned.id}`)).body.responses.length, 0)
})

recording('per-person items take a person who is present; unit items take none; values follow the item type', async (c) => {
  const auditor = await c.as('auditor')
  const planned = await planReception(c)
  const res = await auditor.put(
    `/api/inspections/${planned.id}/responses`,
    [
      { itemId: 'id-badge', result: 'pass' },
      { itemId: 'attendance', personId: await c.userId('bui.thi.hoa'), result: 'pass' },
      { itemId: 'conduct', personId: await c.userId('staff'), result: 'pass' },
      { itemId: 'no-such-item', result: 'pass' },
      { itemId: 'on-time-handling', result: 'pass', value: 12 },
      { itemId: 'public-posting', result: 'maybe' },
    ],
    { ifMatch: planned.version },
  )
  assert.is(res.status, 400)
  const paths = res.body.errors.map((e: { path: string }) => e.path)
  assert.ok(paths.includes('5.result'), paths.join())
  // Schema errors come first; the domain rules are checked once the shape is right.
  const domain = await auditor.put(
    `/api/inspections/${planned.id}/responses`,
    [
      { itemId: 'id-badge', result: 'pass' },
      { itemId: 'attendance', personId: await c.userId('bui.thi.hoa'), result: 'pass' },
      { itemId: 'conduct', personId: await c.userId('staff'), result: 'pass' },
      { itemId: 'no-such-item', result: 'pass' },
      { itemId: 'on-time-handling', result: 'pass', value: 12 },
      { itemId: 'on-time-handling', result: 'fail' },
    ],
    { ifMatch: planned.version },
  )
  assert.is(domain.status, 400)
  assert.equal(
    domain.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`),
    ['0.personId:required', '1.personId:scope', '2.personId:invalid', '3.itemId:exists', '4.value:invalid', '5.itemId:duplicate'],
  )
  assert.is((await auditor.get(`/api/inspections/${planned.id}`)).body.status, 'planned', 'a refused batch changes nothing')
})

recording('number and choice items check their values', async (c) => {
  const auditor = await c.as('auditor')
  const template = (
    await auditor.post('/api/checklist-templates', {
      name: 'Kiểm tra hồ sơ',
      items: [
        { id: 'count', text: 'Số hồ sơ quá hạn', category: 'on_time_handling', responseType: 'number' },
        { id: 'state', text: 'Tình trạng sổ theo dõi', category: 'documented_information', responseType: 'choice', choices: ['Đầy đủ', 'Thiếu'] },
      ],
    })
  ).body
  const planned = (await auditor.post('/api/inspections', { templateId: template.id, orgUnitId: await c.unitId('QLDN'), kind: 'internal', plannedFor: '2026-05-06' })).body
  const bad = await auditor.put(`/api/inspections/${planned.id}/responses`, [{ itemId: 'count', result: 'pass', value: 'nhiều' }, { itemId: 'state', result: 'fail', value: 'Mất' }], { ifMatch: planned.version })
  assert.equal(bad.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`), ['0.value:type', '1.value:enum'])
  const missing = await auditor.put(`/api/inspections/${planned.id}/responses`, [{ itemId: 'count', result: 'pass' }], { ifMatch: planned.version })
  assert.equal(missing.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`), ['0.value:required'])
  const ok = await auditor.put(`/api/inspections/${planned.id}/responses`, [{ itemId: 'count', result: 'pass', value: 0 }, { itemId: 'state', result: 'fail', value: 'Thiếu' }], { ifMatch: planned.version })
  assert.is(ok.status, 200)
  assert.equal(ok.body.responses.map((r: { value: unknown }) => r.value), [0, 'Thiếu'])
})

// ---------------------------------------------------------------------------------------

const completing = suite('completing an inspection', ctx)

completing('refuses with 422 listing every missing response, the people present and failure photos', async (c) => {
  const auditor = await c.as('auditor')
  const planned = await planReception(c)
  const staff = await c.userId('staff')
  const partial = await auditor.put(
    `/api/inspections/${planned.id}/responses`,
    [
      { itemId: 'id-badge', personId: staff, result: 'pass' },
      { itemId: 'public-posting', result: 'fail', note: 'Chưa niêm yết phí mới' },
    ],
    { ifMatch: planned.version },
  )
  assert.equal(
    partial.body.missing.map((m: { itemId: string; reason: string }) => `${m.itemId}:${m.reason}`).sort(),
    ['attendance:response', 'attendance:response', 'conduct:response', 'id-badge:response', 'on-time-handling:response', 'public-posting:photo'],
  )
  const refused = await auditor.post(`/api/inspections/${planned.id}/complete`, {}, { ifMatch: partial.body.version })
  assert.is(refused.status, 422)
  assert.match(refused.body.detail, /5 responses, 1 photo/)
  const paths = refused.body.errors.map((e: { path: string }) => e.path)
  assert.ok(paths.includes('responses.conduct'))
  assert.ok(paths.includes(`responses.id-badge.${await c.userId('hoang.van.nam')}`))
  assert.ok(paths.includes('responses.public-posting.attachmentIds'))
  assert.is((await auditor.get(`/api/inspections/${planned.id}`)).body.status, 'in_progress')

  // Per-person items need the people present.
  const nobody = await planReception(c, 'auditor', { personIds: [] })
  const answered = await auditor.put(`/api/inspections/${nobody.id}/responses`, allResponses(nobody), { ifMatch: nobody.version })
  const noPeople = await auditor.post(`/api/inspections/${nobody.id}/complete`, {}, { ifMatch: answered.body.version })
  assert.is(noPeople.status, 422)
  assert.is(noPeople.body.errors[0].path, 'personIds')
})

completing('scores the weighted share of applicable passes and creates one finding per failure', async (c) => {
  const auditor = await c.as('auditor')
  const planned = await planReception(c)
  const nam = await c.userId('hoang.van.nam')
  const photo = await uploadPhoto(auditor)
  const responses = allResponses(planned, (itemId, personId) => {
    if (itemId === 'id-badge' && personId === nam) return { result: 'fail', note: 'Không đeo thẻ', handling: 'on_spot_reminder' }
    if (itemId === 'public-posting') return { result: 'fail', note: 'Bảng phí cũ', attachmentIds: [photo] }
    if (itemId === 'conduct') return { result: 'na' }
    return undefined
  })
  const recorded = await auditor.put(`/api/inspections/${planned.id}/responses`, responses, { ifMatch: planned.version })
  assert.is(recorded.status, 200)
  assert.equal(recorded.body.missing, [])
  const done = await auditor.post(`/api/inspections/${planned.id}/complete`, { conclusion: 'Cơ bản chấp hành tốt.' }, { ifMatch: recorded.body.version })
  assert.is(done.status, 200, done.text)
  assert.is(done.body.status, 'completed')
  assert.ok(done.body.completedAt)
  // Weights: attendance 2 ×2 people, badge 2 ×2, conduct n/a, on-time 2, posting 1 → 4+4+2+1 = 11 applicable, 11 − 2 − 1 = 8 pass.
  assert.is(done.body.score, 72.73)
  assert.is(done.body.conclusion, 'Cơ bản chấp hành tốt.')
  assert.is(done.body.findingCount, 2)
  const [badge, posting] = done.body.findings
  assert.is(badge.category, 'id_badge')
  assert.is(badge.personId, nam)
  assert.is(badge.handling, 'on_spot_reminder')
  assert.is(badge.status, 'closed', 'reminded on the spot: handled there and then')
  assert.is(badge.classification, 'observation')
  assert.is(badge.orgUnit.code, 'TNTKQ')
  assert.is(badge.foundOn, done.body.performedOn)
  assert.match(badge.description, /Không đeo thẻ/)
  assert.is(posting.category, 'public_posting')
  assert.is(posting.personId, null)
  assert.is(posting.status, 'open')
  assert.is(posting.handling, null)
  const listed = await auditor.get(`/api/findings?inspectionId=${planned.id}`)
  assert.is(listed.body.items.length, 2)
})

completing('an internal audit classifies failures as minor nonconformities by default', async (c) => {
  const auditor = await c.as('auditor')
  const iso = (await auditor.get('/api/checklist-templates?q=ISO')).body.items[0]
  const planned = (await auditor.post('/api/inspections', { templateId: iso.id, orgUnitId: await c.unitId('QLDN'), kind: 'internal_audit', plannedFor: '2026-05-07' })).body
  const responses = allResponses(planned, (itemId) => (itemId === 'iso-10-corrective' ? { result: 'fail', note: 'Chưa phân tích nguyên nhân' } : undefined))
  const recorded = await auditor.put(`/api/inspections/${planned.id}/responses`, responses, { ifMatch: planned.version })
  const done = await auditor.post(`/api/inspections/${planned.id}/complete`, {}, { ifMatch: recorded.body.version })
  assert.is(done.status, 200)
  assert.is(done.body.findings[0].classification, 'minor_nc')
  assert.equal(done.body.findings[0].clauseNumbers, ['10.2'])
})

completing('a completed inspection is read-only', async (c) => {
  const auditor = await c.as('auditor')
  const planned = await planReception(c)
  const recorded = await auditor.put(`/api/inspections/${planned.id}/responses`, allResponses(planned), { ifMatch: planned.version })
  const done = await auditor.post(`/api/inspections/${planned.id}/complete`, {}, { ifMatch: recorded.body.version })
  assert.is(done.body.score, 100)
  assert.is(done.body.findings.length, 0)
  const v = done.body.version
  const again = await auditor.put(`/api/inspections/${planned.id}/responses`, [{ itemId: 'conduct', result: 'fail' }], { ifMatch: v })
  assert.is(again.status, 409)
  assert.equal(again.body.allowed, [])
  assert.is((await auditor.patch(`/api/inspections/${planned.id}`, { location: 'x' }, { ifMatch: v })).status, 409)
  assert.is((await auditor.post(`/api/inspections/${planned.id}/complete`, {}, { ifMatch: v })).status, 409)
  assert.is((await auditor.post(`/api/inspections/${planned.id}/cancel`, { reason: 'x' }, { ifMatch: v })).status, 409)
})

completing('cancelling needs a reason and ends the inspection', async (c) => {
  const auditor = await c.as('auditor')
  const planned = await planReception(c)
  assert.is((await auditor.post(`/api/inspections/${planned.id}/cancel`, {}, { ifMatch: planned.version })).status, 400)
  const res = await auditor.post(`/api/inspections/${planned.id}/cancel`, { reason: 'Trùng lịch họp giao ban' }, { ifMatch: planned.version })
  assert.is(res.status, 200)
  assert.is(res.body.status, 'cancelled')
  assert.is(res.body.cancelReason, 'Trùng lịch họp giao ban')
  assert.is((await auditor.post(`/api/inspections/${planned.id}/start`, {}, { ifMatch: res.body.version })).status, 409)
})

completing('the audit log records planning, recording and completing', async (c) => {
  const auditor = await c.as('auditor')
  const planned = await planReception(c)
  const recorded = await auditor.put(`/api/inspections/${planned.id}/responses`, allResponses(planned), { ifMatch: planned.version })
  await auditor.post(`/api/inspections/${planned.id}/complete`, {}, { ifMatch: recorded.body.version })
  const log = await (await c.as('manager')).get(`/api/audit-log?entityType=inspection&entityId=${planned.id}`)
  assert.equal(log.body.items.map((e: { action: string }) => e.action).reverse(), ['inspection.create', 'inspection.record_responses', 'inspection.complete'])
})

// ---------------------------------------------------------------------------------------

const listing = suite('listing inspections', ctx)

listing('the demo holds the report period’s inspections: self, internal and briefing, almost all passing', async (c) => {
  const manager = await c.as('manager')
  const res = await manager.get('/api/inspections?from=2019-11-21&to=2020-05-27&status=completed&limit=500')
  const items = res.body.items
  assert.ok(items.length >= 12, `${items.length}`)
  const kinds = new Set(items.map((i: { kind: string }) => i.kind))
  for (const kind of ['self', 'internal', 'briefing']) assert.ok(kinds.has(kind), kind)
  const withFindings = items.filter((i: { findingCount: number }) => i.findingCount > 0)
  assert.is(withFindings.length, 2)
  const dates = items.map((i: { inspectionDate: string }) => i.inspectionDate)
  assert.equal(dates, [...dates].sort().reverse(), 'newest first')
  const planned = (await manager.get('/api/inspections?status=planned&limit=500')).body.items
  assert.ok(planned.some((i: { leadInspector: { fullName: string } }) => i.leadInspector.fullName === 'Trần Thị Lan'))
})

listing('filters by unit subtree and kind, and pages without gaps', async (c) => {
  const manager = await c.as('manager')
  const office = (await manager.get(`/api/inspections?orgUnitId=${await c.unitId('VP')}&limit=500`)).body.items
  assert.ok(office.some((i: { orgUnit: { code: string } }) => i.orgUnit.code === 'TNTKQ'))
  assertAll(office, (i: { orgUnit: { code: string } }) => ['VP', 'TNTKQ'].includes(i.orgUnit.code))
  const briefings = (await manager.get('/api/inspections?kind=briefing&limit=500')).body.items
  assertAll(briefings, (i: { kind: string }) => i.kind === 'briefing')
  const all = (await manager.get('/api/inspections?limit=500')).body.items.map((i: { id: string }) => i.id)
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const page: any = await manager.get(`/api/inspections?limit=4${cursor ? `&cursor=${cursor}` : ''}`)
    seen.push(...page.body.items.map((i: { id: string }) => i.id))
    cursor = page.body.nextCursor
  } while (cursor)
  assert.equal(seen, all)
  assert.is((await manager.get('/api/inspections?from=2020-13-01')).status, 400)
})

listing('list items carry the team and the people present as the inspection itself does', async (c) => {
  const planned = await planReception(c, 'auditor', { teamIds: [await c.userId('manager'), await c.userId('auditor')] })
  const read = (await (await c.as('auditor')).get(`/api/inspections/${planned.id}`)).body
  const listed = (await (await c.as('manager')).get(`/api/inspections?orgUnitId=${await c.unitId('TNTKQ')}&limit=500`)).body.items
  const item = listed.find((i: { id: string }) => i.id === planned.id)
  assert.is(item.team.length, 1, 'the lead is not repeated in the team')
  assert.is(item.people.length, 2)
  for (const key of ['teamIds', 'team', 'personIds', 'people', 'leadInspector', 'findingCount']) assert.equal(item[key], read[key], key)
  const withoutMembers = listed.find((i: { id: string; team: unknown[] }) => i.id !== planned.id && i.team.length === 0)
  if (withoutMembers) assert.equal(withoutMembers.teamIds, [])
})

// ---------------------------------------------------------------------------------------

listing('assignedTo lists the inspections a person leads or is on the team of', async (c) => {
  const auditorId = await c.userId('auditor')
  const managerId = await c.userId('manager')
  const led = await planReception(c, 'auditor', { plannedFor: '2032-03-01' })
  const onTeam = await planReception(c, 'manager', { plannedFor: '2032-03-02', leadInspectorId: managerId, teamIds: [auditorId] })
  const notMine = await planReception(c, 'manager', { plannedFor: '2032-03-03', leadInspectorId: managerId })
  const manager = await c.as('manager')
  const mine = (await manager.get(`/api/inspections?assignedTo=${auditorId}&from=2032-03-01&to=2032-03-31`)).body.items.map((i: { id: string }) => i.id)
  assert.equal(mine.sort(), [led.id, onTeam.id].sort())
  assert.not.ok(mine.includes(notMine.id))
  const bad = await manager.get('/api/inspections?assignedTo=me')
  assert.is(bad.status, 400)
})

listing('q finds inspections by number, the one whose number is the term first', async (c) => {
  const manager = await c.as('manager')
  const all = (await manager.get('/api/inspections?limit=500')).body.items as { id: string; number: string }[]
  const target = all[all.length - 1]
  const [seq, year] = target.number.split('/')
  const byYear = (await manager.get(`/api/inspections?q=${year}/BB&limit=500`)).body.items as { number: string }[]
  assert.ok(byYear.length >= 1)
  assertAll(byYear, (i) => i.number.includes(`/${year}/`))
  // The exact number (any case) comes first, though it is the oldest.
  const exact = await manager.get(`/api/inspections?q=${encodeURIComponent(target.number.toLowerCase())}`)
  assert.is(exact.status, 200, exact.text)
  assert.is(exact.body.items[0].id, target.id)
  // A one- or two-character term matches the start of the number only.
  const short = (await manager.get(`/api/inspections?q=${seq}&limit=500`)).body.items as { number: string }[]
  assertAll(short, (i) => i.number.startsWith(seq))
  assert.is((await manager.get('/api/inspections?q=khong-co-bien-ban')).body.items.length, 0)
  assert.is((await manager.get(`/api/inspections?q=${'x'.repeat(201)}`)).status, 400)
})

const record = suite('the printed record', ctx)

record('HTML and PDF carry the record with Vietnamese diacritics intact', async (c) => {
  const auditor = await c.as('auditor')
  const planned = await planReception(c)
  const nam = await c.userId('hoang.van.nam')
  const responses = allResponses(planned, (itemId, personId) => (itemId === 'id-badge' && personId === nam ? { result: 'fail', note: 'Quên thẻ', handling: 'on_spot_reminder' } : undefined))
  const recorded = await auditor.put(`/api/inspections/${planned.id}/responses`, responses, { ifMatch: planned.version })
  const done = (await auditor.post(`/api/inspections/${planned.id}/complete`, { conclusion: 'Đơn vị chấp hành tốt.' }, { ifMatch: recorded.body.version })).body

  const html = await auditor.get(`/api/inspections/${planned.id}/record?format=html`)
  assert.is(html.status, 200)
  assert.match(String(html.headers['content-type']), /text\/html/)
  for (const text of ['BIÊN BẢN KIỂM TRA', `Số: ${done.number}`, 'Hoàng Văn Nam', 'Nhắc nhở tại chỗ', 'Kiểm tra nội bộ', 'Đơn vị chấp hành tốt.', 'TRƯỞNG ĐOÀN KIỂM TRA']) {
    assert.ok(html.text.includes(text), text)
  }

  const res = await auditor.raw(`/api/inspections/${planned.id}/record?format=pdf`)
  assert.is(res.statusCode, 200)
  assert.is(res.headers['content-type'], 'application/pdf')
  assert.is(res.rawPayload.subarray(0, 5).toString(), '%PDF-')
  // Lines wrap where the page ends them: compare with single spaces.
  const text = pdfText(res.rawPayload).replace(/\s+/g, ' ')
  if (process.env.DUMP_PDF) (await import('node:fs')).writeFileSync(process.env.DUMP_PDF, res.rawPayload)
  for (const expected of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BIÊN BẢN KIỂM TRA', 'Bộ phận Tiếp nhận và Trả kết quả', 'Hoàng Văn Nam', 'Nhắc nhở tại chỗ', 'Đeo thẻ công chức, viên chức trong giờ làm việc']) {
    assert.ok(text.includes(expected), `PDF text has "${expected}"`)
  }
})

record('photos taken on failures are numbered in the results and printed in an annex, in the HTML and in the PDF', async (c) => {
  const auditor = await c.as('auditor')
  const planned = await planReception(c)
  const photo = await uploadPhoto(auditor)
  const responses = allResponses(planned, (itemId) => (itemId === 'public-posting' ? { result: 'fail', note: 'Bảng phí cũ', attachmentIds: [photo] } : undefined))
  const recorded = await auditor.put(`/api/inspections/${planned.id}/responses`, responses, { ifMatch: planned.version })
  assert.is(recorded.status, 200)
  const posting = recorded.body.items.findIndex((i: { id: string }) => i.id === 'public-posting') + 1
  const caption = `Ảnh 1. Nội dung ${posting}: ${recorded.body.items[posting - 1].text} (Bảng phí cũ)`

  const html = await auditor.get(`/api/inspections/${planned.id}/record?format=html`)
  for (const text of ['Ảnh minh chứng số 1 (phụ lục)', 'PHỤ LỤC: ẢNH MINH CHỨNG', `<img src="/api/attachments/${photo}"`, caption]) {
    assert.ok(html.text.includes(text), text)
  }
  // The photo the HTML shows is served to the same reader.
  assert.is((await auditor.get(`/api/attachments/${photo}`)).status, 200)

  const cookie = auditor.cookieHeader()
  const res = await c.app.inject({ method: 'GET', url: `/api/inspections/${planned.id}/record?format=pdf`, headers: { cookie } })
  assert.is(res.statusCode, 200)
  assert.ok(res.rawPayload.includes('/Subtype /Image'), 'the PDF embeds the photo')
  const text = pdfText(res.rawPayload).replace(/\s+/g, ' ')
  for (const expected of ['PHỤ LỤC: ẢNH MINH CHỨNG', 'Ảnh minh chứng số 1 (phụ lục)', 'Ảnh 1. Nội dung']) assert.ok(text.includes(expected), `PDF text has "${expected}"`)

  // Without photos there is no annex.
  const plain = await planReception(c)
  const answered = await auditor.put(`/api/inspections/${plain.id}/responses`, allResponses(plain), { ifMatch: plain.version })
  assert.is(answered.status, 200)
  const bare = await c.app.inject({ method: 'GET', url: `/api/inspections/${plain.id}/record?format=pdf`, headers: { cookie } })
  assert.not.ok(bare.rawPayload.includes('/Subtype /Image'))
  assert.not.ok((await auditor.get(`/api/inspections/${plain.id}/record?format=html`)).text.includes('PHỤ LỤC'))
})

record('only those who may read the inspection get its record', async (c) => {
  const manager = await c.as('manager')
  const elsewhere = (await manager.get(`/api/inspections?orgUnitId=${await c.unitId('QLDN')}`)).body.items[0]
  assert.is((await (await c.as('staff')).get(`/api/inspections/${elsewhere.id}/record`)).status, 403)
  assert.is((await manager.get(`/api/inspections/${elsewhere.id}/record?format=docx`)).status, 400)
})

ctx.use(planning, permissions, recording, completing, listing, record)
planning.run()
permissions.run()
recording.run()
completing.run()
listing.run()
record.run()
