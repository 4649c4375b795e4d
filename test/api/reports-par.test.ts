import ExcelJS from 'exceljs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext, type AppContext } from '../helpers/app.ts'
import { pdfText } from '../helpers/pdf-text.ts'
import { zipEntry } from '../../server/lib/unzipped-size.ts'
import { decreeDate } from '../../server/modules/reports/par-official.ts'
import { renderParPdf } from '../../server/modules/reports/par-pdf.ts'

const ctx = appContext()
const SEED = 'from=2019-11-21&to=2020-05-27'
const vn = (local: string) => new Date(`${local}+07:00`).toISOString()

async function file(c: AppContext, username: string, url: string) {
  const client = await c.as(username)
  const res = await client.raw(url)
  return res
}

const seed = suite('the half-year report on the demo data', ctx)

seed('its figures equal the seed report 173/BC-BQL', async (c) => {
  const res = await (await c.as('manager')).get(`/api/reports/par?${SEED}&format=json`)
  assert.is(res.status, 200, res.text)
  const f = res.body.figures
  assert.equal([f.procedures.total, f.procedures.level4, f.procedures.level3], [40, 34, 6])
  assert.equal([f.dossiers.received, f.dossiers.receivedOnline, f.dossiers.receivedInPersonOrPostal, f.dossiers.resolved, f.dossiers.pendingNotDue, f.dossiers.pendingOverdue], [86, 44, 42, 82, 4, 0])
  assert.equal(f.complaints, { total: 0, complaint: 0, denunciation: 0, feedback: 0 })
  // The forms the seed names: self-inspection, internal inspection, at briefing meetings.
  assert.ok(f.inspections.byKind.self > 0 && f.inspections.byKind.internal > 0 && f.inspections.byKind.briefing > 0)
  assert.is(f.inspections.remindedOnTheSpot, 2, 'the two civil servants without their ID badge')
  // The 2008 → 2015 transition was still to be completed (the sixth task of the seed report).
  assert.ok(f.qms.on2008 > 0)
  assert.is(res.body.periodLabel, '6 tháng đầu năm 2020')
})

seed('the HTML says it in the seed report’s words, with the numbers', async (c) => {
  const res = await file(c, 'manager', `/api/reports/par?${SEED}`)
  assert.is(res.statusCode, 200)
  assert.match(String(res.headers['content-type']), /text\/html/)
  const html = res.body
  for (const phrase of [
    'Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2020',
    'Ban Quản lý có tổng số 40 thủ tục hành chính; trong đó có 34 thủ tục thực hiện dịch vụ công trực tuyến mức độ 4 và 06 thủ tục thực hiện dịch vụ công trực tuyến mức độ 3',
    'đã tiếp nhận giải quyết 86 hồ sơ',
    'tiếp nhận trực tuyến là 44 hồ sơ, tiếp nhận trực tiếp và qua dịch vụ bưu chính công ích là 42 hồ sơ',
    'đã giải quyết 82 hồ sơ',
    '04 hồ sơ đang trong hạn giải quyết',
    'không có đơn khiếu nại, tố cáo',
    'tự kiểm tra',
    'lồng ghép trong các cuộc họp giao ban',
    'đeo thẻ công chức, viên chức (đã nhắc nhở tại chỗ 02 trường hợp)',
    'TCVN ISO 9001:2008',
    '@page { size: A4',
  ]) {
    assert.ok(html.includes(phrase), `missing: ${phrase}`)
  }
})

// Justified lines space their words without space characters: compare without spaces.
const squeeze = (s: string) => s.replace(/\s+/g, '')

seed('the PDF is laid out as Nghị định 30 asks: the number, the place and date, the seed figures, Tinos embedded', async (c) => {
  const pdf = await file(c, 'manager', `/api/reports/par?${SEED}&format=pdf`)
  assert.is(pdf.statusCode, 200)
  assert.is(pdf.headers['content-type'], 'application/pdf')
  const text = squeeze(pdfText(pdf.rawPayload))
  const model = (await (await c.as('manager')).get(`/api/reports/par?${SEED}&format=json`)).body
  const year = model.asOf.slice(0, 4)
  // Not issued yet: the number and the day and month are blank, the place is QMS_AGENCY_PLACE.
  for (const phrase of ['BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: /BC-BQL', `Tiền Giang, ngày tháng năm ${year}`, 'BÁO CÁO', 'đã tiếp nhận giải quyết 86 hồ sơ', 'đã giải quyết 82 hồ sơ', 'nhắc nhở tại chỗ', 'Nơi nhận:', '- Lưu: VT.', 'TRƯỞNG BAN']) {
    assert.ok(text.includes(squeeze(phrase)), `PDF misses: ${phrase}`)
  }
  const raw = pdf.rawPayload.toString('latin1')
  for (const font of ['Tinos-Regular', 'Tinos-Bold', 'Tinos-Italic']) assert.match(raw, new RegExp(`/BaseFont /[A-Z]{6}\\+${font}\\b`), `${font} embedded`)
  assert.ok(raw.includes('/FontFile2'), 'the font program is in the file')
  assert.not.ok(raw.includes('DejaVu'))

  // Issuing gives the renderer a number, a date, a signer and recipients.
  const issued = squeeze(pdfText(await renderParPdf(model, { number: '173', place: 'Tiền Giang', date: '2020-05-29', signerTitle: 'KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN', signerName: 'Nguyễn Văn An', recipients: ['UBND tỉnh Tiền Giang', 'Sở Nội vụ'] })))
  for (const phrase of ['Số: 173/BC-BQL', 'Tiền Giang, ngày 29 tháng 5 năm 2020', 'KT. TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN', 'Nguyễn Văn An', '- UBND tỉnh Tiền Giang;', '- Sở Nội vụ;', '- Lưu: VT.']) {
    assert.ok(issued.includes(squeeze(phrase)), `issued PDF misses: ${phrase}`)
  }
  assert.is(decreeDate('2020-02-05'), 'ngày 05 tháng 02 năm 2020', 'the decree pads days below 10 and the months 1 and 2')
})

seed('the DOCX holds the same text and figures in real tables, in Times New Roman', async (c) => {
  const res = await file(c, 'manager', `/api/reports/par?${SEED}&format=docx`)
  assert.is(res.statusCode, 200)
  assert.match(String(res.headers['content-type']), 'wordprocessingml.document')
  assert.match(String(res.headers['content-disposition']), /bao-cao-cchc_2019-11-21_2020-05-27\.docx/)
  const xml = zipEntry(res.rawPayload, 'word/document.xml')!.toString('utf8')
  const text = squeeze([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' '))
  for (const phrase of ['BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: /BC-BQL', 'Tiền Giang, ngày tháng năm', 'Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2020', 'I. CÔNG TÁC TIẾP NHẬN', 'đã tiếp nhận giải quyết 86 hồ sơ', 'tiếp nhận trực tuyến là 44 hồ sơ', 'đã giải quyết 82 hồ sơ', 'Bảng 1. Thủ tục hành chính theo mức độ dịch vụ công trực tuyến', 'Nơi nhận:', 'TRƯỞNG BAN']) {
    assert.ok(text.includes(squeeze(phrase)), `DOCX misses: ${phrase}`)
  }
  // Bảng 1's rows, one cell each: the level and its count, the total in bold.
  const cells = [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => [...m[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
  const level4 = cells.indexOf('Mức độ 4')
  assert.equal(cells.slice(level4, level4 + 2), ['Mức độ 4', '34'])
  assert.equal(cells.slice(cells.indexOf('Tổng cộng'), cells.indexOf('Tổng cộng') + 2), ['Tổng cộng', '40'])
  assert.ok((xml.match(/<w:tbl>/g) ?? []).length >= 7, 'the header, five tables and the signature are tables')
  const styles = zipEntry(res.rawPayload, 'word/styles.xml')!.toString('utf8')
  assert.match(styles, /w:ascii="Times New Roman"/)
})

seed('the XLSX keeps numbers as numbers: totals are formulas, rates are per cent with a % format, sheet names whole', async (c) => {
  const xlsx = await file(c, 'manager', `/api/reports/par?${SEED}&format=xlsx`)
  assert.is(xlsx.statusCode, 200)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
  const report = workbook.getWorksheet('Báo cáo')!
  const lines: string[] = []
  report.eachRow((row) => lines.push(String(row.getCell(1).value ?? '')))
  assert.ok(lines.some((l) => l.includes('đã tiếp nhận giải quyết 86 hồ sơ')))
  assert.equal(workbook.worksheets.map((s) => s.name), ['Báo cáo', 'Bảng 1. Thủ tục theo mức độ', 'Bảng 2. Hồ sơ theo lĩnh vực', 'Bảng 3. Kiểm tra theo hình thức', 'Bảng 4. Kết quả theo nội dung', 'Bảng 5. Tài liệu ISO 9001'])
  const levels = workbook.getWorksheet('Bảng 1. Thủ tục theo mức độ')!
  const cells = (n: number) => [levels.getRow(n).getCell(1).value, levels.getRow(n).getCell(2).value]
  assert.equal(cells(3), ['Mức độ', 'Số thủ tục'])
  assert.equal([cells(4), cells(5)], [['Mức độ 4', 34], ['Mức độ 3', 6]])
  assert.equal(cells(8), ['Tổng cộng', { formula: 'SUM(B4:B7)', result: 40 }])
  assert.is(levels.getRow(4).getCell(2).numFmt, '#,##0')
  assert.equal(levels.getRow(4).getCell(2).border.left, { style: 'thin' })
  const fields = workbook.getWorksheet('Bảng 2. Hồ sơ theo lĩnh vực')!.lastRow!
  assert.equal([fields.getCell(2).value, fields.getCell(3).value, fields.getCell(4).value], ['Tổng cộng', { formula: 'SUM(C4:C9)', result: 86 }, { formula: 'SUM(D4:D9)', result: 82 }])
  const rates = workbook.getWorksheet('Bảng 4. Kết quả theo nội dung')!
  assert.is(rates.getRow(3).getCell(4).value, 'Tỷ lệ đạt (%)')
  const badge = rates.getRow(5)
  assert.is(badge.getCell(1).value, 'Đeo thẻ công chức, viên chức')
  assert.is(badge.getCell(4).value, 0.917, '22 of 24, as a share')
  assert.is(badge.getCell(4).numFmt, '0.0%')

  // One table alone, as CSV: the procedures by online level.
  const csv = await file(c, 'manager', `/api/reports/par?${SEED}&format=csv&table=1`)
  assert.is(csv.statusCode, 200)
  const lines1 = csv.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
  assert.equal(lines1, ['Mức độ,Số thủ tục', 'Mức độ 4,34', 'Mức độ 3,6', 'Mức độ 2,0', 'Mức độ 1,0', 'Tổng cộng,40'])
  assert.is((await file(c, 'manager', `/api/reports/par?${SEED}&format=csv`)).statusCode, 400, 'csv needs a table')
  assert.is((await file(c, 'manager', `/api/reports/par?${SEED}&format=csv&table=99`)).statusCode, 400)
})

const fixture = suite('the half-year report on a hand-made unit', ctx)

fixture('three dossiers and a complaint in October 2018, counted by hand', async (c) => {
  const admin = await c.as('admin')
  const unit = (await admin.post('/api/org-units', { code: 'U-PAR', name: 'Phòng thử báo cáo', parentId: await c.unitId('BQL') })).body
  const procedure = (await admin.post('/api/procedures', { code: 'PAR.01', name: 'Thủ tục thử', field: 'Lĩnh vực thử', owningUnitId: unit.id, processingDays: 3, onlineLevel: 4, onlineLevelFrom: '2018-01-01' })).body
  const receive = async (code: string, channel: string, at: string) => {
    const res = await admin.post('/api/dossiers', { code, procedureId: procedure.id, applicantName: `Công ty ${code}`, channel, receivedAt: vn(at) })
    assert.is(res.status, 201, res.text)
    return res.body
  }
  const step = async (d: { id: string; version: number }, action: string, at: string) => {
    const res = await admin.post(`/api/dossiers/${d.id}/${action}`, { at: vn(at) }, { ifMatch: d.version })
    assert.is(res.status, 200, res.text)
    return res.body
  }
  // Early: received Monday 1/10, resolved the next day (due Thursday 4/10).
  const early = await receive('PAR-1', 'online', '2018-10-01T09:00:00')
  await step(await step(early, 'start-processing', '2018-10-01T10:00:00'), 'resolve', '2018-10-02T10:00:00')
  // Late: received Tuesday 2/10 by post, due Friday 5/10, resolved Wednesday 10/10.
  const late = await receive('PAR-2', 'postal', '2018-10-02T09:00:00')
  await step(await step(late, 'start-processing', '2018-10-02T10:00:00'), 'resolve', '2018-10-10T10:00:00')
  // Pending within its deadline on 31/10: received Monday 29/10, due Thursday 1/11.
  await receive('PAR-3', 'online', '2018-10-29T09:00:00')
  assert.is((await admin.post('/api/complaints', { kind: 'complaint', dossierId: late.id, summary: 'Trả kết quả chậm', receivedAt: vn('2018-10-15T09:00:00') })).status, 201)

  const res = await admin.get(`/api/reports/par?from=2018-10-01&to=2018-10-31&orgUnitId=${unit.id}&format=json`)
  assert.is(res.status, 200, res.text)
  const r = res.body
  assert.equal(r.figures.procedures, { total: 1, level4: 1, level3: 0, level2: 0, level1: 0, fullyOnline: 0, partlyOnline: 0 })
  assert.equal(r.figures.dossiers, { received: 3, carriedOver: 0, receivedOnline: 2, receivedInPersonOrPostal: 1, resolved: 2, resolvedEarly: 1, resolvedOnTime: 0, resolvedLate: 1, pendingNotDue: 1, pendingOverdue: 0, returnedOrWithdrawn: 0 })
  assert.equal(r.figures.complaints, { total: 1, complaint: 1, denunciation: 0, feedback: 0 })
  assert.is(r.agency, 'Phòng thử báo cáo')
  assert.is(r.periodLabel, 'từ ngày 01/10/2018 đến ngày 31/10/2018')
  const text = r.sections.flatMap((s: { paragraphs: string[] }) => s.paragraphs).join('\n')
  assert.ok(text.includes('đã giải quyết 02 hồ sơ (01 hồ sơ trước hạn, 01 hồ sơ quá hạn) và 01 hồ sơ đang trong hạn giải quyết'), text)
  assert.ok(text.includes('Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn đạt 50%'), text)
  assert.ok(text.includes('gồm: 01 đơn khiếu nại'), text)
  assert.ok(text.includes('chưa có cuộc kiểm tra công vụ nào'), text)
})

const access = suite('who reads the half-year report', ctx)

access('staff may not; a head of unit gets their own unit’s; bad input is a 400', async (c) => {
  assert.is((await (await c.as('staff')).get(`/api/reports/par?${SEED}&format=json`)).status, 403)
  const head = await (await c.as('head')).get(`/api/reports/par?${SEED}&format=json`)
  assert.is(head.status, 200)
  assert.is(head.body.agency, 'Văn phòng')
  const manager = await c.as('manager')
  const reversed = await manager.get('/api/reports/par?from=2020-05-27&to=2019-11-21')
  assert.is(reversed.status, 400)
  assert.is(reversed.body.errors[0].path, 'query.to')
  const format = await manager.get(`/api/reports/par?${SEED}&format=odt`)
  assert.is(format.status, 400)
  assert.ok(format.body.errors.some((e: { path: string }) => e.path.includes('format')), format.text)
})

ctx.use(seed, fixture, access)
seed.run()
fixture.run()
access.run()
