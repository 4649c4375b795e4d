/**
 * From notifications to mails. Every notification is looked at once (`mail_state` null →
 * something else): mailed at once into the outbox, kept for the person's morning digest,
 * or skipped. Both steps lock what they take (FOR UPDATE SKIP LOCKED) and write the
 * outbox with a unique key, so several instances never make the same mail twice.
 */
import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { mailOutbox, mailPreferences, notifications, users, type MailCategory, type MailLanguage, type MailMode } from '../../../db/schema/index.ts'
import { digestMail, notificationMail, type MailItem } from '../../../web/features/mail/mail-text.ts'
import { notificationText } from '../../../web/features/notifications/notification-text.ts'
import type { Config } from '../../config.ts'
import { addDays, localDate, type ServiceEnv } from '../../lib/clock.ts'
import { wallClock, zonedInstant } from '../calendar/working-days.ts'
import { DEFAULT_MAIL_MODES, mailCategory } from './categories.ts'
import { wordingFor } from './wording.ts'

const BATCH = 500
/** When mail is turned on, what happened more than a day before is not mailed any more. */
const MAX_AGE_MS = 24 * 3600_000

type State = 'queued' | 'digest' | 'skipped'

const recipientColumns = {
  email: users.email,
  fullName: users.fullName,
  active: users.active,
  canSignIn: sql<boolean>`${users.passwordHash} is not null`,
  language: mailPreferences.language,
  assignment: mailPreferences.assignment,
  update: mailPreferences.update,
  reminder: mailPreferences.reminder,
}

interface Recipient {
  email: string | null
  fullName: string
  active: boolean
  canSignIn: boolean
  language: MailLanguage | null
  assignment: MailMode | null
  update: MailMode | null
  reminder: MailMode | null
}

/** The notifications with what their recipients chose and where mail goes, oldest first. */
function withRecipients(db: Db, ids: string[]) {
  return db
    .select({ n: notifications, ...recipientColumns })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(mailPreferences, eq(mailPreferences.userId, notifications.userId))
    .where(inArray(notifications.id, ids))
    .orderBy(asc(notifications.createdAt))
}

const mayMail = (r: Recipient) => r.active && r.canSignIn && Boolean(r.email)
const modeFor = (r: Recipient, category: MailCategory): MailMode => r[category] ?? DEFAULT_MAIL_MODES[category]
const settingsUrl = (config: Config) => `${config.publicUrl}/settings/mail`
const itemUrl = (config: Config, link: string | null) => (link ? `${config.publicUrl}${link}` : null)

/** One pass over new notifications (at most BATCH); returns what became of them. */
export async function collectNotifications(db: Db, env: ServiceEnv): Promise<Record<State, number>> {
  return db.transaction(async (tx) => {
    const picked = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(isNull(notifications.mailState))
      .orderBy(asc(notifications.createdAt))
      .limit(BATCH)
      .for('update', { skipLocked: true })
    const counts: Record<State, number> = { queued: 0, digest: 0, skipped: 0 }
    if (!picked.length) return counts
    const rows = await withRecipients(tx, picked.map((p) => p.id))
    const states = new Map<State, string[]>([['queued', []], ['digest', []], ['skipped', []]])
    const mails: (typeof mailOutbox.$inferInsert)[] = []
    for (const row of rows) {
      const { n } = row
      // Items folded into an in-app digest travel in that digest's mail.
      const tooOld = env.now.getTime() - n.createdAt.getTime() > MAX_AGE_MS
      const mode = n.digestId || tooOld || !mayMail(row) ? 'off' : modeFor(row, mailCategory(n.kind))
      if (mode === 'off') {
        states.get('skipped')!.push(n.id)
      } else if (mode === 'digest') {
        states.get('digest')!.push(n.id)
      } else {
        const wording = wordingFor(row.language ?? 'vi', env.config.timeZone)
        const item: MailItem = { text: notificationText(n, wording), url: itemUrl(env.config, n.link) }
        mails.push({
          userId: n.userId,
          toAddress: row.email!,
          kind: 'notification',
          dedupeKey: `notification:${n.id}`,
          nextAttemptAt: env.now,
          ...notificationMail(wording, row.fullName, item, settingsUrl(env.config)),
        })
        states.get('queued')!.push(n.id)
      }
    }
    if (mails.length) await tx.insert(mailOutbox).values(mails).onConflictDoNothing({ target: mailOutbox.dedupeKey })
    for (const [state, ids] of states) {
      if (!ids.length) continue
      await tx.update(notifications).set({ mailState: state }).where(inArray(notifications.id, ids))
      counts[state] = ids.length
    }
    return counts
  })
}

/** The latest digest time (e.g. 07:00 agency time) at or before `now`. */
export function lastDigestAt(now: Date, config: Pick<Config, 'timeZone' | 'mailDigestAt'>): Date {
  const local = wallClock(now, config.timeZone)
  const today = zonedInstant(local.date, config.mailDigestAt, config.timeZone)
  if (today.getTime() <= now.getTime()) return today
  return zonedInstant(addDays(local.date, -1), config.mailDigestAt, config.timeZone)
}

/**
 * The morning digests: everything kept for a person's digest before the latest digest
 * time goes into one mail keyed by person and day. A digest already made for that day
 * (another instance, or items that committed late) leaves the rest for the next one.
 */
export async function collectDigests(db: Db, env: ServiceEnv): Promise<{ digests: number; items: number }> {
  const cutoff = lastDigestAt(env.now, env.config)
  const day = localDate(cutoff, env.config.timeZone)
  return db.transaction(async (tx) => {
    const picked = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.mailState, 'digest'), lt(notifications.createdAt, cutoff)))
      .orderBy(asc(notifications.userId), asc(notifications.createdAt))
      .limit(5000)
      .for('update', { skipLocked: true })
    if (!picked.length) return { digests: 0, items: 0 }
    const rows = await withRecipients(tx, picked.map((p) => p.id))
    const byUser = new Map<string, typeof rows>()
    for (const row of rows) byUser.set(row.n.userId, [...(byUser.get(row.n.userId) ?? []), row])
    let digests = 0
    let items = 0
    const skipped: string[] = []
    for (const [userId, list] of byUser) {
      const person = list[0]
      if (!mayMail(person)) {
        skipped.push(...list.map((r) => r.n.id))
        continue
      }
      const wording = wordingFor(person.language ?? 'vi', env.config.timeZone)
      const content = digestMail(
        wording,
        person.fullName,
        day,
        list.map((r) => ({ text: notificationText(r.n, wording), url: itemUrl(env.config, r.n.link) })),
        settingsUrl(env.config),
      )
      const [made] = await tx
        .insert(mailOutbox)
        .values({ userId, toAddress: person.email!, kind: 'digest', dedupeKey: `digest:${userId}:${day}`, nextAttemptAt: env.now, ...content })
        .onConflictDoNothing({ target: mailOutbox.dedupeKey })
        .returning({ id: mailOutbox.id })
      if (!made) continue
      await tx.update(notifications).set({ mailState: 'digested' }).where(inArray(notifications.id, list.map((r) => r.n.id)))
      digests++
      items += list.length
    }
    if (skipped.length) await tx.update(notifications).set({ mailState: 'skipped' }).where(inArray(notifications.id, skipped))
    return { digests, items }
  })
}
