/**
 * Month by month, what came in (by channel) and what was resolved (by timeliness):
 * the flows behind the trend of the on-time rate and the online share. Months are
 * calendar months in the agency's time zone; the first and last are clipped to the period.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { localDayRange } from '../calendar/working-days.ts'
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

export async function dossierFlowsByMonth(db: Db, query: { from: string; to: string; orgUnitId?: string; timeZone: string }): Promise<MonthlyFlows[]> {
  const { start, end } = localDayRange(query.from, query.to, query.timeZone)
  const s = start.toISOString()
  const e = end.toISOString()
  const unit = query.orgUnitId ? sql` and ${inSubtreeOf(sql`org_unit_id`, query.orgUnitId)}` : sql``
  const month = (column: string) => sql`to_char(${sql.raw(column)} at time zone ${query.timeZone}, 'YYYY-MM')`
  const rows = await queryRows<{ month: string; kind: string; n: number }>(
    db,
    sql`select ${month('received_at')} as month, 'received_' || channel as kind, count(*)::int as n
          from dossiers where received_at >= ${s}::timestamptz and received_at < ${e}::timestamptz${unit}
         group by 1, 2
        union all
        select ${month('resolved_at')}, 'resolved_' || timeliness, count(*)::int
          from dossiers where resolved_at >= ${s}::timestamptz and resolved_at < ${e}::timestamptz and timeliness is not null${unit}
         group by 1, 2`,
  )
  const months = new Map<string, MonthlyFlows>()
  for (const m of monthsBetween(query.from, query.to)) {
    months.set(m, { month: m, receivedOnline: 0, receivedInPerson: 0, receivedPostal: 0, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0 })
  }
  const field: Record<string, keyof Omit<MonthlyFlows, 'month'>> = {
    received_online: 'receivedOnline',
    received_in_person: 'receivedInPerson',
    received_postal: 'receivedPostal',
    resolved_early: 'resolvedEarly',
    resolved_on_time: 'resolvedOnTime',
    resolved_late: 'resolvedLate',
  }
  for (const r of rows) {
    const target = months.get(r.month)
    if (target && field[r.kind]) target[field[r.kind]] += Number(r.n)
  }
  return [...months.values()]
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
