import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'
import { pdfText } from '../helpers/pdf-text.ts'

const ctx = appContext()

/** The demo ISO checklist's items (demo/inspections.ts ISO_AUDIT_TEMPLATE). */
const ISO_ITEMS = ['iso-4-context', 'iso-4-scope', 'iso-5-leadership', 'iso-6-planning', 'iso-7-competence', 'iso-7-documents', 'iso-8-public', 'iso-8-provision', 'iso-9-satisfaction', 'iso-9-review', 'iso-10-corrective']

async function demoProgramme() {
  const manager = await ctx.as('manager')
  const list = await manager.get('/api/audit-programmes?year=2020')
  assert.is(list.body.items.length, 1, list.text)
  return (await manager.get(`/api/audit-programmes/${list.body.items[0].id}`)).body
}

const programme = suite('a programme: drawn up and approved by a manager, its audits planned, scheduled and performed', ctx)

programme('from draft to performed audit: approval gates scheduling, one internal_audit inspection per unit, rescheduling follows, failures become classified findings', async ({ as, unitId, userId }) => {
  const manager = await as('manager')
  const auditor = await as('auditor')
  const template = (await demoProgramme()).audits[0].template.id

  assert.is((await auditor.post('/api/audit-programmes', { year: 2021, number: '01/CT-BQL-2021', title: 'Chương trình 2021' })).status, 403, 'auditors do not own programmes')
  const created = await manager.post('/api/audit-programmes', { year: 2021, number: '01/CT-BQL-2021', title: 'Chương trình đánh giá nội bộ năm 2021' })
  assert.is(created.status, 201, created.text)
  assert.equal([created.body.status, created.body.allowedActions], ['draft', ['update', 'approve', 'plan-audit']])
  assert.is((await manager.post('/api/audit-programmes', { year: 2021, number: '01/ct-bql-2021', title: 'Trùng số' })).status, 409, 'numbers are unique, ignoring case')
  const p = created.body
  const base = `/api/audit-programmes/${p.id}`

  const plan = {
    title: 'Đánh giá nội bộ quý II/2021',
    orgUnitIds: [await unitId('QLQHXD'), await unitId('QLMT')],
    processes: ['Thẩm định quy hoạch xây dựng'],
    clauseNumbers: ['7.5.3', '8.5.1', '10.2'],
    plannedFrom: '2021-06-07',
    plannedTo: '2021-06-09',
    leadAuditorId: await userId('auditor'),
    teamIds: [await userId('manager')],
    templateId: template,
  }
  const bad = await auditor.post(`${base}/audits`, { ...plan, clauseNumbers: ['8.2.9'], plannedTo: '2022-01-01' })
  assert.is(bad.status, 400, bad.text)
  assert.equal(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['clauseNumbers.0', 'plannedTo'])
  const ghost = await auditor.post(`${base}/audits`, { ...plan, templateId: crypto.randomUUID() })
  assert.equal([ghost.status, ghost.body.errors?.[0]?.path], [422, 'templateId'])
  assert.is((await (await as('head')).post(`${base}/audits`, plan)).status, 403, 'heads of unit do not plan audits')

  const planned = await auditor.post(`${base}/audits`, plan)
  assert.is(planned.status, 201, planned.text)
  const a = planned.body
  assert.equal([a.seq, a.status, a.units.map((u: { code: string; inspection: unknown }) => [u.code, u.inspection]).sort()], [1, 'planned', [['QLMT', null], ['QLQHXD', null]]])
  const audit = `${base}/audits/${a.id}`

  // Scheduling waits for the approval.
  const early = await auditor.post(`${audit}/schedule`, undefined, { ifMatch: a.version })
  assert.equal([early.status, early.body.code, early.body.allowed], [409, 'illegal-transition', ['approve']])
  assert.is((await auditor.post(`${base}/approve`, undefined, { ifMatch: p.version })).status, 403)
  assert.is((await manager.post(`${base}/approve`)).status, 428)
  assert.is((await manager.post(`${base}/approve`, undefined, { ifMatch: p.version + 1 })).status, 412)
  const approved = await manager.post(`${base}/approve`, undefined, { ifMatch: p.version })
  assert.equal([approved.status, approved.body.status, approved.body.approvedBy.fullName], [200, 'approved', 'Nguyễn Văn Minh'])
  assert.is((await manager.patch(base, { title: 'Sửa' }, { ifMatch: approved.body.version })).status, 409, 'an approved programme keeps its text')

  assert.is((await auditor.post(`${audit}/schedule`)).status, 428)
  const scheduled = await auditor.post(`${audit}/schedule`, undefined, { ifMatch: a.version })
  assert.is(scheduled.status, 200, scheduled.text)
  assert.is(scheduled.body.status, 'scheduled')
  const inspectionIds = scheduled.body.units.map((u: { inspection: { id: string } }) => u.inspection.id)
  for (const id of inspectionIds) {
    const i = (await auditor.get(`/api/inspections/${id}`)).body
    assert.equal([i.kind, i.status, i.plannedFor, i.leadInspector.fullName, i.team.map((t: { fullName: string }) => t.fullName)], ['internal_audit', 'planned', '2021-06-07', 'Trần Thị Lan', ['Nguyễn Văn Minh']])
  }
  const locked = await auditor.patch(audit, { orgUnitIds: [await unitId('QLMT')] }, { ifMatch: scheduled.body.version })
  assert.equal([locked.status, locked.body.code], [409, 'audit.scheduled-locked'])

  // Rescheduled (approved programme, If-Match, with a reason): the planned inspections move with it.
  const reason = 'Trùng lịch tiếp công dân'
  assert.is((await auditor.patch(audit, { plannedFrom: '2021-06-14', plannedTo: '2021-06-16', reason }, { ifMatch: a.version })).status, 412)
  const unexplained = await auditor.patch(audit, { plannedFrom: '2021-06-14', plannedTo: '2021-06-16' }, { ifMatch: scheduled.body.version })
  assert.equal([unexplained.status, unexplained.body.errors?.[0]?.path], [400, 'reason'], 'new dates need a reason')
  const moved = await auditor.patch(audit, { plannedFrom: '2021-06-14', plannedTo: '2021-06-16', reason }, { ifMatch: scheduled.body.version })
  assert.is(moved.status, 200, moved.text)
  assert.equal(moved.body.units.map((u: { inspection: { plannedFor: string } }) => u.inspection.plannedFor), ['2021-06-14', '2021-06-14'])
  const log = await manager.get(`/api/audit-log?entityId=${a.id}`)
  assert.equal(log.body.items.map((e: { action: string }) => e.action), ['programme_audit.update', 'programme_audit.schedule', 'programme_audit.create'])
  assert.equal([log.body.items[0].after.inspectionsChanged.length, log.body.items[0].after.reason], [2, reason])

  // Performed on the inspection engine: failures become classified findings.
  for (const [n, id] of inspectionIds.entries()) {
    let i = (await auditor.get(`/api/inspections/${id}`)).body
    const answers = ISO_ITEMS.map((itemId) =>
      n === 0 && itemId === 'iso-8-provision'
        ? { itemId, result: 'fail', note: 'Hai hồ sơ giải quyết quá hạn', classification: 'major_nc' }
        : n === 0 && itemId === 'iso-6-planning'
          ? { itemId, result: 'fail', note: 'Chưa theo dõi mục tiêu chất lượng quý I' }
          : { itemId, result: 'pass' },
    )
    const recorded = await auditor.put(`/api/inspections/${id}/responses`, answers, { ifMatch: i.version })
    assert.is(recorded.status, 200, recorded.text)
    i = recorded.body
    const done = await auditor.post(`/api/inspections/${id}/complete`, { conclusion: 'Cơ bản phù hợp.' }, { ifMatch: i.version })
    assert.is(done.status, 200, done.text)
  }
  const performed = (await auditor.get(audit)).body
  assert.equal([performed.status, performed.findings], ['completed', { major_nc: 1, minor_nc: 1, observation: 0, improvement_opportunity: 0 }])
  const concluded = await auditor.patch(audit, { conclusion: 'Hệ thống được duy trì; cần khắc phục việc giải quyết hồ sơ quá hạn.' }, { ifMatch: performed.version })
  assert.is(concluded.status, 200, concluded.text)
  assert.is((await auditor.patch(audit, { plannedTo: '2021-06-20' }, { ifMatch: concluded.body.version })).status, 409, 'a completed audit changes only its conclusion')

  const report = await auditor.raw(`${audit}/report?format=pdf`)
  assert.is(report.statusCode, 200)
  // Justified lines come out of the PDF without their spaces: compare without any.
  const text = pdfText(report.rawPayload).replace(/\s+/g, '')
  for (const expected of ['ĐOÀN ĐÁNH GIÁ NỘI BỘ', 'Số: 01/2021/BC-ĐGNB', 'BÁO CÁO', 'Phòng Quản lý quy hoạch và xây dựng', 'Không phù hợp nặng: 1', 'Hai hồ sơ giải quyết quá hạn', 'TRƯỞNG ĐOÀN ĐÁNH GIÁ', 'Trần Thị Lan', 'cần khắc phục việc giải quyết hồ sơ quá hạn']) {
    assert.ok(text.includes(expected.replace(/\s+/g, '')), `PDF lacks ${expected}`)
  }
})

const independence = suite('independence: nobody audits their own unit', ctx)

independence('planning an audit, and setting an internal_audit inspection’s lead or team, refuse a person of the audited unit by name', async ({ as, unitId, userId }) => {
  const auditor = await as('auditor')
  const demo = await demoProgramme()
  const base = `/api/audit-programmes/${demo.id}`
  const plan = {
    title: 'Đánh giá toàn Ban',
    orgUnitIds: [await unitId('BQL')],
    clauseNumbers: ['9.2'],
    plannedFrom: '2020-12-01',
    plannedTo: '2020-12-01',
    leadAuditorId: await userId('auditor'),
    templateId: demo.audits[0].template.id,
  }
  const own = await auditor.post(`${base}/audits`, plan, { headers: { 'accept-language': 'vi' } })
  assert.is(own.status, 422, own.text)
  assert.is(own.body.code, 'audit.not-independent')
  assert.match(own.body.detail, /^Trần Thị Lan không thể đánh giá Ban Quản lý các khu công nghiệp/)
  assert.equal(own.body.errors.map((e: { path: string }) => e.path), ['leadAuditorId'])

  // The head of the Office is not independent of the Office; of another department, yes.
  const office = await auditor.post(`${base}/audits`, { ...plan, orgUnitIds: [await unitId('QLDN'), await unitId('VP')], teamIds: [await userId('manager'), await userId('head')] })
  assert.is(office.status, 422)
  assert.match(office.body.detail, /^Lê Văn Hùng cannot audit Văn phòng/)
  assert.equal(office.body.errors.map((e: { path: string }) => e.path), ['teamIds.1'])
  const fine = await auditor.post(`${base}/audits`, { ...plan, orgUnitIds: [await unitId('QLDN')], teamIds: [await userId('head')] })
  assert.is(fine.status, 201, fine.text)
  const moveIn = await auditor.patch(`${base}/audits/${fine.body.id}`, { orgUnitIds: [await unitId('VP')] }, { ifMatch: fine.body.version })
  assert.equal([moveIn.status, moveIn.body.errors?.[0]?.path], [422, 'teamIds.0'])

  // The same rule on the inspections API, for internal audits only.
  const inspection = { templateId: plan.templateId, orgUnitId: await unitId('VP'), plannedFor: '2020-12-02', leadInspectorId: await userId('head') }
  const direct = await auditor.post('/api/inspections', { ...inspection, kind: 'internal_audit' })
  assert.equal([direct.status, direct.body.code, direct.body.errors?.[0]?.path], [422, 'audit.not-independent', 'leadInspectorId'])
  const civil = await auditor.post('/api/inspections', { ...inspection, kind: 'internal' })
  assert.is(civil.status, 201, 'a civil-service inspection has no such rule')
  const ia = await auditor.post('/api/inspections', { ...inspection, kind: 'internal_audit', leadInspectorId: await userId('auditor') })
  assert.is(ia.status, 201, ia.text)
  const team = await auditor.patch(`/api/inspections/${ia.body.id}`, { teamIds: [await userId('manager'), await userId('vo.thi.mai')] }, { ifMatch: ia.body.version })
  assert.equal([team.status, team.body.errors?.[0]?.path], [422, 'teamIds.1'])
  assert.match(team.body.detail, /^Võ Thị Mai cannot audit Văn phòng/)
  const toKind = await auditor.patch(`/api/inspections/${civil.body.id}`, { kind: 'internal_audit' }, { ifMatch: civil.body.version })
  assert.is(toKind.status, 422, 'turning an inspection into an internal audit checks its people too')
})

const coverage = suite('the coverage matrix and who sees what', ctx)

coverage('clauses 4–10 × units: audited, planned, uncovered; scoped to the reader’s units', async ({ as }) => {
  const manager = await as('manager')
  const demo = await demoProgramme()
  assert.equal([demo.number, demo.status, demo.audits[0].status, demo.audits[0].units[0].inspection.number], ['01/CT-BQL', 'approved', 'completed', demo.audits[0].units[0].inspection.number])
  const res = await manager.get(`/api/audit-programmes/${demo.id}/coverage`)
  assert.is(res.status, 200, res.text)
  const matrix = res.body
  assert.equal(matrix.clauses.map((c: { number: string }) => c.number), ['4', '5', '6', '7', '8', '9', '10'])
  const row = (code: string) => matrix.units.find((u: { code: string }) => u.code === code).cells.map((c: { state: string }) => c.state[0]).join('')
  // The reception desk was audited on every clause; the second half plans three departments (no clause 5); the rest is uncovered.
  assert.is(row('TNTKQ'), 'aaaaaaa')
  for (const code of ['VP', 'QLDN', 'QLĐT']) assert.is(row(code), 'puppppp', code)
  for (const code of ['BQL', 'QLQHXD', 'QLMT', 'CTHT']) assert.is(row(code), 'uuuuuuu', code)
  // (The independence suite's audit of QLDN on 9.2 changes nothing: its 9 was planned already.)
  assert.equal(matrix.totals, { cells: 8 * 7, audited: 7, planned: 3 * 6, uncovered: 8 * 7 - 7 - 18 })

  // A head sees the Office subtree; staff their own unit, and only the audits touching it.
  const head = (await (await as('head')).get(`/api/audit-programmes/${demo.id}/coverage`)).body
  assert.equal(head.units.map((u: { code: string }) => u.code), ['VP', 'TNTKQ'])
  const staff = await as('staff')
  const seen = (await staff.get(`/api/audit-programmes/${demo.id}`)).body
  assert.equal(seen.audits.map((a: { seq: number }) => a.seq), [1])
  assert.equal((await staff.get(`/api/audit-programmes/${demo.id}/coverage`)).body.units.map((u: { code: string }) => u.code), ['TNTKQ'])
  const second = demo.audits.find((a: { seq: number }) => a.seq === 2)
  assert.is((await staff.get(`/api/audit-programmes/${demo.id}/audits/${second.id}/report`)).status, 403)
  assert.is((await staff.post(`/api/audit-programmes/${demo.id}/audits/${second.id}/cancel`, { reason: 'x' }, { ifMatch: second.version })).status, 403)
  assert.equal(seen.allowedActions, [])

  // The half-year report from the demo: HTML, in Vietnamese, with scope, team and conclusion.
  const html = await staff.get(`/api/audit-programmes/${demo.id}/audits/${demo.audits[0].id}/report`)
  assert.is(html.status, 200)
  for (const expected of ['<h1>BÁO CÁO</h1>', 'Số: 01/2020/BC-ĐGNB', 'Bộ phận Tiếp nhận và Trả kết quả', 'Nguyễn Văn Minh', '(Trưởng đoàn)', 'không phát hiện điểm không phù hợp', '10.2 ']) {
    assert.ok(html.text.includes(expected), `HTML lacks ${expected}`)
  }
})

ctx.use(programme, independence, coverage)
programme.run()
independence.run()
coverage.run()
