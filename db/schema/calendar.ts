import { sql } from 'drizzle-orm'
import { check, date, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { id, timestamps, version } from './columns.ts'

export const CALENDAR_DAY_KINDS = ['holiday', 'working_day'] as const
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number]

/**
 * Exceptions to the Monday–Friday week: public holidays and compensatory days off
 * (`holiday`), and weekend days worked to make up for a bridged holiday (`working_day`).
 */
export const calendarDays = pgTable(
  'calendar_days',
  {
    id: id(),
    date: date('date').notNull(),
    kind: text('kind').notNull().$type<CalendarDayKind>(),
    name: text('name').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('calendar_days_date_key').on(t.date),
    check('calendar_days_kind_valid', sql`${t.kind} in ('holiday', 'working_day')`),
  ],
)

export type CalendarDayRow = typeof calendarDays.$inferSelect
