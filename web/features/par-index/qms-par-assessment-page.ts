import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, post } from '../../api/client.ts'
import type { ParAssessmentDetail, ParScoredCriterion } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { confirmStep } from '../../app/qms-confirm-dialog.ts'
import { formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { figureText, points, statusLabel } from './par-labels.ts'
import { parStyles } from './par-styles.ts'
import './qms-par-appraisal-form.ts'
import './qms-par-remediation.ts'
import './qms-par-score-form.ts'

/**
 * @summary A year's PAR index self-assessment: the criteria tree with each leaf's self
 * and appraised scores, evidence and note, running totals up the tree, points lost, our
 * own figure for the year beside the criteria that name one, and the points lost per
 * criterion (most first) with the remediation plan's tasks (qms-par-remediation). Leaves
 * are scored in place.
 */
@customElement('qms-par-assessment-page')
@localized()
export class QmsParAssessmentPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, parStyles]

  @property() assessmentId = ''
  @state() private assessment?: ParAssessmentDetail
  /** The leaf whose score form is open. */
  @state() private editing?: string
  /** The leaf whose appraised score is being entered. */
  @state() private appraising?: string
  private readonly form = new FormController(this)

  private readonly loader = new Task(this, {
    task: async ([id], { signal }) => {
      this.assessment = await get<ParAssessmentDetail>(`/api/par-index/assessments/${id}`, { signal })
      return this.assessment
    },
    args: () => [this.assessmentId] as const,
  })

  private handleScored(event: CustomEvent<ParAssessmentDetail>) {
    this.assessment = event.detail
    this.editing = undefined
    this.appraising = undefined
  }

  private async move(op: 'submit' | 'reopen') {
    const a = this.assessment!
    // Submitting freezes the self scores: asked once more, naming the year (only an appraiser can reopen it).
    if (op === 'submit') {
      const confirmed = await confirmStep({
        heading: msg(str`Submit the PAR index self-assessment ${a.year}?`, { id: 'par.confirmSubmit.heading' }),
        consequence: msg(str`The self scores (${points(a.totals.selfScore)} / ${points(a.totals.maxPoints)}) are frozen for appraisal: you can no longer change them unless an appraiser reopens the assessment.`, { id: 'par.confirmSubmit.consequence' }),
        confirmLabel: msg('Submit the self-assessment', { id: 'par.submit' }),
      })
      if (!confirmed) return
    }
    await this.form.run(
      async () => {
        this.assessment = await post<ParAssessmentDetail>(`/api/par-index/assessments/${a.id}/${op}`, {}, { ifMatch: a.version })
      },
      { success: op === 'submit' ? msg('Self-assessment submitted.', { id: 'par.done.submit' }) : msg('Self-assessment reopened.', { id: 'par.done.reopen' }) },
    )
  }

  override render() {
    return html`<p><a href="/par-index">${msg('← PAR index', { id: 'par.backToList' })}</a></p>
      ${this.loader.render({
        pending: () => (this.assessment ? this.renderAssessment(this.assessment) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: () => (this.assessment ? this.renderAssessment(this.assessment) : nothing),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderAssessment(a: ParAssessmentDetail) {
    const t = a.totals
    return html`<h1>${msg(str`PAR index self-assessment ${a.year}`, { id: 'par.assessmentTitle' })}</h1>
      <p class="lead">
        ${a.criteriaSet.name} ${a.criteriaSet.isSample ? html`<span class="badge sample">${msg('sample, not official figures', { id: 'par.sample' })}</span>` : nothing}
        · <span class="badge" data-testid="par-status">${statusLabel(a.status)}</span>
        ${a.submittedAt ? html`<br />${msg(str`Submitted ${formatDateTime(a.submittedAt)} by ${a.submittedBy?.fullName ?? '—'}`, { id: 'par.submittedAt' })}` : nothing}
      </p>
      <div class="totals">
        <div>${msg('Self score', { id: 'par.selfScore' })}<strong data-testid="par-total-self">${points(t.selfScore)} / ${points(t.maxPoints)}</strong></div>
        <div>${msg('Appraised score', { id: 'par.appraisedScore' })}<strong data-testid="par-total-appraised">${points(t.appraisedScore)}</strong></div>
        <div>${msg('Points lost', { id: 'par.pointsLost' })}<strong data-testid="par-total-lost">${points(t.pointsLost)}</strong></div>
        <div>${msg('Criteria scored', { id: 'par.scored' })}<strong data-testid="par-total-scored">${t.scored} / ${t.leaves}</strong></div>
      </div>
      ${a.allowedActions.includes('submit') || a.allowedActions.includes('reopen')
        ? html`<div class="actions">
            ${a.allowedActions.includes('submit') ? html`<button class="primary" ?disabled=${this.form.busy} @click=${() => this.move('submit')}>${msg('Submit the self-assessment', { id: 'par.submit' })}</button>` : nothing}
            ${a.allowedActions.includes('reopen') ? html`<button ?disabled=${this.form.busy} @click=${() => this.move('reopen')}>${msg('Reopen for corrections', { id: 'par.reopen' })}</button>` : nothing}
          </div>`
        : nothing}
      ${this.form.renderError()}
      <h2>${msg('Criteria', { id: 'par.criteria' })}</h2>
      <ul class="tree">${a.criteria.map((c) => this.renderNode(a, c))}</ul>
      <qms-par-remediation .assessmentId=${a.id} .version=${a.version}></qms-par-remediation>`
  }

  private renderNode(a: ParAssessmentDetail, c: ParScoredCriterion) {
    const canScore = c.isLeaf && a.allowedActions.includes('score')
    return html`<li class=${`node${c.depth === 0 ? ' area' : ''}`} style=${`margin-left: ${Math.min(c.depth, 3) * 12}px`} data-code=${c.code}>
      <div><span class="code">${c.code}</span>${c.title}</div>
      <div class="scores">
        <span>${msg('Max', { id: 'par.max' })}: ${points(c.maxPoints)}</span>
        <span>${c.isLeaf ? msg('Self', { id: 'par.self' }) : msg('Self (total)', { id: 'par.selfTotal' })}: <strong data-testid="par-node-self">${points(c.selfScore)}</strong></span>
        ${c.appraisedScore !== null ? html`<span>${msg('Appraised', { id: 'par.appraised' })}: <strong>${points(c.appraisedScore)}</strong></span>` : nothing}
        ${c.pointsLost ? html`<span class="badge lost" data-testid="par-node-lost">${msg(str`lost ${points(c.pointsLost)}`, { id: 'par.lost' })}</span>` : nothing}
      </div>
      ${c.figure ? html`<p class="figure">${msg(str`Our data for ${a.year}:`, { id: 'par.ourData' })} ${figureText(c.figure)}</p>` : nothing}
      ${c.scoring ? html`<p class="meta">${c.scoring}</p>` : nothing}
      ${c.isLeaf && (c.evidenceText || c.evidenceUrl || c.attachments.length)
        ? html`<p class="meta">${msg('Evidence', { id: 'par.evidence' })}: ${c.evidenceText ?? ''}
            ${c.evidenceUrl ? html`<a href=${c.evidenceUrl} target="_blank" rel="noopener">${msg('link', { id: 'par.link' })}</a>` : nothing}
            ${c.attachments.map((f) => html` <a href=${`/api/attachments/${f.id}`} target="_blank" rel="noopener">${f.filename}</a>`)}</p>`
        : nothing}
      ${c.note ? html`<p class="meta">${msg('Note', { id: 'par.note' })}: ${c.note}</p>` : nothing}
      ${c.appraisalNote ? html`<p class="meta">${msg('Appraisal note', { id: 'par.appraisalNote' })}: ${c.appraisalNote}</p>` : nothing}
      ${c.isLeaf && a.allowedActions.includes('appraise')
        ? this.appraising === c.id
          ? html`<qms-par-appraisal-form .assessmentId=${a.id} .version=${a.version} .criterion=${c} @qms-scored=${this.handleScored} @qms-cancel=${() => (this.appraising = undefined)}></qms-par-appraisal-form>`
          : html`<div class="actions"><button aria-label=${msg(str`Appraise criterion ${c.code}`, { id: 'par.appraiseCriterion' })} @click=${() => (this.appraising = c.id)}>${msg('Appraise', { id: 'par.appraise' })}</button></div>`
        : nothing}
      ${canScore
        ? this.editing === c.id
          ? html`<qms-par-score-form .assessmentId=${a.id} .version=${a.version} .criterion=${c} @qms-scored=${this.handleScored} @qms-cancel=${() => (this.editing = undefined)}></qms-par-score-form>`
          : html`<div class="actions"><button aria-label=${msg(str`Score criterion ${c.code}`, { id: 'par.scoreCriterion' })} @click=${() => (this.editing = c.id)}>${msg('Score', { id: 'par.score' })}</button></div>`
        : nothing}
    </li>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-par-assessment-page': QmsParAssessmentPage
  }
}
