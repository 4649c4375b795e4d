/**
 * Administrative-reform plans (Kế hoạch cải cách hành chính năm N, e.g. 04/KH-BQL
 * implementing the province's 424/KH-UBND): managers write, approve and close them;
 * everyone with `plan.read` sees every plan (an agency-wide document) with its task
 * counts. Tasks live in tasks.ts, the reminders in reminders.ts, the report figures in
 * summary.ts.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import { attachments, orgUnits, planAreas, plans, planTasks, users, PLAN_STATUSES, type PlanRow, type PlanStatus } from '../../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { keyset, textKey } from '../../lib/pagination.ts'
import { can, requirePermission, type Actor } from '../../lib/permissions.ts'
import { badRequest, conflict, fieldError, notFound, type FieldError } from '../../lib/problems.ts'
import { missingReference, requireReference } from '../../lib/references.ts'
import { defineWorkflow } from '../../lib/workflow.ts'
import { claimAttachments } from '../attachments/service.ts'
import { recordAudit } from '../audit-log/service.ts'
import { toPlanArea } from './areas.ts'
import { notifyAssigned } from './assignments.ts'
import type { CreatePlan, Plan, PlanDetail, PlanQuery, TaskCounts, UpdatePlan } from './schemas.ts'

/**
 * What may happen to a plan in each status. `report` is a head's progress update on a
 * task: only an approved (issued) plan is reported on; a closed plan is read-only.
 */
export const PLAN_WORKFLOW = defineWorkflow('plan', PLAN_STATUSES, {
  update: { from: ['draft', 'approved'] },
  'add-task': { from: ['draft', 'approved'] },
  report: { from: ['approved'] },
  approve: { from: ['draft'], to: 'approved' },
  close: { from: ['approved'], to: 'closed' },
  reopen: { from: ['closed'], to: 'approved' },
})

const approver = alias(users, 'plan_approver')

function selectPlans(db: Db) {
  return db
    .select({
      plan: plans,
      unit: { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name },
      approvedBy: { id: approver.id, fullName: approver.fullName },
    })
    .from(plans)
    .innerJoin(orgUnits, eq(orgUnits.id, plans.issuingUnitId))
    .leftJoin(approver, eq(approver.id, plans.approvedById))
}

type SelectedPlan = Awaited<ReturnType<ReturnType<typeof selectPlans>['execute']>>[number]

export const EMPTY_COUNTS: TaskCounts = { total: 0, notStarted: 0, inProgress: 0, done: 0, doneLate: 0, cancelled: 0, overdue: 0 }

/** SQL: the counts of `TaskCounts` over the tasks of a group, given the status and deadline columns and the day they are counted on. */
export function countColumns(status: SQL | typeof planTasks.status, deadline: SQL | typeof planTasks.deadline, day: string) {
  return {
    total: sql<number>`count(*)::int`,
    notStarted: sql<number>`(count(*) filter (where ${status} = 'not_started'))::int`,
    inProgress: sql<number>`(count(*) filter (where ${status} = 'in_progress'))::int`,
    done: sql<number>`(count(*) filter (where ${status} = 'done'))::int`,
    doneLate: sql<number>`(count(*) filter (where ${status} = 'done_late'))::int`,
    cancelled: sql<number>`(count(*) filter (where ${status} = 'cancelled'))::int`,
    overdue: sql<number>`(count(*) filter (where ${status} in ('not_started', 'in_progress') and ${deadline} < ${day}::date))::int`,
  }
}

export const asCounts = (r: Record<keyof TaskCounts, number>): TaskCounts => ({
  total: Number(r.total),
  notStarted: Number(r.notStarted),
  inProgress: Number(r.inProgress),
  done: Number(r.done),
  doneLate: Number(r.doneLate),
  cancelled: Number(r.cancelled),
  overdue: Number(r.overdue),
})

/** Today's counts of each plan's tasks, in one query. */
async function countsByPlan(db: Db, planIds: string[], today: string): Promise<Map<string, TaskCounts>> {
  if (!planIds.length) return new Map()
  const rows = await db
    .select({ planId: planTasks.planId, ...countColumns(planTasks.status, planTasks.deadline, today) })
    .from(planTasks)
    .where(inArray(planTasks.planId, planIds))
    .groupBy(planTasks.planId)
  return new Map(rows.map((r) => [r.planId, asCounts(r)]))
}

function allowedActions(actor: Actor, status: PlanStatus) {
  const ops = PLAN_WORKFLOW.allowedFrom(status)
  if (can(actor, 'plan.write')) return ops
  return ops.filter((op) => op === 'report' && can(actor, 'plan.progress'))
}

export function toPlan(r: SelectedPlan, counts: TaskCounts, actor: Actor): Plan {
  const p = r.plan
  return {
    id: p.id,
    kind: p.kind,
    number: p.number,
    issuedOn: p.issuedOn,
    title: p.title,
    year: p.year,
    basis: p.basis,
    issuingUnit: r.unit,
    attachmentId: p.attachmentId,
    status: p.status,
    approvedAt: p.approvedAt?.toISOString() ?? null,
    approvedBy: r.approvedBy?.id ? r.approvedBy : null,
    counts,
    allowedActions: allowedActions(actor, p.status),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  }
}

/** The plans, newest year first, then by issue date (newest first). */
export async function listPlans(db: Db, actor: Actor, query: PlanQuery, env: ServiceEnv) {
  requirePermission(actor, 'plan.read')
  const page = keyset(
    [{ column: plans.year, read: (r: SelectedPlan) => r.plan.year }, textKey(plans.issuedOn, (r: SelectedPlan) => r.plan.issuedOn), textKey(plans.id, (r: SelectedPlan) => r.plan.id)],
    query,
    'desc',
  )
  const rows = await selectPlans(db)
    .where(and(query.year ? eq(plans.year, query.year) : undefined, query.kind ? eq(plans.kind, query.kind) : undefined, query.status ? eq(plans.status, query.status) : undefined, page.where))
    .orderBy(desc(plans.year), desc(plans.issuedOn), desc(plans.id))
    .limit(page.limit)
  const counts = await countsByPlan(db, rows.map((r) => r.plan.id), agencyToday(env))
  return page.page(rows, (r) => toPlan(r, counts.get(r.plan.id) ?? EMPTY_COUNTS, actor))
}

export async function findPlan(db: Db, id: string, forUpdate = false): Promise<SelectedPlan> {
  const query = selectPlans(db).where(eq(plans.id, id))
  const [row] = forUpdate ? await query.for('update', { of: plans }) : await query
  if (!row) throw notFound('plan', id)
  return row
}

async function detail(db: Db, actor: Actor, r: SelectedPlan, env: ServiceEnv): Promise<PlanDetail> {
  const today = agencyToday(env)
  const [counts, areas] = await Promise.all([
    countsByPlan(db, [r.plan.id], today),
    db
      .select({ area: planAreas, ...countColumns(planTasks.status, planTasks.deadline, today) })
      .from(planTasks)
      .innerJoin(planAreas, eq(planAreas.id, planTasks.areaId))
      .where(eq(planTasks.planId, r.plan.id))
      .groupBy(planAreas.id)
      .orderBy(asc(planAreas.position), asc(planAreas.code)),
  ])
  return {
    ...toPlan(r, counts.get(r.plan.id) ?? EMPTY_COUNTS, actor),
    byArea: areas.map(({ area, ...c }) => ({ area: toPlanArea(area), counts: asCounts(c) })),
  }
}

export async function getPlan(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<PlanDetail> {
  requirePermission(actor, 'plan.read')
  return detail(db, actor, await findPlan(db, id), env)
}

/** The plan as the audit log keeps it. */
const planRecord = ({ byArea: _a, counts: _c, allowedActions: _b, ...plan }: PlanDetail) => plan

/** A plan is issued in its year or, prepared in advance, in the year before. */
function issuedErrors(issuedOn: string, year: number): FieldError[] {
  const issuedYear = Number(issuedOn.slice(0, 4))
  return issuedYear === year || issuedYear === year - 1 ? [] : [fieldError('issuedOn', 'plan.field-year-mismatch', { year })]
}

async function checkNumber(db: Db, number: string, year: number, except?: string) {
  const [clash] = await db
    .select({ id: plans.id })
    .from(plans)
    .where(and(eq(plans.year, year), sql`lower(${plans.number}) = lower(${number})`, except ? sql`${plans.id} <> ${except}` : undefined))
  if (clash) throw conflict('plan.number-taken', { number, year }, [fieldError('number', 'plan.field-number-taken')])
}

async function checkUnit(db: Db, unitId: string) {
  const [row] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, unitId))
  await requireReference('issuingUnitId', 'unit', row)
}

async function checkAttachment(db: Db, actor: Actor, attachmentId: string | null | undefined, unitId: string) {
  if (!attachmentId) return
  const [row] = await db.select({ id: attachments.id }).from(attachments).where(eq(attachments.id, attachmentId))
  if (!row) throw missingReference('attachmentId', 'file')
  await claimAttachments(db, actor, [attachmentId], unitId, 'attachmentId')
}

export async function createPlan(db: Db, actor: Actor, input: CreatePlan, env: ServiceEnv): Promise<PlanDetail> {
  requirePermission(actor, 'plan.write')
  const errors = issuedErrors(input.issuedOn, input.year)
  if (errors.length) throw badRequest('validation.fields', { where: 'body', count: errors.length }, errors)
  return db.transaction(async (tx) => {
    await checkUnit(tx, input.issuingUnitId)
    await checkNumber(tx, input.number.trim(), input.year)
    await checkAttachment(tx, actor, input.attachmentId, input.issuingUnitId)
    const [row] = await tx
      .insert(plans)
      .values({
        kind: input.kind,
        number: input.number.trim(),
        issuedOn: input.issuedOn,
        title: input.title.trim(),
        year: input.year,
        basis: input.basis?.trim() || null,
        issuingUnitId: input.issuingUnitId,
        attachmentId: input.attachmentId ?? null,
        createdById: actor.via === 'system' ? null : actor.userId,
        createdAt: env.now,
        updatedAt: env.now,
      })
      .returning({ id: plans.id })
    const plan = await detail(tx, actor, await findPlan(tx, row.id), env)
    await recordAudit(tx, actor, { action: 'plan.create', entityType: 'plan', entityId: row.id, after: planRecord(plan) })
    return plan
  })
}

/** Edits, or a status move (approve, close, reopen); a closed plan only reopens. */
export async function updatePlan(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdatePlan, env: ServiceEnv): Promise<PlanDetail> {
  requirePermission(actor, 'plan.write')
  return db.transaction(async (tx) => {
    const current = await findPlan(tx, id, true)
    assertVersion(current.plan, expectedVersion)
    const c: PlanRow = current.plan
    const move = input.status === undefined || input.status === c.status ? undefined : input.status === 'closed' ? 'close' : c.status === 'closed' ? 'reopen' : 'approve'
    const edits = Object.keys(input).some((k) => k !== 'status')
    if (edits) PLAN_WORKFLOW.assert('update', move === 'reopen' ? 'approved' : c.status, { action: 'change' })
    if (move) PLAN_WORKFLOW.assert(move, c.status)
    const year = input.year ?? c.year
    const issuedOn = input.issuedOn ?? c.issuedOn
    const errors = issuedErrors(issuedOn, year)
    if (errors.length) throw badRequest('validation.fields', { where: 'body', count: errors.length }, errors)
    const number = input.number?.trim() ?? c.number
    if (number.toLowerCase() !== c.number.toLowerCase() || year !== c.year) await checkNumber(tx, number, year, id)
    const unitId = input.issuingUnitId ?? c.issuingUnitId
    if (unitId !== c.issuingUnitId) await checkUnit(tx, unitId)
    if (input.attachmentId && input.attachmentId !== c.attachmentId) await checkAttachment(tx, actor, input.attachmentId, unitId)
    const before = await detail(tx, actor, current, env)
    const approving = move === 'approve'
    await tx
      .update(plans)
      .set({
        kind: input.kind ?? c.kind,
        number,
        issuedOn,
        title: input.title?.trim() ?? c.title,
        year,
        basis: input.basis === undefined ? c.basis : input.basis?.trim() || null,
        issuingUnitId: unitId,
        attachmentId: input.attachmentId === undefined ? c.attachmentId : input.attachmentId,
        status: move ? PLAN_WORKFLOW.to(move) : c.status,
        approvedAt: approving ? env.now : c.approvedAt,
        approvedById: approving ? actor.userId : c.approvedById,
        version: c.version + 1,
        updatedAt: env.now,
      })
      .where(eq(plans.id, id))
    const after = await detail(tx, actor, await findPlan(tx, id), env)
    if (approving) {
      const tasks = await tx
        .select({ id: planTasks.id, position: planTasks.position, content: planTasks.content, deadline: planTasks.deadline, leadUnitId: planTasks.leadUnitId, leadUnitName: orgUnits.name })
        .from(planTasks)
        .innerJoin(orgUnits, eq(orgUnits.id, planTasks.leadUnitId))
        .where(eq(planTasks.planId, id))
      await notifyAssigned(tx, tasks.map((t) => ({ ...t, planId: id, planNumber: after.number })), actor)
    }
    await recordAudit(tx, actor, { action: move ? `plan.${move}` : 'plan.update', entityType: 'plan', entityId: id, before: planRecord(before), after: planRecord(after) })
    return after
  })
}
