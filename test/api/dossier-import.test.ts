import ExcelJS from 'exceljs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext, type ApiClient } from '../helpers/app.ts'

const ctx = appContext()
const vn = (local: string) => new Date(`${local}+07:00`).toISOString()

/** A multipart/form-data body with one file and text fields. */
export function multipart(file: { name: string; bytes: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const boundary = `----qms${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`))
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`))
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

async function upload(client: ApiClient, name: string, bytes: Buffer, fields: Record<string, string> = {}, extraHeaders: Record<string, string> = {}) {
  const { body, headers } = multipart({ name, bytes }, fields)
  return client.post('/api/dossiers/import', body, { headers: { ...headers, ...extraHeaders } })
}

const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8')

const VI_HEADING = 'Mã hồ sơ,Mã thủ tục,Chủ hồ sơ,Hình thức nộp,Ngày tiếp nhận,Ngày có kết quả,Ngày trả kết quả,Trạng thái,Ghi chú'

const importing = suite('importing a CSV export', ctx)

importing('Vietnamese headings, title rows above them, dates as dd/mm/yyyy hh:mm; idempotent by code', async ({ as }) => {
  const admin = await as('admin')
  const file = csv([
    'DANH SÁCH HỒ SƠ TIẾP NHẬN THÁNG 7/2018',
    '',
    VI_HEADING,
    'IMP-001,LD.01,Công ty TNHH Thép Tân Hương,Trực tuyến,02/07/2018 09:00,04/07/2018 10:00,05/07/2018 08:30,Đã trả kết quả,',
    'IMP-002,TM.01,"Công ty Cổ phần Bao bì Đông Á, chi nhánh Mỹ Tho",Trực tiếp,03/07/2018 15:30,,,Đang xử lý,khách hẹn bổ sung',
    'IMP-003,XD.01,Công ty TNHH Gỗ Nam Việt,Bưu chính công ích,04/07/2018,,,,',
  ])
  const first = await upload(admin, 'thang7.csv', file)
  assert.is(first.status, 200, first.text)
  assert.equal([first.body.format, first.body.rows, first.body.created, first.body.updated, first.body.unchanged, first.body.committed], ['csv', 3, 3, 0, 0, true])
  assert.ok(first.body.columns.some((c: { heading: string; field: string }) => c.heading === 'Chủ hồ sơ' && c.field === 'applicantName'))

  const list = (await admin.get('/api/dossiers?q=IMP-0&limit=50')).body.items
  const one = list.find((d: { code: string }) => d.code === 'IMP-001')
  assert.is(one.status, 'returned')
  assert.is(one.receivedAt, vn('2018-07-02T09:00:00'))
  assert.is(one.timeliness, 'early')
  assert.is(one.channel, 'online')
  assert.is(one.source, 'import')
  const two = list.find((d: { code: string }) => d.code === 'IMP-002')
  assert.is(two.status, 'processing')
  assert.is(two.applicantName, 'Công ty Cổ phần Bao bì Đông Á, chi nhánh Mỹ Tho')
  // C/O takes 1 working day; received at 15:30 on Tuesday 3/7 → due Wednesday 4/7 17:00.
  assert.is(two.dueAt, vn('2018-07-04T17:00:00'))
  const three = list.find((d: { code: string }) => d.code === 'IMP-003')
  assert.is(three.channel, 'postal')
  assert.is(three.status, 'received')
  // A date without a time reads as the office opening time.
  assert.is(three.receivedAt, vn('2018-07-04T07:00:00'))
  const events = (await admin.get(`/api/dossiers/${one.id}/events`)).body.items
  assert.equal(events.map((e: { type: string }) => e.type), ['received', 'resolved', 'result_returned'])

  // The same file again changes nothing.
  const again = await upload(admin, 'thang7.csv', file)
  assert.equal([again.body.created, again.body.updated, again.body.unchanged], [0, 0, 3])
  assert.is((await admin.get(`/api/dossiers/${one.id}`)).body.version, one.version)

  // A later export: IMP-002 is now resolved. It is updated, not duplicated.
  const later = csv([
    VI_HEADING,
    'IMP-001,LD.01,Công ty TNHH Thép Tân Hương,Trực tuyến,02/07/2018 09:00,04/07/2018 10:00,05/07/2018 08:30,Đã trả kết quả,',
    'imp-002,TM.01,"Công ty Cổ phần Bao bì Đông Á, chi nhánh Mỹ Tho",Trực tiếp,03/07/2018 15:30,05/07/2018 09:00,,Đã giải quyết,khách hẹn bổ sung',
  ])
  const update = await upload(admin, 'thang7-b.csv', later)
  assert.equal([update.body.created, update.body.updated, update.body.unchanged], [0, 1, 1])
  const after = (await admin.get('/api/dossiers?q=IMP-0&limit=50')).body.items
  assert.is(after.length, 3)
  const updated = after.find((d: { code: string }) => d.code === 'IMP-002')
  assert.is(updated.id, two.id)
  assert.is(updated.status, 'resolved')
  assert.is(updated.timeliness, 'late')
  assert.is(updated.version, two.version + 1)
  const timeline = (await admin.get(`/api/dossiers/${two.id}/events`)).body.items
  assert.equal(timeline.map((e: { type: string }) => e.type), ['received', 'resolved'])

  // Every import is in the audit log, newest first, with what it did.
  const audit = (await admin.get('/api/audit-log?action=dossier.import')).body.items
  assert.equal(
    audit.map((a: { after: { created: number; updated: number; unchanged: number } }) => [a.after.created, a.after.updated, a.after.unchanged]),
    [[0, 1, 1], [0, 0, 3], [3, 0, 0]],
  )
})

importing('one bad row and nothing is written; every problem is reported as row, column, message', async ({ as }) => {
  const admin = await as('admin')
  const file = csv([
    'code,procedureCode,applicantName,channel,receivedAt,resolvedAt',
    'BAD-001,LD.01,Công ty A,online,2018-08-01 09:00,2018-08-02 10:00',
    'BAD-002,NO.SUCH,Công ty B,online,2018-08-01 09:00,',
    'BAD-003,LD.01,,fax,31/02/2018,',
    'BAD-001,LD.01,Công ty A lần hai,online,2018-08-01 09:00,',
    'BAD-005,LD.01,Công ty E,online,2018-08-03 09:00,2018-08-02 10:00',
  ])
  const res = await upload(admin, 'loi.csv', file)
  assert.is(res.status, 422)
  assert.is(res.body.type, 'urn:qms:problem:import-invalid')
  const errors = res.body.rowErrors.map((e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`)
  assert.equal(errors, [
    '3:procedureCode:unknown_procedure',
    '4:applicantName:required',
    '4:channel:enum',
    '4:receivedAt:format',
    '5:code:duplicate_in_file',
    '6:resolvedAt:order',
  ])
  assert.is(res.body.rowErrors[0].message, 'no procedure with code "NO.SUCH" in the catalogue')
  // The same file for a Vietnamese reader: every row problem in Vietnamese, the title too.
  const vi = await upload(admin, 'loi.csv', file, {}, { 'accept-language': 'vi' })
  assert.is(vi.body.title, 'Tệp có lỗi')
  assert.equal(
    vi.body.rowErrors.map((e: { message: string }) => e.message),
    [
      'không có thủ tục mã "NO.SUCH" trong danh mục',
      'là bắt buộc',
      '"fax" không phải là hình thức nộp: trực tuyến, trực tiếp hoặc bưu chính',
      '"31/02/2018" không phải là ngày: hãy ghi theo dạng dd/mm/yyyy hh:mm',
      'xuất hiện hai lần trong tệp (cả ở dòng 2)',
      'không được trước receivedAt',
    ],
  )
  assert.is((await admin.get('/api/dossiers?q=BAD-0')).body.items.length, 0)
})

importing('a dry run reports without writing, errors included', async ({ as }) => {
  const admin = await as('admin')
  const good = csv(['code,procedureCode,applicantName,channel,receivedAt', 'DRY-001,LD.01,Công ty A,online,2018-08-06 09:00'])
  const dry = await upload(admin, 'thu.csv', good, { dryRun: 'true' })
  assert.is(dry.status, 200)
  assert.equal([dry.body.dryRun, dry.body.committed, dry.body.created], [true, false, 1])
  assert.is((await admin.get('/api/dossiers?q=DRY-001')).body.items.length, 0)
  const bad = csv(['code,procedureCode,applicantName,channel,receivedAt', 'DRY-002,LD.01,Công ty A,online,hôm qua'])
  const dryBad = await upload(admin, 'thu.csv', bad, { dryRun: 'true' })
  assert.is(dryBad.status, 200)
  assert.is(dryBad.body.errors[0].row, 2)
  assert.is(dryBad.body.errors[0].column, 'receivedAt')
})

importing('missing columns, files that are not CSV or XLSX, and who may import', async ({ as }) => {
  const admin = await as('admin')
  const noColumns = await upload(admin, 'x.csv', csv(['a,b,c', '1,2,3']))
  assert.is(noColumns.status, 422)
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b60000000049454e44ae426082', 'hex')
  const image = await upload(admin, 'x.csv', png)
  assert.is(image.status, 415)
  const latin1 = await upload(admin, 'x.csv', Buffer.from([0x4d, 0xe3, 0x20, 0x68, 0xf4, 0x20, 0x73, 0xa1, 0x0a]))
  assert.is(latin1.status, 415)
  const notMultipart = await admin.post('/api/dossiers/import', { code: 'x' })
  assert.is(notMultipart.status, 415)
  const auditor = await upload(await as('auditor'), 'x.csv', csv(['code,procedureCode,applicantName,channel,receivedAt', 'AU-1,LD.01,A,online,2018-08-06 09:00']))
  assert.is(auditor.status, 403)
  // Staff may import only what their unit may record: the reception desk receives everything.
  const staff = await upload(await as('staff'), 'x.csv', csv(['code,procedureCode,applicantName,channel,receivedAt', 'ST-1,LD.01,A,online,2018-08-06 09:00']))
  assert.is(staff.status, 200, staff.text)
})

const xlsx = suite('importing an XLSX export', ctx)

xlsx('date cells, numbers and Vietnamese headings', async ({ as }) => {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Hồ sơ')
  sheet.addRow(['STT', 'Số hồ sơ', 'Mã TTHC', 'Tên tổ chức, cá nhân', 'Kênh tiếp nhận', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả'])
  // Excel dates carry no zone: their UTC fields are the wall-clock time in Vietnam.
  sheet.addRow([1, 'XL-001', 'DT.04', 'Công ty TNHH Điện tử Sao Mai', 'Trực tuyến', new Date(Date.UTC(2018, 8, 3, 8, 15)), null, new Date(Date.UTC(2018, 8, 10, 14, 0))])
  sheet.addRow([2, 'XL-002', 'DT.04', 'Công ty TNHH Nhựa Tân Phú', 'Trực tiếp', new Date(Date.UTC(2018, 8, 4, 9, 0)), new Date(Date.UTC(2018, 8, 28, 17, 0)), null])
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
  const res = await upload(await as('admin'), 'hoso.xlsx', bytes)
  assert.is(res.status, 200, res.text)
  assert.equal([res.body.format, res.body.created], ['xlsx', 2])
  const items = (await (await as('admin')).get('/api/dossiers?q=XL-00')).body.items
  const first = items.find((d: { code: string }) => d.code === 'XL-001')
  assert.is(first.receivedAt, vn('2018-09-03T08:15:00'))
  assert.is(first.status, 'resolved')
  assert.is(first.timeliness, 'early')
  // The appointment date from the one-stop shop overrides the computed one, with the import as the reason.
  const second = items.find((d: { code: string }) => d.code === 'XL-002')
  assert.is(second.dueAt, vn('2018-09-28T17:00:00'))
  assert.ok(second.dueAtReason)
})

const exporting = suite('exporting the statistics', ctx)

exporting('CSV has the two heading rows and the total; XLSX reads back with merged headings', async ({ as }) => {
  const client = await as('manager')
  const res = await client.get('/api/dossiers/stats/export?from=2019-11-21&to=2020-05-27&format=csv')
  assert.is(res.status, 200)
  assert.match(String(res.headers['content-type']), /text\/csv/)
  const lines = res.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
  assert.match(lines[0], /Số hồ sơ nhận giải quyết/)
  assert.match(lines[1], /Từ kỳ trước/)
  // The earlier imports left dossiers of 2018 open: they are carried over into the period.
  const t = (await client.get('/api/dossiers/stats?from=2019-11-21&to=2020-05-27')).body.total
  assert.is(lines.at(-1), `,Tổng cộng,${[t.receivedTotal, t.carriedOver, 44, 38, 4, 82, 65, 17, 0, t.pendingTotal, 4, t.pendingOverdue, 0, 100].join(',')}`)

  // The XLSX is binary: read the raw payload.
  const raw = await client.raw('/api/dossiers/stats/export?from=2019-11-21&to=2020-05-27&format=xlsx&groupBy=field&lang=en')
  assert.is(raw.statusCode, 200)
  assert.is(raw.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(raw.rawPayload as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  assert.is(sheet.getCell('C3').value, 'Received')
  assert.is(sheet.getCell('H3').value, 'Resolved')
  assert.is(sheet.getCell('H4').value, 'Total')
  const last = sheet.getRow(sheet.rowCount)
  assert.is(last.getCell(2).value, 'Total')
  assert.is(last.getCell(3).value, t.receivedTotal)
  assert.is(last.getCell(8).value, 82)
})

ctx.use(importing, xlsx, exporting)
importing.run()
xlsx.run()
exporting.run()
