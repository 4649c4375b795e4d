import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { put } from '../../api/client.ts'
import type { ParAssessmentDetail, ParScoredCriterion } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { points } from './par-labels.ts'

/**
 * @summary The appraised score of one leaf (a manager, once the self-assessment is
 * submitted): the points the appraisal council gave, up to the leaf's maximum, and why.
 * Left empty, the leaf has no appraised score (points lost then count from the self score).
 * @event qms-scored - saved; `detail` is the assessment as the server now holds it
 * @event qms-cancel - closed without saving
 */
@customElement('qms-par-appraisal-form')
@localized()
export class QmsParAppraisalForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  @property() assessmentId = ''
  @property({ type: Number }) version = 0
  @property({ attribute: false }) criterion?: ParScoredCriterion
  private readonly form = new FormController(this)

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const c = this.criterion!
    const data = new FormData(event.target as HTMLFormElement)
    const raw = String(data.get('appraisedScore') ?? '').trim().replace(',', '.')
    const note = String(data.get('appraisalNote') ?? '').trim()
    await this.form.run(async () => {
      const saved = await put<ParAssessmentDetail>(
        `/api/par-index/assessments/${this.assessmentId}/appraisal`,
        { scores: [{ criterionId: c.id, appraisedScore: raw === '' ? null : Number(raw), note: note || null }] },
        { ifMatch: this.version },
      )
      this.dispatchEvent(new CustomEvent('qms-scored', { detail: saved, bubbles: true, composed: true }))
    })
  }

  private handleCancel() {
    this.dispatchEvent(new CustomEvent('qms-cancel', { bubbles: true, composed: true }))
  }

  override render() {
    const c = this.criterion
    if (!c) return nothing
    const f = this.form
    // The server names the failing field by its place in the body: scores.0.appraisedScore.
    return html`<form @submit=${this.handleSubmit} novalidate>
      ${f.field('scores.0.appraisedScore', msg(str`Appraised score (at most ${points(c.maxPoints)})`, { id: 'par.appraisedScoreInput' }),
        html`<input id="scores.0.appraisedScore" name="appraisedScore" inputmode="decimal" .value=${c.appraisedScore === null ? '' : String(c.appraisedScore)}
          aria-invalid=${f.invalid('scores.0.appraisedScore')} aria-describedby="scores.0.appraisedScore-error" />`)}
      ${f.field('scores.0.note', msg('Appraisal note', { id: 'par.appraisalNote' }),
        html`<textarea id="scores.0.note" name="appraisalNote" rows="2" .value=${c.appraisalNote ?? ''}></textarea>`)}
      ${f.renderError()}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${f.busy}>${msg('Save the appraisal', { id: 'par.saveAppraisal' })}</button>
        <button type="button" @click=${this.handleCancel}>${msg('Cancel', { id: 'common.cancel' })}</button>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-par-appraisal-form': QmsParAppraisalForm
  }
}
