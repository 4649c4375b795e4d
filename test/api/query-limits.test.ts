/**
 * Time limits per request class (server/plugins/query-limits.ts): a read that runs past
 * its limit is stopped and answered 503 `query-timeout` naming the setting, never a 500;
 * reports have their own, longer limit; on PostgreSQL the statement is cancelled in the
 * database, also when the client goes away, and the report pool has PostgreSQL's own
 * statement_timeout as a backstop.
 *
 * A slow statement is made by holding what it needs: on PostgreSQL a lock on its table,
 * from another connection; on PGlite (one connection) a transaction left open, which every
 * other statement waits behind.
 */
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { connectPostgres, queryRows } from '../../db/client.ts'
import { QueryScope, runInQueryScope } from '../../db/query-scope.ts'
import { appContext, type ApiClient, type AppContext } from '../helpers/app.ts'
import { testEngine } from '../helpers/database.ts'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** How a statement failed, as its SQLSTATE (57014: cancelled). */
const failedWith = (e: { code?: string; cause?: { code?: string } }) => `error ${e.cause?.code ?? e.code}`

/** Runs `during` while `table` cannot be read (PostgreSQL) or the database is busy (PGlite); then lets go. */
async function whileBusy<T>(c: AppContext, table: string, during: () => Promise<T>): Promise<T> {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  let holding!: () => void
  const held = new Promise<void>((resolve) => (holding = resolve))
  const tx = c.db.transaction(async (t) => {
    if (c.handle.engine === 'postgres') await t.execute(sql.raw(`lock table ${table} in access exclusive mode`))
    else await t.execute(sql`select 1`)
    holding()
    await released
  })
  await held
  try {
    return await during()
  } finally {
    release()
    await tx
  }
}

function assertTimeout(res: { status: number; headers: Record<string, unknown>; body: any }, setting: string) {
  assert.is(res.status, 503, JSON.stringify(res.body))
  assert.match(String(res.headers['content-type']), /application\/problem\+json/)
  assert.match(res.body.type, /query-timeout$/)
  assert.is(res.body.setting, setting)
  assert.match(res.body.detail, setting)
}

const waitingOn = async (c: AppContext, table: string) =>
  Number(
    (
      await queryRows<{ n: number }>(
        c.db,
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike ${`%${table}%`}`,
      )
    )[0]!.n,
  )

/**
 * Signs in first (hashing a password on a busy test machine can take longer than these
 * limits), then runs `fn` with short limits; the plugin reads them at each request.
 */
async function withShortLimits<T>(c: AppContext, fn: (manager: ApiClient) => Promise<T>): Promise<T> {
  const manager = await c.as('manager')
  const saved = { queryTimeoutMs: c.config.queryTimeoutMs, reportTimeoutMs: c.config.reportTimeoutMs }
  Object.assign(c.config, { queryTimeoutMs: 300, reportTimeoutMs: 600 })
  try {
    return await fn(manager)
  } finally {
    Object.assign(c.config, saved)
  }
}

const ctx = appContext()
const limits = suite('time limits per request class', ctx)

limits('a list that cannot finish in time answers 503 query-timeout naming QMS_QUERY_TIMEOUT_SECONDS', (c) => withShortLimits(c, async (manager) => {
  assert.is((await manager.get('/api/dossiers?limit=5')).status, 200)
  const started = Date.now()
  const res = await whileBusy(c, 'dossiers', () => manager.get('/api/dossiers?limit=5'))
  assertTimeout(res, 'QMS_QUERY_TIMEOUT_SECONDS')
  assert.ok(Date.now() - started < 5000, `answered after ${Date.now() - started} ms`)
  if (c.handle.engine === 'postgres') assert.is(await waitingOn(c, 'dossiers'), 0, 'the statement was cancelled in the database')
  // Nothing is left broken: the next request is answered as usual.
  assert.is((await manager.get('/api/dossiers?limit=5')).status, 200)
}))

limits('a report has its own, longer limit: QMS_REPORT_TIMEOUT_SECONDS', (c) => withShortLimits(c, async (manager) => {
  const url = '/api/reports/compliance?from=2019-11-21&to=2020-05-27'
  assert.is((await manager.get(url)).status, 200)
  const res = await whileBusy(c, 'nonconformity_rollups', () => manager.get(url))
  assertTimeout(res, 'QMS_REPORT_TIMEOUT_SECONDS')
  assert.match(res.body.detail, /600 ms/)
  assert.is((await manager.get(url)).status, 200)
}))

limits('a request that waits less than its limit is answered as usual', (c) => withShortLimits(c, async (manager) => {
  let release!: () => void
  const tx = c.db.transaction(async (t) => {
    if (c.handle.engine === 'postgres') await t.execute(sql`lock table dossiers in access exclusive mode`)
    await new Promise<void>((resolve) => (release = resolve))
  })
  await sleep(20)
  const pending = manager.get('/api/dossiers?limit=5')
  await sleep(100)
  release()
  await tx
  assert.is((await pending).status, 200)
}))

const gone = suite('the client goes away', ctx)

gone('PostgreSQL: the statement of a request whose client closed the connection is cancelled in the database', async (c) => {
  if (testEngine !== 'postgres') return
  const manager = await c.as('manager')
  await c.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = c.app.server.address() as AddressInfo
  // The report's limit (30 s by default) is far off: only the client leaving can stop it.
  await whileBusy(c, 'nonconformity_rollups', async () => {
    const cookie = manager.cookieHeader()
    const req = httpRequest({ port, host: '127.0.0.1', path: '/api/reports/compliance?from=2019-11-21&to=2020-05-27', headers: { cookie } })
    req.on('error', () => {})
    req.end()
    for (let i = 0; i < 200 && (await waitingOn(c, 'nonconformity_rollups')) === 0; i++) await sleep(10)
    assert.ok((await waitingOn(c, 'nonconformity_rollups')) > 0, 'the report is waiting in the database')
    req.destroy()
    for (let i = 0; i < 100 && (await waitingOn(c, 'nonconformity_rollups')) > 0; i++) await sleep(10)
    assert.is(await waitingOn(c, 'nonconformity_rollups'), 0, 'cancelled once the client left')
  })
})

gone('PostgreSQL: the report pool stops a statement by its own statement_timeout', async (c) => {
  if (testEngine !== 'postgres') return
  const url = process.env.TEST_DATABASE_URL!
  const handle = connectPostgres(url, { max: 1, reportMax: 1, reportStatementTimeoutMs: 100 })
  try {
    const err = await handle.reportDb.execute(sql`select pg_sleep(2)`).then(() => undefined, (e: unknown) => e as { cause?: { code?: string } })
    assert.is(err?.cause?.code ?? (err as { code?: string })?.code, '57014')
    // The main pool has no such limit.
    await handle.db.execute(sql`select pg_sleep(0.2)`)
  } finally {
    await handle.close()
  }
  void c
})

gone('PostgreSQL: statements pipelined behind a busy connection when their request stops all end, and take nobody else\'s answer', async (c) => {
  if (testEngine !== 'postgres') return
  const handle = connectPostgres(process.env.TEST_DATABASE_URL!, { max: 1, reportMax: 1 })
  try {
    // No parameters to describe first: postgres.js pipelines them onto the one busy
    // connection. The middle two are one request's, the first and last another's.
    const statement = (i: number) => queryRows<{ i: number }>(handle.db, sql.raw(`select pg_sleep(0.1), ${i} as i`))
    await statement(9)
    const leaving = new QueryScope()
    const staying = new QueryScope()
    const statements = [staying, leaving, leaving, staying].map((scope, i) => runInQueryScope(scope, () => statement(i)))
    const outcomes = statements.map((s) => s.then((rows) => `rows ${rows[0]!.i}`, failedWith))
    await sleep(30)
    leaving.stop('client-gone')
    // Cancelling a pipelined statement in postgres.js left its promise pending for ever
    // and the cancellation fell on the statement after it: the other request's.
    const settled = await Promise.race([Promise.all(outcomes), sleep(5000).then(() => 'still waiting after 5 s')])
    assert.equal(settled, ['rows 0', 'rows 1', 'rows 2', 'rows 3'])
    // The stopped request's next statement is refused at once.
    const next = await runInQueryScope(leaving, () => statement(4)).then(() => 'ran', failedWith)
    assert.is(next, 'error 57014')
    assert.equal((await queryRows<{ i: number }>(handle.db, sql`select 7::int as i`)).map((r) => r.i), [7])
  } finally {
    await handle.close()
  }
  void c
})

gone('PostgreSQL: a cancel request that lands on another request\'s statement does not fail it: the statement or transaction runs again', async (c) => {
  if (testEngine !== 'postgres') return
  const handle = connectPostgres(process.env.TEST_DATABASE_URL!, { max: 1, reportMax: 1 })
  const admin = connectPostgres(process.env.TEST_DATABASE_URL!, { max: 1, reportMax: 1 })
  try {
    // What a late cancel request does: it names the connection, whatever runs there now.
    const cancelWhenRunning = async (marker: string) => {
      for (let i = 0; i < 200; i++) {
        const [row] = await queryRows<{ cancelled: boolean }>(
          admin.db,
          sql`select pg_cancel_backend(pid) as cancelled from pg_stat_activity where query like ${'%' + marker + '%'} and pid <> pg_backend_pid() and state = 'active'`,
        )
        if (row?.cancelled) return true
        await sleep(10)
      }
      return false
    }
    const staying = new QueryScope()
    const read = runInQueryScope(staying, () => queryRows<{ i: number }>(handle.db, sql.raw(`select pg_sleep(0.3), 41 as i /* stray-read */`)))
    assert.ok(await cancelWhenRunning('stray-read'), 'the read was running')
    // Several requests leaving at once send several cancel requests: the one sent again can be hit too.
    assert.ok(await cancelWhenRunning('stray-read'), 'the read was sent again')
    assert.equal((await read).map((r) => r.i), [41])

    const write = handle.db.transaction(async (tx) => queryRows<{ i: number }>(tx, sql.raw(`select pg_sleep(0.3), 42 as i /* stray-tx */`)))
    assert.ok(await cancelWhenRunning('stray-tx'), 'the transaction was running')
    assert.equal((await write).map((r) => r.i), [42])

    // A request's own stop still stops it.
    const leaving = new QueryScope()
    const stopped = runInQueryScope(leaving, () => queryRows(handle.db, sql.raw(`select pg_sleep(2) /* own-stop */`))).then(() => 'ran', failedWith)
    await sleep(100)
    leaving.stop('client-gone')
    assert.is(await stopped, 'error 57014')
  } finally {
    await handle.close()
    await admin.close()
  }
  void c
})

gone('PostgreSQL: while many clients leave, the requests that stay all get their rows', async (c) => {
  if (testEngine !== 'postgres') return
  // Short statements on a small pool, cancelled as they end: the cancel requests keep
  // landing on the statements that took over their connections.
  const handle = connectPostgres(process.env.TEST_DATABASE_URL!, { max: 4, reportMax: 1 })
  const statement = () => queryRows<{ ok: number }>(handle.db, sql.raw(`select pg_sleep(${(Math.random() * 0.004).toFixed(4)}), 1 as ok`))
  try {
    const staying = async () => {
      const scope = new QueryScope()
      const failures: string[] = []
      for (let i = 0; i < 60; i++) await runInQueryScope(scope, statement).catch((e) => failures.push(failedWith(e)))
      return failures
    }
    const leaving = async () => {
      for (let i = 0; i < 60; i++) {
        const scope = new QueryScope()
        const sent = runInQueryScope(scope, statement).catch(() => {})
        await sleep(Math.random() * 4)
        scope.stop('client-gone')
        await sent
      }
    }
    const [failures] = await Promise.all([Promise.all([...Array(4)].map(staying)), ...[...Array(8)].map(leaving)])
    assert.equal(failures.flat(), [])
  } finally {
    await handle.close()
  }
  void c
})

ctx.use(limits, gone)
limits.run()
gone.run()
