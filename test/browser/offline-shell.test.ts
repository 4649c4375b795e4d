/**
 * The offline app shell (issue 13): the service worker precaches the built app, so it
 * opens and reloads with no network; it never caches the API; the app is installable;
 * signing out removes the user's offline data; a new version waits for the user.
 */
import { appendFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { browserContext, checkPage, signIn } from '../helpers/browser.ts'

// This file changes sw.js to publish a "new version": it gets its own copy of the build.
const ctx = browserContext({ privateWebRoot: true, serviceWorkers: true })
const shell = suite('the app shell works offline', ctx)
const it = ctx.use(shell)

/** Waits until the service worker is active and controls the page. */
async function untilControlled(page: Page) {
  const controlled = await page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }))
    }
    return Boolean(navigator.serviceWorker.controller)
  })
  assert.ok(controlled, 'the service worker controls the page')
}

/** Every URL kept in Cache Storage, by cache. */
const cachedUrls = (page: Page) =>
  page.evaluate(async () => {
    const all: Record<string, string[]> = {}
    for (const name of await caches.keys()) all[name] = (await (await caches.open(name)).keys()).map((r) => r.url)
    return all
  })

const offlineNoise = (problems: string[]) => problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p))

it('opens and reloads with no network, on the app and its deep links, but not on server paths', async ({ page, context, baseUrl, problems }) => {
  await page.goto(baseUrl)
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
  await untilControlled(page)

  await context.setOffline(true)
  await page.reload()
  // The app itself answers (it cannot reach the API, and says so), not Chromium's error page.
  assert.is(await page.title(), 'QMS Tracker')
  await page.getByText('Không tải được dữ liệu.').waitFor()
  await checkPage(page, 'sign-in page offline')
  await page.goto(`${baseUrl}/inspections`)
  await page.getByRole('button', { name: 'Thử lại' }).waitFor()

  // API and server pages are not the app: offline they fail as any request would.
  for (const serverPath of ['/api/auth/me', '/docs', '/health', '/ready']) {
    const failed = await page.goto(`${baseUrl}${serverPath}`).then(
      () => false,
      () => true,
    )
    assert.ok(failed, `${serverPath} is not answered with the app offline`)
  }

  // Back online, the same page carries on.
  await context.setOffline(false)
  await page.goto(`${baseUrl}/inspections`)
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
  assert.equal(offlineNoise(problems), [])
})

it('signed in, reloads offline into the app; no API response is ever cached', async ({ page, context, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'auditor')
  await untilControlled(page)
  await page.getByRole('link', { name: 'Kiểm tra', exact: true }).click()
  await page.getByRole('heading', { name: 'Kiểm tra' }).first().waitFor()
  await page.getByRole('link', { name: 'Sự không phù hợp', exact: true }).click()
  await page.reload()
  await page.getByRole('link', { name: 'Tài liệu', exact: true }).waitFor()

  const cached = await cachedUrls(page)
  const urls = Object.values(cached).flat()
  const paths = urls.map((u) => new URL(u).pathname)
  assert.ok(paths.includes('/index.html'), `the app is precached: ${JSON.stringify(cached)}`)
  assert.ok(paths.some((p) => p.startsWith('/assets/') && p.endsWith('.js')))
  assert.equal(
    paths.filter((p) => p.startsWith('/api/')),
    [],
  )

  await context.setOffline(true)
  await page.reload()
  assert.is(await page.title(), 'QMS Tracker')
  await page.getByRole('button', { name: 'Thử lại' }).waitFor()
  await checkPage(page, 'the app reloaded offline')
  await context.setOffline(false)
  await page.getByRole('button', { name: 'Thử lại' }).click()
  await page.getByRole('link', { name: 'Tài liệu', exact: true }).waitFor()
  assert.equal(offlineNoise(problems), [])
})

it('is installable: the manifest is linked and served with its icons; worker and manifest pass the CSP', async ({ page, context, baseUrl }) => {
  const response = await page.goto(baseUrl)
  const csp = response!.headers()['content-security-policy']
  assert.ok(csp.includes("worker-src 'self'"), csp)
  assert.ok(csp.includes("manifest-src 'self'"), csp)
  assert.ok(csp.includes("script-src 'self';"), csp)

  const href = await page.locator('link[rel="manifest"]').getAttribute('href')
  assert.is(href, '/manifest.webmanifest')
  const res = await context.request.get(`${baseUrl}${href}`)
  assert.is(res.status(), 200)
  assert.match(res.headers()['content-type'], /^application\/manifest\+json/)
  assert.is(res.headers()['cache-control'], 'no-cache')
  const manifest = await res.json()
  assert.is(manifest.name, 'QMS Tracker')
  assert.ok(manifest.short_name)
  assert.is(manifest.lang, 'vi')
  assert.is(manifest.start_url, '/')
  assert.is(manifest.display, 'standalone')
  assert.is(manifest.theme_color, '#0b5394')

  const seen: string[] = []
  for (const icon of manifest.icons as { src: string; sizes: string; type: string; purpose?: string }[]) {
    const png = await context.request.get(new URL(icon.src, baseUrl).href)
    assert.is(png.status(), 200, icon.src)
    assert.is(png.headers()['content-type'], 'image/png')
    const body = await png.body()
    // PNG: width and height are the IHDR chunk's first two big-endian words.
    assert.is(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`, icon.sizes, icon.src)
    seen.push(`${icon.sizes}${icon.purpose === 'maskable' ? ' maskable' : ''}`)
  }
  assert.ok(seen.includes('192x192') && seen.includes('512x512') && seen.includes('512x512 maskable'), seen.join(', '))

  for (const file of ['/sw.js', '/manifest.webmanifest']) {
    const r = await context.request.get(`${baseUrl}${file}`)
    assert.is(r.headers()['cache-control'], 'no-cache', file)
  }
  assert.match((await context.request.get(`${baseUrl}/sw.js`)).headers()['content-type'], /javascript/)
})

it("signing out deletes the user's offline data, and keeps the app's precache", async ({ page, baseUrl, problems }) => {
  await signIn(page, baseUrl, 'auditor')
  await untilControlled(page)
  // (No named functions inside evaluate: tsx would wrap them in a helper the page lacks.)
  await page.evaluate(async () => {
    for (const name of ['qms-outbox', 'qms-records', 'someone-else']) {
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name, 1)
        request.onupgradeneeded = () => request.result.createObjectStore('items')
        request.onsuccess = () => {
          request.result.close()
          resolve()
        }
        request.onerror = () => reject(request.error)
      })
    }
    await (await caches.open('qms-photos')).put('/photo-1', new Response('a photo'))
  })

  await page.getByRole('button', { name: 'Đăng xuất' }).click()
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()

  const left = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name).sort(),
    caches: await caches.keys(),
  }))
  assert.equal(left.databases, ['someone-else'])
  assert.ok(!left.caches.includes('qms-photos'), left.caches.join(', '))
  assert.ok(left.caches.some((name) => name.startsWith('workbox-precache')), left.caches.join(', '))
  assert.equal(problems, [])
})

it('a new version waits for the user: a banner offers it, and only the button reloads', async ({ page, baseUrl, webRoot, problems }) => {
  await page.goto(baseUrl)
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
  await untilControlled(page)
  await page.evaluate(() => ((window as unknown as { oldPage: boolean }).oldPage = true))

  // A new deployment: another sw.js (in this file's own copy of the build). A build writes
  // its compressed copies too, which the server would send instead: they go.
  appendFileSync(path.join(webRoot, 'sw.js'), '\n// next version\n')
  for (const copy of ['sw.js.br', 'sw.js.gz']) rmSync(path.join(webRoot, copy), { force: true })
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update())

  const banner = page.getByRole('button', { name: 'Có phiên bản mới — tải lại' })
  await banner.waitFor()
  await checkPage(page, 'new version banner')
  // Nothing switched under the user: same page, still the old worker, the new one waiting.
  assert.ok(await page.evaluate(() => (window as unknown as { oldPage?: boolean }).oldPage))
  assert.ok(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting)))

  await Promise.all([page.waitForEvent('load'), banner.click()])
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
  assert.not.ok(await page.evaluate(() => (window as unknown as { oldPage?: boolean }).oldPage))
  assert.not.ok(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting)))
  assert.is(await banner.count(), 0)
  assert.equal(problems, [])
})

shell.run()
