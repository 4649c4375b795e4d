/**
 * Findings counted over a period by classification, handling and status. The counts
 * come from finding_rollups (kept by statement triggers on `findings`, migration 0039),
 * whole years and months at a time, so they cost the same for a month or for five years;
 * `findingCountsScan` counts the findings themselves, for filters the rollups do not
 * carry (e.g. only the internal audits' findings) and as the reference the rollups are
 * tested against.
 */
import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { FINDING_CLASSIFICATIONS, FINDING_HANDLINGS } from '../../../db/schema/findings.ts'
import { rollupRange } from '../../lib/rollup-range.ts'
import { inSubtreeOf } from '../org-units/service.ts'

export interface FindingCounts {
  total: number
  open: number
  byClassification: Record<(typeof FINDING_CLASSIFICATIONS)[number], number>
  byHandling: Record<(typeof FINDING_HANDLINGS)[number] | 'none', number>
}

type CountRow = { classification: string; handling: string | null; status: string; n: number }

function tally(rows: CountRow[]): FindingCounts {
  const byClassification = Object.fromEntries(FINDING_CLASSIFICATIONS.map((c) => [c, 0])) as FindingCounts['byClassification']
  const byHandling = Object.fromEntries([...FINDING_HANDLINGS, 'none'].map((h) => [h, 0])) as FindingCounts['byHandling']
  let total = 0
  let open = 0
  for (const r of rows) {
    total += r.n
    if (r.status === 'open') open += r.n
    byClassification[r.classification as keyof typeof byClassification] += r.n
    byHandling[(r.handling ?? 'none') as keyof typeof byHandling] += r.n
  }
  return { total, open, byClassification, byHandling }
}

/** Findings found in [from, to], in a unit's subtree or everywhere, from the rollups. */
export async function findingCounts(db: Db, from: string, to: string, unitId: string | undefined): Promise<FindingCounts> {
  const unit = unitId ? sql` and ${inSubtreeOf(sql`r.org_unit_id`, unitId)}` : sql``
  const rows = await queryRows<CountRow>(
    db,
    sql`select r.classification, r.handling, r.status, sum(r.findings)::int as n
          from finding_rollups r
         where ${rollupRange(from, to, 'r', 'year')}${unit}
         group by 1, 2, 3
        having sum(r.findings) <> 0`,
  )
  return tally(rows)
}

/** The same counts from the findings themselves, narrowed by `filter` (alias f, starting with ' and'). */
export async function findingCountsScan(db: Db, from: string, to: string, filter: SQL): Promise<FindingCounts> {
  const rows = await queryRows<CountRow>(
    db,
    sql`select f.classification, f.handling, f.status, count(*)::int as n
          from findings f
         where f.found_on between ${from}::date and ${to}::date${filter}
         group by 1, 2, 3`,
  )
  return tally(rows)
}

/** Recomputes finding_rollups from the findings (after loading rows with the triggers disabled, or a repair). */
export async function rebuildFindingRollups(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await queryRows(tx, sql`delete from finding_rollups`)
    await queryRows(
      tx,
      sql`insert into finding_rollups (grain, start, org_unit_id, classification, handling, status, findings)
          select g.grain, rollup_start(g.grain, f.found_on), f.org_unit_id, f.classification, coalesce(f.handling, 'none'), f.status, count(*)::int
            from findings f cross join (values ('day'), ('dekad'), ('month'), ('year')) g(grain)
           group by 1, 2, 3, 4, 5, 6`,
    )
  })
}
