import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { get } from '../../api/client.ts'
import type { HeatMap } from '../../api/types.ts'
import { pageStyles, tableStyles } from '../../styles/shared.ts'
import { impactLabel, LEVELS, levelLabel, likelihoodLabel, SCALE } from './risk-labels.ts'
import { riskStyles } from './risk-styles.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

type Cell = HeatMap['cells'][number]

/**
 * @summary The 5×5 heat map of the register's selection: a table with likelihood rows
 * (5 at the top) and impact columns, each cell the number of risks there, coloured by
 * its level; each cell links to the register filtered to that cell.
 */
@customElement('qms-risk-heat-map')
@localized()
export class QmsRiskHeatMap extends LitElement {
  static override styles = [
    pageStyles,
    tableStyles,
    riskStyles,
    css`
      .table-wrap { max-width: 420px; }
      table { table-layout: fixed; }
      caption { text-align: left; font-weight: 600; padding: var(--qms-space-2) var(--qms-space-3); }
      th, td { text-align: center; padding: 0; vertical-align: middle; border: 1px solid var(--qms-surface); }
      th { padding: var(--qms-space-1); }
      th.corner { font-size: 0.75rem; font-weight: 400; width: 76px; }
      td a { display: flex; align-items: center; justify-content: center; min-height: var(--qms-tap); color: inherit; font-weight: 700; text-decoration: none; font-variant-numeric: tabular-nums; }
      td a.empty { font-weight: 400; opacity: 0.55; }
      td a:hover { text-decoration: underline; }
      td.selected { outline: 3px solid var(--qms-text); outline-offset: -3px; }
      .legend { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); margin: var(--qms-space-2) 0 0; padding: 0; list-style: none; font-size: 0.85rem; }
      .legend li { border-radius: var(--qms-radius); padding: 0 var(--qms-space-2); }
    `,
  ]

  /** The register's filters (without the cell): the heat map counts the same selection. */
  @property({ attribute: false }) filters: Record<string, string> = {}
  /** The cell the register is filtered to, as `likelihood×impact`, or ''. */
  @property() selected = ''

  private readonly map = new Task(this, {
    task: ([filters], { signal }) => get<HeatMap>('/api/risks/heat-map', { query: filters, signal }),
    args: () => [this.filters] as const,
  })

  /** The register's address for one cell, keeping the other filters. */
  private cellHref(cell: Cell) {
    const query = new URLSearchParams(Object.entries(this.filters).filter(([, v]) => v !== ''))
    query.set('likelihood', String(cell.likelihood))
    query.set('impact', String(cell.impact))
    return `/risks?${query}`
  }

  override render() {
    return this.map.render({
      pending: () => (this.map.value ? this.renderMap(this.map.value) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
      complete: (map) => this.renderMap(map),
      error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
    })
  }

  private renderMap(map: HeatMap) {
    const rows = [5, 4, 3, 2, 1]
    const t = map.thresholds
    const range: Record<string, string> = { low: `1–${t.low}`, medium: `${t.low + 1}–${t.medium}`, high: `${t.medium + 1}–${t.high}`, critical: `${t.high + 1}–25` }
    return html`<div class="table-wrap" ${scrollRegion()}>
        <table>
          <caption>${msg(str`Heat map: ${map.total} in this selection`, { id: 'risks.heatMap.caption' })}</caption>
          <thead>
            <tr>
              <th scope="col" class="corner">${msg('Likelihood ↓ · impact →', { id: 'risks.heatMap.corner' })}</th>
              ${SCALE.map((i) => html`<th scope="col" title=${impactLabel(i)}><span class="sr-only">${msg('Impact', { id: 'risks.impact' })} </span>${i}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (l) => html`<tr>
                <th scope="row" title=${likelihoodLabel(l)}><span class="sr-only">${msg('Likelihood', { id: 'risks.likelihood' })} </span>${l}</th>
                ${map.cells.filter((c) => c.likelihood === l).map((c) => this.renderCell(c))}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <ul class="legend" aria-label=${msg('Levels by score', { id: 'risks.heatMap.legend' })}>
        ${LEVELS.map((level) => html`<li class=${`level-${level}`}>${levelLabel(level)} ${range[level]}</li>`)}
      </ul>`
  }

  private renderCell(c: Cell) {
    const label = msg(str`Likelihood ${c.likelihood}, impact ${c.impact}: ${c.count} (${levelLabel(c.level)})`, { id: 'risks.heatMap.cell' })
    const selected = this.selected === `${c.likelihood}×${c.impact}`
    return html`<td class=${`level-${c.level}${selected ? ' selected' : ''}`}>
      <a href=${this.cellHref(c)} class=${c.count ? '' : 'empty'} aria-label=${label} aria-current=${selected ? 'true' : nothing}>${c.count}</a>
    </td>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-risk-heat-map': QmsRiskHeatMap
  }
}
