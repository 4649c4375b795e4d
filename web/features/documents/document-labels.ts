/** Names of document types, statuses and sign-offs in the user's language. */
import { msg } from '@lit/localize'
import type { Document, DocumentStatus, Revision, Signoff } from '../../api/types.ts'

/** The types a user registers a document as. */
export const DOCUMENT_TYPES = ['policy', 'manual', 'procedure', 'form', 'instruction', 'record_template', 'external'] as const satisfies readonly Document['type'][]
/** Every type, for the register's filter: records are issued papers registered by the module that issues them (a half-year report). */
export const ALL_DOCUMENT_TYPES = [...DOCUMENT_TYPES, 'record'] as const satisfies readonly Document['type'][]
export const DOCUMENT_STATUSES = ['draft', 'in_review', 'approved', 'published', 'obsolete'] as const satisfies readonly DocumentStatus[]

export function typeLabel(type: Document['type']): string {
  switch (type) {
    case 'policy':
      return msg('Policy', { id: 'documents.type.policy' })
    case 'manual':
      return msg('Manual', { id: 'documents.type.manual' })
    case 'procedure':
      return msg('Procedure', { id: 'documents.type.procedure' })
    case 'form':
      return msg('Form', { id: 'documents.type.form' })
    case 'instruction':
      return msg('Instruction', { id: 'documents.type.instruction' })
    case 'record_template':
      return msg('Record template', { id: 'documents.type.record_template' })
    case 'external':
      return msg('External document', { id: 'documents.type.external' })
    case 'record':
      return msg('Record (issued paper)', { id: 'documents.type.record' })
  }
}

export function statusLabel(status: Revision['status'] | DocumentStatus): string {
  switch (status) {
    case 'draft':
      return msg('Draft', { id: 'documents.status.draft' })
    case 'in_review':
      return msg('In review', { id: 'documents.status.in_review' })
    case 'approved':
      return msg('Approved', { id: 'documents.status.approved' })
    case 'published':
      return msg('In force', { id: 'documents.status.published' })
    case 'superseded':
      return msg('Superseded', { id: 'documents.status.superseded' })
    case 'obsolete':
      return msg('Obsolete', { id: 'documents.status.obsolete' })
  }
}

export function meaningLabel(meaning: Signoff['meaning']): string {
  switch (meaning) {
    case 'drafted':
      return msg('Drafted', { id: 'documents.signoff.drafted' })
    case 'reviewed':
      return msg('Reviewed', { id: 'documents.signoff.reviewed' })
    case 'approved':
      return msg('Approved', { id: 'documents.signoff.approved' })
  }
}

/** What a signature means, said in full (shown beside each sign-off). */
export function meaningStatement(signoff: Pick<Signoff, 'meaning' | 'decision'>): string {
  if (signoff.decision === 'returned') {
    return signoff.meaning === 'reviewed'
      ? msg('Returned to the drafter after review', { id: 'documents.signoff.returnedReview' })
      : msg('Returned to the drafter without approval', { id: 'documents.signoff.returnedApproval' })
  }
  switch (signoff.meaning) {
    case 'drafted':
      return msg('Drafted this revision and submitted it for review', { id: 'documents.signoff.draftedMeans' })
    case 'reviewed':
      return msg('Reviewed the content and found it adequate', { id: 'documents.signoff.reviewedMeans' })
    case 'approved':
      return msg('Approved this revision for issue', { id: 'documents.signoff.approvedMeans' })
  }
}

export const editionLabel = (edition: string) => `ISO 9001:${edition}`
