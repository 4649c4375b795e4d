/**
 * A superseded search is abandoned (issue 15, item 2): typing on after the search has
 * gone out aborts that request (the server then stops its query, see
 * test/api/query-limits.test.ts), and only the latest search fills the list.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, signIn } from '../helpers/browser.ts'

const ctx = browserContext()
const search = suite('a superseded search is aborted', ctx)
const it = ctx.use(search)

it('the earlier search request is aborted when the next one goes out; the list shows the latest', async ({ page, baseUrl }) => {
  await signIn(page, baseUrl, 'manager')
  await page.goto(`${baseUrl}/dossiers`)
  const box = page.getByLabel('Tìm theo mã hồ sơ hoặc người nộp')
  await box.waitFor()
  // The first search is held back, as a slow query on a large database would be.
  const failed: string[] = []
  page.on('requestfailed', (r) => failed.push(`${new URL(r.url()).searchParams.get('q')}: ${r.failure()?.errorText}`))
  let held = 0
  await page.route(/\/api\/dossiers\?.*q=zz(&|$)/, async (route) => {
    held++
    await new Promise((resolve) => setTimeout(resolve, 3000))
    await route.continue().catch(() => {})
  })
  const first = page.waitForRequest((r) => /q=zz(&|$)/.test(r.url()))
  await box.fill('zz')
  await first
  await box.fill('H57')
  await page.waitForResponse((r) => /q=H57(&|$)/.test(r.url()))
  for (let i = 0; i < 50 && !failed.length; i++) await page.waitForTimeout(20)
  assert.is(held, 1)
  assert.equal(failed, ['zz: net::ERR_ABORTED'])
  assert.ok(await page.locator('table tbody tr').count() > 0, 'the latest search is shown')
  await checkPage(page, 'dossier search results')
})

search.run()
