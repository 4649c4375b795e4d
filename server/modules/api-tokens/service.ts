import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { apiTokens, users, type ApiTokenRow } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { dateKey, keyset, textKey } from '../../lib/pagination.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { conflict, invalidField, notFound } from '../../lib/problems.ts'
import { newSecret, sha256 } from '../../lib/tokens.ts'
import { recordAudit } from '../audit-log/service.ts'
import type { ApiToken, ApiTokenQuery, CreateApiToken } from './schemas.ts'
import { missingReference } from '../../lib/references.ts'

export function toApiToken(row: ApiTokenRow, username: string): ApiToken {
  return {
    id: row.id,
    name: row.name,
    tokenPrefix: row.tokenPrefix,
    userId: row.userId,
    username,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    scope: row.scope,
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    version: row.version,
  }
}

const selectTokens = (db: Db) =>
  db.select({ token: apiTokens, username: users.username }).from(apiTokens).innerJoin(users, eq(users.id, apiTokens.userId))

async function findToken(db: Db, id: string, forUpdate = false) {
  const query = selectTokens(db).where(eq(apiTokens.id, id))
  const [row] = forUpdate ? await query.for('update', { of: apiTokens }) : await query
  if (!row) throw notFound('api-token', id)
  return row
}

/** Creates a token acting with the rights of `userId` (default: the caller). The secret is returned once. */
export async function createApiToken(db: Db, actor: Actor, input: CreateApiToken, env: ServiceEnv) {
  requirePermission(actor, 'api_token.manage')
  const userId = input.userId ?? actor.userId
  const day = 24 * 3600_000
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : new Date(env.now.getTime() + env.config.tokenDefaultDays * day)
  if (expiresAt <= env.now) throw invalidField('expiresAt', 'api-token.expires-in-past')
  if (expiresAt.getTime() > env.now.getTime() + env.config.tokenMaxDays * day) {
    throw invalidField('expiresAt', 'api-token.expires-too-late', { days: env.config.tokenMaxDays })
  }
  return db.transaction(async (tx) => {
    const [owner] = await tx.select().from(users).where(eq(users.id, userId))
    if (!owner) throw missingReference('userId', 'user')
    if (!owner.active) throw invalidField('userId', 'field.user-deactivated')
    const token = newSecret('qms_')
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: input.name,
        tokenHash: sha256(token),
        tokenPrefix: token.slice(0, 10),
        userId,
        createdById: actor.via === 'system' ? null : actor.userId,
        scope: input.scope ?? 'read_write',
        expiresAt,
      })
      .returning()
    const created = toApiToken(row, owner.username)
    await recordAudit(tx, actor, { action: 'api_token.create', entityType: 'api_token', entityId: row.id, after: created })
    return { ...created, token }
  })
}

/** The expiry settings, for the token form. */
export function apiTokenLimits(actor: Actor, env: ServiceEnv) {
  requirePermission(actor, 'api_token.manage')
  return { defaultDays: env.config.tokenDefaultDays, maxDays: env.config.tokenMaxDays }
}

export async function listApiTokens(db: Db, actor: Actor, query: ApiTokenQuery) {
  requirePermission(actor, 'api_token.manage')
  const page = keyset([dateKey(apiTokens.createdAt, (r) => r.token.createdAt), textKey(apiTokens.id, (r) => r.token.id)], query, 'desc')
  const rows = await selectTokens(db)
    .where(
      and(
        query.userId ? eq(apiTokens.userId, query.userId) : undefined,
        query.includeRevoked ? undefined : isNull(apiTokens.revokedAt),
        page.where,
      ),
    )
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(page.limit)
  return page.page(rows, (r) => toApiToken(r.token, r.username))
}

export async function getApiToken(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'api_token.manage')
  const row = await findToken(db, id)
  return toApiToken(row.token, row.username)
}

export async function revokeApiToken(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, env: ServiceEnv) {
  requirePermission(actor, 'api_token.manage')
  return db.transaction(async (tx) => {
    const current = await findToken(tx, id, true)
    assertVersion(current.token, expectedVersion)
    if (current.token.revokedAt) throw conflict('api-token.already-revoked', undefined)
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: env.now, version: current.token.version + 1 })
      .where(eq(apiTokens.id, id))
      .returning()
    const before = toApiToken(current.token, current.username)
    const after = toApiToken(row, current.username)
    await recordAudit(tx, actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: id, before, after })
    return after
  })
}

/**
 * Revokes every live token of a user: called, inside the caller's transaction, when the
 * user's password changes or is reset and when the user is deactivated. Revoked tokens
 * stay revoked, so reactivating the user does not bring them back.
 */
export async function revokeUserTokens(db: Db, userId: string, now: Date) {
  await db
    .update(apiTokens)
    .set({ revokedAt: now, version: sql`${apiTokens.version} + 1` })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
}
