/**
 * Ordinary requests before heavy reads (db/pool-priority.ts), on PostgreSQL: while the
 * main pool has a statement in the database or a transaction open, the report pool runs
 * its statements one at a time; with the main pool idle, side by side. Each report
 * statement says when it began and ended in the database, so the test reads what
 * overlapped there, not how long anything took. The embedded database has one connection
 * and no report pool.
 */
import { sql } from 'drizzle-orm'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { queryRows, type DbHandle } from '../../db/client.ts'
import { QueryScope, runInQueryScope } from '../../db/query-scope.ts'
import { createTestDatabase, testEngine } from '../helpers/database.ts'

interface Span {
  began: Date
  ended: Date
}

/** Three report statements of `ms` each, sent at once; when each ran in the database. */
async function threeReports(handle: DbHandle, ms: number): Promise<Span[]> {
  const one = () =>
    queryRows<{ began: string; ended: string }>(
      handle.reportDb,
      sql`select clock_timestamp()::text as began, pg_sleep(${ms / 1000}), clock_timestamp()::text as ended`,
    ).then(([row]) => ({ began: new Date(row!.began), ended: new Date(row!.ended) }))
  return Promise.all([one(), one(), one()])
}

const overlapping = (spans: Span[]) => spans.some((a, i) => spans.some((b, j) => i !== j && a.began < b.ended && b.began < a.ended))

test('with the main pool idle, report statements run side by side', async () => {
  if (testEngine !== 'postgres') return
  const handle = await createTestDatabase('empty')
  try {
    assert.ok(overlapping(await threeReports(handle, 200)))
  } finally {
    await handle.close()
  }
})

test('while the main pool has a statement in the database, report statements run one at a time, and all of them', async () => {
  if (testEngine !== 'postgres') return
  const handle = await createTestDatabase('empty')
  try {
    // Running until the test stops it, however slow the machine.
    const scope = new QueryScope()
    const ordinary = runInQueryScope(scope, () => queryRows(handle.db, sql`select pg_sleep(60)`)).catch((err: unknown) => err)
    // The main pool's statement is counted as soon as it is sent.
    await new Promise((resolve) => setImmediate(resolve))
    try {
      assert.is(handle.priority?.state.ordinary, 1)
      const spans = await threeReports(handle, 150)
      assert.is(spans.length, 3, 'heavy reads are slowed, never stopped')
      assert.not.ok(overlapping(spans), JSON.stringify(spans))
    } finally {
      scope.stop('client-gone')
      await ordinary
    }
    assert.equal(handle.priority?.state, { ordinary: 0, heavy: 0, waiting: 0 })
  } finally {
    await handle.close()
  }
})

test('a transaction open on the main pool counts as work there, from its begin to its end', async () => {
  if (testEngine !== 'postgres') return
  const handle = await createTestDatabase('empty')
  try {
    let inside!: () => void
    const opened = new Promise<void>((resolve) => (inside = resolve))
    let finish!: () => void
    const finished = new Promise<void>((resolve) => (finish = resolve))
    const write = handle.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`)
      inside()
      // Between statements: nothing of it runs in the database, yet it is a write under way.
      await finished
    })
    await opened
    try {
      assert.is(handle.priority?.state.ordinary, 1)
      assert.not.ok(overlapping(await threeReports(handle, 150)))
    } finally {
      finish()
      await write
    }
    assert.is(handle.priority?.state.ordinary, 0)
  } finally {
    await handle.close()
  }
})

test.run()
