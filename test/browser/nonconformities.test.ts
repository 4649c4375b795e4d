import type { Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ApiClient } from '../helpers/app.ts'
import { browserContext, checkPage, expectAligned, signIn } from '../helpers/browser.ts'
import { pngFile } from '../helpers/files.ts'
import { addDays, pendingVerification, today } from '../helpers/nonconformities.ts'

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click()
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
}

const status = (page: Page) => page.getByTestId('nc-status')

async function expectStatus(page: Page, text: string) {
  await page.getByTestId('nc-status').filter({ hasText: text }).waitFor()
}

const ctx = browserContext()
const journey = suite('a nonconformity from raising to closing', ctx)
const it = ctx.use(journey)

it('the auditor raises it, the head analyses and plans, staff complete, the auditor verifies, the head closes', async ({ page, baseUrl, problems }) => {
  const title = 'Biểu mẫu cũ còn được dùng tại quầy tiếp nhận'
  // 1. The auditor records a finding at the reception desk; saved, it stays on screen with "raise a nonconformity" below it.
  await signIn(page, baseUrl, 'auditor')
  await page.getByRole('link', { name: 'Phát hiện', exact: true }).click()
  await page.getByRole('link', { name: 'Ghi nhận phát hiện' }).click()
  await page.getByLabel('Nội dung kiểm tra').waitFor()
  await checkPage(page, 'finding form')
  await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: '— — Bộ phận Tiếp nhận và Trả kết quả' })
  await page.getByLabel('Nội dung kiểm tra').selectOption('documented_information')
  await page.getByLabel('Phân loại').selectOption('minor_nc')
  await page.getByLabel('Nội dung', { exact: true }).fill(title)
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.getByRole('heading', { name: 'Phát hiện', level: 1 }).waitFor()
  await page.getByRole('button', { name: 'Lập sự không phù hợp' }).waitFor()
  // The auditor raises it from the NC form instead: source "finding", the finding found by a search
  // typed without diacritics and picked with the keyboard; its unit and a short title are filled in.
  await page.getByRole('link', { name: 'Sự không phù hợp', exact: true }).click()
  await page.getByRole('link', { name: 'Ghi nhận sự không phù hợp' }).click()
  await page.getByLabel('Nguồn', { exact: true }).selectOption('finding')
  await checkPage(page, 'NC form')
  await expectAligned(page, 'qms-nc-form', ['Mức độ', 'Ngày phát hiện'])
  const search = page.getByRole('combobox', { name: 'Phát hiện làm phát sinh' })
  await search.fill('bieu mau cu con duoc dung')
  await page.getByRole('option', { name: new RegExp(title) }).waitFor()
  await search.press('Enter')
  await page.getByTestId('nc-source-chosen').filter({ hasText: title }).waitFor()
  assert.is(await page.getByLabel('Tiêu đề').inputValue(), title)
  assert.is(await page.getByLabel('Đơn vị liên quan').evaluate((s: HTMLSelectElement) => s.selectedOptions[0].text.trim()), '— — Bộ phận Tiếp nhận và Trả kết quả')
  await page.getByRole('button', { name: 'Lưu', exact: true }).click()
  await page.getByRole('heading', { name: title }).waitFor()
  await expectStatus(page, 'Nháp')
  await checkPage(page, 'NC page (draft)')
  const ncUrl = page.url()
  assert.match(ncUrl, /\/nonconformities\/[0-9a-f-]{36}$/)
  // The nonconformity points back at its finding, and the finding at it.
  await page.getByRole('link', { name: 'Mở phát hiện' }).click()
  await page.getByRole('link', { name: 'Mở sự không phù hợp' }).click()
  await page.getByRole('heading', { name: title }).waitFor()
  // The auditor may not analyse: no editor, no step but cancel.
  assert.is(await page.getByRole('button', { name: 'Lưu phân tích' }).count(), 0)
  await signOut(page)

  // 2. The head hears of it through the bell, analyses with five whys and plans an action.
  await signIn(page, baseUrl, 'head')
  await page.getByRole('button', { name: /Thông báo: \d+ chưa đọc/ }).click()
  await page.getByRole('link', { name: new RegExp(title) }).first().click()
  await page.getByRole('heading', { name: title }).waitFor()
  await checkPage(page, 'NC page with the analysis editor')
  await page.getByLabel('Tại sao? (1)').fill('Vì sao mẫu cũ còn được phát?')
  await page.getByLabel('Vì (1)').fill('Bản cũ không được thu hồi khi ban hành bản mới')
  await page.getByRole('button', { name: 'Hỏi tiếp "tại sao"' }).click()
  assert.is(await page.getByLabel('Tại sao? (2)').inputValue(), 'Tại sao Bản cũ không được thu hồi khi ban hành bản mới?')
  await page.getByLabel('Vì (2)').fill('Không có danh sách nơi nhận tài liệu')
  await page.getByLabel('Phương pháp, quy trình').check()
  await page.getByLabel('Nguyên nhân gốc', { exact: true }).fill('Phân phối tài liệu không có danh sách nơi nhận nên thu hồi bị sót.')
  await page.getByRole('button', { name: 'Lưu phân tích' }).click()
  await expectStatus(page, 'Đang phân tích')

  // Confirming the plan without a corrective action is refused with the reason, in Vietnamese (the server writes it in the page's language).
  await page.getByRole('button', { name: 'Xác nhận kế hoạch' }).click()
  await page.getByRole('button', { name: 'Xác nhận kế hoạch' }).click()
  const refusal = page.getByRole('alert').filter({ hasText: 'Chưa thể xác nhận kế hoạch' })
  await refusal.waitFor()
  assert.match(await refusal.innerText(), 'cần ít nhất một hành động khắc phục')
  assert.not.match(await refusal.innerText(), /corrective|cannot|needs|\bis\b/i, 'no English in the Vietnamese page')
  // A request that never reaches the server says so in Vietnamese, not "TypeError: Failed to fetch".
  await page.route('**/api/nonconformities/*/plan', (route) => route.abort('connectionrefused'))
  await page.getByRole('button', { name: 'Xác nhận kế hoạch' }).click()
  await page.getByRole('alert').filter({ hasText: 'Không kết nối được tới máy chủ' }).waitFor()
  await page.unroute('**/api/nonconformities/*/plan')
  await page.getByRole('button', { name: 'Quay lại' }).click()

  await page.getByRole('button', { name: 'Thêm hành động' }).click()
  await page.getByLabel('Loại').selectOption({ label: 'Hành động khắc phục' })
  await page.getByLabel('Người thực hiện').selectOption({ label: 'Phạm Thị Thu — Bộ phận Tiếp nhận và Trả kết quả' })
  await page.getByLabel('Nội dung cần làm').fill('Lập danh sách nơi nhận và thu hồi mẫu cũ')
  // A due date before the NC was detected is flagged at once.
  await page.getByLabel('Hạn hoàn thành').fill(addDays(today(), -400).split('-').reverse().join('/'))
  await page.getByRole('alert').filter({ hasText: /^Ngày phải từ \d\d\/\d\d\/\d{4} trở đi\.$/ }).waitFor()
  await page.getByLabel('Hạn hoàn thành').fill(addDays(today(), 10).split('-').reverse().join('/'))
  assert.is(await page.getByRole('alert').filter({ hasText: 'Ngày phải từ' }).count(), 0)
  await page.getByRole('button', { name: 'Thêm', exact: true }).click()
  await page.getByText('Lập danh sách nơi nhận và thu hồi mẫu cũ').first().waitFor()
  // Until the NC is sent for verification, the head may change an action.
  await page.getByRole('button', { name: 'Sửa: Lập danh sách nơi nhận và thu hồi mẫu cũ' }).click()
  const firstDue = addDays(today(), 10).split('-').reverse().join('/')
  const due = addDays(today(), 14).split('-').reverse().join('/')
  await page.getByLabel('Hạn hoàn thành').fill(due)
  await page.getByLabel('Nội dung cần làm').fill('Lập danh sách nơi nhận, thu hồi và hủy mẫu cũ')
  await page.getByRole('button', { name: 'Lưu', exact: true }).click()
  await page.getByText(`Người thực hiện: Phạm Thị Thu · hạn ${due}`).waitFor()
  await page.getByText('Lập danh sách nơi nhận, thu hồi và hủy mẫu cũ').first().waitFor()
  await page.getByRole('button', { name: 'Xác nhận kế hoạch' }).click()
  await page.getByLabel('Ngày dự kiến kiểm tra hiệu lực (không bắt buộc)').fill(addDays(today(), 30))
  await page.getByRole('button', { name: 'Xác nhận kế hoạch' }).click()
  await expectStatus(page, 'Đã lập kế hoạch')
  await page.getByRole('button', { name: 'Bắt đầu thực hiện' }).click()
  await expectStatus(page, 'Đang thực hiện')
  // The verify button is not offered to a head of unit.
  assert.is(await page.getByRole('button', { name: 'Kiểm tra hiệu lực', exact: true }).count(), 0)
  await signOut(page)

  // 3. Staff are told about their action and complete it.
  await signIn(page, baseUrl, 'staff')
  await page.getByRole('button', { name: /Thông báo: \d+ chưa đọc/ }).click()
  await page.getByRole('link', { name: /bạn được giao một hành động.*Lập danh sách nơi nhận/ }).first().click()
  await page.getByRole('button', { name: 'Hoàn thành: Lập danh sách nơi nhận, thu hồi và hủy mẫu cũ' }).click()
  await page.getByLabel('Đã làm gì').fill('Đã lập danh sách 6 nơi nhận, thu hồi 14 mẫu cũ.')
  await page.getByLabel('Minh chứng (ảnh hoặc PDF, không bắt buộc)').setInputFiles({ name: 'danh-sach.png', mimeType: 'image/png', buffer: pngFile() })
  // The evidence picker shows what was chosen: a thumbnail and the file's name.
  await page.getByText('Đã chọn 1 tệp').waitFor()
  await page.locator('qms-nc-actions ul.file-previews img').waitFor()
  await page.locator('qms-nc-actions ul.file-previews').getByText('danh-sach.png').waitFor()
  await checkPage(page, 'completing an action')
  await page.getByRole('button', { name: 'Xác nhận hoàn thành' }).click()
  await page.getByText('Đã xong', { exact: true }).waitFor()
  await page.getByRole('link', { name: 'tệp 1' }).waitFor()
  assert.is(await page.getByRole('button', { name: 'Gửi kiểm tra hiệu lực' }).count(), 0, 'staff do not run the workflow')
  await signOut(page)

  // 4. The head sends it for verification.
  await signIn(page, baseUrl, 'head')
  await page.goto(ncUrl)
  await page.getByRole('button', { name: 'Gửi kiểm tra hiệu lực' }).click()
  await expectStatus(page, 'Chờ kiểm tra hiệu lực')
  await signOut(page)

  // 5. The auditor verifies; the auditor is not offered to close.
  await signIn(page, baseUrl, 'auditor')
  await page.goto(ncUrl)
  await page.getByRole('button', { name: 'Kiểm tra hiệu lực', exact: true }).click()
  await page.getByLabel('Có hiệu lực', { exact: true }).check()
  await page.getByLabel('Đã kiểm tra gì và kết quả').fill('Kiểm tra 3 quầy: không còn mẫu cũ.')
  await page.getByRole('button', { name: 'Ghi nhận kết quả' }).click()
  await expectStatus(page, 'Đã kiểm tra, chờ đóng')
  assert.is(await page.getByRole('button', { name: 'Đóng sự không phù hợp' }).count(), 0)
  await signOut(page)

  // 6. The head closes it; the timeline holds every step, who and when.
  await signIn(page, baseUrl, 'head')
  await page.goto(ncUrl)
  await page.getByRole('button', { name: 'Đóng sự không phù hợp' }).click()
  await page.getByLabel('Ghi chú khi đóng (không bắt buộc)').fill('Đóng sau khi kiểm tra hiệu lực.')
  await page.getByRole('button', { name: 'Xác nhận đóng' }).click()
  // Closing is asked once more, naming the NC; "Quay lại" leaves it as it was, confirming closes it.
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('heading', { name: /^Đóng sự không phù hợp NC-\S+\?$/ }).waitFor()
  assert.ok((await dialog.innerText()).includes('không hoàn tác được'))
  await dialog.getByRole('button', { name: 'Quay lại' }).click()
  await dialog.waitFor({ state: 'detached' })
  assert.is(await status(page).innerText(), 'Đã kiểm tra, chờ đóng')
  await page.getByRole('button', { name: 'Xác nhận đóng' }).click()
  await dialog.getByRole('button', { name: 'Đóng sự không phù hợp' }).click()
  await expectStatus(page, 'Đã đóng')
  await page.getByRole('status').filter({ hasText: 'Đã đóng sự không phù hợp.' }).waitFor()
  const timeline = page.locator('qms-nc-timeline li')
  assert.is(await timeline.count(), 10)
  const text = await page.locator('qms-nc-timeline ol').innerText()
  for (const step of ['Ghi nhận', 'Phân tích nguyên nhân', 'Thêm hành động', 'Sửa hành động', 'Xác nhận kế hoạch', 'Bắt đầu thực hiện', 'Hoàn thành hành động', 'Gửi kiểm tra hiệu lực', 'Kiểm tra hiệu lực', 'Đóng']) {
    assert.ok(text.includes(step), `timeline shows "${step}"`)
  }
  for (const who of ['Trần Thị Lan', 'Lê Văn Hùng', 'Phạm Thị Thu']) assert.ok(text.includes(who), `timeline names ${who}`)
  assert.ok(text.includes('Đang thực hiện → Chờ kiểm tra hiệu lực'))
  // A change names the field and shows the old and the new value.
  assert.ok(text.replace(/\s+/g, ' ').includes(`Hạn hoàn thành: ${firstDue} → ${due}`), `the action change shows its old and new due date: ${text}`)
  assert.is(await status(page).innerText(), 'Đã đóng')
  await checkPage(page, 'NC page (closed, with its timeline)')
  // The one refused connection above is the browser's own log line.
  assert.equal(problems.filter((p) => !p.includes('net::ERR_CONNECTION_REFUSED')), [])
})

it('a check that finds the actions not effective sends it back to in progress', async ({ app, page, baseUrl, problems }) => {
  // Set up through the API: an NC waiting for its check.
  const clients = new Map<string, ApiClient>()
  const as = async (username: string) => {
    let client = clients.get(username)
    if (!client) {
      client = new ApiClient(app)
      await client.login(username)
      clients.set(username, client)
    }
    return client
  }
  const admin = await as('admin')
  const api = {
    as,
    unitId: async (code: string) => (await admin.get(`/api/org-units?q=${code}`)).body.items.find((u: { code: string }) => u.code === code).id as string,
    userId: async (username: string) => (await admin.get(`/api/users?q=${username}`)).body.items.find((u: { username: string }) => u.username === username).id as string,
  }
  const nc = await pendingVerification(api, { title: 'Sổ theo dõi hồ sơ ghi thiếu ngày trả kết quả' })

  await signIn(page, baseUrl, 'auditor')
  await page.goto(`${baseUrl}/nonconformities/${nc.id}`)
  await expectStatus(page, 'Chờ kiểm tra hiệu lực')
  await page.getByRole('button', { name: 'Kiểm tra hiệu lực', exact: true }).click()
  await page.getByLabel('Không có hiệu lực').check()
  await page.getByRole('button', { name: 'Ghi nhận kết quả' }).click()
  // The note is required: the field says so.
  await page.getByText('Bắt buộc nhập.').waitFor()
  await page.getByLabel('Đã kiểm tra gì và kết quả').fill('Sổ tháng 11 vẫn thiếu 3 ngày trả kết quả.')
  await page.getByRole('button', { name: 'Ghi nhận kết quả' }).click()
  await expectStatus(page, 'Đang thực hiện')
  const checks = page.locator('section[aria-labelledby="checks"]')
  await checks.getByText('Không có hiệu lực').waitFor()
  await checks.getByText('Sổ tháng 11 vẫn thiếu 3 ngày trả kết quả.').waitFor()
  await signOut(page)

  // The head is told and may add more actions again.
  await signIn(page, baseUrl, 'head')
  await page.getByRole('button', { name: /Thông báo: \d+ chưa đọc/ }).click()
  await page.getByRole('link', { name: /không có hiệu lực.*Sổ tháng 11/ }).click()
  await expectStatus(page, 'Đang thực hiện')
  await page.getByRole('button', { name: 'Thêm hành động' }).waitFor()
  assert.equal(problems, [])
})

it('the manager downloads the NC register with the board\'s filters', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'manager')
  // At 1280 px the seven stages fit beside the menu: the board does not scroll sideways.
  await page.goto(`${baseUrl}/nonconformities`)
  await page.getByRole('heading', { name: 'Đã đóng' }).waitFor()
  const board = page.getByTestId('nc-board')
  const sideways = await board.evaluate((el) => el.scrollWidth - el.clientWidth)
  assert.ok(sideways <= 0, `the board scrolls sideways by ${sideways}px at 1280 px`)
  assert.is(await board.getAttribute('tabindex'), null, 'a board that fits is no tab stop')
  await checkPage(page, 'NC board')
  await page.goto(`${baseUrl}/nonconformities?overdue=true`)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải sổ theo dõi (XLSX)' }).click()])
  assert.match(download.suggestedFilename(), /^so-theo-doi-khong-phu-hop_\d{4}-\d{2}-\d{2}\.xlsx$/)
  assert.match(download.url(), /overdue=true/)
  assert.equal(problems, [])
})

journey.run()

const phone = browserContext({ viewport: { width: 375, height: 740 } })
const onPhone = suite('the nonconformity board on a 375 px phone', phone)
const itPhone = phone.use(onPhone)

itPhone('columns stack, overdue items are marked, the unit filter narrows, nothing overflows', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'head')
  await page.getByRole('button', { name: /Thông báo/ }).waitFor()
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await page.getByRole('link', { name: 'Sự không phù hợp', exact: true }).click()
  await page.getByRole('heading', { name: 'Sự không phù hợp', level: 1 }).waitFor()
  await page.getByRole('heading', { name: 'Đang thực hiện' }).waitFor()
  await page.getByText(/Quá hạn \d+ ngày/).first().waitFor()
  const overflow = async () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok((await overflow()) <= 0, `board wider than the phone by ${await overflow()}px`)
  await checkPage(page, 'NC board on a phone')
  await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: '— — Bộ phận Tiếp nhận và Trả kết quả' })
  await page.getByRole('link', { name: /Bảng niêm yết thủ tục hành chính/ }).waitFor()
  await page.getByRole('link', { name: /Quy trình nội bộ chưa được cập nhật/ }).waitFor({ state: 'detached' })
  await page.getByRole('link', { name: /Bảng niêm yết thủ tục hành chính/ }).click()
  await expectStatus(page, 'Chờ kiểm tra hiệu lực')
  assert.ok((await overflow()) <= 0, `NC page wider than the phone by ${await overflow()}px`)
  // The bell opens its panel within the screen.
  await page.getByRole('button', { name: /Thông báo/ }).click()
  await page.getByRole('heading', { name: 'Thông báo' }).waitFor()
  assert.ok((await overflow()) <= 0, `bell panel wider than the phone by ${await overflow()}px`)
  assert.equal(problems, [])
})

onPhone.run()
