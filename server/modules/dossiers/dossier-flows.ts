/**
 * Read from the statistics rollups (dossier-rollups.ts):
 * - month by month, what came in (by channel) and what was resolved (by timeliness): the
 *   flows behind the trend of the on-time rate and the online share. Months are calendar
 *   months in the agency's time zone; the first and last are clipped to the period;
 * - the stocks at a midnight: dossiers pending, and pending and overdue.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { addDays } from '../../lib/clock.ts'
import { rollupPeriodSql, rangeParts, rollupRange, upToParts, type RangePart } from '../../lib/rollup-range.ts'
import { inSubtreeOf } from '../org-units/service.ts'

/**
 * How a stock is found: `history` sums the deltas up to it (cheap for old moments),
 * `recent` takes all time (the 'all' rows) less the deltas after it (cheap for recent
 * ones, whatever the length of the history).
 */
export type StockSource = 'history' | 'recent'

/** Moments within a year of `today` are read from the recent side. */
export function stockSourceFor(day: string, today: string): StockSource {
  return day >= addDays(today, -366) ? 'recent' : 'history'
}

/** The end of "everything after a day" for rollup ranges. */
export const LATEST = '2999-12-31'

/** The all-time rows, as a range part. */
export const ALL_TIME: RangePart = { grain: 'all', from: '0001-01-01', until: '0001-01-02' }

/**
 * Dossiers pending, and pending and overdue, at the midnight that ends `day`: the sums of
 * the deltas dated up to the day after it (see dossier-stats.ts for the rule).
 */
export async function dossierStocksAfter(db: Db, query: { day: string; orgUnitId?: string }, stock: StockSource): Promise<{ pending: number; overdue: number }> {
  const unit = query.orgUnitId ? sql` and ${inSubtreeOf(sql`x.org_unit_id`, query.orgUnitId)}` : sql``
  const upTo = addDays(query.day, 1)
  // History: the deltas up to it; recent: all time less the deltas after it.
  const parts: (RangePart & { weight: 1 | -1 })[] =
    stock === 'history'
      ? upToParts(upTo, 'year').map((p) => ({ ...p, weight: 1 }))
      : [{ ...ALL_TIME, weight: 1 }, ...rangeParts(addDays(upTo, 1), LATEST, 'year').map((p) => ({ ...p, weight: -1 as const }))]
  const rows = sql.join(
    parts.map(
      (p) => sql`select ${sql.raw(String(p.weight))} * x.open_delta as open_delta, ${sql.raw(String(p.weight))} * x.overdue_delta as overdue_delta
        from dossier_stat_rollups x where x.grain = ${p.grain} and x.start >= ${p.from}::date and x.start < ${p.until}::date${unit}`,
    ),
    sql` union all `,
  )
  const [row] = await queryRows<{ pending: number; overdue: number }>(
    db,
    sql`select coalesce(sum(open_delta), 0)::int as pending, coalesce(sum(overdue_delta), 0)::int as overdue from (${rows}) s`,
  )
  return row
}

export interface MonthlyFlows {
  month: string
  receivedOnline: number
  receivedInPerson: number
  receivedPostal: number
  resolvedEarly: number
  resolvedOnTime: number
  resolvedLate: number
}

/**
 * What came in and what was resolved in each month (or, with `grain` 'year', each
 * calendar year) of the period, the first and last clipped to it. By year the whole
 * years are read from the year rows, so a long period costs little more than a short one.
 */
export async function dossierFlowsByMonth(db: Db, query: { from: string; to: string; orgUnitId?: string }, grain: 'month' | 'year' = 'month'): Promise<MonthlyFlows[]> {
  const unit = query.orgUnitId ? sql` and ${inSubtreeOf(sql`r.org_unit_id`, query.orgUnitId)}` : sql``
  const rows = await queryRows<Omit<MonthlyFlows, 'month'> & { month: string }>(
    db,
    sql`select ${rollupPeriodSql(grain)} as month,
               sum(r.received) filter (where r.channel = 'online')::int as "receivedOnline",
               sum(r.received) filter (where r.channel = 'in_person')::int as "receivedInPerson",
               sum(r.received) filter (where r.channel = 'postal')::int as "receivedPostal",
               sum(r.resolved_early)::int as "resolvedEarly",
               sum(r.resolved_on_time)::int as "resolvedOnTime",
               sum(r.resolved_late)::int as "resolvedLate"
          from dossier_stat_rollups r
         where ${rollupRange(query.from, query.to, 'r', grain)}${unit}
         group by 1`,
  )
  const byMonth = new Map(rows.map((r) => [r.month, r]))
  return periodsBetween(query.from, query.to, grain).map((month) => {
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

/** 'YYYY-MM' of every month, or 'YYYY' of every year, that the period touches, in order. */
export function periodsBetween(from: string, to: string, grain: 'month' | 'year'): string[] {
  if (grain === 'month') return monthsBetween(from, to)
  const out: string[] = []
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(String(y))
  return out
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
