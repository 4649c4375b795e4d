import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { TaskCounts } from '../../api/types.ts'

/**
 * @summary How far a set of tasks has come: a bar of the tasks done (on time, then late)
 * over those not cancelled, with the counts in words (overdue ones named).
 */
@customElement('qms-plan-progress')
@localized()
export class QmsPlanProgress extends LitElement {
  static override styles = css`
    :host { display: grid; gap: 4px; min-width: 0; }
    .bar { display: flex; height: 10px; border-radius: 999px; overflow: hidden; background: #eceff3; }
    .done { background: var(--qms-success); }
    .late { background: #c98a00; }
    .started { background: var(--qms-primary); opacity: 0.45; }
    .words { font-size: 0.85rem; color: var(--qms-muted); }
    .overdue { color: var(--qms-danger); font-weight: 600; }
  `

  @property({ attribute: false }) counts?: TaskCounts

  override render() {
    const c = this.counts
    if (!c) return nothing
    const base = Math.max(1, c.total - c.cancelled)
    const pct = (n: number) => `${(100 * n) / base}%`
    const finished = c.done + c.doneLate
    return html`<div class="bar" role="img" aria-label=${msg(str`${finished} of ${c.total - c.cancelled} tasks done`, { id: 'plans.progress.label' })}>
        <span class="done" style=${`width:${pct(c.done)}`}></span><span class="late" style=${`width:${pct(c.doneLate)}`}></span><span class="started" style=${`width:${pct(c.inProgress)}`}></span>
      </div>
      <span class="words">
        ${msg(str`${finished}/${c.total - c.cancelled} done (${c.doneLate} late), ${c.inProgress} in progress, ${c.notStarted} not started`, { id: 'plans.progress.words' })}
        ${c.overdue ? html` · <span class="overdue">${msg(str`${c.overdue} overdue`, { id: 'plans.progress.overdue' })}</span>` : nothing}
      </span>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plan-progress': QmsPlanProgress
  }
}
