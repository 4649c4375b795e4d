/** Words and numbers of the PAR index pages. */
import { msg, str } from '@lit/localize'
import type { ParAssessment, ParFigure } from '../../api/types.ts'
import { formatNumber } from '../../i18n/localization.ts'

/** Points with up to two decimals, in the reader's locale ("2,5" in Vietnamese). */
export const points = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatNumber(n, Number.isInteger(n) ? 0 : n * 10 === Math.round(n * 10) ? 1 : 2))

export function statusLabel(status: ParAssessment['status']): string {
  switch (status) {
    case 'draft':
      return msg('Being scored', { id: 'par.status.draft' })
    case 'submitted':
      return msg('Submitted, waiting for the appraisal', { id: 'par.status.submitted' })
    case 'appraised':
      return msg('Appraised', { id: 'par.status.appraised' })
  }
}

/** Our own figure for the year, in a sentence: "Dossiers on time: 95.2% (82/86)". */
export function figureText(f: ParFigure): string {
  const ratio = f.base !== null ? ` (${f.part}/${f.base})` : ''
  const pct = f.value === null ? msg('nothing to measure', { id: 'par.figure.none' }) : `${formatNumber(f.value, 1)}%${ratio}`
  switch (f.source) {
    case 'dossiers_on_time_pct':
      return msg(str`Dossiers resolved on time: ${pct}`, { id: 'par.figure.onTime' })
    case 'dossiers_online_pct':
      return msg(str`Dossiers received online: ${pct}`, { id: 'par.figure.online' })
    case 'complaints_handled_pct':
      return f.base === 0 ? msg('Complaints: none received', { id: 'par.figure.noComplaints' }) : msg(str`Complaints handled: ${pct}`, { id: 'par.figure.complaints' })
    case 'inspections_held':
      return msg(str`Civil-service inspections held: ${f.value ?? 0}`, { id: 'par.figure.inspections' })
    case 'iso_maintained':
      return f.value
        ? msg(str`ISO system maintained: yes (${f.part} internal audits)`, { id: 'par.figure.isoYes' })
        : msg('ISO system maintained: no internal audit recorded', { id: 'par.figure.isoNo' })
  }
}
