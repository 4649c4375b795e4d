import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ApiClient } from '../helpers/app.ts'
import { browserContext, checkPage, noSideways, openDashboard, signIn } from '../helpers/browser.ts'
import { multipart, pdfFile } from '../helpers/files.ts'

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).first().click()
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
}

interface Item {
  id: string
  code: string
  title: string
  daysLate: number
  link: string
}

/** What the API says waits for `username`, to compare the page with. */
async function inbox(app: FastifyInstance, username: string) {
  const client = new ApiClient(app)
  await client.login(username)
  return (await client.get('/api/my-work')).body as { total: number; groups: Record<string, { count: number; items: (Item & { waitingFor: string })[] }> }
}

const escape = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
const group = (page: Page, name: string) => page.getByRole('region', { name })
const badge = (page: Page) => page.getByRole('link', { name: /^Việc của tôi/ }).getByRole('img')

const ctx = browserContext()
const journey = suite('everyone starts on "Việc của tôi"', ctx)
const it = ctx.use(journey)

it('staff land on it, see their overdue action with the days late, and open it in one tap', async ({ page, baseUrl, app, problems }) => {
  const expected = await inbox(app, 'staff')
  const action = expected.groups.actions.items[0]
  assert.ok(action && action.daysLate > 0, 'the demo has an action of staff overdue since 2020')

  await signIn(page, baseUrl, 'staff')
  assert.is(new URL(page.url()).pathname, '/')
  // The count shows in the navigation.
  assert.is(await badge(page).getAttribute('aria-label'), `${expected.total} việc đang chờ`)
  await page.getByRole('status').filter({ hasText: `${expected.total} việc đang chờ bạn` }).waitFor()

  const actions = group(page, 'Hành động khắc phục của tôi')
  const row = actions.getByRole('link', { name: escape(action.code) })
  await row.getByText(`Quá hạn ${action.daysLate} ngày`).waitFor()
  assert.match(await row.innerText(), /Hạn \d\d\/\d\d\/\d{4}/)
  // Staff take no NC step, approve nothing and handle no dossier of their own unit here.
  assert.is(await group(page, 'Sự không phù hợp chờ tôi xử lý').count(), 0)
  assert.is(await group(page, 'Tài liệu chờ tôi xem xét, phê duyệt').count(), 0)
  // No dashboard button for those who do not read reports.
  assert.is(await page.getByRole('link', { name: 'Tổng quan →' }).count(), 0)
  await checkPage(page, 'my work of staff')

  await row.click()
  await page.waitForURL(`${baseUrl}${action.link}`)
  await page.getByText(action.title).first().waitFor()
  await checkPage(page, 'corrective action page')
  assert.equal(problems, [])
})

it('a head of unit sees an NC waiting for analysis and opens it; the dashboard is one click away for a manager', async ({ page, baseUrl, app, problems }) => {
  const expected = await inbox(app, 'head')
  const nc = expected.groups.nonconformities.items.find((i) => i.waitingFor === 'analysis')
  assert.ok(nc, 'the demo has an NC of the Office waiting for analysis')

  await signIn(page, baseUrl, 'head')
  const ncs = group(page, 'Sự không phù hợp chờ tôi xử lý')
  const row = ncs.getByRole('link', { name: escape(nc!.code) })
  await row.getByText('Chờ phân tích nguyên nhân').waitFor()
  await row.click()
  await page.getByRole('heading', { name: nc!.title }).waitFor()
  assert.is(new URL(page.url()).pathname, nc!.link)

  // Back home through the navigation; the head reads reports, so the dashboard is a click away.
  await page.getByRole('link', { name: /^Việc của tôi/ }).click()
  await page.getByRole('heading', { name: 'Việc của tôi' }).waitFor()
  await page.getByRole('link', { name: 'Tổng quan →' }).click()
  await page.getByRole('heading', { name: 'Tổng quan' }).waitFor()
  assert.equal(problems, [])
})

it('a manager finds a revision waiting for approval and the dashboard in the navigation', async ({ page, baseUrl, app, problems }) => {
  const expected = await inbox(app, 'manager')
  const revision = expected.groups.revisions.items[0]
  assert.ok(revision, 'the demo has a revision reviewed and waiting for approval')
  await signIn(page, baseUrl, 'manager')
  const row = group(page, 'Tài liệu chờ tôi xem xét, phê duyệt').getByRole('link', { name: escape(revision.title) })
  await row.getByText('Chờ bạn phê duyệt').waitFor()
  await openDashboard(page)
  await page.locator('a.tile').first().waitFor()
  assert.equal(problems, [])
})

it('a revision travels through the inboxes: the drafter submits, the reviewer finds it and signs, the approver finds it next', async ({ page, baseUrl, app, problems }) => {
  // The head of the Office has a draft of a new procedure.
  const head = new ApiClient(app)
  await head.login('head')
  const units = (await head.get('/api/org-units?q=VP&limit=50')).body.items as { id: string; code: string }[]
  const title = 'Quy trình luân chuyển hộp việc'
  const doc = await head.post('/api/documents', { code: 'QT-HV/BQL', title, type: 'procedure', owningUnitId: units.find((u) => u.code === 'VP')!.id })
  assert.is(doc.status, 201, doc.text)
  const form = multipart({ changeSummary: 'Ban hành lần đầu' }, { name: 'qt-hv.pdf', type: 'application/pdf', bytes: pdfFile('hop viec') })
  assert.is((await head.post(`/api/documents/${doc.body.id}/revisions`, form.body, { headers: form.headers })).status, 201)
  const revisions = () => page.getByRole('region', { name: 'Tài liệu chờ tôi xem xét, phê duyệt' })
  const issue = page.getByRole('region', { name: 'Lần ban hành 1', exact: true })

  await signIn(page, baseUrl, 'head')
  await page.goto(`${baseUrl}/documents/${doc.body.id}`)
  await issue.getByRole('button', { name: 'Trình xem xét' }).click()
  await issue.getByLabel('Người xem xét').selectOption({ label: 'Trần Thị Lan — Chuyên viên, kiểm tra viên nội bộ' })
  await issue.getByRole('button', { name: 'Gửi người xem xét' }).click()
  await issue.getByText('Đang xem xét', { exact: true }).waitFor()
  await signOut(page)

  await signIn(page, baseUrl, 'auditor')
  const toReview = revisions().getByRole('link', { name: escape(title) })
  await toReview.getByText('Chờ bạn xem xét').waitFor()
  await toReview.click()
  await issue.getByRole('button', { name: 'Xem xét', exact: true }).click()
  await issue.getByLabel('Ý kiến').fill('Nội dung phù hợp')
  await issue.getByRole('button', { name: 'Ký xem xét' }).click()
  await issue.getByText('Đã xem xét nội dung và thấy phù hợp').waitFor()
  // Signed: it leaves the reviewer's inbox.
  await page.getByRole('link', { name: /^Việc của tôi/ }).click()
  await page.getByRole('heading', { name: 'Việc của tôi' }).waitFor()
  assert.is(await page.getByRole('link', { name: escape(title) }).count(), 0)
  await signOut(page)

  await signIn(page, baseUrl, 'manager')
  const toApprove = revisions().getByRole('link', { name: escape(title) })
  await toApprove.getByText('Chờ bạn phê duyệt').waitFor()
  // The hand-off reached the approver as a notification too, worded in Vietnamese.
  const approver = new ApiClient(app)
  await approver.login('manager')
  const told = (await approver.get('/api/notifications?limit=20')).body.items as { kind: string; params: { code?: string } }[]
  assert.ok(told.some((n) => n.kind === 'document.approval_requested' && n.params.code === 'QT-HV/BQL'))
  assert.equal(problems, [])
})

it('a person chooses which notifications reach them by mail', async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'head')
  await page.goto(`${baseUrl}/notifications`)
  await page.getByRole('link', { name: 'Thông báo nào gửi qua thư điện tử' }).waitFor()
  await checkPage(page, 'notifications')
  await page.getByRole('link', { name: 'Thông báo nào gửi qua thư điện tử' }).click()
  await page.getByRole('heading', { name: 'Thông báo qua thư điện tử' }).waitFor()
  const reminders = page.getByRole('group', { name: 'Nhắc việc' })
  assert.ok(await reminders.getByLabel('Gộp vào bản tổng hợp hằng ngày (07:00)').isChecked(), 'reminders go in the digest by default')
  await checkPage(page, 'mail preferences')
  await reminders.getByLabel('Không gửi thư (chỉ xem trong ứng dụng)').check()
  await page.getByLabel('Ngôn ngữ của thư').selectOption('en')
  await page.getByRole('button', { name: 'Lưu' }).click()
  await page.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor()
  await page.reload()
  await page.getByRole('heading', { name: 'Thông báo qua thư điện tử' }).waitFor()
  assert.ok(await page.getByRole('group', { name: 'Nhắc việc' }).getByLabel('Không gửi thư (chỉ xem trong ứng dụng)').isChecked(), 'kept by the server')
  assert.is(await page.getByLabel('Ngôn ngữ của thư').inputValue(), 'en')
  assert.equal(problems, [])
})

journey.run()

const phone = browserContext({ viewport: { width: 375, height: 740 } })
const onPhone = suite('"Việc của tôi" on a 375 px phone', phone)
const itPhone = phone.use(onPhone)

itPhone('fits the screen, with dates as dd/MM/yyyy; the menu shows the count', async ({ page, baseUrl, app, problems }) => {
  const expected = await inbox(app, 'head')
  await signIn(page, baseUrl, 'head')
  await page.getByRole('region', { name: /Sự không phù hợp chờ tôi xử lý/ }).waitFor()
  await noSideways(page, 'my work on a phone')
  const text = (await page.locator('qms-my-work-page li').allInnerTexts()).join('\n')
  assert.match(text, /Hạn \d\d\/\d\d\/\d{4}/)
  assert.not.match(text, /\d{4}-\d\d-\d\d/)
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await checkPage(page, 'my work on a phone, menu open')
  assert.is(await badge(page).getAttribute('aria-label'), `${expected.total} việc đang chờ`)
  assert.equal(problems, [])
})

onPhone.run()
