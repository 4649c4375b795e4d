/**
 * The register of risks and opportunities (ISO 9001:2015 clause 6.1): each entry with its
 * assessments (the latest is its current score), its treatment actions and its review
 * date; a 5×5 heat map of the same selection. Heads of units keep the risks of their
 * subtree, managers all of them (rules in lib/permissions.ts).
 */
import { and, asc, desc, eq, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import { orgUnits, riskActions, riskAssessments, risks, users, RISK_STATUSES, type RiskActionRow, type RiskLevel, type RiskRow, type RiskStatus } from '../../../db/schema/index.ts'
import type { RiskLevelThresholds } from '../../config.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { dateKey, keyset, textKey } from '../../lib/pagination.ts'
import { can, requirePermission, type Actor } from '../../lib/permissions.ts'
import { conflict, fieldError, forbidden, invalidField, notFound, unprocessable } from '../../lib/problems.ts'
import { missingReference, requireReference } from '../../lib/references.ts'
import { matchesSearch, parseSearch } from '../../lib/search.ts'
import { inUnitScope, unitScope } from '../../lib/unit-scope.ts'
import { defineWorkflow } from '../../lib/workflow.ts'
import { recordAudit } from '../audit-log/service.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import type {
  CompleteRiskAction,
  CreateRisk,
  CreateRiskAction,
  HeatMap,
  HeatMapQuery,
  Reassess,
  Risk,
  RiskAction,
  RiskAssessment,
  RiskDetail,
  RiskQuery,
  UpdateRisk,
  UpdateRiskAction,
} from './schemas.ts'

/**
 * What may happen to a risk in each status. A closed risk is read-only until reopened;
 * the status moves through PATCH `status` (see `MOVE_TO`). Who may do it is checked first.
 */
export const RISK_WORKFLOW = defineWorkflow('risk', RISK_STATUSES, {
  update: { from: ['open', 'treated', 'accepted'] },
  reassess: { from: ['open', 'treated', 'accepted'] },
  'add-action': { from: ['open', 'treated', 'accepted'] },
  treat: { from: ['open', 'accepted'], to: 'treated' },
  accept: { from: ['open', 'treated'], to: 'accepted' },
  close: { from: ['open', 'treated', 'accepted'], to: 'closed' },
  reopen: { from: ['treated', 'accepted', 'closed'], to: 'open' },
})

/** The operation that leads to each status. */
const MOVE_TO = { open: 'reopen', treated: 'treat', accepted: 'accept', closed: 'close' } as const satisfies Record<RiskStatus, string>

export const riskCode = (n: number) => `RR-${String(n).padStart(4, '0')}`

/** The level of a score under the thresholds of QMS_RISK_LEVELS. */
export function riskLevel(score: number, t: RiskLevelThresholds): RiskLevel {
  return score <= t.low ? 'low' : score <= t.medium ? 'medium' : score <= t.high ? 'high' : 'critical'
}

/** The scores of a level, both ends included. */
function levelScores(level: RiskLevel, t: RiskLevelThresholds): [number, number] {
  switch (level) {
    case 'low':
      return [1, t.low]
    case 'medium':
      return [t.low + 1, t.medium]
    case 'high':
      return [t.medium + 1, t.high]
    case 'critical':
      return [t.high + 1, 25]
  }
}

const owner = alias(users, 'risk_owner')
const assessor = alias(users, 'assessor')
const completer = alias(users, 'completer')

/** Risks with what `toRisk` needs (owner, unit, open actions) in one query. */
function selectRisks(db: Db) {
  return db
    .select({
      risk: risks,
      owner: { id: owner.id, fullName: owner.fullName },
      unit: { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path },
      openActions: sql<number>`(select count(*) from ${riskActions} a where a.risk_id = ${risks.id} and a.status = 'open')::int`.as('open_actions'),
    })
    .from(risks)
    .innerJoin(owner, eq(owner.id, risks.ownerId))
    .leftJoin(orgUnits, eq(orgUnits.id, risks.orgUnitId))
}

type SelectedRisk = Awaited<ReturnType<ReturnType<typeof selectRisks>['execute']>>[number]

const unitPathOf = (r: SelectedRisk) => r.unit?.path ?? null

/** Whether the actor may change a risk of this unit (a risk with no unit: managers only). */
const canWrite = (actor: Actor, unitPath: string | null) => can(actor, 'risk.write', { orgUnitPath: unitPath })

function isReviewDue(row: RiskRow, today: string) {
  return row.status !== 'closed' && row.reviewDate !== null && row.reviewDate <= today
}

export function toRisk(r: SelectedRisk, actor: Actor, env: ServiceEnv): Risk {
  const row = r.risk
  return {
    id: row.id,
    code: riskCode(row.number),
    kind: row.kind,
    process: row.process,
    orgUnit: r.unit?.id ? { id: r.unit.id, code: r.unit.code, name: r.unit.name } : null,
    title: row.title,
    cause: row.cause,
    effect: row.effect,
    likelihood: row.likelihood,
    impact: row.impact,
    score: row.score,
    level: riskLevel(row.score, env.config.riskLevels),
    status: row.status,
    reviewDate: row.reviewDate,
    reviewDue: isReviewDue(row, agencyToday(env)),
    owner: r.owner,
    openActions: Number(r.openActions),
    allowedActions: canWrite(actor, unitPathOf(r)) ? RISK_WORKFLOW.allowedFrom(row.status) : [],
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/**
 * SQL: the risks the actor may see: those of the units in their scope, and those they
 * own or hold a treatment action of (a risk without a unit: whoever sees every unit).
 */
function visibleRisks(actor: Actor): SQL | undefined {
  const scope = unitScope(actor, 'risk.read')
  if (scope.kind === 'all') return undefined
  return or(
    scope.kind === 'none' ? undefined : inUnitScope(scope.kind, orgUnits.path, scope.match),
    eq(risks.ownerId, actor.userId),
    sql`exists (select 1 from ${riskActions} a where a.risk_id = ${risks.id} and a.owner_id = ${actor.userId})`,
  )
}

/** The filters the list and the heat map share, in SQL. */
function filtersOf(actor: Actor, query: HeatMapQuery, env: ServiceEnv): SQL | undefined {
  const today = agencyToday(env)
  const due = sql`(${risks.status} <> 'closed' and ${risks.reviewDate} <= ${today}::date)`
  const levels = query.level ? levelScores(query.level, env.config.riskLevels) : undefined
  return and(
    visibleRisks(actor),
    query.orgUnitId ? inSubtreeOf(sql`${risks.orgUnitId}`, query.orgUnitId) : undefined,
    query.kind ? eq(risks.kind, query.kind) : undefined,
    query.status ? eq(risks.status, query.status) : undefined,
    query.likelihood ? eq(risks.likelihood, query.likelihood) : undefined,
    query.impact ? eq(risks.impact, query.impact) : undefined,
    levels ? sql`${risks.score} between ${levels[0]} and ${levels[1]}` : undefined,
    query.reviewOverdue === undefined ? undefined : query.reviewOverdue ? due : sql`not coalesce(${due}, false)`,
    query.ownerId ? eq(risks.ownerId, query.ownerId) : undefined,
    matchesSearch(parseSearch(query.q), risks.search),
  )
}

/** The register, highest score first (then newest). */
export async function listRisks(db: Db, actor: Actor, query: RiskQuery, env: ServiceEnv) {
  requirePermission(actor, 'risk.read')
  const page = keyset(
    [{ column: risks.score, read: (r: SelectedRisk) => r.risk.score }, dateKey(risks.createdAt, (r: SelectedRisk) => r.risk.createdAt), textKey(risks.id, (r: SelectedRisk) => r.risk.id)],
    query,
    'desc',
  )
  const rows = await selectRisks(db)
    .where(and(filtersOf(actor, query, env), page.where))
    .orderBy(desc(risks.score), desc(risks.createdAt), desc(risks.id))
    .limit(page.limit)
  return page.page(rows, (r) => toRisk(r, actor, env))
}

/** How many risks of the selection sit in each likelihood × impact cell, counted by the database. */
export async function riskHeatMap(db: Db, actor: Actor, query: HeatMapQuery, env: ServiceEnv): Promise<HeatMap> {
  requirePermission(actor, 'risk.read')
  const rows = await db
    .select({ likelihood: risks.likelihood, impact: risks.impact, n: sql<number>`count(*)::int` })
    .from(risks)
    .leftJoin(orgUnits, eq(orgUnits.id, risks.orgUnitId))
    .where(filtersOf(actor, query, env))
    .groupBy(risks.likelihood, risks.impact)
  const counts = new Map(rows.map((r) => [`${r.likelihood}×${r.impact}`, Number(r.n)]))
  const thresholds = env.config.riskLevels
  const cells: HeatMap['cells'] = []
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    for (let impact = 1; impact <= 5; impact++) {
      const score = likelihood * impact
      cells.push({ likelihood, impact, score, level: riskLevel(score, thresholds), count: counts.get(`${likelihood}×${impact}`) ?? 0 })
    }
  }
  return { thresholds: { ...thresholds }, total: cells.reduce((sum, c) => sum + c.count, 0), cells }
}

async function findRisk(db: Db, id: string, forUpdate = false): Promise<SelectedRisk> {
  const query = selectRisks(db).where(eq(risks.id, id))
  const [row] = forUpdate ? await query.for('update', { of: risks }) : await query
  if (!row) throw notFound('risk', id)
  return row
}

async function holdsAction(db: Db, actor: Actor, riskId: string) {
  const [row] = await db.select({ id: riskActions.id }).from(riskActions).where(and(eq(riskActions.riskId, riskId), eq(riskActions.ownerId, actor.userId))).limit(1)
  return Boolean(row)
}

async function assertCanRead(db: Db, actor: Actor, r: SelectedRisk) {
  requirePermission(actor, 'risk.read')
  if (can(actor, 'risk.read', { orgUnitPath: unitPathOf(r) }) || r.risk.ownerId === actor.userId || (await holdsAction(db, actor, r.risk.id))) return
  throw forbidden('risk.forbidden-read')
}

function requireWrite(actor: Actor, unitPath: string | null) {
  requirePermission(actor, 'risk.write', { orgUnitPath: unitPath })
}

export function toAssessment(row: RiskAssessmentWithName, env: ServiceEnv): RiskAssessment {
  const a = row.assessment
  return {
    id: a.id,
    likelihood: a.likelihood,
    impact: a.impact,
    score: a.score,
    level: riskLevel(a.score, env.config.riskLevels),
    note: a.note,
    assessedBy: row.assessedBy?.id ? row.assessedBy : null,
    assessedAt: a.assessedAt.toISOString(),
  }
}

interface RiskAssessmentWithName {
  assessment: typeof riskAssessments.$inferSelect
  assessedBy: { id: string; fullName: string } | null
}

interface ActionWithNames {
  action: RiskActionRow
  owner: { id: string; fullName: string }
  completedBy: { id: string; fullName: string } | null
}

export function toRiskAction(r: ActionWithNames, risk: { status: RiskStatus; unitPath: string | null }, actor: Actor, today: string): RiskAction {
  const a = r.action
  const open = a.status === 'open'
  const allowed: RiskAction['allowedActions'] = []
  if (open && risk.status !== 'closed') {
    const manages = canWrite(actor, risk.unitPath)
    if (manages) allowed.push('update')
    if (manages || a.ownerId === actor.userId) allowed.push('complete')
  }
  return {
    id: a.id,
    riskId: a.riskId,
    description: a.description,
    owner: r.owner,
    dueDate: a.dueDate,
    status: a.status,
    overdue: open && a.dueDate < today,
    completedAt: a.completedAt?.toISOString() ?? null,
    completedBy: r.completedBy?.id ? r.completedBy : null,
    completionNote: a.completionNote,
    allowedActions: allowed,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  }
}

function selectActions(db: Db) {
  return db
    .select({ action: riskActions, owner: { id: owner.id, fullName: owner.fullName }, completedBy: { id: completer.id, fullName: completer.fullName } })
    .from(riskActions)
    .innerJoin(owner, eq(owner.id, riskActions.ownerId))
    .leftJoin(completer, eq(completer.id, riskActions.completedById))
}

async function detail(db: Db, actor: Actor, r: SelectedRisk, env: ServiceEnv): Promise<RiskDetail> {
  const [assessments, actionRows] = await Promise.all([
    db
      .select({ assessment: riskAssessments, assessedBy: { id: assessor.id, fullName: assessor.fullName } })
      .from(riskAssessments)
      .leftJoin(assessor, eq(assessor.id, riskAssessments.assessedById))
      .where(eq(riskAssessments.riskId, r.risk.id))
      .orderBy(desc(riskAssessments.assessedAt), desc(riskAssessments.id)),
    selectActions(db).where(eq(riskActions.riskId, r.risk.id)).orderBy(asc(riskActions.dueDate), asc(riskActions.createdAt), asc(riskActions.id)),
  ])
  const today = agencyToday(env)
  const context = { status: r.risk.status, unitPath: unitPathOf(r) }
  return {
    ...toRisk(r, actor, env),
    assessments: assessments.map((a) => toAssessment(a, env)),
    actions: actionRows.map((a) => toRiskAction(a, context, actor, today)),
  }
}

export async function getRisk(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<RiskDetail> {
  const r = await findRisk(db, id)
  await assertCanRead(db, actor, r)
  return detail(db, actor, r, env)
}

async function unitPathFor(db: Db, orgUnitId: string | null): Promise<string | null> {
  if (!orgUnitId) return null
  const [row] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, orgUnitId))
  return (await requireReference('orgUnitId', 'unit', row)).path
}

async function assertUserUsable(db: Db, path: string, userId: string) {
  const [user] = await db.select({ active: users.active }).from(users).where(eq(users.id, userId))
  if (!user) throw missingReference(path, 'user')
  if (!user.active) throw invalidField(path, 'field.user-deactivated')
}

function assertProcessOrUnit(process: string | null | undefined, orgUnitId: string | null | undefined) {
  if (!orgUnitId && !process?.trim()) throw invalidField('process', 'risk.field-process-required')
}

export async function createRisk(db: Db, actor: Actor, input: CreateRisk, env: ServiceEnv): Promise<RiskDetail> {
  requirePermission(actor, 'risk.write')
  assertProcessOrUnit(input.process, input.orgUnitId)
  return db.transaction(async (tx) => {
    const unitPath = await unitPathFor(tx, input.orgUnitId ?? null)
    requireWrite(actor, unitPath)
    await assertUserUsable(tx, 'ownerId', input.ownerId)
    const [row] = await tx
      .insert(risks)
      .values({
        kind: input.kind,
        process: input.process?.trim() || null,
        orgUnitId: input.orgUnitId ?? null,
        title: input.title,
        cause: input.cause,
        effect: input.effect,
        likelihood: input.likelihood,
        impact: input.impact,
        reviewDate: input.reviewDate ?? null,
        ownerId: input.ownerId,
        createdById: actor.userId,
        createdAt: env.now,
        updatedAt: env.now,
      })
      .returning({ id: risks.id })
    await tx.insert(riskAssessments).values({ riskId: row.id, likelihood: input.likelihood, impact: input.impact, note: input.note ?? null, assessedById: actor.userId, assessedAt: env.now })
    const risk = await detail(tx, actor, await findRisk(tx, row.id), env)
    await recordAudit(tx, actor, { action: 'risk.create', entityType: 'risk', entityId: row.id, after: risk })
    return risk
  })
}

export async function updateRisk(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateRisk, env: ServiceEnv): Promise<RiskDetail> {
  requirePermission(actor, 'risk.write')
  return db.transaction(async (tx) => {
    const current = await findRisk(tx, id, true)
    requireWrite(actor, unitPathOf(current))
    assertVersion(current.risk, expectedVersion)
    const c = current.risk
    const move = input.status !== undefined && input.status !== c.status ? MOVE_TO[input.status] : undefined
    const edits = Object.keys(input).some((k) => k !== 'status')
    // A closed risk is read-only: reopen it first (a reopening may carry edits).
    if (edits && !(move === 'reopen')) RISK_WORKFLOW.assert('update', c.status, { action: 'change' })
    if (move) {
      RISK_WORKFLOW.assert(move, c.status, { action: move === 'treat' ? 'mark-treated' : move })
      if (move === 'treat' && Number(current.openActions) > 0) {
        throw unprocessable('risk.open-actions', { open: Number(current.openActions) }, [fieldError('status', 'risk.field-open-actions', { open: Number(current.openActions) })])
      }
    }
    const orgUnitId = input.orgUnitId === undefined ? c.orgUnitId : input.orgUnitId
    const process = input.process === undefined ? c.process : input.process?.trim() || null
    assertProcessOrUnit(process, orgUnitId)
    if (orgUnitId !== c.orgUnitId) requireWrite(actor, await unitPathFor(tx, orgUnitId))
    if (input.ownerId !== undefined && input.ownerId !== c.ownerId) await assertUserUsable(tx, 'ownerId', input.ownerId)
    const before = await detail(tx, actor, current, env)
    await tx
      .update(risks)
      .set({
        kind: input.kind ?? c.kind,
        process,
        orgUnitId,
        title: input.title ?? c.title,
        cause: input.cause ?? c.cause,
        effect: input.effect ?? c.effect,
        reviewDate: input.reviewDate === undefined ? c.reviewDate : input.reviewDate,
        ownerId: input.ownerId ?? c.ownerId,
        status: move ? RISK_WORKFLOW.to(move) : c.status,
        version: c.version + 1,
        updatedAt: env.now,
      })
      .where(eq(risks.id, id))
    const after = await detail(tx, actor, await findRisk(tx, id), env)
    await recordAudit(tx, actor, { action: move ? `risk.${move}` : 'risk.update', entityType: 'risk', entityId: id, before: withoutLists(before), after: withoutLists(after) })
    return after
  })
}

/** The risk itself, for the audit log (its assessments and actions have their own entries). */
function withoutLists({ assessments: _a, actions: _b, allowedActions: _c, ...risk }: RiskDetail) {
  return risk
}

/** A new assessment: it becomes the risk's current likelihood and impact; the earlier ones stay as its history. */
export async function reassessRisk(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: Reassess, env: ServiceEnv): Promise<RiskDetail> {
  requirePermission(actor, 'risk.write')
  return db.transaction(async (tx) => {
    const current = await findRisk(tx, id, true)
    requireWrite(actor, unitPathOf(current))
    assertVersion(current.risk, expectedVersion)
    RISK_WORKFLOW.assert('reassess', current.risk.status, { action: 're-assess' })
    const [assessment] = await tx
      .insert(riskAssessments)
      .values({ riskId: id, likelihood: input.likelihood, impact: input.impact, note: input.note ?? null, assessedById: actor.userId, assessedAt: env.now })
      .returning({ id: riskAssessments.id })
    await tx
      .update(risks)
      .set({
        likelihood: input.likelihood,
        impact: input.impact,
        reviewDate: input.reviewDate === undefined ? current.risk.reviewDate : input.reviewDate,
        version: current.risk.version + 1,
        updatedAt: env.now,
      })
      .where(eq(risks.id, id))
    const after = await detail(tx, actor, await findRisk(tx, id), env)
    const { likelihood, impact, score, level, reviewDate } = toRisk(current, actor, env)
    await recordAudit(tx, actor, {
      action: 'risk.reassess',
      entityType: 'risk',
      entityId: id,
      before: { likelihood, impact, score, level, reviewDate },
      after: { assessmentId: assessment.id, likelihood: after.likelihood, impact: after.impact, score: after.score, level: after.level, reviewDate: after.reviewDate, note: input.note ?? null },
    })
    return after
  })
}

async function loadAction(db: Db, actor: Actor, id: string, risk: { status: RiskStatus; unitPath: string | null }, env: ServiceEnv) {
  const [row] = await selectActions(db).where(eq(riskActions.id, id))
  if (!row) throw notFound('risk-action', id)
  return toRiskAction(row, risk, actor, agencyToday(env))
}

export async function addRiskAction(db: Db, actor: Actor, riskId: string, input: CreateRiskAction, env: ServiceEnv): Promise<RiskAction> {
  requirePermission(actor, 'risk.write')
  return db.transaction(async (tx) => {
    const r = await findRisk(tx, riskId, true)
    requireWrite(actor, unitPathOf(r))
    RISK_WORKFLOW.assert('add-action', r.risk.status, { action: 'add-action-to' })
    await assertUserUsable(tx, 'ownerId', input.ownerId)
    const [row] = await tx
      .insert(riskActions)
      .values({ riskId, description: input.description, ownerId: input.ownerId, dueDate: input.dueDate, createdById: actor.userId, createdAt: env.now, updatedAt: env.now })
      .returning({ id: riskActions.id })
    const action = await loadAction(tx, actor, row.id, { status: r.risk.status, unitPath: unitPathOf(r) }, env)
    await recordAudit(tx, actor, { action: 'risk_action.create', entityType: 'risk_action', entityId: row.id, after: { ...action, riskCode: riskCode(r.risk.number) } })
    return action
  })
}

/** Locks the risk, then the action (always in that order, as every risk change does). */
async function lockAction(db: Db, riskId: string, actionId: string) {
  const r = await findRisk(db, riskId, true)
  const [row] = await db.select().from(riskActions).where(and(eq(riskActions.id, actionId), eq(riskActions.riskId, riskId))).for('update')
  if (!row) throw notFound('risk-action', actionId)
  return { r, row }
}

const alreadyDone = () => conflict('action.already-done', undefined)

export async function updateRiskAction(db: Db, actor: Actor, riskId: string, actionId: string, expectedVersion: number | undefined, input: UpdateRiskAction, env: ServiceEnv) {
  requirePermission(actor, 'risk.write')
  return db.transaction(async (tx) => {
    const { r, row } = await lockAction(tx, riskId, actionId)
    requireWrite(actor, unitPathOf(r))
    assertVersion(row, expectedVersion)
    if (row.status !== 'open') throw alreadyDone()
    RISK_WORKFLOW.assert('add-action', r.risk.status, { action: 'change-action-of' })
    if (input.ownerId !== undefined && input.ownerId !== row.ownerId) await assertUserUsable(tx, 'ownerId', input.ownerId)
    const context = { status: r.risk.status, unitPath: unitPathOf(r) }
    const before = await loadAction(tx, actor, actionId, context, env)
    await tx
      .update(riskActions)
      .set({
        description: input.description ?? row.description,
        ownerId: input.ownerId ?? row.ownerId,
        dueDate: input.dueDate ?? row.dueDate,
        version: row.version + 1,
        updatedAt: env.now,
      })
      .where(eq(riskActions.id, actionId))
    const after = await loadAction(tx, actor, actionId, context, env)
    await recordAudit(tx, actor, { action: 'risk_action.update', entityType: 'risk_action', entityId: actionId, before, after })
    return after
  })
}

/** Done by its owner, or by whoever manages the risk on the owner's behalf. */
export async function completeRiskAction(db: Db, actor: Actor, riskId: string, actionId: string, expectedVersion: number | undefined, input: CompleteRiskAction, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const { r, row } = await lockAction(tx, riskId, actionId)
    if (row.ownerId !== actor.userId && !canWrite(actor, unitPathOf(r))) {
      throw forbidden('action.complete-own-only')
    }
    assertVersion(row, expectedVersion)
    if (row.status !== 'open') throw alreadyDone()
    RISK_WORKFLOW.assert('add-action', r.risk.status, { action: 'complete-action-of' })
    const context = { status: r.risk.status, unitPath: unitPathOf(r) }
    const before = await loadAction(tx, actor, actionId, context, env)
    await tx
      .update(riskActions)
      .set({ status: 'done', completedAt: env.now, completedById: actor.userId, completionNote: input.note, version: row.version + 1, updatedAt: env.now })
      .where(eq(riskActions.id, actionId))
    const after = await loadAction(tx, actor, actionId, context, env)
    await recordAudit(tx, actor, { action: 'risk_action.complete', entityType: 'risk_action', entityId: actionId, before, after })
    return after
  })
}
