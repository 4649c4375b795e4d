import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, instant } from './columns.ts'

/**
 * Every write, append-only: a trigger (migration 0001) refuses UPDATE, DELETE and
 * TRUNCATE. The actor is copied by value so the entry outlives any change to users.
 *
 * Entries form a hash chain (migration audit_log_hash_chain): a BEFORE INSERT trigger
 * numbers each entry (`seq`) and sets `hash` = sha256 of the previous entry's hash and
 * this entry's content, so an entry changed or removed behind the triggers' back (by
 * the table's owner or a superuser) breaks the chain; GET /api/audit-log/verify finds it.
 * The app never sets these three columns: the trigger overwrites them.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: instant('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    // Placeholders for the insert's type only: the audit_log_chain trigger sets the real values.
    seq: bigint('seq', { mode: 'number' }).notNull().$defaultFn(() => 0),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull().$defaultFn(() => ''),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId, t.at),
    index('audit_log_at_idx').on(t.at, t.id),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    uniqueIndex('audit_log_seq_idx').on(t.seq),
  ],
)

export type AuditLogRow = typeof auditLog.$inferSelect
