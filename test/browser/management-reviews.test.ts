import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, noSideways, signIn } from '../helpers/browser.ts'

const ctx = browserContext({ viewport: { width: 375, height: 740 } })
const journey = suite('a manager holds a management review and records a decision that becomes an action', ctx)
const it = ctx.use(journey)

const title = 'Họp xem xét 6 tháng đầu năm 2020'

it('on a phone: prepare the review of the report period, its inputs show the period’s figures, hold it, decide, approve', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'manager')
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await page.getByRole('link', { name: 'Xem xét của lãnh đạo', exact: true }).click()
  await page.getByRole('heading', { name: 'Xem xét của lãnh đạo' }).waitFor()
  await page.getByRole('link', { name: 'XXLĐ-0001' }).waitFor()
  await noSideways(page, 'management reviews')
  await checkPage(page, 'management reviews')

  await page.getByRole('link', { name: 'Chuẩn bị cuộc họp xem xét' }).click()
  await page.getByRole('heading', { name: 'Chuẩn bị cuộc họp xem xét' }).waitFor()
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.getByText('Bắt buộc nhập.').first().waitFor()
  await page.getByLabel('Tên cuộc họp').fill(title)
  // The seed report's period (21/11/2019–27/5/2020): the demo's dossiers reproduce its 86 received.
  await page.getByLabel('Kỳ xem xét từ ngày').fill('21/11/2019')
  await page.getByLabel('Đến ngày').fill('27/05/2020')
  await page.getByLabel('Ngày họp').fill('29/05/2020')
  await page.getByLabel('Địa điểm (không bắt buộc)').fill('Phòng họp Ban')
  await page.getByLabel('Thành phần tham dự').selectOption({ label: 'Lê Văn Hùng — Văn phòng' })
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.getByRole('heading', { name: title }).waitFor()
  await page.getByTestId('review-status').filter({ hasText: 'Đang chuẩn bị' }).waitFor()
  await page.getByTestId('inputs-state').filter({ hasText: 'Số liệu tính đến hiện tại' }).waitFor()
  await page.getByTestId('input-process').filter({ hasText: 'Hồ sơ tiếp nhận: 86 ' }).waitFor()
  // The 2019 review's actions: the ISO 9001:2015 transition still open, the listing done in March 2020.
  const previous = page.getByTestId('input-previous-actions')
  await previous.filter({ hasText: '2 hành động: 1 đã hoàn thành, 1 đang thực hiện' }).waitFor()
  assert.match(await previous.innerText(), /XXLĐ-0001 Chuyển đổi hệ thống quản lý chất lượng/)
  await noSideways(page, 'draft review')
  await checkPage(page, 'draft review')

  await page.getByRole('button', { name: 'Ghi nhận đã họp' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Ghi nhận đã họp' }).click()
  await page.getByTestId('review-status').filter({ hasText: 'Đã họp' }).waitFor()
  await page.getByTestId('inputs-state').filter({ hasText: 'Số liệu đã chốt khi ghi nhận đã họp' }).waitFor()
  await page.getByTestId('input-process').filter({ hasText: 'Hồ sơ tiếp nhận: 86 ' }).waitFor()

  await page.getByRole('button', { name: 'Ghi nhận quyết định' }).click()
  await page.getByLabel('Loại quyết định').selectOption({ label: 'Cơ hội cải tiến' })
  await page.getByLabel('Nội dung quyết định').fill('Áp dụng phiếu hướng dẫn hoàn thiện hồ sơ một lần tại quầy')
  await page.getByLabel('Người thực hiện (không bắt buộc)').selectOption({ label: 'Lê Văn Hùng — Văn phòng' })
  await page.getByLabel('Hạn hoàn thành (không bắt buộc)').fill('30/06/2020')
  await page.getByRole('button', { name: 'Lưu quyết định' }).click()
  const decision = page.locator('qms-review-decisions li.tracked').filter({ hasText: 'Áp dụng phiếu hướng dẫn' })
  await decision.filter({ hasText: 'Người thực hiện: Lê Văn Hùng · hạn 30/06/2020' }).waitFor()
  assert.match(await decision.innerText(), /Đang thực hiện/)
  await noSideways(page, 'held review')
  await checkPage(page, 'held review')

  // The manager chairs it: the minutes are approved and the review is read-only.
  await page.getByRole('button', { name: 'Phê duyệt biên bản' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Phê duyệt biên bản' }).click()
  await page.getByTestId('review-status').filter({ hasText: 'Đã phê duyệt' }).waitFor()
  assert.is(await page.getByRole('button', { name: 'Ghi nhận quyết định' }).count(), 0)
  await page.getByRole('link', { name: 'Biên bản (PDF)' }).waitFor()
  assert.equal(problems, [])
})

journey.run()
