import { msg } from '@lit/localize'
import type { AuditProgramme, CoverageMatrix, ProgrammeAudit } from '../../api/types.ts'

export function programmeStatusLabel(status: AuditProgramme['status']): string {
  return status === 'approved' ? msg('Approved', { id: 'audits.programme.approved' }) : msg('Draft', { id: 'audits.programme.draft' })
}

export function auditStatusLabel(status: ProgrammeAudit['status']): string {
  switch (status) {
    case 'planned':
      return msg('Planned', { id: 'audits.status.planned' })
    case 'scheduled':
      return msg('Scheduled', { id: 'audits.status.scheduled' })
    case 'completed':
      return msg('Completed', { id: 'audits.status.completed' })
    case 'cancelled':
      return msg('Cancelled', { id: 'audits.status.cancelled' })
  }
}

type CoverageState = CoverageMatrix['units'][number]['cells'][number]['state']

export function coverageLabel(state: CoverageState): string {
  switch (state) {
    case 'audited':
      return msg('Audited', { id: 'audits.coverage.audited' })
    case 'planned':
      return msg('Planned', { id: 'audits.coverage.planned' })
    case 'uncovered':
      return msg('Not covered', { id: 'audits.coverage.uncovered' })
  }
}
