import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Db } from '../../db/client.ts'
import { documentRevisions, documents, dossierStatRollups, inspectionResultRollups, nonconformities } from '../../db/schema/index.ts'
import { monthlyFigures } from '../../server/modules/objectives/indicator-values.ts'
import { appContext, type ApiClient } from '../helpers/app.ts'

/**
 * The fixtures are hand-counted: a unit P with a child C (P's subtree) and a sibling S
 * (outside it), records of 2025 in each, and the app's clock on 15/08/2025: Q1 and Q2
 * have ended, Q3 is under way, Q4 is ahead. Dossier and inspection figures are written
 * into their rollups (what indicators read; the rollups' agreement with the records is
 * the rollup modules' tests'), complaints through the API, nonconformities and document
 * revisions as rows.
 */
const now = new Date('2025-08-15T03:00:00Z')
// Sessions started on that clock must outlive the real one (the test client drops expired cookies).
const ctx = appContext({ clock: () => now, config: { sessionHours: 24 * 365 * 50, sessionMaxDays: 365 * 50 } })

interface Units {
  P: string
  C: string
  S: string
}
let units: Units | undefined

const SHA = 'a'.repeat(64)

async function fixtureUnits(as: (u: string) => Promise<ApiClient>, unitId: (code: string) => Promise<string>): Promise<Units> {
  if (units) return units
  const admin = await as('admin')
  const root = await unitId('BQL')
  const make = async (code: string, parentId: string) => {
    const res = await admin.post('/api/org-units', { code, name: `Đơn vị ${code}`, parentId })
    assert.is(res.status, 201, res.text)
    return res.body.id as string
  }
  const P = await make('OBJ-P', root)
  const C = await make('OBJ-C', P)
  const S = await make('OBJ-S', root)
  units = { P, C, S }
  return units
}

async function seedRecords(db: Db, as: (u: string) => Promise<ApiClient>, { P, C, S }: Units) {
  const inspection = (grain: 'day' | 'dekad' | 'month', start: string, orgUnitId: string, passed: number, failed: number, category = 'id_badge', kind = '*') => ({
    grain,
    start,
    orgUnitId,
    kind,
    category,
    inspections: 1,
    passed,
    failed,
  })
  await db.insert(inspectionResultRollups).values([
    // Q1: P 3/4 (January), C 4/4 (February) and 2/4 (March, with its day and dekad rows): 9/12.
    inspection('month', '2025-01-01', P, 3, 1),
    inspection('month', '2025-02-01', C, 4, 0),
    inspection('month', '2025-03-01', C, 2, 2),
    inspection('dekad', '2025-03-11', C, 2, 2),
    inspection('day', '2025-03-12', C, 2, 2),
    // Outside: the sibling, another category, the per-kind rows.
    inspection('month', '2025-02-01', S, 10, 0),
    inspection('month', '2025-02-01', C, 0, 7, 'attendance'),
    inspection('month', '2025-02-01', C, 0, 9, 'id_badge', 'internal'),
    // Q2: 5/5.
    inspection('month', '2025-04-01', P, 5, 0),
    // Q3 so far (to 15/08): July 1/2, the first dekad of August 1/1, 12/08 0/1; not 20/08.
    inspection('month', '2025-07-01', C, 1, 1),
    inspection('month', '2025-08-01', C, 1, 3),
    inspection('dekad', '2025-08-01', C, 1, 1),
    inspection('dekad', '2025-08-11', C, 0, 2),
    inspection('day', '2025-08-05', C, 1, 1),
    inspection('day', '2025-08-12', C, 0, 1),
    inspection('day', '2025-08-20', C, 0, 1),
  ])
  const procedureId = crypto.randomUUID()
  const dossier = (start: string, orgUnitId: string, channel: string, received: number, early = 0, onTime = 0, late = 0) => ({
    grain: 'month',
    start,
    orgUnitId,
    procedureId,
    channel,
    received,
    resolvedEarly: early,
    resolvedOnTime: onTime,
    resolvedLate: late,
  })
  await db.insert(dossierStatRollups).values([
    // Q1 in P's subtree: received 7 (4 online), resolved 7 (6 early or on time).
    dossier('2025-01-01', P, 'online', 3, 1, 2, 1),
    dossier('2025-01-01', P, 'in_person', 1),
    dossier('2025-03-01', C, 'postal', 2, 0, 3, 0),
    dossier('2025-03-01', C, 'online', 1),
    dossier('2025-02-01', S, 'online', 10, 10),
  ])
  const manager = await as('manager')
  for (const [orgUnitId, receivedAt] of [
    [C, '2025-02-10T02:00:00Z'],
    [P, '2025-05-03T02:00:00Z'],
    [S, '2025-02-11T02:00:00Z'],
  ]) {
    const res = await manager.post('/api/complaints', { kind: 'feedback', orgUnitId, receivedAt, summary: 'Phản ánh thử.' })
    assert.is(res.status, 201, res.text)
  }
  const nc = (orgUnitId: string, dueDate: string, closedOn: string | null, status: 'closed' | 'in_progress' | 'cancelled' = closedOn ? 'closed' : 'in_progress') => ({
    source: 'other' as const,
    orgUnitId,
    title: 'NC thử',
    severity: 'minor' as const,
    detectedOn: '2025-01-02',
    dueDate,
    status,
    closedAt: closedOn ? new Date(`${closedOn}T03:00:00Z`) : null,
    closedOn,
    cancelledAt: status === 'cancelled' ? new Date('2025-01-05T03:00:00Z') : null,
    cancelReason: status === 'cancelled' ? 'Nhầm' : null,
  })
  // Q1 in P's subtree: 3 due (one closed on time, one late, one still open), one cancelled.
  await db.insert(nonconformities).values([
    nc(C, '2025-02-15', '2025-02-10'),
    nc(C, '2025-03-20', '2025-03-25'),
    nc(P, '2025-01-31', null),
    nc(P, '2025-03-01', null, 'cancelled'),
    nc(S, '2025-02-01', '2025-01-20'),
  ])
  // Reviews due in Q1 in P's subtree: one done by its date (superseded 20/01), one not.
  const [a, b, s] = await db
    .insert(documents)
    .values([
      { code: 'OBJ-QT-01', title: 'Quy trình A', type: 'procedure' as const, owningUnitId: C },
      { code: 'OBJ-QT-02', title: 'Quy trình B', type: 'procedure' as const, owningUnitId: P },
      { code: 'OBJ-QT-03', title: 'Quy trình C', type: 'procedure' as const, owningUnitId: S },
    ])
    .returning({ id: documents.id })
  const revision = (documentId: string, issueNumber: number, effectiveFrom: string, status: 'published' | 'superseded', supersededAt: Date | null = null) => ({
    documentId,
    issueNumber,
    status,
    changeSummary: 'Ban hành',
    standardEdition: '2015' as const,
    fileName: 'qt.pdf',
    contentType: 'application/pdf',
    fileSize: 1,
    sha256: SHA,
    effectiveFrom,
    publishedAt: new Date(`${effectiveFrom}T03:00:00Z`),
    supersededAt,
  })
  await db.insert(documentRevisions).values([
    revision(a.id, 1, '2024-02-01', 'superseded', new Date('2025-01-20T03:00:00Z')),
    revision(a.id, 2, '2025-01-20', 'published'),
    revision(b.id, 1, '2024-03-10', 'published'),
    revision(s.id, 1, '2024-02-01', 'published'),
  ])
}

const ALL_METRICS = [
  { name: 'Đúng hạn', frequency: 'quarter', source: 'computed', metric: 'dossiers_on_time', targetMin: 90 },
  { name: 'Trực tuyến', frequency: 'quarter', source: 'computed', metric: 'dossiers_online', targetMin: 50 },
  { name: 'Phản ánh', frequency: 'quarter', source: 'computed', metric: 'complaints_received', targetMax: 0 },
  { name: 'Đeo thẻ', frequency: 'quarter', source: 'computed', metric: 'inspection_pass_rate', category: 'id_badge', targetMin: 100 },
  { name: 'NC đúng hạn', frequency: 'quarter', source: 'computed', metric: 'ncs_closed_on_time', targetMin: 80 },
  { name: 'Soát xét tài liệu', frequency: 'quarter', source: 'computed', metric: 'documents_reviewed_on_time', targetMin: 100 },
]

let fixture: { id: string; byName: Record<string, any> } | undefined

async function objectiveOfP(as: (u: string) => Promise<ApiClient>, unitId: (code: string) => Promise<string>, db: Db) {
  if (fixture) return fixture
  const u = await fixtureUnits(as, unitId)
  await seedRecords(db, as, u)
  const created = await (await as('manager')).post('/api/objectives', {
    year: 2025,
    title: 'Mục tiêu thử của P',
    ownerUnitId: u.P,
    policyStatement: 'Phục vụ tổ chức, cá nhân ngày càng tốt hơn.',
    indicators: ALL_METRICS,
  })
  assert.is(created.status, 201, created.text)
  assert.is(created.headers.etag, '"1"')
  fixture = { id: created.body.id, byName: Object.fromEntries(created.body.indicators.map((i: any) => [i.name, i])) }
  return fixture
}

const values = (indicator: { periods: { value: number | null }[] }) => indicator.periods.map((p) => p.value)

const computed = suite('computed indicators against hand-counted figures', ctx)

computed('each metric over the owner unit\'s subtree, quarter by quarter (months summed), the current quarter so far, the next one empty', async ({ as, unitId, db }) => {
  const { byName } = await objectiveOfP(as, unitId, db)
  assert.equal(values(byName['Đúng hạn']), [85.71, null, null, null])
  assert.equal([byName['Đúng hạn'].periods[0].numerator, byName['Đúng hạn'].periods[0].denominator], [6, 7])
  assert.equal(values(byName['Trực tuyến']), [57.14, null, null, null])
  assert.equal(values(byName['Phản ánh']), [1, 1, 0, null])
  assert.equal(values(byName['Đeo thẻ']), [75, 100, 40, null], 'Q3: July 1/2, August to the 15th 1/3 (first dekad 1/2, then 12/08 0/1)')
  assert.equal([byName['Đeo thẻ'].periods[2].numerator, byName['Đeo thẻ'].periods[2].denominator], [2, 5])
  assert.equal(values(byName['NC đúng hạn']), [33.33, null, null, null])
  assert.equal(values(byName['Soát xét tài liệu']), [50, null, null, null])
  const badge = byName['Đeo thẻ']
  assert.equal(badge.periods.map((p: any) => p.state), ['ended', 'ended', 'current', 'future'])
  assert.equal(badge.periods.map((p: any) => p.onTarget), [false, true, false, null])
  assert.equal(badge.periods.map((p: any) => [p.trend, p.improved]), [[null, null], ['up', true], ['down', false], [null, null]])
  assert.equal(badge.periods.map((p: any) => [p.from, p.to]).slice(0, 2), [['2025-01-01', '2025-03-31'], ['2025-04-01', '2025-06-30']])
  assert.equal(byName['Phản ánh'].periods.map((p: any) => p.onTarget), [false, false, true, null])
  assert.is(badge.latest.period, 'Q3', 'the latest value is the current period so far')
})

computed('the periods that ended are frozen on the first read; later records change them only by a manager\'s recompute', async ({ as, unitId, db }) => {
  const { id } = await objectiveOfP(as, unitId, db)
  const manager = await as('manager')
  const first = (await manager.get(`/api/objectives/${id}`)).body.indicators.find((i: any) => i.name === 'Đeo thẻ')
  assert.equal(first.periods.map((p: any) => p.frozen), [true, true, false, false])
  const q1 = first.periods[0]
  assert.ok(q1.valueId && q1.frozenAt && q1.version === 1)
  // A late record for March (and for July, in the current quarter).
  const { C } = units!
  const addPassed = (start: string, n: number) =>
    db.execute(sql`update inspection_result_rollups set passed = passed + ${n} where grain = 'month' and start = ${start}::date and org_unit_id = ${C} and kind = '*' and category = 'id_badge'`)
  await addPassed('2025-03-01', 3)
  await addPassed('2025-07-01', 2)
  const again = (await manager.get(`/api/objectives/${id}/indicators/${first.id}`)).body
  assert.equal(values(again), [75, 100, 57.14, null], 'Q1 stays frozen; the current quarter follows the records')

  const head = await as('head')
  assert.is((await head.post(`/api/objectives/${id}/indicators/${first.id}/periods/Q1/recompute`, {}, { ifMatch: 1 })).status, 403)
  assert.is((await manager.post(`/api/objectives/${id}/indicators/${first.id}/periods/Q1/recompute`, {})).status, 428)
  assert.is((await manager.post(`/api/objectives/${id}/indicators/${first.id}/periods/Q1/recompute`, {}, { ifMatch: 7 })).status, 412)
  assert.is((await manager.post(`/api/objectives/${id}/indicators/${first.id}/periods/Q3/recompute`, {}, { ifMatch: 1 })).status, 409, 'Q3 has not ended')
  const recomputed = await manager.post(`/api/objectives/${id}/indicators/${first.id}/periods/Q1/recompute`, { reason: 'Biên bản tháng 3 nhập muộn' }, { ifMatch: 1 })
  assert.is(recomputed.status, 200, recomputed.text)
  assert.equal([recomputed.body.value, recomputed.body.numerator, recomputed.body.denominator, recomputed.body.version], [80, 12, 15, 2])
  assert.is(recomputed.headers.etag, '"2"')
  const audit = (await manager.get(`/api/audit-log?entityId=${first.id}&action=objective_indicator.recompute`)).body.items
  assert.is(audit.length, 1)
  assert.equal([audit[0].before.value, audit[0].after.value, audit[0].after.reason], [75, 80, 'Biên bản tháng 3 nhập muộn'])
  const frozenLog = (await manager.get(`/api/audit-log?entityId=${first.id}&action=objective_indicator.freeze`)).body.items
  assert.equal(frozenLog.length, 1, 'frozen once, by the first read')
})

computed('the monthly figures behind a period that straddles months are the months\' sums', async ({ as, unitId, db, config }) => {
  const { P } = await fixtureUnits(as, unitId)
  const figures = await monthlyFigures(db, [{ unitId: P, metric: 'dossiers_online', category: null }], '2025-01-01', '2025-03-31', '2025-08-15', config.timeZone)
  assert.equal([...figures.values()][0], new Map([['2025-01', { part: 3, base: 4 }], ['2025-03', { part: 1, base: 3 }]]))
})

const ncs = suite('opening a nonconformity from an off-target period', ctx)

ncs('once per indicator period, linked both ways; not from a period on target or not yet ended', async ({ as, unitId, db }) => {
  const { id, byName } = await objectiveOfP(as, unitId, db)
  const manager = await as('manager')
  const indicator = byName['NC đúng hạn']
  const url = (period: string) => `/api/objectives/${id}/indicators/${indicator.id}/periods/${period}/nonconformity`
  const raised = await manager.post(url('Q1'), {})
  assert.is(raised.status, 201, raised.text)
  assert.is(raised.body.source, 'objective')
  assert.is(raised.body.orgUnitId, units!.P)
  assert.match(raised.body.title, /quý 1\/2025/)
  assert.equal(raised.body.clauseNumbers, ['6.2'])
  const again = await manager.post(url('Q1'), {})
  assert.is(again.status, 409)
  assert.is(again.body.errors[0].params.existingId, raised.body.id)
  const period = (await manager.get(`/api/objectives/${id}/indicators/${indicator.id}`)).body.periods[0]
  assert.equal(period.nonconformity, { id: raised.body.id, code: raised.body.code, status: 'draft' })
  assert.is(raised.body.sourceId, period.valueId)
  const badge = byName['Đeo thẻ']
  assert.is((await manager.post(`/api/objectives/${id}/indicators/${badge.id}/periods/Q2/nonconformity`, {})).status, 409, 'Q2 is on target')
  assert.is((await manager.post(`/api/objectives/${id}/indicators/${badge.id}/periods/Q3/nonconformity`, {})).status, 409, 'Q3 has not ended')
  assert.is((await (await as('staff')).post(url('Q2'), {})).status, 403)
})

ncs('the nonconformity register checks an objective source like the others', async ({ as, unitId, db }) => {
  const { id, byName } = await objectiveOfP(as, unitId, db)
  const manager = await as('manager')
  const badge = (await manager.get(`/api/objectives/${id}/indicators/${byName['Đeo thẻ'].id}`)).body
  const body = (sourceId: string | undefined, orgUnitId: string) => ({ source: 'objective', sourceId, orgUnitId, title: 'Chỉ tiêu không đạt', severity: 'minor' })
  const onTarget = await manager.post('/api/nonconformities', body(badge.periods[1].valueId, units!.P))
  assert.is(onTarget.status, 422)
  assert.is(onTarget.body.errors[0].code, 'not_off_target')
  const elsewhere = await manager.post('/api/nonconformities', body(badge.periods[0].valueId, units!.S))
  assert.is(elsewhere.body.errors[0].code, 'same_unit')
  assert.is((await manager.post('/api/nonconformities', body(undefined, units!.P))).status, 400, 'an objective source names its period')
  const ok = await manager.post('/api/nonconformities', body(badge.periods[0].valueId, units!.P))
  assert.is(ok.status, 201, ok.text)
})

const writing = suite('setting objectives and indicators: permissions, versions, validation', ctx)

writing('managers set objectives; heads manage the indicators of their subtree\'s objectives and enter manual values', async ({ as, unitId }) => {
  const manager = await as('manager')
  const head = await as('head')
  const office = await unitId('VP')
  const objective = { year: 2025, title: 'Văn phòng', ownerUnitId: office, policyStatement: 'Chính sách' }
  assert.is((await head.post('/api/objectives', objective)).status, 403)
  assert.is((await (await as('auditor')).post('/api/objectives', objective)).status, 403)
  const created = await manager.post('/api/objectives', objective)
  assert.is(created.status, 201, created.text)
  const id = created.body.id
  const manual = { name: 'Hài lòng', frequency: 'half_year', source: 'manual', measure: 'percent', targetMin: 90 }
  const added = await head.post(`/api/objectives/${id}/indicators`, manual)
  assert.is(added.status, 201, added.text)
  assert.equal(added.body.periods.map((p: any) => [p.period, p.state]), [['H1', 'ended'], ['H2', 'current']])
  const value = (period: string) => `/api/objectives/${id}/indicators/${added.body.id}/periods/${period}`
  const entered = await head.put(value('H1'), { value: 87.5, note: 'Phiếu khảo sát' })
  assert.is(entered.status, 201, entered.text)
  assert.equal([entered.body.value, entered.body.onTarget, entered.body.enteredBy.fullName, entered.body.version], [87.5, false, (await head.get('/api/auth/me')).body.user.fullName, 1])
  assert.ok(entered.body.enteredAt)
  assert.is((await head.put(value('H1'), { value: 91 })).status, 428)
  assert.is((await head.put(value('H1'), { value: 91 }, { ifMatch: 5 })).status, 412)
  const corrected = await head.put(value('H1'), { value: 91 }, { ifMatch: 1 })
  assert.equal([corrected.status, corrected.body.value, corrected.body.onTarget], [200, 91, true])
  assert.is((await head.put(value('Q1'), { value: 91 })).status, 400, 'not a half-year')
  assert.is((await head.put(value('H1'), { value: 101 }, { ifMatch: 2 })).status, 400, 'a percentage')
  // H2 is under way: a value so far may be entered; a future year's period may not.
  assert.is((await head.put(value('H2'), { value: 95 })).status, 201)

  // Outside the head's subtree.
  const { P } = await fixtureUnits(as, unitId)
  const other = await manager.post('/api/objectives', { ...objective, ownerUnitId: P })
  assert.is((await head.post(`/api/objectives/${other.body.id}/indicators`, manual)).status, 403)
  assert.is((await head.get(`/api/objectives/${other.body.id}`)).status, 403)
  assert.is((await (await as('staff')).get(`/api/objectives/${id}`)).status, 403, 'staff read their own unit\'s objectives only')
  assert.is((await (await as('auditor')).get(`/api/objectives/${id}`)).status, 200)
})

writing('changes carry the version; what an indicator measures is fixed once values are stored', async ({ as, unitId, db }) => {
  const { id, byName } = await objectiveOfP(as, unitId, db)
  const manager = await as('manager')
  const objective = (await manager.get(`/api/objectives/${id}`)).body
  assert.is((await manager.patch(`/api/objectives/${id}`, { title: 'Mới' })).status, 428)
  assert.is((await manager.patch(`/api/objectives/${id}`, { title: 'Mới' }, { ifMatch: objective.version + 1 })).status, 412)
  const renamed = await manager.patch(`/api/objectives/${id}`, { title: 'Mục tiêu thử của P (sửa)' }, { ifMatch: objective.version })
  assert.is(renamed.status, 200, renamed.text)
  assert.is(renamed.body.version, objective.version + 1)
  const moved = await manager.patch(`/api/objectives/${id}`, { year: 2024 }, { ifMatch: renamed.body.version })
  assert.is(moved.status, 409, 'values are stored')
  const indicator = renamed.body.indicators.find((i: any) => i.id === byName['Trực tuyến'].id)
  const retarget = await manager.patch(`/api/objectives/${id}/indicators/${indicator.id}`, { targetMin: 60 }, { ifMatch: indicator.version })
  assert.is(retarget.status, 200, retarget.text)
  assert.is(retarget.body.periods[0].onTarget, false, 'the frozen 57,14 % judged against the new target')
  assert.is((await manager.patch(`/api/objectives/${id}/indicators/${indicator.id}`, { frequency: 'month' }, { ifMatch: retarget.body.version })).status, 409)
  const audit = (await manager.get(`/api/audit-log?entityId=${indicator.id}&action=objective_indicator.update`)).body.items
  assert.equal([audit[0].before.targetMin, audit[0].after.targetMin], [50, 60])
})

writing('bad input is refused with every failing field, and nothing is written', async ({ as, unitId }) => {
  const manager = await as('manager')
  const office = await unitId('VP')
  const base = { year: 2025, title: 'Sai', ownerUnitId: office, policyStatement: 'Chính sách' }
  const bad = await manager.post('/api/objectives', {
    ...base,
    indicators: [
      { name: 'Không mục tiêu', frequency: 'year', source: 'computed', metric: 'dossiers_on_time' },
      { name: 'Quá 100', frequency: 'year', source: 'computed', metric: 'dossiers_online', targetMin: 150 },
      { name: 'Thiếu chỉ số', frequency: 'year', source: 'computed', targetMin: 1 },
      { name: 'Thiếu nhóm', frequency: 'year', source: 'computed', metric: 'inspection_pass_rate', targetMin: 90 },
      { name: 'Ngược', frequency: 'year', source: 'manual', measure: 'count', targetMin: 5, targetMax: 1 },
      { name: 'Sai đơn vị đo', frequency: 'year', source: 'computed', metric: 'complaints_received', measure: 'percent', targetMax: 1 },
    ],
  })
  assert.is(bad.status, 400)
  assert.equal(bad.body.errors.map((e: any) => e.path), [
    'indicators.0.targetMin',
    'indicators.1.targetMin',
    'indicators.2.metric',
    'indicators.3.category',
    'indicators.4.targetMax',
    'indicators.5.measure',
  ])
  assert.is((await manager.post('/api/objectives', { ...base, year: 1999 })).status, 400)
  assert.is((await manager.post('/api/objectives', { ...base, extra: 1 })).status, 400)
  const missing = await manager.post('/api/objectives', { ...base, ownerUnitId: crypto.randomUUID() })
  assert.is(missing.status, 422)
  assert.is(missing.body.errors[0].path, 'ownerUnitId')
  const listed = (await manager.get(`/api/objectives?year=2025&orgUnitId=${office}`)).body.items
  assert.not.ok(listed.some((o: any) => o.title === 'Sai'))
})

const reading = suite('lists of objectives', ctx)

reading('paged by cursor, filtered by year and unit (its subtree), within the reader\'s scope, each indicator with its latest value', async ({ as, unitId, db }) => {
  await objectiveOfP(as, unitId, db)
  const manager = await as('manager')
  const first = await manager.get('/api/objectives?limit=2')
  assert.is(first.status, 200)
  assert.is(first.body.items.length, 2)
  const second = await manager.get(`/api/objectives?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`)
  const ids = [...first.body.items, ...second.body.items].map((o: any) => o.id)
  assert.is(new Set(ids).size, ids.length)
  const all = (await manager.get('/api/objectives?limit=500')).body.items
  assert.equal(all.map((o: any) => o.year), [...all.map((o: any) => o.year)].sort((a: number, b: number) => b - a), 'newest year first')
  const of2020 = (await manager.get('/api/objectives?year=2020')).body.items
  assert.is(of2020.length, 3)
  const { P } = await fixtureUnits(as, unitId)
  const ofP = (await manager.get(`/api/objectives?orgUnitId=${P}`)).body.items
  assert.ok(ofP.length >= 1 && ofP.every((o: any) => o.ownerUnit.id === P))
  const badge = ofP.find((o: any) => o.indicators.length === 6)!.indicators.find((i: any) => i.metric === 'inspection_pass_rate')
  assert.equal([badge.latest.period, badge.latest.onTarget], ['Q3', false])
  assert.is(badge.periods, undefined, 'lists carry the latest value only')
  const headSees = (await (await as('head')).get('/api/objectives?year=2020')).body.items
  assert.equal(headSees.map((o: any) => o.ownerUnit.code), ['VP'])
  assert.equal((await (await as('staff')).get('/api/objectives?year=2020')).body.items, [])
  assert.is((await manager.get('/api/objectives?cursor=abc')).status, 400)
})

const demo = suite('the demo agency\'s 2020 objectives', ctx)

demo('on-time and online dossiers by quarter and ID-badge compliance by half-year come out of the demo records', async ({ as, unitId, db, config }) => {
  const manager = await as('manager')
  const objectives = (await manager.get('/api/objectives?year=2020')).body.items
  const indicator = (metric: string) => objectives.flatMap((o: any) => o.indicators).find((i: any) => i.metric === metric && i.targetMin !== null)
  const full = async (metric: string) => {
    const summary = indicator(metric)
    return (await manager.get(`/api/objectives/${summary.objectiveId}/indicators/${summary.id}`)).body
  }
  const onTime = await full('dossiers_on_time')
  assert.equal(onTime.periods.map((p: any) => [p.numerator, p.denominator, p.onTarget]), [[39, 39, true], [31, 32, false], [14, 15, false], [10, 12, false]])
  const online = await full('dossiers_online')
  assert.equal(online.periods.map((p: any) => [p.numerator, p.denominator]), [[19, 42], [16, 28], [8, 15], [7, 15]])
  assert.equal(online.periods.map((p: any) => p.onTarget), [false, true, true, false])
  const badge = await full('inspection_pass_rate')
  assert.equal(badge.periods.map((p: any) => [p.period, p.numerator, p.denominator, p.value, p.onTarget]), [
    ['H1', 16, 18, 88.89, false],
    ['H2', 0, 0, null, null],
  ])
  // The seed report's half-year (21/11/2019–27/05/2020) is 22 of 24 checks: 91,7 %, under 100 %.
  const reportHalf = await monthlyFigures(db, [{ unitId: await unitId('BQL'), metric: 'inspection_pass_rate', category: 'id_badge' }], '2019-11-21', '2020-05-27', '2026-01-01', config.timeZone)
  const sum = [...[...reportHalf.values()][0].values()].reduce((t, f) => ({ part: t.part + f.part, base: t.base + f.base }), { part: 0, base: 0 })
  assert.equal(sum, { part: 22, base: 24 })
  const survey = objectives.flatMap((o: any) => o.indicators).find((i: any) => i.source === 'manual')
  assert.equal([survey.latest.period, survey.latest.value, survey.latest.onTarget], ['H1', 95.2, true])
})

ctx.use(computed, ncs, writing, reading, demo)
computed.run()
ncs.run()
writing.run()
reading.run()
demo.run()
