import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, signIn } from '../helpers/browser.ts'

const ctx = browserContext()
const journey = suite('a manager records a complaint about a dossier and closes it', ctx)
const it = ctx.use(journey)

it('none in the seed period; one recorded from a dossier, handled and listed', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'manager')
  await page.getByRole('link', { name: 'Hồ sơ TTHC', exact: true }).click()
  await page.getByRole('link', { name: 'Khiếu nại, phản ánh' }).click()
  await page.getByRole('heading', { name: 'Khiếu nại, tố cáo, phản ánh' }).waitFor()
  await page.getByLabel('Tiếp nhận từ ngày').fill('2019-11-21')
  await page.getByLabel('Đến ngày').fill('2020-05-27')
  await page.getByText('Không có khiếu nại, tố cáo hay phản ánh nào trong phạm vi đã chọn.').waitFor()
  await checkPage(page, 'complaint list')

  // From a dossier's page: the complaint is linked to it.
  await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click()
  const first = page.locator('qms-dossiers-page tbody tr a').first()
  const code = (await first.innerText()).trim()
  await first.click()
  await page.getByRole('link', { name: 'Ghi nhận khiếu nại về hồ sơ này' }).click()
  await page.getByRole('heading', { name: 'Ghi nhận khiếu nại, phản ánh' }).waitFor()
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.getByText('Bắt buộc nhập.').waitFor()
  await checkPage(page, 'new complaint form')
  await page.getByLabel('Loại').selectOption({ label: 'Phản ánh, kiến nghị' })
  await page.getByLabel('Nội dung tóm tắt').fill('Chưa nhận được thông báo bổ sung hồ sơ qua thư điện tử.')
  await page.getByRole('button', { name: 'Lưu' }).click()

  await page.getByRole('heading', { name: /^Phản ánh, kiến nghị · / }).waitFor()
  await page.getByRole('link', { name: code }).waitFor()
  await checkPage(page, 'complaint page')
  await page.getByLabel('Trạng thái').selectOption({ label: 'Đã giải quyết xong' })
  await page.getByLabel('Kết quả giải quyết').fill('Đã gửi lại thông báo và hướng dẫn bổ sung.')
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.getByText('Đã lưu.').waitFor()

  await page.getByRole('link', { name: '← Tất cả khiếu nại, phản ánh' }).click()
  const row = page.locator('qms-complaints-page tbody tr').filter({ hasText: code })
  await row.getByText('Đã giải quyết xong').waitFor()
  assert.is(await row.count(), 1)
  assert.equal(problems, [])
})

journey.run()
