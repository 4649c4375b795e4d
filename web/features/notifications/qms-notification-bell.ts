import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { get, post, type Page } from '../../api/client.ts'
import type { Notification } from '../../api/types.ts'
import { formatDateTime } from '../../i18n/localization.ts'
import { notificationText } from './notification-text.ts'

const POLL_MS = 60_000

/**
 * @summary The bell in the header: the unread count, and a panel with the latest
 * notifications (unread first). Opening one marks it read and goes to its page.
 * @event qms-navigate - detail `{ to }`: the page a notification leads to
 */
@customElement('qms-notification-bell')
@localized()
export class QmsNotificationBell extends LitElement {
  static override styles = css`
    :host { position: relative; display: inline-block; }
    .bell {
      font: inherit; color: inherit; background: transparent; border: 1px solid rgb(255 255 255 / 50%);
      border-radius: var(--qms-radius); min-height: 40px; min-width: 44px; padding: 0 var(--qms-space-2); cursor: pointer;
      display: inline-flex; align-items: center; gap: 4px;
    }
    .bell:focus-visible { outline: 3px solid var(--qms-focus); }
    .count { background: var(--qms-danger); color: #fff; border-radius: 999px; font-size: 0.75rem; font-weight: 700; padding: 0 6px; min-width: 20px; text-align: center; }
    .panel {
      position: absolute; right: 0; top: calc(100% + 6px); width: min(380px, calc(100vw - 16px)); max-height: 70vh; overflow: auto;
      background: var(--qms-surface); color: var(--qms-text); border: 1px solid var(--qms-border); border-radius: var(--qms-radius);
      box-shadow: 0 8px 24px rgb(16 24 40 / 18%); z-index: 20;
    }
    @media (max-width: 480px) { .panel { position: fixed; left: 8px; right: 8px; top: 60px; width: auto; } }
    .head { display: flex; justify-content: space-between; align-items: center; padding: var(--qms-space-2) var(--qms-space-3); border-bottom: 1px solid var(--qms-border); }
    .head h2 { font-size: 1rem; margin: 0; }
    ul { list-style: none; margin: 0; padding: 0; }
    li a {
      display: block; padding: var(--qms-space-2) var(--qms-space-3); color: inherit; text-decoration: none; border-bottom: 1px solid var(--qms-border);
    }
    li a:hover, li a:focus-visible { background: var(--qms-primary-soft); outline: none; }
    li.unread a { border-left: 4px solid var(--qms-primary); font-weight: 600; }
    .when { display: block; font-size: 0.8rem; color: var(--qms-muted); font-weight: 400; }
    .link { font: inherit; background: none; border: none; color: var(--qms-primary); cursor: pointer; text-decoration: underline; min-height: 32px; }
    .empty, .foot { padding: var(--qms-space-3); color: var(--qms-muted); }
    .foot a { color: var(--qms-primary); }
  `

  @state() private unread = 0
  @state() private open = false
  @state() private items: Notification[] = []
  private timer?: ReturnType<typeof setInterval>

  override connectedCallback() {
    super.connectedCallback()
    void this.refreshCount()
    this.timer = setInterval(() => void this.refreshCount(), POLL_MS)
    document.addEventListener('click', this.handleOutside)
    window.addEventListener('qms-notifications-changed', this.handleChanged)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    clearInterval(this.timer)
    document.removeEventListener('click', this.handleOutside)
    window.removeEventListener('qms-notifications-changed', this.handleChanged)
  }

  private readonly handleChanged = () => void this.refreshCount()

  private readonly handleOutside = (event: MouseEvent) => {
    if (this.open && !event.composedPath().includes(this)) this.open = false
  }

  private async refreshCount() {
    try {
      this.unread = (await get<{ unreadCount: number }>('/api/notifications/unread-count')).unreadCount
    } catch {
      // A failed poll keeps the last count; the next one tries again.
    }
  }

  private async handleToggle() {
    this.open = !this.open
    if (!this.open) return
    const page = await get<Page<Notification> & { unreadCount: number }>('/api/notifications', { query: { limit: 10 } })
    this.items = page.items
    this.unread = page.unreadCount
  }

  private async handleOpen(event: Event, n: Notification) {
    event.preventDefault()
    this.open = false
    if (!n.readAt) {
      await post(`/api/notifications/${n.id}/read`)
      this.unread = Math.max(0, this.unread - 1)
    }
    if (n.link) this.dispatchEvent(new CustomEvent('qms-navigate', { detail: { to: n.link }, bubbles: true, composed: true }))
  }

  private async handleReadAll() {
    await post('/api/notifications/read-all')
    this.items = this.items.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() }))
    this.unread = 0
  }

  override render() {
    const label = this.unread
      ? msg(str`Notifications: ${this.unread} unread`, { id: 'notifications.bellUnread' })
      : msg('Notifications', { id: 'notifications.title' })
    return html`
      <button class="bell" aria-label=${label} title=${label} aria-expanded=${this.open} aria-haspopup="true" @click=${this.handleToggle}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" /><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>${this.unread ? html`<span class="count" aria-hidden="true">${this.unread > 99 ? '99+' : this.unread}</span>` : nothing}
      </button>
      ${this.open
        ? html`<div class="panel" role="region" aria-label=${msg('Notifications', { id: 'notifications.title' })}>
            <div class="head">
              <h2>${msg('Notifications', { id: 'notifications.title' })}</h2>
              ${this.unread ? html`<button class="link" @click=${this.handleReadAll}>${msg('Mark all read', { id: 'notifications.readAll' })}</button>` : nothing}
            </div>
            ${this.items.length
              ? html`<ul>
                  ${this.items.map(
                    (n) => html`<li class=${n.readAt ? '' : 'unread'}>
                      <a href=${n.link ?? '/notifications'} @click=${(e: Event) => this.handleOpen(e, n)}>
                        ${notificationText(n)}<span class="when">${formatDateTime(n.createdAt)}</span>
                      </a>
                    </li>`,
                  )}
                </ul>`
              : html`<p class="empty">${msg('No notifications.', { id: 'notifications.empty' })}</p>`}
            <p class="foot"><a href="/notifications" @click=${() => (this.open = false)}>${msg('All notifications', { id: 'notifications.all' })}</a></p>
          </div>`
        : nothing}
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-notification-bell': QmsNotificationBell
  }
}
