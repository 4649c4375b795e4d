/** Words for the values of nonconformities and actions, in the reader's language. */
import { msg } from '@lit/localize'
import type { ActionType, CauseCategory, NcSeverity, NcSource, NcStatus } from '../../api/types.ts'

export const NC_STATUSES = ['draft', 'analysis', 'action_planned', 'in_progress', 'pending_verification', 'verified', 'closed', 'cancelled'] as const satisfies readonly NcStatus[]
export const NC_SOURCES = ['internal_audit', 'finding', 'complaint', 'late_dossier', 'objective', 'plan_task', 'management_review', 'other'] as const satisfies readonly NcSource[]
export const CAUSE_CATEGORIES = ['people', 'method', 'equipment', 'material', 'measurement', 'environment', 'management'] as const satisfies readonly CauseCategory[]
export const ACTION_TYPES = ['correction', 'corrective', 'preventive', 'improvement'] as const satisfies readonly ActionType[]

export function statusLabel(status: NcStatus): string {
  switch (status) {
    case 'draft':
      return msg('Draft', { id: 'nc.status.draft' })
    case 'analysis':
      return msg('Analysis', { id: 'nc.status.analysis' })
    case 'action_planned':
      return msg('Action planned', { id: 'nc.status.action_planned' })
    case 'in_progress':
      return msg('In progress', { id: 'nc.status.in_progress' })
    case 'pending_verification':
      return msg('Awaiting verification', { id: 'nc.status.pending_verification' })
    case 'verified':
      return msg('Verified, to close', { id: 'nc.status.verified' })
    case 'closed':
      return msg('Closed', { id: 'nc.status.closed' })
    case 'cancelled':
      return msg('Cancelled', { id: 'nc.status.cancelled' })
  }
}

export function severityLabel(severity: NcSeverity): string {
  return severity === 'major' ? msg('Major', { id: 'nc.severity.major' }) : msg('Minor', { id: 'nc.severity.minor' })
}

export function sourceLabel(source: NcSource): string {
  switch (source) {
    case 'finding':
      return msg('Inspection finding', { id: 'nc.source.finding' })
    case 'complaint':
      return msg('Complaint', { id: 'nc.source.complaint' })
    case 'internal_audit':
      return msg('Internal audit', { id: 'nc.source.internal_audit' })
    case 'late_dossier':
      return msg('Late dossier', { id: 'nc.source.late_dossier' })
    case 'objective':
      return msg('Quality objective off target', { id: 'nc.source.objective' })
    case 'plan_task':
      return msg('Reform plan task', { id: 'nc.source.plan_task' })
    case 'management_review':
      return msg('Management review', { id: 'nc.source.management_review' })
    case 'other':
      return msg('Other', { id: 'nc.source.other' })
  }
}

export function categoryLabel(category: CauseCategory): string {
  switch (category) {
    case 'people':
      return msg('People', { id: 'nc.category.people' })
    case 'method':
      return msg('Method, procedure', { id: 'nc.category.method' })
    case 'equipment':
      return msg('Equipment, IT systems', { id: 'nc.category.equipment' })
    case 'material':
      return msg('Documents, information', { id: 'nc.category.material' })
    case 'measurement':
      return msg('Monitoring, measurement', { id: 'nc.category.measurement' })
    case 'environment':
      return msg('Working environment', { id: 'nc.category.environment' })
    case 'management':
      return msg('Management, assignment', { id: 'nc.category.management' })
  }
}

export function actionTypeLabel(type: ActionType): string {
  switch (type) {
    case 'correction':
      return msg('Correction', { id: 'action.type.correction' })
    case 'corrective':
      return msg('Corrective action', { id: 'action.type.corrective' })
    case 'preventive':
      return msg('Preventive action', { id: 'action.type.preventive' })
    case 'improvement':
      return msg('Improvement', { id: 'action.type.improvement' })
  }
}

/** The name of a timeline entry. */
export function eventLabel(action: string): string {
  switch (action) {
    case 'create':
      return msg('Raised', { id: 'nc.event.create' })
    case 'update':
      return msg('Changed', { id: 'nc.event.update' })
    case 'analyze':
      return msg('Root cause analysed', { id: 'nc.event.analyze' })
    case 'plan':
      return msg('Plan confirmed', { id: 'nc.event.plan' })
    case 'start':
      return msg('Work started', { id: 'nc.event.start' })
    case 'submit-verification':
      return msg('Sent for verification', { id: 'nc.event.submit' })
    case 'verify':
      return msg('Effectiveness checked', { id: 'nc.event.verify' })
    case 'close':
      return msg('Closed', { id: 'nc.event.close' })
    case 'cancel':
      return msg('Cancelled', { id: 'nc.event.cancel' })
    case 'action.add':
      return msg('Action added', { id: 'nc.event.actionAdd' })
    case 'action.update':
      return msg('Action changed', { id: 'nc.event.actionUpdate' })
    case 'action.complete':
      return msg('Action completed', { id: 'nc.event.actionComplete' })
    default:
      return action
  }
}
