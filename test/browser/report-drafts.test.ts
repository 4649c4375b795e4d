import { readFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, noSideways, signIn } from '../helpers/browser.ts'

const ctx = browserContext({ viewport: { width: 375, height: 740 } })
const journey = suite('a manager writes and issues the half-year report', ctx)
const it = ctx.use(journey)

it('on a phone: from an empty draft to an issued report, downloaded as PDF, DOCX and XLSX', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'manager')
  await page.goto(`${baseUrl}/reports/drafts`)
  await page.getByRole('heading', { name: 'Báo cáo định kỳ' }).waitFor()
  // The demo's issued report is listed.
  await page.getByRole('link', { name: 'Báo cáo số 173/BC-BQL ngày 29/05/2020' }).waitFor()
  await checkPage(page, 'periodic reports')
  const plan = page.getByLabel('Kế hoạch cải cách hành chính được báo cáo')
  await plan.selectOption((await plan.locator('option', { hasText: '04/KH-BQL' }).getAttribute('value'))!)
  await page.getByRole('button', { name: 'Tạo dự thảo' }).click()

  await page.getByTestId('report-status').filter({ hasText: 'Dự thảo' }).waitFor()
  const preview = page.getByRole('article', { name: 'Xem trước báo cáo' })
  await preview.getByText('KẾT QUẢ THỰC HIỆN KẾ HOẠCH SỐ 04/KH-BQL', { exact: false }).waitFor()
  assert.is(await preview.getByText('CÔNG TÁC TUYÊN TRUYỀN', { exact: false }).count(), 0, 'an empty narrative section is not shown')
  await noSideways(page, 'report editor')
  await checkPage(page, 'report editor')

  // Typed, not yet saved: the preview shows it at once.
  await page.getByLabel('Công tác tuyên truyền cải cách hành chính').fill('Đã đăng 15 tin bài về cải cách hành chính trên Cổng thông tin điện tử.')
  await preview.getByText('I. CÔNG TÁC TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH').waitFor()
  await preview.getByText('Đã đăng 15 tin bài về cải cách hành chính trên Cổng thông tin điện tử.').waitFor()
  await page.getByRole('button', { name: 'Lưu', exact: true }).click()
  await page.getByText('Đã lưu.').waitFor()

  await page.getByRole('button', { name: 'Phê duyệt' }).click()
  await page.getByTestId('report-status').filter({ hasText: 'Đã phê duyệt' }).waitFor()
  assert.is(await page.getByLabel('Công tác tuyên truyền cải cách hành chính').count(), 0, 'an approved report is not edited')
  await checkPage(page, 'approved report, issue form')

  const issue = page.getByRole('form', { name: 'Ban hành báo cáo' })
  await issue.getByLabel('Số (ví dụ 173 hoặc 173/BC-BQL)').fill('9')
  await issue.getByLabel(/Chức vụ người ký/).fill('KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN')
  await issue.getByLabel('Họ tên người ký').fill('Nguyễn Văn Minh')
  await issue.getByLabel('Nơi nhận, mỗi dòng một nơi').fill('UBND tỉnh (b/c)\nSở Nội vụ')
  await issue.getByRole('button', { name: 'Ban hành' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Ban hành' }).click()
  await page.getByTestId('report-status').filter({ hasText: 'Đã ban hành' }).waitFor()
  await page.getByRole('heading', { name: /^Báo cáo số 09\/BC-BQL ngày / }).waitFor()
  await noSideways(page, 'issued report')
  await checkPage(page, 'issued report')

  const starts: Record<string, string> = { pdf: '%PDF', docx: 'PK', xlsx: 'PK' }
  for (const [format, label] of [['pdf', 'Tải PDF'], ['docx', 'Tải DOCX (Word)'], ['xlsx', 'Tải XLSX']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: label }).click()])
    const bytes = readFileSync((await download.path())!)
    assert.is(bytes.subarray(0, starts[format].length).toString(), starts[format], format)
    assert.match(download.suggestedFilename(), new RegExp(`^bao-cao-09-BC-BQL_\\d{4}-\\d{2}-\\d{2}\\.${format}$`))
  }
  assert.equal(problems, [])
})

journey.run()
