import { msg } from '@lit/localize'
import type { Inspection, InspectionResponse } from '../../api/types.ts'

export type Kind = Inspection['kind']
export type Status = Inspection['status']
export type Result = InspectionResponse['result']
export const KINDS: Kind[] = ['self', 'internal', 'briefing', 'unannounced', 'internal_audit']
export const STATUSES: Status[] = ['planned', 'in_progress', 'completed', 'cancelled']

export function kindLabel(kind: Kind): string {
  switch (kind) {
    case 'self':
      return msg('Self-inspection', { id: 'inspections.kind.self' })
    case 'internal':
      return msg('Internal inspection', { id: 'inspections.kind.internal' })
    case 'briefing':
      return msg('At a briefing meeting', { id: 'inspections.kind.briefing' })
    case 'unannounced':
      return msg('Unannounced', { id: 'inspections.kind.unannounced' })
    case 'internal_audit':
      return msg('Internal audit (ISO)', { id: 'inspections.kind.internal_audit' })
  }
}

export function statusLabel(status: Status): string {
  switch (status) {
    case 'planned':
      return msg('Planned', { id: 'inspections.status.planned' })
    case 'in_progress':
      return msg('In progress', { id: 'inspections.status.in_progress' })
    case 'completed':
      return msg('Completed', { id: 'inspections.status.completed' })
    case 'cancelled':
      return msg('Cancelled', { id: 'inspections.status.cancelled' })
  }
}

export function resultLabel(result: Result): string {
  switch (result) {
    case 'pass':
      return msg('Pass', { id: 'inspections.result.pass' })
    case 'fail':
      return msg('Fail', { id: 'inspections.result.fail' })
    case 'na':
      return msg('N/A', { id: 'inspections.result.na' })
  }
}
