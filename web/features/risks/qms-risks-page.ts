import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import type { Risk } from '../../api/types.ts'
import { PagedList } from '../../app/paged-list.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { KINDS, kindLabel, LEVELS, levelLabel, STATUSES, statusLabel } from './risk-labels.ts'
import { riskStyles } from './risk-styles.ts'
import './qms-risk-heat-map.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

const FILTERS = ['q', 'kind', 'level', 'status', 'orgUnitId', 'reviewOverdue', 'likelihood', 'impact'] as const
type Filters = Record<(typeof FILTERS)[number], string>

/**
 * @summary The register of risks and opportunities: filters (unit with its subtree, kind,
 * level, status, review due, search), the heat map of the selection, and the list,
 * highest score first. Filters start from the address, so a heat-map cell, the dashboard
 * or a report can link to a selection.
 */
@customElement('qms-risks-page')
@localized()
export class QmsRisksPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    riskStyles,
    css`
      .layout { display: grid; gap: var(--qms-space-4); }
      .toolbar .field { flex: 1 1 150px; }
      .toolbar .check { flex: 1 1 150px; }
      .cell-filter { display: flex; flex-wrap: wrap; align-items: center; gap: var(--qms-space-2); }
      td .title { font-weight: 600; display: block; }
      td .meta { display: block; }
    `,
  ]

  /** The address's query string: the filters. */
  @property({ attribute: false }) query?: URLSearchParams
  @state() private filters: Filters = Object.fromEntries(FILTERS.map((f) => [f, ''])) as Filters
  private readonly session = new SessionController(this)

  // A new address (a heat-map cell's link) sets every filter from it.
  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('query') && this.query) this.filters = Object.fromEntries(FILTERS.map((f) => [f, this.query!.get(f) ?? ''])) as Filters
  }

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly risks = new PagedList<Risk>(this, '/api/risks', () => this.filters)
  /** The filters without the cell, for the heat map (replaced only when one of them changes). */
  private mapFilters: Record<string, string> = {}

  private handleFilter(event: Event) {
    const input = event.target as HTMLInputElement | HTMLSelectElement
    const value = input instanceof HTMLInputElement && input.type === 'checkbox' ? (input.checked ? 'true' : '') : input.value
    this.filters = { ...this.filters, [input.name]: value }
  }

  private clearCell() {
    this.filters = { ...this.filters, likelihood: '', impact: '' }
    history.replaceState(null, '', location.pathname)
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
    const { likelihood, impact, ...rest } = this.filters
    if (JSON.stringify(rest) !== JSON.stringify(this.mapFilters)) this.mapFilters = rest
    const f = this.filters
    return html`
      <h1>${msg('Risks and opportunities', { id: 'risks.title' })}</h1>
      <p class="lead">${msg('ISO 9001:2015 clause 6.1: what could go wrong or be done better, how likely and how much it matters, and what is done about it.', { id: 'risks.lead' })}</p>
      <div class="toolbar">
        <div class="field">
          <label for="q">${msg('Search', { id: 'risks.search' })}</label>
          <input id="q" name="q" type="search" .value=${f.q} @input=${this.handleFilter} />
        </div>
        ${this.select('orgUnitId', msg('Unit', { id: 'risks.unit' }), (this.units.value ?? []).map((u) => [u.id, indentedName(u)]))}
        ${this.select('kind', msg('Kind', { id: 'risks.kind' }), KINDS.map((k) => [k, kindLabel(k)]))}
        ${this.select('level', msg('Level', { id: 'risks.level' }), LEVELS.map((l) => [l, levelLabel(l)]))}
        ${this.select('status', msg('Status', { id: 'common.status' }), STATUSES.map((s) => [s, statusLabel(s)]))}
        <label class="check"><input type="checkbox" name="reviewOverdue" .checked=${f.reviewOverdue === 'true'} @change=${this.handleFilter} /> ${msg('Review due', { id: 'risks.reviewDueFilter' })}</label>
        ${this.session.can('risk.write') ? html`<a class="button primary" href="/risks/new">${msg('Record a risk or opportunity', { id: 'risks.new' })}</a>` : nothing}
      </div>
      <div class="layout">
        <qms-risk-heat-map .filters=${this.mapFilters} selected=${likelihood && impact ? `${likelihood}×${impact}` : ''}></qms-risk-heat-map>
        ${likelihood && impact
          ? html`<p class="cell-filter" role="status">
              ${msg(str`Showing likelihood ${likelihood} × impact ${impact} only.`, { id: 'risks.cellFilter' })}
              <button class="link" @click=${this.clearCell}>${msg('Show every cell', { id: 'risks.cellFilter.clear' })}</button>
            </p>`
          : nothing}
        ${this.risks.render((items) => this.renderTable(items), msg('No risks or opportunities in this selection.', { id: 'risks.empty' }))}
      </div>
    `
  }

  private renderTable(items: Risk[]) {
    const l = {
      code: msg('Code', { id: 'risks.code' }),
      title: msg('Risk or opportunity', { id: 'risks.titleColumn' }),
      unit: msg('Unit', { id: 'risks.unit' }),
      score: msg('Score', { id: 'risks.score' }),
      status: msg('Status', { id: 'common.status' }),
      review: msg('Review date', { id: 'risks.reviewDate' }),
      owner: msg('Owner', { id: 'risks.owner' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.code}</th><th>${l.title}</th><th>${l.unit}</th><th>${l.score}</th><th>${l.status}</th><th>${l.review}</th><th>${l.owner}</th></tr></thead>
        <tbody>
          ${items.map(
            (r) => html`<tr>
              <td data-label=${l.code}><a class="code" href=${`/risks/${r.id}`}>${r.code}</a></td>
              <td data-label=${l.title}>
                <div>
                  <span class="title">${r.title}</span>
                  <span class="meta">${kindLabel(r.kind)}${r.process ? ` · ${r.process}` : ''}</span>
                </div>
              </td>
              <td data-label=${l.unit}>${r.orgUnit?.name ?? '—'}</td>
              <td data-label=${l.score}><span class=${`badge level-${r.level}`}>${r.likelihood}×${r.impact} = ${r.score} · ${levelLabel(r.level)}</span></td>
              <td data-label=${l.status}><span class="badge status">${statusLabel(r.status)}</span></td>
              <td data-label=${l.review}><span>${r.reviewDate ? formatDate(r.reviewDate) : '—'} ${r.reviewDue ? html`<span class="badge due">${msg('due', { id: 'risks.reviewDue' })}</span>` : nothing}</span></td>
              <td data-label=${l.owner}>${r.owner.fullName}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-risks-page': QmsRisksPage
  }
}
