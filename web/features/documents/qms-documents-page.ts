import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Document } from '../../api/types.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate } from '../../i18n/localization.ts'
import { PagedList } from '../../app/paged-list.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits, loadIsoClauses } from '../../api/loaders.ts'
import { ALL_DOCUMENT_TYPES, DOCUMENT_STATUSES, editionLabel, statusLabel, typeLabel } from './document-labels.ts'
import { documentStyles } from './document-styles.ts'
import './qms-documents-tabs.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

const FILTERS = ['q', 'type', 'orgUnitId', 'clause', 'status', 'standardEdition'] as const
type Filters = Record<(typeof FILTERS)[number], string>

/**
 * @summary The document register: every controlled document with its status, the issue in
 * force and its next review; search (ignoring accents) and filters, kept in the address.
 * @event qms-navigate - detail `{ to, replace }`: keeps the filters in the address bar
 */
@customElement('qms-documents-page')
@localized()
export class QmsDocumentsPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles, documentStyles]

  /** The address's query string, so a filtered register can be linked to. */
  @property({ attribute: false }) query = new URLSearchParams()
  @state() private filters: Filters = { q: '', type: '', orgUnitId: '', clause: '', status: '', standardEdition: '' }
  private searchTimer?: ReturnType<typeof setTimeout>
  private readonly session = new SessionController(this)

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly clauses = new Task(this, { task: () => loadIsoClauses(), args: () => [] })

  private readonly documents = new PagedList<Document>(this, '/api/documents', () => this.filters)

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('query')) {
      const next = { ...this.filters }
      for (const name of FILTERS) next[name] = this.query.get(name) ?? ''
      // Our own address changes come back here: only a real difference reloads the list.
      if (FILTERS.some((name) => next[name] !== this.filters[name])) this.filters = next
    }
  }

  private applyFilters(next: Filters) {
    this.filters = next
    const params = new URLSearchParams(Object.entries(next).filter(([, v]) => v))
    const qs = params.toString()
    this.dispatchEvent(new CustomEvent('qms-navigate', { detail: { to: `/documents${qs ? `?${qs}` : ''}`, replace: true }, bubbles: true, composed: true }))
  }

  private handleFilter(event: Event) {
    const input = event.target as HTMLInputElement | HTMLSelectElement
    const next = { ...this.filters, [input.name]: input.value }
    clearTimeout(this.searchTimer)
    // Typing waits for a pause; choices apply at once.
    if (input.name === 'q') this.searchTimer = setTimeout(() => this.applyFilters(next), 250)
    else this.applyFilters(next)
  }

  override render() {
    const f = this.filters
    return html`
      <h1>${msg('Documents', { id: 'documents.title' })}</h1>
      <qms-documents-tabs current="/documents"></qms-documents-tabs>
      <p class="lead">${msg('The current approved version of every QMS document: policies, the manual, procedures, forms and instructions, with their history and reviews.', { id: 'documents.intro' })}</p>
      <div class="toolbar">
        <div class="field grow">
          <label for="q">${msg('Search by code or title', { id: 'documents.search' })}</label>
          <input id="q" name="q" type="search" .value=${f.q} @input=${this.handleFilter} />
        </div>
        <div class="field">
          <label for="type">${msg('Type', { id: 'documents.type' })}</label>
          <select id="type" name="type" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${ALL_DOCUMENT_TYPES.map((t) => html`<option value=${t} ?selected=${f.type === t}>${typeLabel(t)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="orgUnitId">${msg('Owning unit', { id: 'documents.unit' })}</label>
          <select id="orgUnitId" name="orgUnitId" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${(this.units.value ?? []).map((u) => html`<option value=${u.id} ?selected=${f.orgUnitId === u.id}>${indentedName(u)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="clause">${msg('ISO clause', { id: 'documents.clause' })}</label>
          <select id="clause" name="clause" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${(this.clauses.value ?? []).map((c) => html`<option value=${c.number} ?selected=${f.clause === c.number}>${c.number} ${c.vi}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="status">${msg('Status', { id: 'common.status' })}</label>
          <select id="status" name="status" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${DOCUMENT_STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${statusLabel(s)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="standardEdition">${msg('Edition', { id: 'documents.edition' })}</label>
          <select id="standardEdition" name="standardEdition" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${['2015', '2008'].map((e) => html`<option value=${e} ?selected=${f.standardEdition === e}>${editionLabel(e)}</option>`)}
          </select>
        </div>
        ${this.session.can('document.write')
          ? html`<a class="button primary" href="/documents/new">${msg('Register document', { id: 'documents.new' })}</a>`
          : nothing}
      </div>
      ${this.documents.render((items) => this.renderTable(items), msg('No document matches.', { id: 'documents.none' }))}
    `
  }

  private renderTable(items: Document[]) {
    const l = {
      code: msg('Code', { id: 'documents.code' }),
      title: msg('Title', { id: 'documents.titleField' }),
      unit: msg('Owning unit', { id: 'documents.unit' }),
      status: msg('Status', { id: 'common.status' }),
      issue: msg('Issue in force', { id: 'documents.issueInForce' }),
      review: msg('Next review', { id: 'documents.nextReview' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.code}</th><th>${l.title}</th><th>${l.unit}</th><th>${l.status}</th><th>${l.issue}</th><th>${l.review}</th></tr></thead>
        <tbody>
          ${items.map(
            (d) => html`<tr>
              <td data-label=${l.code}><a href=${`/documents/${d.id}`}>${d.code}</a></td>
              <td data-label=${l.title}>${d.title}<br /><span class="muted">${typeLabel(d.type)}</span>
                ${d.standardEdition === '2008' ? html` <span class="chip edition-2008">${editionLabel('2008')}</span>` : nothing}</td>
              <td data-label=${l.unit}>${d.owningUnit.name}</td>
              <td data-label=${l.status}>
                <span class=${`chip status-${d.status}`}>${statusLabel(d.status)}</span>
                ${d.workingRevision && d.status === 'published'
                  ? html`<br /><span class="muted">${msg('Next issue', { id: 'documents.nextIssue' })} ${d.workingRevision.issueNumber}: ${statusLabel(d.workingRevision.status)}</span>`
                  : nothing}
              </td>
              <td data-label=${l.issue}>${d.currentRevision ? html`${d.currentRevision.issueNumber} · ${formatDate(d.currentRevision.effectiveFrom)}` : '—'}</td>
              <td data-label=${l.review}>
                ${d.nextReviewDue
                  ? html`<span class=${d.reviewState && d.reviewState !== 'ok' ? `chip review-${d.reviewState}` : ''}>${formatDate(d.nextReviewDue)}</span>`
                  : '—'}
              </td>
            </tr>`,
          )}
        </tbody>
      </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-documents-page': QmsDocumentsPage
  }
}
