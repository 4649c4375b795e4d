import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Page } from 'playwright-core'
import { browserContext, checkPage, signIn } from '../helpers/browser.ts'

const phone = browserContext({ viewport: { width: 375, height: 740 } })
const journey = suite('an auditor writes a checklist on a phone', phone)
const it = phone.use(journey)

async function noSideways(page: Page, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `${where}: the page is wider than the phone by ${overflow}px`)
}

const criterion = (page: Page, n: number) => page.getByRole('group', { name: `Nội dung ${n}`, exact: true })
const clausePicker = (group: ReturnType<typeof criterion>) => group.getByRole('combobox', { name: 'Điều khoản ISO 9001' })

it('creates a checklist with two criteria, finds no clause 3.9 and picks clauses, reorders, saves, then edits it; inspections can be planned with it', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'auditor')
  await page.goto(`${baseUrl}/checklist-templates`)
  await page.getByRole('link', { name: 'Thêm danh mục' }).click()
  await page.getByRole('heading', { name: 'Danh mục kiểm tra mới' }).waitFor()
  await page.getByLabel('Tên danh mục').fill('Kiểm tra niêm yết TTHC')

  const first = criterion(page, 1)
  await first.getByLabel('Nội dung cần kiểm tra').fill('Niêm yết đầy đủ thủ tục hành chính tại Bộ phận Một cửa')
  await first.getByLabel('Nhóm tiêu chí').selectOption({ label: 'Niêm yết công khai' })
  await clausePicker(first).fill('7.5.3')
  await clausePicker(first).press('Enter')
  await first.getByRole('button', { name: 'Bỏ điều khoản 7.5.3' }).waitFor()

  await page.getByRole('button', { name: 'Thêm nội dung kiểm tra' }).click()
  const second = criterion(page, 2)
  await second.getByLabel('Nội dung cần kiểm tra').fill('Hình thức niêm yết')
  await second.getByLabel('Cách đánh giá').selectOption({ label: 'Lựa chọn' })
  await second.getByLabel('Các lựa chọn, mỗi dòng một lựa chọn').fill('Bảng niêm yết\nMàn hình điện tử\nCả hai')
  // Only clauses of the standard can be chosen; words find them too.
  await clausePicker(second).fill('3.9')
  await second.getByText('Không có điều khoản nào khớp.').waitFor()
  await clausePicker(second).fill('moi truong')
  await second.getByRole('option', { name: /^7\.1\.4/ }).click()
  await second.getByRole('button', { name: 'Bỏ điều khoản 7.1.4' }).waitFor()
  await noSideways(page, 'checklist editor')
  await checkPage(page, 'checklist editor')
  await page.getByRole('button', { name: 'Chuyển nội dung 2 lên' }).click()
  assert.is(await criterion(page, 1).getByLabel('Nội dung cần kiểm tra').inputValue(), 'Hình thức niêm yết')
  await page.getByRole('button', { name: 'Lưu' }).click()

  // Back on the list, in the order saved.
  await page.getByRole('heading', { name: 'Danh mục kiểm tra', exact: true }).waitFor()
  const card = page.locator('details', { hasText: 'Kiểm tra niêm yết TTHC' })
  await card.locator('summary').click()
  await card.getByText('Phiên bản 1 · 2 nội dung').waitFor()
  await checkPage(page, 'checklist list')
  const rows = card.locator('tbody tr')
  assert.match(await rows.nth(0).innerText(), /Hình thức niêm yết[\s\S]*ISO 7\.1\.4/)
  assert.match(await rows.nth(1).innerText(), /Niêm yết đầy đủ thủ tục hành chính[\s\S]*ISO 7\.5\.3/)

  // Edit: a criterion goes, the name changes.
  await card.getByRole('link', { name: 'Sửa Kiểm tra niêm yết TTHC' }).click()
  await page.getByRole('heading', { name: 'Sửa danh mục kiểm tra' }).waitFor()
  assert.is(await page.getByRole('group').count(), 2)
  await page.getByRole('button', { name: 'Xóa nội dung 1' }).click()
  await page.getByLabel('Tên danh mục').fill('Kiểm tra niêm yết thủ tục hành chính')
  await page.getByRole('button', { name: 'Lưu' }).click()
  const renamed = page.locator('details', { hasText: 'Kiểm tra niêm yết thủ tục hành chính' })
  await renamed.getByText('Phiên bản 1 · 1 nội dung').waitFor()

  // Planning an inspection offers it.
  await page.goto(`${baseUrl}/inspections/new`)
  await page.getByLabel('Danh mục kiểm tra').locator('option', { hasText: 'Kiểm tra niêm yết thủ tục hành chính' }).waitFor({ state: 'attached' })
  assert.equal(problems, [])
})

it('a checklist that inspections use says its change will be a new revision', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'auditor')
  await page.goto(`${baseUrl}/checklist-templates`)
  const card = page.locator('details', { hasText: 'Kiểm tra công vụ' }).first()
  await card.locator('summary').click()
  await card.getByRole('link', { name: /^Sửa / }).click()
  await page.getByText(/Các cuộc kiểm tra đã dùng phiên bản 1: nội dung được sửa sẽ thành phiên bản 2/).waitFor()
  assert.ok((await page.getByRole('group').count()) > 3, 'its criteria are loaded for editing')
  await checkPage(page, 'checklist in use, editor')
  assert.equal(problems, [])
})

it('staff may read checklists but not change them', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'staff')
  await page.goto(`${baseUrl}/checklist-templates`)
  await page.getByRole('heading', { name: 'Danh mục kiểm tra', exact: true }).waitFor()
  await page.locator('details').first().waitFor()
  assert.is(await page.getByRole('link', { name: 'Thêm danh mục' }).count(), 0)
  assert.is(await page.getByRole('link', { name: /^Sửa / }).count(), 0)
  assert.equal(problems, [])
})

journey.run()
