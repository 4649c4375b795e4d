import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, noSideways, signIn } from '../helpers/browser.ts'

const phone = browserContext({ viewport: { width: 375, height: 740 } })
const journey = suite('a manager sets an objective with a computed indicator and sees it off target', phone)
const it = phone.use(journey)

it('on a phone: the 2020 objective for ID badges, measured from the inspections, is off target; a nonconformity is opened from it', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'manager')
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await page.getByRole('link', { name: 'Mục tiêu chất lượng', exact: true }).click()
  await page.getByRole('heading', { name: 'Mục tiêu chất lượng' }).waitFor()
  await noSideways(page, 'objectives list')

  await page.getByRole('link', { name: 'Đặt mục tiêu' }).click()
  await page.getByRole('heading', { name: 'Đặt mục tiêu chất lượng' }).waitFor()
  await page.getByLabel('Năm', { exact: true }).fill('2020')
  await page.getByLabel('Đơn vị chủ trì').selectOption({ label: 'Ban Quản lý các khu công nghiệp' })
  await page.getByLabel('Nội dung mục tiêu').fill('Công chức, viên chức đeo thẻ trong giờ làm việc')
  await page.getByLabel('Nội dung chính sách chất lượng mà mục tiêu hướng tới').fill('Phục vụ tổ chức, cá nhân văn minh, chuyên nghiệp.')
  await checkPage(page, 'new objective form')
  await page.getByRole('button', { name: 'Lưu' }).click()

  await page.getByRole('heading', { name: 'Công chức, viên chức đeo thẻ trong giờ làm việc' }).waitFor()
  await page.getByLabel('Chỉ tiêu', { exact: true }).fill('Tỷ lệ đeo thẻ đạt')
  await page.getByLabel('Số liệu').selectOption({ label: 'Nội dung kiểm tra đạt theo nhóm (%)' })
  await page.getByLabel('Nhóm nội dung kiểm tra').selectOption('id_badge')
  await page.getByLabel('Tần suất đo').selectOption({ label: '6 tháng' })
  await page.getByLabel('Mục tiêu: tối thiểu').fill('100')
  await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click()

  // The first half of 2020: 16 of 18 checks passed.
  const firstHalf = page.locator('section.indicator tbody tr').filter({ hasText: '6 tháng đầu năm' })
  await firstHalf.getByText('88,9 %').waitFor()
  await firstHalf.getByText('Không đạt').waitFor()
  await firstHalf.getByText('(16/18)').waitFor()
  await noSideways(page, 'objective page')
  await checkPage(page, 'objective page')

  await firstHalf.getByRole('button', { name: 'Mở sự không phù hợp' }).click()
  await page.getByRole('heading', { name: /không đạt mục tiêu 6 tháng đầu năm 2020/ }).waitFor()

  await page.goto(`${baseUrl}/objectives?year=2020`)
  const card = page.locator('section.objective').filter({ hasText: 'Công chức, viên chức đeo thẻ trong giờ làm việc' })
  await card.getByText('Không đạt').waitFor()
  await card.getByText('88,9 %').waitFor()
  await checkPage(page, 'objectives list')
  assert.equal(problems, [])
})

journey.run()
