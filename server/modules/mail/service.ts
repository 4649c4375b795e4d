/**
 * A person's mail choices, and the outbox for administrators.
 */
import { and, count, desc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { mailOutbox, mailPreferences, users, type MailOutboxRow } from '../../../db/schema/index.ts'
import { mailEnabled, type Config } from '../../config.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { dateKey, keyset, textKey } from '../../lib/pagination.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { forbidden } from '../../lib/problems.ts'
import { recordAudit } from '../audit-log/service.ts'
import { DEFAULT_MAIL_MODES } from './categories.ts'
import type { MailPreferences, OutboxMail, OutboxQuery, UpdateMailPreferences } from './schemas.ts'

/** Without a row the defaults apply, as version 1: the first change makes the row, version 2. */
async function readPreferences(db: Db, actor: Actor, config: Config, forUpdate = false): Promise<MailPreferences> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId))
  const query = db.select().from(mailPreferences).where(eq(mailPreferences.userId, actor.userId))
  const [row] = forUpdate ? await query.for('update') : await query
  return {
    language: row?.language ?? 'vi',
    assignment: row?.assignment ?? DEFAULT_MAIL_MODES.assignment,
    update: row?.update ?? DEFAULT_MAIL_MODES.update,
    reminder: row?.reminder ?? DEFAULT_MAIL_MODES.reminder,
    email: user?.email ?? null,
    mailEnabled: mailEnabled(config),
    version: row?.version ?? 1,
  }
}

const notForTokens = (actor: Actor) => {
  if (actor.via === 'system') throw forbidden('mail.person-only')
}

export async function getMailPreferences(db: Db, actor: Actor, env: ServiceEnv): Promise<MailPreferences> {
  notForTokens(actor)
  return readPreferences(db, actor, env.config)
}

export async function updateMailPreferences(db: Db, actor: Actor, expected: number | undefined, input: UpdateMailPreferences, env: ServiceEnv): Promise<MailPreferences> {
  notForTokens(actor)
  return db.transaction(async (tx) => {
    const before = await readPreferences(tx, actor, env.config, true)
    assertVersion(before, expected)
    const next = {
      language: input.language ?? before.language,
      assignment: input.assignment ?? before.assignment,
      update: input.update ?? before.update,
      reminder: input.reminder ?? before.reminder,
    }
    const version = before.version + 1
    await tx
      .insert(mailPreferences)
      .values({ userId: actor.userId, ...next, version, updatedAt: env.now })
      .onConflictDoUpdate({ target: mailPreferences.userId, set: { ...next, version, updatedAt: env.now } })
    const { email: _e, mailEnabled: _m, version: _v, ...was } = before
    await recordAudit(tx, actor, { action: 'mail_preferences.update', entityType: 'user', entityId: actor.userId, before: was, after: next })
    return { ...before, ...next, version }
  })
}

function toOutboxMail(row: MailOutboxRow): OutboxMail {
  return {
    id: row.id,
    userId: row.userId,
    toAddress: row.toAddress,
    subject: row.subject,
    kind: row.kind as OutboxMail['kind'],
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }
}

/** Newest first; the counts by status tell an administrator at a glance whether mail flows. */
export async function listOutbox(db: Db, actor: Actor, query: OutboxQuery, env: ServiceEnv) {
  requirePermission(actor, 'mail.admin')
  const page = keyset([dateKey(mailOutbox.createdAt, (r: MailOutboxRow) => r.createdAt), textKey(mailOutbox.id, (r: MailOutboxRow) => r.id)], query, 'desc')
  const rows = await db
    .select()
    .from(mailOutbox)
    .where(and(query.status ? eq(mailOutbox.status, query.status) : undefined, page.where))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(page.limit)
  const counts = Object.fromEntries(
    (await db.select({ status: mailOutbox.status, n: count() }).from(mailOutbox).groupBy(mailOutbox.status)).map((r) => [r.status, r.n]),
  )
  return { ...page.page(rows, toOutboxMail), mailEnabled: mailEnabled(env.config), counts }
}
