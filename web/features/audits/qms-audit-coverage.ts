import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { get } from '../../api/client.ts'
import type { CoverageMatrix } from '../../api/types.ts'
import { getLocale } from '../../i18n/localization.ts'
import { pageStyles, tableStyles } from '../../styles/shared.ts'
import { coverageLabel } from './audit-labels.ts'
import { auditStyles } from './audit-styles.ts'

const SYMBOL = { audited: '✓', planned: '○', uncovered: '✗' } as const

/**
 * @summary The coverage matrix of a programme: a table of units (rows) × clauses 4–10
 * (columns), each cell audited, planned or not covered — written (symbol and hidden text)
 * as well as coloured. It scrolls sideways inside its frame on a phone; the unit names
 * stay in the first column.
 */
@customElement('qms-audit-coverage')
@localized()
export class QmsAuditCoverage extends LitElement {
  static override styles = [
    pageStyles,
    tableStyles,
    auditStyles,
    css`
      :host { display: block; min-width: 0; max-width: 100%; }
      /* The hidden cell texts are absolutely placed: without this they would escape the scrolling frame and widen the page. */
      .table-wrap { position: relative; }
      caption { text-align: left; font-weight: 600; padding: var(--qms-space-2) var(--qms-space-3); }
      th[scope='row'] { position: sticky; left: 0; background: var(--qms-surface); text-align: left; min-width: 9rem; font-weight: 400; }
      th.clause { text-align: center; min-width: 2.75rem; }
      td { text-align: center; font-weight: 700; min-width: 2.75rem; }
      .legend { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); margin: var(--qms-space-2) 0 0; padding: 0; list-style: none; font-size: 0.85rem; }
      .legend li { border-radius: var(--qms-radius); padding: 0 var(--qms-space-2); }
    `,
  ]

  @property() programmeId = ''
  /** Changes when the programme's audits change (their versions): the matrix is read again. */
  @property() revision = ''

  private readonly matrix = new Task(this, {
    task: ([id], { signal }) => get<CoverageMatrix>(`/api/audit-programmes/${id}/coverage`, { signal }),
    args: () => [this.programmeId, this.revision] as const,
  })

  override render() {
    return this.matrix.render({
      pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
      complete: (m) => this.renderMatrix(m),
      error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
    })
  }

  private renderMatrix(m: CoverageMatrix) {
    const en = getLocale() === 'en'
    const t = m.totals
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${msg('Coverage matrix', { id: 'audits.coverage.region' })}>
        <table>
          <caption>${msg(str`Clauses 4–10 × units: ${t.audited} audited, ${t.planned} planned, ${t.uncovered} not covered`, { id: 'audits.coverage.caption' })}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Unit', { id: 'audits.unit' })}</th>
              ${m.clauses.map((c) => html`<th scope="col" class="clause" title=${en ? c.en : c.vi}><span class="sr-only">${msg('Clause', { id: 'audits.clause' })} </span>${c.number}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${m.units.map(
              (u) => html`<tr>
                <th scope="row">${'\u2014 '.repeat(u.depth)}${u.name}</th>
                ${u.cells.map((c) => html`<td class=${`state-${c.state}`} title=${coverageLabel(c.state)}><span aria-hidden="true">${SYMBOL[c.state]}</span><span class="sr-only">${coverageLabel(c.state)}</span></td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <ul class="legend" aria-label=${msg('Legend', { id: 'audits.coverage.legend' })}>
        ${(['audited', 'planned', 'uncovered'] as const).map((s) => html`<li class=${`state-${s}`}>${SYMBOL[s]} ${coverageLabel(s)}</li>`)}
      </ul>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-audit-coverage': QmsAuditCoverage
  }
}
