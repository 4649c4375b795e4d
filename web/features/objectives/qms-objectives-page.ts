import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import type { IndicatorSummary, ObjectiveSummary } from '../../api/types.ts'
import { PagedList } from '../../app/paged-list.ts'
import { SessionController } from '../../app/session.ts'
import { todayIso } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { formatValue, periodLabel, targetState, targetText } from './objective-labels.ts'
import { objectiveStyles } from './objective-styles.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

const FILTERS = ['year', 'orgUnitId'] as const
type Filters = Record<(typeof FILTERS)[number], string>

/**
 * @summary The quality objectives the reader may see (ISO 9001 6.2), newest year first:
 * each with its indicators' latest value against the target. Filters (year, unit) start
 * from the address.
 */
@customElement('qms-objectives-page')
@localized()
export class QmsObjectivesPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles, objectiveStyles]

  /** The address's query string: the initial filters. */
  @property({ attribute: false }) query?: URLSearchParams
  @state() private filters: Filters = { year: '', orgUnitId: '' }
  private readonly session = new SessionController(this)
  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly objectives = new PagedList<ObjectiveSummary>(this, '/api/objectives', () => this.filters, { limit: 20 })

  override connectedCallback() {
    super.connectedCallback()
    if (this.query) this.filters = Object.fromEntries(FILTERS.map((f) => [f, this.query!.get(f) ?? ''])) as Filters
  }

  private handleFilter(event: Event) {
    const input = event.target as HTMLSelectElement
    this.filters = { ...this.filters, [input.name]: input.value }
  }

  override render() {
    const thisYear = Number(todayIso().slice(0, 4))
    const years = Array.from({ length: thisYear + 2 - 2019 }, (_, i) => thisYear + 1 - i)
    return html`<h1>${msg('Quality objectives', { id: 'objectives.title' })}</h1>
      <p class="lead">${msg('Each year\'s objectives and their indicators, measured from the records or entered by hand.', { id: 'objectives.lead' })}</p>
      <div class="toolbar">
        <div class="field">
          <label for="year">${msg('Year', { id: 'objectives.year' })}</label>
          <select id="year" name="year" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${years.map((y) => html`<option value=${y} ?selected=${this.filters.year === String(y)}>${y}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="orgUnitId">${msg('Unit', { id: 'objectives.unit' })}</label>
          <select id="orgUnitId" name="orgUnitId" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${(this.units.value ?? []).map((u) => html`<option value=${u.id} ?selected=${this.filters.orgUnitId === u.id}>${indentedName(u)}</option>`)}
          </select>
        </div>
        ${this.session.can('objective.write') ? html`<a class="button primary" href="/objectives/new">${msg('Set an objective', { id: 'objectives.new' })}</a>` : nothing}
      </div>
      ${this.objectives.render((items) => html`<div class="objectives">${items.map((o) => this.renderObjective(o))}</div>`, msg('No quality objectives for this selection.', { id: 'objectives.empty' }))}`
  }

  private renderObjective(o: ObjectiveSummary) {
    return html`<section class="card objective">
      <h2><a href=${`/objectives/${o.id}`}>${o.title}</a></h2>
      <p class="meta">${o.year} · ${o.ownerUnit.name}</p>
      ${o.indicators.length
        ? this.renderIndicators(o.indicators)
        : html`<p class="muted">${msg('No indicator yet.', { id: 'objectives.noIndicators' })}</p>`}
    </section>`
  }

  private renderIndicators(indicators: IndicatorSummary[]) {
    const l = {
      name: msg('Indicator', { id: 'objectives.indicator' }),
      target: msg('Target', { id: 'objectives.target' }),
      latest: msg('Latest value', { id: 'objectives.latest' }),
      state: msg('Against target', { id: 'objectives.againstTarget' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
      <thead><tr><th>${l.name}</th><th>${l.target}</th><th>${l.latest}</th><th>${l.state}</th></tr></thead>
      <tbody>
        ${indicators.map((i) => {
          const state = targetState(i.latest)
          return html`<tr>
            <td data-label=${l.name}>${i.name}</td>
            <td data-label=${l.target} class="value">${targetText(i)}</td>
            <td data-label=${l.latest} class="value"><span>${i.latest ? html`${formatValue(i, i.latest.value)} <span class="muted">(${periodLabel(i.latest.period)})</span>` : '—'}</span></td>
            <td data-label=${l.state}><span class=${`chip ${state.tone}`}>${state.text}</span></td>
          </tr>`
        })}
      </tbody>
    </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-objectives-page': QmsObjectivesPage
  }
}
