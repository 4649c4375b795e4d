import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'
import { pdfText } from '../helpers/pdf-text.ts'
import { zipEntry } from '../../server/lib/unzipped-size.ts'

const ctx = appContext()
const base = '/api/reports/par-drafts'
// Justified lines space their words without space characters: compare without spaces.
const squeeze = (s: string) => s.replace(/\s+/g, '')
const SEED_PHRASES = ['Số: 173/BC-BQL', 'Tiền Giang, ngày 29 tháng 5 năm 2020', 'đã tiếp nhận giải quyết 86 hồ sơ', 'tiếp nhận trực tuyến là 44 hồ sơ', 'đã giải quyết 82 hồ sơ', '04 hồ sơ đang trong hạn giải quyết']

const demo = suite('the demo report 173/BC-BQL, issued from the data', ctx)

demo('is issued, frozen, with its PDF, DOCX and XLSX, and kept in document control as a record', async (c) => {
  const manager = await c.as('manager')
  const list = await manager.get(`${base}?status=issued`)
  assert.is(list.status, 200, list.text)
  const issued = list.body.items.find((d: { number: string }) => d.number === '173/BC-BQL')
  assert.ok(issued, 'the demo report is listed')
  assert.equal([issued.status, issued.issuedOn, issued.from, issued.to, issued.plan.number, issued.allowedActions], ['issued', '2020-05-29', '2019-11-21', '2020-05-27', '04/KH-BQL', []])

  const pdf = await manager.raw(`${base}/${issued.id}/file?format=pdf`)
  assert.is(pdf.statusCode, 200)
  assert.is(pdf.rawPayload.subarray(0, 4).toString(), '%PDF')
  const text = squeeze(pdfText(pdf.rawPayload))
  for (const phrase of [...SEED_PHRASES, 'KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ 04/KH-BQL', 'Bảng 6. Kết quả thực hiện nhiệm vụ theo lĩnh vực', 'PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2020', '- Một là', 'Nhìn chung công tác tuyên truyền', 'KT. TRƯỞNG BAN', 'Nguyễn Văn Minh', '- Sở Nội vụ (b/c);', '- Lưu: VT.']) {
    assert.ok(text.includes(squeeze(phrase)), `PDF misses: ${phrase}`)
  }
  const docx = await manager.raw(`${base}/${issued.id}/file?format=docx`)
  assert.is(docx.rawPayload.subarray(0, 2).toString(), 'PK')
  const xml = zipEntry(docx.rawPayload, 'word/document.xml')!.toString('utf8').replace(/<[^>]+>/g, '')
  for (const phrase of [...SEED_PHRASES, 'Nguyễn Văn Minh']) assert.ok(xml.includes(phrase), `DOCX misses: ${phrase}`)
  const xlsx = await manager.raw(`${base}/${issued.id}/file?format=xlsx`)
  assert.is(xlsx.rawPayload.subarray(0, 2).toString(), 'PK')

  // The record: a published, read-only document holding the issued PDF.
  const doc = await manager.get(`/api/documents/${issued.documentId}`)
  assert.equal([doc.body.type, doc.body.status, doc.body.code, doc.body.nextReviewDue], ['record', 'published', '173/BC-BQL-2020', null])
  const edit = await manager.patch(`/api/documents/${issued.documentId}`, { title: 'Sửa' }, { ifMatch: doc.body.version })
  assert.is(edit.status, 409)
  assert.is(edit.body.code, 'document.record-read-only')
  const stored = await manager.raw(`/api/documents/${issued.documentId}/revisions/${doc.body.currentRevision.id}/file`)
  assert.is(stored.statusCode, 200)
  assert.is(stored.headers['content-type'], 'application/pdf')
  assert.is(stored.rawPayload.subarray(0, 4).toString(), '%PDF')
})

const flow = suite('writing, approving and issuing a report', ctx)

flow('a manager takes an empty draft to an issued report that data changed afterwards does not change', async (c) => {
  const manager = await c.as('manager')
  const plans = await manager.get('/api/plans?year=2020')
  const planId = plans.body.items[0].id
  const created = await manager.post(base, { from: '2020-01-01', to: '2020-06-30', planId })
  assert.is(created.status, 201, created.text)
  let d = created.body
  assert.is(d.status, 'draft')
  assert.equal(d.allowedActions, ['update', 'approve'])
  // Empty narrative sections are in the preview, not in the printed report.
  assert.equal(d.report.sections.filter((s: { narrative?: string }) => s.narrative).map((s: { narrative: string; paragraphs: string[] }) => [s.narrative, s.paragraphs.length]), [['propaganda', 0], ['direction', 0], ['conclusions', 0], ['nextPeriod', d.report.sections.at(-1).paragraphs.length]])

  assert.is((await manager.patch(`${base}/${d.id}`, { propaganda: 'x' })).status, 428)
  assert.is((await manager.patch(`${base}/${d.id}`, { propaganda: 'x' }, { ifMatch: d.version + 1 })).status, 412)
  assert.is((await manager.patch(`${base}/${d.id}`, { from: '2020-07-01' }, { ifMatch: d.version })).status, 400)
  assert.is((await manager.patch(`${base}/${d.id}`, { planId: '00000000-0000-4000-8000-000000000000' }, { ifMatch: d.version })).status, 422)
  const saved = await manager.patch(`${base}/${d.id}`, { propaganda: 'Đã đăng 12 tin bài tuyên truyền.\nTổ chức 02 hội nghị.' }, { ifMatch: d.version })
  assert.is(saved.status, 200, saved.text)
  d = saved.body
  assert.equal(d.report.sections[0].paragraphs, ['Đã đăng 12 tin bài tuyên truyền.', 'Tổ chức 02 hội nghị.'])

  d = (await manager.post(`${base}/${d.id}/approve`, {}, { ifMatch: d.version })).body
  assert.is(d.status, 'approved')
  const locked = await manager.patch(`${base}/${d.id}`, { propaganda: 'y' }, { ifMatch: d.version })
  assert.is(locked.status, 409)
  assert.equal(locked.body.allowed, ['reopen', 'issue'])

  const issue = { number: '173', issuedOn: '2020-07-03', signerTitle: 'KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN', signerName: 'Nguyễn Văn Minh', recipients: ['Sở Nội vụ'] }
  const taken = await manager.post(`${base}/${d.id}/issue`, issue, { ifMatch: d.version })
  assert.is(taken.status, 409, 'the demo already issued 173/BC-BQL in 2020')
  assert.is(taken.body.code, 'report.number-taken')
  const early = await manager.post(`${base}/${d.id}/issue`, { ...issue, number: '201', issuedOn: '2020-06-29' }, { ifMatch: d.version })
  assert.is(early.status, 400)
  assert.is(early.body.errors[0].path, 'issuedOn')
  const done = await manager.post(`${base}/${d.id}/issue`, { ...issue, number: '201' }, { ifMatch: d.version })
  assert.is(done.status, 200, done.text)
  d = done.body
  assert.equal([d.status, d.number, d.allowedActions], ['issued', '201/BC-BQL', []])
  assert.ok(d.report.sections[0].heading.startsWith('I. CÔNG TÁC TUYÊN TRUYỀN'))
  const htmlBefore = (await manager.raw(`${base}/${d.id}/file`)).body

  // The records change after issuing: a complaint received in the period.
  const complaint = await manager.post('/api/complaints', { kind: 'complaint', receivedAt: '2020-03-10T02:00:00.000Z', summary: 'Khiếu nại sau khi báo cáo đã ban hành.' })
  assert.is(complaint.status, 201, complaint.text)
  const live = await manager.get('/api/reports/par?from=2020-01-01&to=2020-06-30&format=json')
  assert.is(live.body.figures.complaints.total, d.report.figures.complaints.total + 1, 'the computed report sees it')
  const again = await manager.get(`${base}/${d.id}`)
  assert.equal(again.body.report, d.report, 'the issued report does not')
  assert.is((await manager.raw(`${base}/${d.id}/file`)).body, htmlBefore)
  assert.is((await manager.post(`${base}/${d.id}/reopen`, {}, { ifMatch: d.version })).status, 409)
})

flow('managers write; agency-wide readers read drafts; heads of unit read issued reports only', async (c) => {
  const [manager, auditor, head, staff] = await Promise.all(['manager', 'auditor', 'head', 'staff'].map((u) => c.as(u)))
  const draft = (await manager.post(base, { from: '2020-07-01', to: '2020-12-31' })).body
  assert.is((await auditor.post(base, { from: '2020-07-01', to: '2020-12-31' })).status, 403)
  assert.is((await auditor.get(`${base}/${draft.id}`)).status, 200)
  assert.equal((await auditor.get(`${base}/${draft.id}`)).body.allowedActions, [])
  assert.is((await auditor.post(`${base}/${draft.id}/approve`, {}, { ifMatch: draft.version })).status, 403)
  assert.is((await head.get(`${base}/${draft.id}`)).status, 403)
  const seen = (await head.get(`${base}?limit=100`)).body.items
  assert.ok(seen.length > 0 && seen.every((d: { status: string }) => d.status === 'issued'))
  assert.is((await head.get(`${base}/${seen[0].id}`)).status, 200)
  assert.is((await staff.get(base)).status, 403)
})

ctx.use(demo, flow)
demo.run()
flow.run()
