/**
 * A task left undone, late or done badly is a nonconformity against the plan (ISO 9001
 * 6.2, 10.2): raise one from it (source `plan_task`), in the task's lead unit. The task is
 * not changed, so no If-Match is needed; a task has at most one live nonconformity (409
 * naming it, enforced by the nonconformity register).
 */
import type { Db } from '../../../db/client.ts'
import { vnDate } from '../../lib/table-export.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { raiseNonconformity } from '../nonconformities/service.ts'
import type { PlanTaskParams, RaiseNcFromTask } from './schemas.ts'
import { readableTask } from './tasks.ts'

export async function raiseNcFromTask(db: Db, actor: Actor, params: PlanTaskParams, input: RaiseNcFromTask, env: ServiceEnv) {
  requirePermission(actor, 'nonconformity.create')
  const found = await readableTask(db, actor, params.id, params.taskId)
  const t = found.task
  const plan = `Kế hoạch số ${found.plan.number}`
  return db.transaction((tx) =>
    raiseNonconformity(
      tx,
      actor,
      {
        source: 'plan_task',
        sourceId: t.id,
        orgUnitId: t.leadUnitId,
        title: input.title ?? `Nhiệm vụ ${t.position} của ${plan} chưa đạt yêu cầu: ${t.content.slice(0, 200)}`,
        description: input.description ?? [`${plan}, nhiệm vụ ${t.position}: ${t.content}`, `Sản phẩm: ${t.expectedOutput ?? '—'}; thời hạn ${vnDate(t.deadline)}.`].join('\n'),
        severity: input.severity ?? 'minor',
        clauseNumbers: ['6.2'],
        dueDate: input.dueDate,
      },
      env,
    ),
  )
}
