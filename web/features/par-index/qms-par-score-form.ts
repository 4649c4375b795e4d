import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { api, put } from '../../api/client.ts'
import type { ParAssessmentDetail, ParScoredCriterion } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { points } from './par-labels.ts'

/**
 * @summary The self score of one leaf: points (up to its maximum), the evidence (the
 * documents named, a link, files) required where points are claimed, and a note.
 * @event qms-scored - saved; `detail` is the assessment as the server now holds it
 * @event qms-cancel - closed without saving
 */
@customElement('qms-par-score-form')
@localized()
export class QmsParScoreForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  @property() assessmentId = ''
  @property({ type: Number }) version = 0
  @property({ attribute: false }) criterion?: ParScoredCriterion
  private readonly form = new FormController(this)

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const c = this.criterion!
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const files = (data.getAll('files') as File[]).filter((f) => f.size > 0)
    await this.form.run(async () => {
      // New files are uploaded first; the ones already attached stay.
      const uploaded = await Promise.all(
        files.map((f) => {
          const body = new FormData()
          body.append('file', f)
          return api<{ id: string }>('POST', '/api/attachments', body)
        }),
      )
      const raw = text('selfScore').replace(',', '.')
      const saved = await put<ParAssessmentDetail>(
        `/api/par-index/assessments/${this.assessmentId}/scores/${c.id}`,
        {
          selfScore: raw === '' ? null : Number(raw),
          evidenceText: text('evidenceText') || null,
          evidenceUrl: text('evidenceUrl') || null,
          attachmentIds: [...c.attachments.map((a) => a.id), ...uploaded.map((u) => u.id)],
          note: text('note') || null,
        },
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
    return html`<form @submit=${this.handleSubmit} novalidate>
      ${f.field('selfScore', msg(str`Self score (at most ${points(c.maxPoints)})`, { id: 'par.selfScoreInput' }),
        html`<input id="selfScore" name="selfScore" inputmode="decimal" .value=${c.selfScore === null ? '' : String(c.selfScore)} aria-invalid=${f.invalid('selfScore')} aria-describedby="selfScore-error" />`)}
      ${f.field('evidenceText', msg('Evidence documents (required where points are claimed)', { id: 'par.evidenceText' }),
        html`<textarea id="evidenceText" name="evidenceText" rows="2" .value=${c.evidenceText ?? ''} aria-invalid=${f.invalid('evidenceText')} aria-describedby="evidenceText-error"></textarea>`)}
      ${f.field('evidenceUrl', msg('Link to the evidence', { id: 'par.evidenceUrl' }),
        html`<input id="evidenceUrl" name="evidenceUrl" type="url" .value=${c.evidenceUrl ?? ''} aria-invalid=${f.invalid('evidenceUrl')} aria-describedby="evidenceUrl-error" />`)}
      ${f.field('files', msg('Evidence files (PDF or photos)', { id: 'par.evidenceFiles' }),
        html`<input id="files" name="files" type="file" multiple accept="application/pdf,image/jpeg,image/png,image/webp" />`,
        c.attachments.length ? c.attachments.map((a) => a.filename).join(', ') : undefined)}
      ${f.field('note', msg('Note', { id: 'par.note' }), html`<textarea id="note" name="note" rows="2" .value=${c.note ?? ''}></textarea>`)}
      ${f.renderError()}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${f.busy}>${msg('Save the score', { id: 'par.saveScore' })}</button>
        <button type="button" @click=${this.handleCancel}>${msg('Cancel', { id: 'common.cancel' })}</button>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-par-score-form': QmsParScoreForm
  }
}
