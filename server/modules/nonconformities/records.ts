/**
 * Building blocks shared by the nonconformity and action services: loading and locking
 * an NC with its unit, who may see it, the timeline, and who should hear about it.
 */
import { and, arrayContains, eq, inArray, isNotNull, or, sql, type Placeholder, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import { actions, nonconformities, nonconformityEvents, orgUnits, users, type NcStatus, type NonconformityRow } from '../../../db/schema/index.ts'
import { can, type Actor, type Permission } from '../../lib/permissions.ts'
import { inUnitScope, unitScope, type ScopeKind } from '../../lib/unit-scope.ts'
import { forbidden, notFound } from '../../lib/problems.ts'

export const ncCode = (number: number) => `NC-${String(number).padStart(4, '0')}`

export interface NcWithUnit {
  nc: NonconformityRow
  unit: { id: string; code: string; name: string; path: string }
}

const unitColumns = { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path }

/** The NC and its unit; `forUpdate` locks the NC row until the transaction ends. */
export async function findNonconformity(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<NcWithUnit> {
  const query = db
    .select({ nc: nonconformities, unit: unitColumns })
    .from(nonconformities)
    .innerJoin(orgUnits, eq(orgUnits.id, nonconformities.orgUnitId))
    .where(eq(nonconformities.id, id))
  const [row] = options.forUpdate ? await query.for('update', { of: nonconformities }) : await query
  if (!row) throw notFound('Nonconformity', id)
  return row
}

/** Does `actor` have `permission` for the NC's unit? */
export const canOn = (actor: Actor, permission: Permission, found: NcWithUnit) => can(actor, permission, { orgUnitPath: found.unit.path })

/**
 * SQL: the NCs `actor` may see: by role and unit (nonconformity.read), plus those they
 * raised and those in which they own an action. Needs `org_units` joined on the NC's unit.
 */
export function visibleNonconformities(actor: Actor): SQL | undefined {
  const scope = unitScope(actor, 'nonconformity.read')
  return ncScope(scope.kind, scope.match, actor.userId)
}

/** `visibleNonconformities` with its values given (placeholders in a prepared query): the unit scope (`unitScope`) and the actor's id. */
export function ncScope(kind: ScopeKind, match: string | Placeholder | undefined, actorId: string | Placeholder): SQL | undefined {
  if (kind === 'all') return undefined
  return or(
    inUnitScope(kind, orgUnits.path, match),
    eq(nonconformities.createdById, actorId),
    sql`exists (select 1 from ${actions} where ${actions.nonconformityId} = ${nonconformities.id} and ${actions.ownerId} = ${actorId})`,
  )
}

/** 403 unless the actor may see this NC (see `visibleNonconformities`). */
export async function assertCanRead(db: Db, actor: Actor, found: NcWithUnit): Promise<void> {
  if (canOn(actor, 'nonconformity.read', found) || found.nc.createdById === actor.userId) return
  const [owned] = await db
    .select({ id: actions.id })
    .from(actions)
    .where(and(eq(actions.nonconformityId, found.nc.id), eq(actions.ownerId, actor.userId)))
    .limit(1)
  if (!owned) throw forbidden('You are not allowed to see this nonconformity: it belongs to another unit and you own none of its actions.')
}

export interface EventInput {
  action: string
  from?: NcStatus | null
  to?: NcStatus | null
  details?: Record<string, unknown>
}

/** Appends to the NC's timeline (inside the transaction of the change). */
export async function recordNcEvent(db: Db, actor: Actor, nonconformityId: string, at: Date, event: EventInput): Promise<void> {
  await db.insert(nonconformityEvents).values({
    nonconformityId,
    at,
    actorId: actor.via === 'system' ? null : actor.userId,
    actorName: actor.fullName,
    action: event.action,
    fromStatus: event.from ?? null,
    toStatus: event.to ?? null,
    details: event.details ?? null,
  })
}

/**
 * The heads responsible for each unit: the active heads (dept_head, able to sign in) of
 * the unit itself or, when it has none, of the nearest unit above it. One query for all units.
 */
export async function responsibleHeads(db: Db, unitIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>()
  if (!unitIds.length) return result
  const target = alias(orgUnits, 'target')
  const rows = await db
    .select({ unitId: target.id, userId: users.id, depth: sql<number>`length(${orgUnits.path})` })
    .from(target)
    .innerJoin(orgUnits, sql`${target.path} like ${orgUnits.path} || '%'`)
    .innerJoin(users, eq(users.orgUnitId, orgUnits.id))
    .where(and(inArray(target.id, unitIds), eq(users.active, true), isNotNull(users.passwordHash), arrayContains(users.roles, ['dept_head'])))
  const nearest = new Map<string, number>()
  for (const r of rows) nearest.set(r.unitId, Math.max(nearest.get(r.unitId) ?? 0, Number(r.depth)))
  for (const r of rows) {
    if (Number(r.depth) !== nearest.get(r.unitId)) continue
    result.set(r.unitId, [...(result.get(r.unitId) ?? []), r.userId])
  }
  return result
}

/** Active users with a role who can sign in (managers for escalation, auditors for verification). */
export async function usersWithRole(db: Db, role: 'manager' | 'auditor'): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), isNotNull(users.passwordHash), arrayContains(users.roles, [role])))
  return rows.map((r) => r.id)
}

/** Owners of the NC's actions (all, or only those of open actions). */
export async function actionOwners(db: Db, nonconformityId: string, options: { openOnly?: boolean } = {}): Promise<string[]> {
  const rows = await db
    .selectDistinct({ ownerId: actions.ownerId })
    .from(actions)
    .where(and(eq(actions.nonconformityId, nonconformityId), options.openOnly ? eq(actions.status, 'open') : undefined))
  return rows.map((r) => r.ownerId)
}

/** Everyone but the actor: nobody is told about what they did themselves. */
export const except = (actor: Actor, ids: Iterable<string>) => [...new Set(ids)].filter((id) => id !== actor.userId)

