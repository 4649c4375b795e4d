/**
 * Who is told when a document revision changes hands (issue 18, item 2): the reviewer when
 * it is submitted, the managers when its review is signed (they approve it), the drafter
 * when it comes back, is approved or is published. Sent in the transaction of the step,
 * never to the person who took it; the key names the revision, the step and its version,
 * so a revision submitted again after a return asks again.
 */
import type { Db } from '../../../db/client.ts'
import type { DocumentRevisionRow, DocumentRow } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/permissions.ts'
import { notify } from '../notifications/service.ts'
import { usersWithRole } from '../notifications/recipients.ts'

export async function notifyRevisionHandOff(
  tx: Db,
  actor: Actor,
  action: string,
  before: DocumentRevisionRow,
  after: DocumentRevisionRow,
  doc: Pick<DocumentRow, 'id' | 'code' | 'title'>,
  comment?: string,
): Promise<void> {
  const others = (ids: (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => Boolean(id) && id !== actor.userId))]
  const drafters = others([before.createdById, before.submittedById])
  const base = {
    params: { code: doc.code, title: doc.title, issue: before.issueNumber, by: actor.fullName, comment: comment ?? null },
    link: `/documents/${doc.id}`,
    entityType: 'document_revision',
    entityId: before.id,
  }
  const key = (step: string) => `revision:${before.id}:${step}:${after.version}`
  switch (action) {
    case 'submit':
      await notify(tx, { ...base, userIds: others([after.reviewerId]), kind: 'document.review_requested', title: `${doc.code} (issue ${before.issueNumber}) waits for your review: ${doc.title}`, dedupeKey: key('review-requested') })
      return
    case 'review':
      await notify(tx, {
        ...base,
        userIds: others(await usersWithRole(tx, 'manager')).filter((id) => !drafters.includes(id)),
        kind: 'document.approval_requested',
        title: `${doc.code} (issue ${before.issueNumber}) was reviewed and waits for approval: ${doc.title}`,
        dedupeKey: key('approval-requested'),
      })
      return
    case 'review_return':
    case 'return':
      await notify(tx, { ...base, userIds: drafters, kind: 'document.revision_returned', title: `${doc.code} (issue ${before.issueNumber}) was returned by ${actor.fullName}: ${comment ?? ''}`, dedupeKey: key('returned') })
      return
    case 'approve':
      await notify(tx, { ...base, userIds: drafters, kind: 'document.revision_approved', title: `${doc.code} (issue ${before.issueNumber}) was approved by ${actor.fullName}`, dedupeKey: key('approved') })
      return
    case 'publish':
      await notify(tx, { ...base, userIds: drafters, kind: 'document.revision_published', title: `${doc.code} (issue ${before.issueNumber}) is published and in force from ${after.effectiveFrom}`, params: { ...base.params, effectiveFrom: after.effectiveFrom }, dedupeKey: key('published') })
      return
  }
}
