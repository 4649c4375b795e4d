import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { auditLog, type AuditLogRow } from '../../../db/schema/index.ts'
import { dateKey, keyset, textKey } from '../../lib/pagination.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import type { AuditEntry, AuditQuery } from './schemas.ts'

export interface AuditRecord {
  action: string
  entityType: string
  entityId?: string | null
  before?: unknown
  after?: unknown
}

/**
 * Appends to the audit log. Call it inside the transaction of the write it records,
 * so that either both happen or neither does. Make it the transaction's last statement
 * where you can: appending to the hash chain takes a lock that other audited writes wait
 * for until this transaction ends.
 */
export async function recordAudit(db: Db, actor: Actor, record: AuditRecord): Promise<void> {
  await db.insert(auditLog).values({
    actorId: actor.via === 'system' ? null : actor.userId,
    actorUsername: actor.username,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId ?? null,
    before: record.before ?? null,
    after: record.after ?? null,
    requestId: actor.requestId ?? null,
  })
}

export function toAuditEntry(row: AuditLogRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorUsername: row.actorUsername,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
  }
}

/** Newest first. */
export async function listAuditLog(db: Db, actor: Actor, query: AuditQuery) {
  requirePermission(actor, 'audit_log.read')
  const page = keyset([dateKey(auditLog.at, (r) => r.at), textKey(auditLog.id, (r) => r.id)], query, 'desc')
  const filters: (SQL | undefined)[] = [
    query.entityType ? eq(auditLog.entityType, query.entityType) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.from ? gte(auditLog.at, new Date(query.from)) : undefined,
    query.to ? lt(auditLog.at, new Date(query.to)) : undefined,
    page.where,
  ]
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit)
  return page.page(rows, toAuditEntry)
}
