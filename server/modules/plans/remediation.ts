/**
 * The remediation plan of a PAR index self-assessment (issue 17): the criteria that lost
 * points become tasks of a plan the manager chooses, one task per criterion (source
 * `par_criterion`), several in one request — all of them or none. A criterion already
 * taken up by a live (not cancelled) task of that plan is refused (409 naming it).
 */
import { eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { parAssessments, parCriteria, planTasks } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { fieldError, type FieldError } from '../../lib/problems.ts'
import { referenceProblem, requireReference } from '../../lib/references.ts'
import { recordAudit } from '../audit-log/service.ts'
import { remediationCandidates } from '../par-index/service.ts'
import { notifyAssigned } from './assignments.ts'
import type { CreateRemediationTasks, PlanTask } from './schemas.ts'
import { findPlan, PLAN_WORKFLOW } from './service.ts'
import { checkArea, checkUnits, refuseTakenCriteria, selectTasks, setSupportUnits, toPlanTask } from './tasks.ts'

export async function createRemediationTasks(db: Db, actor: Actor, planId: string, input: CreateRemediationTasks, env: ServiceEnv): Promise<{ items: PlanTask[] }> {
  requirePermission(actor, 'plan.write')
  return db.transaction(async (tx) => {
    const plan = await findPlan(tx, planId, true)
    PLAN_WORKFLOW.assert('add-task', plan.plan.status, { action: 'add-a-task-to' })
    const support = input.supportUnitIds ?? []
    const areaIds = [...new Set([input.areaId, ...input.items.map((i) => i.areaId ?? input.areaId)])]
    for (const areaId of areaIds) await checkArea(tx, areaId)
    const leadIds = [...new Set([input.leadUnitId, ...input.items.map((i) => i.leadUnitId ?? input.leadUnitId)])]
    for (const leadId of leadIds) await checkUnits(tx, leadId, support)

    // Each criterion: of the assessment's set, listed once, and lost points (the candidates carry the task's wording).
    const [assessment] = await tx.select({ id: parAssessments.id }).from(parAssessments).where(eq(parAssessments.id, input.assessmentId))
    await requireReference('assessmentId', 'par-assessment', assessment)
    const remediation = await remediationCandidates(tx, actor, input.assessmentId, env)
    const candidates = new Map(remediation.items.map((c) => [c.criterionId, c]))
    const ids = input.items.map((i) => i.criterionId)
    const known = new Set(
      (await tx.select({ id: parCriteria.id }).from(parCriteria).where(inArray(parCriteria.id, ids))).map((r) => r.id),
    )
    const errors: FieldError[] = []
    input.items.forEach((item, i) => {
      const path = `items.${i}.criterionId`
      if (ids.indexOf(item.criterionId) < i) errors.push(fieldError(path, 'plan.field-criterion-repeated'))
      else if (!known.has(item.criterionId)) errors.push(fieldError(path, 'field.reference', { kind: 'par-criterion' }))
      else if (!candidates.has(item.criterionId)) errors.push(fieldError(path, 'plan.field-criterion-no-points-lost'))
    })
    if (errors.length) throw referenceProblem(errors)
    await refuseTakenCriteria(tx, planId, input.items.map((item, i) => ({ criterionId: item.criterionId, path: `items.${i}.criterionId` })))

    const [{ last }] = await tx.select({ last: sql<number>`coalesce(max(${planTasks.position}), 0)::int` }).from(planTasks).where(eq(planTasks.planId, planId))
    const rows = await tx
      .insert(planTasks)
      .values(
        input.items.map((item, i) => ({
          planId,
          position: Number(last) + 1 + i,
          areaId: item.areaId ?? input.areaId,
          content: item.content?.trim() || candidates.get(item.criterionId)!.suggestedTask,
          leadUnitId: item.leadUnitId ?? input.leadUnitId,
          deadline: item.deadline ?? input.deadline,
          source: 'par_criterion' as const,
          sourceId: item.criterionId,
          createdById: actor.via === 'system' ? null : actor.userId,
          createdAt: env.now,
          updatedAt: env.now,
        })),
      )
      .returning({ id: planTasks.id })
    for (const row of rows) await setSupportUnits(tx, row.id, support)
    const created = await selectTasks(tx).where(inArray(planTasks.id, rows.map((r) => r.id))).orderBy(planTasks.position)
    const items = created.map((r) => toPlanTask(r, actor, env))
    if (plan.plan.status === 'approved') {
      await notifyAssigned(
        tx,
        items.map((t) => ({ id: t.id, planId, planNumber: plan.plan.number, position: t.position, content: t.content, deadline: t.deadline, leadUnitId: t.leadUnit.id, leadUnitName: t.leadUnit.name })),
        actor,
      )
    }
    for (const t of items) {
      const { allowedActions: _a, overdue: _o, dueSoon: _d, lastUpdate: _l, ...after } = t
      await recordAudit(tx, actor, { action: 'plan_task.create', entityType: 'plan_task', entityId: t.id, after: { ...after, assessmentId: input.assessmentId } })
    }
    return { items }
  })
}
