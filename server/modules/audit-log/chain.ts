import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import type { ChainReport } from './schemas.ts'

/** Entries read per query: the log may be millions of rows, never loaded at once. */
export const VERIFY_BATCH = 2000

interface ChainRow {
  seq: number | string
  id: string
  at: string
  prev_hash: string | null
  hash: string
  expected: string
}

/**
 * Walks the hash chain in `seq` order and reports the first entry that does not fit:
 * `hash` (its content changed), `link` (its prev_hash is not the previous entry's hash:
 * an entry before it was changed or removed) or `gap` (a sequence number is missing).
 * Removing the newest entries leaves an intact, shorter chain: compare `head` with a
 * copy kept elsewhere (docs/operations.md) to notice that.
 */
export async function verifyAuditChain(db: Db, actor: Actor, batch = VERIFY_BATCH): Promise<ChainReport> {
  requirePermission(actor, 'audit_log.verify')
  let checked = 0
  let lastSeq = 0
  let lastHash: string | null = null
  for (;;) {
    const rows = await queryRows<ChainRow>(
      db,
      sql`select a.seq, a.id, to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
                 a.prev_hash, a.hash, audit_log_entry_hash(a) as expected
            from audit_log a where a.seq > ${lastSeq} order by a.seq limit ${batch}`,
    )
    for (const row of rows) {
      const seq = Number(row.seq)
      const reason = seq !== lastSeq + 1 ? 'gap' : row.prev_hash !== lastHash ? 'link' : row.hash !== row.expected ? 'hash' : null
      if (reason) {
        return { ok: false, checked, firstBroken: { seq, id: row.id, at: row.at, reason }, head: await head(db) }
      }
      checked++
      lastSeq = seq
      lastHash = row.hash
    }
    if (rows.length < batch) break
  }
  return { ok: true, checked, firstBroken: null, head: lastSeq ? { seq: lastSeq, hash: lastHash! } : null }
}

async function head(db: Db): Promise<ChainReport['head']> {
  const [row] = await queryRows<{ seq: number | string; hash: string }>(db, sql`select seq, hash from audit_log order by seq desc limit 1`)
  return row ? { seq: Number(row.seq), hash: row.hash } : null
}
