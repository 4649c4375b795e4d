import { sql } from 'drizzle-orm'
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, instant } from './columns.ts'
import { users } from './users.ts'

/**
 * In-app notifications. `dedupeKey` names what the notification is about (e.g.
 * `action:<id>:overdue:<due date>`): the unique index makes sure that the same reminder
 * reaches a person once, whichever instance or job run tries to create it.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** Plain-text fallback; the web app words known kinds itself, in the user's language. */
    title: text('title').notNull(),
    params: jsonb('params').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    /** Where the notification leads in the web app, e.g. `/nonconformities/<id>`. */
    link: text('link'),
    entityType: text('entity_type'),
    entityId: uuid('entity_id'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    readAt: instant('read_at'),
    /**
     * Set when this item reached the person inside a digest (one notification listing many,
     * e.g. a large backlog of overdue actions on the first escalation run): the row keeps its
     * dedupe key, so it is never sent again, but is not shown on its own.
     */
    digestId: uuid('digest_id'),
    /**
     * Where the notification stands for e-mail: null until the mail collector has looked
     * at it (server/modules/mail/collect.ts), then `queued` (mailed at once), `digest`
     * (waiting for the next 07:00 digest), `digested` (in one) or `skipped` (the person
     * chose no mail, has no address, or it is older than a day when mail was turned on).
     * Rows that existed before mail did are `skipped` (migration 0026).
     */
    mailState: text('mail_state').$type<'queued' | 'digest' | 'digested' | 'skipped'>(),
  },
  (t) => [
    uniqueIndex('notifications_user_dedupe_key').on(t.userId, t.dedupeKey),
    index('notifications_user_shown_idx').on(t.userId, t.createdAt, t.id).where(sql`${t.digestId} is null`),
    index('notifications_digest_idx').on(t.digestId).where(sql`${t.digestId} is not null`),
    index('notifications_mail_new_idx').on(t.createdAt).where(sql`${t.mailState} is null`),
    index('notifications_mail_digest_idx').on(t.userId, t.createdAt).where(sql`${t.mailState} = 'digest'`),
  ],
)

export type NotificationRow = typeof notifications.$inferSelect
