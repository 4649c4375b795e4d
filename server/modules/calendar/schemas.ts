import { Type, type Static } from 'typebox'
import { CALENDAR_DAY_KINDS } from '../../../db/schema/calendar.ts'
import { DateOnly, DateTime, ListQuery, Page, Uuid, Version } from '../../lib/schemas.ts'

export const CalendarDayKind = Type.Enum([...CALENDAR_DAY_KINDS], {
  description: '`holiday`: a weekday not worked (public holiday, compensatory day off); `working_day`: a Saturday or Sunday worked to make up for one',
})

export const CalendarDay = Type.Object({
  id: Uuid,
  date: DateOnly,
  kind: CalendarDayKind,
  name: Type.String(),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type CalendarDay = Static<typeof CalendarDay>

const Name = Type.String({ minLength: 1, maxLength: 200 })

export const CreateCalendarDay = Type.Object({ date: DateOnly, kind: CalendarDayKind, name: Name }, { additionalProperties: false })
export type CreateCalendarDay = Static<typeof CreateCalendarDay>

export const UpdateCalendarDay = Type.Object(
  { date: Type.Optional(DateOnly), kind: Type.Optional(CalendarDayKind), name: Type.Optional(Name) },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateCalendarDay = Static<typeof UpdateCalendarDay>

export const CalendarDayQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2999, description: 'Only this calendar year' })),
  from: Type.Optional(DateOnly),
  to: Type.Optional(DateOnly),
  kind: Type.Optional(CalendarDayKind),
  ...ListQuery,
})
export type CalendarDayQuery = Static<typeof CalendarDayQuery>

export const CalendarDayPage = Page(CalendarDay)
