/**
 * Two transactions that take the same two rows in opposite order deadlock on PostgreSQL,
 * which rolls one back; the app's database handle runs that one again, so both commit.
 * (The audit chain's lock makes such crossings possible between audited writes.)
 */
import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { queryRows, type DbHandle } from '../../db/client.ts'
import { createTestDatabase, testEngine } from '../helpers/database.ts'

const deadlocks = suite('a deadlocked transaction is run again')
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

if (testEngine !== 'postgres') {
  deadlocks('skipped: PGlite has one connection and cannot deadlock (set TEST_DATABASE_URL)', () => {})
} else {
  let handle: DbHandle
  deadlocks.before(async () => {
    handle = await createTestDatabase('empty')
    await handle.db.execute(sql`create table deadlock_probe (id int primary key, n int not null)`)
    await handle.db.execute(sql`insert into deadlock_probe values (1, 0), (2, 0)`)
  })
  deadlocks.after(() => handle.close())

  deadlocks('both writers commit, one of them after a retry', async () => {
    let runs = 0
    // Both first updates must hold their row before either takes the second, or a slow
    // connection lets one transaction finish alone and nothing deadlocks.
    let holding = 0
    let bothHolding!: () => void
    const crossed = new Promise<void>((resolve) => (bothHolding = resolve))
    const crossing = (first: number, second: number) =>
      handle.db.transaction(async (tx) => {
        runs++
        await tx.execute(sql`update deadlock_probe set n = n + 1 where id = ${first}`)
        if (++holding === 2) bothHolding()
        await Promise.race([crossed, pause(10_000)])
        await tx.execute(sql`update deadlock_probe set n = n + 1 where id = ${second}`)
      })
    await Promise.all([crossing(1, 2), crossing(2, 1)])
    assert.ok(runs >= 3, `expected a retry, saw ${runs} runs`)
    const rows = await queryRows<{ id: number; n: number }>(handle.db, sql`select id, n from deadlock_probe order by id`)
    assert.equal(rows.map((r) => r.n), [2, 2])
  })
}

deadlocks.run()
