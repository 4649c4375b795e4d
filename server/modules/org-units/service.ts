import { and, asc, count, eq, like, ne, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import { orgUnits, users, type OrgUnitRow } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { keyset, textKey } from '../../lib/pagination.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { conflict, fieldError, invalidField, notFound } from '../../lib/problems.ts'
import { exactFirst, matchesSearch, parseSearch } from '../../lib/search.ts'
import { recordAudit } from '../audit-log/service.ts'
import type { CreateOrgUnit, OrgUnit, OrgUnitQuery, UpdateOrgUnit } from './schemas.ts'
import { missingReference } from '../../lib/references.ts'

export function toOrgUnit(row: OrgUnitRow): OrgUnit {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    parentId: row.parentId,
    depth: row.path.split('/').filter(Boolean).length - 1,
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** SQL condition: the unit column refers to `unitId` or any unit below it. */
export function inSubtreeOf(unitColumn: SQL | AnyPgColumn, unitId: string | Placeholder): SQL {
  return sql`${unitColumn} in (select d.id from ${orgUnits} d where d.path like (select p.path from ${orgUnits} p where p.id = ${unitId}) || '%')`
}

/** SQL: the unit whose `path` is in `pathColumn` is `unitId` or a unit below it (for queries that join the unit). */
export function pathInSubtreeOf(pathColumn: AnyPgColumn, unitId: string | Placeholder): SQL {
  return sql`${pathColumn} like (select p.path from ${orgUnits} p where p.id = ${unitId}) || '%'`
}

export async function findOrgUnit(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<OrgUnitRow> {
  const query = db.select().from(orgUnits).where(eq(orgUnits.id, id))
  const [row] = options.forUpdate ? await query.for('update') : await query
  if (!row) throw notFound('org-unit', id)
  return row
}

export async function listOrgUnits(db: Db, actor: Actor, query: OrgUnitQuery) {
  requirePermission(actor, 'org_unit.read')
  const page = keyset([textKey(orgUnits.path, (r) => r.path)], query)
  const search = parseSearch(query.q)
  const filters = and(
    query.parentId ? eq(orgUnits.parentId, query.parentId) : undefined,
    query.within ? inSubtreeOf(orgUnits.id, query.within) : undefined,
    query.active === undefined ? undefined : eq(orgUnits.active, query.active),
  )
  // Path order lists every unit right after its parent: the tree, flattened.
  const select = (where: SQL | undefined, limit: number) => db.select().from(orgUnits).where(and(filters, where)).orderBy(asc(orgUnits.path)).limit(limit)
  // The unit whose code is the term comes first (server/lib/search.ts); the path, the sort key, is unique.
  const rows = await exactFirst(
    page,
    1,
    (r) => r.path,
    search && (() => select(sql`lower(${orgUnits.code}) = lower(${search.term})`, 1)),
    ({ exclude, cursor, limit }) =>
      select(and(matchesSearch(search, orgUnits.search), exclude ? ne(orgUnits.path, exclude) : undefined, cursor ? page.where : undefined), limit),
  )
  return page.page(rows, toOrgUnit)
}

export async function getOrgUnit(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'org_unit.read')
  return toOrgUnit(await findOrgUnit(db, id))
}

async function assertCodeFree(db: Db, code: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(sql`lower(${orgUnits.code}) = lower(${code})`, exceptId ? sql`${orgUnits.id} <> ${exceptId}` : undefined))
  if (clash) throw conflict('code-taken', { entity: 'org-unit', code }, [fieldError('code', 'field.code-taken', { entity: 'unit' })])
}

async function parentPath(db: Db, parentId: string | null | undefined): Promise<string> {
  if (!parentId) return '/'
  const [parent] = await db.select().from(orgUnits).where(eq(orgUnits.id, parentId))
  if (!parent) throw missingReference('parentId', 'unit')
  if (!parent.active) throw invalidField('parentId', 'field.unit-deactivated')
  return parent.path
}

export async function createOrgUnit(db: Db, actor: Actor, input: CreateOrgUnit) {
  requirePermission(actor, 'org_unit.write')
  return db.transaction(async (tx) => {
    await assertCodeFree(tx, input.code)
    const prefix = await parentPath(tx, input.parentId)
    const id = crypto.randomUUID()
    const [row] = await tx
      .insert(orgUnits)
      .values({ id, code: input.code, name: input.name, parentId: input.parentId ?? null, path: `${prefix}${id}/` })
      .returning()
    const unit = toOrgUnit(row)
    await recordAudit(tx, actor, { action: 'org_unit.create', entityType: 'org_unit', entityId: id, after: unit })
    return unit
  })
}

export async function updateOrgUnit(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateOrgUnit, env: ServiceEnv) {
  requirePermission(actor, 'org_unit.write')
  return db.transaction(async (tx) => {
    const current = await findOrgUnit(tx, id, { forUpdate: true })
    assertVersion(current, expectedVersion)
    if (input.code !== undefined && input.code.toLowerCase() !== current.code.toLowerCase()) await assertCodeFree(tx, input.code, id)

    let path = current.path
    if (input.parentId !== undefined && input.parentId !== current.parentId) {
      const prefix = await parentPath(tx, input.parentId)
      if (prefix.startsWith(current.path)) {
        throw invalidField('parentId', 'org-unit.cycle')
      }
      path = `${prefix}${id}/`
      // Re-root the whole subtree: every descendant's path starts with this unit's path.
      await tx
        .update(orgUnits)
        .set({ path: sql`${path} || substr(${orgUnits.path}, ${current.path.length + 1})` })
        .where(and(like(orgUnits.path, `${current.path}%`), sql`${orgUnits.id} <> ${id}`))
    }

    if (input.active === false && current.active) {
      const [{ n: subUnits }] = await tx
        .select({ n: count() })
        .from(orgUnits)
        .where(and(eq(orgUnits.parentId, id), eq(orgUnits.active, true)))
      const [{ n: members }] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.orgUnitId, id), eq(users.active, true)))
      if (subUnits || members) {
        throw conflict('org-unit.in-use', { subUnits, members }, [fieldError('active', 'org-unit.field-in-use', { subUnits, members })])
      }
    }

    const [row] = await tx
      .update(orgUnits)
      .set({
        code: input.code ?? current.code,
        name: input.name ?? current.name,
        parentId: input.parentId === undefined ? current.parentId : input.parentId,
        active: input.active ?? current.active,
        path,
        version: current.version + 1,
        updatedAt: env.now,
      })
      .where(eq(orgUnits.id, id))
      .returning()
    const before = toOrgUnit(current)
    const after = toOrgUnit(row)
    await recordAudit(tx, actor, { action: 'org_unit.update', entityType: 'org_unit', entityId: id, before, after })
    return after
  })
}
