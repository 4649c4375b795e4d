import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get } from '../../api/client.ts'
import type { ParReport } from '../../api/types.ts'
import { SessionController } from '../../app/session.ts'
import { todayIso, formatDate, formatNumber } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import '../../app/qms-date-input.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

interface Selection {
  from: string
  to: string
  orgUnitId: string
}

/** The half-year this date falls in. */
/** The half-year a day (yyyy-mm-dd) falls in. */
function halfYearOf(day: string): Pick<Selection, 'from' | 'to'> {
  const y = day.slice(0, 4)
  return Number(day.slice(5, 7)) <= 6 ? { from: `${y}-01-01`, to: `${y}-06-30` } : { from: `${y}-07-01`, to: `${y}-12-31` }
}

/**
 * @summary The periodic administrative-reform report: pick the period (a half-year, a
 * year, or any dates) and the unit, read the report written from the data, open it to
 * print on A4, or download it as PDF, DOCX (to edit in Word) or XLSX. The period is kept in the address.
 */
@customElement('qms-reports-page')
@localized()
export class QmsReportsPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    css`
      .presets { display: flex; flex-wrap: wrap; gap: var(--qms-space-1); }
      article.card { line-height: 1.55; }
      article h2 { font-size: 1.05rem; margin: var(--qms-space-4) 0 var(--qms-space-2); }
      article h1 { font-size: 1.2rem; text-align: center; white-space: pre-line; }
      article p { text-align: justify; overflow-wrap: anywhere; }
      caption { text-align: left; font-style: italic; padding-bottom: 4px; }
      td.right { text-align: right; white-space: nowrap; }
      td.center { text-align: center; }
      tr.total td { font-weight: 700; }
      .downloads { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); margin-bottom: var(--qms-space-4); }
    `,
  ]

  /** The address's query string: `from`, `to`, `orgUnitId`. */
  @property({ attribute: false }) query?: URLSearchParams
  @state() private selection: Selection = { ...halfYearOf(todayIso()), orgUnitId: '' }
  private readonly session = new SessionController(this)

  override connectedCallback() {
    super.connectedCallback()
    const q = this.query
    if (q?.get('from') && q.get('to')) this.selection = { from: q.get('from')!, to: q.get('to')!, orgUnitId: q.get('orgUnitId') ?? '' }
  }

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly report = new Task(this, {
    task: ([s], { signal }) => get<ParReport>('/api/reports/par', { query: { ...s, format: 'json' }, signal }),
    args: () => [this.selection] as const,
  })

  private select(next: Partial<Selection>) {
    const s = { ...this.selection, ...next }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s.from) || !/^\d{4}-\d{2}-\d{2}$/.test(s.to)) return
    this.selection = s
    const params = new URLSearchParams({ from: s.from, to: s.to, ...(s.orgUnitId ? { orgUnitId: s.orgUnitId } : {}) })
    history.replaceState(null, '', `/reports?${params}`)
  }

  private fileUrl(format: string) {
    const params = new URLSearchParams({ from: this.selection.from, to: this.selection.to, format })
    if (this.selection.orgUnitId) params.set('orgUnitId', this.selection.orgUnitId)
    return `/api/reports/par?${params}`
  }

  override render() {
    if (!this.session.can('report.read')) {
      return html`<h1>${msg('Reports', { id: 'nav.reports' })}</h1><p>${msg('Reports are for managers, auditors and heads of unit.', { id: 'reports.notAllowed' })}</p>`
    }
    const year = Number(todayIso().slice(0, 4))
    const presets = [
      [msg(str`First half of ${year}`, { id: 'dashboard.preset.h1' }), { from: `${year}-01-01`, to: `${year}-06-30` }],
      [msg(str`Second half of ${year - 1}`, { id: 'reports.preset.lastH2' }), { from: `${year - 1}-07-01`, to: `${year - 1}-12-31` }],
      [msg(str`Year ${year - 1}`, { id: 'reports.preset.lastYear' }), { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }],
    ] as const
    return html`
      <h1>${msg('Administrative-reform report', { id: 'reports.title' })}</h1>
      <p class="lead">${msg('Written from the data of the period: procedures, dossiers, complaints, inspections, nonconformities and the QMS transition.', { id: 'reports.intro' })}</p>
      <form class="toolbar" @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="from">${msg('From', { id: 'dashboard.from' })}</label>
          <qms-date-input field-id="from" .value=${this.selection.from} @change=${(e: Event) => this.select({ from: (e.target as HTMLInputElement).value })}></qms-date-input>
        </div>
        <div class="field">
          <label for="to">${msg('To', { id: 'dashboard.to' })}</label>
          <qms-date-input field-id="to" .value=${this.selection.to} @change=${(e: Event) => this.select({ to: (e.target as HTMLInputElement).value })}></qms-date-input>
        </div>
        <div class="field grow">
          <label for="orgUnitId">${msg('Unit', { id: 'dashboard.unit' })}</label>
          <select id="orgUnitId" @change=${(e: Event) => this.select({ orgUnitId: (e.target as HTMLSelectElement).value })}>
            <option value="">${msg('Whole organisation', { id: 'dashboard.wholeOrg' })}</option>
            ${(this.units.value ?? []).map((u) => html`<option value=${u.id} ?selected=${u.id === this.selection.orgUnitId}>${indentedName(u)}</option>`)}
          </select>
        </div>
        <div class="presets" role="group" aria-label=${msg('Quick periods', { id: 'dashboard.presets' })}>
          ${presets.map(([label, period]) => html`<button type="button" @click=${() => this.select(period)}>${label}</button>`)}
        </div>
      </form>
      <p><a class="button" href="/reports/drafts">${msg('Half-year reports: write, approve and issue', { id: 'reports.toDrafts' })}</a></p>
      <div class="downloads">
        <a class="button primary" href=${this.fileUrl('html')} target="_blank" rel="noopener">${msg('Open to print (A4)', { id: 'reports.print' })}</a>
        <a class="button" href=${this.fileUrl('pdf')} download>${msg('Download PDF', { id: 'reports.pdf' })}</a>
        <a class="button" href=${this.fileUrl('docx')} download>${msg('Download DOCX (Word)', { id: 'reports.docx' })}</a>
        <a class="button" href=${this.fileUrl('xlsx')} download>${msg('Download XLSX', { id: 'reports.xlsx' })}</a>
      </div>
      ${this.report.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (r) => this.renderReport(r),
        error: (e) => html`<p role="alert">${(e as Error).message || msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
    `
  }

  private renderReport(r: ParReport) {
    let n = 0
    const tableLinks = (i: number) => html`<div class="downloads">
      <a class="button" href=${`${this.fileUrl('xlsx')}&table=${i}`} download>${msg('Table XLSX', { id: 'reports.tableXlsx' })}</a>
      <a class="button" href=${`${this.fileUrl('csv')}&table=${i}`} download>${msg('Table CSV', { id: 'reports.tableCsv' })}</a>
    </div>`
    type Table = ParReport['sections'][number]['tables'][number]
    // Counts with the locale's separators, per cent with one decimal (the unit is in the heading); text as it is.
    const cells = (t: Table, row: Table['rows'][number]) =>
      row.map((v, i) => {
        const kind = t.columns[i]
        const align = kind === 'count' || kind === 'percent' ? 'right' : kind === 'ordinal' ? 'center' : ''
        const text = typeof v === 'number' ? formatNumber(v, kind === 'percent' ? 1 : 0) : (v ?? (kind === 'percent' ? '—' : ''))
        return html`<td class=${align}>${text}</td>`
      })
    return html`<article class="card" aria-label=${msg('The report', { id: 'reports.preview' })}>
      <p class="muted">${r.agency} · ${msg(str`From ${formatDate(r.from)} to ${formatDate(r.to)}`, { id: 'dashboard.period' })}</p>
      <h1>${r.title}</h1>
      ${r.sections.map(
        (s) => html`<section>
          <h2>${s.heading}</h2>
          ${s.paragraphs.map((p) => html`<p>${p}</p>`)}
          ${s.tables.map(
            (t) => html`<div class="table-wrap" ${scrollRegion()}><table>
              <caption>${t.title}</caption>
              <thead><tr>${t.headings.map((h) => html`<th>${h}</th>`)}</tr></thead>
              <tbody>
                ${t.rows.map((row) => html`<tr>${cells(t, row)}</tr>`)}
                ${t.totalRow ? html`<tr class="total">${cells(t, t.totalRow)}</tr>` : nothing}
              </tbody>
            </table></div>
            ${tableLinks(++n)}`,
          )}
        </section>`,
      )}
    </article>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-reports-page': QmsReportsPage
  }
}
