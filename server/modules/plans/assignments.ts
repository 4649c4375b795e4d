/**
 * The heads of a task's lead unit (or of the nearest unit above it with one) are told
 * when their unit is given a task of an issued plan: when the plan is approved, when a
 * task is added to an approved plan, and when a task moves to their unit.
 */
import type { Db } from '../../../db/client.ts'
import type { Actor } from '../../lib/permissions.ts'
import { responsibleHeads } from '../notifications/recipients.ts'
import { notify } from '../notifications/service.ts'

export interface AssignedTask {
  id: string
  planId: string
  planNumber: string
  position: number
  content: string
  deadline: string
  leadUnitId: string
  leadUnitName: string
}

/** How a task is named in notifications: the plan's number and the task's place in it. */
export const taskCode = (planNumber: string, position: number) => `${planNumber} #${position}`

/** Tells the heads of each task's lead unit that their unit leads it (once per task). */
export async function notifyAssigned(db: Db, tasks: AssignedTask[], actor: Actor) {
  const heads = await responsibleHeads(db, [...new Set(tasks.map((t) => t.leadUnitId))])
  for (const t of tasks) {
    const code = taskCode(t.planNumber, t.position)
    await notify(db, {
      userIds: (heads.get(t.leadUnitId) ?? []).filter((u) => u !== actor.userId),
      kind: 'plan_task.assigned',
      title: `${code}: ${t.leadUnitName} leads a task due ${t.deadline}: ${t.content}`,
      params: { code, title: t.content, dueDate: t.deadline, unit: t.leadUnitName },
      link: `/plans/${t.planId}/tasks/${t.id}`,
      entityType: 'plan_task',
      entityId: t.id,
      dedupeKey: `plan_task:${t.id}:assigned`,
    })
  }
}
