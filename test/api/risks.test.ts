import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { riskLevel } from '../../server/modules/risks/service.ts'
import type { ApiClient } from '../helpers/app.ts'
import { appContext } from '../helpers/app.ts'
import { assertAll } from '../helpers/assertions.ts'
import { addDays, today } from '../helpers/nonconformities.ts'

const ctx = appContext()

/** The planning department has no demo risks: the fixtures below are all there is in it. */
const FIXTURE_UNIT = 'QLQHXD'

async function record(client: ApiClient, body: Record<string, unknown>) {
  const res = await client.post('/api/risks', { kind: 'risk', title: 'Hồ sơ trễ hạn', cause: 'Thiếu nhân sự', effect: 'Trả kết quả chậm', ownerId: await ctx.userId('manager'), ...body })
  assert.is(res.status, 201, res.text)
  return res.body
}

const register = suite('the risk register', ctx)

register('the score is likelihood × impact and its level follows the thresholds; a re-assessment keeps the history', async ({ as, unitId }) => {
  const manager = await as('manager')
  const unit = await unitId(FIXTURE_UNIT)
  // At and just past each default threshold (≤4 low, ≤9 medium, ≤15 high, else critical).
  const cases: [number, number, string][] = [[2, 2, 'low'], [1, 5, 'medium'], [3, 3, 'medium'], [2, 5, 'high'], [3, 5, 'high'], [4, 4, 'critical']]
  const made = []
  for (const [likelihood, impact, level] of cases) {
    const risk = await record(manager, { orgUnitId: unit, likelihood, impact, title: `Ngưỡng ${likelihood}×${impact}` })
    assert.equal([risk.score, risk.level, risk.assessments.length], [likelihood * impact, level, 1], `${likelihood}×${impact}`)
    made.push(risk)
  }
  const high = await manager.get(`/api/risks?orgUnitId=${unit}&level=high`)
  assert.equal(high.body.items.map((r: { score: number }) => r.score), [15, 10], 'highest score first')

  const risk = made[0]
  const url = `/api/risks/${risk.id}/assessments`
  assert.is((await manager.post(url, { likelihood: 4, impact: 5 })).status, 428)
  assert.is((await manager.post(url, { likelihood: 4, impact: 5 }, { ifMatch: risk.version + 1 })).status, 412)
  const moved = await manager.post(url, { likelihood: 4, impact: 5, note: 'Số hồ sơ yêu cầu bổ sung tăng' }, { ifMatch: risk.version })
  assert.is(moved.status, 201, moved.text)
  assert.equal([moved.body.likelihood, moved.body.impact, moved.body.score, moved.body.level, moved.body.version], [4, 5, 20, 'critical', risk.version + 1])
  assert.equal(moved.body.assessments.map((a: { score: number; note: string | null }) => [a.score, a.note]), [[20, 'Số hồ sơ yêu cầu bổ sung tăng'], [4, null]], 'newest first')
  const audit = await manager.get(`/api/audit-log?entityId=${risk.id}`)
  assert.equal(audit.body.items.map((e: { action: string }) => e.action), ['risk.reassess', 'risk.create'])

  // The thresholds are a setting (QMS_RISK_LEVELS): the same scores under 6,12,20.
  const t = { low: 6, medium: 12, high: 20 }
  assert.equal([4, 6, 7, 12, 13, 20, 21].map((s) => riskLevel(s, t)), ['low', 'low', 'medium', 'medium', 'high', 'high', 'critical'])
})

register('the heat map counts the selection per likelihood × impact cell', async ({ as, unitId }) => {
  const manager = await as('manager')
  const unit = await unitId(FIXTURE_UNIT)
  // By hand, from the test above: 2×2 moved to 4×5; 1×5, 3×3, 2×5, 3×5, 4×4 stay. Plus two opportunities.
  await record(manager, { orgUnitId: unit, kind: 'opportunity', likelihood: 3, impact: 3, title: 'Chuyển thủ tục lên mức độ 4' })
  await record(manager, { orgUnitId: unit, kind: 'opportunity', likelihood: 5, impact: 1, title: 'Trả kết quả qua bưu chính công ích' })
  const map = (await manager.get(`/api/risks/heat-map?orgUnitId=${unit}`)).body
  const nonzero = (m: typeof map) => m.cells.filter((c: { count: number }) => c.count > 0).map((c: { likelihood: number; impact: number; count: number }) => `${c.likelihood}×${c.impact}:${c.count}`)
  assert.is(map.cells.length, 25)
  assert.equal(nonzero(map), ['5×1:1', '4×4:1', '4×5:1', '3×3:2', '3×5:1', '2×5:1', '1×5:1'])
  assert.is(map.total, 8)
  assert.equal(map.thresholds, { low: 4, medium: 9, high: 15 })
  assert.equal(map.cells.find((c: { likelihood: number; impact: number }) => c.likelihood === 4 && c.impact === 4).level, 'critical')
  // The list's filters apply: opportunities only, or one cell (what a cell's link opens).
  assert.equal(nonzero((await manager.get(`/api/risks/heat-map?orgUnitId=${unit}&kind=opportunity`)).body), ['5×1:1', '3×3:1'])
  const cell = await manager.get(`/api/risks?orgUnitId=${unit}&likelihood=3&impact=3`)
  assert.is(cell.body.items.length, 2)
  assert.is((await manager.get(`/api/risks/heat-map?orgUnitId=${unit}&likelihood=3&impact=3`)).body.total, 2)
})

register('review due: not closed and the review date today or past', async ({ as, unitId }) => {
  const manager = await as('manager')
  const unit = await unitId(FIXTURE_UNIT)
  const due = await record(manager, { orgUnitId: unit, likelihood: 1, impact: 1, title: 'Đến hạn xem xét', reviewDate: today() })
  const later = await record(manager, { orgUnitId: unit, likelihood: 1, impact: 1, title: 'Chưa đến hạn', reviewDate: addDays(today(), 1) })
  assert.equal([due.reviewDue, later.reviewDue], [true, false])
  const ids = async (overdue: boolean) => ((await manager.get(`/api/risks?orgUnitId=${unit}&reviewOverdue=${overdue}&limit=500`)).body.items as { id: string }[]).map((r) => r.id)
  assert.ok((await ids(true)).includes(due.id))
  assert.not.ok((await ids(true)).includes(later.id))
  assert.ok((await ids(false)).includes(later.id))
  const closed = await manager.patch(`/api/risks/${due.id}`, { status: 'closed' }, { ifMatch: due.version })
  assert.is(closed.status, 200, closed.text)
  assert.not.ok((await ids(true)).includes(due.id), 'a closed risk is not due for review')
})

const treatment = suite('treatment actions and status', ctx)

treatment('actions are added by the head, completed by their owner; treated only once they are done; closed is read-only until reopened', async ({ as, unitId, userId }) => {
  const head = await as('head')
  const staff = await as('staff')
  const risk = await record(head, { orgUnitId: await unitId('TNTKQ'), process: 'Tiếp nhận và trả kết quả hồ sơ', likelihood: 3, impact: 4, ownerId: await userId('head') })
  const added = await head.post(`/api/risks/${risk.id}/actions`, { description: 'Nhắc việc đeo thẻ trong họp giao ban', ownerId: await userId('staff'), dueDate: addDays(today(), 7) })
  assert.is(added.status, 201, added.text)
  assert.equal(added.body.allowedActions, ['update', 'complete'])
  const early = await head.patch(`/api/risks/${risk.id}`, { status: 'treated' }, { ifMatch: risk.version })
  assert.equal([early.status, early.body.errors?.[0]?.path], [422, 'status'])
  const done = await staff.post(`/api/risks/${risk.id}/actions/${added.body.id}/complete`, { note: 'Đã nhắc tại họp ngày thứ Hai' }, { ifMatch: added.body.version })
  assert.is(done.status, 200, done.text)
  assert.equal([done.body.status, done.body.completedBy.fullName], ['done', 'Phạm Thị Thu'])
  const treated = await head.patch(`/api/risks/${risk.id}`, { status: 'treated' }, { ifMatch: risk.version })
  assert.equal([treated.status, treated.body.status, treated.body.openActions], [200, 'treated', 0])
  const closed = await head.patch(`/api/risks/${risk.id}`, { status: 'closed' }, { ifMatch: treated.body.version })
  assert.is(closed.status, 200)
  const edit = await head.patch(`/api/risks/${risk.id}`, { title: 'Sửa' }, { ifMatch: closed.body.version })
  assert.equal([edit.status, edit.body.allowed], [409, ['reopen']])
  assert.is((await head.post(`/api/risks/${risk.id}/assessments`, { likelihood: 1, impact: 1 }, { ifMatch: closed.body.version })).status, 409)
  const reopened = await head.patch(`/api/risks/${risk.id}`, { status: 'open', reviewDate: addDays(today(), 30) }, { ifMatch: closed.body.version })
  assert.equal([reopened.status, reopened.body.status], [200, 'open'])
})

const access = suite('who may see and change risks', ctx)

access('a head manages the risks of their subtree only; staff read their own unit’s and change nothing', async ({ as, unitId, userId }) => {
  const manager = await as('manager')
  const head = await as('head')
  const staff = await as('staff')
  const elsewhere = await record(manager, { orgUnitId: await unitId(FIXTURE_UNIT), likelihood: 2, impact: 3, title: 'Ở phòng khác' })
  const noUnit = await record(manager, { process: 'Cung cấp dịch vụ công trực tuyến', likelihood: 2, impact: 3, title: 'Chỉ có quy trình' })
  const desk = await record(head, { orgUnitId: await unitId('TNTKQ'), likelihood: 2, impact: 2, title: 'Ở quầy', ownerId: await userId('head') })

  assert.is((await head.patch(`/api/risks/${elsewhere.id}`, { title: 'x' }, { ifMatch: elsewhere.version })).status, 403)
  assert.is((await head.post(`/api/risks/${elsewhere.id}/assessments`, { likelihood: 1, impact: 1 }, { ifMatch: elsewhere.version })).status, 403)
  assert.is((await head.get(`/api/risks/${elsewhere.id}`)).status, 403)
  assert.is((await head.post('/api/risks', { kind: 'risk', orgUnitId: await unitId(FIXTURE_UNIT), title: 'x', cause: 'x', effect: 'x', likelihood: 1, impact: 1, ownerId: await userId('head') })).status, 403)
  assert.is((await head.post('/api/risks', { kind: 'risk', process: 'Chỉ có quy trình', title: 'x', cause: 'x', effect: 'x', likelihood: 1, impact: 1, ownerId: await userId('head') })).status, 403, 'a risk with no unit is the managers’')
  // Nor may a head move their own risk out of their subtree.
  assert.is((await head.patch(`/api/risks/${desk.id}`, { orgUnitId: await unitId(FIXTURE_UNIT) }, { ifMatch: desk.version })).status, 403)

  const office = await unitId('VP')
  const headList = (await head.get('/api/risks?limit=500')).body.items as { id: string; orgUnit: { id: string } | null }[]
  assert.ok(headList.some((r) => r.id === desk.id))
  assert.not.ok(headList.some((r) => r.id === elsewhere.id || r.id === noUnit.id))
  const units = (await head.get(`/api/org-units?within=${office}&limit=500`)).body.items.map((u: { id: string }) => u.id)
  assertAll(headList, (r) => r.orgUnit && units.includes(r.orgUnit.id))

  const seen = await staff.get(`/api/risks/${desk.id}`)
  assert.equal([seen.status, seen.body.allowedActions], [200, []])
  assert.is((await staff.get(`/api/risks/${elsewhere.id}`)).status, 403)
  assert.is((await staff.patch(`/api/risks/${desk.id}`, { title: 'x' }, { ifMatch: desk.version })).status, 403)
  assert.is((await staff.post(`/api/risks/${desk.id}/assessments`, { likelihood: 1, impact: 1 }, { ifMatch: desk.version })).status, 403)
  assert.is((await staff.post(`/api/risks/${desk.id}/actions`, { description: 'x', ownerId: await userId('staff'), dueDate: today() })).status, 403)
  const staffList = (await staff.get('/api/risks?limit=500')).body.items as { orgUnit: { code: string } | null }[]
  assertAll(staffList, (r) => r.orgUnit?.code === 'TNTKQ')
  assert.is((await staff.get('/api/risks/heat-map')).body.total, staffList.length)
})

access('bad input is refused naming the field, and nothing is written', async ({ as, unitId, userId }) => {
  const manager = await as('manager')
  const before = (await manager.get('/api/risks/heat-map')).body.total
  const base = { kind: 'risk', orgUnitId: await unitId(FIXTURE_UNIT), title: 'x', cause: 'x', effect: 'x', likelihood: 3, impact: 3, ownerId: await userId('manager') }
  const six = await manager.post('/api/risks', { ...base, likelihood: 6 })
  assert.equal([six.status, six.body.errors.map((e: { path: string }) => e.path)], [400, ['likelihood']])
  const nowhere = await manager.post('/api/risks', { ...base, orgUnitId: null })
  assert.equal([nowhere.status, nowhere.body.errors[0].path], [400, 'process'])
  const nobody = await manager.post('/api/risks', { ...base, ownerId: '00000000-0000-4000-8000-000000000000' })
  assert.equal([nobody.status, nobody.body.errors[0].path], [422, 'ownerId'])
  assert.is((await manager.get('/api/risks/heat-map')).body.total, before)
  const risk = await record(manager, base)
  const direct = await manager.patch(`/api/risks/${risk.id}`, { likelihood: 1 }, { ifMatch: risk.version })
  assert.is(direct.status, 400, 'the score changes only by a re-assessment')
  assert.is((await manager.patch(`/api/risks/${risk.id}`, { title: 'y' })).status, 428)
  assert.is((await manager.post(`/api/risks/${risk.id}/assessments`, { likelihood: 0, impact: 3 }, { ifMatch: risk.version })).status, 400)
})

ctx.use(register, treatment, access)
register.run()
treatment.run()
access.run()
