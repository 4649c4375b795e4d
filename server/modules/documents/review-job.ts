/**
 * The scheduled job behind periodic document reviews: sendReviewReminders finds what is
 * due, and each reminder becomes an in-app notification to the heads it names.
 */
import type { Db } from '../../../db/client.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { notify } from '../notifications/service.ts'
import { sendReviewReminders } from './reviews.ts'

export async function remindDocumentReviews(db: Db, env: ServiceEnv) {
  const sent = await sendReviewReminders(
    db,
    async (tx, reminder) => {
      await notify(tx, {
        userIds: reminder.recipients.map((r) => r.id),
        kind: `document.review_${reminder.kind}`,
        title:
          reminder.kind === 'overdue'
            ? `${reminder.document.code} is overdue for review (due ${reminder.nextReviewDue})`
            : `${reminder.document.code} is due for review by ${reminder.nextReviewDue}`,
        params: { code: reminder.document.code, title: reminder.document.title, dueDate: reminder.nextReviewDue },
        link: `/documents/${reminder.document.id}`,
        entityType: 'document',
        entityId: reminder.document.id,
        dedupeKey: `document:${reminder.document.id}:review:${reminder.kind}:${reminder.nextReviewDue}`,
      })
    },
    env,
  )
  return { reminders: sent.length }
}
