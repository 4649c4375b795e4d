/**
 * Month by month, what came in (by channel) and what was resolved (by timeliness):
 * the flows behind the trend of the on-time rate and the online share, read from the
 * statistics rollups (dossier-rollups.ts). Months are calendar months in the agency's
 * time zone; the first and last are clipped to the period.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { rollupRange } from '../../lib/rollup-range.ts'
import { inSubtreeOf } from '../org-units/service.ts'

export interface MonthlyFlows {
  month: string
  receivedOnline: number
  receivedInPerson: number
  receivedPostal: number
  resolvedEarly: number
  resolvedOnTime: number
  resolvedLate: number
}

export async function dossierFlowsByMonth(db: Db, query: { from: string; to: string; orgUnitId?: string }): Promise<MonthlyFlows[]> {
  const unit = query.orgUnitId ? sql` and ${inSubtreeOf(sql`r.org_unit_id`, query.orgUnitId)}` : sql``
  const rows = await queryRows<Omit<MonthlyFlows, 'month'> & { month: string }>(
    db,
    sql`select to_char(r.start, 'YYYY-MM') as month,
               sum(r.received) filter (where r.channel = 'online')::int as "receivedOnline",
               sum(r.received) filter (where r.channel = 'in_person')::int as "receivedInPerson",
               sum(r.received) filter (where r.channel = 'postal')::int as "receivedPostal",
               sum(r.resolved_early)::int as "resolvedEarly",
               sum(r.resolved_on_time)::int as "resolvedOnTime",
               sum(r.resolved_late)::int as "resolvedLate"
          from dossier_stat_rollups r
         where ${rollupRange(query.from, query.to)}${unit}
         group by 1`,
  )
  const byMonth = new Map(rows.map((r) => [r.month, r]))
  return monthsBetween(query.from, query.to).map((month) => {
    const r = byMonth.get(month)
    return {
      month,
      receivedOnline: Number(r?.receivedOnline ?? 0),
      receivedInPerson: Number(r?.receivedInPerson ?? 0),
      receivedPostal: Number(r?.receivedPostal ?? 0),
      resolvedEarly: Number(r?.resolvedEarly ?? 0),
      resolvedOnTime: Number(r?.resolvedOnTime ?? 0),
      resolvedLate: Number(r?.resolvedLate ?? 0),
    }
  })
}

/** 'YYYY-MM' of every month that the period touches, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.slice(0, 7).split('-').map(Number)
  const [ty, tm] = to.slice(0, 7).split('-').map(Number)
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
  return out
}
