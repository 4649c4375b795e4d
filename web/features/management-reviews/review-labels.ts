import { msg } from '@lit/localize'
import type { ManagementReview, ReviewDecision } from '../../api/types.ts'
import { formatNumber } from '../../i18n/localization.ts'

export const CATEGORIES: ReviewDecision['category'][] = ['improvement', 'qms_change', 'resources']

export function statusLabel(status: ManagementReview['status']): string {
  switch (status) {
    case 'draft':
      return msg('Being prepared', { id: 'reviews.status.draft' })
    case 'held':
      return msg('Held', { id: 'reviews.status.held' })
    case 'approved':
      return msg('Approved', { id: 'reviews.status.approved' })
  }
}

export function categoryLabel(category: ReviewDecision['category']): string {
  switch (category) {
    case 'improvement':
      return msg('Improvement', { id: 'reviews.category.improvement' })
    case 'qms_change':
      return msg('Change to the QMS', { id: 'reviews.category.qms_change' })
    case 'resources':
      return msg('Resources', { id: 'reviews.category.resources' })
  }
}

/** A share (0–1) as a percentage with one decimal; a dash without a base. */
export const percent = (share: number | null) => (share === null ? '—' : `${formatNumber(share * 100, 1)} %`)
