import { and, asc, eq, gte, lte, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { calendarDays, type CalendarDayRow } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { keyset, textKey } from '../../lib/pagination.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { conflict, fieldError, invalidField, notFound } from '../../lib/problems.ts'
import { recordAudit } from '../audit-log/service.ts'
import type { CalendarDay, CalendarDayQuery, CreateCalendarDay, UpdateCalendarDay } from './schemas.ts'
import { isWeekend, WorkingCalendar, type OfficeHours } from './working-days.ts'

export function toCalendarDay(row: CalendarDayRow): CalendarDay {
  return {
    id: row.id,
    date: row.date,
    kind: row.kind,
    name: row.name,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** The whole calendar (a few dozen rows a year) as a WorkingCalendar. */
export async function loadWorkingCalendar(db: Db, hours: OfficeHours): Promise<WorkingCalendar> {
  const rows = await db.select({ date: calendarDays.date, kind: calendarDays.kind }).from(calendarDays)
  return new WorkingCalendar(
    {
      holidays: rows.filter((r) => r.kind === 'holiday').map((r) => r.date),
      workingDays: rows.filter((r) => r.kind === 'working_day').map((r) => r.date),
    },
    hours,
  )
}

export async function listCalendarDays(db: Db, actor: Actor, query: CalendarDayQuery) {
  requirePermission(actor, 'calendar.read')
  const page = keyset([textKey(calendarDays.date, (r) => r.date)], query)
  const rows = await db
    .select()
    .from(calendarDays)
    .where(
      and(
        query.year ? and(gte(calendarDays.date, `${query.year}-01-01`), lte(calendarDays.date, `${query.year}-12-31`)) : undefined,
        query.from ? gte(calendarDays.date, query.from) : undefined,
        query.to ? lte(calendarDays.date, query.to) : undefined,
        query.kind ? eq(calendarDays.kind, query.kind) : undefined,
        page.where,
      ),
    )
    .orderBy(asc(calendarDays.date))
    .limit(page.limit)
  return page.page(rows, toCalendarDay)
}

async function findCalendarDay(db: Db, id: string, forUpdate = false) {
  const query = db.select().from(calendarDays).where(eq(calendarDays.id, id))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw notFound('calendar-day', id)
  return row
}

export async function getCalendarDay(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'calendar.read')
  return toCalendarDay(await findCalendarDay(db, id))
}

/** A compensatory working day only makes sense on a weekend; a holiday on a weekend changes nothing. */
function assertSensible(date: string, kind: CalendarDay['kind']) {
  if (kind === 'working_day' && !isWeekend(date)) {
    throw invalidField('date', 'calendar.compensatory-on-weekday')
  }
}

async function assertDateFree(db: Db, date: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: calendarDays.id })
    .from(calendarDays)
    .where(and(eq(calendarDays.date, date), exceptId ? sql`${calendarDays.id} <> ${exceptId}` : undefined))
  if (clash) throw conflict('calendar.duplicate', { date }, [fieldError('date', 'calendar.field-duplicate')])
}

export async function createCalendarDay(db: Db, actor: Actor, input: CreateCalendarDay) {
  requirePermission(actor, 'calendar.write')
  assertSensible(input.date, input.kind)
  return db.transaction(async (tx) => {
    await assertDateFree(tx, input.date)
    const [row] = await tx.insert(calendarDays).values(input).returning()
    const day = toCalendarDay(row)
    await recordAudit(tx, actor, { action: 'calendar_day.create', entityType: 'calendar_day', entityId: day.id, after: day })
    return day
  })
}

export async function updateCalendarDay(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateCalendarDay, env: ServiceEnv) {
  requirePermission(actor, 'calendar.write')
  return db.transaction(async (tx) => {
    const current = await findCalendarDay(tx, id, true)
    assertVersion(current, expectedVersion)
    const date = input.date ?? current.date
    const kind = input.kind ?? current.kind
    assertSensible(date, kind)
    if (date !== current.date) await assertDateFree(tx, date, id)
    const [row] = await tx
      .update(calendarDays)
      .set({ date, kind, name: input.name ?? current.name, version: current.version + 1, updatedAt: env.now })
      .where(eq(calendarDays.id, id))
      .returning()
    const after = toCalendarDay(row)
    await recordAudit(tx, actor, { action: 'calendar_day.update', entityType: 'calendar_day', entityId: id, before: toCalendarDay(current), after })
    return after
  })
}

/** Calendar entries are reference data: a wrong one is removed (and the removal audited). */
export async function deleteCalendarDay(db: Db, actor: Actor, id: string, expectedVersion: number | undefined) {
  requirePermission(actor, 'calendar.write')
  await db.transaction(async (tx) => {
    const current = await findCalendarDay(tx, id, true)
    assertVersion(current, expectedVersion)
    await tx.delete(calendarDays).where(eq(calendarDays.id, id))
    await recordAudit(tx, actor, { action: 'calendar_day.delete', entityType: 'calendar_day', entityId: id, before: toCalendarDay(current) })
  })
}
