import { msg } from '@lit/localize'
import { html } from 'lit'
import type { Dossier, DossierAction, DossierEvent } from '../../api/types.ts'

export const STATUSES: Dossier['status'][] = ['received', 'processing', 'supplement_requested', 'resolved', 'returned', 'rejected', 'withdrawn']
export const CHANNELS: Dossier['channel'][] = ['online', 'in_person', 'postal']
export const TIMELINESS: NonNullable<Dossier['timeliness']>[] = ['early', 'on_time', 'late']

export function statusLabel(status: Dossier['status']): string {
  switch (status) {
    case 'received':
      return msg('Received', { id: 'dossiers.status.received' })
    case 'processing':
      return msg('Processing', { id: 'dossiers.status.processing' })
    case 'supplement_requested':
      return msg('Awaiting supplement', { id: 'dossiers.status.supplement_requested' })
    case 'resolved':
      return msg('Resolved', { id: 'dossiers.status.resolved' })
    case 'returned':
      return msg('Result returned', { id: 'dossiers.status.returned' })
    case 'rejected':
      return msg('Rejected', { id: 'dossiers.status.rejected' })
    case 'withdrawn':
      return msg('Withdrawn', { id: 'dossiers.status.withdrawn' })
  }
}

export function channelLabel(channel: Dossier['channel']): string {
  switch (channel) {
    case 'online':
      return msg('Online', { id: 'dossiers.channel.online' })
    case 'in_person':
      return msg('In person', { id: 'dossiers.channel.in_person' })
    case 'postal':
      return msg('By post', { id: 'dossiers.channel.postal' })
  }
}

export function timelinessLabel(timeliness: NonNullable<Dossier['timeliness']>): string {
  switch (timeliness) {
    case 'early':
      return msg('Early', { id: 'dossiers.timeliness.early' })
    case 'on_time':
      return msg('On time', { id: 'dossiers.timeliness.on_time' })
    case 'late':
      return msg('Late', { id: 'dossiers.timeliness.late' })
  }
}

export function actionLabel(action: DossierAction): string {
  switch (action) {
    case 'start-processing':
      return msg('Start processing', { id: 'dossiers.action.start-processing' })
    case 'request-supplement':
      return msg('Request a supplement', { id: 'dossiers.action.request-supplement' })
    case 'supplement-received':
      return msg('Supplement received', { id: 'dossiers.action.supplement-received' })
    case 'resolve':
      return msg('Resolve', { id: 'dossiers.action.resolve' })
    case 'return-result':
      return msg('Return the result', { id: 'dossiers.action.return-result' })
    case 'reject':
      return msg('Reject', { id: 'dossiers.action.reject' })
    case 'withdraw':
      return msg('Withdrawn by the applicant', { id: 'dossiers.action.withdraw' })
  }
}

export function eventLabel(type: DossierEvent['type']): string {
  switch (type) {
    case 'received':
      return msg('Received', { id: 'dossiers.event.received' })
    case 'processing_started':
      return msg('Processing started', { id: 'dossiers.event.processing_started' })
    case 'supplement_requested':
      return msg('Supplement requested (clock stopped)', { id: 'dossiers.event.supplement_requested' })
    case 'supplement_received':
      return msg('Supplement received (clock restarted)', { id: 'dossiers.event.supplement_received' })
    case 'resolved':
      return msg('Resolved', { id: 'dossiers.event.resolved' })
    case 'result_returned':
      return msg('Result returned to the applicant', { id: 'dossiers.event.result_returned' })
    case 'rejected':
      return msg('Rejected', { id: 'dossiers.event.rejected' })
    case 'withdrawn':
      return msg('Withdrawn', { id: 'dossiers.event.withdrawn' })
    case 'due_changed':
      return msg('Due date changed', { id: 'dossiers.event.due_changed' })
  }
}

/** The status chip, coloured by what it means for the deadline. */
export function statusChip(d: Pick<Dossier, 'status' | 'overdue' | 'timeliness'>) {
  const tone = d.overdue || d.timeliness === 'late' ? 'bad' : d.status === 'rejected' || d.status === 'withdrawn' ? 'off' : d.status === 'resolved' || d.status === 'returned' ? 'good' : ''
  return html`<span class="chip ${tone}">${statusLabel(d.status)}</span>${d.overdue ? html`<span class="chip bad">${msg('Overdue', { id: 'dossiers.overdue' })}</span>` : ''}${d.timeliness ? html`<span class="chip ${d.timeliness === 'late' ? 'bad' : 'good'}">${timelinessLabel(d.timeliness)}</span>` : ''}`
}

export const PAPER_FORMS: Dossier['papers'][number]['form'][] = ['original', 'copy', 'certified_copy', 'electronic']

export function paperFormLabel(form: string): string {
  switch (form) {
    case 'original':
      return msg('Original', { id: 'dossiers.paper.original' })
    case 'copy':
      return msg('Copy', { id: 'dossiers.paper.copy' })
    case 'certified_copy':
      return msg('Certified copy', { id: 'dossiers.paper.certifiedCopy' })
    default:
      return msg('Electronic', { id: 'dossiers.paper.electronic' })
  }
}
