import { msg } from '@lit/localize'
import type { Risk } from '../../api/types.ts'

export const KINDS: Risk['kind'][] = ['risk', 'opportunity']
export const STATUSES: Risk['status'][] = ['open', 'treated', 'accepted', 'closed']
export const LEVELS: Risk['level'][] = ['low', 'medium', 'high', 'critical']
export const SCALE = [1, 2, 3, 4, 5] as const

export function kindLabel(kind: Risk['kind']): string {
  switch (kind) {
    case 'risk':
      return msg('Risk', { id: 'risks.kind.risk' })
    case 'opportunity':
      return msg('Opportunity', { id: 'risks.kind.opportunity' })
  }
}

export function statusLabel(status: Risk['status']): string {
  switch (status) {
    case 'open':
      return msg('Open', { id: 'risks.status.open' })
    case 'treated':
      return msg('Treated', { id: 'risks.status.treated' })
    case 'accepted':
      return msg('Accepted', { id: 'risks.status.accepted' })
    case 'closed':
      return msg('Closed', { id: 'risks.status.closed' })
  }
}

export function levelLabel(level: Risk['level']): string {
  switch (level) {
    case 'low':
      return msg('Low', { id: 'risks.level.low' })
    case 'medium':
      return msg('Medium', { id: 'risks.level.medium' })
    case 'high':
      return msg('High', { id: 'risks.level.high' })
    case 'critical':
      return msg('Critical', { id: 'risks.level.critical' })
  }
}

/** What each step of the likelihood scale means. */
export function likelihoodLabel(n: number): string {
  switch (n) {
    case 1:
      return msg('Rare', { id: 'risks.likelihood.1' })
    case 2:
      return msg('Unlikely', { id: 'risks.likelihood.2' })
    case 3:
      return msg('Possible', { id: 'risks.likelihood.3' })
    case 4:
      return msg('Likely', { id: 'risks.likelihood.4' })
    default:
      return msg('Almost certain', { id: 'risks.likelihood.5' })
  }
}

/** What each step of the impact scale means. */
export function impactLabel(n: number): string {
  switch (n) {
    case 1:
      return msg('Negligible', { id: 'risks.impact.1' })
    case 2:
      return msg('Minor', { id: 'risks.impact.2' })
    case 3:
      return msg('Moderate', { id: 'risks.impact.3' })
    case 4:
      return msg('Major', { id: 'risks.impact.4' })
    default:
      return msg('Severe', { id: 'risks.impact.5' })
  }
}
