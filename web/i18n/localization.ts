/**
 * The localisation layer: @lit/localize in runtime mode. Code strings are English
 * (`msg('Save', { id: 'common.save' })`); Vietnamese, the default, comes from the
 * feature `*.vi.ts` files gathered in vi.ts. The choice persists in localStorage.
 */
import { configureLocalization, type LocaleModule } from '@lit/localize'
import { displayDate, ISO_DATE } from '../app/date-text.ts'
import * as vi from './vi.ts'

export const LOCALES = ['vi', 'en'] as const
export type Locale = (typeof LOCALES)[number]
const STORAGE_KEY = 'qms.locale'

const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['vi'],
  loadLocale: async () => vi as unknown as LocaleModule,
})

export { getLocale }

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return value === 'en' ? 'en' : 'vi'
  } catch {
    return 'vi'
  }
}

export async function useLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = locale
  await setLocale(locale)
}

/** Called once before the first render. */
export const initLocale = () => useLocale(storedLocale())

const intlLocale = () => (getLocale() === 'vi' ? 'vi-VN' : 'en-GB')

// The agency's time zone (from the session); until it is known, the device's.
let zone: string | undefined

/** Times are shown, and entered, in the agency's zone: a record reads the same on every device. */
export function useTimeZone(timeZone: string | undefined) {
  zone = timeZone
}

export const agencyTimeZone = () => zone

/** `date` (yyyy-mm-dd) plus `days` calendar days. */
export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Today in the agency's calendar, as yyyy-mm-dd. */
export const todayIso = (now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)

/** dd/MM/yyyy in Vietnamese (and in British English, which reads the same way); an instant, on its day in the agency's zone. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return ''
  // A calendar date has no zone: written as it is.
  if (typeof value === 'string' && ISO_DATE.test(value)) return displayDate(value)
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  return new Intl.DateTimeFormat(intlLocale(), { timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(date)
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return ''
  return `${formatDate(date)} ${new Intl.DateTimeFormat(intlLocale(), { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false }).format(date)}`
}

export const formatNumber = (value: number, digits = 0) =>
  new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)

/**
 * The one or the many form of a counted phrase, by the page language's plural rules:
 * `plural(n, one, other)`, each a function giving its msg() (the one form's id ends in `.one`).
 * Vietnamese has one form (both templates read the same); English has two.
 */
export function plural(count: number, one: () => string, other: () => string): string {
  return new Intl.PluralRules(intlLocale()).select(count) === 'one' ? one() : other()
}
