/** Dates as people type and read them (dd/mm/yyyy, 24-hour time) and as the API and date inputs carry them (yyyy-mm-dd, yyyy-mm-ddThh:mm). */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** `yyyy-mm-dd` → `dd/mm/yyyy`; anything else as it is. */
export function displayDate(iso: string): string {
  const m = ISO_DATE.exec(iso)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso
}

/**
 * What a person typed, as `yyyy-mm-dd`: `27/05/2020`, `27-5-2020`, `27.05.2020`, `27052020`
 * or `2020-05-27`; null when it is not a whole, real date (a four-digit year is required,
 * so a half-typed year is not taken for one).
 */
export function parseDate(text: string): string | null {
  const t = text.trim()
  let d: number, mo: number, y: number
  let m = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t)
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  else return null
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

/** `yyyy-mm-ddThh:mm` → `dd/mm/yyyy hh:mm`; anything else as it is. */
export function displayDateTime(value: string): string {
  const m = LOCAL_DATE_TIME.exec(value)
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : value
}

/**
 * A date and a 24-hour time as `yyyy-mm-ddThh:mm` (a datetime-local value): the date in any
 * form parseDate reads, the time before or after it (`27/05/2020 14:30`, `14:30 27/05/2020`,
 * `14h30 27/5/2020`, `270520201430`); null when it is not both.
 */
export function parseDateTime(text: string): string | null {
  const t = text.trim().replace(/\s+/g, ' ')
  let parts: [date: string, hour: string, minute: string] | null = null
  let m: RegExpExecArray | null
  if ((m = /^(\d{8})(\d{2})(\d{2})$/.exec(t))) parts = [m[1], m[2], m[3]]
  else if ((m = /^(.+?)[ T](\d{1,2})[:h](\d{2})$/.exec(t))) parts = [m[1], m[2], m[3]]
  else if ((m = /^(\d{1,2})[:h](\d{2}) (.+)$/.exec(t))) parts = [m[3], m[1], m[2]]
  if (!parts) return null
  const [datePart, hour, minute] = parts
  const date = parseDate(datePart)
  if (!date || Number(hour) > 23 || Number(minute) > 59) return null
  return `${date}T${hour.padStart(2, '0')}:${minute}`
}

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `at` (ms). */
function zoneOffset(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  )
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(at / 1000) * 1000
}

/**
 * What a datetime field gives (`yyyy-mm-ddThh:mm`, a wall time in `timeZone`, or in the
 * device's zone without one) as an instant; text that is not one as it is, for the server to name.
 */
export function localInstant(value: string, timeZone?: string): string | undefined {
  if (!value) return undefined
  const m = LOCAL_DATE_TIME.exec(value)
  if (!m) return value
  if (!timeZone) {
    const at = new Date(value)
    return Number.isNaN(at.getTime()) ? value : at.toISOString()
  }
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))
  // The offset at the wall time read as UTC, then at the instant it gives (right across a DST change).
  const first = wall - zoneOffset(wall, timeZone)
  return new Date(wall - zoneOffset(first, timeZone)).toISOString()
}
