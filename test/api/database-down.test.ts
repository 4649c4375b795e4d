/**
 * The database goes away under a running app (PostgreSQL stopped or unreachable, the
 * embedded engine closed): every API call answers 503 `database-unavailable` with
 * Retry-After, never a bare 500.
 */
import { createServer } from 'node:net'
import { PassThrough } from 'node:stream'
import { tmpdir } from 'node:os'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { connectPostgres } from '../../db/client.ts'
import { buildApp } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import { ApiClient } from '../helpers/app.ts'
import { createTestDatabase } from '../helpers/database.ts'

const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port
      server.close(() => resolve(port))
    })
  })

function assertUnavailable(res: { status: number; headers: Record<string, unknown>; body: any }, what: string) {
  assert.is(res.status, 503, `${what}: ${JSON.stringify(res.body)}`)
  assert.is(res.headers['retry-after'], '5', what)
  assert.match(String(res.headers['content-type']), /application\/problem\+json/)
  assert.match(res.body.type, /database-unavailable$/)
}

const down = suite('database down')

down('the database closed under a signed-in client: a list and a write answer 503 with Retry-After', async () => {
  const handle = await createTestDatabase('demo')
  const app = await buildApp({ db: handle.db, engine: handle.engine, config: loadConfig({}), logger: false, jobs: false })
  try {
    await app.ready()
    const admin = new ApiClient(app)
    assert.is((await admin.login('admin')).status, 200)
    assert.is((await admin.get('/api/org-units')).status, 200)
    await handle.close()
    assertUnavailable(await admin.get('/api/org-units'), 'list')
    assertUnavailable(await admin.post('/api/org-units', { code: 'X1', name: 'X' }), 'write')
    assert.is((await admin.get('/ready')).status, 503)
  } finally {
    await app.close()
  }
})

down('PostgreSQL unreachable (nothing listening): API calls answer 503, with a token or a cookie', async () => {
  const port = await closedPort()
  const handle = connectPostgres(`postgres://postgres@127.0.0.1:${port}/qms`, { max: 1 })
  const app = await buildApp({ db: handle.db, engine: handle.engine, config: loadConfig({}), logger: false, jobs: false })
  try {
    await app.ready()
    const token = new ApiClient(app, { authorization: 'Bearer qms_not-a-real-token' })
    assertUnavailable(await token.get('/api/nonconformities'), 'list with a token')
    assertUnavailable(await token.post('/api/org-units', { code: 'X1', name: 'X' }), 'write with a token')
    const login = await new ApiClient(app).post('/api/auth/login', { username: 'admin', password: 'x' })
    assertUnavailable(login, 'sign-in')
  } finally {
    await app.close()
    await handle.close()
  }
})

down('a nearly full disk under the embedded database: writes answer 507 insufficient-storage, reads go on', async () => {
  const handle = await createTestDatabase('demo')
  // 1 TB minimum free: always "too little" on a test machine.
  const config = { ...loadConfig({}), dataDir: tmpdir(), minFreeMb: 1024 * 1024 }
  const app = await buildApp({ db: handle.db, engine: 'pglite', config, logger: false, jobs: false })
  try {
    await app.ready()
    const admin = new ApiClient(app)
    assert.is((await admin.login('admin')).status, 507, 'even sign-in writes a session')
    const token = new ApiClient(app, { authorization: 'Bearer qms_x' })
    const write = await token.post('/api/org-units', { code: 'X1', name: 'X' })
    assert.is(write.status, 507)
    assert.match(write.body.type, /insufficient-storage$/)
    assert.is((await token.get('/api/org-units')).status, 401, 'reads are not refused')
  } finally {
    await app.close()
    await handle.close()
  }
})

down('a database that accepts connections but never answers: the request gets 503 after QMS_STALL_SECONDS', async () => {
  // A TCP server that swallows everything: postgres.js waits for an answer that never comes.
  const sockets: import('node:net').Socket[] = []
  const silent = createServer((s) => void sockets.push(s))
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
  const port = (silent.address() as { port: number }).port
  // Connecting gives up after 5 s (30 by default), which closing the app waits for: past the 1 s checked here.
  const handle = connectPostgres(`postgres://postgres@127.0.0.1:${port}/qms?connect_timeout=5`, { max: 1 })
  const app = await buildApp({ db: handle.db, engine: handle.engine, config: { ...loadConfig({}), stallSeconds: 1 }, logger: false, jobs: false })
  try {
    await app.ready()
    const started = Date.now()
    assertUnavailable(await new ApiClient(app, { authorization: 'Bearer qms_x' }).get('/api/nonconformities'), 'stalled list')
    assert.ok(Date.now() - started < 4_000, 'answered by the watchdog, before connecting gives up')
  } finally {
    await app.close()
    for (const s of sockets) s.destroy()
    silent.close()
    void handle.close().catch(() => {})
  }
})

down('an answer still being written when QMS_STALL_SECONDS pass is sent whole, compressed or not', async () => {
  // The answer reads nothing: a database that is never reached will do.
  const handle = connectPostgres(`postgres://postgres@127.0.0.1:${await closedPort()}/qms`, { max: 1 })
  const app = await buildApp({ db: handle.db, engine: handle.engine, config: { ...loadConfig({}), stallSeconds: 1 }, logger: false, jobs: false })
  // A large answer whose writing takes longer than the stall limit (a slow client, a big export).
  const chunk = 'Bộ phận Tiếp nhận và Trả kết quả; '.repeat(200)
  app.get('/api/slow-answer', async (_request, reply) => {
    const body = new PassThrough()
    body.write(chunk)
    setTimeout(() => body.end(chunk), 1300)
    return reply.type('text/plain; charset=utf-8').send(body)
  })
  try {
    await app.listen({ port: 0, host: '127.0.0.1' })
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
    for (const encoding of ['identity', 'br', 'gzip']) {
      const res = await fetch(`${base}/api/slow-answer`, { headers: { 'accept-encoding': encoding } })
      assert.is(res.status, 200, encoding)
      assert.is(await res.text(), chunk + chunk, `${encoding}: the whole answer`)
    }
  } finally {
    await app.close()
    await handle.close()
  }
})

down.run()
