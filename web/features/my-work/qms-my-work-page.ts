import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { get } from '../../api/client.ts'
import type { MyWork, MyWorkGroupKey } from '../../api/types.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate, plural } from '../../i18n/localization.ts'
import { buttonStyles, pageStyles } from '../../styles/shared.ts'
import { GROUP_TITLES, MY_WORK_TOTAL_EVENT } from './my-work-labels.ts'
import './qms-my-work-group.ts'

const ORDER = Object.keys(GROUP_TITLES) as MyWorkGroupKey[]

/**
 * @summary "Việc của tôi", everyone's start page: what waits for me, group by group,
 * the most urgent first, each item one tap from its page. Those who read reports have the
 * dashboard one click away.
 */
@customElement('qms-my-work-page')
@localized()
export class QmsMyWorkPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    css`
      .top { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: var(--qms-space-2); margin-bottom: var(--qms-space-4); }
      .top h1 { margin: 0; }
      .summary { margin: 0 0 var(--qms-space-4); }
      .summary strong.late { color: var(--qms-danger); }
      .done { padding: var(--qms-space-5) var(--qms-space-4); text-align: center; }
    `,
  ]

  private readonly session = new SessionController(this)

  private readonly work = new Task(this, {
    args: () => [this.session.info?.user.id] as const,
    task: async ([me], { signal }) => {
      if (!me) return null
      const body = await get<MyWork>('/api/my-work', { signal })
      window.dispatchEvent(new CustomEvent(MY_WORK_TOTAL_EVENT, { detail: { total: body.total } }))
      return body
    },
  })

  override render() {
    const user = this.session.info?.user
    return html`
      <div class="top">
        <h1>${msg('My work', { id: 'myWork.title' })}</h1>
        ${this.session.can('report.read') ? html`<a class="button" href="/dashboard">${msg('Dashboard', { id: 'nav.dashboard' })} →</a>` : nothing}
      </div>
      ${user ? html`<p class="lead">${msg(str`Hello, ${user.fullName}.`, { id: 'myWork.welcome' })}</p>` : nothing}
      ${this.work.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}
          <button @click=${() => this.work.run()}>${msg('Try again', { id: 'common.retry' })}</button></p>`,
        complete: (body) => (body ? this.renderWork(body) : nothing),
      })}
    `
  }

  private renderWork(body: MyWork) {
    const groups = ORDER.filter((key) => body.groups[key].count > 0)
    if (!groups.length) {
      return html`<p class="card done" role="status">${msg('Nothing is waiting for you. Well done!', { id: 'myWork.none' })}</p>`
    }
    return html`
      <p class="summary" role="status">
        ${plural(body.total, () => msg(str`${body.total} item waits for you`, { id: 'myWork.summary.one' }), () => msg(str`${body.total} items wait for you`, { id: 'myWork.summary' }))}${body.overdue
          ? html`, <strong class="late">${msg(str`${body.overdue} overdue`, { id: 'myWork.summaryOverdue' })}</strong>`
          : nothing}
        <span class="muted">· ${msg(str`as of ${formatDate(body.asOf)}`, { id: 'myWork.asOf' })}</span>
      </p>
      ${groups.map((key) => html`<qms-my-work-group .key=${key} .group=${body.groups[key]}></qms-my-work-group>`)}
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-my-work-page': QmsMyWorkPage
  }
}
