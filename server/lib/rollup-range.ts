/**
 * Reading rollup tables kept at two grains (a row per day, a row per month; `grain`,
 * `start`): the rows that cover a date range exactly, and the rows whose deltas add up
 * to a running total (a stock) at a day.
 */
import { sql, type SQL } from 'drizzle-orm'
import { addDays } from './clock.ts'

export const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`
export const nextMonth = (date: string) => {
  const [y, m] = date.slice(0, 7).split('-').map(Number)
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}

/** Month rows for the whole months inside [from, to], day rows for the days before the first and after the last of them. */
export function rollupRange(from: string, to: string, alias = 'r'): SQL {
  const a = sql.raw(alias)
  const fullStart = from === firstOfMonth(from) ? from : nextMonth(from)
  const fullEnd = firstOfMonth(addDays(to, 1)) // exclusive: the month after the last whole one
  if (fullStart >= fullEnd) return sql`(${a}.grain = 'day' and ${a}.start between ${from}::date and ${to}::date)`
  return sql`((${a}.grain = 'month' and ${a}.start >= ${fullStart}::date and ${a}.start < ${fullEnd}::date)
    or (${a}.grain = 'day' and ((${a}.start >= ${from}::date and ${a}.start < ${fullStart}::date) or (${a}.start >= ${fullEnd}::date and ${a}.start <= ${to}::date))))`
}

/** Every row dated on or before `day`: the months before its month, then its month's days up to it. */
export function rollupUpTo(day: string, alias = 'r'): SQL {
  const a = sql.raw(alias)
  const month = firstOfMonth(day)
  return sql`((${a}.grain = 'month' and ${a}.start < ${month}::date) or (${a}.grain = 'day' and ${a}.start >= ${month}::date and ${a}.start <= ${day}::date))`
}
