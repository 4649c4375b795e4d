/**
 * The escalation job: reminders and escalations for due dates, as in-app notifications.
 *
 * For every open action of an NC whose plan stands (action_planned or in_progress), with
 * N = days overdue = today − due date in the agency's time zone:
 * - its owner, `remindDaysBeforeDue` days before the due date (and up to the due date);
 * - its owner, once overdue (N ≥ 1);
 * - the heads of the NC's unit, once N ≥ `escalateToHeadDays`;
 * - the managers, once N ≥ `escalateToManagerDays`.
 * For the NC's own due date (the date by which it should be closed) the heads of its
 * unit stand in for the owner: reminded before, told when overdue, and the managers
 * once N ≥ `escalateToManagerDays`. The actions decided by management reviews (open,
 * with an owner and a due date) follow the owner's and the managers' steps of the same
 * ladder (a review has no unit head to tell).
 *
 * Each notification has a key made of the record, the step and the due date, so a run
 * repeated on the same day, or by another instance, creates nothing new, while a moved
 * due date starts the ladder again. A run that was missed catches up: all steps reached
 * by `now` are sent. A person who would get more than QMS_NOTIFY_DIGEST_AFTER new ones in
 * one run (a backlog) gets one digest for the day instead; the items are still recorded
 * under it, so they are not sent again one by one.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { actions, managementReviewDecisions, managementReviews, nonconformities, orgUnits } from '../../../db/schema/index.ts'
import type { Config } from '../../config.ts'
import { addDays, agencyToday, daysBetween, type ServiceEnv } from '../../lib/clock.ts'
import { notifyMany, type NotificationInput } from '../notifications/service.ts'
import { reviewCode } from '../management-reviews/inputs.ts'
import { ncCode } from './records.ts'
import { responsibleHeads, usersWithRole } from '../notifications/recipients.ts'

type Thresholds = Pick<Config, 'timeZone' | 'remindDaysBeforeDue' | 'escalateToHeadDays' | 'escalateToManagerDays'>

interface Due {
  /** Positive when overdue, 0 on the due date, negative before. */
  daysOverdue: number
  dueDate: string
}

/** Which steps of the ladder apply on a day (pure: tested on its own). */
export function escalationSteps({ daysOverdue }: Due, t: Thresholds): ('due_soon' | 'overdue' | 'head' | 'manager')[] {
  const steps: ('due_soon' | 'overdue' | 'head' | 'manager')[] = []
  if (daysOverdue <= 0 && -daysOverdue <= t.remindDaysBeforeDue) steps.push('due_soon')
  if (daysOverdue >= 1) steps.push('overdue')
  if (daysOverdue >= 1 && daysOverdue >= t.escalateToHeadDays) steps.push('head')
  if (daysOverdue >= 1 && daysOverdue >= t.escalateToManagerDays) steps.push('manager')
  return steps
}

export async function escalateNonconformities(db: Db, env: ServiceEnv): Promise<{ created: number; actions: number; nonconformities: number; reviewActions: number }> {
  const { config } = env
  const today = agencyToday(env)
  const horizon = addDays(today, config.remindDaysBeforeDue)
  const open = sql`${nonconformities.status} not in ('closed', 'cancelled')`

  const dueActions = await db
    .select({
      id: actions.id,
      description: actions.description,
      ownerId: actions.ownerId,
      dueDate: actions.dueDate,
      ncId: nonconformities.id,
      ncNumber: nonconformities.number,
      ncTitle: nonconformities.title,
      unitId: nonconformities.orgUnitId,
      unitName: orgUnits.name,
    })
    .from(actions)
    .innerJoin(nonconformities, eq(nonconformities.id, actions.nonconformityId))
    .innerJoin(orgUnits, eq(orgUnits.id, nonconformities.orgUnitId))
    .where(and(eq(actions.status, 'open'), inArray(nonconformities.status, ['action_planned', 'in_progress']), sql`${actions.dueDate} <= ${horizon}::date`))

  const dueNcs = await db
    .select({ id: nonconformities.id, number: nonconformities.number, title: nonconformities.title, dueDate: nonconformities.dueDate, unitId: nonconformities.orgUnitId, unitName: orgUnits.name })
    .from(nonconformities)
    .innerJoin(orgUnits, eq(orgUnits.id, nonconformities.orgUnitId))
    .where(and(open, sql`${nonconformities.dueDate} <= ${horizon}::date`))

  const dueReviewActions = await db
    .select({
      id: managementReviewDecisions.id,
      description: managementReviewDecisions.description,
      ownerId: sql<string>`${managementReviewDecisions.ownerId}`,
      dueDate: sql<string>`${managementReviewDecisions.dueDate}::text`,
      reviewId: managementReviews.id,
      number: managementReviews.number,
      reviewTitle: managementReviews.title,
      unitName: orgUnits.name,
    })
    .from(managementReviewDecisions)
    .innerJoin(managementReviews, eq(managementReviews.id, managementReviewDecisions.reviewId))
    .innerJoin(orgUnits, eq(orgUnits.id, managementReviews.orgUnitId))
    .where(and(eq(managementReviewDecisions.status, 'open'), sql`${managementReviewDecisions.dueDate} <= ${horizon}::date`))

  // Recipients for everything at once: no query per record.
  const heads = await responsibleHeads(db, [...new Set([...dueActions.map((a) => a.unitId), ...dueNcs.map((n) => n.unitId)])])
  const needsManagers = [...dueActions, ...dueNcs, ...dueReviewActions].some((r) => daysBetween(r.dueDate, today) >= Math.max(1, config.escalateToManagerDays))
  const managers = needsManagers ? await usersWithRole(db, 'manager') : []

  const pending: NotificationInput[] = []
  for (const a of dueActions) {
    const due = { daysOverdue: daysBetween(a.dueDate, today), dueDate: a.dueDate }
    const code = ncCode(a.ncNumber)
    const base = {
      params: { code, title: a.ncTitle, action: a.description, dueDate: a.dueDate, daysOverdue: Math.max(0, due.daysOverdue), unit: a.unitName },
      link: `/nonconformities/${a.ncId}`,
      entityType: 'action',
      entityId: a.id,
    }
    const key = (step: string) => `action:${a.id}:${step}:${a.dueDate}`
    for (const step of escalationSteps(due, config)) {
      if (step === 'due_soon') pending.push({ ...base, userIds: [a.ownerId], kind: 'action.due_soon', title: `${code}: your action is due ${a.dueDate}: ${a.description}`, dedupeKey: key('due-soon') })
      if (step === 'overdue') pending.push({ ...base, userIds: [a.ownerId], kind: 'action.overdue', title: `${code}: your action is overdue (due ${a.dueDate}): ${a.description}`, dedupeKey: key('overdue') })
      if (step === 'head') {
        // A head who owns the action has already been told as its owner.
        pending.push({ ...base, userIds: (heads.get(a.unitId) ?? []).filter((u) => u !== a.ownerId), kind: 'action.overdue_head', title: `${code}: an action in ${a.unitName} is ${due.daysOverdue} days overdue: ${a.description}`, dedupeKey: key('overdue-head') })
      }
      if (step === 'manager') {
        pending.push({ ...base, userIds: managers.filter((u) => u !== a.ownerId), kind: 'action.overdue_manager', title: `${code}: an action in ${a.unitName} is ${due.daysOverdue} days overdue: ${a.description}`, dedupeKey: key('overdue-manager') })
      }
    }
  }
  for (const n of dueNcs) {
    const due = { daysOverdue: daysBetween(n.dueDate, today), dueDate: n.dueDate }
    const code = ncCode(n.number)
    const base = {
      params: { code, title: n.title, dueDate: n.dueDate, daysOverdue: Math.max(0, due.daysOverdue), unit: n.unitName },
      link: `/nonconformities/${n.id}`,
      entityType: 'nonconformity',
      entityId: n.id,
    }
    const key = (step: string) => `nc:${n.id}:${step}:${n.dueDate}`
    const unitHeads = heads.get(n.unitId) ?? []
    for (const step of escalationSteps(due, config)) {
      if (step === 'due_soon') pending.push({ ...base, userIds: unitHeads, kind: 'nonconformity.due_soon', title: `${code} should be closed by ${n.dueDate}: ${n.title}`, dedupeKey: key('due-soon') })
      if (step === 'overdue') pending.push({ ...base, userIds: unitHeads, kind: 'nonconformity.overdue', title: `${code} is overdue (due ${n.dueDate}): ${n.title}`, dedupeKey: key('overdue') })
      if (step === 'manager') {
        pending.push({ ...base, userIds: managers, kind: 'nonconformity.overdue_manager', title: `${code} in ${n.unitName} is ${due.daysOverdue} days overdue: ${n.title}`, dedupeKey: key('overdue-manager') })
      }
    }
  }

  for (const a of dueReviewActions) {
    const due = { daysOverdue: daysBetween(a.dueDate, today), dueDate: a.dueDate }
    const code = reviewCode(a.number)
    const base = {
      params: { code, title: a.reviewTitle, action: a.description, dueDate: a.dueDate, daysOverdue: Math.max(0, due.daysOverdue), unit: a.unitName },
      link: `/management-reviews/${a.reviewId}`,
      entityType: 'management_review_decision',
      entityId: a.id,
    }
    const key = (step: string) => `review-action:${a.id}:${step}:${a.dueDate}`
    for (const step of escalationSteps(due, config)) {
      if (step === 'due_soon') pending.push({ ...base, userIds: [a.ownerId], kind: 'review_action.due_soon', title: `${code}: your review action is due ${a.dueDate}: ${a.description}`, dedupeKey: key('due-soon') })
      if (step === 'overdue') pending.push({ ...base, userIds: [a.ownerId], kind: 'review_action.overdue', title: `${code}: your review action is overdue (due ${a.dueDate}): ${a.description}`, dedupeKey: key('overdue') })
      if (step === 'manager') {
        pending.push({ ...base, userIds: managers.filter((u) => u !== a.ownerId), kind: 'review_action.overdue_manager', title: `${code}: a management review action is ${due.daysOverdue} days overdue: ${a.description}`, dedupeKey: key('overdue-manager') })
      }
    }
  }

  // A backlog (e.g. the first run on years of history) reaches each person as one digest, not hundreds of notifications.
  const created = await notifyMany(db, pending, {
    after: config.notifyDigestAfter,
    make: (userId, items) => {
      const overdue = items.filter((i) => i.kind.includes('overdue')).length
      const codes = [...new Set(items.map((i) => String(i.params?.code ?? '')).filter(Boolean))]
      const shown = `${codes.slice(0, 5).join(', ')}${codes.length > 5 ? ', …' : ''}`
      return {
        userIds: [userId],
        kind: 'escalation.digest',
        title: `${items.length} reminders on nonconformities and actions: ${overdue} overdue, ${items.length - overdue} due soon (${shown})`,
        params: { count: items.length, overdue, dueSoon: items.length - overdue, codes: shown, date: today },
        link: '/nonconformities?overdue=true',
        dedupeKey: `escalation-digest:${today}`,
      }
    },
  })
  return { created, actions: dueActions.length, nonconformities: dueNcs.length, reviewActions: dueReviewActions.length }
}
