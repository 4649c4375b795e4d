import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, noSideways, signIn } from '../helpers/browser.ts'

const ctx = browserContext({ viewport: { width: 375, height: 740 } })
const journey = suite('the auditor scores a criterion of the 2019 PAR index and sees the totals move; the manager takes it into the remediation plan', ctx)
const it = ctx.use(journey)

it('on a phone: the 2019 tree, a score refused without evidence, then saved with it; running totals and points lost update', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'auditor')
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await page.getByRole('link', { name: 'Chỉ số CCHC', exact: true }).click()
  await page.getByRole('heading', { name: 'Chỉ số cải cách hành chính' }).waitFor()
  await page.getByText('mẫu, không phải số liệu chính thức').first().waitFor()
  await checkPage(page, 'PAR index list')
  await page.getByRole('link', { name: '2019', exact: true }).click()

  await page.getByRole('heading', { name: 'Tự đánh giá Chỉ số cải cách hành chính năm 2019' }).waitFor()
  // The demo: 39 of 54 points claimed, 9 lost over the scored leaves; 6.1.2 and 4.3 left.
  await page.getByTestId('par-total-self').filter({ hasText: '39 / 54' }).waitFor()
  assert.is(await page.getByTestId('par-total-lost').innerText(), '9')
  const area = page.locator('li[data-code="6"]')
  assert.match(await area.getByTestId('par-node-self').innerText(), /^6$/)
  await page.locator('li[data-code="6.1.1"]').getByText(/Số liệu của hệ thống năm 2019: Hồ sơ tiếp nhận trực tuyến/).waitFor()
  await noSideways(page, 'PAR tree')
  await checkPage(page, 'PAR tree')

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
  // The list reloads after the score is saved (the assessment's new version): wait for it.
  await page.getByTestId('par-lost-list').getByText(/6\.1\.2/).first().waitFor()
  await noSideways(page, 'PAR tree after scoring')

  // The manager takes the newly lost criterion into the 2019 remediation plan of the demo.
  const assessmentUrl = page.url()
  await page.context().clearCookies()
  await signIn(page, baseUrl, 'manager')
  await page.goto(assessmentUrl)
  const lost = page.getByTestId('par-lost-list')
  await lost.getByRole('link', { name: 'Nhiệm vụ 1 của Kế hoạch KHKP-CCHC-2019' }).waitFor()
  await page.getByRole('button', { name: 'Lập kế hoạch khắc phục' }).click()
  const planOption = page.locator('#planId option', { hasText: 'KHKP-CCHC-2019' })
  await page.locator('#planId').selectOption((await planOption.getAttribute('value'))!)
  await page.getByLabel('Lĩnh vực cải cách').selectOption({ label: 'Xây dựng, phát triển Chính phủ điện tử, Chính phủ số' })
  await page.getByLabel('Thời hạn').fill('31/12/2020')
  assert.ok(await lost.getByRole('checkbox', { name: '6.1.2' }).isChecked(), 'a criterion without a task is ticked')
  assert.not.ok(await lost.getByRole('checkbox', { name: '6.1.1' }).isChecked(), 'one already taken up is not')
  await noSideways(page, 'remediation form')
  await checkPage(page, 'remediation form')
  // 6.1.1 already has its task in this plan: refused, nothing created.
  await lost.getByRole('checkbox', { name: '6.1.1' }).check()
  await page.getByRole('button', { name: 'Tạo nhiệm vụ' }).click()
  await page.getByRole('alert').filter({ hasText: '6.1.1 (nhiệm vụ' }).waitFor()
  await lost.getByRole('checkbox', { name: '6.1.1' }).uncheck()
  await page.getByRole('button', { name: 'Tạo nhiệm vụ' }).click()
  await page.getByTestId('remediation-created').getByRole('link', { name: 'Nhiệm vụ 7 của Kế hoạch KHKP-CCHC-2019' }).click()
  await page.getByRole('heading', { name: 'Nhiệm vụ 7 của Kế hoạch KHKP-CCHC-2019' }).waitFor()
  const source = page.getByTestId('task-source')
  assert.match(await source.innerText(), /Tiêu chí Chỉ số cải cách hành chính: 6\.1\.2 Sử dụng văn bản điện tử/)
  await source.getByRole('link').click()
  await lost.getByRole('link', { name: 'Nhiệm vụ 7 của Kế hoạch KHKP-CCHC-2019' }).waitFor()
  assert.equal(problems.filter((p) => !/\b409\b/.test(p)), [], 'only the refusal the journey asked for')
})

journey.run()
