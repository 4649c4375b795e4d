import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get } from '../../api/client.ts'
import type { DossierStats, StatsRow } from '../../api/types.ts'
import { todayIso, formatDate, formatNumber, getLocale } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import { channelLabel } from './dossier-labels.ts'
import { dossierStyles } from './dossier-styles.ts'
import './qms-dossier-tabs.ts'
import '../../app/qms-date-input.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

type GroupBy = DossierStats['groupBy']

/**
 * @summary The one-stop-shop statistics table for a period, with the two-level headings
 * officials know, per unit, field, procedure or channel; exported as CSV or XLSX.
 */
@customElement('qms-dossier-stats-page')
@localized()
export class QmsDossierStatsPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    dossierStyles,
    css`
      table.stats th, table.stats td { text-align: right; white-space: nowrap; }
      table.stats th.label, table.stats td.label { text-align: left; white-space: normal; min-width: 12rem; }
      table.stats thead th { text-align: center; border-left: 1px solid var(--qms-border); }
      table.stats tr.total td { font-weight: 700; background: #f8fafc; }
      .figures { display: flex; flex-wrap: wrap; gap: var(--qms-space-3); margin: var(--qms-space-4) 0; }
      .figures .card { flex: 1 1 160px; }
      .figures strong { display: block; font-size: 1.4rem; }
    `,
  ]

  /** The address's query string: `from`, `to`, `groupBy`, `orgUnitId`. */
  @property({ attribute: false }) query?: URLSearchParams
  @state() private from = `${todayIso().slice(0, 4)}-01-01`
  @state() private to = todayIso()
  @state() private groupBy: GroupBy = 'orgUnit'
  @state() private orgUnitId = ''

  override connectedCallback() {
    super.connectedCallback()
    const q = this.query
    if (q?.get('from')) this.from = q.get('from')!
    if (q?.get('to')) this.to = q.get('to')!
    if (q?.get('groupBy')) this.groupBy = q.get('groupBy') as GroupBy
    if (q?.get('orgUnitId')) this.orgUnitId = q.get('orgUnitId')!
  }

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly stats = new Task(this, {
    task: ([from, to, groupBy, orgUnitId], { signal }) =>
      from && to && from <= to ? get<DossierStats>('/api/dossiers/stats', { query: { from, to, groupBy, orgUnitId }, signal }) : Promise.resolve(null),
    args: () => [this.from, this.to, this.groupBy, this.orgUnitId] as const,
  })

  private handleChange(event: Event) {
    const input = event.target as HTMLInputElement | HTMLSelectElement
    if (input.name === 'from') this.from = input.value
    if (input.name === 'to') this.to = input.value
    if (input.name === 'groupBy') this.groupBy = input.value as GroupBy
    if (input.name === 'orgUnitId') this.orgUnitId = input.value
  }

  private exportHref(format: 'csv' | 'xlsx') {
    const params = new URLSearchParams({ from: this.from, to: this.to, groupBy: this.groupBy, format, lang: getLocale() === 'en' ? 'en' : 'vi' })
    if (this.orgUnitId) params.set('orgUnitId', this.orgUnitId)
    return `/api/dossiers/stats/export?${params}`
  }

  override render() {
    const groups: [GroupBy, string][] = [
      ['orgUnit', msg('Unit', { id: 'dossiers.stats.byUnit' })],
      ['field', msg('Field', { id: 'dossiers.field' })],
      ['procedure', msg('Procedure', { id: 'dossiers.procedure' })],
      ['channel', msg('Channel', { id: 'dossiers.channel' })],
    ]
    return html`
      <h1>${msg('Dossier statistics', { id: 'dossiers.stats.title' })}</h1>
      <qms-dossier-tabs current="/dossiers/stats"></qms-dossier-tabs>
      <div class="toolbar">
        <div class="field">
          <label for="from">${msg('From', { id: 'dossiers.stats.from' })}</label>
          <qms-date-input field-id="from" name="from" .value=${this.from} @change=${this.handleChange}></qms-date-input>
        </div>
        <div class="field">
          <label for="to">${msg('To', { id: 'dossiers.stats.to' })}</label>
          <qms-date-input field-id="to" name="to" .value=${this.to} @change=${this.handleChange}></qms-date-input>
        </div>
        <div class="field">
          <label for="groupBy">${msg('Rows by', { id: 'dossiers.stats.groupBy' })}</label>
          <select id="groupBy" name="groupBy" @change=${this.handleChange}>
            ${groups.map(([value, label]) => html`<option value=${value} ?selected=${value === this.groupBy}>${label}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="orgUnitId">${msg('Handling unit', { id: 'dossiers.unit' })}</label>
          <select id="orgUnitId" name="orgUnitId" @change=${this.handleChange}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${(this.units.value ?? []).map((u) => html`<option value=${u.id} ?selected=${u.id === this.orgUnitId}>${indentedName(u)}</option>`)}
          </select>
        </div>
        <a class="button" href=${this.exportHref('csv')} download>${msg('Export CSV', { id: 'dossiers.stats.csv' })}</a>
        <a class="button" href=${this.exportHref('xlsx')} download>${msg('Export XLSX', { id: 'dossiers.stats.xlsx' })}</a>
      </div>
      ${this.from > this.to ? html`<p role="alert" class="form-error">${msg('The start of the period is after its end.', { id: 'dossiers.stats.badRange' })}</p>` : nothing}
      ${this.stats.render({
        pending: () => (this.stats.value ? this.renderStats(this.stats.value) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: (stats) => (stats ? this.renderStats(stats) : nothing),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
    `
  }

  private renderStats(s: DossierStats) {
    const t = s.total
    const rate = (v: number | null) => (v === null ? '—' : `${formatNumber(v, 2)}%`)
    return html`
      <p class="muted">${msg(str`From ${formatDate(s.from)} to ${formatDate(s.to)}; in progress and overdue as of the end of the period.`, { id: 'dossiers.stats.period' })}</p>
      <div class="figures">
        <div class="card"><strong>${t.receivedTotal}</strong>${msg('received', { id: 'dossiers.stats.received' })}
          <div class="muted">${msg(str`${t.receivedOnline} online, ${t.receivedInPerson + t.receivedPostal} in person or by post`, { id: 'dossiers.stats.receivedSplit' })}</div></div>
        <div class="card"><strong>${t.resolvedTotal}</strong>${msg('resolved', { id: 'dossiers.stats.resolved' })}
          <div class="muted">${rate(t.onTimeRate)} ${msg('early or on time', { id: 'dossiers.stats.onTime' })}</div></div>
        <div class="card"><strong>${t.pendingTotal}</strong>${msg('in progress', { id: 'dossiers.stats.pending' })}
          <div class="muted">${msg(str`${t.pendingNotDue} within the deadline, ${t.pendingOverdue} overdue`, { id: 'dossiers.stats.pendingSplit' })}</div></div>
        <div class="card"><strong>${s.procedures.total}</strong>${msg('procedures', { id: 'dossiers.stats.procedures' })}
          <div class="muted">${msg(str`${s.procedures.byOnlineLevel.level4} at level 4, ${s.procedures.byOnlineLevel.level3} at level 3`, { id: 'dossiers.stats.levels' })}</div></div>
        <div class="card"><strong>${s.complaints.total}</strong>${msg('complaints and denunciations', { id: 'dossiers.stats.complaints' })}
          <div class="muted">${msg(str`${s.complaints.complaint} complaints, ${s.complaints.denunciation} denunciations, ${s.complaints.feedback} feedback`, { id: 'dossiers.stats.complaintSplit' })}</div></div>
      </div>
      ${this.renderTable(s)}`
  }

  private renderTable(s: DossierStats) {
    const label = (r: StatsRow) => (s.groupBy === 'channel' && r.key ? channelLabel(r.key as 'online') : s.groupBy === 'procedure' && r.code ? `${r.code} – ${r.label}` : r.label)
    const cells = (r: StatsRow) => html`
      <td>${r.receivedTotal}</td><td>${r.carriedOver}</td><td>${r.receivedOnline}</td><td>${r.receivedInPerson}</td><td>${r.receivedPostal}</td>
      <td>${r.resolvedTotal}</td><td>${r.resolvedEarly}</td><td>${r.resolvedOnTime}</td><td>${r.resolvedLate}</td>
      <td>${r.pendingTotal}</td><td>${r.pendingNotDue}</td><td>${r.pendingOverdue}</td>
      <td>${r.returnedOrWithdrawn}</td><td>${r.onTimeRate === null ? '—' : formatNumber(r.onTimeRate, 2)}</td>`
    const total = msg('Total', { id: 'dossiers.stats.total' })
    const sub = msg('Total', { id: 'dossiers.stats.subtotal' })
    return html`<div class="table-wrap" ${scrollRegion()}><table class="stats">
      <caption class="sr-only">${msg('Dossier statistics', { id: 'dossiers.stats.title' })}</caption>
      <thead>
        <tr>
          <th rowspan="2" class="label" scope="col">${s.groupBy === 'orgUnit' ? msg('Unit', { id: 'dossiers.stats.byUnit' }) : s.groupBy === 'field' ? msg('Field', { id: 'dossiers.field' }) : s.groupBy === 'procedure' ? msg('Procedure', { id: 'dossiers.procedure' }) : msg('Channel', { id: 'dossiers.channel' })}</th>
          <th colspan="5" scope="colgroup">${msg('Received', { id: 'dossiers.stats.h.received' })}</th>
          <th colspan="4" scope="colgroup">${msg('Resolved', { id: 'dossiers.stats.h.resolved' })}</th>
          <th colspan="3" scope="colgroup">${msg('In progress', { id: 'dossiers.stats.h.pending' })}</th>
          <th rowspan="2" scope="col">${msg('Returned / withdrawn', { id: 'dossiers.stats.h.returned' })}</th>
          <th rowspan="2" scope="col">${msg('% early or on time', { id: 'dossiers.stats.h.rate' })}</th>
        </tr>
        <tr>
          <th scope="col">${sub}</th><th scope="col">${msg('Carried over', { id: 'dossiers.stats.h.carried' })}</th><th scope="col">${msg('Online', { id: 'dossiers.channel.online' })}</th><th scope="col">${msg('In person', { id: 'dossiers.channel.in_person' })}</th><th scope="col">${msg('By post', { id: 'dossiers.channel.postal' })}</th>
          <th scope="col">${sub}</th><th scope="col">${msg('Early', { id: 'dossiers.timeliness.early' })}</th><th scope="col">${msg('On time', { id: 'dossiers.timeliness.on_time' })}</th><th scope="col">${msg('Late', { id: 'dossiers.timeliness.late' })}</th>
          <th scope="col">${sub}</th><th scope="col">${msg('Not yet due', { id: 'dossiers.stats.h.notDue' })}</th><th scope="col">${msg('Overdue', { id: 'dossiers.overdue' })}</th>
        </tr>
      </thead>
      <tbody>
        ${s.rows.map((r) => html`<tr><td class="label">${label(r)}</td>${cells(r)}</tr>`)}
        <tr class="total"><td class="label">${total}</td>${cells(s.total)}</tr>
      </tbody>
    </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-dossier-stats-page': QmsDossierStatsPage
  }
}
