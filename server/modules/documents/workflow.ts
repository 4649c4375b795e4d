/**
 * The life of a document revision, as data: draft → in_review (the named reviewer signs,
 * or returns it to draft) → approved → published, later superseded by the next one;
 * `return` sends a reviewed or approved revision back to draft; `obsolete` abandons one
 * in work or withdraws the one in force. Who may do what is checked in service.ts.
 */
import { REVISION_STATUSES } from '../../../db/schema/documents.ts'
import { defineWorkflow } from '../../lib/workflow.ts'

export const REVISION_WORKFLOW = defineWorkflow('revision', REVISION_STATUSES, {
  submit: { from: ['draft'], to: 'in_review' },
  /** Signing keeps the revision in review (now reviewed); returning it sends it back to draft. */
  review: { from: ['in_review'], to: (approve: boolean) => (approve ? 'in_review' : 'draft') },
  approve: { from: ['in_review'], to: 'approved' },
  return: { from: ['in_review', 'approved'], to: 'draft' },
  publish: { from: ['approved'], to: 'published' },
  obsolete: { from: ['draft', 'in_review', 'approved', 'published'], to: 'obsolete' },
})
