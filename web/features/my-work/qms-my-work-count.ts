import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get } from '../../api/client.ts'
import type { MyWork } from '../../api/types.ts'
import { MY_WORK_TOTAL_EVENT } from './my-work-labels.ts'

const POLL_MS = 60_000

/**
 * @summary The count of "Việc của tôi" in the navigation. Asks for the counts only
 * (`limit=0`) on every change of page (work done elsewhere clears there) and every
 * minute; on the start page, the page tells it the count it read.
 */
@customElement('qms-my-work-count')
@localized()
export class QmsMyWorkCount extends LitElement {
  static override styles = css`
    :host { display: inline-flex; margin-left: auto; }
    .count { background: var(--qms-danger); color: #fff; border-radius: 999px; font-size: 0.75rem; font-weight: 700; padding: 0 6px; min-width: 20px; text-align: center; line-height: 20px; }
  `

  /** The current path: a new page refreshes the count. */
  @property() path = ''
  @state() private total = 0
  private timer?: ReturnType<typeof setInterval>

  override connectedCallback() {
    super.connectedCallback()
    this.timer = setInterval(() => void this.refresh(), POLL_MS)
    window.addEventListener(MY_WORK_TOTAL_EVENT, this.handleTotal)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    clearInterval(this.timer)
    window.removeEventListener(MY_WORK_TOTAL_EVENT, this.handleTotal)
  }

  override willUpdate(changed: Map<string, unknown>) {
    // On the start page itself the page reads the whole inbox and reports the count.
    if (changed.has('path') && this.path !== '/') void this.refresh()
  }

  private readonly handleTotal = (event: Event) => {
    this.total = (event as CustomEvent<{ total: number }>).detail.total
  }

  private async refresh() {
    try {
      this.total = (await get<MyWork>('/api/my-work', { query: { limit: 0 } })).total
    } catch {
      // Offline or signed out: keep the last count; the next poll tries again.
    }
  }

  override render() {
    if (!this.total) return nothing
    const label = msg(str`${this.total} waiting`, { id: 'myWork.badge' })
    return html`<span class="count" role="img" aria-label=${label} title=${label}>${this.total > 99 ? '99+' : this.total}</span>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-my-work-count': QmsMyWorkCount
  }
}
