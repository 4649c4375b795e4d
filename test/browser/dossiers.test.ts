import ExcelJS from 'exceljs'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, noSideways, signIn } from '../helpers/browser.ts'

/** The cells of the total row of the statistics table, as text. */
async function totalRow(page: Page) {
  const row = page.locator('qms-dossier-stats-page tr.total')
  await row.waitFor()
  return (await row.locator('td').allInnerTexts()).map((t) => t.trim())
}

async function smallExport(): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Hồ sơ')
  sheet.addRow(['Số hồ sơ', 'Mã thủ tục', 'Tên tổ chức, cá nhân', 'Hình thức nộp', 'Ngày tiếp nhận', 'Ngày có kết quả'])
  // Excel dates carry no zone: the UTC fields are the wall-clock time in Vietnam.
  sheet.addRow(['BR-0001', 'LD.01', 'Công ty TNHH Dệt may Bình Đức', 'Trực tuyến', new Date(Date.UTC(2018, 9, 1, 8, 30)), new Date(Date.UTC(2018, 9, 3, 10, 0))])
  sheet.addRow(['BR-0002', 'TM.01', 'Công ty Cổ phần Nông sản Gò Công', 'Trực tiếp', new Date(Date.UTC(2018, 9, 2, 14, 0)), new Date(Date.UTC(2018, 9, 4, 9, 0))])
  sheet.addRow(['BR-0003', 'XD.01', 'Công ty TNHH Cơ khí Phước Thạnh', 'Bưu chính công ích', new Date(Date.UTC(2018, 9, 3, 9, 0)), null])
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'qms-import-')), 'ho-so-thang-10.xlsx')
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()))
  return file
}

const ctx = browserContext()
const journey = suite('a manager imports a one-stop-shop export and reads the statistics', ctx)
const it = ctx.use(journey)

it('the statistics reproduce the seed report, and a small XLSX import shows in them', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'manager')
  await page.getByRole('link', { name: 'Hồ sơ TTHC', exact: true }).click()
  await page.getByRole('heading', { name: 'Hồ sơ thủ tục hành chính' }).waitFor()
  await page.getByRole('link', { name: 'Thống kê' }).click()
  await page.getByLabel('Từ ngày').fill('2019-11-21')
  await page.getByLabel('Đến ngày').fill('2020-05-27')
  await page.getByText('Từ ngày 21/11/2019 đến ngày 27/05/2020').waitFor()
  const seed = await totalRow(page)
  // Unit | received: total, carried over, online, in person, post | resolved: total, early, on time, late | in progress: total, not due, overdue | …
  assert.equal([seed[0], seed[1], seed[2], seed[3], seed[6], seed[10], seed[11], seed[12]], ['Tổng cộng', '86', '0', '44', '82', '4', '4', '0'])

  await page.getByRole('link', { name: 'Nhập từ tệp' }).click()
  await page.getByLabel('Chọn tệp hoặc kéo thả vào đây').setInputFiles(await smallExport())
  await page.getByText('Kết quả kiểm tra').waitFor()
  await page.getByText('3 mới').waitFor()
  await page.getByRole('button', { name: 'Nhập các dòng này' }).click()
  await page.getByRole('heading', { name: 'Đã nhập' }).waitFor()
  await page.getByRole('link', { name: 'Xem số liệu thống kê' }).click()

  await page.getByLabel('Từ ngày').fill('2018-10-01')
  await page.getByLabel('Đến ngày').fill('2018-10-31')
  await page.getByText('Từ ngày 01/10/2018 đến ngày 31/10/2018').waitFor()
  const october = await totalRow(page)
  assert.equal([october[1], october[3], october[4], october[5], october[6], october[10]], ['3', '1', '1', '1', '2', '1'])
  await page.getByLabel('Thống kê theo').selectOption({ label: 'Hình thức nộp' })
  await page.getByRole('cell', { name: 'Bưu chính công ích', exact: true }).waitFor()

  // The imported dossier is in the list, with its timeline.
  await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click()
  await page.getByLabel('Tìm theo mã hồ sơ hoặc người nộp').fill('BR-0001')
  await page.getByRole('link', { name: 'BR-0001' }).click()
  await page.getByRole('heading', { name: 'Quá trình xử lý' }).waitFor()
  await page.getByText('nhập từ tệp').first().waitFor()
  assert.equal(problems, [])
})

it('a file with a bad row shows the row errors and cannot be committed', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'manager')
  await page.goto(`${baseUrl}/dossiers/import`)
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'qms-import-')), 'loi.csv')
  writeFileSync(file, 'Mã hồ sơ,Mã thủ tục,Chủ hồ sơ,Hình thức nộp,Ngày tiếp nhận\nBR-0101,LD.01,Công ty A,Trực tuyến,05/11/2018 09:00\nBR-0102,KHONG.CO,Công ty B,Fax,05/11/2018 09:00\n')
  await page.getByLabel('Chọn tệp hoặc kéo thả vào đây').setInputFiles(file)
  await page.getByRole('heading', { name: 'Các dòng cần sửa' }).waitFor()
  await page.getByRole('cell', { name: 'Mã thủ tục', exact: true }).waitFor()
  assert.is(await page.getByRole('button', { name: 'Nhập các dòng này' }).count(), 0)
  assert.equal(problems.filter((p) => !p.includes('422')), [])
})

it('a long file is checked in the background, with a progress bar that survives leaving the page', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'manager')
  await page.goto(`${baseUrl}/dossiers/import`)
  const lines = ['Mã hồ sơ,Mã thủ tục,Chủ hồ sơ,Hình thức nộp,Ngày tiếp nhận']
  for (let i = 0; i < 15_000; i++) lines.push(`BR-L${i},LD.01,Hộ kinh doanh số ${i},Trực tuyến,0${1 + (i % 5)}/10/2018 09:00`)
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'qms-import-')), 'dai.csv')
  writeFileSync(file, lines.join('\n'))
  await page.getByLabel('Chọn tệp hoặc kéo thả vào đây').setInputFiles(file)
  const bar = page.getByRole('progressbar', { name: 'Đang kiểm tra tệp dai.csv' })
  await bar.waitFor()
  // Away and back: the page finds the running check again.
  await page.getByRole('link', { name: 'Thống kê' }).click()
  await page.getByRole('link', { name: 'Nhập từ tệp' }).click()
  await page.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor({ timeout: 120_000 })
  await page.getByText('15000 dòng').waitFor()
  await page.getByText('15000 mới').waitFor()
  assert.equal(problems, [])
})

it('staff at the desk moves a dossier on and sees its timeline', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'staff')
  await page.goto(`${baseUrl}/dossiers?overdue=true`)
  await page.locator('qms-dossiers-page tbody a').first().click()
  await page.getByRole('heading', { name: 'Bước tiếp theo' }).waitFor()
  await page.getByRole('button', { name: 'Yêu cầu bổ sung *' }).click()
  await page.getByText('Bắt buộc nhập.').waitFor()
  await page.getByLabel('Lý do (bắt buộc khi yêu cầu bổ sung hoặc trả lại)').fill('Bổ sung giấy ủy quyền')
  // When it happened, typed as the desk writes it: hour:minute, then day/month/year.
  // Times are the agency's (Vietnam's), whatever the zone of the browser (tests run it in New York).
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Ho_Chi_Minh', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(Date.now() - 5 * 60_000)
      .map((p) => [p.type, p.value]),
  )
  const shown = `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`
  const when = page.getByLabel('Thời điểm thực hiện (để trống là bây giờ)')
  await when.fill(`${parts.hour}h${parts.minute} ${Number(parts.day)}/${Number(parts.month)}/${parts.year}`)
  await when.press('Tab')
  assert.is(await when.inputValue(), shown)
  await page.getByRole('button', { name: 'Yêu cầu bổ sung *' }).click()
  await page.getByText('Yêu cầu bổ sung (tạm dừng tính thời hạn)').waitFor()
  await page.getByText('Bổ sung giấy ủy quyền').waitFor()
  await page.locator('qms-dossier-page').getByText(shown).first().waitFor()
  assert.equal(problems.filter((p) => !p.includes('400')), [])
})

it('a step that closes a dossier for good is asked once more, naming the dossier; going back changes nothing', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'staff')
  await page.goto(`${baseUrl}/dossiers?overdue=true`)
  const first = page.locator('qms-dossiers-page tbody a').first()
  const code = (await first.textContent())!.trim()
  await first.click()
  await page.getByRole('heading', { name: 'Bước tiếp theo' }).waitFor()
  await page.getByRole('button', { name: 'Người nộp rút hồ sơ' }).click()
  const dialog = page.getByRole('dialog', { name: `Người nộp rút hồ sơ: hồ sơ ${code}?` })
  await dialog.waitFor()
  await dialog.getByText('không thể hoàn tác').waitFor()
  await dialog.getByRole('button', { name: 'Quay lại' }).click()
  await dialog.waitFor({ state: 'detached' })
  assert.is(await page.getByRole('button', { name: 'Người nộp rút hồ sơ' }).count(), 1, 'still open')
  await page.getByRole('button', { name: 'Người nộp rút hồ sơ' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Người nộp rút hồ sơ' }).click()
  await page.getByText('Đã thực hiện: Người nộp rút hồ sơ.').waitFor()
  await page.getByText('Hồ sơ đã kết thúc, không còn bước nào.').waitFor()
  assert.is(await page.getByRole('button', { name: 'Người nộp rút hồ sơ' }).count(), 0, 'closed')
  assert.equal(problems, [])
})

journey.run()

const phone = browserContext({ viewport: { width: 375, height: 740 } })
const onPhone = suite('the one-stop-shop pages on a 375 px phone', phone)
const itPhone = phone.use(onPhone)

itPhone('the list, a dossier and the statistics fit the screen', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'head')
  for (const path of ['/dossiers', '/dossiers/stats?from=2019-11-21&to=2020-05-27', '/dossiers/import', '/procedures']) {
    await page.goto(`${baseUrl}${path}`)
    await page.locator('qms-dossier-tabs').waitFor()
    await page.waitForLoadState('networkidle')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `${path} is wider than the phone by ${overflow}px`)
    await checkPage(page, path)
  }
  await page.goto(`${baseUrl}/dossiers`)
  await page.locator('qms-dossiers-page tbody a').first().click()
  await page.getByRole('heading', { name: 'Quá trình xử lý' }).waitFor()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `the dossier page is wider than the phone by ${overflow}px`)
  await checkPage(page, 'a dossier on a phone')
  assert.equal(problems, [])
})

itPhone('the desk receives a dossier with the applicant and the papers, and prints the receipt slip', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'staff')
  await page.goto(`${baseUrl}/dossiers/new`)
  await page.getByRole('heading', { name: 'Tiếp nhận hồ sơ' }).waitFor()
  await page.getByLabel('Tổ chức, cá nhân nộp').fill('Trần Văn Bình')
  await page.getByLabel('Số điện thoại').fill('0913 456 789')
  await page.getByLabel('Số CCCD/CMND').fill('082090004321')
  await page.getByLabel('Địa chỉ').fill('Xã Tân Hương, huyện Châu Thành')
  await page.getByLabel('Thủ tục hành chính').selectOption({ index: 1 })
  await page.getByLabel('Giấy tờ 1', { exact: true }).fill('Đơn đề nghị cấp giấy phép lao động')
  await page.getByRole('button', { name: 'Thêm giấy tờ' }).click()
  await page.getByLabel('Giấy tờ 2', { exact: true }).fill('Hộ chiếu')
  await page.getByLabel('Hình thức', { exact: true }).nth(1).selectOption({ label: 'Bản sao chứng thực' })
  await page.getByLabel('Số lượng', { exact: true }).nth(1).fill('2')
  await noSideways(page, 'the desk form on a phone')
  await checkPage(page, 'the desk form on a phone')
  await page.getByRole('button', { name: 'Lưu' }).click()
  // No code typed: the next code of the day is given.
  await page.getByRole('heading', { name: /^Hồ sơ H57\.22-\d{6}-\d{4}$/ }).waitFor()
  await page.getByText('Hộ chiếu (Bản sao chứng thực, 2)').waitFor()
  await page.getByText('0913456789').waitFor()
  const slip = page.getByRole('link', { name: 'In giấy tiếp nhận và hẹn trả kết quả' })
  const res = await page.request.get(new URL((await slip.getAttribute('href'))!, baseUrl).toString())
  assert.is(res.status(), 200)
  assert.is(res.headers()['content-type'], 'application/pdf')
  await noSideways(page, 'the new dossier on a phone')
  assert.equal(problems, [])
})

onPhone.run()
