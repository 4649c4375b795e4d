import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, signIn } from '../helpers/browser.ts'
import { pdfFile } from '../helpers/files.ts'

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).first().click()
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
}

/** The section of the document page that shows one issue. */
const issue = (page: Page, n: number) => page.getByRole('region', { name: `Lần ban hành ${n}`, exact: true })

const ctx = browserContext()
const journey = suite('a document goes through its workflow', ctx)
const it = ctx.use(journey)

it('upload → submit → review → approve → publish, then a new revision supersedes it', async ({ page, baseUrl, problems }) => {
  // The head of the Office registers a procedure and uploads its first issue.
  await signIn(page, baseUrl, 'head')
  await page.getByRole('link', { name: 'Tài liệu', exact: true }).click()
  await page.getByRole('heading', { name: 'Tài liệu', exact: true }).waitFor()
  await page.getByRole('link', { name: 'QT-01/BQL' }).waitFor()
  await checkPage(page, 'document register')
  await page.getByRole('link', { name: 'Đăng ký tài liệu' }).click()
  await page.getByLabel('Mã hiệu').fill('QT-20/BQL')
  await page.getByLabel('Tên tài liệu').fill('Quy trình tiếp nhận góp ý về văn hóa công sở')
  await page.getByLabel('Đơn vị chủ trì').selectOption({ label: '— Văn phòng' })
  // Clauses come from the standard's outline, found by number or by words typed without diacritics.
  const clauses = page.getByRole('combobox', { name: 'Điều khoản ISO 9001:2015' })
  const chosen = page.getByRole('list', { name: 'Điều khoản đã chọn' })
  const found = page.getByRole('listbox', { name: 'Điều khoản tìm thấy' })
  await clauses.fill('12.1')
  await page.getByText('Không có điều khoản nào khớp.').waitFor()
  await clauses.fill('9.1')
  await found.getByRole('option', { name: /^9\.1\.2/ }).waitFor()
  assert.is(await found.getByRole('option').count(), 4, '9.1 and the three clauses under it')
  await clauses.press('ArrowDown')
  await clauses.press('ArrowDown')
  await clauses.press('Enter')
  await chosen.getByText('9.1.2').waitFor()
  await clauses.fill('trao doi thong tin')
  await found.getByRole('option', { name: /Trao đổi thông tin với khách hàng/ }).click()
  await clauses.fill('kiem soat tai lieu')
  await found.getByRole('option', { name: /^7\.5\.3 ?Kiểm soát thông tin dạng văn bản/ }).waitFor()
  await clauses.press('Enter')
  assert.equal(await chosen.locator('strong').allInnerTexts(), ['9.1.2', '8.2.1', '7.5.3'])
  // A chip goes by its button, the last one by Backspace; then 7.4 by its number.
  await page.getByRole('button', { name: 'Bỏ điều khoản 8.2.1' }).click()
  await clauses.press('Backspace')
  await clauses.fill('7.4')
  await clauses.press('Enter')
  assert.equal(await chosen.locator('strong').allInnerTexts(), ['9.1.2', '7.4'])
  // A refused save (no title) re-renders the form: the chosen clauses stay.
  await page.getByLabel('Tên tài liệu').fill('')
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.locator('#title[aria-invalid="true"]').waitFor()
  assert.equal(await chosen.locator('strong').allInnerTexts(), ['9.1.2', '7.4'], 'the chips survive the refused save')
  await page.getByLabel('Tên tài liệu').fill('Quy trình tiếp nhận góp ý về văn hóa công sở')
  await checkPage(page, 'new document form')
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.getByRole('heading', { name: 'QT-20/BQL · Quy trình tiếp nhận góp ý về văn hóa công sở' }).waitFor()
  await page.getByText('7.4, 9.1.2', { exact: true }).waitFor()

  const first = pdfFile('QT-20 lan 1')
  await page.getByLabel('Tệp (PDF, DOCX hoặc XLSX)').setInputFiles({ name: 'QT-20_lan-01.pdf', mimeType: 'application/pdf', buffer: first })
  await page.getByLabel('Nội dung sửa đổi').fill('Ban hành lần đầu')
  await page.getByRole('button', { name: 'Tải lên (dự thảo)' }).click()
  await issue(page, 1).getByText('Dự thảo', { exact: true }).waitFor()

  await issue(page, 1).getByRole('button', { name: 'Trình xem xét' }).click()
  await issue(page, 1).getByLabel('Người xem xét').selectOption({ label: 'Trần Thị Lan — Chuyên viên, kiểm tra viên nội bộ' })
  await issue(page, 1).getByRole('button', { name: 'Gửi người xem xét' }).click()
  await issue(page, 1).getByText('Đang xem xét', { exact: true }).waitFor()
  const address = page.url()
  await signOut(page)

  // The named reviewer signs the review.
  await signIn(page, baseUrl, 'auditor')
  await page.goto(address)
  await issue(page, 1).getByRole('button', { name: 'Xem xét', exact: true }).click()
  await issue(page, 1).getByLabel('Ý kiến').fill('Nội dung phù hợp')
  await issue(page, 1).getByRole('button', { name: 'Ký xem xét' }).click()
  await issue(page, 1).getByText('Đã xem xét nội dung và thấy phù hợp').waitFor()
  await signOut(page)

  // A manager approves and publishes.
  await signIn(page, baseUrl, 'manager')
  await page.goto(address)
  await issue(page, 1).getByRole('button', { name: 'Phê duyệt', exact: true }).click()
  await issue(page, 1).getByRole('button', { name: 'Ký phê duyệt' }).click()
  await issue(page, 1).getByText('Đã phê duyệt', { exact: true }).waitFor()
  await issue(page, 1).getByRole('button', { name: 'Ban hành', exact: true }).click()
  await issue(page, 1).getByRole('button', { name: 'Ban hành ngay' }).click()
  await page.getByRole('heading', { name: 'Lần ban hành hiện hành' }).waitFor()
  await issue(page, 1).getByText('Đang hiệu lực', { exact: true }).waitFor()
  // The sign-off grid: drafted, reviewed, approved, by three people.
  for (const name of ['Lê Văn Hùng', 'Trần Thị Lan', 'Nguyễn Văn Minh']) await issue(page, 1).getByText(name).first().waitFor()
  await checkPage(page, 'document page')

  // The file comes back as it went in.
  const [download] = await Promise.all([page.waitForEvent('download'), issue(page, 1).getByRole('link', { name: /Tải về/ }).click()])
  assert.is(download.suggestedFilename(), 'QT-20_lan-01.pdf')
  assert.ok(readFileSync(await download.path()).equals(first))
  await signOut(page)

  // Issue 2: drafted by the head, reviewed, approved and published; issue 1 is superseded.
  await signIn(page, baseUrl, 'head')
  await page.goto(address)
  await page.getByLabel('Tệp (PDF, DOCX hoặc XLSX)').setInputFiles({ name: 'QT-20_lan-02.pdf', mimeType: 'application/pdf', buffer: pdfFile('QT-20 lan 2') })
  await page.getByLabel('Nội dung sửa đổi').fill('Bổ sung kênh góp ý trực tuyến')
  await page.getByRole('button', { name: 'Tải lên (dự thảo)' }).click()
  await issue(page, 2).getByRole('button', { name: 'Trình xem xét' }).click()
  await issue(page, 2).getByLabel('Người xem xét').selectOption({ label: 'Trần Thị Lan — Chuyên viên, kiểm tra viên nội bộ' })
  await issue(page, 2).getByRole('button', { name: 'Gửi người xem xét' }).click()
  await issue(page, 2).getByText('Đang xem xét', { exact: true }).waitFor()
  await signOut(page)
  await signIn(page, baseUrl, 'auditor')
  await page.goto(address)
  await issue(page, 2).getByRole('button', { name: 'Xem xét', exact: true }).click()
  await issue(page, 2).getByRole('button', { name: 'Ký xem xét' }).click()
  await issue(page, 2).getByText('Đã xem xét nội dung và thấy phù hợp').waitFor()
  await signOut(page)
  await signIn(page, baseUrl, 'manager')
  await page.goto(address)
  await issue(page, 2).getByRole('button', { name: 'Phê duyệt', exact: true }).click()
  await issue(page, 2).getByRole('button', { name: 'Ký phê duyệt' }).click()
  await issue(page, 2).getByRole('button', { name: 'Ban hành', exact: true }).click()
  await issue(page, 2).getByRole('button', { name: 'Ban hành ngay' }).click()
  await issue(page, 1).getByText('Đã thay thế', { exact: true }).waitFor()
  await issue(page, 2).getByText('Đang hiệu lực', { exact: true }).waitFor()
  assert.is(await page.getByText('Đang hiệu lực', { exact: true }).count(), 2, 'the page chip and issue 2, nothing else')

  // The register shows issue 2 in force.
  await page.getByRole('link', { name: '← Danh mục tài liệu' }).click()
  await page.getByLabel('Tìm theo mã hoặc tên tài liệu').fill('qt-20')
  await page.getByRole('row').filter({ hasText: 'QT-20/BQL' }).getByRole('cell', { name: /^2 · / }).waitFor()
  await page.getByRole('link', { name: 'QT-01/BQL' }).waitFor({ state: 'detached' })
  assert.equal(problems, [])
})

it('the register searches without accents; the coverage matrix flags clauses with no document', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'staff')
  await page.goto(`${baseUrl}/documents`)
  await page.getByLabel('Tìm theo mã hoặc tên tài liệu').fill('kiem soat tai lieu')
  await page.getByRole('link', { name: 'QT-01/BQL' }).waitFor()
  await page.getByRole('link', { name: 'QT-02/BQL' }).waitFor({ state: 'detached' })
  // Staff of the reception desk cannot register documents.
  assert.is(await page.getByRole('link', { name: 'Đăng ký tài liệu' }).count(), 0)

  await page.getByRole('link', { name: 'Bao phủ điều khoản' }).click()
  const design = page.getByRole('row').filter({ hasText: '8.3 Thiết kế' })
  await design.getByText('Chưa có tài liệu hiệu lực').waitFor()
  await page.getByLabel('Chỉ hiện điều khoản chưa có tài liệu').check()
  await checkPage(page, 'coverage matrix')
  assert.is(await page.getByRole('link', { name: 'QT-02/BQL' }).count(), 0)

  await page.getByRole('link', { name: 'Đến hạn xem xét' }).click()
  await page.getByRole('link', { name: 'STCL/BQL' }).waitFor()
  await checkPage(page, 'documents due for review')
  await page.getByRole('link', { name: 'Chuyển đổi 2008 → 2015' }).click()
  await page.getByRole('heading', { name: 'Còn theo phiên bản 2008 (4)' }).waitFor()
  await page.getByRole('link', { name: 'QT-11/BQL' }).waitFor()
  await checkPage(page, '2008 to 2015 transition')
  assert.equal(problems, [])
})

journey.run()

const phone = browserContext({ viewport: { width: 375, height: 740 } })
const onPhone = suite('documents on a 375 px phone', phone)
const itPhone = phone.use(onPhone)

itPhone('the register, a document and the coverage matrix fit the screen', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'head')
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  await page.goto(`${baseUrl}/documents`)
  await page.getByRole('link', { name: 'QT-01/BQL' }).waitFor()
  assert.ok((await overflow()) <= 0, `register wider than the phone by ${await overflow()}px`)
  await page.getByRole('link', { name: 'QT-01/BQL' }).click()
  await page.getByRole('heading', { name: 'Lịch sử sửa đổi' }).waitFor()
  // The head is the named reviewer of issue 3 in the demo data.
  await issue(page, 3).getByRole('button', { name: 'Xem xét', exact: true }).waitFor()
  assert.ok((await overflow()) <= 0, `document page wider than the phone by ${await overflow()}px`)
  await page.goto(`${baseUrl}/documents/coverage`)
  await page.getByText('Chưa có tài liệu hiệu lực').first().waitFor()
  assert.ok((await overflow()) <= 0, `coverage wider than the phone by ${await overflow()}px`)
  assert.equal(problems, [])
})

onPhone.run()
