/**
 * `npm run bench sync`: what a phone's offline queue sends when the network comes back,
 * through the real HTTP server on loopback: 10 photos, then 200 queued answers (10 of
 * them with a photo) in order, batched as the queue batches consecutive answers (up to
 * BATCH a request; BENCH_SYNC_BATCH=1 sends one answer a request), each request with its
 * Idempotency-Key, each answer with its base revision, device time and device id.
 * Target: all synced in under 10 s. Runs on the embedded database (the default install) unless
 * BENCH_DATABASE_URL names a PostgreSQL server.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { scratchDatabase } from './scratch-database.ts'
import { buildApp } from '../server/app.ts'
import { loadConfig } from '../server/config.ts'
import { DEMO_PASSWORD, loadDemoData } from '../server/demo/index.ts'
import { serviceEnv, systemClock } from '../server/lib/clock.ts'

const ANSWERS = Number(process.env.BENCH_SYNC_ANSWERS ?? 200)
const PHOTOS = 10
const BATCH = Number(process.env.BENCH_SYNC_BATCH ?? 25)
const TARGET_SECONDS = 10


export async function benchSync() {
  const { handle, engine, drop } = await scratchDatabase('sync')
  const config = loadConfig({})
  try {
    await handle.migrate()
    await loadDemoData(handle.db, serviceEnv(systemClock, config))
    const app = await buildApp({ db: handle.db, engine, config, logger: false })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'auditor', password: DEMO_PASSWORD }) })
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken
    const headers = { cookie, 'x-csrf-token': csrf }
    const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...headers, ...extra, ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      })
      const json = (await res.json()) as any
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.detail ?? ''}`)
      return json
    }

    // A 200-item checklist, so every queued answer is its own slot.
    const template = await call('POST', '/api/checklist-templates', {
      name: 'Bench: 200 items',
      items: Array.from({ length: ANSWERS }, (_, n) => ({ text: `Tiêu chí ${n + 1}`, category: 'documented_information', photoRequiredOnFail: n % 20 === 0 })),
    })
    const units = await call('GET', '/api/org-units?q=TNTKQ')
    const inspection = await call('POST', '/api/inspections', { templateId: template.id, orgUnitId: units.items[0].id, kind: 'internal', plannedFor: new Date().toISOString().slice(0, 10) })

    // A photo as the phone sends it after resizing (about 300 KB of JPEG): a real PNG header, padded to that size.
    const photo = Buffer.concat([readFileSync(new URL('../web/public/icon-512.png', import.meta.url)), randomBytes(300 * 1024)])
    const started = performance.now()
    const attachmentIds: string[] = []
    for (let n = 0; n < PHOTOS; n++) {
      const form = new FormData()
      form.append('file', new Blob([photo], { type: 'image/png' }), `photo-${n}.png`)
      attachmentIds.push((await call('POST', '/api/attachments', form, { 'idempotency-key': randomUUID() })).id)
    }
    const photosDone = performance.now()
    const clientId = randomUUID()
    const answers = Array.from({ length: ANSWERS }, (_, n) => {
      const withPhoto = n % (ANSWERS / PHOTOS) === 0
      return {
        itemId: inspection.items[n].id,
        result: withPhoto ? 'fail' : 'pass',
        ...(withPhoto ? { note: 'Ảnh minh chứng', attachmentIds: [attachmentIds[n / (ANSWERS / PHOTOS)]] } : {}),
        baseRevision: 0,
        clientId,
        answeredAt: new Date(Date.now() - (ANSWERS - n) * 1000).toISOString(),
      }
    })
    let requests = 0
    for (let n = 0; n < ANSWERS; n += BATCH) {
      await call('PUT', `/api/inspections/${inspection.id}/responses`, answers.slice(n, n + BATCH), { 'idempotency-key': randomUUID() })
      requests++
    }
    const seconds = (performance.now() - started) / 1000
    const check = await call('GET', `/api/inspections/${inspection.id}`)
    const held = check.responses.length
    const withPhotos = check.responses.filter((r: { attachments: unknown[] }) => r.attachments.length).length
    await app.close()

    console.log(`database: ${engine}; ${PHOTOS} photos of ${(photo.length / 1024).toFixed(0)} KB, then ${ANSWERS} answers in order`)
    console.log(`photos uploaded in ${((photosDone - started) / 1000).toFixed(2)} s; answers in ${((performance.now() - photosDone) / 1000).toFixed(2)} s (${requests} requests of up to ${BATCH}, ${((performance.now() - photosDone) / requests).toFixed(0)} ms each)`)
    console.log(`synced: ${seconds.toFixed(2)} s for everything (target < ${TARGET_SECONDS} s): ${seconds < TARGET_SECONDS ? 'met' : 'NOT met'}`)
    console.log(`the server holds ${held} answers (${withPhotos} with a photo): ${held === ANSWERS && withPhotos === PHOTOS ? 'each once' : 'MISMATCH'}`)
    if (held !== ANSWERS || withPhotos !== PHOTOS) process.exitCode = 1
  } finally {
    await handle.close()
    await drop()
  }
}
