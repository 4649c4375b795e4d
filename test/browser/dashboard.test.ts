import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, openDashboard, signIn } from '../helpers/browser.ts'

/** The seed report's half-year: 21/11/2019–27/5/2020. */
async function seedPeriod(page: Page) {
  await page.getByLabel('Từ ngày').fill('21/11/2019')
  await page.getByLabel('Đến ngày').fill('27/05/2020')
  await page.getByText('Từ ngày 21/11/2019 đến ngày 27/05/2020').waitFor()
}

const tile = (page: Page, label: string) => page.locator('a.tile', { hasText: label })

const ctx = browserContext()
const journey = suite('a manager reads the compliance dashboard', ctx)
const it = ctx.use(journey)

it('the tiles show the half-year from data; a number drills down to its records; a table exports', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'manager')
  await openDashboard(page)
  await seedPeriod(page)
  const online = tile(page, 'Hồ sơ tiếp nhận trực tuyến')
  await online.getByText('44 / 86 hồ sơ tiếp nhận').waitFor()
  // Each tile compares with the period of the same length just before (the 189 days up to 20/11/2019).
  await tile(page, 'Cuộc kiểm tra đã thực hiện').getByText(/^(▲ \+\d+|▼ −\d+|=) so với kỳ trước$/).waitFor()
  assert.is((await online.locator('.value').innerText()).trim(), '51,2 %')
  await tile(page, 'Khiếu nại, tố cáo, phản ánh').locator('.value', { hasText: '0' }).waitFor()
  // Tiles measured by an objective's indicator show its target, and say when the period misses it.
  await online.locator('.target').waitFor()
  assert.equal(await page.locator('a.tile .target').allInnerTexts(), ['Mục tiêu ≥ 100,0 %', 'Mục tiêu ≥ 50,0 %', 'Mục tiêu ≤ 0'], 'on time, online, complaints: all met')
  await page.getByRole('heading', { name: 'Tỷ lệ đạt theo đơn vị và tiêu chí' }).waitFor()
  await page.locator('qms-trend-chart canvas').waitFor()
  await checkPage(page, 'dashboard')
  // The year's quality objectives, each indicator's latest value against its target.
  const objectives = page.getByRole('region', { name: 'Mục tiêu chất lượng năm 2020' })
  const badge = objectives.getByRole('link', { name: /Tỷ lệ lượt kiểm tra đeo thẻ công chức, viên chức đạt/ })
  await badge.getByText('Không đạt').waitFor()
  assert.match(await badge.innerText(), /88,9\s?%/)

  // Drill down: the on-the-spot reminders are the two ID-badge findings.
  const reminders = tile(page, 'Nhắc nhở tại chỗ')
  assert.is((await reminders.locator('.value').innerText()).trim(), '2')
  await reminders.click()
  await page.getByRole('heading', { name: 'Phát hiện' }).waitFor()
  assert.is(await page.getByLabel('Xử lý').inputValue(), 'on_spot_reminder')
  assert.is(await page.getByLabel('Từ ngày').inputValue(), '21/11/2019')
  await page.locator('qms-findings-page tbody tr').nth(1).waitFor()
  assert.is(await page.locator('qms-findings-page tbody tr').count(), 2)
  await checkPage(page, 'findings list')

  // Back on the dashboard, the period is kept (it lives in the address), and the unit × criterion table exports to XLSX.
  await page.goBack()
  await page.getByRole('heading', { name: 'Tỷ lệ đạt theo đơn vị và tiêu chí' }).waitFor()
  await page.getByText('Từ ngày 21/11/2019 đến ngày 27/05/2020').waitFor()
  assert.match(page.url(), /\/dashboard\?from=2019-11-21&to=2020-05-27/)
  const matrix = page.locator('section', { has: page.getByRole('heading', { name: 'Tỷ lệ đạt theo đơn vị và tiêu chí' }) })
  const [download] = await Promise.all([page.waitForEvent('download'), matrix.getByRole('link', { name: 'Xuất XLSX' }).click()])
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  assert.is(sheet.getRow(1).getCell(1).value, 'Tỷ lệ đạt theo tiêu chí kiểm tra và đơn vị (%)')
  assert.is(sheet.getRow(3).getCell(2).value, 'Đơn vị')
  assert.equal(problems, [])
})

it('a period without inspections or dossiers offers the year up to the latest ones', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'manager')
  await openDashboard(page)
  await page.getByLabel('Từ ngày').fill('2015-01-01')
  await page.getByLabel('Đến ngày').fill('2015-12-31')
  const notice = page.getByRole('status').filter({ hasText: 'Số liệu gần nhất là của ngày' })
  await notice.waitFor()
  const latest = /ngày (\d\d\/\d\d\/\d{4})\./.exec(await notice.innerText())![1]
  await notice.getByRole('button', { name: `Xem 12 tháng đến ngày ${latest}` }).click()
  await page.getByText(new RegExp(`Từ ngày \\d\\d/\\d\\d/\\d{4} đến ngày ${latest}`)).waitFor()
  await notice.waitFor({ state: 'detached' })
  const received = tile(page, 'Hồ sơ tiếp nhận trực tuyến').locator('.sub')
  assert.not.match(await received.innerText(), /^0 \/ 0/, 'the year up to the latest records has dossiers')
  assert.is(await page.getByLabel('Đến ngày').inputValue(), latest)
  assert.equal(problems, [])
})

it('dates are typed and shown as dd/mm/yyyy in an English-language browser too; a date that is not one is named, not taken', async ({ context, baseUrl }) => {
  const english = await context.browser()!.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })
  const page = await english.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  try {
    assert.is(await page.evaluate(() => navigator.language), 'en-US')
    await signIn(page, baseUrl, 'manager')
    await openDashboard(page)
    await seedPeriod(page)
    const from = page.getByLabel('Từ ngày')
    assert.is(await from.inputValue(), '21/11/2019')
    await from.fill('31/02/2020')
    await from.press('Tab')
    await page.getByRole('alert').filter({ hasText: 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 27/05/2020.' }).waitFor()
    assert.is(await from.getAttribute('aria-invalid'), 'true')
    await page.getByText('Từ ngày 21/11/2019 đến ngày 27/05/2020').waitFor()
    // Short forms are read, and shown in full when the field is left.
    await from.fill('1.3.2020')
    await from.press('Tab')
    assert.is(await from.inputValue(), '01/03/2020')
    assert.is(await from.getAttribute('aria-invalid'), 'false')
    await page.getByText('Từ ngày 01/03/2020 đến ngày 27/05/2020').waitFor()
    // A preset writes the fields the same way.
    await page.getByRole('button', { name: /^Năm \d{4}$/ }).click()
    assert.match(await from.inputValue(), /^01\/01\/\d{4}$/)
    assert.match(await page.getByLabel('Đến ngày').inputValue(), /^31\/12\/\d{4}$/)
    assert.is(await page.getByRole('button', { name: 'Chọn trên lịch' }).count(), 2)
    assert.equal(errors, [])
  } finally {
    await english.close()
  }
})

it('staff see their own open actions instead of the agency figures', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'staff')
  await openDashboard(page)
  await page.getByRole('heading', { name: 'Hành động khắc phục của tôi đang mở' }).waitFor()
  assert.is(await page.locator('a.tile').count(), 0)
  assert.equal(problems, [])
})

journey.run()

const phone = browserContext({ viewport: { width: 375, height: 740 } })
const onPhone = suite('the dashboard on a 375 px phone', phone)
const itPhone = phone.use(onPhone)

itPhone('tiles, chart and tables fit the screen; a head of unit chooses only among the units he may see', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'head')
  await openDashboard(page)
  await seedPeriod(page)
  const units = (await page.getByLabel('Đơn vị', { exact: true }).locator('option').allInnerTexts()).map((t) => t.trim())
  assert.equal(units.slice(1), ['— Văn phòng', '— — Bộ phận Tiếp nhận và Trả kết quả'])
  await page.locator('qms-trend-chart canvas').waitFor()
  await page.getByRole('heading', { name: 'Tỷ lệ đạt theo đơn vị và tiêu chí' }).waitFor()
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `the dashboard is wider than the phone by ${overflow}px`)
  await checkPage(page, 'dashboard on a phone')
  // Two tiles a row, their names wrapping between words (no word cut, none wider than its tile).
  const tiles = await page.locator('a.tile').evaluateAll((els) => els.map((el) => ({ top: el.getBoundingClientRect().top, left: el.getBoundingClientRect().left, fits: el.scrollWidth <= el.clientWidth })))
  assert.is(tiles[0].top, tiles[1].top, 'the first two tiles share a row')
  assert.ok(tiles[2].top > tiles[0].top && tiles[2].left === tiles[0].left, 'the third tile starts the second row')
  assert.ok(tiles.every((t) => t.fits), 'every tile holds its text')
  await tile(page, 'Cuộc kiểm tra đã thực hiện').getByText(/^\d+ đơn vị được kiểm tra$/).waitFor()
  assert.equal(problems, [])
})

onPhone.run()
