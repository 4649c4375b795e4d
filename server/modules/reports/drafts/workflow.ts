/**
 * The life of a half-year report draft, as data: a manager writes it (draft), approves
 * its text (approved; `reopen` sends it back to draft), then issues it with a number,
 * date and signer (issued: frozen for good). Who may do what is checked in service.ts.
 */
import { REPORT_DRAFT_STATUSES } from '../../../../db/schema/reports.ts'
import { defineWorkflow } from '../../../lib/workflow.ts'

export const REPORT_DRAFT_WORKFLOW = defineWorkflow('report-draft', REPORT_DRAFT_STATUSES, {
  update: { from: ['draft'] },
  approve: { from: ['draft'], to: 'approved' },
  reopen: { from: ['approved'], to: 'draft' },
  issue: { from: ['approved'], to: 'issued' },
})
