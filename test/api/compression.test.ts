/**
 * Compression (issue 15): API answers over 1 KB go out brotli or gzip as the client
 * asks, smaller ones and binary files (XLSX, PDF) as they are; the built web app is
 * sent precompressed, the bytes written at build time.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { buildApp } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import { appContext } from '../helpers/app.ts'
import { createTestDatabase } from '../helpers/database.ts'
import { builtWebRoot } from '../helpers/web-build.ts'

const ctx = appContext()
const api = suite('compressed API answers', ctx)

async function raw(c: { app: import('fastify').FastifyInstance }, url: string, headers: Record<string, string>) {
  const res = await c.app.inject({ method: 'GET', url, headers })
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload }
}

const decode = (encoding: unknown, body: Buffer) => (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body)

api('a list page is brotli or gzip as asked, the same JSON either way, and plain without Accept-Encoding', async (c) => {
  const manager = await c.as('manager')
  const cookie = manager.cookieHeader()
  const url = '/api/dossiers?limit=50'
  const plain = await raw(c, url, { cookie })
  assert.is(plain.status, 200)
  assert.is(plain.headers['content-encoding'], undefined)
  assert.ok(plain.body.length > 1024, `the page is ${plain.body.length} bytes`)
  for (const [accept, encoding] of [['br, gzip, deflate', 'br'], ['gzip, deflate', 'gzip'], ['gzip;q=1, br;q=0.5', 'gzip']] as const) {
    const res = await raw(c, url, { cookie, 'accept-encoding': accept })
    assert.is(res.status, 200)
    assert.is(res.headers['content-encoding'], encoding, accept)
    assert.match(String(res.headers.vary), /accept-encoding/i)
    assert.ok(res.body.length < plain.body.length / 3, `${encoding}: ${res.body.length} of ${plain.body.length} bytes`)
    assert.equal(JSON.parse(decode(encoding, res.body).toString()), JSON.parse(plain.body.toString()))
  }
  // A small answer (here a problem document) is not worth compressing.
  const small = await raw(c, '/api/dossiers/00000000-0000-4000-8000-000000000000', { cookie, 'accept-encoding': 'br' })
  assert.is(small.status, 404)
  assert.ok(small.body.length < 1024)
  assert.is(small.headers['content-encoding'], undefined)
})

api('CSV downloads are compressed and still parse; XLSX and PDF pass as they are', async (c) => {
  const manager = await c.as('manager')
  const cookie = manager.cookieHeader()
  const period = 'from=2019-11-21&to=2020-05-27'
  const csv = await raw(c, `/api/dossiers/stats/export?${period}&format=csv`, { cookie, 'accept-encoding': 'gzip' })
  assert.is(csv.status, 200)
  assert.match(String(csv.headers['content-type']), 'text/csv')
  assert.match(String(csv.headers['content-disposition']), /attachment/)
  if (csv.headers['content-encoding']) assert.is(csv.headers['content-encoding'], 'gzip')
  assert.match(decode(csv.headers['content-encoding'], csv.body).toString(), /\d/)
  const xlsx = await raw(c, `/api/dossiers/stats/export?${period}&format=xlsx`, { cookie, 'accept-encoding': 'br, gzip' })
  assert.is(xlsx.status, 200)
  assert.is(xlsx.headers['content-encoding'], undefined)
  assert.is(xlsx.body.subarray(0, 2).toString(), 'PK')
  const pdf = await raw(c, `/api/reports/par?${period}&format=pdf`, { cookie, 'accept-encoding': 'br, gzip' })
  assert.is(pdf.status, 200)
  assert.is(pdf.headers['content-encoding'], undefined)
  assert.is(pdf.body.subarray(0, 5).toString(), '%PDF-')
  const html = await raw(c, `/api/reports/par?${period}&format=html`, { cookie, 'accept-encoding': 'br' })
  assert.is(html.headers['content-encoding'], 'br')
  assert.match(decode('br', html.body).toString(), /<html/i)
})

const assets = suite('precompressed web assets')

assets('the built app is sent as the .br or .gz file the build wrote, index.html included', async () => {
  const [root, handle] = await Promise.all([builtWebRoot(), createTestDatabase('empty')])
  const app = await buildApp({ db: handle.db, engine: handle.engine, config: { ...loadConfig({}), webRoot: root }, logger: false })
  try {
    const js = readdirSync(path.join(root, 'assets')).find((f) => /^qms-app-.*\.js$/.test(f))!
    for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']] as const) {
      const res = await app.inject({ method: 'GET', url: `/assets/${js}`, headers: { 'accept-encoding': encoding } })
      assert.is(res.statusCode, 200)
      assert.is(res.headers['content-encoding'], encoding)
      assert.match(String(res.headers['content-type']), /javascript/)
      assert.ok(res.rawPayload.equals(readFileSync(path.join(root, 'assets', js + ext))), `${encoding}: the file written at build time`)
    }
    const plain = await app.inject({ method: 'GET', url: `/assets/${js}` })
    assert.is(plain.headers['content-encoding'], undefined)
    assert.ok(plain.rawPayload.equals(readFileSync(path.join(root, 'assets', js))))
    // The sign-in page (index.html for any app address) and the service worker.
    for (const url of ['/', '/dossiers', '/sw.js']) {
      const res = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } })
      assert.is(res.statusCode, 200, url)
      assert.is(res.headers['content-encoding'], 'br', url)
    }
  } finally {
    await app.close()
    await handle.close()
  }
})

ctx.use(api)
api.run()
assets.run()
