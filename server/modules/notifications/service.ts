/**
 * In-app notifications: `notify` for every module (call it inside the transaction of the
 * change it reports), and the caller's own list. A notification is created once per
 * person and `dedupeKey`; the unique index enforces that across instances and job runs.
 */
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { notifications, users, type NotificationRow } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { decodeCursor, DEFAULT_LIMIT, encodeCursor } from '../../lib/pagination.ts'
import type { Actor } from '../../lib/permissions.ts'
import { notFound } from '../../lib/problems.ts'
import { recordAudit } from '../audit-log/service.ts'
import type { Notification, NotificationQuery } from './schemas.ts'

export interface NotificationInput {
  /** Recipients; duplicates, inactive users and people who cannot sign in are skipped. */
  userIds: Iterable<string>
  /** What happened, e.g. `action.overdue`; the web app words it (web/features/notifications). */
  kind: string
  /** Plain-text fallback in English. */
  title: string
  params?: Record<string, string | number | boolean | null>
  link?: string | null
  entityType?: string | null
  entityId?: string | null
  /** The same key for the same person is never notified twice, e.g. `action:<id>:overdue:<due date>`. */
  dedupeKey: string
}

/** Creates the notification for each recipient that has not had it yet; returns how many were created. */
export function notify(db: Db, input: NotificationInput): Promise<number> {
  return notifyMany(db, [input])
}

/** `notify` for many notifications: one query for the recipients, one insert per 500 rows. */
export async function notifyMany(db: Db, inputs: NotificationInput[]): Promise<number> {
  const wanted = [...new Set(inputs.flatMap((i) => [...i.userIds]))]
  if (!wanted.length) return 0
  const recipients = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, wanted), eq(users.active, true), isNotNull(users.passwordHash)))
  const allowed = new Set(recipients.map((r) => r.id))
  const rows = inputs.flatMap((input) =>
    [...new Set(input.userIds)]
      .filter((id) => allowed.has(id))
      .map((userId) => ({
        userId,
        kind: input.kind,
        title: input.title,
        params: input.params ?? {},
        link: input.link ?? null,
        entityType: input.entityType ?? null,
        entityId: input.entityId ?? null,
        dedupeKey: input.dedupeKey,
      })),
  )
  let created = 0
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insert(notifications)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
      .returning({ id: notifications.id })
    created += inserted.length
  }
  return created
}

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    params: row.params,
    link: row.link,
    entityType: row.entityType,
    entityId: row.entityId,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  }
}

async function unreadCount(db: Db, userId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
  return n
}

export async function countUnread(db: Db, actor: Actor) {
  return { unreadCount: await unreadCount(db, actor.userId) }
}

/**
 * The caller's notifications, unread first, newest first within each. The cursor is
 * `[read, createdAt, id]`: read ones come after every unread one.
 */
export async function listNotifications(db: Db, actor: Actor, query: NotificationQuery) {
  const limit = query.limit ?? DEFAULT_LIMIT
  const isRead = sql<boolean>`(${notifications.readAt} is not null)`
  let after
  if (query.cursor) {
    const [read, at, id] = decodeCursor(query.cursor, 3) as [boolean, string, string]
    const createdAt = new Date(String(at))
    after = or(
      sql`${isRead} > ${Boolean(read)}`,
      and(
        sql`${isRead} = ${Boolean(read)}`,
        // Column-bound comparisons, so the driver gets the timestamp in the column's format.
        or(lt(notifications.createdAt, createdAt), and(eq(notifications.createdAt, createdAt), lt(notifications.id, id))),
      ),
    )
  }
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), query.unread ? isNull(notifications.readAt) : undefined, after))
    .orderBy(isRead, desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1)
  const more = rows.length > limit
  const shown = more ? rows.slice(0, limit) : rows
  const last = shown.at(-1)
  return {
    items: shown.map(toNotification),
    nextCursor: more && last ? encodeCursor([last.readAt !== null, last.createdAt.toISOString(), last.id]) : null,
    unreadCount: await unreadCount(db, actor.userId),
  }
}

/**
 * Marks one of the caller's notifications read. Idempotent (reading twice keeps the
 * first time), so it needs no If-Match. Another person's notification is a 404.
 */
export async function markRead(db: Db, actor: Actor, id: string, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId)))
      .for('update')
    if (!row) throw notFound('Notification', id)
    if (row.readAt) return toNotification(row)
    const [updated] = await tx.update(notifications).set({ readAt: env.now }).where(eq(notifications.id, id)).returning()
    await recordAudit(tx, actor, { action: 'notification.read', entityType: 'notification', entityId: id, after: { kind: row.kind, dedupeKey: row.dedupeKey } })
    return toNotification(updated)
  })
}

export async function markAllRead(db: Db, actor: Actor, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const marked = await tx
      .update(notifications)
      .set({ readAt: env.now })
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id })
    if (marked.length) await recordAudit(tx, actor, { action: 'notification.read_all', entityType: 'notification', after: { marked: marked.length } })
    return { marked: marked.length }
  })
}
