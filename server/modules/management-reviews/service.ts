/**
 * Management reviews (ISO 9001:2015 clause 9.3): a manager prepares a review of a unit's
 * subtree over a period (draft: its inputs are read live), records that it was held (its
 * inputs are frozen then, from the request's clock), records its decisions (9.3.3), some
 * of them actions with an owner and a due date; the chair approves the minutes, which are
 * read-only from then on, while their actions are still completed by their owners.
 * Readers: the unit scope of `management_review.read`, and the chair, the attendees and
 * the owners of its actions.
 */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { queryRows, type Db } from '../../../db/client.ts'
import {
  managementReviewAttendees,
  managementReviewDecisions,
  managementReviews,
  MANAGEMENT_REVIEW_STATUSES,
  orgUnits,
  users,
  type ManagementReviewDecisionRow,
  type ManagementReviewRow,
} from '../../../db/schema/index.ts'
import { agencyToday, daysBetween, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { keyset } from '../../lib/pagination.ts'
import { can, requirePermission, type Actor } from '../../lib/permissions.ts'
import { badRequest, conflict, fieldError, forbidden, invalidField, notFound, type FieldError } from '../../lib/problems.ts'
import { brokenRule, missingReference } from '../../lib/references.ts'
import { inUnitScope, unitScope } from '../../lib/unit-scope.ts'
import { defineWorkflow } from '../../lib/workflow.ts'
import { recordAudit } from '../audit-log/service.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import { computeInputs, reviewCode } from './inputs.ts'
import type {
  CompleteDecision,
  CreateDecision,
  CreateReview,
  ManagementReview,
  ManagementReviewDetail,
  ReviewDecision,
  ReviewInputs,
  ReviewQuery,
  UpdateDecision,
  UpdateReview,
} from './schemas.ts'

/**
 * What may happen to a review in each status. `update` edits without moving (the period
 * and unit only in draft: the inputs depend on them); decisions are recorded once the
 * meeting is held; approved minutes are read-only. Who may do it is checked first.
 */
export const REVIEW_WORKFLOW = defineWorkflow('management-review', MANAGEMENT_REVIEW_STATUSES, {
  update: { from: ['draft', 'held'] },
  hold: { from: ['draft'], to: 'held' },
  'add-decision': { from: ['held'] },
  approve: { from: ['held'], to: 'approved' },
  minutes: { from: ['held', 'approved'] },
})

export { reviewCode }

const chair = alias(users, 'chair')
const heldBy = alias(users, 'held_by')
const approvedBy = alias(users, 'approved_by')
const owner = alias(users, 'decision_owner')
const completer = alias(users, 'completer')

function selectReviews(db: Db) {
  return db
    .select({
      review: managementReviews,
      unit: { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path, parentId: orgUnits.parentId },
      chair: { id: chair.id, fullName: chair.fullName },
      heldBy: { id: heldBy.id, fullName: heldBy.fullName },
      approvedBy: { id: approvedBy.id, fullName: approvedBy.fullName },
      openActions: sql<number>`(select count(*) from ${managementReviewDecisions} d where d.review_id = ${managementReviews.id} and d.status = 'open')::int`.as('open_actions'),
    })
    .from(managementReviews)
    .innerJoin(orgUnits, eq(orgUnits.id, managementReviews.orgUnitId))
    .innerJoin(chair, eq(chair.id, managementReviews.chairId))
    .leftJoin(heldBy, eq(heldBy.id, managementReviews.heldById))
    .leftJoin(approvedBy, eq(approvedBy.id, managementReviews.approvedById))
}

type SelectedReview = Awaited<ReturnType<ReturnType<typeof selectReviews>['execute']>>[number]

const person = (p: { id: string | null; fullName: string | null } | null) => (p?.id ? { id: p.id, fullName: p.fullName! } : null)

/** The operations the actor may do now: managers everything the status allows but approving; the chair approves. */
function allowedFor(actor: Actor, row: ManagementReviewRow, mayRead = true): ManagementReview['allowedActions'] {
  const writer = can(actor, 'management_review.write')
  return REVIEW_WORKFLOW.allowedFrom(row.status).filter((op) => (op === 'approve' ? row.chairId === actor.userId : op === 'minutes' ? mayRead : writer))
}

export function toReview(r: SelectedReview, actor: Actor): ManagementReview {
  const row = r.review
  return {
    id: row.id,
    code: reviewCode(row.number),
    title: row.title,
    orgUnit: { id: r.unit.id, code: r.unit.code, name: r.unit.name },
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    meetingDate: row.meetingDate,
    location: row.location,
    chair: r.chair,
    status: row.status,
    heldAt: row.heldAt?.toISOString() ?? null,
    heldBy: person(r.heldBy),
    approvedAt: row.approvedAt?.toISOString() ?? null,
    approvedBy: person(r.approvedBy),
    openActions: Number(r.openActions),
    allowedActions: allowedFor(actor, row),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** SQL: the reviews the actor may read: those of the units in their scope, and those they chair, attend or own an action of. */
function visibleReviews(actor: Actor): SQL | undefined {
  const scope = unitScope(actor, 'management_review.read')
  if (scope.kind === 'all') return undefined
  return or(
    scope.kind === 'none' ? undefined : inUnitScope(scope.kind, orgUnits.path, scope.match),
    eq(managementReviews.chairId, actor.userId),
    sql`exists (select 1 from ${managementReviewAttendees} a where a.review_id = ${managementReviews.id} and a.user_id = ${actor.userId})`,
    sql`exists (select 1 from ${managementReviewDecisions} d where d.review_id = ${managementReviews.id} and d.owner_id = ${actor.userId})`,
  )
}

const listKeys = [
  { column: managementReviews.meetingDate, read: (r: SelectedReview) => r.review.meetingDate },
  { column: managementReviews.id, read: (r: SelectedReview) => r.review.id },
]

/** The reviews the actor may read, latest meeting first. */
export async function listReviews(db: Db, actor: Actor, query: ReviewQuery) {
  requirePermission(actor, 'management_review.read')
  const page = keyset(listKeys, query, 'desc')
  const rows = await selectReviews(db)
    .where(
      and(
        visibleReviews(actor),
        query.status ? eq(managementReviews.status, query.status) : undefined,
        query.orgUnitId ? inSubtreeOf(sql`${managementReviews.orgUnitId}`, query.orgUnitId) : undefined,
        query.year ? sql`extract(year from ${managementReviews.meetingDate}) = ${query.year}` : undefined,
        page.where,
      ),
    )
    .orderBy(desc(managementReviews.meetingDate), desc(managementReviews.id))
    .limit(page.limit)
  return page.page(rows, (r) => toReview(r, actor))
}

async function findReview(db: Db, id: string, forUpdate = false): Promise<SelectedReview> {
  const query = selectReviews(db).where(eq(managementReviews.id, id))
  const [row] = forUpdate ? await query.for('update', { of: managementReviews }) : await query
  if (!row) throw notFound('management-review', id)
  return row
}

async function assertCanRead(db: Db, actor: Actor, r: SelectedReview) {
  requirePermission(actor, 'management_review.read')
  if (can(actor, 'management_review.read', { orgUnitPath: r.unit.path }) || r.review.chairId === actor.userId) return
  const [{ involved }] = await queryRows<{ involved: boolean }>(
    db,
    sql`select exists (select 1 from ${managementReviewAttendees} a where a.review_id = ${r.review.id} and a.user_id = ${actor.userId})
            or exists (select 1 from ${managementReviewDecisions} d where d.review_id = ${r.review.id} and d.owner_id = ${actor.userId}) as involved`,
  )
  if (involved) return
  throw forbidden('management-review.forbidden-read')
}

const scopeOf = (r: SelectedReview) => ({
  reviewId: r.review.id,
  number: r.review.number,
  orgUnitId: r.review.orgUnitId,
  wholeAgency: r.unit.parentId === null,
  periodFrom: r.review.periodFrom,
  periodTo: r.review.periodTo,
  meetingDate: r.review.meetingDate,
})

/** The frozen inputs of a held review; a draft's as of now. */
async function inputsOf(db: Db, r: SelectedReview, env: ServiceEnv): Promise<ReviewInputs> {
  if (r.review.inputs) return { ...(r.review.inputs as ReviewInputs), frozen: true }
  return computeInputs(db, scopeOf(r), env)
}

interface DecisionWithNames {
  decision: ManagementReviewDecisionRow
  owner: { id: string | null; fullName: string | null } | null
  completedBy: { id: string | null; fullName: string | null } | null
}

function selectDecisions(db: Db) {
  return db
    .select({ decision: managementReviewDecisions, owner: { id: owner.id, fullName: owner.fullName }, completedBy: { id: completer.id, fullName: completer.fullName } })
    .from(managementReviewDecisions)
    .leftJoin(owner, eq(owner.id, managementReviewDecisions.ownerId))
    .leftJoin(completer, eq(completer.id, managementReviewDecisions.completedById))
}

export function toDecision(r: DecisionWithNames, review: ManagementReviewRow, actor: Actor, today: string): ReviewDecision {
  const d = r.decision
  const open = d.status === 'open'
  const allowed: ReviewDecision['allowedActions'] = []
  const writer = can(actor, 'management_review.write')
  if (writer && REVIEW_WORKFLOW.can('add-decision', review.status)) allowed.push('update')
  // Actions are tracked after the minutes are approved: their owner (or a manager) completes them.
  if (open && (writer || d.ownerId === actor.userId)) allowed.push('complete')
  return {
    id: d.id,
    reviewId: d.reviewId,
    category: d.category,
    description: d.description,
    owner: person(r.owner),
    dueDate: d.dueDate,
    status: d.status,
    overdue: open && d.dueDate !== null && d.dueDate < today,
    completedAt: d.completedAt?.toISOString() ?? null,
    completedBy: person(r.completedBy),
    completionNote: d.completionNote,
    allowedActions: allowed,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  }
}

async function detail(db: Db, actor: Actor, r: SelectedReview, env: ServiceEnv): Promise<ManagementReviewDetail> {
  const [attendees, decisions, inputs] = await Promise.all([
    db
      .select({ id: users.id, fullName: users.fullName })
      .from(managementReviewAttendees)
      .innerJoin(users, eq(users.id, managementReviewAttendees.userId))
      .where(eq(managementReviewAttendees.reviewId, r.review.id))
      .orderBy(asc(users.fullName), asc(users.id)),
    selectDecisions(db).where(eq(managementReviewDecisions.reviewId, r.review.id)).orderBy(asc(managementReviewDecisions.position)),
    inputsOf(db, r, env),
  ])
  const today = agencyToday(env)
  return {
    ...toReview(r, actor),
    attendees,
    resources: r.review.resources,
    conclusions: r.review.conclusions,
    inputs,
    decisions: decisions.map((d) => toDecision(d, r.review, actor, today)),
  }
}

export async function getReview(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<ManagementReviewDetail> {
  const r = await findReview(db, id)
  await assertCanRead(db, actor, r)
  return detail(db, actor, r, env)
}

/** The review with its attendees and decisions, for the minutes (the caller has read it). */
export async function reviewForMinutes(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<ManagementReviewDetail> {
  const r = await findReview(db, id)
  await assertCanRead(db, actor, r)
  REVIEW_WORKFLOW.assert('minutes', r.review.status, { action: 'print-minutes-of' })
  return detail(db, actor, r, env)
}

// ——— validation ———

async function checkUnit(db: Db, id: string) {
  const [unit] = await db.select({ id: orgUnits.id, active: orgUnits.active }).from(orgUnits).where(eq(orgUnits.id, id))
  if (!unit) throw missingReference('orgUnitId', 'unit')
  if (!unit.active) throw brokenRule('orgUnitId', 'field.unit-deactivated')
}

/** The chair and attendees exist and are active (422 naming the first that is not). */
async function checkPeople(db: Db, chairId: string | undefined, attendeeIds: string[] | undefined) {
  const wanted = [...new Set([...(chairId ? [chairId] : []), ...(attendeeIds ?? [])])]
  if (!wanted.length) return
  const found = new Map((await db.select({ id: users.id, active: users.active }).from(users).where(inArray(users.id, wanted))).map((u) => [u.id, u.active]))
  const check = (path: string, id: string) => {
    if (!found.has(id)) throw missingReference(path, 'user')
    if (!found.get(id)) throw brokenRule(path, 'field.user-deactivated')
  }
  if (chairId) check('chairId', chairId)
  attendeeIds?.forEach((id, i) => check(`attendeeIds/${i}`, id))
}

function checkPeriod(from: string, to: string) {
  const errors: FieldError[] = []
  if (from > to) errors.push(fieldError('periodTo', 'field.range-to-before-from'))
  else if (daysBetween(from, to) > 3700) errors.push(fieldError('periodTo', 'management-review.field-period-too-long'))
  if (errors.length) throw badRequest('validation.fields', { where: 'body', count: errors.length }, errors)
}

async function setAttendees(tx: Db, reviewId: string, chairId: string, attendeeIds: string[]) {
  await tx.delete(managementReviewAttendees).where(eq(managementReviewAttendees.reviewId, reviewId))
  const ids = [...new Set([chairId, ...attendeeIds])]
  await tx.insert(managementReviewAttendees).values(ids.map((userId) => ({ reviewId, userId })))
}

/** The review itself for the audit log (its inputs and decisions have their own entries). */
function auditView({ inputs: _i, decisions: _d, allowedActions: _a, ...review }: ManagementReviewDetail) {
  return review
}

// ——— writes ———

export async function createReview(db: Db, actor: Actor, input: CreateReview, env: ServiceEnv): Promise<ManagementReviewDetail> {
  requirePermission(actor, 'management_review.write')
  checkPeriod(input.periodFrom, input.periodTo)
  return db.transaction(async (tx) => {
    await checkUnit(tx, input.orgUnitId)
    await checkPeople(tx, input.chairId, input.attendeeIds)
    const [row] = await tx
      .insert(managementReviews)
      .values({
        title: input.title.trim(),
        orgUnitId: input.orgUnitId,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        meetingDate: input.meetingDate,
        location: input.location?.trim() || null,
        chairId: input.chairId,
        resources: input.resources ?? null,
        conclusions: input.conclusions ?? null,
        createdById: actor.userId,
        createdAt: env.now,
        updatedAt: env.now,
      })
      .returning({ id: managementReviews.id })
    await setAttendees(tx, row.id, input.chairId, input.attendeeIds ?? [])
    const review = await detail(tx, actor, await findReview(tx, row.id), env)
    await recordAudit(tx, actor, { action: 'management_review.create', entityType: 'management_review', entityId: row.id, after: auditView(review) })
    return review
  })
}

export async function updateReview(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateReview, env: ServiceEnv): Promise<ManagementReviewDetail> {
  requirePermission(actor, 'management_review.write')
  return db.transaction(async (tx) => {
    const current = await findReview(tx, id, true)
    assertVersion(current.review, expectedVersion)
    const c = current.review
    REVIEW_WORKFLOW.assert('update', c.status, c.status === 'approved' ? { action: 'change', status: 'approved-read-only' } : { action: 'change' })
    const periodFrom = input.periodFrom ?? c.periodFrom
    const periodTo = input.periodTo ?? c.periodTo
    const orgUnitId = input.orgUnitId ?? c.orgUnitId
    const scopeChanged = periodFrom !== c.periodFrom || periodTo !== c.periodTo || orgUnitId !== c.orgUnitId
    // The frozen inputs were taken for this unit and period.
    if (scopeChanged && c.status !== 'draft') throw REVIEW_WORKFLOW.problem('update', c.status, { action: 'change-period-of' })
    checkPeriod(periodFrom, periodTo)
    if (orgUnitId !== c.orgUnitId) await checkUnit(tx, orgUnitId)
    const chairId = input.chairId ?? c.chairId
    await checkPeople(tx, input.chairId, input.attendeeIds)
    const before = auditView(await detail(tx, actor, current, env))
    await tx
      .update(managementReviews)
      .set({
        title: input.title?.trim() ?? c.title,
        orgUnitId,
        periodFrom,
        periodTo,
        meetingDate: input.meetingDate ?? c.meetingDate,
        location: input.location === undefined ? c.location : input.location?.trim() || null,
        chairId,
        resources: input.resources === undefined ? c.resources : input.resources,
        conclusions: input.conclusions === undefined ? c.conclusions : input.conclusions,
        version: c.version + 1,
        updatedAt: env.now,
      })
      .where(eq(managementReviews.id, id))
    if (input.attendeeIds !== undefined || chairId !== c.chairId) {
      const kept = input.attendeeIds ?? before.attendees.map((a) => a.id).filter((a) => a !== c.chairId)
      await setAttendees(tx, id, chairId, kept)
    }
    const after = await detail(tx, actor, await findReview(tx, id), env)
    await recordAudit(tx, actor, { action: 'management_review.update', entityType: 'management_review', entityId: id, before, after: auditView(after) })
    return after
  })
}

/** The meeting took place: its inputs are computed now and frozen into the review. */
export async function holdReview(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, env: ServiceEnv): Promise<ManagementReviewDetail> {
  requirePermission(actor, 'management_review.write')
  return db.transaction(async (tx) => {
    const current = await findReview(tx, id, true)
    assertVersion(current.review, expectedVersion)
    REVIEW_WORKFLOW.assert('hold', current.review.status)
    const today = agencyToday(env)
    if (current.review.meetingDate > today) throw invalidField('meetingDate', 'management-review.field-meeting-in-future', { today })
    const { frozen: _, ...inputs } = await computeInputs(tx, scopeOf(current), env)
    await tx
      .update(managementReviews)
      .set({ status: REVIEW_WORKFLOW.to('hold'), inputs, heldAt: env.now, heldById: actor.userId, version: current.review.version + 1, updatedAt: env.now })
      .where(eq(managementReviews.id, id))
    const after = await detail(tx, actor, await findReview(tx, id), env)
    await recordAudit(tx, actor, { action: 'management_review.hold', entityType: 'management_review', entityId: id, before: { status: current.review.status }, after: { status: after.status, heldAt: after.heldAt, inputs } })
    return after
  })
}

/** The chair approves the minutes; from then on the review is read-only (its actions still get done). */
export async function approveReview(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, env: ServiceEnv): Promise<ManagementReviewDetail> {
  requirePermission(actor, 'management_review.read')
  return db.transaction(async (tx) => {
    const current = await findReview(tx, id, true)
    if (current.review.chairId !== actor.userId) throw forbidden('management-review.chair-only', { chair: current.chair.fullName })
    assertVersion(current.review, expectedVersion)
    REVIEW_WORKFLOW.assert('approve', current.review.status, current.review.status === 'approved' ? { status: 'approved-read-only' } : {})
    await tx
      .update(managementReviews)
      .set({ status: REVIEW_WORKFLOW.to('approve'), approvedAt: env.now, approvedById: actor.userId, version: current.review.version + 1, updatedAt: env.now })
      .where(eq(managementReviews.id, id))
    const after = await detail(tx, actor, await findReview(tx, id), env)
    await recordAudit(tx, actor, { action: 'management_review.approve', entityType: 'management_review', entityId: id, before: { status: current.review.status }, after: { status: after.status, approvedAt: after.approvedAt } })
    return after
  })
}

// ——— decisions ———

/** Owner and due date come together (a decision with both is an action). */
function checkAction(ownerId: string | null | undefined, dueDate: string | null | undefined) {
  if (Boolean(ownerId) === Boolean(dueDate)) return
  const path = ownerId ? 'dueDate' : 'ownerId'
  throw badRequest('validation.fields', { where: 'body', count: 1 }, [fieldError(path, 'management-review.field-owner-and-due')])
}

async function checkOwner(db: Db, ownerId: string) {
  const [user] = await db.select({ active: users.active }).from(users).where(eq(users.id, ownerId))
  if (!user) throw missingReference('ownerId', 'user')
  if (!user.active) throw brokenRule('ownerId', 'field.user-deactivated')
}

async function loadDecision(db: Db, actor: Actor, decisionId: string, review: ManagementReviewRow, env: ServiceEnv) {
  const [row] = await selectDecisions(db).where(eq(managementReviewDecisions.id, decisionId))
  if (!row) throw notFound('review-decision', decisionId)
  return toDecision(row, review, actor, agencyToday(env))
}

export async function addDecision(db: Db, actor: Actor, reviewId: string, input: CreateDecision, env: ServiceEnv): Promise<ReviewDecision> {
  requirePermission(actor, 'management_review.write')
  checkAction(input.ownerId, input.dueDate)
  return db.transaction(async (tx) => {
    const r = await findReview(tx, reviewId, true)
    REVIEW_WORKFLOW.assert('add-decision', r.review.status, r.review.status === 'approved' ? { action: 'add-decision-to', status: 'approved-read-only' } : { action: 'add-decision-to' })
    if (input.ownerId) await checkOwner(tx, input.ownerId)
    const [row] = await tx
      .insert(managementReviewDecisions)
      .values({
        reviewId,
        // The review is locked: the next position is ours.
        position: sql`(select coalesce(max(d.position), 0) + 1 from ${managementReviewDecisions} d where d.review_id = ${reviewId})`,
        category: input.category,
        description: input.description.trim(),
        ownerId: input.ownerId ?? null,
        dueDate: input.dueDate ?? null,
        status: input.ownerId ? 'open' : null,
        createdById: actor.userId,
        createdAt: env.now,
        updatedAt: env.now,
      })
      .returning({ id: managementReviewDecisions.id })
    const decision = await loadDecision(tx, actor, row.id, r.review, env)
    await recordAudit(tx, actor, { action: 'review_decision.create', entityType: 'review_decision', entityId: row.id, after: { ...decision, reviewCode: reviewCode(r.review.number) } })
    return decision
  })
}

/** Locks the review, then the decision (always in that order). */
async function lockDecision(db: Db, reviewId: string, decisionId: string) {
  const r = await findReview(db, reviewId, true)
  const [row] = await db
    .select()
    .from(managementReviewDecisions)
    .where(and(eq(managementReviewDecisions.id, decisionId), eq(managementReviewDecisions.reviewId, reviewId)))
    .for('update')
  if (!row) throw notFound('review-decision', decisionId)
  return { r, row }
}

export async function updateDecision(db: Db, actor: Actor, reviewId: string, decisionId: string, expectedVersion: number | undefined, input: UpdateDecision, env: ServiceEnv) {
  requirePermission(actor, 'management_review.write')
  return db.transaction(async (tx) => {
    const { r, row } = await lockDecision(tx, reviewId, decisionId)
    assertVersion(row, expectedVersion)
    REVIEW_WORKFLOW.assert('add-decision', r.review.status, r.review.status === 'approved' ? { action: 'change-decision-of', status: 'approved-read-only' } : { action: 'change-decision-of' })
    const ownerId = input.ownerId ?? row.ownerId
    const dueDate = input.dueDate ?? row.dueDate
    checkAction(ownerId, dueDate)
    if (input.ownerId && input.ownerId !== row.ownerId) await checkOwner(tx, input.ownerId)
    const before = await loadDecision(tx, actor, decisionId, r.review, env)
    await tx
      .update(managementReviewDecisions)
      .set({
        category: input.category ?? row.category,
        description: input.description?.trim() ?? row.description,
        ownerId,
        dueDate,
        status: row.status ?? (ownerId ? 'open' : null),
        version: row.version + 1,
        updatedAt: env.now,
      })
      .where(eq(managementReviewDecisions.id, decisionId))
    const after = await loadDecision(tx, actor, decisionId, r.review, env)
    await recordAudit(tx, actor, { action: 'review_decision.update', entityType: 'review_decision', entityId: decisionId, before, after })
    return after
  })
}

/** Done by its owner, or by a manager on the owner's behalf; also once the minutes are approved. */
export async function completeDecision(db: Db, actor: Actor, reviewId: string, decisionId: string, expectedVersion: number | undefined, input: CompleteDecision, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const { r, row } = await lockDecision(tx, reviewId, decisionId)
    if (row.ownerId !== actor.userId && !can(actor, 'management_review.write')) throw forbidden('action.complete-own-only')
    assertVersion(row, expectedVersion)
    if (row.status === null) throw conflict('management-review.not-an-action', undefined)
    if (row.status !== 'open') throw conflict('action.already-done', undefined)
    const before = await loadDecision(tx, actor, decisionId, r.review, env)
    await tx
      .update(managementReviewDecisions)
      .set({ status: 'done', completedAt: env.now, completedById: actor.userId, completionNote: input.note, version: row.version + 1, updatedAt: env.now })
      .where(eq(managementReviewDecisions.id, decisionId))
    const after = await loadDecision(tx, actor, decisionId, r.review, env)
    await recordAudit(tx, actor, { action: 'review_decision.complete', entityType: 'review_decision', entityId: decisionId, before, after })
    return after
  })
}
