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

/**
 * Many notifications at once, folded into one digest per person past a count: how a
 * person who would get more than `after` new ones in this call gets them instead.
 */
export interface DigestOptions {
  after: number
  /** The digest for one person, given the new notifications it stands for. */
  make(userId: string, items: NotificationInput[]): NotificationInput
}

/**
 * `notify` for many notifications: one query for the recipients, one for what they were
 * already told, one insert per 500 rows. With `digest`, a person who would get more than
 * `digest.after` new ones gets one digest instead; the items are still recorded (linked
 * to the digest, not shown on their own), so they are not sent again later.
 */
export async function notifyMany(db: Db, inputs: NotificationInput[], digest?: DigestOptions): Promise<number> {
  const wanted = [...new Set(inputs.flatMap((i) => [...i.userIds]))]
  if (!wanted.length) return 0
  const recipients = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, wanted), eq(users.active, true), isNotNull(users.passwordHash)))
  const allowed = new Set(recipients.map((r) => r.id))
  const rows = inputs.flatMap((input) => [...new Set(input.userIds)].filter((id) => allowed.has(id)).map((userId) => toRow(userId, input)))
  if (!digest) return insertRows(db, rows)

  // Only what each person has not been told yet counts towards the digest.
  const told = new Set<string>()
  const keys = [...new Set(rows.map((r) => r.dedupeKey))]
  for (let i = 0; i < keys.length; i += 5000) {
    for (const t of await db
      .select({ userId: notifications.userId, dedupeKey: notifications.dedupeKey })
      .from(notifications)
      .where(and(inArray(notifications.userId, [...allowed]), inArray(notifications.dedupeKey, keys.slice(i, i + 5000))))) {
      told.add(`${t.userId} ${t.dedupeKey}`)
    }
  }
  const fresh = new Map<string, { row: NotificationInsert; input: NotificationInput }[]>()
  for (const input of inputs) {
    for (const userId of new Set(input.userIds)) {
      if (!allowed.has(userId) || told.has(`${userId} ${input.dedupeKey}`)) continue
      told.add(`${userId} ${input.dedupeKey}`)
      const list = fresh.get(userId) ?? []
      list.push({ row: toRow(userId, input), input })
      fresh.set(userId, list)
    }
  }
  let created = 0
  const single: NotificationInsert[] = []
  for (const [userId, items] of fresh) {
    if (items.length <= digest.after) {
      single.push(...items.map((i) => i.row))
      continue
    }
    created += await db.transaction(async (tx) => {
      const summary = toRow(userId, digest.make(userId, items.map((i) => i.input)))
      const [made] = await tx
        .insert(notifications)
        .values(summary)
        .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey] })
        .returning({ id: notifications.id })
      // A second digest the same day (same key): the items join the one already sent.
      const digestId =
        made?.id ??
        (await tx.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.dedupeKey, summary.dedupeKey))))[0].id
      await insertRows(tx, items.map((i) => ({ ...i.row, digestId })))
      return made ? 1 : 0
    })
  }
  return created + (await insertRows(db, single))
}

type NotificationInsert = typeof notifications.$inferInsert

function toRow(userId: string, input: NotificationInput): NotificationInsert {
  return {
    userId,
    kind: input.kind,
    title: input.title,
    params: input.params ?? {},
    link: input.link ?? null,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    dedupeKey: input.dedupeKey,
  }
}

async function insertRows(db: Db, rows: NotificationInsert[]): Promise<number> {
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
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), isNull(notifications.digestId)))
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
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.digestId), query.unread ? isNull(notifications.readAt) : undefined, after))
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
      .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId), isNull(notifications.digestId)))
      .for('update')
    if (!row) throw notFound('notification', id)
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
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt), isNull(notifications.digestId)))
      .returning({ id: notifications.id })
    if (marked.length) await recordAudit(tx, actor, { action: 'notification.read_all', entityType: 'notification', after: { marked: marked.length } })
    return { marked: marked.length }
  })
}
