/**
 * Which of a person's three mail choices a notification kind follows: assignments
 * (something now waits for you), updates (something you started moved on) and reminders
 * (due dates, overdue work, escalations: e.g. plan_task.due_soon, plan_task.overdue,
 * review_action.due_soon / .overdue / .overdue_manager). A kind not listed is a reminder.
 */
import type { MailCategory, MailMode } from '../../../db/schema/index.ts'

const ASSIGNMENTS = new Set([
  'nonconformity.raised',
  'nonconformity.actions_done',
  'nonconformity.verification_requested',
  'action.assigned',
  'document.review_requested',
  'document.approval_requested',
  'document.revision_returned',
  'inspection.assigned',
  'inspection.rescheduled',
  'complaint.received',
  'plan_task.assigned',
])

const UPDATES = new Set([
  'nonconformity.verified',
  'nonconformity.not_effective',
  'nonconformity.closed',
  'nonconformity.cancelled',
  'document.revision_approved',
  'document.revision_published',
])

export function mailCategory(kind: string): MailCategory {
  if (ASSIGNMENTS.has(kind)) return 'assignment'
  if (UPDATES.has(kind)) return 'update'
  return 'reminder'
}

/** Assignments at once (someone waits), the rest in the morning digest. */
export const DEFAULT_MAIL_MODES: Record<MailCategory, MailMode> = { assignment: 'immediate', update: 'digest', reminder: 'digest' }
