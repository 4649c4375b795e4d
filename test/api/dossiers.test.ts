import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext, type AppContext } from '../helpers/app.ts'
import { assertAll } from '../helpers/assertions.ts'

const ctx = appContext()
const vn = (local: string) => new Date(`${local}+07:00`).toISOString()

/** A unit and a 3-working-day procedure of its own, so hand-computed figures are not mixed with the demo's. */
async function testProcedure({ as, unitId }: AppContext, code: string, days = 3) {
  const admin = await as('admin')
  const unit = (await admin.post('/api/org-units', { code: `U-${code}`, name: `Phòng thử ${code}`, parentId: await unitId('BQL') })).body
  const procedure = await admin.post('/api/procedures', {
    code,
    name: `Thủ tục thử ${code}`,
    field: `Lĩnh vực thử ${code}`,
    owningUnitId: unit.id,
    processingDays: days,
    onlineLevel: 4,
    onlineLevelFrom: '2018-01-01',
  })
  assert.is(procedure.status, 201, procedure.text)
  return { unit, procedure: procedure.body }
}

async function receive(ctx: AppContext, body: Record<string, unknown>) {
  const res = await (await ctx.as('admin')).post('/api/dossiers', body)
  assert.is(res.status, 201, res.text)
  return res.body
}

async function step(ctx: AppContext, dossier: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) {
  const res = await (await ctx.as('admin')).post(`/api/dossiers/${dossier.id}/${action}`, body, { ifMatch: dossier.version })
  assert.is(res.status, 200, `${action}: ${res.text}`)
  return res.body
}

// ---------------------------------------------------------------------------------

const report = suite('statistics reproduce the seed report', ctx)

report('21/11/2019–27/5/2020: 86 received (44 online, 42 in person or by post), 82 resolved, 4 within their deadline', async ({ as }) => {
  const res = await (await as('staff')).get('/api/dossiers/stats?from=2019-11-21&to=2020-05-27')
  assert.is(res.status, 200, res.text)
  const t = res.body.total
  assert.is(t.receivedTotal, 86)
  assert.is(t.carriedOver, 0)
  assert.is(t.receivedOnline, 44)
  assert.is(t.receivedInPerson + t.receivedPostal, 42)
  assert.is(t.resolvedTotal, 82)
  assert.is(t.resolvedLate, 0)
  assert.is(t.pendingNotDue, 4)
  assert.is(t.pendingOverdue, 0)
  assert.is(t.returnedOrWithdrawn, 0)
  assert.is(t.onTimeRate, 100)
  assert.equal(res.body.procedures.total, 40)
  assert.equal(res.body.procedures.byOnlineLevel, { level1: 0, level2: 0, level3: 6, level4: 34, none: 0 })
  assert.is(res.body.complaints.total, 0)
})

report('every grouping adds up to the same total', async ({ as }) => {
  const client = await as('manager')
  const keys = ['carriedOver', 'receivedOnline', 'receivedInPerson', 'receivedPostal', 'receivedTotal', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'resolvedTotal', 'pendingNotDue', 'pendingOverdue', 'returnedOrWithdrawn']
  for (const groupBy of ['orgUnit', 'field', 'procedure', 'channel']) {
    const res = await client.get(`/api/dossiers/stats?from=2019-11-21&to=2020-05-27&groupBy=${groupBy}`)
    assert.is(res.status, 200)
    assert.ok(res.body.rows.length > 1, groupBy)
    for (const key of keys) {
      const sum = res.body.rows.reduce((s: number, r: Record<string, number>) => s + r[key], 0)
      assert.is(sum, res.body.total[key], `${groupBy}.${key}`)
    }
    for (const row of res.body.rows) assert.is(row.receivedTotal, row.resolvedTotal + row.pendingTotal + row.returnedOrWithdrawn, `${groupBy} ${row.label} balances`)
  }
})

report('Decree 42/2022 modes count from August 2022; levels before', async ({ as }) => {
  const res = await (await as('manager')).get('/api/dossiers/stats?from=2023-01-01&to=2023-12-31')
  assert.equal(res.body.procedures.byOnlineMode, { full: 34, partial: 6, none: 0, notSet: 0 })
  const before = await (await as('manager')).get('/api/dossiers/stats?from=2019-01-01&to=2019-06-30')
  // Two labour procedures reached level 4 on 1/9/2019.
  assert.equal(before.body.procedures.byOnlineLevel, { level1: 0, level2: 0, level3: 8, level4: 32, none: 0 })
})

report('bad periods and groupings are refused', async ({ as }) => {
  const client = await as('manager')
  assert.is((await client.get('/api/dossiers/stats?from=2020-05-27&to=2019-11-21')).status, 400)
  assert.is((await client.get('/api/dossiers/stats?from=2020-01-01')).status, 400)
  assert.is((await client.get('/api/dossiers/stats?from=2020-01-01&to=2020-02-01&groupBy=colour')).status, 400)
})

// ---------------------------------------------------------------------------------

const table = suite('statistics against a hand-computed table', ctx)

table('carried over, channels, early / on time / late, pending as of the end, returned and withdrawn', async (c) => {
  const { unit, procedure } = await testProcedure(c, 'HC.01')
  const make = (code: string, channel: string, receivedAt: string) => receive(c, { code, procedureId: procedure.id, applicantName: `Người nộp ${code}`, channel, receivedAt: vn(receivedAt) })
  // Period: Monday 11/6/2018 – Friday 15/6/2018 (no holidays). 3 working days per dossier.
  let a = await make('HC-A', 'in_person', '2018-06-05T09:00:00') // carried over, resolved late in the period
  a = await step(c, a, 'resolve', { at: vn('2018-06-12T10:00:00') })
  assert.is(a.timeliness, 'late')
  let b = await make('HC-B', 'online', '2018-06-11T09:00:00')
  b = await step(c, b, 'resolve', { at: vn('2018-06-12T10:00:00') })
  assert.is(b.timeliness, 'early')
  let cc = await make('HC-C', 'postal', '2018-06-11T10:00:00')
  cc = await step(c, cc, 'start-processing', { at: vn('2018-06-11T11:00:00') })
  cc = await step(c, cc, 'resolve', { at: vn('2018-06-14T15:00:00') })
  assert.is(cc.timeliness, 'on_time')
  let d = await make('HC-D', 'in_person', '2018-06-12T09:00:00') // overdue at the end; resolved later
  d = await step(c, d, 'start-processing', { at: vn('2018-06-12T10:00:00') })
  d = await step(c, d, 'resolve', { at: vn('2018-06-20T10:00:00') })
  assert.is(d.timeliness, 'late')
  await make('HC-E', 'online', '2018-06-14T09:00:00') // not yet due at the end
  let f = await make('HC-F', 'online', '2018-06-12T09:00:00') // paused at the end, in time
  f = await step(c, f, 'request-supplement', { at: vn('2018-06-13T10:00:00'), reason: 'Thiếu bản vẽ' })
  f = await step(c, f, 'supplement-received', { at: vn('2018-06-25T09:00:00') })
  let g = await make('HC-G', 'in_person', '2018-06-11T09:00:00')
  g = await step(c, g, 'reject', { at: vn('2018-06-13T09:00:00'), reason: 'Không thuộc thẩm quyền' })
  let h = await make('HC-H', 'online', '2018-06-13T09:00:00')
  h = await step(c, h, 'withdraw', { at: vn('2018-06-14T09:00:00') })
  await make('HC-I', 'online', '2018-06-18T09:00:00') // after the period
  let j = await make('HC-J', 'online', '2018-05-28T09:00:00') // before the period, resolved before it
  j = await step(c, j, 'resolve', { at: vn('2018-06-01T09:00:00') })
  let k = await make('HC-K', 'in_person', '2018-06-04T09:00:00') // carried over; paused after its due date: overdue
  k = await step(c, k, 'request-supplement', { at: vn('2018-06-08T10:00:00'), reason: 'Thiếu hồ sơ' })

  const res = await (await c.as('manager')).get(`/api/dossiers/stats?from=2018-06-11&to=2018-06-15&orgUnitId=${unit.id}`)
  assert.is(res.status, 200)
  const { key, code, label, ...total } = res.body.total
  assert.equal(total, {
    carriedOver: 2,
    receivedOnline: 4,
    receivedInPerson: 2,
    receivedPostal: 1,
    receivedTotal: 9,
    resolvedEarly: 1,
    resolvedOnTime: 1,
    resolvedLate: 1,
    resolvedTotal: 3,
    pendingNotDue: 2,
    pendingOverdue: 2,
    pendingTotal: 4,
    returnedOrWithdrawn: 2,
    onTimeRate: 66.67,
  })
  assert.ok(key === null && code === null && label)

  const byChannel = await (await c.as('manager')).get(`/api/dossiers/stats?from=2018-06-11&to=2018-06-15&orgUnitId=${unit.id}&groupBy=channel`)
  const row = (k: string) => byChannel.body.rows.find((r: { key: string }) => r.key === k)
  assert.equal(
    [row('online').receivedOnline, row('online').resolvedEarly, row('online').pendingNotDue, row('online').returnedOrWithdrawn],
    [4, 1, 2, 1],
  )
  assert.equal(
    [row('in_person').carriedOver, row('in_person').receivedInPerson, row('in_person').resolvedLate, row('in_person').pendingOverdue, row('in_person').returnedOrWithdrawn],
    [2, 2, 1, 2, 1],
  )
  assert.equal([row('postal').receivedPostal, row('postal').resolvedOnTime], [1, 1])

  // The next week: D and F are carried over and D is resolved (late); what was pending before is settled now.
  const next = await (await c.as('manager')).get(`/api/dossiers/stats?from=2018-06-18&to=2018-06-22&orgUnitId=${unit.id}`)
  assert.is(next.body.total.carriedOver, 4) // D, E, F, K
  assert.is(next.body.total.receivedOnline, 1) // I
  assert.is(next.body.total.resolvedLate, 1) // D
  assert.ok(j && k && f && g && h)
})

// ---------------------------------------------------------------------------------

const workflow = suite('dossier transitions', ctx)

workflow('receive computes dueAt on working days; the timeline records every step', async (c) => {
  const { procedure } = await testProcedure(c, 'WF.01', 5)
  // Thursday 29/4/2021 09:00 + 5 working days, over 30/4, the weekend and Monday 3/5 (1/5 fell on a Saturday): 4, 5, 6, 7, 10/5.
  const d = await receive(c, { code: 'WF-1', procedureId: procedure.id, applicantName: 'Công ty A', channel: 'online', receivedAt: vn('2021-04-29T09:00:00') })
  assert.is(d.dueAt, vn('2021-05-10T17:00:00'))
  assert.is(d.status, 'received')
  assert.equal(d.allowedActions, ['start-processing', 'request-supplement', 'resolve', 'reject', 'withdraw'])
  let x = await step(c, d, 'start-processing', { at: vn('2021-04-29T10:00:00') })
  // Supplement requested Tuesday 4/5, received Thursday 6/5: the due date moves by 2 working days.
  x = await step(c, x, 'request-supplement', { at: vn('2021-05-04T10:00:00'), reason: 'Bổ sung giấy tờ' })
  assert.is(x.status, 'supplement_requested')
  assert.ok(x.pausedAt)
  x = await step(c, x, 'supplement-received', { at: vn('2021-05-06T09:00:00') })
  assert.is(x.dueAt, vn('2021-05-12T17:00:00'))
  assert.is(x.pausedWorkingDays, 2)
  x = await step(c, x, 'resolve', { at: vn('2021-05-12T16:00:00') })
  assert.is(x.timeliness, 'on_time')
  x = await step(c, x, 'return-result', { at: vn('2021-05-13T09:00:00') })
  assert.is(x.status, 'returned')
  assert.equal(x.allowedActions, [])

  const events = (await (await c.as('staff')).get(`/api/dossiers/${d.id}/events`)).body.items
  assert.equal(events.map((e: { type: string }) => e.type), ['received', 'processing_started', 'supplement_requested', 'supplement_received', 'resolved', 'result_returned'])
  assert.is(events[3].pausedWorkingDays, 2)
  assert.is(events[2].reason, 'Bổ sung giấy tờ')
  assert.is(events[0].actorName, 'Quản trị hệ thống')

  const audit = await (await c.as('admin')).get(`/api/audit-log?entityType=dossier&entityId=${d.id}`)
  assert.is(audit.body.items.length, 6)
})

workflow('an illegal transition is a 409 naming the allowed ones; reasons are required where the rule says', async (c) => {
  const { procedure } = await testProcedure(c, 'WF.02')
  const d = await receive(c, { code: 'WF-2', procedureId: procedure.id, applicantName: 'B', channel: 'in_person', receivedAt: vn('2020-06-01T09:00:00') })
  const admin = await c.as('admin')
  const illegal = await admin.post(`/api/dossiers/${d.id}/return-result`, {}, { ifMatch: d.version })
  assert.is(illegal.status, 409)
  assert.ok(illegal.body.allowed.includes('resolve'))
  const noReason = await admin.post(`/api/dossiers/${d.id}/reject`, {}, { ifMatch: d.version })
  assert.is(noReason.status, 400)
  assert.is(noReason.body.errors[0].path, 'reason')
  const unknown = await admin.post(`/api/dossiers/${d.id}/teleport`, {}, { ifMatch: d.version })
  assert.is(unknown.status, 400)
})

workflow('`at` is never in the future nor before the previous step', async (c) => {
  const { procedure } = await testProcedure(c, 'WF.03')
  const d = await receive(c, { code: 'WF-3', procedureId: procedure.id, applicantName: 'C', channel: 'online', receivedAt: vn('2020-06-02T09:00:00') })
  const admin = await c.as('admin')
  const future = await admin.post(`/api/dossiers/${d.id}/start-processing`, { at: new Date(Date.now() + 3_600_000).toISOString() }, { ifMatch: d.version })
  assert.is(future.status, 400)
  assert.is(future.body.errors[0].code, 'future')
  const before = await admin.post(`/api/dossiers/${d.id}/start-processing`, { at: vn('2020-06-01T09:00:00') }, { ifMatch: d.version })
  assert.is(before.status, 400)
  assert.is(before.body.errors[0].code, 'before_previous')
  const inFuture = await admin.post('/api/dossiers', { code: 'WF-3b', procedureId: procedure.id, applicantName: 'C', channel: 'online', receivedAt: new Date(Date.now() + 86_400_000).toISOString() })
  assert.is(inFuture.status, 400)
  // Without `at` the step happens now.
  const now = await admin.post(`/api/dossiers/${d.id}/start-processing`, {}, { ifMatch: d.version })
  assert.is(now.status, 200)
  assert.ok(Date.now() - new Date((await admin.get(`/api/dossiers/${d.id}/events`)).body.items[1].at).getTime() < 60_000)
})

workflow('changes need If-Match: 428 without, 412 when stale', async (c) => {
  const { procedure } = await testProcedure(c, 'WF.04')
  const d = await receive(c, { code: 'WF-4', procedureId: procedure.id, applicantName: 'D', channel: 'online', receivedAt: vn('2020-06-03T09:00:00') })
  const admin = await c.as('admin')
  assert.is((await admin.post(`/api/dossiers/${d.id}/start-processing`, {})).status, 428)
  assert.is((await admin.post(`/api/dossiers/${d.id}/start-processing`, {}, { ifMatch: d.version + 1 })).status, 412)
  assert.is((await admin.patch(`/api/dossiers/${d.id}`, { note: 'x' })).status, 428)
})

workflow('overriding the due date needs a reason and is on the timeline', async (c) => {
  const { procedure } = await testProcedure(c, 'WF.05')
  const admin = await c.as('admin')
  const noReason = await admin.post('/api/dossiers', { code: 'WF-5', procedureId: procedure.id, applicantName: 'E', channel: 'online', receivedAt: vn('2020-06-03T09:00:00'), dueAt: vn('2020-06-30T17:00:00') })
  assert.is(noReason.status, 400)
  assert.is(noReason.body.errors[0].path, 'dueAtReason')
  const d = await receive(c, { code: 'WF-5', procedureId: procedure.id, applicantName: 'E', channel: 'online', receivedAt: vn('2020-06-03T09:00:00') })
  assert.is(d.dueAtReason, null)
  const changed = await admin.patch(`/api/dossiers/${d.id}`, { dueAt: vn('2020-06-30T17:00:00'), dueAtReason: 'Gia hạn theo văn bản của UBND tỉnh' }, { ifMatch: d.version })
  assert.is(changed.status, 200)
  assert.is(changed.body.dueAt, vn('2020-06-30T17:00:00'))
  assert.is(changed.body.dueAtReason, 'Gia hạn theo văn bản của UBND tỉnh')
  const events = (await admin.get(`/api/dossiers/${d.id}/events`)).body.items
  assert.is(events.at(-1).type, 'due_changed')
  const duplicate = await admin.post('/api/dossiers', { code: 'wf-5', procedureId: procedure.id, applicantName: 'E', channel: 'online' })
  assert.is(duplicate.status, 409)
  assert.is(duplicate.body.errors[0].code, 'duplicate')
})

workflow('who may record: the handling unit or the receiving desk; auditors only read', async (c) => {
  const list = await (await c.as('staff')).get('/api/dossiers?status=processing&status=received&limit=1')
  const demo = list.body.items[0]
  assert.ok(demo, 'a demo dossier in progress')
  // The reception desk received it: its staff may move it on.
  const staff = await (await c.as('staff')).post(`/api/dossiers/${demo.id}/withdraw`, {}, { ifMatch: demo.version })
  assert.is(staff.status, 200, staff.text)
  const auditor = await (await c.as('auditor')).post('/api/dossiers', { code: 'AUD-1', procedureId: demo.procedureId, applicantName: 'X', channel: 'online' })
  assert.is(auditor.status, 403)
  // A dossier received elsewhere and handled by the enterprise department is outside the Office head's subtree.
  const enterpriseProcedure = (await (await c.as('admin')).get('/api/procedures?q=LD.01')).body.items[0]
  const elsewhere = await receive(c, { code: 'ELSE-1', procedureId: enterpriseProcedure.id, applicantName: 'Y', channel: 'online', receivingUnitId: null })
  const head = await (await c.as('head')).post(`/api/dossiers/${elsewhere.id}/start-processing`, {}, { ifMatch: elsewhere.version })
  assert.is(head.status, 403)
  const staffElsewhere = await (await c.as('staff')).post(`/api/dossiers/${elsewhere.id}/start-processing`, {}, { ifMatch: elsewhere.version })
  assert.is(staffElsewhere.status, 403)
})

// ---------------------------------------------------------------------------------

const listing = suite('listing dossiers', ctx)

listing('filters apply in SQL and combine', async ({ as }) => {
  const client = await as('staff')
  const period = await client.get('/api/dossiers?from=2019-11-21&to=2020-05-27&limit=500')
  assert.is(period.body.items.length, 86)
  const online = await client.get('/api/dossiers?from=2019-11-21&to=2020-05-27&channel=online&limit=500')
  assert.is(online.body.items.length, 44)
  const labour = await client.get(`/api/dossiers?from=2019-11-21&to=2020-05-27&field=${encodeURIComponent('Lao động')}&limit=500`)
  assertAll(labour.body.items, (d: { procedure: { field: string } }) => d.procedure.field === 'Lao động')
  const late = await client.get('/api/dossiers?timeliness=late&limit=500')
  assert.ok(late.body.items.length >= 5 && late.body.items.every((d: { timeliness: string }) => d.timeliness === 'late'))
  const overdue = await client.get('/api/dossiers?overdue=true&limit=500')
  assertAll(overdue.body.items, (d: { overdue: boolean }) => d.overdue)
  const unitId = await (async () => (await client.get('/api/org-units?q=QLĐT')).body.items[0].id)()
  const byUnit = await client.get(`/api/dossiers?orgUnitId=${unitId}&limit=500`)
  assertAll(byUnit.body.items, (d: { orgUnit: { code: string } }) => d.orgUnit.code === 'QLĐT')
  const search = await client.get('/api/dossiers?q=H57.22-2005')
  assert.ok(search.body.items.length > 0)
})

listing('pages follow the cursor, newest first, without gaps or repeats', async ({ as }) => {
  const client = await as('staff')
  const all = (await client.get('/api/dossiers?limit=500&from=2019-01-01&to=2020-12-31')).body.items.map((d: { id: string }) => d.id)
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const res: any = await client.get(`/api/dossiers?limit=37&from=2019-01-01&to=2020-12-31${cursor ? `&cursor=${cursor}` : ''}`)
    seen.push(...res.body.items.map((d: { id: string }) => d.id))
    cursor = res.body.nextCursor
  } while (cursor)
  assert.equal(seen, all)
})

listing('an unknown dossier is a 404', async ({ as }) => {
  assert.is((await (await as('staff')).get('/api/dossiers/00000000-0000-4000-8000-000000000000')).status, 404)
})

ctx.use(report, table, workflow, listing)
report.run()
table.run()
workflow.run()
listing.run()
