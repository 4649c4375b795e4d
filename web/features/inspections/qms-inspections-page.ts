import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, getAll } from '../../api/client.ts'
import type { Inspection, InspectionSummary, User } from '../../api/types.ts'
import { loadActiveUsers } from '../../api/loaders.ts'
import { forgetInspection, keptInspections, saveServerInspection } from '../../offline/store.ts'
import { PagedList } from '../../app/paged-list.ts'
import { SessionController } from '../../app/session.ts'
import { addDaysIso, formatDate, formatNumber, todayIso } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import { inspectionStyles } from './inspection-styles.ts'
import { KINDS, kindLabel, STATUSES, statusLabel } from './inspection-labels.ts'
import '../../app/qms-date-input.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

interface Filters {
  orgUnitId: string
  kind: string
  status: string
  from: string
  to: string
}

/** Inspections planned this far ahead are kept on the device for offline use. */
const KEEP_DAYS_AHEAD = 14

/**
 * @summary Inspections the user may see, newest first, filtered by unit (with the units
 * below it), kind, status and period; a way to plan a new one. Opened online, it keeps
 * on the device the inspections the user leads or is on the team of, still open and
 * planned within 14 days (overdue ones too), marked "available offline"; offline, it
 * lists those.
 */
@customElement('qms-inspections-page')
@localized()
export class QmsInspectionsPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles, inspectionStyles]

  private readonly session = new SessionController(this)
  /** The address's query string: the initial filters, so the dashboard can link to a selection. */
  @property({ attribute: false }) query?: URLSearchParams
  @state() private filters: Filters = { orgUnitId: '', kind: '', status: '', from: '', to: '' }
  /** Inspections kept on this device for offline use. */
  @state() private kept: Inspection[] = []

  override connectedCallback() {
    super.connectedCallback()
    if (this.query) this.filters = Object.fromEntries(Object.keys(this.filters).map((f) => [f, this.query!.get(f) ?? ''])) as unknown as Filters
    void this.keepWork()
  }

  private get offline() {
    return !navigator.onLine || this.session.offline
  }

  private async readKept() {
    this.kept = (await keptInspections().catch(() => [])).filter((k) => k.kept).map((k) => k.inspection)
  }

  /** Downloads the user's coming work for offline use, and lets go of what no longer is. */
  private async keepWork() {
    await this.readKept()
    const me = this.session.info?.user.id
    if (!me || this.offline) return
    try {
      const to = addDaysIso(todayIso(), KEEP_DAYS_AHEAD)
      const mine = (await Promise.all(['planned', 'in_progress'].map((status) => getAll<InspectionSummary>('/api/inspections', { status, to, assignedTo: me })))).flat()
      const users = new Map<string, Promise<User[]>>()
      for (const summary of mine) {
        const inspection = await get<Inspection>(`/api/inspections/${summary.id}`)
        if (!users.has(inspection.orgUnitId)) users.set(inspection.orgUnitId, loadActiveUsers(inspection.orgUnitId))
        await saveServerInspection(inspection, { unitUsers: await users.get(inspection.orgUnitId)!, kept: true })
      }
      const ids = new Set(mine.map((i) => i.id))
      for (const k of this.kept) if (!ids.has(k.id)) await forgetInspection(k.id)
    } catch (err) {
      console.warn('inspections not kept for offline use', err)
    }
    await this.readKept()
  }

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })

  private readonly inspections = new PagedList<InspectionSummary>(this, '/api/inspections', () => this.filters)

  private handleFilter(event: Event) {
    const input = event.target as HTMLInputElement | HTMLSelectElement
    this.filters = { ...this.filters, [input.name]: input.value }
  }

  override render() {
    const mayPlan = this.session.can('inspection.write') || this.session.can('inspection.self_inspect')
    return html`
      <h1>${msg('Inspections', { id: 'inspections.title' })}</h1>
      <p class="lead">${msg('Civil-service inspections and internal audits: plan them, perform them on a phone at the desk, print the record.', { id: 'inspections.intro' })}</p>
      <div class="toolbar">
        <div class="field">
          <label for="orgUnitId">${msg('Unit', { id: 'inspections.unit' })}</label>
          <select id="orgUnitId" name="orgUnitId" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${(this.units.value ?? []).map((u) => html`<option value=${u.id} ?selected=${this.filters.orgUnitId === u.id}>${indentedName(u)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="kind">${msg('Form of inspection', { id: 'inspections.kind' })}</label>
          <select id="kind" name="kind" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${KINDS.map((k) => html`<option value=${k} ?selected=${this.filters.kind === k}>${kindLabel(k)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="status">${msg('Status', { id: 'common.status' })}</label>
          <select id="status" name="status" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.filters.status === s}>${statusLabel(s)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="from">${msg('From', { id: 'inspections.from' })}</label>
          <qms-date-input field-id="from" name="from" .value=${this.filters.from} @change=${this.handleFilter}></qms-date-input>
        </div>
        <div class="field">
          <label for="to">${msg('To', { id: 'inspections.to' })}</label>
          <qms-date-input field-id="to" name="to" .value=${this.filters.to} @change=${this.handleFilter}></qms-date-input>
        </div>
        ${mayPlan ? html`<a class="button primary" href="/inspections/new">${msg('Plan an inspection', { id: 'inspections.plan' })}</a>` : nothing}
      </div>
      <p>
        <a href="/findings">${msg('Findings', { id: 'nav.findings' })}</a> ·
        <a href="/checklist-templates">${msg('Checklists', { id: 'checklists.title' })}</a>
      </p>
      ${this.offline
        ? html`<p class="hint" role="note">${msg('No network: these are the inspections kept on this device.', { id: 'inspections.offlineList' })}</p>
            ${this.renderTable(this.kept)}`
        : this.inspections.render((items) => this.renderTable(items))}
    `
  }

  private renderTable(items: InspectionSummary[]) {
    const l = {
      number: msg('Number', { id: 'inspections.number' }),
      date: msg('Date', { id: 'inspections.date' }),
      unit: msg('Unit', { id: 'inspections.unit' }),
      kind: msg('Form of inspection', { id: 'inspections.kind' }),
      lead: msg('Lead inspector', { id: 'inspections.lead' }),
      status: msg('Status', { id: 'common.status' }),
      result: msg('Result', { id: 'inspections.resultColumn' }),
    }
    const kept = new Set(this.kept.map((k) => k.id))
    const offline = this.offline
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.number}</th><th>${l.date}</th><th>${l.unit}</th><th>${l.kind}</th><th>${l.lead}</th><th>${l.status}</th><th>${l.result}</th></tr></thead>
        <tbody>
          ${items.map(
            (i) => html`<tr>
              <td data-label=${l.number}><a href=${offline ? `/inspections/${i.id}/perform` : `/inspections/${i.id}`}>${i.number}</a><br /><span class="muted">${i.template.name}</span>
                ${kept.has(i.id) ? html`<br /><span class="chip offline-ready">${msg('Available offline', { id: 'inspections.offlineReady' })}</span>` : nothing}</td>
              <td data-label=${l.date}>${formatDate(i.inspectionDate)}</td>
              <td data-label=${l.unit}>${i.orgUnit.name}</td>
              <td data-label=${l.kind}>${kindLabel(i.kind)}</td>
              <td data-label=${l.lead}>${i.leadInspector.fullName}</td>
              <td data-label=${l.status}><span class=${`status ${i.status}`}>${statusLabel(i.status)}</span></td>
              <td data-label=${l.result}>
                ${i.score === null ? '—' : `${formatNumber(i.score, i.score % 1 ? 1 : 0)}%`}
                ${i.findingCount ? html`<br /><span class="result-fail">${msg('Findings', { id: 'nav.findings' })}: ${i.findingCount}</span>` : nothing}
              </td>
            </tr>`,
          )}
        </tbody>
      </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-inspections-page': QmsInspectionsPage
  }
}
