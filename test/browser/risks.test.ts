import type { Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, noSideways, signIn } from '../helpers/browser.ts'

const ctx = browserContext({ viewport: { width: 375, height: 740 } })
const journey = suite('a head of unit records a risk, re-assesses it and sees it move on the heat map', ctx)
const it = ctx.use(journey)

const title = 'Quầy một cửa quá tải vào sáng thứ Hai'

/** The heat map's cell for likelihood × impact, by its accessible name. */
const cell = (page: Page, likelihood: number, impact: number, count: number, level: string) =>
  page.getByRole('link', { name: `Khả năng ${likelihood}, ảnh hưởng ${impact}: ${count} (${level})`, exact: true })

async function searchRegister(page: Page) {
  await page.getByRole('link', { name: '← Tất cả rủi ro và cơ hội' }).click()
  await page.getByRole('heading', { name: 'Rủi ro và cơ hội' }).waitFor()
  await page.getByLabel('Tìm kiếm').fill(title)
  await page.getByRole('table', { name: /^Bản đồ nhiệt: 1 / }).waitFor()
}

it('on a phone: from the menu to the register, a new risk at 2×2, re-assessed to 4×5', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'head')
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await page.getByRole('link', { name: 'Rủi ro, cơ hội', exact: true }).click()
  await page.getByRole('heading', { name: 'Rủi ro và cơ hội' }).waitFor()
  // The demo register of the head's subtree is on the map already.
  await page.getByRole('table', { name: /^Bản đồ nhiệt: \d+ / }).waitFor()
  await noSideways(page, 'risk register')
  await checkPage(page, 'risk register')

  await page.getByRole('link', { name: 'Ghi nhận rủi ro, cơ hội' }).click()
  await page.getByRole('heading', { name: 'Ghi nhận rủi ro, cơ hội' }).waitFor()
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.getByText('Bắt buộc nhập.').first().waitFor()
  await checkPage(page, 'new risk form')
  await page.getByLabel('Rủi ro, cơ hội').fill(title)
  await page.getByLabel('Quá trình (không bắt buộc nếu đã chọn đơn vị)').fill('Tiếp nhận và trả kết quả hồ sơ')
  await page.getByLabel('Nguyên nhân').fill('Doanh nghiệp dồn nộp hồ sơ đầu tuần; chỉ một quầy tiếp nhận.')
  await page.getByLabel('Hậu quả, tác động').fill('Thời gian chờ kéo dài; tiếp nhận sai sót.')
  await page.getByLabel('Khả năng xảy ra').selectOption('2')
  await page.getByLabel('Mức độ ảnh hưởng').selectOption('2')
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.getByRole('heading', { name: title }).waitFor()
  await page.getByTestId('risk-score').filter({ hasText: '2×2 = 4 · Thấp' }).waitFor()
  await noSideways(page, 'risk page')

  await searchRegister(page)
  await cell(page, 2, 2, 1, 'Thấp').waitFor()
  await page.locator('qms-risks-page table.responsive tbody tr').filter({ hasText: title }).getByRole('link').click()

  await page.getByRole('button', { name: 'Đánh giá lại' }).click()
  await page.getByLabel('Khả năng xảy ra').selectOption('4')
  await page.getByLabel('Mức độ ảnh hưởng').selectOption('5')
  await page.getByLabel('Ghi chú').fill('Số hồ sơ trực tiếp tăng gấp đôi trong tháng.')
  await page.getByRole('button', { name: 'Lưu kết quả đánh giá' }).click()
  await page.getByTestId('risk-score').filter({ hasText: '4×5 = 20 · Rất cao' }).waitFor()
  // The history keeps both assessments, newest first.
  const history = page.locator('qms-risk-assessments tbody tr')
  assert.equal(await history.count(), 2)
  assert.match(await history.first().innerText(), /Số hồ sơ trực tiếp tăng gấp đôi/)
  await checkPage(page, 'risk page')

  await searchRegister(page)
  await cell(page, 4, 5, 1, 'Rất cao').waitFor()
  await cell(page, 2, 2, 0, 'Thấp').waitFor()
  await cell(page, 4, 5, 1, 'Rất cao').click()
  await page.getByText('Chỉ hiển thị ô khả năng 4 × ảnh hưởng 5.').waitFor()
  await page.locator('qms-risks-page table.responsive tbody tr').filter({ hasText: title }).waitFor()
  assert.is(await page.locator('qms-risks-page table.responsive tbody tr').count(), 1)
  assert.equal(problems, [])
})

journey.run()
