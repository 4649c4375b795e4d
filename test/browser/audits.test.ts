import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, noSideways, signIn } from '../helpers/browser.ts'

const ctx = browserContext({ viewport: { width: 375, height: 740 } })
const journey = suite('an auditor plans an audit of the 2020 programme and is refused their own unit', ctx)
const it = ctx.use(journey)

it('on a phone: the programme and its coverage, an audit of the auditor’s own unit refused by name, then planned for another unit, rescheduled, cancelled; a conclusion entered', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'auditor')
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await page.getByRole('link', { name: 'Đánh giá nội bộ', exact: true }).click()
  await page.getByRole('heading', { name: 'Chương trình đánh giá nội bộ' }).waitFor()
  await page.getByRole('link', { name: '01/CT-BQL' }).click()
  await page.getByTestId('programme-status').filter({ hasText: 'Đã phê duyệt' }).waitFor()
  // The demo: the reception desk audited on every clause in May, three departments planned for November.
  const matrix = page.getByRole('table', { name: /^Điều khoản 4–10 × đơn vị: 7 đã đánh giá, 18 đã lập kế hoạch, 31 chưa được bao phủ$/ })
  await matrix.waitFor()
  const desk = matrix.getByRole('row', { name: /Bộ phận Tiếp nhận và Trả kết quả/ })
  assert.is(await desk.getByRole('cell', { name: 'Đã đánh giá' }).count(), 7)
  await noSideways(page, 'audit programme')
  await checkPage(page, 'audit programme')

  await page.getByRole('link', { name: 'Lập kế hoạch cuộc đánh giá' }).click()
  await page.getByRole('heading', { name: 'Lập kế hoạch cuộc đánh giá' }).waitFor()
  await page.getByLabel('Tên cuộc đánh giá').fill('Đánh giá bổ sung tháng 12/2020')
  await page.getByRole('group', { name: 'Đơn vị được đánh giá' }).getByLabel('Ban Quản lý các khu công nghiệp').check()
  const clauses = page.getByRole('combobox', { name: 'Điều khoản ISO 9001' })
  await clauses.fill('9.2')
  await clauses.press('Enter')
  await page.getByRole('button', { name: 'Bỏ điều khoản 9.2' }).waitFor()
  await page.getByLabel('Từ ngày').fill('07/12/2020')
  await page.getByLabel('Đến ngày').fill('08/12/2020')
  await noSideways(page, 'plan an audit')
  await checkPage(page, 'plan an audit')
  await page.getByRole('button', { name: 'Lưu' }).click()
  // The board is the auditor's own unit: refused, naming her, next to the lead auditor.
  await page.getByRole('alert').filter({ hasText: 'Trần Thị Lan không thể đánh giá Ban Quản lý các khu công nghiệp vì đó là đơn vị của chính mình' }).waitFor()
  await page.getByText('là Trần Thị Lan, người thuộc Ban Quản lý các khu công nghiệp là đơn vị được đánh giá').waitFor()
  assert.is(await page.getByLabel('Trưởng đoàn đánh giá').getAttribute('aria-invalid'), 'true')

  await page.getByRole('group', { name: 'Đơn vị được đánh giá' }).getByLabel('Ban Quản lý các khu công nghiệp').uncheck()
  await page.getByRole('group', { name: 'Đơn vị được đánh giá' }).getByLabel('Phòng Quản lý tài nguyên và môi trường').check()
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.getByRole('heading', { name: 'Đánh giá bổ sung tháng 12/2020' }).waitFor()
  // Clause 9 of the environment department is now planned.
  await page.getByRole('table', { name: /: 7 đã đánh giá, 19 đã lập kế hoạch, 30 chưa được bao phủ$/ }).waitFor()
  await noSideways(page, 'programme after planning')

  // Rescheduled in place: new dates need a reason.
  const added = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Đánh giá bổ sung tháng 12\/2020/ }) })
  await added.getByRole('button', { name: 'Đổi thời gian' }).click()
  const reschedule = added.getByRole('form', { name: 'Đổi thời gian' })
  await reschedule.getByLabel('Từ ngày').fill('14/12/2020')
  await reschedule.getByLabel('Đến ngày').fill('15/12/2020')
  await noSideways(page, 'reschedule form')
  await checkPage(page, 'reschedule form')
  await reschedule.getByRole('button', { name: 'Lưu' }).click()
  await reschedule.locator('#reason[aria-invalid="true"]').waitFor()
  await reschedule.getByLabel('Lý do đổi thời gian').fill('Trùng lịch tiếp công dân')
  await reschedule.getByRole('button', { name: 'Lưu' }).click()
  await added.getByText('14/12/2020 – 15/12/2020').waitFor()
  // Cancelled before it is scheduled, with a reason: the matrix drops it again.
  await added.getByRole('button', { name: 'Hủy cuộc đánh giá' }).click()
  await added.getByLabel('Lý do hủy').fill('Gộp vào đợt đánh giá năm 2021')
  await added.getByRole('button', { name: 'Lưu' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Hủy cuộc đánh giá' }).click()
  await added.getByText('Đã hủy', { exact: true }).waitFor()
  await added.getByText('Gộp vào đợt đánh giá năm 2021').waitFor()
  await page.getByRole('table', { name: /: 7 đã đánh giá, 18 đã lập kế hoạch, 31 chưa được bao phủ$/ }).waitFor()
  // The completed May audit takes a new conclusion.
  const may = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Đánh giá nội bộ 6 tháng đầu năm 2020/ }) })
  await may.getByRole('button', { name: 'Sửa kết luận' }).click()
  await may.getByLabel('Kết luận cuộc đánh giá').fill('Hệ thống được duy trì; khắc phục hồ sơ quá hạn trong quý III.')
  await may.getByRole('button', { name: 'Lưu' }).click()
  await may.getByTestId('audit-conclusion').filter({ hasText: 'khắc phục hồ sơ quá hạn trong quý III' }).waitFor()
  assert.is(await may.getByRole('button', { name: 'Đổi thời gian' }).count(), 0, 'a completed audit is not rescheduled')
  assert.equal(problems, [])
})

journey.run()
