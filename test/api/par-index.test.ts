import ExcelJS from 'exceljs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ApiClient } from '../helpers/app.ts'
import { appContext } from '../helpers/app.ts'
import { multipart, pdfFile } from '../helpers/files.ts'

const ctx = appContext()

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A criteria sheet as a province sends it: a title row, the Vietnamese headings, one row per criterion. */
async function sheet(rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const ws = workbook.addWorksheet('Tiêu chí')
  ws.addRow(['BỘ TIÊU CHÍ THỬ NGHIỆM'])
  ws.addRow(['Mã', 'Tiêu chí', 'Điểm tối đa', 'Cách chấm', 'Nguồn số liệu'])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

async function load(client: ApiClient, bytes: Buffer, name: string, type = XLSX, filename = 'tieu-chi.xlsx') {
  const { body, headers } = multipart({ name, year: 2021 }, { name: filename, type, bytes })
  return client.post('/api/par-index/criteria-sets', body, { headers })
}

/** Area 1 (6 points: 1.1 with two sub-criteria, 1.2), area 2 (4 points). */
const GOOD: (string | number | null)[][] = [
  ['1', 'Công tác chỉ đạo, điều hành', 6, null, null],
  ['1.1', 'Kế hoạch cải cách hành chính', null, null, null],
  ['1.1.1', 'Ban hành kế hoạch đúng hạn', 1, 'Đúng hạn: 1 điểm', null],
  ['1.1.2', 'Hoàn thành kế hoạch', 2, null, null],
  ['1.2', 'Kiểm tra công vụ', '3', null, 'inspections_held'],
  ['2', 'Cải cách thủ tục hành chính', null, null, null],
  ['2.1', 'Hồ sơ giải quyết đúng hạn', 2.5, null, 'dossiers_on_time_pct'],
  ['2.2', 'Số hóa hồ sơ', '1,5', null, null],
]

const sets = suite('criteria sets', ctx)

sets('a manager loads a sheet all or nothing: every problem named by its row; the sample ships named as a sample', async ({ as }) => {
  const manager = await as('manager')
  const bad = await load(manager, await sheet([
    ['1', 'Lĩnh vực', 5, null, null],
    ['1.1', 'Tiêu chí', 2, null, null],
    ['1.1', 'Trùng mã', 1, null, null],
    ['1.3.1', 'Không có cha', 1, null, null],
    ['1.2', '', 'nhiều', null, 'so_lieu_la'],
    ['x.1', 'Mã sai', 1, null, null],
  ]), 'Bộ lỗi')
  assert.is(bad.status, 422, bad.text)
  assert.is(bad.body.code, 'par.import-has-errors')
  assert.equal(bad.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`), [
    'rows.3.maxPoints:sum',
    'rows.5.code:duplicate',
    'rows.6.code:parent_missing',
    'rows.7.title:required',
    'rows.7.maxPoints:points',
    'rows.7.dataSource:enum',
    'rows.8.code:format',
  ])
  const before = await manager.get('/api/par-index/criteria-sets?year=2021')
  assert.equal(before.body.items, [], 'nothing written')

  const auditor = await as('auditor')
  assert.is((await load(auditor, await sheet(GOOD), 'Bộ 2021')).status, 403, 'only managers load criteria sets')
  const good = await load(manager, await sheet(GOOD), 'Bộ 2021')
  assert.is(good.status, 201, good.text)
  assert.equal([good.body.maxPoints, good.body.criteriaCount, good.body.isSample], [10, 8, false])
  assert.equal(
    good.body.criteria.map((c: { code: string; maxPoints: number; isLeaf: boolean; depth: number }) => `${c.code}/${c.depth}:${c.maxPoints}${c.isLeaf ? '' : '+'}`),
    ['1/0:6+', '1.1/1:3+', '1.1.1/2:1', '1.1.2/2:2', '1.2/1:3', '2/0:4+', '2.1/1:2.5', '2.2/1:1.5'],
  )
  assert.is((await load(manager, await sheet(GOOD), 'bộ 2021')).status, 409, 'same name and year')

  const json = await load(manager, Buffer.from('{"criteria": [{"code": "1", "title": "A"'), 'JSON hỏng', 'application/json', 'tieu-chi.json')
  assert.equal([json.status, json.body.code], [422, 'par.json-unreadable'])

  const all = await (await as('staff')).get('/api/par-index/criteria-sets')
  const sample = all.body.items.find((s: { isSample: boolean }) => s.isSample)
  assert.equal([sample.name, sample.year], ['Bộ tiêu chí mẫu (không phải số liệu chính thức)', 2019])
})

const scoring = suite('the self-assessment of a year', ctx)

scoring('running totals and points lost; evidence where points are claimed; submit freezes; a manager appraises; remediation sorted', async ({ as }) => {
  const manager = await as('manager')
  const auditor = await as('auditor')
  const staff = await as('staff')
  const set = (await manager.get('/api/par-index/criteria-sets?year=2021')).body.items[0]
  assert.is((await staff.post('/api/par-index/assessments', { year: 2021, criteriaSetId: set.id })).status, 403)
  const created = await auditor.post('/api/par-index/assessments', { year: 2021, criteriaSetId: set.id })
  assert.is(created.status, 201, created.text)
  assert.is((await auditor.post('/api/par-index/assessments', { year: 2021, criteriaSetId: set.id })).status, 409, 'one per year')
  let a = created.body
  const id = (code: string) => a.criteria.find((c: { code: string }) => c.code === code).id as string
  const node = (code: string) => a.criteria.find((c: { code: string }) => c.code === code)
  const url = (code: string) => `/api/par-index/assessments/${a.id}/scores/${id(code)}`
  const score = async (code: string, body: Record<string, unknown>, client = auditor) => {
    const res = await client.put(url(code), body, { ifMatch: a.version })
    if (res.status === 200) a = res.body
    return res
  }

  // If-Match, evidence, the maximum, leaves only.
  assert.is((await auditor.put(url('1.1.1'), { selfScore: 1, evidenceText: 'KH 04' })).status, 428)
  assert.is((await auditor.put(url('1.1.1'), { selfScore: 1, evidenceText: 'KH 04' }, { ifMatch: a.version + 1 })).status, 412)
  const bare = await score('1.1.1', { selfScore: 1 })
  assert.equal([bare.status, bare.body.code, bare.body.params.code], [422, 'par.evidence-required', '1.1.1'])
  assert.match(bare.body.detail, /1\.1\.1 \(Ban hành kế hoạch đúng hạn\)/)
  assert.equal([(await score('1.1.2', { selfScore: 3, evidenceText: 'BC' })).body.code], ['par.score-over-max'])
  assert.equal([(await score('1.1', { selfScore: 1, evidenceText: 'BC' })).body.code], ['par.not-a-leaf'])
  assert.is((await score('1.1.1', { selfScore: 1, evidenceText: 'KH 04' }, staff)).status, 403, 'staff read, not score')

  // Evidence as a file; 0 points need none.
  const upload = multipart({}, { name: 'bien-ban.pdf', type: 'application/pdf', bytes: pdfFile('Biên bản kiểm tra') })
  const file = await auditor.post('/api/attachments', upload.body, { headers: upload.headers })
  assert.is(file.status, 201, file.text)
  assert.is((await score('1.1.1', { selfScore: 1, attachmentIds: [file.body.id], note: 'Đúng hạn' })).status, 200)
  assert.is((await score('1.1.2', { selfScore: 1.5, evidenceUrl: 'https://example.org/bao-cao' })).status, 200)
  assert.is((await score('2.2', { selfScore: 0 })).status, 200)
  assert.equal(node('1.1.1').attachments.map((f: { filename: string }) => f.filename), ['bien-ban.pdf'])
  // Running totals: 1.1 = 1 + 1.5; area 1 so far = 2.5; points lost 0 + 0.5 (1.1) and 1.5 (2.2).
  assert.equal([node('1.1').selfScore, node('1').selfScore, node('1.1').pointsLost, node('2').pointsLost, node('1.2').pointsLost], [2.5, 2.5, 0.5, 1.5, null])
  assert.equal(a.totals, { maxPoints: 10, selfScore: 2.5, appraisedScore: null, pointsLost: 2, leaves: 5, scored: 3 })
  assert.equal(node('1.2').figure?.source, 'inspections_held', 'our figure beside the criterion')

  const early = await auditor.post(`/api/par-index/assessments/${a.id}/submit`, {}, { ifMatch: a.version })
  assert.equal([early.status, early.body.code, early.body.params.codes], [422, 'par.unscored', ['1.2', '2.1']])
  await score('1.2', { selfScore: 3, evidenceText: 'Kế hoạch và biên bản kiểm tra' })
  await score('2.1', { selfScore: 2, evidenceText: 'Sổ theo dõi hồ sơ' })
  const submitted = await auditor.post(`/api/par-index/assessments/${a.id}/submit`, {}, { ifMatch: a.version })
  assert.equal([submitted.status, submitted.body.status, submitted.body.totals.selfScore], [200, 'submitted', 7.5])
  a = submitted.body
  assert.is((await score('2.2', { selfScore: 1, evidenceText: 'x' })).status, 409, 'self scores frozen once submitted')

  const appraisal = { scores: [{ criterionId: id('1.2'), appraisedScore: 1, note: 'Chưa đủ số cuộc kiểm tra' }, { criterionId: id('2.1'), appraisedScore: 2.5 }] }
  assert.is((await auditor.put(`/api/par-index/assessments/${a.id}/appraisal`, appraisal, { ifMatch: a.version })).status, 403, 'managers appraise')
  const over = await manager.put(`/api/par-index/assessments/${a.id}/appraisal`, { scores: [{ criterionId: id('2.1'), appraisedScore: 3 }] }, { ifMatch: a.version })
  assert.equal([over.status, over.body.errors?.[0]?.path], [422, 'scores.0.appraisedScore'])
  const appraised = await manager.put(`/api/par-index/assessments/${a.id}/appraisal`, appraisal, { ifMatch: a.version })
  assert.is(appraised.status, 200, appraised.text)
  a = appraised.body
  // Appraised where entered, else self: 1 + 1.5 + 1 + 2.5 + 0 lost 0 + 0.5 + 2 + 0 + 1.5.
  assert.equal([a.status, a.totals.appraisedScore, a.totals.pointsLost, node('1').pointsLost, node('1').appraisedScore, node('2').appraisedScore], ['appraised', 6, 4, 2.5, 3.5, 2.5])

  const plan = await staff.get(`/api/par-index/assessments/${a.id}/remediation`)
  assert.is(plan.status, 200, plan.text)
  assert.is(plan.body.basis, 'appraised')
  assert.equal(plan.body.items.map((i: { code: string; pointsLost: number }) => `${i.code}:${i.pointsLost}`), ['1.2:2', '2.2:1.5', '1.1.2:0.5'])
  assert.equal([plan.body.items[0].area.code, plan.body.items[0].note], ['1', 'Chưa đủ số cuộc kiểm tra'])
  assert.match(plan.body.items[0].suggestedTask, /tiêu chí 1\.2 “Kiểm tra công vụ” \(đạt 1\/3 điểm, chưa đạt 2 điểm\)/)

  const list = await staff.get('/api/par-index/assessments')
  const row = list.body.items.find((x: { year: number }) => x.year === 2021)
  assert.equal([row.totals.selfScore, row.totals.appraisedScore, row.totals.pointsLost, row.allowedActions], [7.5, 6, 4, []], 'the list sums the same in SQL')
  const audit = await manager.get(`/api/audit-log?entityId=${a.id}&limit=100`)
  assert.equal(audit.body.items.slice(0, 2).map((e: { action: string }) => e.action), ['par_assessment.appraise', 'par_assessment.submit'])
})

scoring('the 2019 demo shows our own figure for the year beside the criteria that name one, from the dossier statistics', async ({ as }) => {
  const staff = await as('staff')
  const list = await staff.get('/api/par-index/assessments')
  const demo = list.body.items.find((x: { year: number }) => x.year === 2019)
  const a = (await staff.get(`/api/par-index/assessments/${demo.id}`)).body
  assert.is(a.status, 'draft')
  const figures = Object.fromEntries(a.criteria.filter((c: { figure: unknown }) => c.figure).map((c: { code: string; figure: unknown }) => [c.code, c.figure]))
  assert.equal(Object.keys(figures).sort(), ['1.4.1', '2.2.1', '2.3', '6.1.1', '6.2'])
  assert.equal([figures['2.2.1'].from, figures['2.2.1'].to], ['2019-01-01', '2019-12-31'])
  const stats = (await (await as('manager')).get('/api/dossiers/stats?from=2019-01-01&to=2019-12-31&groupBy=channel')).body.total
  assert.equal([figures['2.2.1'].part, figures['2.2.1'].base], [stats.resolvedEarly + stats.resolvedOnTime, stats.resolvedTotal])
  assert.equal(figures['6.1.1'].part, stats.receivedOnline)
  assert.ok(a.totals.scored < a.totals.leaves, 'leaves left to score in the demo')
})

ctx.use(sets, scoring)
sets.run()
scoring.run()
