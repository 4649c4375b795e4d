/**
 * Browser tests: the real server on a real database, serving the built web app, driven
 * by Debian's Chromium through playwright-core. Without Chromium the tests are skipped
 * with one line saying so; REQUIRE_BROWSER=1 (set by .ci/run) makes that a failure.
 *
 *   const ctx = browserContext()
 *   const journey = suite('admin manages users', ctx)
 *   const it = ctx.use(journey)
 *   it('creates a user', async ({ page, baseUrl }) => { … })
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { Test } from 'uvu'
import * as assert from 'uvu/assert'
import type { DbHandle } from '../../db/client.ts'
import { buildApp } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import { UNHURRIED } from './unhurried.ts'
import { createTestDatabase, type Seed } from './database.ts'
import { browserAvailable, CHROMIUM } from './browser-host.ts'
import { builtWebRoot } from './web-build.ts'

export { browserAvailable, CHROMIUM }
const required = process.env.REQUIRE_BROWSER === '1'

let browser: Promise<Browser> | undefined
function launchBrowser(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine has no route out: keep Chromium from trying to phone home.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  })
  return browser
}

export async function closeBrowser() {
  if (browser) await (await browser).close()
  browser = undefined
}

export interface BrowserTestContext {
  baseUrl: string
  page: Page
  context: BrowserContext
  app: FastifyInstance
  handle: DbHandle
  /** The folder the server serves the built web app from. */
  webRoot: string
  /** Console errors, failed requests and page errors seen during the test (CSP violations included). */
  problems: string[]
}

export interface BrowserOptions {
  seed?: Seed
  viewport?: { width: number; height: number }
  /** Serve a private copy of the built web app, which the file's tests may change (e.g. a new sw.js). */
  privateWebRoot?: boolean
  /**
   * Let the app's service worker run (the offline tests). Other journeys block it: it
   * would precache the whole app again in every fresh browser context, costing each
   * test time and nothing they check.
   */
  serviceWorkers?: boolean
}

export function browserContext(options: BrowserOptions = {}) {
  const ctx = { problems: [] as string[] } as BrowserTestContext & { use<T>(suite: Test<T>): Test<T> }
  let started: Promise<void> | undefined

  async function start() {
    const [built, handle] = await Promise.all([builtWebRoot(), createTestDatabase(options.seed ?? 'demo')])
    let root = built
    if (options.privateWebRoot) {
      root = mkdtempSync(path.join(tmpdir(), 'qms-web-copy-'))
      cpSync(built, root, { recursive: true })
    }
    const config = { ...loadConfig({}), ...UNHURRIED, webRoot: root }
    const app = await buildApp({ db: handle.db, engine: handle.engine, config, logger: false, backup: handle.backup })
    // Requests the server is still answering, for the report of a file stopped because it hung.
    const inFlight = new Map<object, string>()
    // The server's side of a 5xx the page saw (it logs nothing here): what broke, and where.
    const failures = new WeakMap<object, Error>()
    app.addHook('onRequest', async (request) => void inFlight.set(request, `${request.method} ${request.url} since ${new Date().toISOString()}`))
    app.addHook('onRequestAbort', async (request) => void inFlight.delete(request))
    app.addHook('onError', async (request, _reply, error) => void failures.set(request, error))
    app.addHook('onResponse', async (request, reply) => {
      inFlight.delete(request)
      if (reply.statusCode < 500) return
      const error = failures.get(request)
      ctx.problems.push(`server: ${reply.statusCode} ${request.method} ${request.url}: ${error?.stack ?? 'no error thrown'}${error?.cause ? `\ncause: ${(error.cause as Error).stack ?? String(error.cause)}` : ''}`)
    })
    ;(globalThis as { __qmsInFlight?: () => string[] }).__qmsInFlight = () => [...inFlight.values()]
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    Object.assign(ctx, { app, handle, webRoot: root, baseUrl: `http://127.0.0.1:${port}` })
    await launchBrowser()
  }

  ctx.use = <T>(suite: Test<T>): Test<T> => {
    if (!browserAvailable) {
      if (required) {
        const fail = ((name: string) =>
          suite(name, () => {
            throw new Error(`Chromium is required (REQUIRE_BROWSER=1) but was not found at ${CHROMIUM}.`)
          })) as unknown as Test<T>
        return fail
      }
      return suite.skip as unknown as Test<T>
    }
    suite.before(async () => {
      started ??= start().catch((err) => {
        console.error('browser test set-up failed:', err)
        throw err
      })
      await started
    })
    suite.before.each(async () => {
      const named = ctx as unknown as { __suite__?: string; __test__?: string }
      ;(globalThis as { __qmsCurrentTest?: string }).__qmsCurrentTest = `${named.__suite__} › ${named.__test__} (started ${new Date().toISOString()})`
      ctx.problems = []
      ctx.context = await (await launchBrowser()).newContext({
        viewport: options.viewport ?? { width: 1280, height: 800 },
        locale: 'vi-VN',
        // Not the agency's zone: pages must show and take times in the agency's zone regardless.
        timezoneId: 'America/New_York',
        serviceWorkers: options.serviceWorkers ? 'allow' : 'block',
      })
      ctx.page = await ctx.context.newPage()
      ctx.page.on('console', (m) => {
        if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) ctx.problems.push(`console: ${m.text()}`)
      })
      ctx.page.on('pageerror', (e) => ctx.problems.push(`page error: ${e.message}`))
    })
    suite.after.each(async () => {
      await ctx.context?.close()
    })
    suite.after(async () => {
      await ctx.app?.close()
      await ctx.handle?.close()
      if (options.privateWebRoot && ctx.webRoot) rmSync(ctx.webRoot, { recursive: true, force: true })
    })
    return suite
  }
  return ctx
}

/** Signs in through the login form as a demo user (demo password) and waits for the start page, "Việc của tôi". */
export async function signIn(page: Page, baseUrl: string, username: string) {
  await page.goto(baseUrl)
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill('demo1234')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByRole('heading', { name: 'Việc của tôi' }).waitFor()
}

/** From anywhere: the dashboard, one click away in the navigation (through the menu on a phone). */
export async function openDashboard(page: Page) {
  const toggle = page.getByRole('button', { name: 'Trình đơn' })
  if (await toggle.isVisible()) await toggle.click()
  await page.getByRole('link', { name: 'Tổng quan', exact: true }).click()
  await page.getByRole('heading', { name: 'Tổng quan' }).waitFor()
}

/** The page is no wider than the viewport (a phone must never scroll sideways). SHOTS=dir keeps a screenshot of each checked screen. */
export async function noSideways(page: Page, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${where.replace(/\W+/g, '-')}.png`, fullPage: true })
  assert.ok(overflow <= 0, `${where}: the page is wider than the phone by ${overflow}px`)
}

let axeSource: string | undefined

/**
 * axe-core checks the page as it is now (open shadow roots included) and fails with every
 * serious or critical violation: the rule, its impact and the elements it found. The page's
 * CSP allows no inline script, so axe's source is evaluated through the DevTools protocol
 * (page.evaluate), which the CSP does not govern. Call it once per distinct page a journey
 * visits, when the page has its data: a run takes a few hundred milliseconds.
 */
export async function expectNoSeriousA11yViolations(page: Page, where: string) {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact?: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
  })
  assert.equal(violations, [], `${where}: axe found serious or critical accessibility problems:\n${violations.join('\n')}`)
}

/** English words that have no business on a Vietnamese page (whole words, letters with diacritics count as letters). */
const ENGLISH = /(?<!\p{L})(the|and|with|of|units?|items?|days?|files?|Save|Cancel|Loading|Overdue|Choose|Sign (?:in|out)|Back|Next|Previous|Edit|Delete|Add|Undefined|null|NaN)(?!\p{L})/u

/**
 * The text a Vietnamese page shows (through every open shadow root, and the labels screen
 * readers hear) holds no English word of the interface: a string that missed its
 * translation, or a number pluralised in English, is named with what surrounds it.
 */
export async function expectNoEnglish(page: Page, where: string) {
  // One loop over a stack, no inner function: the test runner's transpiler would name it with a helper the page lacks.
  const texts = await page.evaluate(() => {
    const out: string[] = []
    const stack: Node[] = [document.body]
    while (stack.length) {
      const node = stack.pop()!
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement
        if (parent && !['SCRIPT', 'STYLE'].includes(parent.tagName) && parent.getClientRects().length && node.textContent?.trim()) out.push(node.textContent.trim())
        continue
      }
      if (node instanceof Element) {
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
          const value = node.getAttribute(attr)
          if (value) out.push(value)
        }
        if (node.shadowRoot) stack.push(node.shadowRoot)
      }
      stack.push(...Array.from(node.childNodes))
    }
    return out
  })
  const english = texts.filter((t) => ENGLISH.test(t))
  assert.equal(english, [], `${where}: English text on a Vietnamese page`)
}

/** One check per page a Vietnamese journey visits: axe finds nothing serious, and no English word shows. */
export async function checkPage(page: Page, where: string) {
  await expectNoSeriousA11yViolations(page, where)
  await expectNoEnglish(page, where)
}

/** Fields side by side line up: their labels start on one line and their controls on another. */
export async function expectAligned(page: Page, within: string, labels: string[]) {
  const host = page.locator(within)
  const tops = async (locator: ReturnType<Page['locator']>) => Math.round((await locator.boundingBox())!.y)
  const labelTops = await Promise.all(labels.map((l) => tops(host.locator('label', { hasText: l }).first())))
  const controlTops = await Promise.all(labels.map((l) => tops(host.getByLabel(l, { exact: true }))))
  assert.ok(new Set(labelTops).size === 1 && new Set(controlTops).size === 1, `${within}: ${labels.join(', ')} are not aligned (labels at ${labelTops}, controls at ${controlTops})`)
}
