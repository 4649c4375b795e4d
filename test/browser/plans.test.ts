import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, noSideways, signIn } from '../helpers/browser.ts'
import { pngFile } from '../helpers/files.ts'

const ctx = browserContext({ viewport: { width: 375, height: 740 } })
const journey = suite('a head of unit reports progress on his unit’s reform task, with evidence', ctx)
const it = ctx.use(journey)

it('on a phone: from the menu to plan 04/KH-BQL, the overdue civil-service task, marked done with a photo and a QMS document', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'head')
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await page.getByRole('link', { name: 'Kế hoạch CCHC', exact: true }).click()
  await page.getByRole('heading', { name: 'Kế hoạch cải cách hành chính' }).waitFor()
  await checkPage(page, 'plan list')
  await page.getByRole('link', { name: 'Kế hoạch số 04/KH-BQL ngày 06/01/2020' }).click()
  await page.getByText('Kế hoạch số 424/KH-UBND ngày 16/12/2019 của Ủy ban nhân dân tỉnh').waitFor()
  await page.getByRole('heading', { name: 'Theo lĩnh vực cải cách' }).waitFor()
  await page.getByTestId('plan-task').first().waitFor()
  await noSideways(page, 'plan page')
  await checkPage(page, 'plan page')

  // The head's tasks of one area, overdue only.
  await page.locator('qms-plan-task-list').getByLabel('Lĩnh vực cải cách').selectOption({ label: 'Cải cách chế độ công vụ' })
  await page.locator('qms-plan-task-list').getByLabel('Quá hạn').check()
  const task = page.getByTestId('plan-task').filter({ hasText: 'Kiểm tra công vụ: chấp hành' })
  await task.waitFor()
  assert.match(await task.innerText(), /Quá hạn/)
  assert.match(await task.innerText(), /thời hạn 15\/05\/2020/)
  await task.getByRole('link').click()

  await page.getByRole('heading', { name: 'Nhiệm vụ 8 của Kế hoạch 04/KH-BQL' }).waitFor()
  await page.getByRole('heading', { name: 'Báo cáo tiến độ', exact: true }).waitFor()
  await noSideways(page, 'task page')
  await checkPage(page, 'task page')
  // A report needs what was done.
  await page.getByRole('button', { name: 'Lưu tiến độ' }).click()
  await page.locator('qms-plan-task-progress .error').first().waitFor()

  await page.getByLabel('Trạng thái').selectOption({ label: 'Hoàn thành' })
  await page.getByLabel('Kết quả thực hiện').fill('Đã kiểm tra công vụ tại các phòng; 02 công chức chưa đeo thẻ, nhắc nhở tại chỗ.')
  await page.getByLabel('Tệp (ảnh, bản scan PDF)').setInputFiles({ name: 'bien-ban.png', mimeType: 'image/png', buffer: pngFile() })
  const documents = page.getByLabel('Tài liệu hệ thống quản lý chất lượng')
  const firstDocument = (await documents.locator('option').nth(1).textContent())!.trim()
  await documents.selectOption({ index: 1 })
  await page.getByRole('button', { name: 'Lưu tiến độ' }).click()

  // Marked done long after 15/05/2020: done late, derived by the server.
  await page.getByTestId('task-status').filter({ hasText: 'Hoàn thành trễ hạn' }).waitFor()
  const latest = page.getByTestId('task-update').first()
  assert.match(await latest.innerText(), /02 công chức chưa đeo thẻ/)
  assert.match(await latest.innerText(), /Đang thực hiện → Hoàn thành trễ hạn/)
  await latest.getByRole('link', { name: 'tệp 1' }).waitFor()
  await latest.getByRole('link', { name: firstDocument }).waitFor()
  await noSideways(page, 'task page after the report')

  // The same page in English.
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await page.locator('nav#main-nav').getByRole('button', { name: 'English' }).click()
  await page.getByRole('heading', { name: 'Task 8 of plan 04/KH-BQL' }).waitFor()
  await page.getByTestId('task-status').filter({ hasText: 'Done late' }).waitFor()

  // A nonconformity raised from the task leads back to it.
  await page.getByRole('button', { name: 'Raise a nonconformity' }).click()
  await page.waitForURL(/\/nonconformities\/[0-9a-f-]+$/)
  await page.getByRole('link', { name: 'Open the plan task' }).click()
  await page.getByRole('heading', { name: 'Task 8 of plan 04/KH-BQL' }).waitFor()
  await page.getByRole('link', { name: '← The plan' }).waitFor()
  assert.match(await page.getByRole('link', { name: '← The plan' }).getAttribute('href') ?? '', /^\/plans\/[0-9a-f-]+$/)
  assert.equal(problems, [])
})

journey.run()
