/** Words for the values of plans and their tasks, in the reader's language. */
import { msg } from '@lit/localize'
import type { Plan, PlanArea, PlanTask } from '../../api/types.ts'
import { getLocale } from '../../i18n/localization.ts'

export const TASK_STATUSES: PlanTask['status'][] = ['not_started', 'in_progress', 'done', 'done_late', 'cancelled']
/** What a progress update may choose (done late is derived). */
export const CHOSEN_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const
export const PERIODS = ['H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4', 'Y'] as const

export function taskStatusLabel(status: PlanTask['status']): string {
  switch (status) {
    case 'not_started':
      return msg('Not started', { id: 'plans.status.not_started' })
    case 'in_progress':
      return msg('In progress', { id: 'plans.status.in_progress' })
    case 'done':
      return msg('Done', { id: 'plans.status.done' })
    case 'done_late':
      return msg('Done late', { id: 'plans.status.done_late' })
    case 'cancelled':
      return msg('Cancelled', { id: 'plans.status.cancelled' })
  }
}

export function planStatusLabel(status: Plan['status']): string {
  switch (status) {
    case 'draft':
      return msg('Draft', { id: 'plans.planStatus.draft' })
    case 'approved':
      return msg('Approved', { id: 'plans.planStatus.approved' })
    case 'closed':
      return msg('Closed', { id: 'plans.planStatus.closed' })
  }
}

export function planKindLabel(kind: Plan['kind']): string {
  return kind === 'annual_reform' ? msg('Annual administrative reform plan', { id: 'plans.kind.annual_reform' }) : msg('Other plan', { id: 'plans.kind.other' })
}

export function periodLabel(period: string): string {
  switch (period) {
    case 'H1':
      return msg('First half-year', { id: 'plans.period.H1' })
    case 'H2':
      return msg('Second half-year', { id: 'plans.period.H2' })
    case 'Y':
      return msg('Whole year', { id: 'plans.period.Y' })
    default:
      return period
  }
}

/** An area's name in the reader's language (the names are data: the agency may add areas). */
export const areaName = (area: Pick<PlanArea, 'nameVi' | 'nameEn'>) => (getLocale() === 'vi' ? area.nameVi : area.nameEn)

/** The kind of record a task was raised from. */
export function sourceLabel(source: NonNullable<PlanTask['source']>): string {
  switch (source) {
    case 'nonconformity':
      return msg('Nonconformity', { id: 'plans.source.nonconformity' })
    case 'objective':
      return msg('Off-target period of a quality objective', { id: 'plans.source.objective' })
    case 'par_criterion':
      return msg('PAR index criterion', { id: 'plans.source.par_criterion' })
  }
}
