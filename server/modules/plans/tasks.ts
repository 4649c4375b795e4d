/**
 * The tasks of a plan: managers add and change them; the heads of the lead unit's
 * subtree report progress (status, a note for the period, evidence files and links to
 * QMS documents, inspections and dossier statistics). Every status change is a progress
 * update, so a task's status on any past date can be read back (summary.ts). A task
 * marked done after its deadline is done_late, derived from the one clock.
 *
 * Who sees a task: whoever sees (plan.read) its lead unit or one of its supporting units.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import {
  documents,
  inspections,
  nonconformities,
  objectiveIndicators,
  objectiveIndicatorValues,
  orgUnits,
  parAssessments,
  parCriteria,
  planAreas,
  plans,
  planTasks,
  planTaskUnits,
  planTaskUpdates,
  qualityObjectives,
  users,
  type EvidenceLink,
  type PlanTaskSource,
  type PlanTaskStatus,
} from '../../../db/schema/index.ts'
import { addDays, agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { keyset, textKey } from '../../lib/pagination.ts'
import { can, requirePermission, type Actor } from '../../lib/permissions.ts'
import { badRequest, conflict, fieldError, forbidden, notFound, type FieldError } from '../../lib/problems.ts'
import { brokenRule, referenceProblem, requireReference } from '../../lib/references.ts'
import { matchesSearch, parseSearch } from '../../lib/search.ts'
import { unitScope } from '../../lib/unit-scope.ts'
import { claimAttachments } from '../attachments/service.ts'
import { recordAudit } from '../audit-log/service.ts'
import { ncCode } from '../nonconformities/records.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import { toPlanArea } from './areas.ts'
import { notifyAssigned } from './assignments.ts'
import type { AllPlanTaskQuery, CreatePlanTask, PlanTask, PlanTaskDetail, PlanTaskQuery, ReportProgress, SourceTask, TaskUpdate, UpdatePlanTask } from './schemas.ts'
import { findPlan, PLAN_WORKFLOW } from './service.ts'
import { isOnTarget } from '../../lib/targets.ts'

const lead = alias(orgUnits, 'lead_unit')
const author = alias(users, 'update_author')

const OPEN: readonly PlanTaskStatus[] = ['not_started', 'in_progress']
const CLOSED: readonly PlanTaskStatus[] = ['done', 'done_late', 'cancelled']

/** Tasks with their plan, area, lead unit, supporting units and latest progress note, in one query. */
export function selectTasks(db: Db) {
  return db
    .select({
      task: planTasks,
      plan: { id: plans.id, number: plans.number, year: plans.year, status: plans.status },
      area: planAreas,
      lead: { id: lead.id, code: lead.code, name: lead.name, path: lead.path },
      support: sql<{ id: string; code: string; name: string }[]>`(select coalesce(json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name) order by u.code), '[]'::json)
        from ${planTaskUnits} tu join ${orgUnits} u on u.id = tu.org_unit_id where tu.task_id = ${planTasks.id})`.as('support'),
      lastUpdate: sql<{ reportedOn: string; period: string; note: string } | null>`(select json_build_object('reportedOn', x.reported_on, 'period', x.period, 'note', x.note)
        from ${planTaskUpdates} x where x.task_id = ${planTasks.id} order by x.reported_on desc, x.created_at desc limit 1)`.as('last_update'),
    })
    .from(planTasks)
    .innerJoin(plans, eq(plans.id, planTasks.planId))
    .innerJoin(planAreas, eq(planAreas.id, planTasks.areaId))
    .innerJoin(lead, eq(lead.id, planTasks.leadUnitId))
}

export type SelectedTask = Awaited<ReturnType<ReturnType<typeof selectTasks>['execute']>>[number]

/** JSON from the database: postgres.js and PGlite give objects; a driver that gives text is parsed. */
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v)

export const isOpen = (status: PlanTaskStatus) => OPEN.includes(status)

export function toPlanTask(r: SelectedTask, actor: Actor, env: ServiceEnv): PlanTask {
  const t = r.task
  const today = agencyToday(env)
  const open = isOpen(t.status)
  const allowed: PlanTask['allowedActions'] = []
  if (can(actor, 'plan.write') && PLAN_WORKFLOW.can('update', r.plan.status)) allowed.push('update')
  if (PLAN_WORKFLOW.can('report', r.plan.status) && can(actor, 'plan.progress', { orgUnitPath: r.lead.path })) allowed.push('report')
  if (r.plan.status !== 'draft' && can(actor, 'nonconformity.create', { orgUnitPath: r.lead.path })) allowed.push('raise-nc')
  const last = json(r.lastUpdate)
  return {
    id: t.id,
    planId: t.planId,
    plan: r.plan,
    position: t.position,
    area: toPlanArea(r.area),
    content: t.content,
    expectedOutput: t.expectedOutput,
    leadUnit: { id: r.lead.id, code: r.lead.code, name: r.lead.name },
    supportUnits: json(r.support) ?? [],
    deadline: t.deadline,
    status: t.status,
    completedOn: t.completedOn,
    overdue: open && t.deadline < today,
    dueSoon: open && t.deadline >= today && t.deadline <= addDays(today, env.config.remindDaysBeforeDue),
    source: t.source,
    sourceId: t.sourceId,
    lastUpdate: last ? { reportedOn: String(last.reportedOn).slice(0, 10), period: last.period, note: last.note } : null,
    allowedActions: allowed,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  }
}

/** SQL: a unit scope's condition on a path expression. */
function pathIn(scope: ReturnType<typeof unitScope>, path: SQL): SQL {
  return scope.kind === 'subtree' ? sql`${path} like ${scope.match}` : scope.kind === 'unit' ? sql`${path} = ${scope.match}` : sql`false`
}

/** SQL: the tasks the actor sees: led or supported by a unit in their scope. */
export function visibleTasks(actor: Actor): SQL | undefined {
  const scope = unitScope(actor, 'plan.read')
  if (scope.kind === 'all') return undefined
  if (scope.kind === 'none') return sql`false`
  return sql`(${pathIn(scope, sql`${lead.path}`)} or exists (select 1 from ${planTaskUnits} tu join ${orgUnits} u on u.id = tu.org_unit_id
    where tu.task_id = ${planTasks.id} and ${pathIn(scope, sql`u.path`)}))`
}

function taskFilters(actor: Actor, query: PlanTaskQuery, env: ServiceEnv): SQL | undefined {
  const today = agencyToday(env)
  const overdue = sql`(${planTasks.status} in ('not_started', 'in_progress') and ${planTasks.deadline} < ${today}::date)`
  return and(
    visibleTasks(actor),
    query.areaId ? eq(planTasks.areaId, query.areaId) : undefined,
    query.status ? eq(planTasks.status, query.status) : undefined,
    query.orgUnitId
      ? sql`(${inSubtreeOf(planTasks.leadUnitId, query.orgUnitId)} or exists (select 1 from ${planTaskUnits} tu where tu.task_id = ${planTasks.id} and ${inSubtreeOf(sql`tu.org_unit_id`, query.orgUnitId)}))`
      : undefined,
    query.overdue === undefined ? undefined : query.overdue ? overdue : sql`not ${overdue}`,
    matchesSearch(parseSearch(query.q), planTasks.search),
    query.source ? eq(planTasks.source, query.source) : undefined,
    query.sourceId ? eq(planTasks.sourceId, query.sourceId) : undefined,
  )
}

/**
 * The live (not cancelled) tasks the actor sees that were raised from some records of one
 * kind, by record: the links the pages of those records show (a nonconformity, the PAR
 * remediation list). One query, on the source index.
 */
export async function tasksFromSources(db: Db, actor: Actor, source: PlanTaskSource, ids: string[]): Promise<Map<string, SourceTask[]>> {
  const byId = new Map<string, SourceTask[]>()
  if (!ids.length || !can(actor, 'plan.read')) return byId
  const rows = await db
    .select({ id: planTasks.id, sourceId: planTasks.sourceId, planId: planTasks.planId, planNumber: plans.number, position: planTasks.position, status: planTasks.status, deadline: planTasks.deadline })
    .from(planTasks)
    .innerJoin(plans, eq(plans.id, planTasks.planId))
    .innerJoin(lead, eq(lead.id, planTasks.leadUnitId))
    .where(and(eq(planTasks.source, source), inArray(planTasks.sourceId, ids), sql`${planTasks.status} <> 'cancelled'`, visibleTasks(actor)))
    .orderBy(asc(planTasks.createdAt), asc(planTasks.id))
  for (const { sourceId, ...task } of rows) byId.set(sourceId!, [...(byId.get(sourceId!) ?? []), task])
  return byId
}

/** Criteria of a plan's live tasks: a criterion is taken up once per plan. Criterion id → the task's position. */
export async function liveCriterionTasks(db: Db, planId: string, criterionIds: string[]): Promise<Map<string, number>> {
  if (!criterionIds.length) return new Map()
  const rows = await db
    .select({ criterionId: planTasks.sourceId, position: planTasks.position })
    .from(planTasks)
    .where(and(eq(planTasks.planId, planId), eq(planTasks.source, 'par_criterion'), inArray(planTasks.sourceId, criterionIds), sql`${planTasks.status} <> 'cancelled'`))
  return new Map(rows.map((r) => [r.criterionId!, r.position]))
}

/** The tasks of one plan, in the plan's order. */
export async function listPlanTasks(db: Db, actor: Actor, planId: string, query: PlanTaskQuery, env: ServiceEnv) {
  requirePermission(actor, 'plan.read')
  await findPlan(db, planId)
  const page = keyset([{ column: planTasks.position, read: (r: SelectedTask) => r.task.position }, textKey(planTasks.id, (r: SelectedTask) => r.task.id)], query)
  const rows = await selectTasks(db)
    .where(and(eq(planTasks.planId, planId), taskFilters(actor, query, env), page.where))
    .orderBy(asc(planTasks.position), asc(planTasks.id))
    .limit(page.limit)
  return page.page(rows, (r) => toPlanTask(r, actor, env))
}

/** Tasks across plans, by deadline (the task list page: what is due first). */
export async function listAllPlanTasks(db: Db, actor: Actor, query: AllPlanTaskQuery, env: ServiceEnv) {
  requirePermission(actor, 'plan.read')
  const page = keyset([textKey(planTasks.deadline, (r: SelectedTask) => r.task.deadline), textKey(planTasks.id, (r: SelectedTask) => r.task.id)], query)
  const rows = await selectTasks(db)
    .where(and(query.planId ? eq(planTasks.planId, query.planId) : undefined, query.year ? eq(plans.year, query.year) : undefined, taskFilters(actor, query, env), page.where))
    .orderBy(asc(planTasks.deadline), asc(planTasks.id))
    .limit(page.limit)
  return page.page(rows, (r) => toPlanTask(r, actor, env))
}

export async function findTask(db: Db, planId: string, taskId: string, forUpdate = false): Promise<SelectedTask> {
  const query = selectTasks(db).where(and(eq(planTasks.id, taskId), eq(planTasks.planId, planId)))
  const [row] = forUpdate ? await query.for('update', { of: planTasks }) : await query
  if (!row) throw notFound('plan-task', taskId)
  return row
}

/** The task, if the actor sees it (403 otherwise). */
export async function readableTask(db: Db, actor: Actor, planId: string, taskId: string, forUpdate = false): Promise<SelectedTask> {
  requirePermission(actor, 'plan.read')
  const row = await findTask(db, planId, taskId, forUpdate)
  const visible = can(actor, 'plan.read', { orgUnitPath: row.lead.path }) || (await supportPaths(db, taskId)).some((path) => can(actor, 'plan.read', { orgUnitPath: path }))
  if (!visible) throw forbidden('plan.forbidden-task')
  return row
}

async function supportPaths(db: Db, taskId: string) {
  const rows = await db.select({ path: orgUnits.path }).from(planTaskUnits).innerJoin(orgUnits, eq(orgUnits.id, planTaskUnits.orgUnitId)).where(eq(planTaskUnits.taskId, taskId))
  return rows.map((r) => r.path)
}

/** The links as the page shows them: each with its label and where it leads, read in one query per kind. */
async function showLinks(db: Db, links: EvidenceLink[][]): Promise<Map<EvidenceLink, TaskUpdate['links'][number]>> {
  const all = links.flat()
  const docIds = all.filter((l) => l.kind === 'document' && l.id).map((l) => l.id!)
  const inspectionIds = all.filter((l) => l.kind === 'inspection' && l.id).map((l) => l.id!)
  const [docs, checks] = await Promise.all([
    docIds.length ? db.select({ id: documents.id, code: documents.code, title: documents.title }).from(documents).where(inArray(documents.id, docIds)) : [],
    inspectionIds.length ? db.select({ id: inspections.id, number: inspections.number }).from(inspections).where(inArray(inspections.id, inspectionIds)) : [],
  ])
  const docById = new Map(docs.map((d) => [d.id, d]))
  const checkById = new Map(checks.map((c) => [c.id, c]))
  const shown = new Map<EvidenceLink, TaskUpdate['links'][number]>()
  for (const l of all) {
    if (l.kind === 'document') {
      const d = docById.get(l.id!)
      shown.set(l, { ...l, label: l.label ?? (d ? `${d.code} ${d.title}` : '—'), href: `/documents/${l.id}` })
    } else if (l.kind === 'inspection') {
      const c = checkById.get(l.id!)
      shown.set(l, { ...l, label: l.label ?? (c ? c.number : '—'), href: `/inspections/${l.id}` })
    } else {
      const q = new URLSearchParams({ from: l.from!, to: l.to!, ...(l.orgUnitId ? { orgUnitId: l.orgUnitId } : {}) })
      shown.set(l, { ...l, label: l.label ?? `${l.from} – ${l.to}`, href: `/dossiers/stats?${q}` })
    }
  }
  return shown
}

/** Where the task came from, as its page shows and links it. */
async function sourceRef(db: Db, t: SelectedTask['task']): Promise<PlanTaskDetail['sourceRef']> {
  if (!t.source || !t.sourceId) return null
  switch (t.source) {
    case 'nonconformity': {
      const [n] = await db.select({ number: nonconformities.number, title: nonconformities.title }).from(nonconformities).where(eq(nonconformities.id, t.sourceId))
      return n ? { label: `${ncCode(n.number)} ${n.title}`, href: `/nonconformities/${t.sourceId}` } : null
    }
    case 'objective': {
      const [v] = await db
        .select({ period: objectiveIndicatorValues.period, indicatorId: objectiveIndicators.id, indicator: objectiveIndicators.name, objectiveId: objectiveIndicators.objectiveId, year: qualityObjectives.year })
        .from(objectiveIndicatorValues)
        .innerJoin(objectiveIndicators, eq(objectiveIndicators.id, objectiveIndicatorValues.indicatorId))
        .innerJoin(qualityObjectives, eq(qualityObjectives.id, objectiveIndicators.objectiveId))
        .where(eq(objectiveIndicatorValues.id, t.sourceId))
      return v ? { label: `${v.indicator} (${v.period}/${v.year})`, href: `/objectives/${v.objectiveId}#indicator-${v.indicatorId}` } : null
    }
    case 'par_criterion': {
      // The criterion's page is the self-assessment of the latest year scored with its set.
      const [c] = await db
        .select({ code: parCriteria.code, title: parCriteria.title, assessmentId: sql<string | null>`(select a.id from ${parAssessments} a where a.set_id = ${parCriteria.setId} order by a.year desc limit 1)` })
        .from(parCriteria)
        .where(eq(parCriteria.id, t.sourceId))
      return c ? { label: `${c.code} ${c.title}`, href: c.assessmentId ? `/par-index/${c.assessmentId}` : null } : null
    }
  }
}

async function detail(db: Db, actor: Actor, r: SelectedTask, env: ServiceEnv): Promise<PlanTaskDetail> {
  const [updates, ncs, source] = await Promise.all([
    db
      .select({ update: planTaskUpdates, createdBy: { id: author.id, fullName: author.fullName } })
      .from(planTaskUpdates)
      .leftJoin(author, eq(author.id, planTaskUpdates.createdById))
      .where(eq(planTaskUpdates.taskId, r.task.id))
      .orderBy(desc(planTaskUpdates.reportedOn), desc(planTaskUpdates.createdAt)),
    db
      .select({ id: nonconformities.id, number: nonconformities.number, title: nonconformities.title, status: nonconformities.status })
      .from(nonconformities)
      .where(and(eq(nonconformities.source, 'plan_task'), eq(nonconformities.sourceId, r.task.id)))
      .orderBy(asc(nonconformities.number)),
    sourceRef(db, r.task),
  ])
  const shown = await showLinks(db, updates.map((u) => u.update.links))
  return {
    ...toPlanTask(r, actor, env),
    updates: updates.map(({ update: u, createdBy }) => ({
      id: u.id,
      period: u.period,
      reportedOn: u.reportedOn,
      note: u.note,
      fromStatus: u.fromStatus,
      toStatus: u.toStatus,
      attachmentIds: u.attachmentIds,
      links: u.links.map((l) => shown.get(l)!),
      createdBy: createdBy?.id ? createdBy : null,
      createdAt: u.createdAt.toISOString(),
    })),
    nonconformities: ncs.map((n) => ({ id: n.id, code: ncCode(n.number), title: n.title, status: n.status })),
    sourceRef: source,
  }
}

export async function getPlanTask(db: Db, actor: Actor, planId: string, taskId: string, env: ServiceEnv): Promise<PlanTaskDetail> {
  return detail(db, actor, await readableTask(db, actor, planId, taskId), env)
}

/** A task found by its id alone (links from records that know only the task, such as an NC raised from it). */
export async function getPlanTaskById(db: Db, actor: Actor, taskId: string, env: ServiceEnv): Promise<PlanTaskDetail> {
  requirePermission(actor, 'plan.read')
  const [row] = await db.select({ planId: planTasks.planId }).from(planTasks).where(eq(planTasks.id, taskId))
  if (!row) throw notFound('plan-task', taskId)
  return getPlanTask(db, actor, row.planId, taskId, env)
}

/** The task as the audit log keeps it (its updates have their own entries). */
export const taskRecord = ({ updates: _u, nonconformities: _n, sourceRef: _s, allowedActions: _a, overdue: _o, dueSoon: _d, lastUpdate: _l, ...task }: PlanTaskDetail) => task

export async function checkArea(db: Db, areaId: string) {
  const [row] = await db.select({ active: planAreas.active }).from(planAreas).where(eq(planAreas.id, areaId))
  const area = await requireReference('areaId', 'plan-area', row)
  if (!area.active) throw brokenRule('areaId', 'plan.field-area-inactive')
}

export async function checkUnits(db: Db, leadUnitId: string, supportUnitIds: string[]) {
  const ids = [leadUnitId, ...supportUnitIds]
  const rows = await db.select({ id: orgUnits.id, active: orgUnits.active }).from(orgUnits).where(inArray(orgUnits.id, ids))
  const byId = new Map(rows.map((r) => [r.id, r]))
  const errors: FieldError[] = []
  const check = (path: string, id: string) => {
    const unit = byId.get(id)
    if (!unit) errors.push(fieldError(path, 'field.reference', { kind: 'unit' }))
    else if (!unit.active) errors.push(fieldError(path, 'field.unit-deactivated'))
  }
  check('leadUnitId', leadUnitId)
  supportUnitIds.forEach((id, i) => (id === leadUnitId ? errors.push(fieldError(`supportUnitIds.${i}`, 'plan.field-lead-in-support')) : check(`supportUnitIds.${i}`, id)))
  if (errors.length) throw referenceProblem(errors)
}

/**
 * What a task's `sourceId` may point at. A nonconformity or an objective's period the
 * actor cannot read answers like one that does not exist; an objective's period must be
 * off target; a PAR criterion must exist (every reader of plans reads the PAR index).
 */
async function checkTaskSource(db: Db, actor: Actor, source: PlanTaskSource | null | undefined, sourceId: string | null | undefined) {
  if (!source) {
    if (sourceId) throw badRequest('validation.fields', { where: 'body', count: 1 }, [fieldError('source', 'field.required')])
    return
  }
  if (!sourceId) throw badRequest('validation.fields', { where: 'body', count: 1 }, [fieldError('sourceId', 'plan.field-source-id-required', { source })])
  switch (source) {
    case 'nonconformity': {
      const [row] = await db
        .select({ path: orgUnits.path })
        .from(nonconformities)
        .innerJoin(orgUnits, eq(orgUnits.id, nonconformities.orgUnitId))
        .where(eq(nonconformities.id, sourceId))
      await requireReference('sourceId', 'nonconformity', row, (n) => can(actor, 'nonconformity.read', { orgUnitPath: n.path }))
      return
    }
    case 'objective': {
      const [row] = await db
        .select({ path: orgUnits.path, value: objectiveIndicatorValues.value, targetMin: objectiveIndicators.targetMin, targetMax: objectiveIndicators.targetMax })
        .from(objectiveIndicatorValues)
        .innerJoin(objectiveIndicators, eq(objectiveIndicators.id, objectiveIndicatorValues.indicatorId))
        .innerJoin(qualityObjectives, eq(qualityObjectives.id, objectiveIndicators.objectiveId))
        .innerJoin(orgUnits, eq(orgUnits.id, qualityObjectives.ownerUnitId))
        .where(eq(objectiveIndicatorValues.id, sourceId))
      const period = await requireReference('sourceId', 'indicator-period', row, (p) => can(actor, 'objective.read', { orgUnitPath: p.path }))
      if (isOnTarget(period, period.value) !== false) throw brokenRule('sourceId', 'plan.field-source-not-off-target')
      return
    }
    case 'par_criterion': {
      const [row] = await db.select({ id: parCriteria.id }).from(parCriteria).where(eq(parCriteria.id, sourceId))
      await requireReference('sourceId', 'par-criterion', row)
      return
    }
  }
}

export async function setSupportUnits(db: Db, taskId: string, unitIds: string[]) {
  await db.delete(planTaskUnits).where(eq(planTaskUnits.taskId, taskId))
  if (unitIds.length) await db.insert(planTaskUnits).values(unitIds.map((orgUnitId) => ({ taskId, orgUnitId })))
}

export async function createPlanTask(db: Db, actor: Actor, planId: string, input: CreatePlanTask, env: ServiceEnv): Promise<PlanTaskDetail> {
  requirePermission(actor, 'plan.write')
  return db.transaction(async (tx) => {
    const plan = await findPlan(tx, planId, true)
    PLAN_WORKFLOW.assert('add-task', plan.plan.status, { action: 'add-a-task-to' })
    const support = input.supportUnitIds ?? []
    await checkArea(tx, input.areaId)
    await checkUnits(tx, input.leadUnitId, support)
    await checkTaskSource(tx, actor, input.source, input.sourceId)
    if (input.source === 'par_criterion') await refuseTakenCriteria(tx, planId, [{ criterionId: input.sourceId!, path: 'sourceId' }])
    const [{ last }] = await tx.select({ last: sql<number>`coalesce(max(${planTasks.position}), 0)::int` }).from(planTasks).where(eq(planTasks.planId, planId))
    const [row] = await tx
      .insert(planTasks)
      .values({
        planId,
        position: Number(last) + 1,
        areaId: input.areaId,
        content: input.content.trim(),
        expectedOutput: input.expectedOutput?.trim() || null,
        leadUnitId: input.leadUnitId,
        deadline: input.deadline,
        source: input.source ?? null,
        sourceId: input.sourceId ?? null,
        createdById: actor.via === 'system' ? null : actor.userId,
        createdAt: env.now,
        updatedAt: env.now,
      })
      .returning({ id: planTasks.id })
    await setSupportUnits(tx, row.id, support)
    const task = await detail(tx, actor, await findTask(tx, planId, row.id), env)
    if (plan.plan.status === 'approved') {
      await notifyAssigned(tx, [{ id: task.id, planId, planNumber: plan.plan.number, position: task.position, content: task.content, deadline: task.deadline, leadUnitId: task.leadUnit.id, leadUnitName: task.leadUnit.name }], actor)
    }
    await recordAudit(tx, actor, { action: 'plan_task.create', entityType: 'plan_task', entityId: row.id, after: taskRecord(task) })
    return task
  })
}

/** 409 when a criterion already has a live task in the plan, naming the criteria and their tasks. */
export async function refuseTakenCriteria(db: Db, planId: string, wanted: { criterionId: string; path: string }[]) {
  const taken = await liveCriterionTasks(db, planId, wanted.map((w) => w.criterionId))
  if (!taken.size) return
  const clashes = wanted.filter((w) => taken.has(w.criterionId))
  const codes = await db.select({ id: parCriteria.id, code: parCriteria.code }).from(parCriteria).where(inArray(parCriteria.id, clashes.map((c) => c.criterionId)))
  const codeOf = new Map(codes.map((c) => [c.id, c.code]))
  throw conflict(
    'plan.criterion-has-task',
    { codes: clashes.map((c) => codeOf.get(c.criterionId) ?? c.criterionId), positions: clashes.map((c) => taken.get(c.criterionId)!) },
    clashes.map((c) => fieldError(c.path, 'plan.field-criterion-has-task', { position: taken.get(c.criterionId)! })),
  )
}

/** Done on or before the deadline, or done late: never chosen, read from the day it was done. */
const doneOn = (day: string, deadline: string): PlanTaskStatus => (day > deadline ? 'done_late' : 'done')

export async function updatePlanTask(db: Db, actor: Actor, planId: string, taskId: string, expectedVersion: number | undefined, input: UpdatePlanTask, env: ServiceEnv): Promise<PlanTaskDetail> {
  requirePermission(actor, 'plan.write')
  return db.transaction(async (tx) => {
    const plan = await findPlan(tx, planId, true)
    const current = await findTask(tx, planId, taskId, true)
    assertVersion(current.task, expectedVersion)
    PLAN_WORKFLOW.assert('update', plan.plan.status, { action: 'change-a-task-of' })
    const c = current.task
    const leadUnitId = input.leadUnitId ?? c.leadUnitId
    const support = input.supportUnitIds ?? (json(current.support) ?? []).map((u) => u.id)
    if (input.areaId && input.areaId !== c.areaId) await checkArea(tx, input.areaId)
    if (input.leadUnitId !== undefined || input.supportUnitIds !== undefined) await checkUnits(tx, leadUnitId, support)
    const deadline = input.deadline ?? c.deadline
    const before = await detail(tx, actor, current, env)
    await tx
      .update(planTasks)
      .set({
        areaId: input.areaId ?? c.areaId,
        content: input.content?.trim() ?? c.content,
        expectedOutput: input.expectedOutput === undefined ? c.expectedOutput : input.expectedOutput?.trim() || null,
        leadUnitId,
        deadline,
        // A moved deadline re-reads whether a done task was done late.
        status: c.status === 'done' || c.status === 'done_late' ? doneOn(c.completedOn!, deadline) : c.status,
        version: c.version + 1,
        updatedAt: env.now,
      })
      .where(eq(planTasks.id, taskId))
    if (input.supportUnitIds !== undefined) await setSupportUnits(tx, taskId, support)
    const after = await detail(tx, actor, await findTask(tx, planId, taskId), env)
    if (leadUnitId !== c.leadUnitId && plan.plan.status === 'approved') {
      await notifyAssigned(tx, [{ id: taskId, planId, planNumber: plan.plan.number, position: c.position, content: after.content, deadline, leadUnitId, leadUnitName: after.leadUnit.name }], actor)
    }
    await recordAudit(tx, actor, { action: 'plan_task.update', entityType: 'plan_task', entityId: taskId, before: taskRecord(before), after: taskRecord(after) })
    return after
  })
}

/** The half-year of a day: what a progress note without a period reports on. */
export const halfYearOf = (day: string) => (Number(day.slice(5, 7)) <= 6 ? 'H1' : 'H2')

async function checkLinks(db: Db, actor: Actor, links: EvidenceLink[]): Promise<EvidenceLink[]> {
  const errors: FieldError[] = []
  const docIds = links.filter((l) => l.kind === 'document' && l.id).map((l) => l.id!)
  const inspectionIds = links.filter((l) => l.kind === 'inspection' && l.id).map((l) => l.id!)
  const unitIds = links.filter((l) => l.orgUnitId).map((l) => l.orgUnitId!)
  const [docs, checks, units] = await Promise.all([
    docIds.length ? db.select({ id: documents.id }).from(documents).where(inArray(documents.id, docIds)) : [],
    inspectionIds.length
      ? db.select({ id: inspections.id, path: orgUnits.path }).from(inspections).innerJoin(orgUnits, eq(orgUnits.id, inspections.orgUnitId)).where(inArray(inspections.id, inspectionIds))
      : [],
    unitIds.length ? db.select({ id: orgUnits.id }).from(orgUnits).where(inArray(orgUnits.id, unitIds)) : [],
  ])
  const docSet = new Set(docs.map((d) => d.id))
  const checkPaths = new Map(checks.map((c) => [c.id, c.path]))
  const unitSet = new Set(units.map((u) => u.id))
  const cleaned = links.map((l, i): EvidenceLink => {
    const at = `links.${i}`
    const label = l.label?.trim() || undefined
    if (l.kind === 'document' || l.kind === 'inspection') {
      if (!l.id || l.from || l.to) errors.push(fieldError(at, 'plan.field-link-target'))
      else if (l.kind === 'document' && !docSet.has(l.id)) errors.push(fieldError(`${at}.id`, 'field.reference', { kind: 'document' }))
      else if (l.kind === 'inspection' && !(checkPaths.has(l.id) && can(actor, 'inspection.read', { orgUnitPath: checkPaths.get(l.id)! }))) {
        errors.push(fieldError(`${at}.id`, 'field.reference', { kind: 'inspection' }))
      }
      return { kind: l.kind, id: l.id, ...(label ? { label } : {}) }
    }
    if (l.id || !l.from || !l.to) errors.push(fieldError(at, 'plan.field-link-target'))
    else if (l.to < l.from) errors.push(fieldError(`${at}.to`, 'field.range-to-before-from'))
    if (l.orgUnitId && !unitSet.has(l.orgUnitId)) errors.push(fieldError(`${at}.orgUnitId`, 'field.reference', { kind: 'unit' }))
    return { kind: 'dossier_stats', from: l.from, to: l.to, ...(l.orgUnitId ? { orgUnitId: l.orgUnitId } : {}), ...(label ? { label } : {}) }
  })
  if (errors.length) throw referenceProblem(errors)
  return cleaned
}

/**
 * A progress note for a period, with evidence, and optionally a new status. Marked done
 * after the deadline (today in the agency's time zone) it is done late. A done or
 * cancelled task moves only back to not started or in progress (a note alone is fine).
 */
export async function reportTaskProgress(db: Db, actor: Actor, planId: string, taskId: string, expectedVersion: number | undefined, input: ReportProgress, env: ServiceEnv): Promise<PlanTaskDetail> {
  requirePermission(actor, 'plan.progress')
  return db.transaction(async (tx) => {
    const plan = await findPlan(tx, planId, true)
    const current = await findTask(tx, planId, taskId, true)
    requirePermission(actor, 'plan.progress', { orgUnitPath: current.lead.path })
    assertVersion(current.task, expectedVersion)
    PLAN_WORKFLOW.assert('report', plan.plan.status, { action: 'report-progress-on' })
    const c = current.task
    const today = agencyToday(env)
    const chosen = input.status
    let status: PlanTaskStatus = c.status
    if (chosen !== undefined) {
      const closed = CLOSED.includes(c.status)
      const same = chosen === c.status || (chosen === 'done' && c.status === 'done_late')
      if (closed && !same && !isOpen(chosen)) throw badRequest('validation.fields', { where: 'body', count: 1 }, [fieldError('status', 'plan.field-task-closed', { status: c.status })])
      status = same ? c.status : chosen === 'done' ? doneOn(today, c.deadline) : chosen
    }
    const completedOn = status === c.status ? c.completedOn : CLOSED.includes(status) ? today : null
    const attachments = await claimAttachments(tx, actor, input.attachmentIds ?? [], c.leadUnitId)
    const links = await checkLinks(tx, actor, input.links ?? [])
    const [update] = await tx
      .insert(planTaskUpdates)
      .values({
        taskId,
        period: input.period ?? halfYearOf(today),
        reportedOn: today,
        note: input.note.trim(),
        fromStatus: c.status,
        toStatus: status,
        attachmentIds: attachments.map((a) => a.id),
        links,
        createdById: actor.via === 'system' ? null : actor.userId,
        createdAt: env.now,
      })
      .returning()
    await tx.update(planTasks).set({ status, completedOn, version: c.version + 1, updatedAt: env.now }).where(eq(planTasks.id, taskId))
    const after = await detail(tx, actor, await findTask(tx, planId, taskId), env)
    await recordAudit(tx, actor, {
      action: 'plan_task.report',
      entityType: 'plan_task',
      entityId: taskId,
      before: { status: c.status, completedOn: c.completedOn },
      after: { status, completedOn, updateId: update.id, period: update.period, note: update.note, attachmentIds: update.attachmentIds, links },
    })
    return after
  })
}

