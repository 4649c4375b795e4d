import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { get, patch, post } from '../../api/client.ts'
import type { Document } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { formField } from '../../app/form-field.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import '../../app/qms-clause-picker.ts'
import { DOCUMENT_TYPES, editionLabel, typeLabel } from './document-labels.ts'

const NO_CLAUSES: readonly string[] = []

/**
 * @summary Registers a document, or changes its register entry (code, title, type, unit,
 * clauses, edition, review interval). Files are added as revisions on the document page.
 * @event qms-navigate - detail `{ to }`: to the document after saving
 */
@customElement('qms-document-editor')
@localized()
export class QmsDocumentEditor extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  /** The document to edit; unset to register a new one. */
  @property() documentId?: string
  private readonly form = new FormController(this)

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly document = new Task(this, {
    task: ([id], { signal }) => (id ? get<Document>(`/api/documents/${id}`, { signal }) : Promise.resolve(null)),
    args: () => [this.documentId] as const,
  })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body = {
      code: text('code'),
      title: text('title'),
      type: text('type'),
      owningUnitId: text('owningUnitId'),
      clauseNumbers: data.getAll('clauseNumbers').map(String),
      standardEdition: text('standardEdition'),
      reviewIntervalMonths: Number(text('reviewIntervalMonths')),
    }
    const current = this.document.value
    await this.form.run(async () => {
      const saved = current
        ? await patch<Document>(`/api/documents/${current.id}`, body, { ifMatch: current.version })
        : await post<Document>('/api/documents', body)
      this.form.navigate(`/documents/${saved.id}`)
    })
  }

  /** The first error for a field, including list items such as `clauseNumbers.2`. */
  private message(name: string): string {
    const exact = this.form.message(name)
    if (exact) return exact
    const items = this.form.error?.problem.errors?.filter((e) => e.path.startsWith(`${name}.`)) ?? []
    if (!items.length) return ''
    const values = items.map((e) => String(e.params?.value ?? '')).join(', ')
    return items[0].code === 'clause' ? msg(str`Not clauses of ISO 9001:2015: ${values}.`, { id: 'documents.badClauses' }) : this.form.error!.problem.detail
  }

  private field(name: string, label: string, input: unknown, hint?: string) {
    return formField(name, label, input, this.message(name), hint)
  }

  override render() {
    return html`<p><a href=${this.documentId ? `/documents/${this.documentId}` : '/documents'}>${msg('← Back', { id: 'documents.back' })}</a></p>
      ${this.document.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (doc) => this.renderForm(doc),
        error: () => html`<p role="alert">${msg('Document not found.', { id: 'documents.notFound' })}</p>`,
      })}`
  }

  private renderForm(doc: Document | null) {
    const invalid = (name: string) => (this.message(name) ? 'true' : 'false')
    return html`<h1>${doc ? msg('Edit document', { id: 'documents.editTitle' }) : msg('Register a document', { id: 'documents.newTitle' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        <div class="grid-2">
          ${this.field('code', msg('Code', { id: 'documents.code' }),
            html`<input id="code" name="code" .value=${doc?.code ?? ''} autocomplete="off" spellcheck="false" aria-invalid=${invalid('code')} aria-describedby="code-hint code-error" />`,
            msg('As printed in the header, e.g. QT-01/BQL or BM-02/QT-07.', { id: 'documents.codeHint' }))}
          ${this.field('type', msg('Type', { id: 'documents.type' }),
            html`<select id="type" name="type" aria-invalid=${invalid('type')}>
              ${DOCUMENT_TYPES.map((t) => html`<option value=${t} ?selected=${(doc?.type ?? 'procedure') === t}>${typeLabel(t)}</option>`)}
            </select>`)}
        </div>
        ${this.field('title', msg('Title', { id: 'documents.titleField' }),
          html`<input id="title" name="title" .value=${doc?.title ?? ''} autocomplete="off" aria-invalid=${invalid('title')} aria-describedby="title-error" />`)}
        ${this.field('owningUnitId', msg('Owning unit', { id: 'documents.unit' }),
          html`<select id="owningUnitId" name="owningUnitId" aria-invalid=${invalid('owningUnitId')} aria-describedby="owningUnitId-error">
            <option value="">${msg('— Choose —', { id: 'documents.choose' })}</option>
            ${(this.units.value ?? []).filter((u) => u.active || u.id === doc?.owningUnitId).map(
              (u) => html`<option value=${u.id} ?selected=${u.id === doc?.owningUnitId}>${indentedName(u)}</option>`,
            )}
          </select>`)}
        ${this.field('clauseNumbers', msg('ISO 9001:2015 clauses', { id: 'documents.clauses' }),
          html`<qms-clause-picker field-id="clauseNumbers" name="clauseNumbers" .value=${doc?.clauseNumbers ?? NO_CLAUSES} invalid=${invalid('clauseNumbers')} describedby="clauseNumbers-error"></qms-clause-picker>`)}
        <div class="grid-2">
          ${this.field('standardEdition', msg('Edition', { id: 'documents.edition' }),
            html`<select id="standardEdition" name="standardEdition">
              ${['2015', '2008'].map((e) => html`<option value=${e} ?selected=${(doc?.standardEdition ?? '2015') === e}>${editionLabel(e)}</option>`)}
            </select>`,
            msg('Publishing a revision sets the edition of the document to that of the revision.', { id: 'documents.editionHint' }))}
          ${this.field('reviewIntervalMonths', msg('Review every (months)', { id: 'documents.interval' }),
            html`<input id="reviewIntervalMonths" name="reviewIntervalMonths" type="number" min="1" max="120" .value=${String(doc?.reviewIntervalMonths ?? 12)} aria-invalid=${invalid('reviewIntervalMonths')} aria-describedby="reviewIntervalMonths-error" />`)}
        </div>
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href=${doc ? `/documents/${doc.id}` : '/documents'}>${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-document-editor': QmsDocumentEditor
  }
}
