/** Names of a report's statuses in the user's language. */
import { msg } from '@lit/localize'
import type { ReportDraft } from '../../api/types.ts'

export function reportDraftStatusLabel(status: ReportDraft['status']): string {
  switch (status) {
    case 'draft':
      return msg('Draft', { id: 'reports.status.draft' })
    case 'approved':
      return msg('Approved', { id: 'reports.status.approved' })
    case 'issued':
      return msg('Issued', { id: 'reports.status.issued' })
  }
}
