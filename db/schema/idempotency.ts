import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { bytea, instant } from './columns.ts'
import { users } from './users.ts'

/**
 * One row per `Idempotency-Key` a caller sent with a state change: the request's
 * fingerprint and, once it finished, the response it produced, so a retry (a device
 * syncing again after a lost answer, two tabs, a proxy) gets that response back instead
 * of doing the work twice. Keys are per user; rows are kept at least 72 hours.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    /** SHA-256 (hex) of the method, path and body: the same key with another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    /** `pending` while the first request runs, `done` when its response is kept. */
    state: text('state').notNull().default('pending'),
    status: integer('status'),
    headers: jsonb('headers').$type<Record<string, string>>(),
    body: bytea('body'),
    createdAt: instant('created_at').notNull().defaultNow(),
    completedAt: instant('completed_at'),
  },
  (t) => [
    primaryKey({ name: 'idempotency_keys_pkey', columns: [t.userId, t.key] }),
    index('idempotency_keys_created_idx').on(t.createdAt),
    check('idempotency_keys_state_valid', sql`${t.state} in ('pending', 'done')`),
    check('idempotency_keys_done_has_response', sql`(${t.state} = 'done') = (${t.status} is not null)`),
  ],
)

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect
