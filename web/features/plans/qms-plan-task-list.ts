import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get } from '../../api/client.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import type { PlanArea, PlanTask } from '../../api/types.ts'
import { PagedList } from '../../app/paged-list.ts'
import { formatDate } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { areaName, TASK_STATUSES, taskStatusLabel } from './plan-labels.ts'
import { planStyles } from './plan-styles.ts'

const FILTERS = ['q', 'areaId', 'status', 'orgUnitId', 'overdue'] as const
type Filters = Record<(typeof FILTERS)[number], string>

/**
 * @summary Tasks with their filters (reform area, status, unit with its subtree, overdue,
 * words), grouped by area: one plan's (`planId`) or every plan's, by deadline. Filters
 * start from `query` (the page's address), so a notification or a count can link to a
 * selection.
 */
@customElement('qms-plan-task-list')
@localized()
export class QmsPlanTaskList extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    planStyles,
    css`
      .toolbar .field { flex: 1 1 150px; }
      .toolbar .check { flex: 1 1 120px; }
      h3 { margin: var(--qms-space-4) 0 var(--qms-space-2); font-size: 1rem; }
    `,
  ]

  /** The plan whose tasks are listed; empty: every plan's. */
  @property() planId = ''
  @property({ attribute: false }) query?: URLSearchParams
  @state() private filters: Filters = Object.fromEntries(FILTERS.map((f) => [f, ''])) as Filters

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('query') && this.query) this.filters = Object.fromEntries(FILTERS.map((f) => [f, this.query!.get(f) ?? ''])) as Filters
  }

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly areas = new Task(this, { task: async (_a, { signal }) => (await get<{ items: PlanArea[] }>('/api/plan-areas', { signal })).items, args: () => [] })
  private tasks?: PagedList<PlanTask>

  // The list's address depends on the plan, set before the element is connected.
  override connectedCallback() {
    super.connectedCallback()
    this.tasks ??= new PagedList<PlanTask>(this, this.planId ? `/api/plans/${this.planId}/tasks` : '/api/plan-tasks', () => this.filters)
  }

  /** Reloads the list (after a task was added). */
  reload() {
    void this.tasks?.reload()
  }

  private handleFilter(event: Event) {
    const input = event.target as HTMLInputElement | HTMLSelectElement
    const value = input instanceof HTMLInputElement && input.type === 'checkbox' ? (input.checked ? 'true' : '') : input.value
    this.filters = { ...this.filters, [input.name]: value }
  }

  private select(name: keyof Filters, label: string, options: [string, string][]) {
    return html`<div class="field">
      <label for=${name}>${label}</label>
      <select id=${name} name=${name} @change=${this.handleFilter}>
        <option value="">${msg('All', { id: 'common.all' })}</option>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${this.filters[name] === value}>${text}</option>`)}
      </select>
    </div>`
  }

  override render() {
    const f = this.filters
    return html`<div class="toolbar">
        <div class="field">
          <label for="q">${msg('Search', { id: 'plans.search' })}</label>
          <input id="q" name="q" type="search" .value=${f.q} @input=${this.handleFilter} />
        </div>
        ${this.select('areaId', msg('Reform area', { id: 'plans.area' }), (this.areas.value ?? []).map((a) => [a.id, areaName(a)]))}
        ${this.select('status', msg('Status', { id: 'common.status' }), TASK_STATUSES.map((s) => [s, taskStatusLabel(s)]))}
        ${this.select('orgUnitId', msg('Unit', { id: 'plans.unit' }), (this.units.value ?? []).map((u) => [u.id, indentedName(u)]))}
        <label class="check"><input type="checkbox" name="overdue" .checked=${f.overdue === 'true'} @change=${this.handleFilter} /> ${msg('Overdue', { id: 'plans.overdue' })}</label>
      </div>
      ${this.tasks?.render((items) => this.renderGroups(items), msg('No tasks in this selection.', { id: 'plans.tasks.empty' }))}`
  }

  /** One group per area, in the order the tasks come (a plan's order, or by deadline). */
  private renderGroups(items: PlanTask[]) {
    const groups = new Map<string, { area: PlanArea; tasks: PlanTask[] }>()
    for (const t of items) {
      const group = groups.get(t.area.id) ?? { area: t.area, tasks: [] }
      group.tasks.push(t)
      groups.set(t.area.id, group)
    }
    const ordered = [...groups.values()].sort((a, b) => a.area.position - b.area.position)
    return html`${ordered.map(
      (g) => html`<section aria-label=${areaName(g.area)}>
        <h3>${areaName(g.area)} <span class="meta">(${g.tasks.length})</span></h3>
        <ul class="cards">${g.tasks.map((t) => this.renderTask(t))}</ul>
      </section>`,
    )}`
  }

  private renderTask(t: PlanTask) {
    return html`<li class=${t.overdue ? 'is-overdue' : ''} data-testid="plan-task">
      <span>
        <span class=${`badge status-${t.status}`}>${taskStatusLabel(t.status)}</span>
        ${t.overdue ? html`<span class="badge overdue">${msg('Overdue', { id: 'plans.overdue' })}</span>` : nothing}
        ${t.dueSoon ? html`<span class="badge due-soon">${msg('Due soon', { id: 'plans.dueSoon' })}</span>` : nothing}
      </span>
      <a class="content" href=${`/plans/${t.planId}/tasks/${t.id}`}>${t.position}. ${t.content}</a>
      <span class="meta">${msg(str`Lead: ${t.leadUnit.name} · deadline ${formatDate(t.deadline)}`, { id: 'plans.tasks.leadDeadline' })}${this.planId ? '' : ` · ${t.plan.number}`}</span>
      ${t.lastUpdate ? html`<span class="meta">${formatDate(t.lastUpdate.reportedOn)}: ${t.lastUpdate.note}</span>` : nothing}
    </li>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plan-task-list': QmsPlanTaskList
  }
}
