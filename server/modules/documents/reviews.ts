/**
 * Periodic reviews of published documents: who is told, the review-due list and the
 * reminder job (documents/review-job.ts wires it to notifications). Reviews fall due on
 * calendar days in the agency's time zone.
 */
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { documentReviewReminders, documents, orgUnits, users } from '../../../db/schema/index.ts'
import { addDays, agencyToday, daysBetween, type ServiceEnv } from '../../lib/clock.ts'
import { keyset, textKey } from '../../lib/pagination.ts'
import { requirePermission, systemActor, type Actor } from '../../lib/permissions.ts'
import { recordAudit } from '../audit-log/service.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import type { Document, ReviewDueItem, ReviewDueQuery, UserRef } from './schemas.ts'
import { nextReviewSql, pub, REVIEW_NOTICE_DAYS, reviewState, selectDocuments, toDocument, type DocumentSelection } from './records.ts'

/**
 * For each unit path, who is told about reviews: the active heads of that unit, or of the
 * nearest unit above it that has one; for a unit with no head on its way up (e.g. the
 * board itself), the active managers. One query for all candidates; the walk up the tree
 * is done here.
 */
export async function reviewRecipients(db: Db, unitPaths: string[]): Promise<Map<string, UserRef[]>> {
  const people = await db
    .select({ id: users.id, fullName: users.fullName, position: users.position, roles: users.roles, path: orgUnits.path })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(and(eq(users.active, true), sql`${users.roles} && array['dept_head', 'manager']::text[]`))
    .orderBy(asc(users.fullName))
  const ref = ({ id, fullName, position }: (typeof people)[number]): UserRef => ({ id, fullName, position })
  const heads = people.filter((p) => p.roles.includes('dept_head') && p.path)
  const managers = people.filter((p) => p.roles.includes('manager')).map(ref)
  const result = new Map<string, UserRef[]>()
  for (const path of new Set(unitPaths)) {
    const above = heads.filter((h) => path.startsWith(h.path!))
    const nearest = Math.max(-1, ...above.map((h) => h.path!.length))
    result.set(path, above.length ? above.filter((h) => h.path!.length === nearest).map(ref) : managers)
  }
  return result
}

export async function listReviewsDue(db: Db, actor: Actor, query: ReviewDueQuery, env: ServiceEnv) {
  requirePermission(actor, 'document.read')
  const today = agencyToday(env)
  const until = addDays(today, query.withinDays ?? REVIEW_NOTICE_DAYS)
  const dueKey = { column: nextReviewSql as unknown as typeof documents.code, read: (r: DocumentSelection) => r.nextReviewDue, parse: (v: unknown) => sql`${v}::date` }
  const page = keyset([dueKey, textKey(documents.id, (r) => r.doc.id)], query)
  const rows = await selectDocuments(db)
    .where(and(isNotNull(pub.id), sql`${nextReviewSql} <= ${until}::date`, query.orgUnitId ? inSubtreeOf(documents.owningUnitId, query.orgUnitId) : undefined, page.where))
    .orderBy(asc(nextReviewSql), asc(documents.id))
    .limit(page.limit)
  const recipients = await reviewRecipients(db, rows.map((r) => r.unit.path))
  return page.page(rows, (r): ReviewDueItem => ({
    document: toDocument(r, today, actor),
    nextReviewDue: r.nextReviewDue!,
    daysLeft: daysBetween(today, r.nextReviewDue!),
    reviewState: reviewState(r.nextReviewDue, today)!,
    notify: recipients.get(r.unit.path) ?? [],
  }))
}

export interface ReviewReminder {
  kind: 'due_soon' | 'overdue'
  document: Document
  nextReviewDue: string
  daysLeft: number
  /** The heads of the owning unit (or of the nearest unit above it with one). */
  recipients: UserRef[]
}

/**
 * Delivers a reminder, e.g. through the notification system. It runs inside the
 * transaction that records the reminder, so a failed delivery is retried next run.
 */
export type DeliverReminder = (tx: Db, reminder: ReviewReminder) => Promise<void>

/**
 * The scheduled job: for every published document whose review falls due within 30
 * days, or is overdue, tells the owning unit's heads once per kind ("due soon", then
 * "overdue") and per due date. Safe to run as often as wanted (e.g. daily); returns
 * what it sent.
 */
export async function sendReviewReminders(db: Db, deliver: DeliverReminder, env: ServiceEnv): Promise<ReviewReminder[]> {
  const today = agencyToday(env)
  const rows = await selectDocuments(db)
    .where(and(isNotNull(pub.id), sql`${nextReviewSql} <= ${addDays(today, REVIEW_NOTICE_DAYS)}::date`))
    .orderBy(asc(nextReviewSql), asc(documents.id))
  const recipients = await reviewRecipients(db, rows.map((r) => r.unit.path))
  const sent: ReviewReminder[] = []
  for (const row of rows) {
    const due = row.nextReviewDue!
    const reminder: ReviewReminder = {
      kind: due < today ? 'overdue' : 'due_soon',
      document: toDocument(row, today),
      nextReviewDue: due,
      daysLeft: daysBetween(today, due),
      recipients: recipients.get(row.unit.path) ?? [],
    }
    const delivered = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(documentReviewReminders)
        .values({ revisionId: row.pub!.id!, kind: reminder.kind, dueOn: due, recipientIds: reminder.recipients.map((r) => r.id) })
        .onConflictDoNothing()
        .returning({ kind: documentReviewReminders.kind })
      if (!inserted.length) return false
      await deliver(tx, reminder)
      await recordAudit(tx, systemActor, {
        action: 'document.review_reminder',
        entityType: 'document',
        entityId: row.doc.id,
        after: { kind: reminder.kind, nextReviewDue: due, recipients: reminder.recipients.map((r) => r.id) },
      })
      return true
    })
    if (delivered) sent.push(reminder)
  }
  return sent
}
