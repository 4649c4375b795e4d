/**
 * What a notification says, in the reader's language. Each module that sends a new
 * kind adds its wording here; an unknown kind shows the server's plain-text title.
 * The server words its mails with the same function (server/modules/mail/wording.ts),
 * passing its own `Wording`: one text per kind, in the app and in the mail.
 */
import { msg, str } from '@lit/localize'
import type { Notification } from '../../api/types.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'

/** How to localise: the browser's active locale by default; the server passes the recipient's. */
export interface Wording {
  msg: typeof msg
  date(value: string | null): string
  dateTime(value: string): string
}

export const browserWording: Wording = { msg, date: formatDate, dateTime: formatDateTime }

export function notificationText(n: Pick<Notification, 'kind' | 'params' | 'title'>, w: Wording = browserWording): string {
  const { msg, date: formatDate, dateTime: formatDateTime } = w
  const p = n.params
  const code = String(p.code ?? '')
  const title = String(p.title ?? '')
  const action = String(p.action ?? '')
  const unit = String(p.unit ?? '')
  const due = formatDate(typeof p.dueDate === 'string' ? p.dueDate : null)
  const days = Number(p.daysOverdue ?? 0)
  const issue = String(p.issue ?? '')
  const by = String(p.by ?? '')
  switch (n.kind) {
    case 'nonconformity.raised':
      return msg(str`${code} raised against ${unit}: ${title}`, { id: 'notification.ncRaised' })
    case 'action.assigned':
      return msg(str`${code}: you own an action due ${due}: ${action}`, { id: 'notification.actionAssigned' })
    case 'action.due_soon':
      return msg(str`${code}: your action is due ${due}: ${action}`, { id: 'notification.actionDueSoon' })
    case 'action.overdue':
      return msg(str`${code}: your action is overdue (due ${due}): ${action}`, { id: 'notification.actionOverdue' })
    case 'action.overdue_head':
    case 'action.overdue_manager':
      return msg(str`${code}: an action in ${unit} is ${days} days overdue: ${action}`, { id: 'notification.actionEscalated' })
    case 'review_action.due_soon':
      return msg(str`${code}: your management review action is due ${due}: ${action}`, { id: 'notification.reviewActionDueSoon' })
    case 'review_action.overdue':
      return msg(str`${code}: your management review action is overdue (due ${due}): ${action}`, { id: 'notification.reviewActionOverdue' })
    case 'review_action.overdue_manager':
      return msg(str`${code}: a management review action is ${days} days overdue: ${action}`, { id: 'notification.reviewActionEscalated' })
    case 'nonconformity.due_soon':
      return msg(str`${code} should be closed by ${due}: ${title}`, { id: 'notification.ncDueSoon' })
    case 'nonconformity.overdue':
      return msg(str`${code} is overdue (due ${due}): ${title}`, { id: 'notification.ncOverdue' })
    case 'nonconformity.overdue_manager':
      return msg(str`${code} in ${unit} is ${days} days overdue: ${title}`, { id: 'notification.ncEscalated' })
    case 'nonconformity.actions_done':
      return msg(str`${code}: every action is done; send it for verification`, { id: 'notification.ncActionsDone' })
    case 'nonconformity.verification_requested':
      return msg(str`${code} awaits an effectiveness check: ${title}`, { id: 'notification.ncVerificationRequested' })
    case 'nonconformity.verified':
      return msg(str`${code}: the actions were verified effective; it can be closed`, { id: 'notification.ncVerified' })
    case 'nonconformity.not_effective':
      return msg(str`${code}: the actions were found not effective: ${String(p.note ?? '')}`, { id: 'notification.ncNotEffective' })
    case 'nonconformity.closed':
      return msg(str`${code} was closed: ${title}`, { id: 'notification.ncClosed' })
    case 'nonconformity.cancelled':
      return msg(str`${code} was cancelled: ${String(p.reason ?? '')}`, { id: 'notification.ncCancelled' })
    case 'document.review_due_soon':
      return msg(str`${code} is due for review by ${due}: ${title}`, { id: 'notification.documentReviewDueSoon' })
    case 'document.review_overdue':
      return msg(str`${code} is overdue for review (due ${due}): ${title}`, { id: 'notification.documentReviewOverdue' })
    case 'dossier.due_soon':
      return msg(str`Dossier ${code} of ${unit} is due ${formatDateTime(String(p.dueAt ?? ''))}: ${title}`, { id: 'notification.dossierDueSoon' })
    case 'dossier.overdue':
      return msg(str`Dossier ${code} of ${unit} is overdue (due ${formatDateTime(String(p.dueAt ?? ''))}): ${title}`, { id: 'notification.dossierOverdue' })
    case 'dossier.digest':
      return msg(str`${Number(p.count ?? 0)} dossiers of your units need attention: ${Number(p.overdue ?? 0)} overdue, ${Number(p.dueSoon ?? 0)} due by the next working day`, { id: 'notification.dossierDigest' })
    case 'complaint.received':
      return code
        ? msg(str`A complaint was received about dossier ${code}: ${title}`, { id: 'notification.complaintAboutDossier' })
        : msg(str`A complaint was received: ${title}`, { id: 'notification.complaintReceived' })
    case 'inspection.assigned':
      return msg(str`You are on inspection ${code} of ${unit} on ${due}`, { id: 'notification.inspectionAssigned' })
    case 'inspection.rescheduled':
      return msg(str`Inspection ${code} of ${unit} moved to ${due}`, { id: 'notification.inspectionRescheduled' })
    case 'document.review_requested':
      return msg(str`${code} (issue ${issue}) waits for your review: ${title}`, { id: 'notification.documentReviewRequested' })
    case 'document.approval_requested':
      return msg(str`${code} (issue ${issue}) was reviewed and waits for approval: ${title}`, { id: 'notification.documentApprovalRequested' })
    case 'document.revision_returned':
      return msg(str`${code} (issue ${issue}) was returned by ${by}: ${String(p.comment ?? '')}`, { id: 'notification.documentReturned' })
    case 'document.revision_approved':
      return msg(str`${code} (issue ${issue}) was approved by ${by}`, { id: 'notification.documentApproved' })
    case 'document.revision_published':
      return msg(str`${code} (issue ${issue}) is published, in force from ${formatDate(typeof p.effectiveFrom === 'string' ? p.effectiveFrom : null)}`, { id: 'notification.documentPublished' })
    case 'plan_task.assigned':
      return msg(str`${code}: ${unit} leads a reform task due ${due}: ${title}`, { id: 'notification.planTaskAssigned' })
    case 'plan_task.due_soon':
      return msg(str`${code} (${unit}) is due ${due}: ${title}`, { id: 'notification.planTaskDueSoon' })
    case 'plan_task.overdue':
      return msg(str`${code} (${unit}) is overdue (due ${due}): ${title}`, { id: 'notification.planTaskOverdue' })
    case 'plan_task.overdue_manager':
      return msg(str`${code} (${unit}) is ${days} days overdue: ${title}`, { id: 'notification.planTaskEscalated' })
    case 'plan_task.digest':
      return msg(str`${Number(p.count ?? 0)} reform plan tasks need attention: ${Number(p.overdue ?? 0)} overdue, ${Number(p.dueSoon ?? 0)} due soon`, { id: 'notification.planTaskDigest' })
    case 'escalation.digest':
      return msg(str`${Number(p.count ?? 0)} reminders: ${Number(p.overdue ?? 0)} overdue, ${Number(p.dueSoon ?? 0)} due soon (${String(p.codes ?? '')})`, { id: 'notification.escalationDigest' })
    default:
      return n.title
  }
}
