import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { ReviewInputs } from '../../api/types.ts'
import { formatDate, formatDateTime, formatNumber } from '../../i18n/localization.ts'
import { pageStyles, tableStyles } from '../../styles/shared.ts'
import { percent } from './review-labels.ts'
import { reviewStyles } from './review-styles.ts'

/**
 * @summary The inputs of a management review (ISO 9001:2015 9.3.2), one section per item,
 * as the server assembled them for the period: frozen when the review was held, as of now
 * for a draft (and marked so).
 */
@customElement('qms-review-inputs')
@localized()
export class QmsReviewInputs extends LitElement {
  static override styles = [
    pageStyles,
    tableStyles,
    reviewStyles,
    css`
      section { background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-3); margin-bottom: var(--qms-space-3); }
      h3 { margin: 0 0 var(--qms-space-2); font-size: 1rem; }
      p { margin: 0 0 var(--qms-space-1); overflow-wrap: anywhere; }
      ul { margin: 0; padding-left: 1.2rem; }
      li { overflow-wrap: anywhere; }
    `,
  ]

  @property({ attribute: false }) inputs?: ReviewInputs
  @property({ attribute: false }) resources: string | null = null

  override render() {
    const x = this.inputs
    if (!x) return nothing
    const d = x.processPerformance.dossiers
    const insp = x.processPerformance.inspections
    const nc = x.nonconformities.metrics
    const a = x.audits
    const r = x.risks
    return html`
      <p class="meta" data-testid="inputs-state">
        ${x.frozen
          ? msg(str`Figures frozen when the review was held (${formatDateTime(x.computedAt)}).`, { id: 'reviews.inputs.frozen' })
          : msg(str`Figures as of now (${formatDateTime(x.computedAt)}): they are frozen when the meeting is recorded as held.`, { id: 'reviews.inputs.live' })}
      </p>
      <section data-testid="input-previous-actions">
        <h3>${msg('1. Actions from previous reviews', { id: 'reviews.inputs.previous' })}</h3>
        <p>${msg(str`${x.previousActions.total} actions: ${x.previousActions.done} done, ${x.previousActions.open} open (${x.previousActions.overdue} overdue).`, { id: 'reviews.inputs.previousCounts' })}</p>
        ${x.previousActions.items.length
          ? html`<ul>${x.previousActions.items.map(
              (i) => html`<li><span class="code">${i.reviewCode}</span> ${i.description} — ${i.owner}, ${formatDate(i.dueDate)}
                ${i.status === 'done'
                  ? html`<span class="badge done">${msg('Done', { id: 'reviews.actions.done' })}</span>`
                  : i.overdue
                    ? html`<span class="badge due">${msg('Overdue', { id: 'reviews.actions.overdue' })}</span>`
                    : html`<span class="badge status">${msg('Open', { id: 'reviews.actions.open' })}</span>`}</li>`,
            )}</ul>`
          : nothing}
      </section>
      <section data-testid="input-changes">
        <h3>${msg('2. Changes relevant to the QMS', { id: 'reviews.inputs.changes' })}</h3>
        <p>${msg(str`Documents published: ${x.changes.published}; made obsolete: ${x.changes.obsoleted}.`, { id: 'reviews.inputs.documents' })}</p>
        <p>${msg(str`ISO 9001 clauses covered by a published document: ${x.changes.clauseCoverage.covered} of ${x.changes.clauseCoverage.clauses}.`, { id: 'reviews.inputs.coverage' })}</p>
      </section>
      <section data-testid="input-complaints">
        <h3>${msg('3. Satisfaction and feedback', { id: 'reviews.inputs.complaints' })}</h3>
        <p>${msg(str`Received: ${x.complaints.total} (complaints ${x.complaints.complaint}, denunciations ${x.complaints.denunciation}, feedback ${x.complaints.feedback}).`, { id: 'reviews.inputs.complaintCounts' })}</p>
      </section>
      <section data-testid="input-objectives">
        <h3>${msg('4. Quality objectives', { id: 'reviews.inputs.objectives' })}</h3>
        <p>${msg(str`${x.objectives.indicators} indicators; ${x.objectives.periodsOnTarget} of ${x.objectives.periodsMeasured} measured periods on target.`, { id: 'reviews.inputs.objectiveCounts' })}</p>
        ${x.objectives.items.length
          ? html`<ul>${x.objectives.items.map(
              (i) => html`<li>${i.indicator}: ${i.periods.map((p) => `${p.period} ${p.value === null ? '—' : `${formatNumber(p.value, i.measure === 'percent' ? 1 : 0)}${i.measure === 'percent' ? ' %' : ''}`}`).join('; ') || '—'}</li>`,
            )}</ul>`
          : nothing}
      </section>
      <section data-testid="input-process">
        <h3>${msg('5. Process performance', { id: 'reviews.inputs.process' })}</h3>
        <p>${msg(str`Dossiers received: ${d.received} (online ${percent(d.onlineShare)}); resolved: ${d.resolved}, on time ${d.resolvedOnTime} (${percent(d.onTimeRate)}); pending overdue: ${d.pendingOverdue}.`, { id: 'reviews.inputs.dossiers' })}</p>
        <p>${msg(str`Inspections: ${insp.total}, completed ${insp.byStatus.completed}; average score ${insp.averageScore === null ? '—' : formatNumber(insp.averageScore, 1)}.`, { id: 'reviews.inputs.inspections' })}</p>
      </section>
      <section data-testid="input-nonconformities">
        <h3>${msg('6. Nonconformities and corrective actions', { id: 'reviews.inputs.nonconformities' })}</h3>
        <p>${msg(str`Raised: ${nc.raised}; closed: ${nc.closed} (on time ${percent(nc.closedOnTime.share)}); open: ${nc.open}, overdue ${nc.overdue}; corrective actions overdue: ${x.nonconformities.overdueActions}.`, { id: 'reviews.inputs.ncCounts' })}</p>
      </section>
      <section data-testid="input-audits">
        <h3>${msg('7. Internal audit results', { id: 'reviews.inputs.audits' })}</h3>
        <p>${msg(str`Internal audits: ${a.total} (completed ${a.completed}); findings: ${a.findings.total} — major ${a.findings.byClassification.major_nc}, minor ${a.findings.byClassification.minor_nc}, observations ${a.findings.byClassification.observation}, improvement opportunities ${a.findings.byClassification.improvement_opportunity}.`, { id: 'reviews.inputs.auditCounts' })}</p>
      </section>
      <section data-testid="input-resources">
        <h3>${msg('8. Adequacy of resources', { id: 'reviews.inputs.resources' })}</h3>
        <p>${this.resources ?? '—'}</p>
      </section>
      <section data-testid="input-risks">
        <h3>${msg('9. Actions on risks and opportunities', { id: 'reviews.inputs.risks' })}</h3>
        <p>${msg(str`Treatment actions due: ${r.actionsDue}, done on time ${r.actionsDoneOnTime}; done in the period: ${r.actionsDone}; overdue: ${r.actionsOverdue}. Re-assessments: ${r.reassessed} (${r.lowered} lower, ${r.raised} higher).`, { id: 'reviews.inputs.riskCounts' })}</p>
      </section>
      <section data-testid="input-improvements">
        <h3>${msg('10. Opportunities for improvement', { id: 'reviews.inputs.improvements' })}</h3>
        <p>${msg(str`Findings that are improvement opportunities: ${x.improvements.findings}; opportunities recorded: ${x.improvements.opportunitiesRecorded}, open: ${x.improvements.opportunitiesOpen}.`, { id: 'reviews.inputs.improvementCounts' })}</p>
      </section>
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-review-inputs': QmsReviewInputs
  }
}
