import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { post, type Page } from '../../api/client.ts'
import { PagedList } from '../../app/paged-list.ts'
import type { Notification } from '../../api/types.ts'
import { formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { notificationText } from './notification-text.ts'

type NotificationPage = Page<Notification> & { unreadCount: number }

/**
 * @summary All my notifications, unread first, with paging; open one to go to its page.
 * @event qms-navigate - detail `{ to }`
 */
@customElement('qms-notifications-page')
@localized()
export class QmsNotificationsPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    css`
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--qms-space-2); }
      li a { display: block; padding: var(--qms-space-3); background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); color: inherit; text-decoration: none; }
      li.unread a { border-left: 4px solid var(--qms-primary); font-weight: 600; }
      .when { display: block; font-size: 0.85rem; color: var(--qms-muted); font-weight: 400; }
    `,
  ]

  @state() private unread = 0
  @state() private filters: { unread?: true } = {}

  private readonly list = new PagedList<Notification, NotificationPage>(this, '/api/notifications', () => this.filters, {
    onLoad: (page) => (this.unread = page.unreadCount),
  })

  private async handleOpen(event: Event, n: Notification) {
    event.preventDefault()
    if (!n.readAt) {
      await post(`/api/notifications/${n.id}/read`)
      window.dispatchEvent(new Event('qms-notifications-changed'))
    }
    if (n.link) this.dispatchEvent(new CustomEvent('qms-navigate', { detail: { to: n.link }, bubbles: true, composed: true }))
    else void this.list.reload()
  }

  private async handleReadAll() {
    await post('/api/notifications/read-all')
    window.dispatchEvent(new Event('qms-notifications-changed'))
    void this.list.reload()
  }

  override render() {
    return html`
      <h1>${msg('Notifications', { id: 'notifications.title' })}</h1>
      <div class="toolbar">
        <label class="check"><input type="checkbox" .checked=${!!this.filters.unread} @change=${(e: Event) => (this.filters = (e.target as HTMLInputElement).checked ? { unread: true } : {})} />
          ${msg('Unread only', { id: 'notifications.unreadOnly' })}</label>
        ${this.unread ? html`<button @click=${this.handleReadAll}>${msg('Mark all read', { id: 'notifications.readAll' })}</button>` : nothing}
        <a href="/settings/mail">${msg('Which of these reach me by e-mail', { id: 'notifications.mailSettings' })}</a>
      </div>
      ${this.list.render((items) => this.renderList(items), msg('No notifications.', { id: 'notifications.empty' }))}
    `
  }

  private renderList(items: Notification[]) {
    return html`<ul>
        ${items.map(
          (n) => html`<li class=${n.readAt ? '' : 'unread'}>
            <a href=${n.link ?? '/notifications'} @click=${(e: Event) => this.handleOpen(e, n)}>${notificationText(n)}<span class="when">${formatDateTime(n.createdAt)}</span></a>
          </li>`,
        )}
      </ul>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-notifications-page': QmsNotificationsPage
  }
}
