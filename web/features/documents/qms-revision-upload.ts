import { localized, msg } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { api } from '../../api/client.ts'
import type { Document, Revision } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles } from '../../styles/shared.ts'
import { editionLabel } from './document-labels.ts'

/**
 * @summary Uploads a new revision (PDF, DOCX or XLSX) of a document as a draft.
 * @event qms-revision-changed - detail `{ revision }` once uploaded
 */
@customElement('qms-revision-upload')
@localized()
export class QmsRevisionUpload extends LitElement {
  static override styles = [buttonStyles, formStyles]

  @property({ attribute: false }) document!: Document
  private readonly form = new FormController(this)

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    // Optional fields left empty are not sent, so the server's defaults apply.
    for (const name of ['issueNumber']) if (!String(data.get(name) ?? '').trim()) data.delete(name)
    const file = data.get('file')
    if (file instanceof File && file.size === 0 && !file.name) data.delete('file')
    await this.form.run(async () => {
      const revision = await api<Revision>('POST', `/api/documents/${this.document.id}/revisions`, data)
      form.reset()
      this.dispatchEvent(new CustomEvent('qms-revision-changed', { detail: { revision }, bubbles: true, composed: true }))
    })
  }

  private problemText(): string {
    if (!this.form.error) return ''
    switch (this.form.error.status) {
      case 413:
        return msg('The file is too large.', { id: 'documents.upload.tooLarge' }) + ` ${this.form.error.problem.detail}`
      case 415:
        return msg('Only PDF, Word (DOCX) and Excel (XLSX) files are accepted.', { id: 'documents.upload.wrongType' })
      default:
        return this.form.error.problem.errors?.length ? '' : this.form.error.problem.detail
    }
  }

  override render() {
    const next = Math.max(this.document.currentRevision?.issueNumber ?? 0, this.document.workingRevision?.issueNumber ?? 0) + 1
    const error = (name: string) => {
      const message = name === 'file' && this.form.error?.fieldError('file')?.code === 'empty' ? msg('The file is empty.', { id: 'documents.upload.empty' }) : this.form.message(name)
      return message ? html`<span class="error" id=${`${name}-error`}>${message}</span>` : nothing
    }
    const problem = this.problemText()
    return html`<form @submit=${this.handleSubmit} novalidate>
      <div class="field">
        <label for="file">${msg('File (PDF, DOCX or XLSX)', { id: 'documents.upload.file' })}</label>
        <input id="file" name="file" type="file" accept=".pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="file-error" />
        ${error('file')}
      </div>
      <div class="field">
        <label for="changeSummary">${msg('What changed', { id: 'documents.upload.changeSummary' })}</label>
        <textarea id="changeSummary" name="changeSummary" rows="2" aria-describedby="changeSummary-error"></textarea>
        ${error('changeSummary')}
      </div>
      <div class="grid-2">
        <div class="field">
          <label for="issueNumber">${msg('Issue number', { id: 'documents.upload.issueNumber' })}</label>
          <input id="issueNumber" name="issueNumber" type="number" min="1" max="999" placeholder=${String(next)} aria-describedby="issueNumber-hint issueNumber-error" />
          <span class="hint" id="issueNumber-hint">${msg('Leave empty for the next number.', { id: 'documents.upload.issueHint' })}</span>
          ${error('issueNumber')}
        </div>
        <div class="field">
          <label for="standardEdition">${msg('Written against', { id: 'documents.upload.edition' })}</label>
          <select id="standardEdition" name="standardEdition">
            ${['2015', '2008'].map((e) => html`<option value=${e} ?selected=${e === '2015'}>${editionLabel(e)}</option>`)}
          </select>
        </div>
      </div>
      ${problem ? html`<div class="form-error" role="alert">${problem}</div>` : nothing}
      <div class="actions"><button class="primary" type="submit" ?disabled=${this.form.busy}>${this.form.busy ? msg('Uploading…', { id: 'documents.upload.busy' }) : msg('Upload as draft', { id: 'documents.upload.submit' })}</button></div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-revision-upload': QmsRevisionUpload
  }
}
