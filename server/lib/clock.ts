/**
 * Time as the application sees it. The app takes a `Clock` (tests pass one they can
 * move); due dates are calendar dates in the agency's time zone (QMS_TIMEZONE), so
 * "today" depends on that zone, not on the server's.
 *
 * Services take a `ServiceEnv` (built per request by `app.env()`): the instant of the
 * request from the app's clock, and the configuration with the agency's zone.
 */
import type { Config } from '../config.ts'

/** Returns the current instant; `buildApp({ clock })` lets tests control it. */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

/** What a service needs besides the database and the actor: the time and the settings. */
export interface ServiceEnv {
  /** "Now" for this request, from the app's clock. */
  now: Date
  config: Config
}

/** The environment of one request (or job run): the clock read once, and the configuration. */
export const serviceEnv = (clock: Clock, config: Config): ServiceEnv => ({ now: clock(), config })

/** Today's date (`YYYY-MM-DD`) in the agency's time zone. */
export const agencyToday = (env: Pick<ServiceEnv, 'now'> & { config: Pick<Config, 'timeZone'> }): string => localDate(env.now, env.config.timeZone)

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
