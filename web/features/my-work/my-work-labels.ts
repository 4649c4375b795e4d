import { msg, str } from '@lit/localize'
import type { MyWorkGroupKey, MyWorkItem, WaitingFor } from '../../api/types.ts'
import { formatDate, plural } from '../../i18n/localization.ts'

/** The page tells the navigation badge the count it just read, so the two agree. */
export const MY_WORK_TOTAL_EVENT = 'qms-my-work-total'

/** The heading of each group, in the order the page shows them. */
export const GROUP_TITLES: Record<MyWorkGroupKey, () => string> = {
  actions: () => msg('My corrective actions', { id: 'myWork.group.actions' }),
  nonconformities: () => msg('Nonconformities waiting for me', { id: 'myWork.group.nonconformities' }),
  inspections: () => msg('My inspections', { id: 'myWork.group.inspections' }),
  audits: () => msg('Audits to schedule', { id: 'myWork.group.audits' }),
  revisions: () => msg('Documents to review or approve', { id: 'myWork.group.revisions' }),
  dossiers: () => msg('Dossiers due or overdue', { id: 'myWork.group.dossiers' }),
}

export function waitingForLabel(w: WaitingFor): string {
  switch (w) {
    case 'review':
      return msg('Waiting for your review', { id: 'myWork.waiting.review' })
    case 'approval':
      return msg('Waiting for your approval', { id: 'myWork.waiting.approval' })
    case 'lead_inspection':
      return msg('You lead the inspection', { id: 'myWork.waiting.leadInspection' })
    case 'join_inspection':
      return msg('You are on the team', { id: 'myWork.waiting.joinInspection' })
    case 'schedule_audit':
      return msg('Schedule its inspections', { id: 'myWork.waiting.scheduleAudit' })
    case 'analysis':
      return msg('Waiting for root-cause analysis', { id: 'myWork.waiting.analysis' })
    case 'plan':
      return msg('Waiting for the action plan', { id: 'myWork.waiting.plan' })
    case 'start_actions':
      return msg('Plan confirmed: start the actions', { id: 'myWork.waiting.startActions' })
    case 'submit_verification':
      return msg('Actions done: send for verification', { id: 'myWork.waiting.submitVerification' })
    case 'verification':
      return msg('Waiting for the effectiveness check', { id: 'myWork.waiting.verification' })
    case 'closing':
      return msg('Verified: waiting to be closed', { id: 'myWork.waiting.closing' })
    case 'complete_action':
      return msg('Waiting for you to complete it', { id: 'myWork.waiting.completeAction' })
    case 'handle_dossier':
      return msg('Waiting to be resolved', { id: 'myWork.waiting.handleDossier' })
  }
}

/** "Overdue by 5 days", "Due today", "Due soon", or nothing. */
export function urgencyLabel(item: MyWorkItem): string {
  switch (item.urgency) {
    case 'overdue':
      return item.daysLate > 0 ? plural(item.daysLate, () => msg(str`Overdue by ${item.daysLate} day`, { id: 'myWork.overdueDays.one' }), () => msg(str`Overdue by ${item.daysLate} days`, { id: 'myWork.overdueDays' })) : msg('Overdue', { id: 'myWork.overdue' })
    case 'today':
      return msg('Due today', { id: 'myWork.dueToday' })
    case 'soon':
      return msg('Due soon', { id: 'myWork.dueSoon' })
    default:
      return ''
  }
}

/** "Due 05/01/2027" or "Since 03/01/2027". */
export function whenLabel(item: MyWorkItem): string {
  if (item.dueDate) return msg(str`Due ${formatDate(item.dueDate)}`, { id: 'myWork.due' })
  if (item.since) return msg(str`Since ${formatDate(item.since)}`, { id: 'myWork.since' })
  return ''
}
