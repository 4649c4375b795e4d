/**
 * The web app's localisation layer on the server: the same message ids and Vietnamese
 * templates (web/i18n/vi.ts) worded for one recipient's language, and dates in the
 * agency's time zone, dd/MM/yyyy as in the app.
 */
import { isStrTagged, joinStringsAndValues, type msg } from '@lit/localize'
import type { MailLanguage } from '../../../db/schema/index.ts'
import { displayDate, ISO_DATE } from '../../../web/app/date-text.ts'
import { templates } from '../../../web/i18n/vi.ts'
import type { Wording } from '../../../web/features/notifications/notification-text.ts'

type Template = string | { strTag: true; strings: TemplateStringsArray | string[]; values: unknown[] }

const localized = templates as Record<string, Template>

export function wordingFor(language: MailLanguage, timeZone: string): Wording {
  const intl = language === 'vi' ? 'vi-VN' : 'en-GB'
  const day = new Intl.DateTimeFormat(intl, { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' })
  const time = new Intl.DateTimeFormat(intl, { timeZone, hour: '2-digit', minute: '2-digit', hour12: false })
  const word = (template: Template, options?: { id?: string }): string => {
    const target = language === 'vi' && options?.id ? localized[options.id] : undefined
    if (typeof target === 'string') return target
    if (target && isStrTagged(target as never)) {
      // The translation holds the indexes of the source's values, in its own order.
      const t = target as Exclude<Template, string>
      return joinStringsAndValues(t.strings as never, (template as Exclude<Template, string>).values as never, t.values as never)
    }
    return typeof template === 'string' ? template : joinStringsAndValues(template.strings as never, template.values as never)
  }
  const date = (value: string | Date | null) => {
    if (!value) return ''
    if (typeof value === 'string' && ISO_DATE.test(value)) return displayDate(value)
    const at = new Date(value)
    return Number.isNaN(at.getTime()) ? '' : day.format(at)
  }
  return {
    msg: word as unknown as typeof msg,
    date,
    dateTime: (value) => {
      const at = new Date(value)
      return Number.isNaN(at.getTime()) ? '' : `${date(at)} ${time.format(at)}`
    },
  }
}
