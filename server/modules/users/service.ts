import { and, arrayContains, asc, eq, ne, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { orgUnits, sessions, users, type OrgUnitRow, type UserRow } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { keyset, textKey } from '../../lib/pagination.ts'
import { hashPassword } from '../../lib/passwords.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { conflict, fieldError, invalidField, notFound } from '../../lib/problems.ts'
import { exactFirst, matchesSearch, parseSearch } from '../../lib/search.ts'
import { recordAudit } from '../audit-log/service.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import { revokeUserTokens } from '../api-tokens/service.ts'
import type { CreateUser, UpdateUser, User, UserQuery } from './schemas.ts'
import { missingReference } from '../../lib/references.ts'

type UnitColumns = Pick<OrgUnitRow, 'id' | 'code' | 'name'> | null

export function toUser(row: UserRow, unit: UnitColumns): User {
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    position: row.position,
    email: row.email,
    orgUnitId: row.orgUnitId,
    orgUnit: unit && unit.id ? { id: unit.id, code: unit.code, name: unit.name } : null,
    roles: row.roles,
    active: row.active,
    canSignIn: row.passwordHash !== null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

const unitColumns = { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name }

function selectUsers(db: Db) {
  return db.select({ user: users, unit: unitColumns }).from(users).leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
}

export async function findUser(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  const query = selectUsers(db).where(eq(users.id, id))
  const [row] = options.forUpdate ? await query.for('update', { of: users }) : await query
  if (!row) throw notFound('user', id)
  return row
}

export async function loadUser(db: Db, id: string): Promise<User> {
  const { user, unit } = await findUser(db, id)
  return toUser(user, unit)
}

export async function listUsers(db: Db, actor: Actor, query: UserQuery) {
  requirePermission(actor, 'user.read')
  const page = keyset([textKey(users.fullName, (r) => r.user.fullName), textKey(users.id, (r) => r.user.id)], query)
  const search = parseSearch(query.q)
  const filters = and(
    query.orgUnitId ? inSubtreeOf(users.orgUnitId, query.orgUnitId) : undefined,
    query.role ? arrayContains(users.roles, [query.role]) : undefined,
    query.active === undefined ? undefined : eq(users.active, query.active),
  )
  const select = (where: SQL | undefined, limit: number) => selectUsers(db).where(and(filters, where)).orderBy(asc(users.fullName), asc(users.id)).limit(limit)
  // The user whose username is the term comes first (server/lib/search.ts).
  const rows = await exactFirst(
    page,
    2,
    (r) => r.user.id,
    search && (() => select(sql`lower(${users.username}) = lower(${search.term})`, 1)),
    ({ exclude, cursor, limit }) =>
      select(and(matchesSearch(search, users.search), exclude ? ne(users.id, exclude) : undefined, cursor ? page.where : undefined), limit),
  )
  return page.page(rows, (r) => toUser(r.user, r.unit))
}

export async function getUser(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'user.read')
  return loadUser(db, id)
}

async function assertUsernameFree(db: Db, username: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.username}) = lower(${username})`, exceptId ? sql`${users.id} <> ${exceptId}` : undefined))
  if (clash) {
    throw conflict('user.username-taken', { username }, [fieldError('username', 'user.field-username-taken')])
  }
}

async function assertUnitUsable(db: Db, orgUnitId: string | null | undefined) {
  if (!orgUnitId) return
  const [unit] = await db.select({ active: orgUnits.active }).from(orgUnits).where(eq(orgUnits.id, orgUnitId))
  if (!unit) throw missingReference('orgUnitId', 'unit')
  if (!unit.active) throw invalidField('orgUnitId', 'field.unit-deactivated')
}

export async function createUser(db: Db, actor: Actor, input: CreateUser) {
  requirePermission(actor, 'user.write')
  const passwordHash = input.password ? await hashPassword(input.password) : null
  return db.transaction(async (tx) => {
    await assertUsernameFree(tx, input.username)
    await assertUnitUsable(tx, input.orgUnitId)
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        fullName: input.fullName,
        position: input.position ?? null,
        email: input.email ?? null,
        orgUnitId: input.orgUnitId ?? null,
        roles: input.roles ?? [],
        active: input.active ?? true,
        passwordHash,
      })
      .returning()
    const user = await loadUser(tx, row.id)
    await recordAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: user })
    return user
  })
}

export async function updateUser(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateUser, env: ServiceEnv) {
  requirePermission(actor, 'user.write')
  const passwordHash = input.password ? await hashPassword(input.password) : input.password
  return db.transaction(async (tx) => {
    const current = await findUser(tx, id, { forUpdate: true })
    assertVersion(current.user, expectedVersion)
    if (input.username !== undefined && input.username.toLowerCase() !== current.user.username.toLowerCase()) {
      await assertUsernameFree(tx, input.username, id)
    }
    if (input.orgUnitId !== undefined && input.orgUnitId !== current.user.orgUnitId) await assertUnitUsable(tx, input.orgUnitId)
    if (id === actor.userId && (input.active === false || (input.roles && !input.roles.includes('admin')))) {
      throw conflict('user.self-change', undefined, [fieldError(input.active === false ? 'active' : 'roles', 'user.field-self')])
    }

    await tx
      .update(users)
      .set({
        username: input.username ?? current.user.username,
        fullName: input.fullName ?? current.user.fullName,
        position: input.position === undefined ? current.user.position : input.position,
        email: input.email === undefined ? current.user.email : input.email,
        orgUnitId: input.orgUnitId === undefined ? current.user.orgUnitId : input.orgUnitId,
        roles: input.roles ?? current.user.roles,
        active: input.active ?? current.user.active,
        passwordHash: passwordHash === undefined ? current.user.passwordHash : passwordHash,
        version: current.user.version + 1,
        updatedAt: env.now,
      })
      .where(eq(users.id, id))

    // A new password, a removed password or deactivation ends every open session and
    // API token; tokens are revoked (not suspended), so reactivation does not revive them.
    if (input.password !== undefined || input.active === false) {
      await tx.delete(sessions).where(eq(sessions.userId, id))
      await revokeUserTokens(tx, id, env.now)
    }
    const before = toUser(current.user, current.unit)
    const after = await loadUser(tx, id)
    await recordAudit(tx, actor, {
      action: input.password !== undefined ? 'user.update_with_password' : 'user.update',
      entityType: 'user',
      entityId: id,
      before,
      after,
    })
    return after
  })
}
