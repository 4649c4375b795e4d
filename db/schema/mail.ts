import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, inList, instant, timestamps, version } from './columns.ts'
import { users } from './users.ts'

/**
 * What a person is mailed, by category of notification: at once, in the 07:00 digest,
 * or not at all. The kinds of notification fall into these three (server/modules/mail/categories.ts).
 */
export const MAIL_CATEGORIES = ['assignment', 'update', 'reminder'] as const
export type MailCategory = (typeof MAIL_CATEGORIES)[number]
export const MAIL_MODES = ['immediate', 'digest', 'off'] as const
export type MailMode = (typeof MAIL_MODES)[number]
export const MAIL_LANGUAGES = ['vi', 'en'] as const
export type MailLanguage = (typeof MAIL_LANGUAGES)[number]

/** One row per person who changed the defaults; without a row the defaults apply. */
export const mailPreferences = pgTable(
  'mail_preferences',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    language: text('language').$type<MailLanguage>().notNull().default('vi'),
    assignment: text('assignment').$type<MailMode>().notNull().default('immediate'),
    update: text('update').$type<MailMode>().notNull().default('digest'),
    reminder: text('reminder').$type<MailMode>().notNull().default('digest'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    check('mail_preferences_language_valid', sql`${t.language} in (${inList(MAIL_LANGUAGES)})`),
    check('mail_preferences_modes_valid', sql`${t.assignment} in (${inList(MAIL_MODES)}) and ${t.update} in (${inList(MAIL_MODES)}) and ${t.reminder} in (${inList(MAIL_MODES)})`),
  ],
)

export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const
export type MailStatus = (typeof MAIL_STATUSES)[number]

/**
 * Every mail the app sends, written before it is sent. `dedupeKey` (one notification, or
 * one person's digest of one day) makes a second copy impossible whoever writes it; a
 * sender claims a row (`sending`, with a lease) before it talks to the SMTP server, so
 * two instances never send the same row.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** `notification` (one, sent at once) or `digest` (the day's, at 07:00). */
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status').$type<MailStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** When a queued mail may be (re)tried, on the app's clock. */
    nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
    /** A `sending` row whose lease ran out (its sender died) is claimed again; the database's clock. */
    lockedUntil: instant('locked_until'),
    lastError: text('last_error'),
    sentAt: instant('sent_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mail_outbox_dedupe_key').on(t.dedupeKey),
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('queued', 'sending')`),
    index('mail_outbox_created_idx').on(t.createdAt, t.id),
    check('mail_outbox_status_valid', sql`${t.status} in (${inList(MAIL_STATUSES)})`),
  ],
)

export type MailPreferencesRow = typeof mailPreferences.$inferSelect
export type MailOutboxRow = typeof mailOutbox.$inferSelect
