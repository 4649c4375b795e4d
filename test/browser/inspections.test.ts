import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Page } from 'playwright-core'
import { ApiClient } from '../helpers/app.ts'
import { browserContext, checkPage, expectNoSeriousA11yViolations, noSideways, signIn } from '../helpers/browser.ts'
import { PNG_1X1 } from '../helpers/multipart-form.ts'

const phone = browserContext({ viewport: { width: 375, height: 740 } })
const journey = suite('an auditor inspects the reception desk on a phone', phone)
const it = phone.use(journey)

const saved = (page: Page) => page.getByRole('status').getByText('Đã đồng bộ').waitFor()

it('plans, performs with two failures (one a per-person badge failure), completes, and sees the two findings', async ({ page, baseUrl, problems, app }) => {
  await signIn(page, baseUrl, 'auditor')
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await page.getByRole('link', { name: 'Kiểm tra', exact: true }).click()
  await page.getByRole('heading', { name: 'Kiểm tra', exact: true }).waitFor()
  await noSideways(page, 'inspection list')
  await checkPage(page, 'inspection list')

  // Plan.
  await page.getByRole('link', { name: 'Lập kế hoạch kiểm tra' }).click()
  await page.getByLabel('Danh mục kiểm tra').selectOption({ label: 'Kiểm tra công vụ' })
  assert.is(await page.getByLabel('Đơn vị được kiểm tra').inputValue(), '', 'the unit is chosen, never the whole agency by default')
  await page.getByLabel('Đơn vị được kiểm tra').selectOption({ label: '— — Bộ phận Tiếp nhận và Trả kết quả' })
  await page.getByLabel('Hình thức kiểm tra').selectOption({ label: 'Kiểm tra đột xuất' })
  await page.getByLabel('Căn cứ (kế hoạch, quyết định)').fill('Kế hoạch kiểm tra công vụ năm 2026')
  await noSideways(page, 'plan form')
  await checkPage(page, 'plan form')
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click()
  await page.getByRole('heading', { name: /^Cuộc kiểm tra \d{2}\/\d{4}\/BB-KT$/ }).waitFor()
  await page.getByText('Đã lập kế hoạch').waitFor()
  const number = (await page.getByRole('heading', { name: /^Cuộc kiểm tra / }).textContent())!.replace('Cuộc kiểm tra ', '').trim()

  // Until it starts, the plan can be changed (saved with If-Match).
  await page.getByRole('link', { name: 'Sửa kế hoạch' }).click()
  await page.getByRole('heading', { name: `Sửa kế hoạch kiểm tra ${number}` }).waitFor()
  assert.is(await page.getByLabel('Đơn vị được kiểm tra').inputValue(), await page.getByLabel('Đơn vị được kiểm tra').locator('option', { hasText: 'Bộ phận Tiếp nhận và Trả kết quả' }).getAttribute('value'))
  await page.getByLabel('Địa điểm').fill('Quầy tiếp nhận số 2')
  await page.getByRole('button', { name: 'Lưu kế hoạch' }).click()
  await page.getByText('Quầy tiếp nhận số 2').waitFor()

  // The start page shows it among today's work, Perform one tap away.
  await page.goto(baseUrl)
  const day = page.getByRole('region', { name: 'Việc kiểm tra của tôi' })
  const mine = day.getByRole('listitem').filter({ hasText: number })
  await mine.waitFor()
  await noSideways(page, 'auditor day')

  // Perform: who is present.
  await mine.getByRole('link', { name: 'Thực hiện' }).click()
  await page.getByRole('heading', { name: 'Ai có mặt?' }).waitFor()
  await checkPage(page, 'perform: who is present')
  // Two quick taps: the second must not undo the first while it is being saved.
  await page.getByRole('checkbox', { name: /Phạm Thị Thu/ }).check()
  await page.getByRole('checkbox', { name: /Hoàng Văn Nam/ }).check()
  await page.getByText('Đã trả lời 0/7').waitFor()
  await page.getByRole('button', { name: /Tiếp/ }).click()

  // 1. Working hours, per person: everyone passes.
  await page.getByRole('heading', { name: /Chấp hành thời gian làm việc/ }).waitFor()
  // Focus moved with the step: to the new item's heading, read out by a screen reader.
  assert.match(await page.evaluate(() => {
    let el: Element | null = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    return `${el?.tagName} ${el?.textContent}`
  }), /^H2 .*Chấp hành thời gian làm việc/)
  await checkPage(page, 'perform: an item per person')
  await page.getByRole('button', { name: 'Những người còn lại đều đạt' }).click()
  await page.getByText('Đã trả lời 2/7').waitFor()
  await noSideways(page, 'per-person item')
  await page.getByRole('button', { name: /Tiếp/ }).click()

  // 2. ID badge, per person: Hoàng Văn Nam is not wearing it and is reminded on the spot.
  await page.getByRole('heading', { name: /Đeo thẻ công chức/ }).waitFor()
  // Meanwhile a colleague changes the inspection: the next answer meets a stale version,
  // and the page reloads and applies it again.
  const id = /\/inspections\/([^/]+)\/perform/.exec(page.url())![1]
  const colleague = new ApiClient(app)
  await colleague.login('manager')
  const current = (await colleague.get(`/api/inspections/${id}`)).body
  assert.is((await colleague.patch(`/api/inspections/${id}`, { location: 'Quầy tiếp nhận số 1' }, { ifMatch: current.version })).status, 200)
  await page.getByRole('group', { name: 'Phạm Thị Thu' }).getByRole('button', { name: 'Đạt', exact: true }).click()
  const nam = page.getByRole('group', { name: 'Hoàng Văn Nam' })
  await nam.getByRole('button', { name: 'Không đạt' }).click()
  await nam.getByLabel('Hình thức xử lý').selectOption({ label: 'Nhắc nhở tại chỗ' })
  await nam.getByLabel('Ghi chú').fill('Không đeo thẻ khi tiếp công dân')
  await nam.getByLabel('Ghi chú').blur()
  await page.getByText('Đã trả lời 4/7').waitFor()
  await saved(page)
  const afterConflict = (await colleague.get(`/api/inspections/${id}`)).body
  assert.is(afterConflict.location, 'Quầy tiếp nhận số 1')
  assert.is(afterConflict.responses.filter((r: { itemId: string }) => r.itemId === 'id-badge').length, 2, 'both badge answers were saved after the conflict')
  await page.getByRole('button', { name: /Tiếp/ }).click()

  // 3 and 4 pass.
  await page.getByRole('heading', { name: /Lề lối, tác phong/ }).waitFor()
  await page.getByRole('button', { name: 'Đạt', exact: true }).click()
  await page.getByRole('button', { name: /Tiếp/ }).click()
  await page.getByRole('heading', { name: /Xử lý công việc được giao đúng thời hạn/ }).waitFor()
  await page.getByRole('button', { name: 'Đạt', exact: true }).click()
  await page.getByRole('button', { name: /Tiếp/ }).click()

  // 5. Public posting fails: the fee table is out of date; the photo is required.
  await page.getByRole('heading', { name: /Niêm yết công khai/ }).waitFor()
  await page.getByRole('button', { name: 'Không đạt' }).click()
  await page.getByText('Nội dung không đạt này cần có ảnh minh chứng.').waitFor()
  await page.getByLabel('Ghi chú').fill('Bảng niêm yết phí, lệ phí chưa cập nhật')
  await page.getByLabel('Ghi chú').blur()
  await page.getByLabel('Chụp ảnh').setInputFiles({ name: 'niem-yet.png', mimeType: 'image/png', buffer: PNG_1X1 })
  await page.getByRole('img', { name: 'Ảnh minh chứng' }).waitFor()
  await page.getByText('Nội dung không đạt này cần có ảnh minh chứng.').waitFor({ state: 'detached' })
  await saved(page)
  await noSideways(page, 'unit item with photo')
  await checkPage(page, 'perform: a failed item with its photo')
  await page.getByRole('button', { name: /Tổng hợp/ }).click()

  // Summary, then complete.
  await page.getByRole('heading', { name: 'Tổng hợp' }).waitFor()
  await page.getByRole('heading', { name: 'Không đạt (2)' }).waitFor()
  assert.is(await page.getByText('Còn thiếu').count(), 0, 'nothing is missing')
  await checkPage(page, 'perform: summary')
  await page.getByLabel('Kết luận').fill('Đơn vị cơ bản chấp hành tốt; nhắc nhở 01 trường hợp không đeo thẻ.')
  await page.getByRole('button', { name: 'Hoàn thành kiểm tra' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Hoàn thành kiểm tra' }).click()

  // The inspection now lists its two findings.
  await page.getByRole('heading', { name: 'Phát hiện (2)' }).waitFor()
  await page.getByText('Đã hoàn thành').first().waitFor()
  // The findings table (the results table below it repeats the notes).
  const rows = page.getByRole('table').filter({ hasText: 'Phân loại' }).getByRole('row')
  await rows.filter({ hasText: 'Hoàng Văn Nam' }).filter({ hasText: 'Nhắc nhở tại chỗ' }).waitFor()
  await rows.filter({ hasText: 'Bảng niêm yết phí, lệ phí chưa cập nhật' }).waitFor()
  await noSideways(page, 'completed inspection')
  await checkPage(page, 'completed inspection')

  // And on the findings page.
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await page.getByRole('link', { name: 'Phát hiện', exact: true }).click()
  await page.getByRole('heading', { name: 'Phát hiện', exact: true }).waitFor()
  await page.getByRole('link', { name: /Đeo thẻ công chức, viên chức trong giờ làm việc — Không đeo thẻ khi tiếp công dân/ }).waitFor()
  await page.getByRole('link', { name: /Niêm yết công khai thủ tục hành chính.*Bảng niêm yết phí/ }).waitFor()
  assert.equal(problems, [])
})

it('prints the record of a completed demo inspection', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'manager')
  await page.goto(`${baseUrl}/inspections?status=completed`)
  await page.getByRole('heading', { name: 'Kiểm tra', exact: true }).waitFor()
  await page.getByLabel('Hình thức kiểm tra').selectOption({ label: 'Lồng ghép trong họp giao ban' })
  await page.getByRole('link', { name: /\/2020\/BB-KT/ }).first().click()
  const [record] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'In biên bản' }).click()])
  await record.getByRole('heading', { name: 'BIÊN BẢN KIỂM TRA' }).waitFor()
  await record.getByText('Lồng ghép trong cuộc họp giao ban', { exact: false }).first().waitFor()
  // The HTML record reads on the phone it was opened on: nothing wider than the screen.
  await noSideways(record, 'the HTML record')
  await expectNoSeriousA11yViolations(record, 'the HTML record')
  assert.equal(problems, [])
})

journey.run()
