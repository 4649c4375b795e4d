/**
 * `npm run bench audit`: audit log writes with the hash chain (issue 14, item 4). Each
 * write is its own transaction, as a request's write is; WRITERS run at once, so the
 * figures show what the chain's advisory lock (one append at a time) costs under
 * concurrency. A baseline with the chain trigger switched off is printed for comparison,
 * then the time to verify the whole chain. Runs on the embedded database unless
 * BENCH_DATABASE_URL names a PostgreSQL server.
 */
import { sql } from 'drizzle-orm'
import type { DbHandle } from '../db/client.ts'
import { scratchDatabase } from './scratch-database.ts'
import { systemActor } from '../server/lib/permissions.ts'
import { verifyAuditChain } from '../server/modules/audit-log/chain.ts'
import { recordAudit } from '../server/modules/audit-log/service.ts'

const WRITES = Number(process.env.BENCH_AUDIT_WRITES ?? 2000)
const WRITERS = (process.env.BENCH_AUDIT_WRITERS ?? '1,4,16').split(',').map(Number)


async function writes(handle: DbHandle, writers: number): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < WRITES) {
        const n = next++
        await handle.db.transaction((tx) =>
          recordAudit(tx, systemActor, { action: 'bench.write', entityType: 'bench', entityId: String(n), after: { n, note: 'Ghi nhật ký' } }),
        )
      }
    }),
  )
  return WRITES / ((performance.now() - started) / 1000)
}

export async function benchAuditWrites() {
  const { handle, drop } = await scratchDatabase('audit', { max: Math.max(...WRITERS) + 1 })
  try {
    await handle.migrate()
    console.log(`${handle.engine}, ${WRITES} writes per run, one transaction each`)
    for (const writers of WRITERS) {
      // The baseline: no chain trigger, and no unique seq (every row keeps the placeholder).
      await handle.db.execute(sql`alter table audit_log disable trigger audit_log_chain`)
      await handle.db.execute(sql`drop index audit_log_seq_idx`)
      const plain = await writes(handle, writers)
      // The unchained rows would only break the chain: start it again on its own.
      await handle.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`)
      await handle.db.execute(sql`delete from audit_log where seq = 0`)
      await handle.db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`)
      await handle.db.execute(sql`create unique index audit_log_seq_idx on audit_log (seq)`)
      await handle.db.execute(sql`alter table audit_log enable trigger audit_log_chain`)
      const chained = await writes(handle, writers)
      console.log(
        `${String(writers).padStart(3)} writers: ${chained.toFixed(0).padStart(6)} writes/s with the chain, ${plain.toFixed(0).padStart(6)} without (${((chained / plain) * 100).toFixed(0)} %)`,
      )
    }
    const started = performance.now()
    const report = await verifyAuditChain(handle.db, systemActor)
    const seconds = (performance.now() - started) / 1000
    console.log(`verify: ${report.checked} entries in ${seconds.toFixed(2)} s (${(report.checked / seconds).toFixed(0)} entries/s), ok: ${report.ok}`)
    if (!report.ok) throw new Error(`the chain broke under concurrent writes: ${JSON.stringify(report.firstBroken)}`)
  } finally {
    await handle.close()
    await drop()
  }
}
