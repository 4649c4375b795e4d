/**
 * Working-day arithmetic for the one-stop shop, in the agency's time zone.
 * The rule (docs/dossiers.md, "Working days and due dates"):
 *
 * - A working day is Monday–Friday, unless it is a holiday (or compensatory day off) in
 *   the calendar; a Saturday or Sunday marked as a compensatory working day is one too.
 * - An instant counts for its own local date when that is a working day and the time is
 *   before the office closes; otherwise for the next working day ("effective day").
 * - dueAt = closing time on the N-th working day after the effective day of receipt.
 * - A supplement request stops the clock; when the supplement arrives the due date moves
 *   by the working days between the two effective days.
 * - Timeliness: late after dueAt; early when resolved on a local date before the due
 *   date; otherwise on time.
 *
 * Dates are `YYYY-MM-DD` strings; instants are `Date`s.
 */
import type { Timeliness } from '../../../db/schema/dossiers.ts'
import { addDays } from '../../lib/clock.ts'

export interface OfficeHours {
  /** IANA zone, e.g. Asia/Ho_Chi_Minh. */
  timeZone: string
  /** Minutes after local midnight. */
  officeOpen: number
  officeClose: number
}

/** Far more working days than any procedure takes: stops a runaway loop on a broken calendar. */
const MAX_SCAN_DAYS = 3660

const toUtcMs = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (date: string) => new Date(toUtcMs(date)).getUTCDay()
export const isWeekend = (date: string) => {
  const d = weekday(date)
  return d === 0 || d === 6
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string) {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/**
 * The zone's offset from UTC at an instant. Offsets only change on quarter-hour
 * boundaries, so they are cached per quarter hour: Intl is slow, and an import of
 * 50,000 dossiers asks this a million times.
 */
const QUARTER_HOUR = 900_000
const offsetCache = new Map<string, Map<number, number>>()
function offsetAt(ms: number, timeZone: string): number {
  let cache = offsetCache.get(timeZone)
  if (!cache) offsetCache.set(timeZone, (cache = new Map()))
  const key = Math.floor(ms / QUARTER_HOUR)
  let offset = cache.get(key)
  if (offset === undefined) {
    const at = key * QUARTER_HOUR
    const parts: Record<string, string> = {}
    for (const p of formatter(timeZone).formatToParts(new Date(at))) parts[p.type] = p.value
    const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second))
    offset = asUtc - at
    if (cache.size > 200_000) cache.clear()
    cache.set(key, offset)
  }
  return offset
}

/** The wall-clock reading of an instant in a zone. */
export function wallClock(instant: Date, timeZone: string): { date: string; minutes: number; offsetMs: number } {
  const offsetMs = offsetAt(instant.getTime(), timeZone)
  const local = new Date(instant.getTime() + offsetMs)
  return { date: local.toISOString().slice(0, 10), minutes: local.getUTCHours() * 60 + local.getUTCMinutes(), offsetMs }
}

/** The instant at `minutes` after local midnight of `date` in the zone (the earlier one in a DST overlap). */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const wall = toUtcMs(date) + minutes * 60_000
  // Two passes settle the offset around a change (zones with DST); one suffices for UTC+7.
  let guess = wall - wallClock(new Date(wall), timeZone).offsetMs
  guess = wall - wallClock(new Date(guess), timeZone).offsetMs
  return new Date(guess)
}

/** [start, end) of a local date range as instants: `from` 00:00 to the midnight after `to`. */
export function localDayRange(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  return { start: zonedInstant(from, 0, timeZone), end: zonedInstant(addDays(to, 1), 0, timeZone) }
}

export interface CalendarExceptions {
  /** Weekdays that are not worked: public holidays and compensatory days off. */
  holidays: Iterable<string>
  /** Weekend days that are worked (compensatory working days). */
  workingDays: Iterable<string>
}

export class WorkingCalendar {
  private readonly holidays: Set<string>
  private readonly workingDays: Set<string>
  /** Answers already computed: an import asks the same few hundred questions thousands of times. */
  private readonly workingDayMemo = new Map<string, boolean>()
  private readonly addMemo = new Map<string, string>()

  constructor(exceptions: CalendarExceptions, readonly hours: OfficeHours) {
    this.holidays = new Set(exceptions.holidays)
    this.workingDays = new Set(exceptions.workingDays)
  }

  isWorkingDay(date: string): boolean {
    let answer = this.workingDayMemo.get(date)
    if (answer === undefined) {
      answer = this.workingDays.has(date) || (!this.holidays.has(date) && !isWeekend(date))
      this.workingDayMemo.set(date, answer)
    }
    return answer
  }

  /** The first working day on or after `date`. */
  onOrAfter(date: string): string {
    let d = date
    for (let i = 0; i < MAX_SCAN_DAYS; i++, d = addDays(d, 1)) if (this.isWorkingDay(d)) return d
    throw new Error(`No working day within ${MAX_SCAN_DAYS} days of ${date}: check the holiday calendar.`)
  }

  /** The `n`-th working day after `date` (`n` = 0 gives `date` itself). */
  addWorkingDays(date: string, n: number): string {
    const key = `${date}+${n}`
    let found = this.addMemo.get(key)
    if (found === undefined) {
      found = this.scanWorkingDays(date, n)
      this.addMemo.set(key, found)
    }
    return found
  }

  private scanWorkingDays(date: string, n: number): string {
    let d = date
    for (let left = n, scanned = 0; left > 0; scanned++) {
      if (scanned > MAX_SCAN_DAYS) throw new Error(`No ${n} working days within ${MAX_SCAN_DAYS} days of ${date}: check the holiday calendar.`)
      d = addDays(d, 1)
      if (this.isWorkingDay(d)) left--
    }
    return d
  }

  /** Working days d with a < d ≤ b (0 when b ≤ a). */
  workingDaysBetween(a: string, b: string): number {
    let n = 0
    for (let d = addDays(a, 1), scanned = 0; d <= b; d = addDays(d, 1), scanned++) {
      if (scanned > MAX_SCAN_DAYS * 10) throw new Error('Date range too long')
      if (this.isWorkingDay(d)) n++
    }
    return n
  }

  /** The working day an instant counts for: its own date on a working day before closing, else the next working day. */
  effectiveDay(instant: Date): string {
    const { date, minutes } = wallClock(instant, this.hours.timeZone)
    if (this.isWorkingDay(date) && minutes < this.hours.officeClose) return date
    return this.onOrAfter(addDays(date, 1))
  }

  /** Closing time of a local date. */
  closingTime(date: string): Date {
    return zonedInstant(date, this.hours.officeClose, this.hours.timeZone)
  }

  /** Closing time on the `processingDays`-th working day after the effective day of receipt. */
  dueAt(receivedAt: Date, processingDays: number): Date {
    return this.closingTime(this.addWorkingDays(this.effectiveDay(receivedAt), processingDays))
  }

  /** Working days the clock stood still between a supplement request and the supplement's arrival. */
  pausedWorkingDays(pausedAt: Date, resumedAt: Date): number {
    return this.workingDaysBetween(this.effectiveDay(pausedAt), this.effectiveDay(resumedAt))
  }

  /** The due instant moved by `n` working days, keeping its time of day. */
  moveDue(dueAt: Date, n: number): Date {
    if (n <= 0) return dueAt
    const { date, minutes } = wallClock(dueAt, this.hours.timeZone)
    return zonedInstant(this.addWorkingDays(date, n), minutes, this.hours.timeZone)
  }

  /** early: resolved on a date before the due date; on_time: up to dueAt; late: after it. */
  timeliness(resolvedAt: Date, dueAt: Date): Timeliness {
    if (resolvedAt.getTime() > dueAt.getTime()) return 'late'
    return wallClock(resolvedAt, this.hours.timeZone).date < wallClock(dueAt, this.hours.timeZone).date ? 'early' : 'on_time'
  }
}
