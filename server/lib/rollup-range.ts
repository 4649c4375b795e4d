/**
 * Reading rollup tables kept at four grains (`grain`, `start`): a row per day, per
 * dekad (the ten-day periods starting on the 1st, 11th and 21st of a month, the last one
 * running to the month's end), per month and per calendar year. A date range is covered
 * exactly by whole years (when the reader only sums), then whole months, then whole
 * dekads, then single days at its ragged ends: at most 11 months, 9 days and 2 dekads at
 * each end, each grain one index range. So what a reader of totals reads does not grow
 * with the length of the period.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { RollupGrain } from '../../db/schema/reports.ts'
import { addDays } from './clock.ts'

export const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`
export const nextMonth = (date: string) => {
  const [y, m] = date.slice(0, 7).split('-').map(Number)
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}
export const firstOfYear = (date: string) => `${date.slice(0, 4)}-01-01`
export const nextYear = (date: string) => `${Number(date.slice(0, 4)) + 1}-01-01`
/** The first day of the date's dekad: the 1st, 11th or 21st. */
export const dekadStart = (date: string) => {
  const day = Number(date.slice(8, 10))
  return `${date.slice(0, 8)}${day <= 10 ? '01' : day <= 20 ? '11' : '21'}`
}
/** The first day of the dekad after the date's. */
export const nextDekad = (date: string) => {
  const day = Number(date.slice(8, 10))
  return day <= 10 ? `${date.slice(0, 8)}11` : day <= 20 ? `${date.slice(0, 8)}21` : nextMonth(date)
}
/** SQL: the first day of the dekad of a date expression. */
export const dekadStartSql = (date: SQL) => sql`(date_trunc('month', ${date})::date + least((extract(day from ${date})::int - 1) / 10, 2) * 10)`

export interface RangePart {
  grain: RollupGrain | 'all'
  from: string
  /** Exclusive. */
  until: string
}

/**
 * The coarsest grain a reader may be given: 'month' for readers that group by month
 * (a year row cannot be split into its months), 'year' for readers that only sum.
 */
export type Coarsest = 'month' | 'year'

/** A date range [from, to] as the fewest (grain, start) ranges: whole years (if allowed), whole months, whole dekads, days. */
export function rangeParts(from: string, to: string, coarsest: Coarsest = 'month'): RangePart[] {
  const parts: RangePart[] = []
  if (from > to) return parts
  const until = addDays(to, 1)
  const push = (grain: RollupGrain, a: string, b: string) => {
    const last = parts.at(-1)
    if (last && last.grain === grain && last.until === a) last.until = b
    else parts.push({ grain, from: a, until: b })
  }
  let cur = from
  while (cur < until) {
    if (coarsest === 'year' && cur === firstOfYear(cur) && nextYear(cur) <= until) {
      const end = firstOfYear(until)
      push('year', cur, end)
      cur = end
      continue
    }
    if (cur === firstOfMonth(cur) && nextMonth(cur) <= until) {
      // Months run to the period's last whole month, or, when years may be read, only up to the next New Year.
      const end = coarsest === 'year' && nextYear(cur) < firstOfMonth(until) ? nextYear(cur) : firstOfMonth(until)
      push('month', cur, end)
      cur = end
      continue
    }
    const next = nextDekad(cur)
    if (cur === dekadStart(cur) && next <= until) {
      push('dekad', cur, next)
      cur = next
      continue
    }
    const stop = next < until ? next : until
    push('day', cur, stop)
    cur = stop
  }
  return parts
}

/** Everything dated on or before `day`, as simple ranges (see rangeParts). */
export function upToParts(day: string, coarsest: Coarsest = 'month'): RangePart[] {
  return rangeParts('0001-01-01', day, coarsest)
}

/** One predicate (alias `r`) for the rows covering [from, to] exactly. */
export function rollupRange(from: string, to: string, alias = 'r', coarsest: Coarsest = 'month'): SQL {
  const a = sql.raw(alias)
  const parts = rangeParts(from, to, coarsest)
  if (!parts.length) return sql`false`
  return sql`(${sql.join(
    parts.map((p) => sql`(${a}.grain = ${sql.raw(`'${p.grain}'`)} and ${a}.start >= ${p.from}::date and ${a}.start < ${p.until}::date)`),
    sql` or `,
  )})`
}

/**
 * SQL: 'YYYY-MM' (or 'YYYY') of a rollup row's start. The date is cast to a plain
 * timestamp first: to_char has no date form, and the implicit cast would go to
 * timestamptz, converting through the session's time zone on every row.
 */
export function rollupPeriodSql(grain: 'month' | 'year', alias = 'r'): SQL {
  return sql.raw(`to_char(${alias}.start::timestamp, '${grain === 'year' ? 'YYYY' : 'YYYY-MM'}')`)
}
