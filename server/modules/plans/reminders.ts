/**
 * The reminder job for plan tasks, on the nonconformity escalation's ladder
 * (`escalationSteps`, the same QMS_REMIND_DAYS_BEFORE_DUE and QMS_ESCALATE_TO_MANAGER_DAYS):
 * for every open task of an approved plan, the heads of its lead unit are reminded before
 * the deadline and told once it has passed; the managers once it is
 * `escalateToManagerDays` overdue. Keys name the task, the step and the deadline, so a
 * repeated run creates nothing and a moved deadline starts again. A backlog reaches each
 * person as one digest.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { orgUnits, plans, planTasks } from '../../../db/schema/index.ts'
import { addDays, agencyToday, daysBetween, type ServiceEnv } from '../../lib/clock.ts'
import { escalationSteps } from '../nonconformities/escalation.ts'
import { responsibleHeads, usersWithRole } from '../notifications/recipients.ts'
import { notifyMany, type NotificationInput } from '../notifications/service.ts'
import { taskCode } from './assignments.ts'

export async function remindPlanTasks(db: Db, env: ServiceEnv): Promise<{ created: number; tasks: number }> {
  const { config } = env
  const today = agencyToday(env)
  const due = await db
    .select({
      id: planTasks.id,
      planId: planTasks.planId,
      planNumber: plans.number,
      position: planTasks.position,
      content: planTasks.content,
      deadline: planTasks.deadline,
      unitId: planTasks.leadUnitId,
      unitName: orgUnits.name,
    })
    .from(planTasks)
    .innerJoin(plans, eq(plans.id, planTasks.planId))
    .innerJoin(orgUnits, eq(orgUnits.id, planTasks.leadUnitId))
    .where(and(eq(plans.status, 'approved'), inArray(planTasks.status, ['not_started', 'in_progress']), sql`${planTasks.deadline} <= ${addDays(today, config.remindDaysBeforeDue)}::date`))

  const heads = await responsibleHeads(db, [...new Set(due.map((t) => t.unitId))])
  const managers = due.some((t) => daysBetween(t.deadline, today) >= Math.max(1, config.escalateToManagerDays)) ? await usersWithRole(db, 'manager') : []

  const pending: NotificationInput[] = []
  for (const t of due) {
    const daysOverdue = daysBetween(t.deadline, today)
    const code = taskCode(t.planNumber, t.position)
    const base = {
      params: { code, title: t.content, dueDate: t.deadline, daysOverdue: Math.max(0, daysOverdue), unit: t.unitName },
      link: `/plans/${t.planId}/tasks/${t.id}`,
      entityType: 'plan_task',
      entityId: t.id,
    }
    const key = (step: string) => `plan_task:${t.id}:${step}:${t.deadline}`
    const unitHeads = heads.get(t.unitId) ?? []
    for (const step of escalationSteps({ daysOverdue, dueDate: t.deadline }, config)) {
      if (step === 'due_soon') pending.push({ ...base, userIds: unitHeads, kind: 'plan_task.due_soon', title: `${code} (${t.unitName}) is due ${t.deadline}: ${t.content}`, dedupeKey: key('due-soon') })
      if (step === 'overdue') pending.push({ ...base, userIds: unitHeads, kind: 'plan_task.overdue', title: `${code} (${t.unitName}) is overdue (due ${t.deadline}): ${t.content}`, dedupeKey: key('overdue') })
      if (step === 'manager') {
        pending.push({ ...base, userIds: managers, kind: 'plan_task.overdue_manager', title: `${code} (${t.unitName}) is ${daysOverdue} days overdue: ${t.content}`, dedupeKey: key('overdue-manager') })
      }
    }
  }
  const created = await notifyMany(db, pending, {
    after: config.notifyDigestAfter,
    make: (userId, items) => {
      const overdue = items.filter((i) => i.kind.includes('overdue')).length
      return {
        userIds: [userId],
        kind: 'plan_task.digest',
        title: `${items.length} plan tasks need attention: ${overdue} overdue, ${items.length - overdue} due soon`,
        params: { count: items.length, overdue, dueSoon: items.length - overdue, date: today },
        link: '/plan-tasks?overdue=true',
        dedupeKey: `plan-task-digest:${today}`,
      }
    },
  })
  return { created, tasks: due.length }
}
