import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { MyWorkGroup, MyWorkGroupKey, MyWorkItem } from '../../api/types.ts'
import { buttonStyles, pageStyles } from '../../styles/shared.ts'
import { GROUP_TITLES, urgencyLabel, waitingForLabel, whenLabel } from './my-work-labels.ts'

/** Where the whole list of a group's kind lives, for the items past the first page. */
const MORE_LINKS: Record<MyWorkGroupKey, string> = {
  actions: '/nonconformities',
  nonconformities: '/nonconformities',
  inspections: '/inspections',
  audits: '/audit-programmes',
  revisions: '/documents',
  dossiers: '/dossiers?overdue=true',
}

/**
 * @summary One group of "Việc của tôi": its heading with the count, then each item as one
 * tap target that opens its page (an inspection also offers Perform), the most urgent first.
 */
@customElement('qms-my-work-group')
@localized()
export class QmsMyWorkGroup extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    css`
      section { margin-bottom: var(--qms-space-4); }
      h2 { margin: 0 0 var(--qms-space-3); display: flex; flex-wrap: wrap; align-items: baseline; gap: var(--qms-space-2); }
      .count { font-size: 0.9rem; font-weight: 600; color: var(--qms-muted); }
      .count.late { color: var(--qms-danger); }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--qms-space-2); }
      li { display: flex; align-items: stretch; gap: var(--qms-space-2); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); background: var(--qms-surface); }
      li.overdue { border-left: 4px solid var(--qms-danger); }
      li.today, li.soon { border-left: 4px solid var(--qms-warning, #b45309); }
      a.item { flex: 1 1 auto; min-width: 0; display: grid; gap: 2px; padding: var(--qms-space-2) var(--qms-space-3); color: inherit; text-decoration: none; min-height: var(--qms-tap); }
      a.item:hover { background: var(--qms-primary-soft); }
      a.item:focus-visible { outline: 3px solid var(--qms-focus); outline-offset: -3px; }
      .head { font-weight: 600; overflow-wrap: anywhere; }
      .code { color: var(--qms-primary-strong); }
      .detail, .meta { font-size: 0.9rem; color: var(--qms-muted); overflow-wrap: anywhere; }
      .urgency { font-weight: 700; }
      .overdue .urgency { color: var(--qms-danger); }
      .perform { align-self: center; margin-right: var(--qms-space-2); }
      .more { margin: var(--qms-space-2) 0 0; }
    `,
  ]

  @property() key!: MyWorkGroupKey
  @property({ attribute: false }) group!: MyWorkGroup

  override render() {
    const { count, overdue, items } = this.group
    const id = `my-work-${this.key}`
    const rest = count - items.length
    return html`<section class="card" aria-labelledby=${id}>
      <h2 id=${id}>
        <span>${GROUP_TITLES[this.key]()}</span>
        <span class="count">(${count})</span>
        ${overdue ? html`<span class="count late">${msg(str`${overdue} overdue`, { id: 'myWork.groupOverdue' })}</span>` : nothing}
      </h2>
      <ul>${items.map((item) => this.renderItem(item))}</ul>
      ${rest > 0
        ? html`<p class="more"><a href=${MORE_LINKS[this.key]}>${msg(str`…and ${rest} more`, { id: 'myWork.more' })}</a></p>`
        : nothing}
    </section>`
  }

  private renderItem(item: MyWorkItem) {
    const urgency = urgencyLabel(item)
    const when = whenLabel(item)
    return html`<li class=${item.urgency}>
      <a class="item" href=${item.link}>
        <span class="head"><span class="code">${item.code}</span> — ${item.title}</span>
        ${item.detail ? html`<span class="detail">${item.detail}</span>` : nothing}
        <span class="meta">${waitingForLabel(item.waitingFor)}${item.unit && item.unit.name !== item.title ? html` · ${item.unit.name}` : nothing}</span>
        ${urgency || when ? html`<span class="meta">${urgency ? html`<span class="urgency">${urgency}</span>` : nothing}${urgency && when ? ' · ' : ''}${when}</span>` : nothing}
      </a>
      ${this.key === 'inspections' ? html`<a class="button primary perform" href=${`${item.link}/perform`}>${msg('Perform', { id: 'auditorDay.perform' })}</a>` : nothing}
    </li>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-my-work-group': QmsMyWorkGroup
  }
}
