/**
 * Reading rollup tables kept at two grains (a row per day, a row per month; `grain`,
 * `start`): the rows that cover a date range exactly (as one predicate, or as signed
 * index ranges), and the rows whose deltas add up to a running total (a stock) at a day.
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

export interface RangePart {
  grain: 'day' | 'month' | 'all'
  from: string
  /** Exclusive. */
  until: string
  /** +1 to add the rows, -1 to subtract them (a whole month less the days outside the range). */
  sign: 1 | -1
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000)

/**
 * The days [from, until) of one month as the fewest rows: those days, or the month row
 * less the month's other days — whichever reads fewer day rows.
 */
function partialMonth(from: string, until: string): RangePart[] {
  const start = firstOfMonth(from)
  const end = nextMonth(from)
  const inside = daysBetween(from, until)
  const outside = daysBetween(start, from) + daysBetween(until, end)
  if (inside <= outside) return [{ grain: 'day', from, until, sign: 1 }]
  const parts: RangePart[] = [{ grain: 'month', from: start, until: end, sign: 1 }]
  if (start < from) parts.push({ grain: 'day', from: start, until: from, sign: -1 })
  if (until < end) parts.push({ grain: 'day', from: until, until: end, sign: -1 })
  return parts
}

/** A date range [from, to] as simple (grain, start) ranges, each answerable by one index range scan. */
export function rangeParts(from: string, to: string): RangePart[] {
  if (from > to) return []
  const until = addDays(to, 1)
  const fullStart = from === firstOfMonth(from) ? from : nextMonth(from)
  const fullEnd = firstOfMonth(until)
  if (fullStart > fullEnd) return partialMonth(from, until) // inside one month
  const parts: RangePart[] = []
  if (fullStart < fullEnd) parts.push({ grain: 'month', from: fullStart, until: fullEnd, sign: 1 })
  if (from < fullStart) parts.push(...partialMonth(from, fullStart))
  if (fullEnd < until) parts.push(...partialMonth(fullEnd, until))
  return parts
}

/** Everything dated on or before `day`, as simple ranges (see rangeParts). */
export function upToParts(day: string): RangePart[] {
  const month = firstOfMonth(day)
  return [{ grain: 'month', from: '0001-01-01', until: month, sign: 1 }, ...partialMonth(month, addDays(day, 1))]
}
