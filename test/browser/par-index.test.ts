import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, noSideways, signIn } from '../helpers/browser.ts'

const ctx = browserContext({ viewport: { width: 375, height: 740 } })
const journey = suite('the auditor scores a criterion of the 2019 PAR index and sees the totals move', ctx)
const it = ctx.use(journey)

it('on a phone: the 2019 tree, a score refused without evidence, then saved with it; running totals and points lost update', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'auditor')
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await page.getByRole('link', { name: 'Chỉ số CCHC', exact: true }).click()
  await page.getByRole('heading', { name: 'Chỉ số cải cách hành chính' }).waitFor()
  await page.getByText('mẫu, không phải số liệu chính thức').first().waitFor()
  await page.getByRole('link', { name: '2019', exact: true }).click()

  await page.getByRole('heading', { name: 'Tự đánh giá Chỉ số cải cách hành chính năm 2019' }).waitFor()
  // The demo: 39 of 54 points claimed, 9 lost over the scored leaves; 6.1.2 and 4.3 left.
  await page.getByTestId('par-total-self').filter({ hasText: '39 / 54' }).waitFor()
  assert.is(await page.getByTestId('par-total-lost').innerText(), '9')
  const area = page.locator('li[data-code="6"]')
  assert.match(await area.getByTestId('par-node-self').innerText(), /^6$/)
  await page.locator('li[data-code="6.1.1"]').getByText(/Số liệu của hệ thống năm 2019: Hồ sơ tiếp nhận trực tuyến/).waitFor()
  await noSideways(page, 'PAR tree')

  const leaf = page.locator('li[data-code="6.1.2"]')
  await leaf.getByRole('button', { name: 'Chấm điểm tiêu chí 6.1.2' }).click()
  await leaf.getByLabel('Điểm tự đánh giá (tối đa 4)').fill('3')
  await leaf.getByRole('button', { name: 'Lưu điểm' }).click()
  await leaf.getByText('là bắt buộc khi chấm điểm lớn hơn 0').waitFor()
  await leaf.getByLabel('Tài liệu kiểm chứng (bắt buộc khi chấm điểm)').fill('Thống kê văn bản đi có chữ ký số năm 2019')
  await leaf.getByRole('button', { name: 'Lưu điểm' }).click()

  await page.getByTestId('par-total-self').filter({ hasText: '42 / 54' }).waitFor()
  assert.is(await page.getByTestId('par-total-lost').innerText(), '10')
  assert.match(await area.getByTestId('par-node-self').innerText(), /^9$/, 'the area’s running total')
  assert.is(await leaf.getByTestId('par-node-lost').innerText(), 'mất 1')
  await leaf.getByText('Thống kê văn bản đi có chữ ký số năm 2019').waitFor()
  assert.match(await page.getByTestId('par-lost-list').innerText(), /6\.1\.2/)
  await noSideways(page, 'PAR tree after scoring')
  assert.equal(problems, [])
})

journey.run()
