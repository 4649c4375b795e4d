import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, type Page } from '../../api/client.ts'
import type { NcStatus, NonconformitySummary } from '../../api/types.ts'
import { PagedList } from '../../app/paged-list.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import { severityLabel, statusLabel } from './nc-labels.ts'
import { ncStyles } from './nc-styles.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

const COLUMNS: NcStatus[] = ['draft', 'analysis', 'action_planned', 'in_progress', 'pending_verification', 'verified', 'closed']
const CLOSED_SHOWN = 10

interface Filters {
  orgUnitId: string
  overdueOnly: boolean
}

/**
 * @summary The nonconformity board: one column per status (the latest closed ones last),
 * filtered by unit (with the units below it) and, optionally, to the overdue ones.
 */
@customElement('qms-nc-board')
@localized()
export class QmsNcBoard extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    ncStyles,
    css`
      /*
       * Seven columns fit the page at 1280 px (a 230 px menu beside it). Narrower, the board
       * scrolls sideways (by keyboard too), each column keeping its stage name at its head.
       */
      .board { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(128px, 1fr); gap: var(--qms-space-2); overflow-x: auto; padding-bottom: var(--qms-space-2); }
      .board:focus-visible { outline: 3px solid var(--qms-focus); outline-offset: 2px; }
      section.column { background: #eef2f6; border-radius: var(--qms-radius); padding: var(--qms-space-1); min-width: 0; }
      section.column h2 {
        font-size: 0.85rem; line-height: 1.25; margin: 0 0 var(--qms-space-2); padding: var(--qms-space-1); display: flex; justify-content: space-between; align-items: start; gap: var(--qms-space-1);
      }
      .count { color: var(--qms-muted); font-weight: 400; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--qms-space-2); }
      a.card { display: grid; gap: 4px; padding: var(--qms-space-2); font-size: 0.9rem; color: inherit; text-decoration: none; background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); box-shadow: var(--qms-shadow); }
      a.card:hover { border-color: var(--qms-primary); }
      a.card.is-overdue { border-left: 4px solid var(--qms-danger); }
      .title { font-weight: 600; overflow-wrap: anywhere; }
      .row { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; }
      .toolbar .unit { flex: 0 1 320px; min-width: 0; }
      .empty { color: var(--qms-muted); font-size: 0.9rem; padding: var(--qms-space-2); }
      /* On a phone the columns stack: one status after the other. */
      @media (max-width: 640px) {
        .board { grid-auto-flow: row; grid-auto-columns: auto; overflow-x: visible; }
        section.column h2 { font-size: 0.95rem; }
      }
    `,
  ]

  private readonly session = new SessionController(this)
  /** The address's query string (`?orgUnitId=…&overdue=true`), so the dashboard can link to a selection. */
  @property({ attribute: false }) query?: URLSearchParams
  @state() private filters: Filters = { orgUnitId: '', overdueOnly: false }

  override connectedCallback() {
    super.connectedCallback()
    if (this.query) this.filters = { orgUnitId: this.query.get('orgUnitId') ?? '', overdueOnly: this.query.get('overdue') === 'true' }
  }

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })

  /** The open ones, paged; the query object changes only with the filters. */
  private openQuery = { orgUnitId: '', overdue: undefined as true | undefined, open: true }
  private readonly open = new PagedList<NonconformitySummary>(this, '/api/nonconformities', () => this.openQuery, { limit: 200 })

  /** The latest closed ones (none when only overdue ones are shown). */
  private readonly closed = new Task(this, {
    task: async ([filters], { signal }): Promise<NonconformitySummary[]> =>
      filters.overdueOnly
        ? []
        : (await get<Page<NonconformitySummary>>('/api/nonconformities', { query: { orgUnitId: filters.orgUnitId, status: 'closed', limit: CLOSED_SHOWN }, signal })).items,
    args: () => [this.filters] as const,
  })

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('filters')) this.openQuery = { orgUnitId: this.filters.orgUnitId, overdue: this.filters.overdueOnly ? true : undefined, open: true }
  }

  override render() {
    return html`
      <h1>${msg('Nonconformities', { id: 'nc.board.title' })}</h1>
      <p class="lead">${msg('From detection to verified closure (ISO 9001:2015, clause 10.2). Overdue items are marked in red.', { id: 'nc.board.intro' })}</p>
      <div class="toolbar">
        <div class="field unit">
          <label for="unit-filter">${msg('Unit', { id: 'nc.board.unit' })}</label>
          <select id="unit-filter" @change=${(e: Event) => (this.filters = { ...this.filters, orgUnitId: (e.target as HTMLSelectElement).value })}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${(this.units.value ?? []).map((u) => html`<option value=${u.id} ?selected=${this.filters.orgUnitId === u.id}>${indentedName(u)}</option>`)}
          </select>
        </div>
        <label class="check"><input type="checkbox" .checked=${this.filters.overdueOnly} @change=${(e: Event) => (this.filters = { ...this.filters, overdueOnly: (e.target as HTMLInputElement).checked })} />
          ${msg('Overdue only', { id: 'nc.board.overdueOnly' })}</label>
        <a class="button" href=${this.registerUrl()} download>${msg('Download the register (XLSX)', { id: 'nc.board.register' })}</a>
        ${this.session.can('nonconformity.create') ? html`<a class="button primary" href="/nonconformities/new">${msg('Raise a nonconformity', { id: 'nc.board.new' })}</a>` : nothing}
      </div>
      ${this.open.render((open) => this.renderBoard(open, this.closed.value ?? []), null, { retry: true })}
    `
  }

  /** The NC register with the board's filters (every NC, closed ones too), in the page's language. */
  private registerUrl() {
    const query = new URLSearchParams({ lang: document.documentElement.lang === 'en' ? 'en' : 'vi' })
    if (this.filters.orgUnitId) query.set('orgUnitId', this.filters.orgUnitId)
    if (this.filters.overdueOnly) query.set('overdue', 'true')
    return `/api/nonconformities/register?${query}`
  }

  private renderBoard(open: NonconformitySummary[], closed: NonconformitySummary[]) {
    const byStatus = new Map<NcStatus, NonconformitySummary[]>(COLUMNS.map((s) => [s, []]))
    for (const nc of open) byStatus.get(nc.status)?.push(nc)
    byStatus.set('closed', closed)
    const columns = this.filters.overdueOnly ? COLUMNS.filter((s) => s !== 'closed') : COLUMNS
    return html`<div class="board" data-testid="nc-board" ${scrollRegion(msg('Nonconformities by stage', { id: 'nc.board.columns' }))}>
        ${columns.map((status) => {
          const items = byStatus.get(status) ?? []
          const headingId = `col-${status}`
          return html`<section class="column" aria-labelledby=${headingId}>
            <h2 id=${headingId}><span>${statusLabel(status)}</span><span class="count">${items.length}</span></h2>
            ${items.length ? html`<ul>${items.map((nc) => html`<li>${this.renderCard(nc)}</li>`)}</ul>` : html`<p class="empty">—</p>`}
          </section>`
        })}
      </div>`
  }

  private renderCard(nc: NonconformitySummary) {
    return html`<a class=${`card ${nc.overdue ? 'is-overdue' : ''}`} href=${`/nonconformities/${nc.id}`}>
      <span class="row"><span class="code">${nc.code}</span>
        <span class=${`badge ${nc.severity}`}>${severityLabel(nc.severity)}</span>
        ${nc.overdue ? html`<span class="badge overdue">${msg(str`Overdue ${nc.daysOverdue} d`, { id: 'nc.board.overdueDays' })}</span>` : nothing}
      </span>
      <span class="title">${nc.title}</span>
      <span class="meta">${nc.orgUnit.name}</span>
      <span class="meta">${nc.status === 'closed'
        ? msg(str`Closed ${formatDate(nc.closedAt)}`, { id: 'nc.board.closedOn' })
        : msg(str`Due ${formatDate(nc.dueDate)}`, { id: 'nc.board.due' })}
        ${nc.actionsTotal ? html` · ${msg(str`${nc.actionsTotal - nc.actionsOpen}/${nc.actionsTotal} actions done`, { id: 'nc.board.actionsDone' })}` : nothing}</span>
    </a>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-nc-board': QmsNcBoard
  }
}
