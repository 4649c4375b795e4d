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
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { Test } from 'uvu'
import * as assert from 'uvu/assert'
import type { DbHandle } from '../../db/client.ts'
import { buildApp } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
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
    const config = { ...loadConfig({}), webRoot: root }
    const app = await buildApp({ db: handle.db, engine: handle.engine, config, logger: false, backup: handle.backup })
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
