import { localized, msg } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import type { RiskDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { impactLabel, levelLabel, likelihoodLabel, SCALE } from './risk-labels.ts'
import { riskStyles } from './risk-styles.ts'
import '../../app/qms-date-input.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/**
 * @summary A risk's assessments, newest first (the first is its current score), and the
 * form to re-assess it when the reader may: new likelihood and impact, a note, and the
 * next review date.
 * @event qms-changed - the risk was re-assessed (the page reloads it)
 */
@customElement('qms-risk-assessments')
@localized()
export class QmsRiskAssessments extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles, riskStyles]

  @property({ attribute: false }) risk?: RiskDetail
  @state() private open = false
  private readonly form = new FormController(this)

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const risk = this.risk!
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body: Record<string, unknown> = { likelihood: Number(text('likelihood')), impact: Number(text('impact')) }
    if (text('note')) body.note = text('note')
    if (text('reviewDate')) body.reviewDate = text('reviewDate')
    await this.form.run(async () => {
      await post<RiskDetail>(`/api/risks/${risk.id}/assessments`, body, { ifMatch: risk.version })
      this.open = false
      this.dispatchEvent(new CustomEvent('qms-changed', { bubbles: true, composed: true }))
    })
  }

  override render() {
    const risk = this.risk
    if (!risk) return nothing
    const l = {
      when: msg('Assessed', { id: 'risks.assessedAt' }),
      score: msg('Score', { id: 'risks.score' }),
      note: msg('Note', { id: 'risks.note' }),
      by: msg('By', { id: 'risks.assessedBy' }),
    }
    return html`
      <div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.when}</th><th>${l.score}</th><th>${l.note}</th><th>${l.by}</th></tr></thead>
        <tbody>
          ${risk.assessments.map(
            (a) => html`<tr>
              <td data-label=${l.when}>${formatDateTime(a.assessedAt)}</td>
              <td data-label=${l.score}><span class=${`badge level-${a.level}`}>${a.likelihood}×${a.impact} = ${a.score} · ${levelLabel(a.level)}</span></td>
              <td data-label=${l.note}>${a.note ?? '—'}</td>
              <td data-label=${l.by}>${a.assessedBy?.fullName ?? '—'}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>
      ${risk.allowedActions.includes('reassess')
        ? this.open
          ? this.renderForm(risk)
          : html`<p><button @click=${() => ((this.open = true), this.form.clear())}>${msg('Re-assess', { id: 'risks.reassess' })}</button></p>`
        : nothing}
    `
  }

  private renderForm(risk: RiskDetail) {
    const scale = (name: 'likelihood' | 'impact', label: string, describe: (n: number) => string, current: number) =>
      this.form.field(name, label,
        html`<select id=${name} name=${name} aria-invalid=${this.form.invalid(name)} aria-describedby=${`${name}-error`}>
          ${SCALE.map((n) => html`<option value=${n} ?selected=${n === current}>${n} — ${describe(n)}</option>`)}
        </select>`)
    return html`<form class="card" @submit=${this.handleSubmit} novalidate>
      <div class="grid-2">
        ${scale('likelihood', msg('Likelihood', { id: 'risks.likelihood' }), likelihoodLabel, risk.likelihood)}
        ${scale('impact', msg('Impact', { id: 'risks.impact' }), impactLabel, risk.impact)}
      </div>
      ${this.form.field('note', msg('Note', { id: 'risks.note' }),
        html`<textarea id="note" name="note" rows="2" aria-invalid=${this.form.invalid('note')} aria-describedby="note-error"></textarea>`)}
      ${this.form.field('reviewDate', msg('Next review (optional)', { id: 'risks.reviewDateInput' }),
        html`<qms-date-input field-id="reviewDate" name="reviewDate" .value=${risk.reviewDate ?? ''} invalid=${this.form.invalid('reviewDate')} describedby="reviewDate-error"></qms-date-input>`,
        risk.reviewDate ? msg('Now', { id: 'risks.now' }) + ': ' + formatDate(risk.reviewDate) : undefined)}
      ${this.form.renderError()}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save the assessment', { id: 'risks.saveAssessment' })}</button>
        <button type="button" @click=${() => (this.open = false)}>${msg('Cancel', { id: 'common.cancel' })}</button>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-risk-assessments': QmsRiskAssessments
  }
}
