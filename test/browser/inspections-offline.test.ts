/**
 * Performing an inspection with no network (issue 13): the work is kept on the phone,
 * answers, a photo and the completion are saved on the device and synced once online —
 * each exactly once; two devices that answered the same item differently see the
 * conflict, and the one that reconnects second chooses which answer stays.
 */
import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ApiClient } from '../helpers/app.ts'
import { browserContext, checkPage, noSideways, signIn } from '../helpers/browser.ts'
import { PNG_1X1 } from '../helpers/multipart-form.ts'

const phone = browserContext({ viewport: { width: 375, height: 812 }, serviceWorkers: true })
const offline = suite('an auditor inspects the reception desk with no network', phone)
const it = phone.use(offline)

const offlineNoise = (problems: string[]) => problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|ERR_NAME_NOT_RESOLVED|status of 409/.test(p))

async function untilControlled(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }))
    }
  })
}

async function client(app: FastifyInstance, username: string) {
  const c = new ApiClient(app)
  assert.is((await c.login(username)).status, 200)
  return c
}

/** Plans "Kiểm tra công vụ" at the reception desk (TNTKQ) for today, with staff and hoang.van.nam present. */
async function planReception(app: FastifyInstance, team: string[] = []) {
  const admin = await client(app, 'admin')
  const userId = async (username: string) => (await admin.get(`/api/users?q=${encodeURIComponent(username)}&limit=500`)).body.items.find((u: { username: string }) => u.username === username).id as string
  const units = (await admin.get('/api/org-units?q=TNTKQ&limit=500')).body.items
  const templates = (await admin.get(`/api/checklist-templates?q=${encodeURIComponent('Kiểm tra công vụ')}`)).body.items
  const auditor = await client(app, 'auditor')
  const res = await auditor.post('/api/inspections', {
    templateId: templates.find((t: { name: string }) => t.name === 'Kiểm tra công vụ').id,
    orgUnitId: units.find((u: { code: string }) => u.code === 'TNTKQ').id,
    kind: 'internal',
    plannedFor: new Date().toISOString().slice(0, 10),
    personIds: [await userId('staff'), await userId('hoang.van.nam')],
    teamIds: await Promise.all(team.map(userId)),
  })
  assert.is(res.status, 201, res.text)
  return { inspection: res.body, auditor, userId }
}

const status = (page: Page) => page.getByRole('status')
const next = (page: Page) => page.getByRole('button', { name: /Tiếp|Tổng hợp/ }).click()

it('answers, takes a photo, reloads and completes offline; once online the server holds each answer once and one finding', async ({ page, context, baseUrl, app, problems }) => {
  await signIn(page, baseUrl, 'auditor')
  await untilControlled(page)
  const { inspection, auditor, userId } = await planReception(app)

  // The list keeps the auditor's coming work on the phone.
  await page.goto(`${baseUrl}/inspections`)
  const row = page.getByRole('row').filter({ hasText: inspection.number })
  await row.getByText('Sẵn sàng ngoại tuyến').waitFor()

  await page.goto(`${baseUrl}/inspections/${inspection.id}/perform`)
  await page.getByRole('heading', { name: 'Ai có mặt?' }).waitFor()
  await status(page).getByText('Đã đồng bộ').waitFor()

  await context.setOffline(true)
  await next(page)
  await page.getByRole('heading', { name: /Chấp hành thời gian làm việc/ }).waitFor()
  await page.getByRole('button', { name: 'Những người còn lại đều đạt' }).click()
  await page.getByText('Đã trả lời 2/7').waitFor()
  await next(page)

  // The ID badge: Hoàng Văn Nam fails, with a note, a handling and a photo.
  await page.getByRole('heading', { name: /Đeo thẻ công chức/ }).waitFor()
  await page.getByRole('group', { name: 'Phạm Thị Thu' }).getByRole('button', { name: 'Đạt', exact: true }).click()
  const nam = page.getByRole('group', { name: 'Hoàng Văn Nam' })
  await nam.getByRole('button', { name: 'Không đạt' }).click()
  await nam.getByLabel('Hình thức xử lý').selectOption({ label: 'Nhắc nhở tại chỗ' })
  await nam.getByLabel('Ghi chú').fill('Không đeo thẻ khi tiếp công dân')
  await nam.getByLabel('Ghi chú').blur()
  await nam.getByLabel('Chụp ảnh').setInputFiles({ name: 'the.png', mimeType: 'image/png', buffer: PNG_1X1 })
  await nam.getByRole('img', { name: 'Ảnh minh chứng' }).waitFor()
  await page.getByText('Đã trả lời 4/7').waitFor()
  await status(page).getByText(/^Đã lưu trên máy, chờ đồng bộ \(\d+\)$/).waitFor()
  assert.is(await status(page).getByText('Đã đồng bộ').count(), 0, 'nothing is called synced while the outbox holds changes')

  // Reload with no network: the app, the page and the answers are still there.
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.type())
    void d.accept()
  })
  await page.reload()
  await page.getByRole('heading', { name: 'Ai có mặt?' }).waitFor()
  await page.getByText('Ngoại tuyến', { exact: true }).waitFor()
  await page.getByText('Đã trả lời 4/7').waitFor()
  await status(page).getByText(/^Đã lưu trên máy, chờ đồng bộ/).waitFor()
  assert.ok(dialogs.includes('beforeunload'), 'leaving with unsynced changes warns first')
  await checkPage(page, 'perform, reloaded offline')
  await next(page)
  await next(page)
  await page.getByRole('heading', { name: /Đeo thẻ công chức/ }).waitFor()
  const namAgain = page.getByRole('group', { name: 'Hoàng Văn Nam' })
  assert.is(await namAgain.getByRole('button', { name: 'Không đạt' }).getAttribute('aria-pressed'), 'true')
  await namAgain.getByRole('img', { name: 'Ảnh minh chứng' }).waitFor()
  await next(page)

  for (const heading of [/Lề lối, tác phong/, /Xử lý công việc được giao đúng thời hạn/, /Niêm yết công khai/]) {
    await page.getByRole('heading', { name: heading }).waitFor()
    await page.getByRole('button', { name: 'Đạt', exact: true }).click()
    await next(page)
  }
  await page.getByRole('heading', { name: 'Không đạt (1)' }).waitFor()
  assert.is(await page.getByText('Còn thiếu').count(), 0, 'nothing is missing')
  await page.getByLabel('Kết luận').fill('Nhắc nhở 01 trường hợp không đeo thẻ.')
  await page.getByRole('button', { name: 'Hoàn thành kiểm tra' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Hoàn thành kiểm tra' }).click()
  await page.getByText('Việc hoàn thành đã lưu trên máy').waitFor()
  await status(page).getByText(/^Đã lưu trên máy, chờ đồng bộ/).waitFor()

  // Still offline, the record is signed on the screen: the lead draws, the representative refuses.
  const signing = page.getByRole('region', { name: 'Ký biên bản' })
  const pad = signing.getByRole('img', { name: 'Ô ký: ký bằng ngón tay' }).last()
  await pad.scrollIntoViewIfNeeded()
  const box = (await pad.boundingBox())!
  await page.mouse.move(box.x + 20, box.y + 40)
  await page.mouse.down()
  for (const [dx, dy] of [[60, 90], [110, 30], [170, 100], [230, 50]]) await page.mouse.move(box.x + dx, box.y + dy, { steps: 5 })
  await page.mouse.up()
  await signing.getByRole('button', { name: 'Ký', exact: true }).last().click()
  await signing.getByLabel('Người đại diện từ chối ký').check()
  await signing.getByLabel('Họ tên người ký').first().fill('Phạm Thị Thu')
  await signing.getByLabel('Lý do từ chối ký').fill('Chưa thống nhất nội dung số 2')
  await signing.getByRole('button', { name: 'Ghi nhận từ chối ký' }).click()
  await signing.getByText('Đã lưu trên máy, chờ đồng bộ').first().waitFor()
  await noSideways(page, 'signing offline')
  await checkPage(page, 'signing offline')

  // Back online: everything reaches the server, once.
  await context.setOffline(false)
  await status(page).getByText('Đã đồng bộ').waitFor({ timeout: 45_000 })
  const held = (await auditor.get(`/api/inspections/${inspection.id}`)).body
  assert.is(held.status, 'completed')
  assert.is(held.responses.length, 7, 'each answer once')
  assert.is(new Set(held.responses.map((r: { itemId: string; personId: string | null }) => `${r.itemId}|${r.personId}`)).size, 7)
  const namId = await userId('hoang.van.nam')
  const badge = held.responses.find((r: { personId: string | null; result: string }) => r.personId === namId && r.result === 'fail')
  assert.ok(badge, "Nam's badge failure is held")
  assert.is(badge.note, 'Không đeo thẻ khi tiếp công dân')
  assert.is(badge.handling, 'on_spot_reminder')
  assert.is(badge.attachments.length, 1, 'the photo, once')
  assert.is(held.responses.filter((r: { result: string }) => r.result === 'fail').length, 1)
  assert.is(held.findings.length, 1, 'one finding per failure')
  assert.is(held.conclusion, 'Nhắc nhở 01 trường hợp không đeo thẻ.')
  const signatures = Object.fromEntries(held.signatures.map((x: { role: string }) => [x.role, x]))
  assert.ok(signatures.lead_inspector?.attachmentId, 'the lead signed with a drawing')
  assert.equal([signatures.unit_representative?.signerName, signatures.unit_representative?.refusalReason], ['Phạm Thị Thu', 'Chưa thống nhất nội dung số 2'])
  const record = (await auditor.get(`/api/inspections/${inspection.id}/record?format=html`)).text
  assert.ok(record.includes('Phạm Thị Thu từ chối ký'), 'the refusal prints in the record')
  assert.equal(offlineNoise(problems), [])
})

it('two devices answer the same item differently offline: the second to reconnect sees both and keeps its own', async ({ page, context, baseUrl, app, problems }) => {
  const { inspection, auditor, userId } = await planReception(app, ['manager'])
  const other = await context.browser()!.newContext({ viewport: { width: 375, height: 812 }, locale: 'vi-VN' })
  try {
    const second = await other.newPage()
    await signIn(page, baseUrl, 'auditor')
    await signIn(second, baseUrl, 'manager')
    for (const p of [page, second]) {
      await p.goto(`${baseUrl}/inspections/${inspection.id}/perform`)
      await p.getByRole('heading', { name: 'Ai có mặt?' }).waitFor()
      await status(p).getByText('Đã đồng bộ').waitFor()
    }
    await context.setOffline(true)
    await other.setOffline(true)
    for (const [p, answer] of [
      [page, 'Đạt'],
      [second, 'Không đạt'],
    ] as const) {
      await next(p)
      await next(p)
      await next(p)
      await p.getByRole('heading', { name: /Lề lối, tác phong/ }).waitFor()
      await p.getByRole('button', { name: answer, exact: true }).click()
      await status(p).getByText('Đã lưu trên máy, chờ đồng bộ (1)').waitFor()
    }

    await context.setOffline(false)
    await status(page).getByText('Đã đồng bộ').waitFor({ timeout: 45_000 })

    await other.setOffline(false)
    const conflict = second.getByRole('alert', { name: 'Câu trả lời xung đột' })
    await conflict.waitFor({ timeout: 45_000 })
    await conflict.getByRole('heading', { name: 'Của bạn' }).waitFor()
    const auditorName = (await auditor.get('/api/auth/me')).body.user.fullName
    await conflict.getByRole('heading', { name: `Của ${auditorName}` }).waitFor()
    await conflict.getByText('Không đạt').waitFor()
    await conflict.getByText('Đạt', { exact: true }).waitFor()
    await checkPage(second, 'conflicting answers')
    await conflict.getByRole('button', { name: 'Giữ của bạn' }).click()
    await conflict.waitFor({ state: 'detached' })
    await status(second).getByText('Đã đồng bộ').waitFor({ timeout: 45_000 })

    const held = (await auditor.get(`/api/inspections/${inspection.id}`)).body
    const item = held.items.find((i: { text: string }) => /Lề lối, tác phong/.test(i.text))
    const answers = held.responses.filter((r: { itemId: string }) => r.itemId === item.id)
    assert.is(answers.length, 1)
    assert.is(answers[0].result, 'fail', "the second device's answer is held")
    assert.is(answers[0].answeredById, await userId('manager'))
    assert.equal(offlineNoise(problems), [])
  } finally {
    await other.close()
  }
})

offline.run()
