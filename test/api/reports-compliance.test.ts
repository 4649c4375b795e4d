import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { rebuildInspectionRollups } from '../../server/modules/inspections/inspection-rollups.ts'
import { findingCounts, findingCountsScan, rebuildFindingRollups } from '../../server/modules/findings/finding-rollups.ts'
import { inSubtreeOf } from '../../server/modules/org-units/service.ts'
import { queryRows } from '../../db/client.ts'
import { appContext, type ApiClient, type AppContext } from '../helpers/app.ts'
import { addDays, today } from '../helpers/nonconformities.ts'

const ctx = appContext()

async function templateId(client: ApiClient, name: string): Promise<string> {
  const res = await client.get(`/api/checklist-templates?q=${encodeURIComponent(name)}`)
  return res.body.items.find((t: { name: string }) => t.name === name).id
}

/** Plans, answers (every slot `pass` unless `results` says otherwise) and completes an inspection of QLMT. */
async function inspect(c: AppContext, template: string, kind: string, results: Record<string, Record<string, unknown>>, personIds: string[] = []) {
  const auditor = await c.as('auditor')
  const planned = await auditor.post('/api/inspections', { templateId: await templateId(auditor, template), orgUnitId: await c.unitId('QLMT'), kind, plannedFor: today(), personIds })
  assert.is(planned.status, 201, planned.text)
  const i = planned.body
  const responses = i.items.flatMap((item: { id: string; perPerson: boolean }) =>
    (item.perPerson ? i.personIds : [null]).map((personId: string | null) => ({ itemId: item.id, ...(personId ? { personId } : {}), result: 'pass', ...results[item.id] })),
  )
  const answered = await auditor.put(`/api/inspections/${i.id}/responses`, responses, { ifMatch: i.version })
  assert.is(answered.status, 200, answered.text)
  const done = await auditor.post(`/api/inspections/${i.id}/complete`, {}, { ifMatch: answered.body.version })
  assert.is(done.status, 200, done.text)
  return done.body
}

/**
 * The hand-computed fixture, in QLMT today:
 * A — ISO audit (internal_audit), 11 items: on-time handling fails (minor NC, self-review),
 *     customer satisfaction n/a, the rest pass: other 6 pass + 1 n/a, documented information
 *     2 pass, public posting 1 pass, on-time handling 1 fail.
 * B — civil service (internal), Lý Thị Hằng present: the ID badge fails (observation,
 *     reminded on the spot), public posting n/a, the rest pass: attendance 1, conduct 1,
 *     on-time handling 1.
 * C — civil service, planned and left so.
 * So per category: attendance 1/1, id_badge 0/1, conduct 1/1, on_time_handling 1/2 (two
 * inspections), public_posting 1/1 (+1 n/a, two inspections), documented_information 2/2,
 * other 6/6 (+1 n/a); the unit 12 passed, 2 failed: 12/14.
 */
async function fixture(c: AppContext) {
  await inspect(c, 'Đánh giá nội bộ ISO 9001:2015', 'internal_audit', {
    'iso-8-provision': { result: 'fail', note: 'Hai hồ sơ trễ hạn không có văn bản xin lỗi', classification: 'minor_nc', handling: 'self_review' },
    'iso-9-satisfaction': { result: 'na' },
  })
  await inspect(c, 'Kiểm tra công vụ', 'internal', {
    'id-badge': { result: 'fail', note: 'Không đeo thẻ', classification: 'observation', handling: 'on_spot_reminder' },
    'public-posting': { result: 'na' },
  }, [await c.userId('ly.thi.hang')])
  const auditor = await c.as('auditor')
  const planned = await auditor.post('/api/inspections', { templateId: await templateId(auditor, 'Kiểm tra công vụ'), orgUnitId: await c.unitId('QLMT'), kind: 'internal', plannedFor: today() })
  assert.is(planned.status, 201)
}

const summary = suite('the compliance summary', ctx)

summary('pass rates per criterion and unit, inspections and findings equal the hand-computed fixture, by day or by month', async (c) => {
  await fixture(c)
  const manager = await c.as('manager')
  const unit = await c.unitId('QLMT')
  const monthStart = `${today().slice(0, 7)}-01`
  const monthEnd = addDays(`${addDays(monthStart, 32).slice(0, 7)}-01`, -1)
  // One day reads day rows; the whole month reads the month row: the same answer.
  for (const [from, to] of [[today(), today()], [monthStart, monthEnd]]) {
    const res = await manager.get(`/api/reports/compliance?from=${from}&to=${to}&orgUnitId=${unit}`)
    assert.is(res.status, 200, res.text)
    const s = res.body
    assert.equal(s.orgUnit.code, 'QLMT')
    assert.is(s.inspections.total, 3)
    assert.equal(s.inspections.byKind, { self: 0, internal: 2, briefing: 0, unannounced: 0, internal_audit: 1 })
    assert.equal(s.inspections.byStatus, { planned: 1, in_progress: 0, completed: 2, cancelled: 0 })
    assert.is(s.inspections.unitsInspected, 1)
    const overall = Object.fromEntries(s.criteria.overall.map((x: any) => [x.category, [x.passed, x.failed, x.notApplicable, x.inspections, x.passRate]]))
    assert.equal(overall, {
      attendance: [1, 0, 0, 1, 1],
      id_badge: [0, 1, 0, 1, 0],
      conduct: [1, 0, 0, 1, 1],
      on_time_handling: [1, 1, 0, 2, 0.5],
      public_posting: [1, 0, 1, 2, 1],
      documented_information: [2, 0, 0, 1, 1],
      other: [6, 0, 1, 1, 1],
    })
    assert.is(s.criteria.units.length, 1)
    assert.equal([s.criteria.units[0].code, s.criteria.units[0].passed, s.criteria.units[0].failed, s.criteria.units[0].passRate], ['QLMT', 12, 2, 0.8571])
    assert.equal([s.findings.total, s.findings.open], [2, 1], 'a reminder on the spot closes its finding at once')
    assert.is(s.findings.byClassification.minor_nc, 1)
    assert.is(s.findings.byClassification.observation, 1)
    assert.is(s.findings.byHandling.on_spot_reminder, 1)
    assert.is(s.findings.byHandling.self_review, 1)
    const month = s.monthly.find((m: { month: string }) => m.month === today().slice(0, 7))
    assert.equal([month.inspections, month.passRate], [2, 0.8571])
  }
  // The day before holds none of it.
  const before = (await manager.get(`/api/reports/compliance?from=${addDays(today(), -1)}&to=${addDays(today(), -1)}&orgUnitId=${unit}`)).body
  assert.equal([before.inspections.total, before.criteria.overall.length, before.findings.total], [0, 0, 0])
})

summary('the rollups kept on completion equal a rebuild from the responses', async (c) => {
  const rows = async () => queryRows<Record<string, unknown>>(c.db, (await import('drizzle-orm')).sql`select grain, to_char(start, 'YYYY-MM-DD') as start, org_unit_id, kind, category, inspections, passed, failed, not_applicable from inspection_result_rollups order by 1, 2, 3, 4, 5`)
  const kept = await rows()
  assert.ok(kept.length > 0)
  await rebuildInspectionRollups(c.db)
  assert.equal(await rows(), kept)
})

summary('over more than 24 months the series goes by calendar year and the totals stay those of the records', async (c) => {
  const manager = await c.as('manager')
  const year = Number(today().slice(0, 4))
  const from = `${year - 2}-01-01`
  const long = (await manager.get(`/api/reports/compliance?from=${from}&to=${today()}`)).body
  assert.is(long.seriesGrain, 'year')
  assert.equal(long.monthly.map((p: { month: string }) => p.month), [String(year - 2), String(year - 1), String(year)])
  assert.is(long.monthly.reduce((n: number, p: { dossiersReceived: number }) => n + p.dossiersReceived, 0), long.dossiers.received)
  assert.is(long.monthly.reduce((n: number, p: { inspections: number }) => n + p.inspections, 0), long.inspections.byStatus.completed)
  // The same totals as the three yearly summaries added up.
  let received = 0
  let findings = 0
  let completed = 0
  for (const [a, b] of [[from, `${year - 2}-12-31`], [`${year - 1}-01-01`, `${year - 1}-12-31`], [`${year}-01-01`, today()]]) {
    const s = (await manager.get(`/api/reports/compliance?from=${a}&to=${b}`)).body
    assert.is(s.seriesGrain, 'month')
    received += s.dossiers.received
    findings += s.findings.total
    completed += s.inspections.byStatus.completed
  }
  assert.equal([long.dossiers.received, long.findings.total, long.inspections.byStatus.completed], [received, findings, completed])
  const csv = await manager.get(`/api/reports/compliance/export?from=${from}&to=${today()}&table=monthly&format=csv`)
  assert.is(csv.status, 200, csv.text)
  assert.ok(csv.text.includes(`${year - 1},`), 'the export names the years')
})

summary('the finding rollups kept by the triggers count as the findings do, before and after a rebuild', async (c) => {
  await fixture(c)
  const { sql } = await import('drizzle-orm')
  // Every kind of write, on the fixture's own findings (the file's later tests read the demo's):
  // a handling decided and the finding closed, a date and unit moved, one deleted.
  const fixtureFindings = sql`select id from findings where org_unit_id = ${await c.unitId('QLMT')} and found_on = ${today()}::date and nonconformity_id is null`
  const [open] = await queryRows<{ id: string }>(c.db, sql`${fixtureFindings} and status = 'open' order by id limit 1`)
  await queryRows(c.db, sql`update findings set handling = 'criticism', status = 'closed', closed_at = now() where id = ${open.id}`)
  await queryRows(c.db, sql`update findings set found_on = found_on - 400, org_unit_id = ${await c.unitId('VP')} where id = (${fixtureFindings} and id <> ${open.id} order by id limit 1)`)
  await queryRows(c.db, sql`delete from findings where id = (${fixtureFindings} order by id limit 1)`)
  assert.ok((await queryRows(c.db, sql`${fixtureFindings}`)).length >= 1, 'some of the fixture\'s findings are left as they were')
  const year = Number(today().slice(0, 4))
  const periods = [[today(), today()], [`${year - 3}-01-01`, today()], ['2019-11-21', '2020-05-27'], [addDays(today(), -500), addDays(today(), -20)]]
  const compare = async (label: string) => {
    for (const [from, to] of periods) {
      for (const unit of [undefined, await c.unitId('QLMT'), await c.unitId('VP')]) {
        const scan = await findingCountsScan(c.db, from, to, unit ? sql` and ${inSubtreeOf(sql`f.org_unit_id`, unit)}` : sql``)
        assert.equal(await findingCounts(c.db, from, to, unit), scan, `${label} ${from}..${to} ${unit ?? 'all'}`)
      }
    }
  }
  await compare('kept:')
  const rows = () => queryRows(c.db, sql`select grain, to_char(start, 'YYYY-MM-DD') as start, org_unit_id, classification, handling, status, findings from finding_rollups where findings <> 0 order by 1, 2, 3, 4, 5, 6`)
  const kept = await rows()
  assert.ok(kept.length > 0)
  await rebuildFindingRollups(c.db)
  assert.equal(await rows(), kept)
  await compare('rebuilt:')
})

summary('the demo period: dossiers as in the seed report, ID-badge reminders on the spot', async (c) => {
  const manager = await c.as('manager')
  const s = (await manager.get('/api/reports/compliance?from=2019-11-21&to=2020-05-27')).body
  assert.is(s.orgUnit, null)
  assert.equal([s.dossiers.received, s.dossiers.receivedOnline, s.dossiers.resolved, s.dossiers.pendingNotDue, s.dossiers.pendingOverdue], [86, 44, 82, 4, 0])
  assert.is(s.dossiers.onlineShare, Math.round((44 / 86) * 10000) / 10000)
  assert.equal(s.complaints, { total: 0, complaint: 0, denunciation: 0, feedback: 0 })
  assert.ok(s.inspections.byStatus.completed > 0)
  const badge = s.criteria.overall.find((x: { category: string }) => x.category === 'id_badge')
  assert.is(badge.failed, 2)
  assert.is(s.findings.byHandling.on_spot_reminder, 2)
  assert.equal(s.monthly.map((m: { month: string }) => m.month), ['2019-11', '2019-12', '2020-01', '2020-02', '2020-03', '2020-04', '2020-05'])
  assert.is(s.monthly.reduce((n: number, m: { dossiersReceived: number }) => n + m.dossiersReceived, 0), 86)
})

summary('a period without inspections or dossiers says where the latest ones of its scope are', async (c) => {
  const [admin, auditor, manager] = [await c.as('admin'), await c.as('auditor'), await c.as('manager')]
  const unit = (await admin.post('/api/org-units', { code: 'U-LATEST', name: 'Phòng mới', parentId: await c.unitId('BQL') })).body
  const latest = async () => (await manager.get(`/api/reports/compliance?from=2010-01-01&to=2010-12-31&orgUnitId=${unit.id}`)).body
  assert.is((await latest()).latestActivityOn, null, 'nothing recorded yet')
  const nc = await auditor.post('/api/nonconformities', { source: 'other', orgUnitId: unit.id, title: 'Sổ theo dõi chưa cập nhật', severity: 'minor', detectedOn: '2024-03-05' })
  assert.is(nc.status, 201, nc.text)
  assert.is((await latest()).latestActivityOn, null, 'a nonconformity is not activity of the unit (jobs raise them today)')
  const procedure = await admin.post('/api/procedures', { code: 'LATEST.1', name: 'Thủ tục mới', field: 'Thử', owningUnitId: unit.id, processingDays: 5 })
  assert.is(procedure.status, 201, procedure.text)
  const dossier = await admin.post('/api/dossiers', { code: 'LATEST-1', procedureId: procedure.body.id, applicantName: 'Công ty A', channel: 'online', receivedAt: '2024-06-10T08:30:00+07:00' })
  assert.is(dossier.status, 201, dossier.text)
  const s = await latest()
  assert.is(s.latestActivityOn, '2024-06-10', 'the dossier received later')
  assert.is(s.inspections.byStatus.completed + s.dossiers.received, 0, 'the period itself is empty')
})

summary('dashboards opened at the same moment share one computation, never one begun before a write', async (c) => {
  const manager = await c.as('manager')
  const auditor = await c.as('auditor')
  const head = await c.as('head')
  const url = `/api/reports/compliance?from=${addDays(today(), -365)}&to=${today()}`
  const baseline = (await manager.get(url)).body.inspections.total
  // Each computation waits until `expected` readers have asked, so the readers overlap
  // however slowly the machine answers.
  const flights = c.app.flights
  const run = flights.run.bind(flights)
  let asked = 0
  let computed = 0
  let expected = 0
  let release = () => {}
  let everyoneAsked = Promise.resolve()
  const expect = (n: number) => {
    asked = computed = 0
    expected = n
    everyoneAsked = new Promise<void>((resolve) => (release = resolve))
  }
  flights.run = (key, compute) => {
    if (++asked >= expected) release()
    return run(key, async () => (computed++, await everyoneAsked, compute()))
  }
  try {
    expect(3)
    const together = await Promise.all([manager.get(url), manager.get(url), auditor.get(url)])
    for (const res of together) assert.is(res.status, 200, res.text)
    assert.is(computed, 1, 'three readers of the whole agency, one computation')
    assert.equal(together[1].body, together[0].body)
    assert.equal(together[2].body, together[0].body)

    // A head of unit reads another scope: a computation of its own.
    expect(2)
    const scopes = await Promise.all([manager.get(url), head.get(url)])
    assert.equal(scopes.map((r) => r.status), [200, 200])
    assert.equal([scopes[0].body.orgUnit, scopes[1].body.orgUnit?.code], [null, 'VP'])
    assert.is(computed, 2)

    // A reader who starts after a write was accepted never joins a computation begun before it.
    expect(2)
    const before = manager.get(url)
    while (computed < 1) await new Promise((resolve) => setTimeout(resolve, 5))
    await fixture(c)
    const after = await manager.get(url)
    assert.is((await before).status, 200)
    assert.is(computed, 2, 'the reader after the write computed its own answer')
    assert.is(after.body.inspections.total, baseline + 3, 'the inspections written in between are counted')
  } finally {
    flights.run = run
  }
})

const access = suite('who reads the compliance summary', ctx)

access('staff may not; a head of unit reads their own subtree by default and no other unit', async (c) => {
  const staff = await c.as('staff')
  const refused = await staff.get(`/api/reports/compliance?from=${today()}&to=${today()}`)
  assert.is(refused.status, 403)
  assert.match(refused.headers['content-type'] as string, /problem\+json/)
  const head = await c.as('head')
  const own = await head.get(`/api/reports/compliance?from=${today()}&to=${today()}`)
  assert.is(own.status, 200, own.text)
  assert.is(own.body.orgUnit.code, 'VP')
  assert.is((await head.get(`/api/reports/compliance?from=${today()}&to=${today()}&orgUnitId=${await c.unitId('TNTKQ')}`)).status, 200, 'the reception desk is inside the Office')
  assert.is((await head.get(`/api/reports/compliance?from=${today()}&to=${today()}&orgUnitId=${await c.unitId('QLMT')}`)).status, 403)
  const auditor = await c.as('auditor')
  assert.is((await auditor.get(`/api/reports/compliance?from=${today()}&to=${today()}`)).body.orgUnit, null)
})

access('bad input is a 400 naming the field', async (c) => {
  const manager = await c.as('manager')
  const reversed = await manager.get('/api/reports/compliance?from=2020-05-27&to=2019-11-21')
  assert.is(reversed.status, 400)
  assert.is(reversed.body.errors[0].path, 'query.to')
  const badDate = await manager.get('/api/reports/compliance?from=21/11/2019&to=2020-05-27')
  assert.is(badDate.status, 400)
  assert.ok(badDate.body.errors.some((e: { path: string }) => e.path.includes('from')), badDate.text)
  const noUnit = await manager.get('/api/reports/compliance?from=2019-11-21&to=2020-05-27&orgUnitId=00000000-0000-4000-8000-000000000000')
  assert.is(noUnit.status, 400)
  assert.is(noUnit.body.errors[0].path, 'query.orgUnitId')
  const badTable = await manager.get('/api/reports/compliance/export?from=2019-11-21&to=2020-05-27&table=everything&format=xlsx')
  assert.is(badTable.status, 400)
})

const exporting = suite('exporting the dashboard tables', ctx)

exporting('every table exports to XLSX and CSV that parse back to the summary', async (c) => {
  const manager = await c.as('manager')
  const q = 'from=2019-11-21&to=2020-05-27'
  const s = (await manager.get(`/api/reports/compliance?${q}`)).body
  for (const table of ['criteria', 'inspections', 'findings', 'monthly', 'overdue-actions', 'documents-due']) {
    const xlsx = await manager.raw(`/api/reports/compliance/export?${q}&table=${table}&format=xlsx`)
    assert.is(xlsx.statusCode, 200, `${table}: ${xlsx.body.slice(0, 200)}`)
    assert.match(String(xlsx.headers['content-disposition']), new RegExp(`${table}_2019-11-21_2020-05-27\\.xlsx`))
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    assert.match(String(sheet.getRow(2).getCell(1).value), /21\/11\/2019/)
    const csv = await manager.get(`/api/reports/compliance/export?${q}&table=${table}&format=csv&lang=en`)
    assert.is(csv.status, 200)
    const rows: string[][] = parse(csv.text.replace(/^\uFEFF/, ''))
    // The XLSX carries a title and the period above the same headings and rows.
    assert.is(sheet.rowCount - 2, rows.length, table)
    if (table === 'monthly') {
      assert.equal(rows[0].slice(0, 4), ['Month', 'Inspections', 'Pass rate (%)', 'Dossiers received'])
      assert.equal(rows.slice(1).map((r) => Number(r[3])), s.monthly.map((m: { dossiersReceived: number }) => m.dossiersReceived))
      assert.equal(sheet.getRow(4).getCell(1).value, '11/2019')
    }
    if (table === 'findings') {
      const reminded = rows.find((r) => r[1] === 'Reminded on the spot')!
      assert.is(Number(reminded[2]), s.findings.byHandling.on_spot_reminder)
    }
    if (table === 'criteria') {
      const whole = rows[rows.length - 1]
      assert.is(whole[1], 'Whole scope')
    }
  }
})

ctx.use(summary, access, exporting)
summary.run()
access.run()
exporting.run()
