import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { testEngine } from '../helpers/database.ts'
import { browserContext, checkPage, expectAligned } from '../helpers/browser.ts'

const ctx = browserContext()
const admin = suite('an administrator manages people', ctx)
const it = ctx.use(admin)

it('signs in, creates a user, sees it listed, switches language and signs out', async ({ page, baseUrl, problems }) => {
  await page.goto(baseUrl)
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
  await checkPage(page, 'sign-in page')
  // Vietnamese is the default.
  await page.getByLabel('Tên đăng nhập').fill('admin')
  await page.getByLabel('Mật khẩu').fill('demo1234')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByRole('heading', { name: 'Việc của tôi' }).waitFor()

  await page.getByRole('link', { name: 'Người dùng', exact: true }).click()
  await page.getByRole('link', { name: 'Thêm người dùng' }).click()
  await page.getByLabel('Tên đăng nhập').waitFor()
  await checkPage(page, 'user form')
  await expectAligned(page, 'qms-user-editor', ['Tên đăng nhập', 'Họ và tên'])
  await page.getByLabel('Tên đăng nhập').fill('nguyen.thi.hanh')
  await page.getByLabel('Họ và tên').fill('Nguyễn Thị Hạnh')
  // Options are indented by depth in the tree: the reception desk sits under the Office.
  await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: '— — Bộ phận Tiếp nhận và Trả kết quả' })
  await page.getByLabel('Công chức, viên chức').check()
  await page.getByLabel('Mật khẩu').fill('short')
  await page.getByRole('button', { name: 'Lưu' }).click()
  // The API's validation message shows next to the field.
  await page.getByText('Cần ít nhất 8 ký tự.').waitFor()
  await page.getByLabel('Mật khẩu').fill('hanh-2026!')
  await page.getByRole('button', { name: 'Lưu' }).click()

  await page.getByRole('heading', { name: 'Người dùng' }).waitFor()
  await page.getByRole('link', { name: 'Nguyễn Thị Hạnh' }).waitFor()
  await checkPage(page, 'user list')
  // On a fresh page the first key press reaches the skip link, which takes the keyboard past the menu to the page.
  await page.reload()
  await page.getByRole('link', { name: 'Nguyễn Thị Hạnh' }).waitFor()
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' })
  assert.ok(await skip.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), 'the skip link is the first stop')
  await page.keyboard.press('Enter')
  assert.is(await page.evaluate(() => document.querySelector('qms-app')!.shadowRoot!.activeElement?.tagName), 'MAIN')

  await page.getByRole('button', { name: 'English' }).first().click()
  await page.getByRole('heading', { name: 'Users' }).waitFor()
  await page.reload()
  // The choice persists across a reload.
  await page.getByRole('heading', { name: 'Users' }).waitFor()

  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.getByRole('heading', { name: 'Sign in' }).waitFor()

  // The new user can sign in with the password the admin set.
  await page.getByLabel('Username').fill('nguyen.thi.hanh')
  await page.getByLabel('Password').fill('hanh-2026!')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByText('Hello, Nguyễn Thị Hạnh.').waitFor()
  assert.equal(problems, [])
})

it('creates a department and shows it in the tree', async ({ page, baseUrl, problems }) => {
  await page.goto(baseUrl)
  await page.getByLabel('Tên đăng nhập').fill('admin')
  await page.getByLabel('Mật khẩu').fill('demo1234')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click()
  await page.getByRole('button', { name: 'Thêm đơn vị' }).click()
  await page.getByLabel('Mã đơn vị').fill('VP')
  await page.getByLabel('Tên đơn vị').fill('Trùng mã')
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.getByText('Đã được sử dụng.').waitFor()
  await page.getByLabel('Mã đơn vị').fill('TTr')
  await page.getByLabel('Tên đơn vị').fill('Thanh tra Ban')
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.getByRole('cell', { name: 'Thanh tra Ban', exact: true }).waitFor()
  assert.equal(problems, [])
})

it('creates an API token, sees its secret once, revokes it, and downloads a backup', async ({ page, baseUrl, problems }) => {
  await page.goto(`${baseUrl}/admin/api-tokens`)
  await page.getByLabel('Tên đăng nhập').fill('admin')
  await page.getByLabel('Mật khẩu').fill('demo1234')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByRole('heading', { name: 'Mã truy cập API' }).waitFor()
  await page.getByRole('button', { name: 'Tạo mã mới' }).click()
  await page.getByLabel('Mục đích sử dụng').fill('Đồng bộ phần mềm một cửa')
  // No acting user is chosen for the administrator; the hint gives the server's own limits.
  assert.is(await page.getByLabel('Thay mặt người dùng').inputValue(), '')
  await page.getByText('thời hạn mặc định (90 ngày); tối đa 365 ngày').waitFor()
  await page.getByLabel('Thay mặt người dùng').selectOption({ label: 'Trần Thị Lan (auditor)' })
  assert.is(await page.getByLabel('Quyền truy cập').inputValue(), 'read')
  await page.getByRole('button', { name: 'Lưu' }).click()
  const secret = (await page.locator('code').first().textContent())!.trim()
  assert.match(secret, /^qms_/)
  await page.getByRole('cell', { name: 'Chỉ đọc' }).waitFor()
  // The secret works as a bearer token with the auditor's rights, for reading only.
  const me = await page.request.get(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${secret}` } })
  assert.is((await me.json()).user.username, 'auditor')
  const write = await page.request.post(`${baseUrl}/api/findings`, { headers: { authorization: `Bearer ${secret}` }, data: {} })
  assert.is(write.status(), 403)
  await page.getByRole('button', { name: 'Thu hồi' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Thu hồi' }).click()
  // Revoked tokens leave the list (it shows active ones by default).
  await page.getByRole('button', { name: 'Thu hồi' }).waitFor({ state: 'detached' })
  const after = await page.request.get(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${secret}` } })
  assert.is(after.status(), 401)

  // A backup of the running database, saved only once the server has sent it whole; on
  // PostgreSQL the page says to use pg_dump instead.
  await page.getByRole('link', { name: 'Sao lưu', exact: true }).click()
  if (testEngine === 'pglite') {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải bản sao lưu' }).click()])
    assert.match(download.suggestedFilename(), /^qms-backup-.*\.tar\.gz$/)
    await page.getByText(/^Đã tải về qms-backup-/).waitFor()
  } else {
    await page.getByRole('button', { name: 'Tải bản sao lưu' }).click()
    await page.getByText(/Máy chủ này dùng PostgreSQL: hãy sao lưu bằng pg_dump/).waitFor()
  }
  assert.equal(problems, [])
})

admin.run()

const phone = browserContext({ viewport: { width: 375, height: 740 } })
const onPhone = suite('the app on a 375 px phone', phone)
const itPhone = phone.use(onPhone)

itPhone('signs in and reaches every section through the menu', async ({ page, baseUrl, problems }) => {
  await page.goto(baseUrl)
  await page.getByLabel('Tên đăng nhập').fill('head')
  await page.getByLabel('Mật khẩu').fill('demo1234')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByRole('heading', { name: 'Việc của tôi' }).waitFor()
  await checkPage(page, 'my work on a phone')
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `page is wider than the phone by ${overflow}px`)
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await page.getByRole('link', { name: 'Kiểm tra', exact: true }).click()
  await page.getByRole('heading', { name: 'Kiểm tra' }).waitFor()
  // A head of unit has no administration menu.
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  assert.is(await page.getByRole('link', { name: 'Người dùng', exact: true }).count(), 0)
  // The sign-out button in the menu looks like one (a bordered button as tall as a finger), not bare text.
  const signOut = await page.getByRole('button', { name: 'Đăng xuất' }).evaluate((b) => ({ height: b.getBoundingClientRect().height, border: getComputedStyle(b).borderTopStyle }))
  assert.ok(signOut.height >= 44 && signOut.border === 'solid', `sign-out in the menu: ${JSON.stringify(signOut)}`)
  await checkPage(page, 'the phone menu')
  await page.getByRole('button', { name: 'Đăng xuất' }).click()
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
  assert.equal(problems, [])
})

onPhone.run()
