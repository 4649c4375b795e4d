import { msg } from '@lit/localize'
import type { Complaint } from '../../api/types.ts'

export const KINDS: Complaint['kind'][] = ['complaint', 'denunciation', 'feedback']
export const STATUSES: Complaint['status'][] = ['received', 'processing', 'closed']

export function kindLabel(kind: Complaint['kind']): string {
  switch (kind) {
    case 'complaint':
      return msg('Complaint', { id: 'complaints.kind.complaint' })
    case 'denunciation':
      return msg('Denunciation', { id: 'complaints.kind.denunciation' })
    case 'feedback':
      return msg('Feedback', { id: 'complaints.kind.feedback' })
  }
}

export function statusLabel(status: Complaint['status']): string {
  switch (status) {
    case 'received':
      return msg('Received', { id: 'complaints.status.received' })
    case 'processing':
      return msg('Being handled', { id: 'complaints.status.processing' })
    case 'closed':
      return msg('Closed', { id: 'complaints.status.closed' })
  }
}
