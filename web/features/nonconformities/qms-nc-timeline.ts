import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { NcStatus, TimelineEvent } from '../../api/types.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { pageStyles } from '../../styles/shared.ts'
import { eventLabel, statusLabel } from './nc-labels.ts'

/**
 * @summary Every transition and change of a nonconformity: when, who, what (oldest first).
 */
@customElement('qms-nc-timeline')
@localized()
export class QmsNcTimeline extends LitElement {
  static override styles = [
    pageStyles,
    css`
      ol { list-style: none; margin: 0; padding: 0; border-left: 2px solid var(--qms-border); }
      li { position: relative; padding: 0 0 var(--qms-space-3) var(--qms-space-4); }
      li::before { content: ''; position: absolute; left: -7px; top: 6px; width: 12px; height: 12px; border-radius: 50%; background: var(--qms-primary); }
      .when { color: var(--qms-muted); font-size: 0.85rem; }
      .what { font-weight: 600; }
      .detail { overflow-wrap: anywhere; }
    `,
  ]

  @property({ attribute: false }) events: TimelineEvent[] = []

  private detail(e: TimelineEvent) {
    const d = (e.details ?? {}) as Record<string, unknown>
    const s = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : '')
    switch (e.action) {
      case 'verify':
        return html`${d.effective ? msg('Effective', { id: 'nc.verify.effective' }) : msg('Not effective', { id: 'nc.verify.notEffective' })}: ${s('note')}`
      case 'cancel':
        return s('reason')
      case 'close':
        return s('note')
      case 'analyze':
        return s('summary')
      case 'action.add':
        return html`${s('description')} — ${s('owner')}, ${formatDate(s('dueDate'))}`
      case 'action.complete':
        return html`${s('description')}: ${s('note')}`
      case 'action.update':
      case 'update': {
        const changes = Object.keys((d.changes as Record<string, unknown>) ?? {})
        return html`${e.action === 'action.update' ? html`${s('description')} — ` : nothing}${changes.join(', ')}`
      }
      default:
        return ''
    }
  }

  override render() {
    if (!this.events.length) return nothing
    return html`<ol>
      ${this.events.map(
        (e) => html`<li>
          <span class="when">${formatDateTime(e.at)} · ${e.actorName}</span><br />
          <span class="what">${eventLabel(e.action)}</span>
          ${e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus
            ? html`<span class="when"> (${statusLabel(e.fromStatus as NcStatus)} → ${statusLabel(e.toStatus as NcStatus)})</span>`
            : nothing}
          <div class="detail">${this.detail(e)}</div>
        </li>`,
      )}
    </ol>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-nc-timeline': QmsNcTimeline
  }
}
