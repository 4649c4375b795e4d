import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, type Page } from '../../api/client.ts'
import type { Action, ComplianceSummary, CriterionCell, IndicatorSummary, ObjectiveSummary } from '../../api/types.ts'
import { roleLabel } from '../../app/labels.ts'
import { SessionController } from '../../app/session.ts'
import '../inspections/qms-auditor-day.ts'
import { addDaysIso, todayIso, formatDate, formatNumber, plural } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { categoryLabel } from '../checklist-templates/checklist-labels.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import './qms-trend-chart.ts'
import '../objectives/qms-objectives-panel.ts'
import { targetText } from '../objectives/objective-labels.ts'
import '../../app/qms-date-input.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/** A tile's target: its words, and whether the period's figure misses it. */
interface Goal {
  off: boolean
  html: unknown
}

interface Period {
  from: string
  to: string
  orgUnitId: string
}

const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`

/** The 12 months up to `end`: from the 1st of the month eleven months before it. */
const twelveMonthsTo = (end: Date) => ({ from: iso(new Date(end.getFullYear(), end.getMonth() - 11, 1)), to: iso(end) })

/** Quick picks: the last 12 months (to today), this year, and the two halves of this year. */
function presets(): { id: string; label: string; from: string; to: string }[] {
  // Today in the agency's calendar, as a local date for the month arithmetic.
  const [ty, tm, td] = todayIso().split('-').map(Number)
  const now = new Date(ty, tm - 1, td)
  const y = ty
  return [
    { id: 'last12', label: msg('Last 12 months', { id: 'dashboard.preset.last12' }), ...twelveMonthsTo(now) },
    { id: 'year', label: msg(str`Year ${y}`, { id: 'dashboard.preset.year' }), from: `${y}-01-01`, to: `${y}-12-31` },
    { id: 'h1', label: msg(str`First half of ${y}`, { id: 'dashboard.preset.h1' }), from: `${y}-01-01`, to: `${y}-06-30` },
    { id: 'h2', label: msg(str`Second half of ${y}`, { id: 'dashboard.preset.h2' }), from: `${y}-07-01`, to: `${y}-12-31` },
  ]
}

const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${formatNumber(rate * 100, 1)} %`)

/**
 * @summary The start page. Those who read reports see where the agency (or a unit) stands
 * over a period: KPI tiles, monthly trends, the unit × criterion table, overdue actions and
 * documents due for review — every number links to the records behind it, and every table
 * exports to CSV and XLSX. Everyone else sees their own open actions.
 */
@customElement('qms-dashboard-page')
@localized()
export class QmsDashboardPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    css`
      .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: var(--qms-space-3); margin-bottom: var(--qms-space-4); }
      a.tile { display: grid; gap: 2px; align-content: start; min-width: 0; overflow-wrap: break-word; hyphens: auto; padding: var(--qms-space-3); color: inherit; text-decoration: none; background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); box-shadow: var(--qms-shadow); }
      a.tile:hover, a.tile:focus-visible { border-color: var(--qms-primary); }
      a.tile.alert { border-left: 4px solid var(--qms-danger); }
      .tile .value { font-size: 1.6rem; font-weight: 700; }
      .tile .label { font-weight: 600; }
      .tile .sub { color: var(--qms-muted); font-size: 0.85rem; }
      .tile .delta { font-size: 0.85rem; }
      .tile .target { font-size: 0.85rem; color: var(--qms-muted); }
      .tile .target.off { color: var(--qms-danger); font-weight: 600; }
      section.card { margin-bottom: var(--qms-space-4); }
      section.card h2 { margin-top: 0; font-size: 1.1rem; }
      .exports { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); margin-top: var(--qms-space-2); }
      .presets { display: flex; flex-wrap: wrap; gap: var(--qms-space-1); }
      .matrix td.rate { text-align: right; white-space: nowrap; }
      .matrix td.low a { color: var(--qms-danger); font-weight: 700; }
      .two { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: var(--qms-space-4); }
      ul.plain { list-style: none; padding: 0; margin: 0; display: grid; gap: var(--qms-space-2); }
      ul.plain li { overflow-wrap: anywhere; }
      /* A phone shows two tiles a row: smaller figures, names wrapping between words. */
      @media (max-width: 600px) {
        .tiles { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: var(--qms-space-2); }
        a.tile { padding: var(--qms-space-2); }
        .tile .value { font-size: 1.3rem; }
        .tile .label { font-size: 0.9rem; line-height: 1.25; }
        .tile .sub, .tile .delta { font-size: 0.8rem; }
        .presets button { flex: 1 1 40%; }
      }
      .notice { display: flex; flex-wrap: wrap; align-items: center; gap: var(--qms-space-2); }
    `,
  ]

  private readonly session = new SessionController(this)
  /** The address's query string: the period and unit (`from`, `to`, `orgUnitId`), so Back and a shared link keep them. */
  @property({ attribute: false }) query?: URLSearchParams
  /** The year's objectives, as the objectives panel read them (for the tiles' targets). */
  @state() private objectives: ObjectiveSummary[] = []
  @state() private period: Period = { from: presets()[0].from, to: presets()[0].to, orgUnitId: '' }

  override connectedCallback() {
    super.connectedCallback()
    const q = this.query
    const date = (name: string) => {
      const value = q?.get(name) ?? ''
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null
    }
    const from = date('from')
    const to = date('to')
    if (from && to && from <= to) this.period = { from, to, orgUnitId: q?.get('orgUnitId') ?? '' }
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    // The period is kept in the address (replacing the entry, so Back leaves the dashboard as usual).
    if (changed.has('period') && location.pathname === '/dashboard') {
      const next = `/dashboard?${this.q()}`
      if (next !== location.pathname + location.search) history.replaceState(null, '', next)
    }
  }

  private readonly units = new Task(this, { task: (_a, { signal }) => (this.session.can('report.read') ? loadAllOrgUnits(signal) : Promise.resolve([])), args: () => [this.session.can('report.read')] })
  private readonly summary = new Task(this, {
    task: ([period, allowed], { signal }) => (allowed ? get<ComplianceSummary>('/api/reports/compliance', { query: { ...period }, signal }) : Promise.resolve(null)),
    args: () => [this.period, this.session.can('report.read')] as const,
  })
  /** The period of the same length just before, for the tiles' change. */
  private readonly previous = new Task(this, {
    task: ([period, allowed], { signal }) => {
      if (!allowed) return Promise.resolve(null)
      const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1
      return get<ComplianceSummary>('/api/reports/compliance', { query: { ...period, from: addDaysIso(period.from, -days), to: addDaysIso(period.from, -1) }, signal })
    },
    args: () => [this.period, this.session.can('report.read')] as const,
  })
  private readonly myActions = new Task(this, {
    task: ([userId], { signal }) => (userId ? get<Page<Action>>('/api/actions', { query: { ownerId: userId, status: 'open', limit: 20 }, signal }) : Promise.resolve(null)),
    args: () => [this.session.info?.user.id] as const,
  })

  /** The units the caller reads reports of: everywhere for managers, auditors and admins; a head of unit, their own subtree. */
  private visibleUnits() {
    const units = this.units.value ?? []
    const user = this.session.info?.user
    if (!user || user.roles.some((r) => r === 'admin' || r === 'manager' || r === 'auditor')) return units
    const inScope = new Set(user.orgUnitId ? [user.orgUnitId] : [])
    for (let grew = true; grew; ) {
      grew = false
      for (const u of units) if (u.parentId && inScope.has(u.parentId) && !inScope.has(u.id)) grew = Boolean(inScope.add(u.id))
    }
    return units.filter((u) => inScope.has(u.id))
  }

  private handlePeriod(event: Event) {
    const input = event.target as HTMLInputElement | HTMLSelectElement
    if (input.name === 'from' || input.name === 'to') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.value)) return
    }
    this.period = { ...this.period, [input.name]: input.value }
  }

  /** The period and unit as list filters, for drill-down links. */
  private q(extra: Record<string, string> = {}) {
    const params = new URLSearchParams({ from: this.period.from, to: this.period.to })
    if (this.period.orgUnitId) params.set('orgUnitId', this.period.orgUnitId)
    for (const [k, v] of Object.entries(extra)) params.set(k, v)
    return params.toString()
  }

  private exportLinks(table: string) {
    const base = `/api/reports/compliance/export?${this.q({ table })}`
    return html`<div class="exports">
      <a class="button" href=${`${base}&format=xlsx`} download>${msg('Export XLSX', { id: 'dashboard.exportXlsx' })}</a>
      <a class="button" href=${`${base}&format=csv`} download>${msg('Export CSV', { id: 'dashboard.exportCsv' })}</a>
    </div>`
  }

  override render() {
    const user = this.session.info?.user
    if (!user) return html``
    return html`
      <h1>${msg('Dashboard', { id: 'dashboard.title' })}</h1>
      ${this.session.can('inspection.write') || this.session.can('inspection.self_inspect') ? html`<qms-auditor-day></qms-auditor-day>` : nothing}
      ${this.session.can('report.read') ? this.renderCompliance() : this.renderPersonal()}
    `
  }

  private renderPersonal() {
    const user = this.session.info!.user
    return html`<p class="lead">${msg(str`Hello, ${user.fullName}.`, { id: 'dashboard.welcome' })}</p>
      <section class="card">
        <h2>${msg('My open actions', { id: 'dashboard.myActions' })}</h2>
        ${this.myActions.render({
          pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
          complete: (page) =>
            page?.items.length
              ? html`<ul class="plain">${page.items.map((a) => html`<li><a href=${`/nonconformities/${a.nonconformityId}`}>${a.nonconformityCode}</a> — ${a.description} · ${msg('due', { id: 'dashboard.due' })} ${formatDate(a.dueDate)}</li>`)}</ul>`
              : html`<p class="muted">${msg('No open actions assigned to you.', { id: 'dashboard.noActions' })}</p>`,
          error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
        })}
        <p><strong>${msg('Your roles', { id: 'dashboard.yourRoles' })}:</strong> ${user.roles.map((r) => html`<span class="chip">${roleLabel(r)}</span>`)}</p>
        <p><strong>${msg('Unit', { id: 'dashboard.yourUnit' })}:</strong> ${user.orgUnit?.name ?? '—'}</p>
      </section>`
  }

  private renderCompliance() {
    return html`
      <form class="toolbar" @submit=${(e: Event) => e.preventDefault()} aria-label=${msg('Period and unit', { id: 'dashboard.periodForm' })}>
        <div class="field">
          <label for="from">${msg('From', { id: 'dashboard.from' })}</label>
          <qms-date-input field-id="from" name="from" .value=${this.period.from} @change=${this.handlePeriod}></qms-date-input>
        </div>
        <div class="field">
          <label for="to">${msg('To', { id: 'dashboard.to' })}</label>
          <qms-date-input field-id="to" name="to" .value=${this.period.to} @change=${this.handlePeriod}></qms-date-input>
        </div>
        <div class="field grow">
          <label for="orgUnitId">${msg('Unit', { id: 'dashboard.unit' })}</label>
          <select id="orgUnitId" name="orgUnitId" @change=${this.handlePeriod}>
            <option value="">${msg('Whole organisation', { id: 'dashboard.wholeOrg' })}</option>
            ${this.visibleUnits().map((u) => html`<option value=${u.id} ?selected=${u.id === this.period.orgUnitId}>${indentedName(u)}</option>`)}
          </select>
        </div>
        <div class="presets" role="group" aria-label=${msg('Quick periods', { id: 'dashboard.presets' })}>
          ${presets().map((p) => html`<button type="button" @click=${() => (this.period = { ...this.period, from: p.from, to: p.to })}>${p.label}</button>`)}
        </div>
      </form>
      ${this.summary.render({
        pending: () => (this.summary.value ? this.renderSummary(this.summary.value) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: (s) => (s ? this.renderSummary(s) : nothing),
        error: (e) => html`<p role="alert">${(e as Error).message || msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
    `
  }

  /** A period without inspections or dossiers (a year before the records began, or one unit that went quiet) offers the year up to the latest ones. */
  private renderEmptyPeriod(s: ComplianceSummary) {
    const empty = s.inspections.byStatus.completed + s.dossiers.received === 0
    const latest = s.latestActivityOn
    if (!empty || !latest || (latest >= s.from && latest <= s.to)) return nothing
    const [y, m, d] = latest.split('-').map(Number)
    const year = twelveMonthsTo(new Date(y, m - 1, d))
    return html`<p class="card notice" role="status">
      ${msg(str`No inspection was held and no dossier received in this period. The latest are from ${formatDate(latest)}.`, { id: 'dashboard.empty' })}
      <button type="button" @click=${() => (this.period = { ...this.period, ...year })}>
        ${msg(str`Show the 12 months up to ${formatDate(latest)}`, { id: 'dashboard.showLatest' })}
      </button>
    </p>`
  }

  /**
   * The target of the indicator that measures the same figure as a tile (the dashboard
   * unit's own objective first; a pass rate only when it counts every category), and
   * whether the tile's figure for the period misses it. Rates are shares (0–1), targets
   * percents; a count is compared as it is (a maximum of complaints per quarter is missed
   * by any period that exceeds it).
   */
  private goal(metric: NonNullable<IndicatorSummary['metric']>, figure: number | null): Goal | undefined {
    const found = this.objectives.flatMap((o) => o.indicators.filter((i) => i.metric === metric && i.category === null).map((i) => ({ unit: o.ownerUnit.id, i })))
    const indicator = (found.find((f) => f.unit === this.period.orgUnitId) ?? found[0])?.i
    if (!indicator) return undefined
    const value = figure === null ? null : indicator.measure === 'percent' ? figure * 100 : figure
    const off = value !== null && ((indicator.targetMin !== null && value < indicator.targetMin) || (indicator.targetMax !== null && value > indicator.targetMax))
    const text = msg(str`Target ${targetText(indicator)}`, { id: 'dashboard.kpi.target' })
    return { off, html: html`<span class=${`target${off ? ' off' : ''}`}>${off ? msg(str`${text} · off target`, { id: 'dashboard.kpi.offTarget' }) : text}</span>` }
  }

  private renderSummary(s: ComplianceSummary) {
    const passed = s.criteria.overall.reduce((n, c) => n + c.passed, 0)
    const failed = s.criteria.overall.reduce((n, c) => n + c.failed, 0)
    const passRate = passed + failed ? passed / (passed + failed) : null
    const nc = s.nonconformities
    const unitQ = this.period.orgUnitId ? `?orgUnitId=${this.period.orgUnitId}` : ''
    const tile = (href: string, value: unknown, label: string, sub: unknown = nothing, alert = false, delta: unknown = nothing, goal?: Goal) =>
      html`<a class=${`tile${alert || goal?.off ? ' alert' : ''}`} href=${href}><span class="value">${value}</span><span class="label">${label}</span><span class="sub">${sub}</span>${delta}${goal?.html ?? nothing}</a>`
    // The change against the period of the same length just before (nothing while it loads or when it had no data).
    const p = this.previous.value
    const pPassed = p ? p.criteria.overall.reduce((n, c) => n + c.passed, 0) : 0
    const pFailed = p ? p.criteria.overall.reduce((n, c) => n + c.failed, 0) : 0
    const sign = (n: number, text: string) => (n > 0 ? `▲ +${text}` : n < 0 ? `▼ −${text}` : '=')
    const rateDelta = (now: number | null | undefined, before: number | null | undefined) =>
      now === null || now === undefined || before === null || before === undefined
        ? nothing
        : html`<span class="delta">${msg(str`${sign(now - before, formatNumber(Math.abs(now - before) * 100, 1))} points on the period before`, { id: 'dashboard.deltaPoints' })}</span>`
    const countDelta = (now: number, before: number | undefined) =>
      before === undefined ? nothing : html`<span class="delta">${msg(str`${sign(now - before, String(Math.abs(now - before)))} on the period before`, { id: 'dashboard.deltaCount' })}</span>`
    return html`
      <p class="muted">${msg(str`From ${formatDate(s.from)} to ${formatDate(s.to)}`, { id: 'dashboard.period' })}${s.orgUnit ? html` · ${s.orgUnit.name}` : nothing}</p>
      ${this.renderEmptyPeriod(s)}
      <section class="tiles" aria-label=${msg('Key figures', { id: 'dashboard.kpis' })}>
        ${tile(`/inspections?${this.q({ status: 'completed' })}`, s.inspections.byStatus.completed, msg('Inspections held', { id: 'dashboard.kpi.inspections' }),
          plural(s.inspections.unitsInspected, () => msg(str`${s.inspections.unitsInspected} unit inspected`, { id: 'dashboard.kpi.units.one' }), () => msg(str`${s.inspections.unitsInspected} units inspected`, { id: 'dashboard.kpi.units' })), false, countDelta(s.inspections.byStatus.completed, p?.inspections.byStatus.completed))}
        ${tile(`/findings?${this.q()}`, percent(passRate), msg('Checklist items passed', { id: 'dashboard.kpi.passRate' }),
          msg(str`${failed} failed of ${passed + failed}`, { id: 'dashboard.kpi.failed' }), passRate !== null && passRate < 0.9, rateDelta(passRate, pPassed + pFailed ? pPassed / (pPassed + pFailed) : null), this.goal('inspection_pass_rate', passRate))}
        ${tile(`/findings?${this.q({ handling: 'on_spot_reminder' })}`, s.findings.byHandling.on_spot_reminder, msg('Reminded on the spot', { id: 'dashboard.kpi.reminders' }),
          plural(s.findings.total, () => msg(str`of ${s.findings.total} finding`, { id: 'dashboard.kpi.findings.one' }), () => msg(str`of ${s.findings.total} findings`, { id: 'dashboard.kpi.findings' })))}
        ${tile(`/nonconformities${unitQ}`, nc.open, msg('Open nonconformities', { id: 'dashboard.kpi.ncOpen' }),
          msg(str`${nc.overdue} overdue`, { id: 'dashboard.kpi.ncOverdue' }), nc.overdue > 0)}
        ${tile(`/nonconformities${unitQ}`, nc.daysToClose.median === null ? '—' : formatNumber(nc.daysToClose.median, 1), msg('Median days to close', { id: 'dashboard.kpi.median' }),
          msg(str`effective at first check: ${percent(nc.effectiveAtFirstCheck.share)}`, { id: 'dashboard.kpi.effective' }))}
        ${tile(`/nonconformities?${new URLSearchParams({ ...(this.period.orgUnitId ? { orgUnitId: this.period.orgUnitId } : {}), overdue: 'true' })}`, s.overdueActions.total,
          msg('Overdue actions', { id: 'dashboard.kpi.overdueActions' }), nothing, s.overdueActions.total > 0)}
        ${tile(`/dossiers/stats?${this.q()}`, percent(s.dossiers.onTimeRate), msg('Dossiers resolved on time', { id: 'dashboard.kpi.onTime' }),
          msg(str`${s.dossiers.resolvedOnTime} of ${s.dossiers.resolved} resolved`, { id: 'dashboard.kpi.resolved' }), false, rateDelta(s.dossiers.onTimeRate, p?.dossiers.onTimeRate), this.goal('dossiers_on_time', s.dossiers.onTimeRate))}
        ${tile(`/dossiers?${this.q({ channel: 'online' })}`, percent(s.dossiers.onlineShare), msg('Dossiers received online', { id: 'dashboard.kpi.online' }),
          msg(str`${s.dossiers.receivedOnline} of ${s.dossiers.received} received`, { id: 'dashboard.kpi.received' }), false, rateDelta(s.dossiers.onlineShare, p?.dossiers.onlineShare), this.goal('dossiers_online', s.dossiers.onlineShare))}
        ${tile(`/complaints?${this.q()}`, s.complaints.total, msg('Complaints and feedback', { id: 'dashboard.kpi.complaints' }),
          msg(str`${s.complaints.complaint} complaints, ${s.complaints.denunciation} denunciations`, { id: 'dashboard.kpi.complaintSplit' }), false, countDelta(s.complaints.total, p?.complaints.total), this.goal('complaints_received', s.complaints.total))}
        ${tile('/documents/review-due', s.documents.dueForReview, msg('Documents due for review', { id: 'dashboard.kpi.documents' }),
          msg(str`${s.documents.overdue} overdue`, { id: 'dashboard.kpi.documentsOverdue' }), s.documents.overdue > 0)}
      </section>

      ${this.session.can('objective.read')
        ? html`<qms-objectives-panel .year=${Number(s.to.slice(0, 4))} .orgUnitId=${this.period.orgUnitId ?? ''}
            @qms-objectives-loaded=${(e: CustomEvent<ObjectiveSummary[]>) => (this.objectives = e.detail)}></qms-objectives-panel>`
        : nothing}

      <section class="card" aria-labelledby="trend-title">
        <h2 id="trend-title">${s.seriesGrain === 'year' ? msg('Year by year', { id: 'dashboard.trend.years' }) : msg('Month by month', { id: 'dashboard.trend' })}</h2>
        <qms-trend-chart .points=${s.monthly} .grain=${s.seriesGrain}></qms-trend-chart>
        ${this.exportLinks('monthly')}
      </section>

      <section class="card" aria-labelledby="matrix-title">
        <h2 id="matrix-title">${msg('Pass rate by unit and criterion', { id: 'dashboard.matrix' })}</h2>
        ${this.renderMatrix(s)}
        ${this.exportLinks('criteria')}
      </section>

      <div class="two">
        <section class="card" aria-labelledby="actions-title">
          <h2 id="actions-title">${msg('Overdue corrective actions', { id: 'dashboard.overdueActions' })}</h2>
          ${s.overdueActions.items.length
            ? html`<ul class="plain">${s.overdueActions.items.map(
                (a) => html`<li><a href=${`/nonconformities/${a.nonconformityId}`}>${a.nonconformityCode}</a> — ${a.description}<br /><span class="muted">${a.ownerName} · ${a.orgUnitName} · ${plural(a.daysOverdue, () => msg(str`${a.daysOverdue} day overdue`, { id: 'dashboard.daysOverdue.one' }), () => msg(str`${a.daysOverdue} days overdue`, { id: 'dashboard.daysOverdue' }))}</span></li>`,
              )}</ul>`
            : html`<p class="muted">${msg('No overdue actions.', { id: 'dashboard.noOverdue' })}</p>`}
          ${this.exportLinks('overdue-actions')}
        </section>
        <section class="card" aria-labelledby="docs-title">
          <h2 id="docs-title">${msg('Documents due for review', { id: 'dashboard.kpi.documents' })}</h2>
          ${s.documents.items.length
            ? html`<ul class="plain">${s.documents.items.map(
                (d) => html`<li><a href=${`/documents/${d.id}`}>${d.code}</a> — ${d.title}<br /><span class=${d.overdue ? 'error' : 'muted'}>${msg('Review due', { id: 'dashboard.reviewDue' })}: ${formatDate(d.nextReviewDue)}</span></li>`,
              )}</ul>`
            : html`<p class="muted">${msg('No document is due for review in the next 30 days.', { id: 'dashboard.noDocuments' })}</p>`}
          ${this.exportLinks('documents-due')}
        </section>
      </div>

      <div class="two">
        <section class="card" aria-labelledby="inspections-title">
          <h2 id="inspections-title">${msg('Inspections by form', { id: 'dashboard.byKind' })}</h2>
          ${this.renderCounts(Object.entries(s.inspections.byKind), (k) => `/inspections?${this.q({ kind: k })}`, kindName)}
          ${this.exportLinks('inspections')}
        </section>
        <section class="card" aria-labelledby="findings-title">
          <h2 id="findings-title">${msg('Findings by handling', { id: 'dashboard.byHandling' })}</h2>
          ${this.renderCounts(Object.entries(s.findings.byHandling), (k) => `/findings?${this.q({ handling: k })}`, handlingName)}
          ${this.exportLinks('findings')}
        </section>
      </div>
    `
  }

  private renderCounts(entries: [string, number][], href: (key: string) => string, name: (key: string) => string) {
    return html`<table class="matrix"><tbody>
      ${entries.map(([k, v]) => html`<tr><td>${name(k)}</td><td class="rate"><a href=${href(k)}>${v}</a></td></tr>`)}
    </tbody></table>`
  }

  private renderMatrix(s: ComplianceSummary) {
    if (!s.criteria.units.length) return html`<p class="muted">${msg('No completed inspection in this period.', { id: 'dashboard.noInspections' })}</p>`
    const categories = s.criteria.overall.map((c) => c.category)
    const cellOf = (cells: CriterionCell[], c: string) => cells.find((x) => x.category === c)
    const rateCell = (unitId: string | null, cell: CriterionCell | undefined) => {
      if (!cell || cell.passRate === null) return html`<td class="rate">—</td>`
      const href = `/findings?${new URLSearchParams({ from: s.from, to: s.to, category: cell.category, ...(unitId ? { orgUnitId: unitId } : this.period.orgUnitId ? { orgUnitId: this.period.orgUnitId } : {}) })}`
      return html`<td class=${`rate${cell.passRate < 0.9 ? ' low' : ''}`}><a href=${href} title=${msg(str`${cell.failed} failed of ${cell.passed + cell.failed}`, { id: 'dashboard.kpi.failed' })}>${percent(cell.passRate)}</a></td>`
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="matrix">
      <thead><tr><th>${msg('Unit', { id: 'dashboard.unit' })}</th>${categories.map((c) => html`<th>${categoryLabel(c)}</th>`)}</tr></thead>
      <tbody>
        ${s.criteria.units.map((u) => html`<tr><td>${u.name}</td>${categories.map((c) => rateCell(u.orgUnitId, cellOf(u.cells, c)))}</tr>`)}
        <tr class="total"><td><strong>${msg('All units', { id: 'dashboard.allUnits' })}</strong></td>${categories.map((c) => rateCell(null, cellOf(s.criteria.overall, c)))}</tr>
      </tbody>
    </table></div>`
  }
}

function kindName(kind: string): string {
  switch (kind) {
    case 'self':
      return msg('Self-inspection', { id: 'dashboard.kind.self' })
    case 'internal':
      return msg('Internal inspection', { id: 'dashboard.kind.internal' })
    case 'briefing':
      return msg('At a briefing meeting', { id: 'dashboard.kind.briefing' })
    case 'unannounced':
      return msg('Unannounced', { id: 'dashboard.kind.unannounced' })
    default:
      return msg('Internal ISO audit', { id: 'dashboard.kind.internal_audit' })
  }
}

function handlingName(handling: string): string {
  switch (handling) {
    case 'on_spot_reminder':
      return msg('Reminded on the spot', { id: 'dashboard.kpi.reminders' })
    case 'criticism':
      return msg('Criticism', { id: 'dashboard.handling.criticism' })
    case 'self_review':
      return msg('Self-review', { id: 'dashboard.handling.self_review' })
    case 'nc_raised':
      return msg('Nonconformity raised', { id: 'dashboard.handling.nc_raised' })
    default:
      return msg('Not yet handled', { id: 'dashboard.handling.none' })
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-dashboard-page': QmsDashboardPage
  }
}
