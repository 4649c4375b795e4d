import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { Finding } from '../../api/types.ts'
import { PagedList } from '../../app/paged-list.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { CATEGORIES, categoryLabel } from '../checklist-templates/checklist-labels.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import { CLASSIFICATIONS, classificationLabel, findingStatusLabel, HANDLINGS, handlingLabel } from './finding-labels.ts'
import '../../app/qms-date-input.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

interface Filters {
  orgUnitId: string
  category: string
  classification: string
  handling: string
  status: string
  from: string
  to: string
}

/**
 * @summary Findings from inspections and those raised directly, newest first, with the
 * filters reports use: unit (and below), criterion, classification, handling, status, period.
 */
@customElement('qms-findings-page')
@localized()
export class QmsFindingsPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles]

  private readonly session = new SessionController(this)
  /** The address's query string: the initial filters, so the dashboard can link to a selection. */
  @property({ attribute: false }) query?: URLSearchParams
  @state() private filters: Filters = { orgUnitId: '', category: '', classification: '', handling: '', status: '', from: '', to: '' }

  override connectedCallback() {
    super.connectedCallback()
    if (this.query) this.filters = Object.fromEntries(Object.keys(this.filters).map((f) => [f, this.query!.get(f) ?? ''])) as unknown as Filters
  }

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly findings = new PagedList<Finding>(this, '/api/findings', () => this.filters)

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
      <h1>${msg('Findings', { id: 'nav.findings' })}</h1>
      <p class="lead">${msg('Every failed checklist item becomes a finding when its inspection is completed; findings can also be raised directly, e.g. at a briefing meeting. A reminder on the spot is a recorded handling.', { id: 'findings.intro' })}</p>
      <div class="toolbar">
        ${this.select('orgUnitId', msg('Unit', { id: 'inspections.unit' }), (this.units.value ?? []).map((u) => [u.id, indentedName(u)]))}
        ${this.select('category', msg('Criterion', { id: 'inspections.criterion' }), CATEGORIES.map((c) => [c, categoryLabel(c)]))}
        ${this.select('classification', msg('Classification', { id: 'findings.classification' }), CLASSIFICATIONS.map((c) => [c, classificationLabel(c)]))}
        ${this.select('handling', msg('Handling', { id: 'findings.handling' }), [...HANDLINGS.map((h): [string, string] => [h, handlingLabel(h)]), ['none', handlingLabel(null)]])}
        ${this.select('status', msg('Status', { id: 'common.status' }), [['open', findingStatusLabel('open')], ['closed', findingStatusLabel('closed')]])}
        <div class="field">
          <label for="from">${msg('From', { id: 'inspections.from' })}</label>
          <qms-date-input field-id="from" name="from" .value=${this.filters.from} @change=${this.handleFilter}></qms-date-input>
        </div>
        <div class="field">
          <label for="to">${msg('To', { id: 'inspections.to' })}</label>
          <qms-date-input field-id="to" name="to" .value=${this.filters.to} @change=${this.handleFilter}></qms-date-input>
        </div>
        ${this.session.can('finding.write') ? html`<a class="button primary" href="/findings/new">${msg('Record a finding', { id: 'findings.new' })}</a>` : nothing}
      </div>
      ${this.findings.render((items) => this.renderTable(items))}
    `
  }

  private renderTable(items: Finding[]) {
    const l = {
      date: msg('Date', { id: 'inspections.date' }),
      who: msg('Person or unit', { id: 'findings.who' }),
      what: msg('Finding', { id: 'findings.one' }),
      classification: msg('Classification', { id: 'findings.classification' }),
      handling: msg('Handling', { id: 'findings.handling' }),
      status: msg('Status', { id: 'common.status' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.date}</th><th>${l.who}</th><th>${l.what}</th><th>${l.classification}</th><th>${l.handling}</th><th>${l.status}</th></tr></thead>
        <tbody>
          ${items.map(
            (f) => html`<tr>
              <td data-label=${l.date}>${formatDate(f.foundOn)}</td>
              <td data-label=${l.who}>${f.person ? html`${f.person.fullName}<br /><span class="muted">${f.orgUnit.name}</span>` : f.orgUnit.name}</td>
              <td data-label=${l.what}>
                <a href=${`/findings/${f.id}`}>${f.description}</a><br /><span class="chip">${categoryLabel(f.category)}</span>
                ${f.inspectionId ? html`<a class="muted" href=${`/inspections/${f.inspectionId}`}>${f.inspectionNumber}</a>` : nothing}
              </td>
              <td data-label=${l.classification}>${classificationLabel(f.classification)}</td>
              <td data-label=${l.handling}>${handlingLabel(f.handling)}</td>
              <td data-label=${l.status}><span class=${`chip${f.status === 'closed' ? ' off' : ''}`}>${findingStatusLabel(f.status)}</span></td>
            </tr>`,
          )}
        </tbody>
      </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-findings-page': QmsFindingsPage
  }
}
