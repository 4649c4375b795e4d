import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import type { Page } from '../../api/client.ts'
import type { OutboxMail } from '../../api/types.ts'
import { PagedList } from '../../app/paged-list.ts'
import { formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

type OutboxPage = Page<OutboxMail> & { mailEnabled: boolean; counts: Record<string, number> }
const STATUSES = ['queued', 'sending', 'sent', 'failed'] as const

/**
 * @summary The mail outbox for administrators: every mail, its status, tries and last
 * error, newest first; whether mail flows at all shows in the counts.
 */
@customElement('qms-mail-outbox-page')
@localized()
export class QmsMailOutboxPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    css`
      .counts { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); margin: 0 0 var(--qms-space-3); padding: 0; list-style: none; }
      .error-text { color: var(--qms-danger, #b00020); font-size: 0.9rem; overflow-wrap: anywhere; }
    `,
  ]

  @state() private status = ''
  @state() private summary?: Pick<OutboxPage, 'mailEnabled' | 'counts'>
  private readonly list = new PagedList<OutboxMail, OutboxPage>(this, '/api/mail/outbox', () => (this.status ? { status: this.status } : {}), {
    onLoad: (page) => (this.summary = { mailEnabled: page.mailEnabled, counts: page.counts }),
  })

  private statusLabel(status: string) {
    switch (status) {
      case 'queued':
        return msg('Waiting', { id: 'mail.statusQueued' })
      case 'sending':
        return msg('Sending', { id: 'mail.statusSending' })
      case 'sent':
        return msg('Sent', { id: 'mail.statusSent' })
      default:
        return msg('Failed', { id: 'mail.statusFailed' })
    }
  }

  override render() {
    return html`
      <h1>${msg('Mail outbox', { id: 'mail.outboxTitle' })}</h1>
      ${this.summary && !this.summary.mailEnabled
        ? html`<p class="lead" role="note">${msg('E-mail is off on this server: set SMTP_URL and MAIL_FROM (docs/operations.md). Notifications stay in the app.', { id: 'mail.outboxOff' })}</p>`
        : nothing}
      ${this.summary
        ? html`<ul class="counts">${STATUSES.map((s) => html`<li class="chip">${this.statusLabel(s)}: ${this.summary!.counts[s] ?? 0}</li>`)}</ul>`
        : nothing}
      <div class="toolbar">
        <div class="field">
          <label for="status">${msg('Status', { id: 'mail.status' })}</label>
          <select id="status" @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value)}>
            <option value="">${msg('All', { id: 'mail.allStatuses' })}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.status === s}>${this.statusLabel(s)}</option>`)}
          </select>
        </div>
      </div>
      ${this.list.render((items) => this.renderTable(items), msg('No mail yet.', { id: 'mail.outboxEmpty' }))}
    `
  }

  private renderTable(items: OutboxMail[]) {
    const l = {
      created: msg('Created', { id: 'mail.created' }),
      to: msg('To', { id: 'mail.to' }),
      subject: msg('Subject', { id: 'mail.subject' }),
      status: msg('Status', { id: 'mail.status' }),
      attempts: msg('Tries', { id: 'mail.attempts' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
      <thead><tr><th>${l.created}</th><th>${l.to}</th><th>${l.subject}</th><th>${l.status}</th><th>${l.attempts}</th></tr></thead>
      <tbody>${items.map(
        (m) => html`<tr>
          <td data-label=${l.created}>${formatDateTime(m.createdAt)}</td>
          <td data-label=${l.to}>${m.toAddress}</td>
          <td data-label=${l.subject}>${m.subject}</td>
          <td data-label=${l.status}>
            <span class="chip ${m.status === 'failed' ? 'off' : ''}">${this.statusLabel(m.status)}</span>
            ${m.status === 'sent' && m.sentAt ? html`<br />${formatDateTime(m.sentAt)}` : nothing}
            ${m.status === 'queued' && m.attempts ? html`<br />${msg('next try', { id: 'mail.nextTry' })} ${formatDateTime(m.nextAttemptAt)}` : nothing}
            ${m.lastError && m.status !== 'sent' ? html`<div class="error-text">${m.lastError}</div>` : nothing}
          </td>
          <td data-label=${l.attempts}>${m.attempts}</td>
        </tr>`,
      )}</tbody>
    </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-mail-outbox-page': QmsMailOutboxPage
  }
}
