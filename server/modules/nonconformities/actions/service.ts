/**
 * Actions of a nonconformity: added and changed by whoever plans the NC, completed by
 * their owner (or by a head of unit or manager on the owner's behalf).
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../../db/client.ts'
import { actions, nonconformities, nonconformityVerifications, orgUnits, users, type ActionRow, type NcStatus } from '../../../../db/schema/index.ts'
import { agencyToday, daysBetween, type ServiceEnv } from '../../../lib/clock.ts'
import { assertVersion } from '../../../lib/concurrency.ts'
import { dateKey, keyset, textKey } from '../../../lib/pagination.ts'
import { can, requirePermission, type Actor } from '../../../lib/permissions.ts'
import { forbidden, HttpProblem, invalidField, notFound } from '../../../lib/problems.ts'
import { claimAttachments } from '../../attachments/service.ts'
import { recordAudit } from '../../audit-log/service.ts'
import { assertCanRead, canOn, except, findNonconformity, ncCode, recordNcEvent, visibleNonconformities, type NcWithUnit } from '../records.ts'
import { responsibleHeads } from '../../notifications/recipients.ts'
import { actionsCompletable, isOpen, NC_WORKFLOW } from '../transitions.ts'
import { inSubtreeOf } from '../../org-units/service.ts'
import { refreshNextActionDue } from '../nonconformity-rollups.ts'
import { notify } from '../../notifications/service.ts'
import type { Action, ActionQuery, CompleteAction, CreateAction, NcActionQuery, UpdateAction } from './schemas.ts'
import { missingReference } from '../../../lib/references.ts'

const owner = alias(users, 'owner')
const completer = alias(users, 'completer')

/** What `toAction` needs besides the row: names, and the NC's number, status and unit. */
export interface ActionContext {
  owner: { id: string; fullName: string }
  completedBy: { id: string; fullName: string } | null
  nc: { number: number; status: NcStatus; unitPath: string }
}

export function toAction(row: ActionRow, context: ActionContext, actor: Actor, today: string): Action {
  const late = row.status === 'open' && isOpen(context.nc.status) ? Math.max(0, daysBetween(row.dueDate, today)) : 0
  return {
    id: row.id,
    nonconformityId: row.nonconformityId,
    nonconformityCode: ncCode(context.nc.number),
    type: row.type,
    description: row.description,
    ownerId: row.ownerId,
    owner: context.owner,
    dueDate: row.dueDate,
    status: row.status,
    overdue: late > 0,
    daysOverdue: late,
    completedAt: row.completedAt?.toISOString() ?? null,
    completedBy: context.completedBy,
    completionNote: row.completionNote,
    attachmentIds: row.attachmentIds,
    allowedActions: allowedOnAction(actor, row, context),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

function allowedOnAction(actor: Actor, row: ActionRow, context: ActionContext): Action['allowedActions'] {
  if (row.status !== 'open') return []
  const target = { orgUnitPath: context.nc.unitPath }
  const out: Action['allowedActions'] = []
  if (NC_WORKFLOW.can('add-action', context.nc.status) && can(actor, 'nonconformity.plan', target)) out.push('update')
  if (actionsCompletable(context.nc.status) && (row.ownerId === actor.userId || can(actor, 'action.complete', target))) out.push('complete')
  return out
}

/** Actions with everything `toAction` needs, in one query. */
function selectActions(db: Db) {
  return db
    .select({
      action: actions,
      owner: { id: owner.id, fullName: owner.fullName },
      completedBy: { id: completer.id, fullName: completer.fullName },
      nc: { number: nonconformities.number, status: nonconformities.status, unitPath: orgUnits.path },
    })
    .from(actions)
    .innerJoin(nonconformities, eq(nonconformities.id, actions.nonconformityId))
    .innerJoin(orgUnits, eq(orgUnits.id, nonconformities.orgUnitId))
    .innerJoin(owner, eq(owner.id, actions.ownerId))
    .leftJoin(completer, eq(completer.id, actions.completedById))
}

type SelectedAction = Awaited<ReturnType<ReturnType<typeof selectActions>['execute']>>[number]

const mapper = (actor: Actor, today: string) => (r: SelectedAction) =>
  toAction(r.action, { owner: r.owner, completedBy: r.completedBy?.id ? r.completedBy : null, nc: r.nc }, actor, today)

/** Every action of one NC, by due date (for the NC page). */
export async function actionsOf(db: Db, actor: Actor, nonconformityId: string, env: ServiceEnv): Promise<Action[]> {
  const rows = await selectActions(db)
    .where(eq(actions.nonconformityId, nonconformityId))
    .orderBy(asc(actions.dueDate), asc(actions.createdAt), asc(actions.id))
  return rows.map(mapper(actor, agencyToday(env)))
}

export async function loadAction(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<Action> {
  const [row] = await selectActions(db).where(eq(actions.id, id))
  if (!row) throw notFound('action', id)
  return mapper(actor, agencyToday(env))(row)
}

/** SQL: open, past due, and its NC still open. */
function overdueCondition(today: string): SQL {
  return sql`(${actions.status} = 'open' and ${actions.dueDate} < ${today}::date and ${nonconformities.status} not in ('closed', 'cancelled'))`
}

export async function listNcActions(db: Db, actor: Actor, nonconformityId: string, query: NcActionQuery, env: ServiceEnv) {
  const found = await findNonconformity(db, nonconformityId)
  await assertCanRead(db, actor, found)
  const page = keyset([dateKey(actions.createdAt, (r) => r.action.createdAt), textKey(actions.id, (r) => r.action.id)], query)
  const rows = await selectActions(db)
    .where(and(eq(actions.nonconformityId, nonconformityId), page.where))
    .orderBy(asc(actions.createdAt), asc(actions.id))
    .limit(page.limit)
  return page.page(rows, mapper(actor, agencyToday(env)))
}

/** Actions across NCs the caller may see, by due date (e.g. "my open actions"). */
export async function listActions(db: Db, actor: Actor, query: ActionQuery, env: ServiceEnv) {
  requirePermission(actor, 'nonconformity.read')
  const today = agencyToday(env)
  const page = keyset([textKey(actions.dueDate, (r) => r.action.dueDate), textKey(actions.id, (r) => r.action.id)], query)
  const rows = await selectActions(db)
    .where(
      and(
        visibleNonconformities(actor),
        query.ownerId ? eq(actions.ownerId, query.ownerId) : undefined,
        query.nonconformityId ? eq(actions.nonconformityId, query.nonconformityId) : undefined,
        query.orgUnitId ? inSubtreeOf(sql`${nonconformities.orgUnitId}`, query.orgUnitId) : undefined,
        query.status ? eq(actions.status, query.status) : undefined,
        query.overdue === undefined ? undefined : query.overdue ? overdueCondition(today) : sql`not ${overdueCondition(today)}`,
        page.where,
      ),
    )
    .orderBy(asc(actions.dueDate), asc(actions.id))
    .limit(page.limit)
  return page.page(rows, mapper(actor, today))
}

export async function getAction(db: Db, actor: Actor, id: string, env: ServiceEnv) {
  const action = await loadAction(db, actor, id, env)
  await assertCanRead(db, actor, await findNonconformity(db, action.nonconformityId))
  return action
}

async function assertOwnerUsable(db: Db, ownerId: string) {
  const [user] = await db.select({ active: users.active }).from(users).where(eq(users.id, ownerId))
  if (!user) throw missingReference('ownerId', 'user')
  if (!user.active) throw invalidField('ownerId', 'field.user-deactivated')
}

function assertDueDate(found: NcWithUnit, dueDate: string) {
  if (dueDate < found.nc.detectedOn) {
    throw invalidField('dueDate', 'action.due-before-detection', { min: found.nc.detectedOn })
  }
}

function requirePlanner(actor: Actor, found: NcWithUnit) {
  if (!canOn(actor, 'nonconformity.plan', found)) {
    throw forbidden('action.only-head-plans')
  }
}

/** Tells an action's owner about it once the plan stands (assigning before that would be noise). */
export async function notifyAssigned(db: Db, actor: Actor, found: NcWithUnit, action: { id: string; ownerId: string; description: string; dueDate: string }) {
  if (!['action_planned', 'in_progress'].includes(found.nc.status)) return
  const code = ncCode(found.nc.number)
  await notify(db, {
    userIds: except(actor, [action.ownerId]),
    kind: 'action.assigned',
    title: `${code}: you own an action due ${action.dueDate}: ${action.description}`,
    params: { code, title: found.nc.title, action: action.description, dueDate: action.dueDate },
    link: `/nonconformities/${found.nc.id}`,
    entityType: 'action',
    entityId: action.id,
    dedupeKey: `action:${action.id}:assigned:${action.ownerId}`,
  })
}

export async function addAction(db: Db, actor: Actor, nonconformityId: string, input: CreateAction, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const found = await findNonconformity(tx, nonconformityId, { forUpdate: true })
    requirePlanner(actor, found)
    NC_WORKFLOW.assert('add-action', found.nc.status, { action: 'add-action-to' })
    await assertOwnerUsable(tx, input.ownerId)
    assertDueDate(found, input.dueDate)
    const [row] = await tx
      .insert(actions)
      .values({ nonconformityId, type: input.type, description: input.description, ownerId: input.ownerId, dueDate: input.dueDate, createdById: actor.userId, createdAt: env.now, updatedAt: env.now })
      .returning()
    await refreshNextActionDue(tx, nonconformityId)
    const action = await loadAction(tx, actor, row.id, env)
    await recordNcEvent(tx, actor, nonconformityId, env.now, {
      action: 'action.add',
      details: { actionId: row.id, type: row.type, description: row.description, owner: action.owner.fullName, dueDate: row.dueDate },
    })
    await recordAudit(tx, actor, { action: 'action.create', entityType: 'action', entityId: row.id, after: action })
    await notifyAssigned(tx, actor, found, row)
    return action
  })
}

/** Locks the action's NC, then the action (always in that order, as every NC change does). */
async function lockAction(db: Db, id: string): Promise<{ found: NcWithUnit; row: ActionRow }> {
  const [ref] = await db.select({ nonconformityId: actions.nonconformityId }).from(actions).where(eq(actions.id, id))
  if (!ref) throw notFound('action', id)
  const found = await findNonconformity(db, ref.nonconformityId, { forUpdate: true })
  const [row] = await db.select().from(actions).where(eq(actions.id, id)).for('update')
  return { found, row }
}

const alreadyDone = () =>
  new HttpProblem(409, 'illegal-transition', 'Not allowed in this state', 'action.already-done', undefined, undefined, {}, { allowed: [] })

export async function updateAction(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateAction, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const { found, row } = await lockAction(tx, id)
    requirePlanner(actor, found)
    assertVersion(row, expectedVersion)
    if (row.status !== 'open') throw alreadyDone()
    NC_WORKFLOW.assert('add-action', found.nc.status, { action: 'change-action-of' })
    if (input.ownerId !== undefined && input.ownerId !== row.ownerId) await assertOwnerUsable(tx, input.ownerId)
    if (input.dueDate !== undefined) assertDueDate(found, input.dueDate)
    const before = await loadAction(tx, actor, id, env)
    const [updated] = await tx
      .update(actions)
      .set({
        type: input.type ?? row.type,
        description: input.description ?? row.description,
        ownerId: input.ownerId ?? row.ownerId,
        dueDate: input.dueDate ?? row.dueDate,
        version: row.version + 1,
        updatedAt: env.now,
      })
      .where(eq(actions.id, id))
      .returning()
    await refreshNextActionDue(tx, found.nc.id)
    const after = await loadAction(tx, actor, id, env)
    const changes: Record<string, { from: unknown; to: unknown }> = {}
    for (const key of ['type', 'description', 'dueDate'] as const) if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] }
    if (before.ownerId !== after.ownerId) changes.owner = { from: before.owner.fullName, to: after.owner.fullName }
    await recordNcEvent(tx, actor, found.nc.id, env.now, { action: 'action.update', details: { actionId: id, description: after.description, changes } })
    await recordAudit(tx, actor, { action: 'action.update', entityType: 'action', entityId: id, before, after })
    if (updated.ownerId !== row.ownerId) await notifyAssigned(tx, actor, found, updated)
    return after
  })
}

export async function completeAction(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: CompleteAction, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const { found, row } = await lockAction(tx, id)
    if (row.ownerId !== actor.userId && !canOn(actor, 'action.complete', found)) {
      throw forbidden('action.complete-own-only')
    }
    assertVersion(row, expectedVersion)
    if (row.status !== 'open') throw alreadyDone()
    if (!actionsCompletable(found.nc.status)) throw NC_WORKFLOW.problem('complete-action', found.nc.status, { action: 'complete-action-of' })
    // Evidence must be files the actor uploaded or may see, and not evidence for another unit.
    await claimAttachments(tx, actor, input.attachmentIds ?? [], found.nc.orgUnitId, 'attachmentIds')
    const before = await loadAction(tx, actor, id, env)
    await tx
      .update(actions)
      .set({
        status: 'done',
        completedAt: env.now,
        completedById: actor.userId,
        completionNote: input.note,
        attachmentIds: input.attachmentIds ?? [],
        version: row.version + 1,
        updatedAt: env.now,
      })
      .where(eq(actions.id, id))
    await refreshNextActionDue(tx, found.nc.id)
    const after = await loadAction(tx, actor, id, env)
    await recordNcEvent(tx, actor, found.nc.id, env.now, {
      action: 'action.complete',
      details: { actionId: id, description: row.description, note: input.note, attachments: (input.attachmentIds ?? []).length },
    })
    await recordAudit(tx, actor, { action: 'action.complete', entityType: 'action', entityId: id, before, after })

    // The last open action done: the heads may now send the NC to verification.
    const [{ open }] = await tx
      .select({ open: sql<number>`count(*)::int` })
      .from(actions)
      .where(and(eq(actions.nonconformityId, found.nc.id), eq(actions.status, 'open')))
    if (open === 0) {
      const [{ checks }] = await tx
        .select({ checks: sql<number>`count(*)::int` })
        .from(nonconformityVerifications)
        .where(eq(nonconformityVerifications.nonconformityId, found.nc.id))
      const code = ncCode(found.nc.number)
      const heads = (await responsibleHeads(tx, [found.nc.orgUnitId])).get(found.nc.orgUnitId) ?? []
      await notify(tx, {
        userIds: except(actor, heads),
        kind: 'nonconformity.actions_done',
        title: `${code}: every action is done; send it for verification`,
        params: { code, title: found.nc.title },
        link: `/nonconformities/${found.nc.id}`,
        entityType: 'nonconformity',
        entityId: found.nc.id,
        dedupeKey: `nc:${found.nc.id}:actions-done:${checks + 1}`,
      })
    }
    return after
  })
}
