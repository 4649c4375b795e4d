import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { get, type Page } from '../../api/client.ts'
import type { ObjectiveSummary } from '../../api/types.ts'
import { pageStyles } from '../../styles/shared.ts'
import { formatValue, periodLabel, targetState, targetText } from './objective-labels.ts'

/**
 * @summary The dashboard's "Objectives" panel: each indicator of the year's objectives
 * (for a unit and the units below it, or all) with its latest value against its target.
 * @event qms-objectives-loaded - detail: the objectives read (`ObjectiveSummary[]`), so the
 * dashboard's tiles show the targets of the indicators that measure their figures
 */
@customElement('qms-objectives-panel')
@localized()
export class QmsObjectivesPanel extends LitElement {
  static override styles = [
    pageStyles,
    css`
      :host { display: block; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--qms-space-2); }
      li a { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: var(--qms-space-1) var(--qms-space-3); align-items: center; color: inherit; text-decoration: none; padding: var(--qms-space-2); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); }
      .name { font-weight: 600; overflow-wrap: anywhere; }
      .figure { grid-column: 1; color: var(--qms-muted); font-size: 0.9rem; }
      .chip { grid-row: 1 / span 2; grid-column: 2; }
    `,
  ]

  /** The year of the objectives shown. */
  @property({ type: Number }) year = new Date().getFullYear()
  /** A unit (with the units below it); empty for all the caller may read. */
  @property() orgUnitId = ''

  private readonly objectives = new Task(this, {
    task: async ([year, orgUnitId], { signal }) => {
      const page = await get<Page<ObjectiveSummary>>('/api/objectives', { query: { year, orgUnitId: orgUnitId || undefined, limit: 50 }, signal })
      this.dispatchEvent(new CustomEvent('qms-objectives-loaded', { detail: page.items, bubbles: true, composed: true }))
      return page
    },
    args: () => [this.year, this.orgUnitId] as const,
  })

  override render() {
    return html`<section class="card" aria-labelledby="objectives-title">
      <h2 id="objectives-title">${msg(str`Quality objectives ${this.year}`, { id: 'objectives.panelTitle' })}</h2>
      ${this.objectives.render({
        pending: () => html`<p class="muted">${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (page) => this.renderList(page.items),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
    </section>`
  }

  private renderList(objectives: ObjectiveSummary[]) {
    const indicators = objectives.flatMap((o) => o.indicators.map((i) => ({ objective: o, indicator: i })))
    if (!indicators.length) {
      return html`<p class="muted">${msg('No objectives set for this year.', { id: 'objectives.panelEmpty' })} <a href="/objectives">${msg('Objectives', { id: 'nav.objectives' })} →</a></p>`
    }
    return html`<ul>
      ${indicators.map(({ objective, indicator: i }) => {
        const state = targetState(i.latest)
        return html`<li>
          <a href=${`/objectives/${objective.id}`}>
            <span class="name">${i.name}</span>
            <span class=${`chip ${state.tone}`}>${state.text}</span>
            <span class="figure">${i.latest ? html`${formatValue(i, i.latest.value)} (${periodLabel(i.latest.period)})` : '—'} · ${msg('target', { id: 'objectives.panelTarget' })} ${targetText(i)}</span>
          </a>
        </li>`
      })}
    </ul>
    ${nothing}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-objectives-panel': QmsObjectivesPanel
  }
}
