import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Complaint } from '../../api/types.ts'
import { PagedList } from '../../app/paged-list.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import '../dossiers/qms-dossier-tabs.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import { KINDS, kindLabel, STATUSES, statusLabel } from './complaint-labels.ts'
import '../../app/qms-date-input.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

const FILTERS = ['kind', 'status', 'orgUnitId', 'from', 'to'] as const
type Filters = Record<(typeof FILTERS)[number], string>

/**
 * @summary Complaints, denunciations and feedback about procedure handling: filter by
 * kind, status, unit and period, page through, open one. Filters start from the address,
 * so the statistics and reports can link to a selection.
 */
@customElement('qms-complaints-page')
@localized()
export class QmsComplaintsPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles]

  /** The address's query string: the initial filters. */
  @property({ attribute: false }) query?: URLSearchParams
  @state() private filters: Filters = Object.fromEntries(FILTERS.map((f) => [f, ''])) as Filters
  private readonly session = new SessionController(this)

  override connectedCallback() {
    super.connectedCallback()
    if (this.query) this.filters = Object.fromEntries(FILTERS.map((f) => [f, this.query!.get(f) ?? ''])) as Filters
  }

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly complaints = new PagedList<Complaint>(this, '/api/complaints', () => this.filters)

  private handleFilter(event: Event) {
    const input = event.target as HTMLInputElement | HTMLSelectElement
    this.filters = { ...this.filters, [input.name]: input.value }
  }

  private select(name: keyof Filters, label: string, options: [string, string][]) {
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <select id=${name} name=${name} @change=${this.handleFilter}>
        <option value="">${msg('All', { id: 'common.all' })}</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${this.filters[name] === value}>${text}</option>`)}
      </select>
    </div>`
  }

  override render() {
    return html`
      <h1>${msg('Complaints and feedback', { id: 'complaints.title' })}</h1>
      <qms-dossier-tabs current="/complaints"></qms-dossier-tabs>
      <div class="toolbar">
        ${this.select('kind', msg('Kind', { id: 'complaints.kind' }), KINDS.map((k) => [k, kindLabel(k)]))}
        ${this.select('status', msg('Status', { id: 'common.status' }), STATUSES.map((s) => [s, statusLabel(s)]))}
        ${this.select('orgUnitId', msg('Unit', { id: 'complaints.unit' }), (this.units.value ?? []).map((u) => [u.id, indentedName(u)]))}
        <div class="field">
          <label for="from">${msg('Received from', { id: 'complaints.from' })}</label>
          <qms-date-input field-id="from" name="from" .value=${this.filters.from} @change=${this.handleFilter}></qms-date-input>
        </div>
        <div class="field">
          <label for="to">${msg('Received to', { id: 'complaints.to' })}</label>
          <qms-date-input field-id="to" name="to" .value=${this.filters.to} @change=${this.handleFilter}></qms-date-input>
        </div>
        ${this.session.can('complaint.write') ? html`<a class="button primary" href="/complaints/new">${msg('Record a complaint', { id: 'complaints.new' })}</a>` : nothing}
      </div>
      ${this.complaints.render((items) => this.renderTable(items), msg('No complaints or feedback recorded for this selection.', { id: 'complaints.empty' }))}
    `
  }

  private renderTable(items: Complaint[]) {
    const l = {
      received: msg('Received', { id: 'complaints.receivedAt' }),
      kind: msg('Kind', { id: 'complaints.kind' }),
      summary: msg('Summary', { id: 'complaints.summary' }),
      dossier: msg('Dossier', { id: 'complaints.dossier' }),
      status: msg('Status', { id: 'common.status' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.received}</th><th>${l.kind}</th><th>${l.summary}</th><th>${l.dossier}</th><th>${l.status}</th></tr></thead>
        <tbody>
          ${items.map(
            (c) => html`<tr>
              <td data-label=${l.received}><a href=${`/complaints/${c.id}`}>${formatDate(c.receivedAt)}</a></td>
              <td data-label=${l.kind}>${kindLabel(c.kind)}</td>
              <td data-label=${l.summary}>${c.summary}</td>
              <td data-label=${l.dossier}>${c.dossierId ? html`<a href=${`/dossiers/${c.dossierId}`}>${c.dossierCode}</a>` : '—'}</td>
              <td data-label=${l.status}><span class="chip">${statusLabel(c.status)}</span></td>
            </tr>`,
          )}
        </tbody>
      </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-complaints-page': QmsComplaintsPage
  }
}
