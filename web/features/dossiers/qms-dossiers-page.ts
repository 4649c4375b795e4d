import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Dossier } from '../../api/types.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { PagedList } from '../../app/paged-list.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits, loadAllProcedures, loadFields } from '../../api/loaders.ts'
import { channelLabel, CHANNELS, STATUSES, statusChip, statusLabel, TIMELINESS, timelinessLabel } from './dossier-labels.ts'
import { dossierStyles } from './dossier-styles.ts'
import './qms-dossier-tabs.ts'
import '../../app/qms-date-input.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

const FILTERS = ['q', 'procedureId', 'field', 'orgUnitId', 'channel', 'status', 'timeliness', 'from', 'to', 'overdue'] as const
type Filters = Record<(typeof FILTERS)[number], string>

/**
 * @summary Dossiers received at the one-stop shop: filter, page through, open one.
 * Filters start from the address (`?overdue=true&orgUnitId=…`), so other pages can link to a selection.
 */
@customElement('qms-dossiers-page')
@localized()
export class QmsDossiersPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    dossierStyles,
    css`
      details.filters { margin-bottom: var(--qms-space-3); }
      details.filters summary { cursor: pointer; padding: var(--qms-space-2) 0; font-weight: 600; }
    `,
  ]

  /** The address's query string: the initial filters. */
  @property({ attribute: false }) query?: URLSearchParams
  @state() private filters: Filters = Object.fromEntries(FILTERS.map((f) => [f, ''])) as Filters
  private readonly session = new SessionController(this)
  private searchTimer?: ReturnType<typeof setTimeout>

  override connectedCallback() {
    super.connectedCallback()
    if (this.query) this.filters = Object.fromEntries(FILTERS.map((f) => [f, this.query!.get(f) ?? ''])) as Filters
  }

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly procedures = new Task(this, { task: (_a, { signal }) => loadAllProcedures(signal), args: () => [] })
  private readonly fields = new Task(this, { task: (_a, { signal }) => loadFields(signal), args: () => [] })

  private readonly dossiers = new PagedList<Dossier>(this, '/api/dossiers', () => this.filters)

  private handleFilter(event: Event) {
    const input = event.target as HTMLInputElement | HTMLSelectElement
    const value = input instanceof HTMLInputElement && input.type === 'checkbox' ? (input.checked ? 'true' : '') : input.value
    const next = { ...this.filters, [input.name]: value }
    clearTimeout(this.searchTimer)
    if (input.name === 'q') this.searchTimer = setTimeout(() => (this.filters = next), 250)
    else this.filters = next
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
    const canWrite = this.session.can('dossier.write')
    return html`
      <h1>${msg('Dossiers', { id: 'dossiers.title' })}</h1>
      <qms-dossier-tabs current="/dossiers"></qms-dossier-tabs>
      <div class="toolbar">
        <div class="field grow">
          <label for="q">${msg('Search by code or applicant', { id: 'dossiers.search' })}</label>
          <input id="q" name="q" type="search" .value=${this.filters.q} @input=${this.handleFilter} />
        </div>
        ${canWrite ? html`<a class="button primary" href="/dossiers/new">${msg('Receive a dossier', { id: 'dossiers.new' })}</a>` : nothing}
      </div>
      <details class="filters" ?open=${window.matchMedia('(min-width: 641px)').matches || FILTERS.some((f) => f !== 'q' && this.filters[f])}>
        <summary>${msg('Filters', { id: 'dossiers.filters' })}</summary>
        <div class="toolbar">
        ${this.select('status', msg('Status', { id: 'common.status' }), STATUSES.map((s) => [s, statusLabel(s)]))}
        ${this.select('channel', msg('Channel', { id: 'dossiers.channel' }), CHANNELS.map((c) => [c, channelLabel(c)]))}
        ${this.select('timeliness', msg('Timeliness', { id: 'dossiers.timeliness' }), TIMELINESS.map((t) => [t, timelinessLabel(t)]))}
        ${this.select('field', msg('Field', { id: 'dossiers.field' }), (this.fields.value ?? []).map((f) => [f, f]))}
        ${this.select('procedureId', msg('Procedure', { id: 'dossiers.procedure' }), (this.procedures.value ?? []).map((p) => [p.id, `${p.code} – ${p.name}`]))}
        ${this.select('orgUnitId', msg('Handling unit', { id: 'dossiers.unit' }), (this.units.value ?? []).map((u) => [u.id, indentedName(u)]))}
        <div class="field">
          <label for="from">${msg('Received from', { id: 'dossiers.from' })}</label>
          <qms-date-input field-id="from" name="from" .value=${this.filters.from} @change=${this.handleFilter}></qms-date-input>
        </div>
        <div class="field">
          <label for="to">${msg('Received to', { id: 'dossiers.to' })}</label>
          <qms-date-input field-id="to" name="to" .value=${this.filters.to} @change=${this.handleFilter}></qms-date-input>
        </div>
        <label class="check"><input type="checkbox" name="overdue" ?checked=${this.filters.overdue === 'true'} @change=${this.handleFilter} />${msg('Overdue only', { id: 'dossiers.overdueOnly' })}</label>
        </div>
      </details>
      ${this.dossiers.render((items) => this.renderTable(items))}
    `
  }

  private renderTable(items: Dossier[]) {
    const l = {
      code: msg('Code', { id: 'dossiers.code' }),
      applicant: msg('Applicant', { id: 'dossiers.applicant' }),
      procedure: msg('Procedure', { id: 'dossiers.procedure' }),
      received: msg('Received', { id: 'dossiers.receivedAt' }),
      due: msg('Due', { id: 'dossiers.dueAt' }),
      status: msg('Status', { id: 'common.status' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.code}</th><th>${l.applicant}</th><th>${l.procedure}</th><th>${l.received}</th><th>${l.due}</th><th>${l.status}</th></tr></thead>
        <tbody>
          ${items.map(
            (d) => html`<tr>
              <td data-label=${l.code}><a href=${`/dossiers/${d.id}`}>${d.code}</a></td>
              <td data-label=${l.applicant}>${d.applicantName}</td>
              <td data-label=${l.procedure}><div><span title=${d.procedure.name}>${d.procedure.code}</span> <span class="muted">${d.orgUnit.code}</span></div></td>
              <td data-label=${l.received}><div>${formatDateTime(d.receivedAt)}<br /><span class="muted">${channelLabel(d.channel)}</span></div></td>
              <td data-label=${l.due}>${formatDate(d.dueAt)}</td>
              <td data-label=${l.status}><div>${statusChip(d)}</div></td>
            </tr>`,
          )}
        </tbody>
      </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-dossiers-page': QmsDossiersPage
  }
}
