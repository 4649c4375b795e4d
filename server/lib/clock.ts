/**
 * Time as the application sees it. The app takes a `Clock` (tests pass one they can
 * move); due dates are calendar dates in the agency's time zone, so "today" depends on
 * the zone, not on the server's.
 */

/** Returns the current instant; `buildApp({ clock })` lets tests control it. */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

// Making a DateTimeFormat for a time zone costs about 75 µs (formatting with one: 2 µs),
// and lists ask for "today" on every request: one formatter per zone, kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** The calendar date (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone)
  // en-CA formats as YYYY-MM-DD.
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })))
  return format.format(instant)
}

/** `date` (`YYYY-MM-DD`) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Whole calendar days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}
