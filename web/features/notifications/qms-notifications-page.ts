import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { get, post, type Page } from '../../api/client.ts'
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

  @state() private items: Notification[] = []
  @state() private nextCursor: string | null = null
  @state() private unread = 0
  @state() private onlyUnread = false

  private readonly list = new Task(this, {
    task: async ([unread], { signal }) => {
      const page = await get<NotificationPage>('/api/notifications', { query: { limit: 50, unread: unread || undefined }, signal })
      this.items = page.items
      this.nextCursor = page.nextCursor
      this.unread = page.unreadCount
      return page
    },
    args: () => [this.onlyUnread] as const,
  })

  private async handleMore() {
    if (!this.nextCursor) return
    const page = await get<NotificationPage>('/api/notifications', { query: { limit: 50, cursor: this.nextCursor, unread: this.onlyUnread || undefined } })
    this.items = [...this.items, ...page.items]
    this.nextCursor = page.nextCursor
  }

  private async handleOpen(event: Event, n: Notification) {
    event.preventDefault()
    if (!n.readAt) {
      await post(`/api/notifications/${n.id}/read`)
      window.dispatchEvent(new Event('qms-notifications-changed'))
    }
    if (n.link) this.dispatchEvent(new CustomEvent('qms-navigate', { detail: { to: n.link }, bubbles: true, composed: true }))
    else void this.list.run()
  }

  private async handleReadAll() {
    await post('/api/notifications/read-all')
    window.dispatchEvent(new Event('qms-notifications-changed'))
    void this.list.run()
  }

  override render() {
    return html`
      <h1>${msg('Notifications', { id: 'notifications.title' })}</h1>
      <div class="toolbar">
        <label class="check"><input type="checkbox" .checked=${this.onlyUnread} @change=${(e: Event) => (this.onlyUnread = (e.target as HTMLInputElement).checked)} />
          ${msg('Unread only', { id: 'notifications.unreadOnly' })}</label>
        ${this.unread ? html`<button @click=${this.handleReadAll}>${msg('Mark all read', { id: 'notifications.readAll' })}</button>` : nothing}
      </div>
      ${this.list.render({
        pending: () => (this.items.length ? this.renderList() : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: () => this.renderList(),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
    `
  }

  private renderList() {
    if (!this.items.length) return html`<p class="muted">${msg('No notifications.', { id: 'notifications.empty' })}</p>`
    return html`<ul>
        ${this.items.map(
          (n) => html`<li class=${n.readAt ? '' : 'unread'}>
            <a href=${n.link ?? '/notifications'} @click=${(e: Event) => this.handleOpen(e, n)}>${notificationText(n)}<span class="when">${formatDateTime(n.createdAt)}</span></a>
          </li>`,
        )}
      </ul>
      ${this.nextCursor ? html`<p><button @click=${this.handleMore}>${msg('Show more', { id: 'common.loadMore' })}</button></p>` : nothing}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-notifications-page': QmsNotificationsPage
  }
}
