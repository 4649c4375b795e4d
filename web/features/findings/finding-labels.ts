import { msg } from '@lit/localize'
import type { Finding } from '../../api/types.ts'

export type Classification = Finding['classification']
export type Handling = NonNullable<Finding['handling']>
export const CLASSIFICATIONS: Classification[] = ['major_nc', 'minor_nc', 'observation', 'improvement_opportunity']
export const HANDLINGS: Handling[] = ['on_spot_reminder', 'criticism', 'self_review', 'nc_raised']
/** The handlings a person picks; `nc_raised` follows from raising a nonconformity. */
export const SETTABLE_HANDLINGS = HANDLINGS.filter((h) => h !== 'nc_raised')

export function classificationLabel(value: Classification): string {
  switch (value) {
    case 'major_nc':
      return msg('Major nonconformity', { id: 'findings.classification.major_nc' })
    case 'minor_nc':
      return msg('Minor nonconformity', { id: 'findings.classification.minor_nc' })
    case 'observation':
      return msg('Observation', { id: 'findings.classification.observation' })
    case 'improvement_opportunity':
      return msg('Improvement opportunity', { id: 'findings.classification.improvement_opportunity' })
  }
}

export function handlingLabel(value: Handling | null): string {
  switch (value) {
    case 'on_spot_reminder':
      return msg('Reminded on the spot', { id: 'findings.handling.on_spot_reminder' })
    case 'criticism':
      return msg('Criticism', { id: 'findings.handling.criticism' })
    case 'self_review':
      return msg('Self-review', { id: 'findings.handling.self_review' })
    case 'nc_raised':
      return msg('Nonconformity raised', { id: 'findings.handling.nc_raised' })
    case null:
      return msg('Not handled yet', { id: 'findings.handling.none' })
  }
}

export function findingStatusLabel(value: Finding['status']): string {
  return value === 'open' ? msg('Open', { id: 'findings.status.open' }) : msg('Closed', { id: 'findings.status.closed' })
}
