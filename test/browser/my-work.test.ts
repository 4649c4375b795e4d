import type { FastifyInstance } from 'fastify'
import type { Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ApiClient } from '../helpers/app.ts'
import { browserContext, noSideways, openDashboard, signIn } from '../helpers/browser.ts'

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

  await row.click()
  await page.waitForURL(`${baseUrl}${action.link}`)
  await page.getByText(action.title).first().waitFor()
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
  assert.is(await badge(page).getAttribute('aria-label'), `${expected.total} việc đang chờ`)
  assert.equal(problems, [])
})

onPhone.run()
