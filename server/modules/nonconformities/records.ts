/**
 * Building blocks shared by the nonconformity and action services: loading and locking
 * an NC with its unit, who may see it, the timeline and its action owners (the
 * organisation-wide recipients are in notifications/recipients.ts).
 */
import { and, eq, or, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { actions, nonconformities, nonconformityEvents, orgUnits, type NcStatus, type NonconformityRow } from '../../../db/schema/index.ts'
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
  if (!row) throw notFound('nonconformity', id)
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
  if (!owned) throw forbidden('nonconformity.forbidden-read')
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

