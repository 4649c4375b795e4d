/**
 * At the reception desk: the dossier code is given in the national pattern, the
 * applicant's contact details and the papers handed in are kept (and shown only to those
 * who act on the dossier), and the receipt slip is printed from them.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext, type AppContext } from '../helpers/app.ts'
import { pdfText } from '../helpers/pdf-text.ts'

const ctx = appContext()
const vn = (local: string) => new Date(`${local}+07:00`).toISOString()

async function aProcedure(c: AppContext) {
  const list = await (await c.as('staff')).get('/api/procedures?limit=5')
  assert.is(list.status, 200, list.text)
  return list.body.items[0] as { id: string; name: string; processingDays: number }
}

const papers = [
  { name: 'Đơn đề nghị cấp giấy phép lao động', form: 'original', count: 1 },
  { name: 'Hộ chiếu', form: 'certified_copy', count: 2 },
]

const desk = suite('receiving a dossier at the desk', ctx)
ctx.use(desk)

desk('codes of the day follow the national pattern, one number after another', async (c) => {
  const procedure = await aProcedure(c)
  const staff = await c.as('staff')
  const body = { procedureId: procedure.id, applicantName: 'Công ty TNHH Minh Phát', channel: 'in_person', receivedAt: vn('2026-11-20T09:15:00') }
  const [a, b] = await Promise.all([staff.post('/api/dossiers', body), staff.post('/api/dossiers', body)])
  assert.is(a.status, 201, a.text)
  assert.is(b.status, 201, b.text)
  const numbers = [a.body.code, b.body.code].map((code: string) => {
    const m = /^H57\.22-261120-(\d{4})$/.exec(code)
    assert.ok(m, code)
    return Number(m![1])
  })
  numbers.sort((x, y) => x - y)
  assert.is(numbers[1], numbers[0] + 1, 'two desks at once get two numbers')
  // A typed code is kept as typed; the next given code counts on from the highest.
  const typed = await staff.post('/api/dossiers', { ...body, code: 'H57.22-261120-0950' })
  assert.is(typed.status, 201, typed.text)
  assert.is((await staff.post('/api/dossiers', body)).body.code, 'H57.22-261120-0951')
})

desk('the applicant’s phone, identity number, address and papers are kept for those who act on the dossier', async (c) => {
  const procedure = await aProcedure(c)
  const staff = await c.as('staff')
  const res = await staff.post('/api/dossiers', {
    procedureId: procedure.id,
    applicantName: 'Nguyễn Thị Hoa',
    applicantPhone: '0273 3856.789',
    applicantIdNumber: '082190001234',
    applicantAddress: 'Khu phố 2, phường 5, thành phố Mỹ Tho',
    papers,
    channel: 'in_person',
  })
  assert.is(res.status, 201, res.text)
  assert.is(res.body.applicantPhone, '02733856789')
  assert.is(res.body.applicantIdNumber, '082190001234')
  assert.equal(res.body.papers, papers)

  // Someone who may only read the dossier does not see the applicant's personal data.
  const read = await (await c.as('auditor')).get(`/api/dossiers/${res.body.id}`)
  assert.is(read.status, 200)
  assert.equal([read.body.applicantPhone, read.body.applicantIdNumber, read.body.applicantAddress], [null, null, null])
  assert.equal(read.body.papers, papers)

  const changed = await staff.patch(`/api/dossiers/${res.body.id}`, { papers: [...papers, { name: 'Phiếu lý lịch tư pháp', form: 'original', count: 1 }], applicantPhone: null }, { ifMatch: res.body.version })
  assert.is(changed.status, 200, changed.text)
  assert.is(changed.body.papers.length, 3)
  assert.is(changed.body.applicantPhone, null)
  assert.is(changed.body.applicantIdNumber, '082190001234', 'left as it was')
})

desk('bad contact details and papers are refused, field by field, and nothing is written', async (c) => {
  const procedure = await aProcedure(c)
  const staff = await c.as('staff')
  const before = (await staff.get('/api/dossiers?q=Người%20sai&limit=5')).body.items.length
  const res = await staff.post('/api/dossiers', {
    procedureId: procedure.id,
    applicantName: 'Người sai',
    applicantPhone: '12345',
    applicantIdNumber: '08219000123',
    papers: [{ name: ' ', form: 'photocopy', count: 0 }],
    channel: 'in_person',
  })
  assert.is(res.status, 400, res.text)
  const paths = res.body.errors.map((e: { path: string }) => e.path)
  for (const p of ['applicantPhone', 'applicantIdNumber', 'papers/0/name', 'papers/0/form', 'papers/0/count']) {
    assert.ok(paths.some((x: string) => x.replaceAll('.', '/').includes(p)), `${p} in ${paths.join(', ')}`)
  }
  assert.is((await staff.get('/api/dossiers?q=Người%20sai&limit=5')).body.items.length, before)
})

desk('the receipt slip lists the applicant, the papers and the due date, in the official layout', async (c) => {
  const procedure = await aProcedure(c)
  const staff = await c.as('staff')
  const res = await staff.post('/api/dossiers', {
    procedureId: procedure.id,
    applicantName: 'Trần Văn Bình',
    applicantPhone: '0913 456 789',
    applicantIdNumber: '082090004321',
    applicantAddress: 'Ấp Tân Hòa, xã Tân Hương, huyện Châu Thành',
    papers,
    channel: 'in_person',
    receivedAt: vn('2026-11-19T08:30:00'),
  })
  assert.is(res.status, 201, res.text)
  const slip = await staff.raw(`/api/dossiers/${res.body.id}/receipt`)
  assert.is(slip.statusCode, 200, slip.body)
  assert.is(slip.headers['content-type'], 'application/pdf')
  assert.match(slip.rawPayload.toString('latin1'), /Tinos/, 'the official font is embedded')
  const text = pdfText(slip.rawPayload).replace(/\s+/g, ' ')
  const due = new Date(res.body.dueAt)
  const dueLocal = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(due)
  for (const expected of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
    'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    `Mã hồ sơ: ${res.body.code}`,
    'Tiền Giang, ngày 19 tháng 11 năm 2026',
    'Trần Văn Bình',
    'Số CCCD/CMND: 082090004321',
    'Số điện thoại: 0913456789',
    procedure.name,
    'Đơn đề nghị cấp giấy phép lao động',
    'Bản sao chứng thực',
    'Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 19/11/2026',
    `ngày ${dueLocal}`,
    'NGƯỜI TIẾP NHẬN HỒ SƠ',
    'Phạm Thị Thu',
  ]) {
    assert.ok(text.includes(expected), `the slip shows "${expected}"`)
  }

  // It holds personal data: someone who may only read the dossier cannot print it.
  const auditor = await c.as('auditor')
  const refused = await auditor.get(`/api/dossiers/${res.body.id}/receipt`)
  assert.is(refused.status, 403)
})

desk.run()
