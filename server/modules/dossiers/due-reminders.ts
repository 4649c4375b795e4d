/**
 * The scheduled job that tells the heads of a dossier's handling unit when it nears its due
 * date (due by the close of the next working day) and when it is overdue (issue 18: a
 * hand-off the one-stop shop depends on); where the unit has no head, the managers. Keyed by dossier, step and due date, so a moved
 * due date reminds again; a backlog (the first run on years of history) reaches each head
 * as one digest for the day.
 */
import { and, eq, inArray, lte } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { dossiers, orgUnits } from '../../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { loadWorkingCalendar } from '../calendar/service.ts'
import { notifyMany, type NotificationInput } from '../notifications/service.ts'
import { responsibleHeads, usersWithRole } from '../notifications/recipients.ts'

export async function remindDossiersDue(db: Db, env: ServiceEnv): Promise<{ dossiers: number; created: number }> {
  const calendar = await loadWorkingCalendar(db, env.config)
  // What a dossier received now would be due by with one working day: the close of the next working day.
  const horizon = calendar.dueAt(env.now, 1)
  // The clock stops while a supplement is awaited: only dossiers being handled are reminded.
  const due = await db
    .select({ id: dossiers.id, code: dossiers.code, applicant: dossiers.applicantName, dueAt: dossiers.dueAt, unitId: dossiers.orgUnitId, unitName: orgUnits.name })
    .from(dossiers)
    .innerJoin(orgUnits, eq(orgUnits.id, dossiers.orgUnitId))
    .where(and(inArray(dossiers.status, ['received', 'processing']), lte(dossiers.dueAt, horizon)))
  if (!due.length) return { dossiers: 0, created: 0 }
  const heads = await responsibleHeads(db, [...new Set(due.map((d) => d.unitId))])
  // A unit with no head who signs in (nor one above it): the leadership is told instead.
  const managers = due.some((d) => !heads.get(d.unitId)?.length) ? await usersWithRole(db, 'manager') : []
  const today = agencyToday(env)
  const pending: NotificationInput[] = due.map((d) => {
    const overdue = d.dueAt < env.now
    const dueAt = d.dueAt.toISOString()
    return {
      userIds: heads.get(d.unitId)?.length ? heads.get(d.unitId)! : managers,
      kind: overdue ? 'dossier.overdue' : 'dossier.due_soon',
      title: overdue ? `Dossier ${d.code} of ${d.unitName} is overdue (due ${dueAt})` : `Dossier ${d.code} of ${d.unitName} is due ${dueAt}`,
      params: { code: d.code, title: d.applicant, unit: d.unitName, dueAt },
      link: `/dossiers/${d.id}`,
      entityType: 'dossier',
      entityId: d.id,
      dedupeKey: `dossier:${d.id}:${overdue ? 'overdue' : 'due-soon'}:${dueAt}`,
    }
  })
  const created = await notifyMany(db, pending, {
    after: env.config.notifyDigestAfter,
    make: (userId, items) => {
      const overdue = items.filter((i) => i.kind === 'dossier.overdue').length
      return {
        userIds: [userId],
        kind: 'dossier.digest',
        title: `${items.length} dossiers of your units need attention: ${overdue} overdue, ${items.length - overdue} due by the next working day`,
        params: { count: items.length, overdue, dueSoon: items.length - overdue, date: today },
        link: '/dossiers?overdue=true',
        dedupeKey: `dossier-digest:${today}`,
      }
    },
  })
  return { dossiers: due.length, created }
}
