import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { pdfText } from '../helpers/pdf-text.ts'
import { readFileSync } from 'node:fs'
import { browserContext, checkPage, signIn } from '../helpers/browser.ts'

const ctx = browserContext()
const journey = suite('a manager writes the half-year report', ctx)
const it = ctx.use(journey)

it('picks the seed half-year, reads the figures, downloads the PDF, finds the DOCX', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'manager')
  await page.getByRole('link', { name: 'Báo cáo', exact: true }).click()
  await page.getByRole('heading', { name: 'Báo cáo công tác cải cách hành chính' }).waitFor()
  await page.getByLabel('Từ ngày').fill('2019-11-21')
  await page.getByLabel('Đến ngày').fill('2020-05-27')
  const report = page.getByRole('article', { name: 'Nội dung báo cáo' })
  await report.getByText('6 tháng đầu năm 2020').waitFor()
  await report.getByText(/đã tiếp nhận giải quyết 86 hồ sơ; trong đó tiếp nhận trực tuyến là 44 hồ sơ/).waitFor()
  await report.getByText(/đã giải quyết 82 hồ sơ .* và 04 hồ sơ đang trong hạn giải quyết/).waitFor()
  await report.getByText(/không có đơn khiếu nại, tố cáo/).waitFor()
  assert.match(page.url(), /\/reports\?from=2019-11-21&to=2020-05-27/)
  await checkPage(page, 'half-year report')

  assert.match(String(await page.getByRole('link', { name: 'Tải DOCX (Word)' }).getAttribute('href')), /from=2019-11-21&to=2020-05-27&format=docx/)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải PDF' }).click()])
  const pdf = readFileSync((await download.path())!)
  assert.is(pdf.subarray(0, 5).toString(), '%PDF-')
  assert.ok(pdfText(pdf).replace(/\s+/g, '').includes('đãgiảiquyết82hồsơ'))
  assert.equal(problems, [])
})

it('staff do not see the reports section', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'staff')
  assert.is(await page.getByRole('link', { name: 'Báo cáo', exact: true }).count(), 0)
  assert.equal(problems, [])
})

journey.run()
