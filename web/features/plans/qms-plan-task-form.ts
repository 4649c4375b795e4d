import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { get, patch, post } from '../../api/client.ts'
import { indentedName, loadAllOrgUnits, loadOpenPlans } from '../../api/loaders.ts'
import type { PlanArea, PlanTaskDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { formatDate } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { areaName } from './plan-labels.ts'
import { planStyles } from './plan-styles.ts'
import '../../app/qms-date-input.ts'

/** What a new task starts from when it is raised from another record (a nonconformity, an off-target period). */
export interface TaskPrefill {
  source?: 'nonconformity' | 'objective' | 'par_criterion'
  sourceId?: string
  content?: string
  leadUnitId?: string
  deadline?: string
}

/**
 * @summary Adds a task to a plan, or changes one (managers): reform area, content,
 * expected output, lead unit, supporting units and deadline. Without `planId` the plan is
 * chosen in the form (a task raised from a nonconformity or an objective's period, with
 * `prefill`); with `task` the form changes that task (If-Match: a stale version is said so).
 * @event qms-changed - detail: the saved task
 * @event qms-cancel - the form was closed without saving
 */
@customElement('qms-plan-task-form')
@localized()
export class QmsPlanTaskForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, planStyles]

  @property() planId = ''
  /** The task to change; a new task without it. */
  @property({ attribute: false }) task?: PlanTaskDetail
  @property({ attribute: false }) prefill: TaskPrefill = {}
  private readonly form = new FormController(this)
  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly areas = new Task(this, { task: async (_a, { signal }) => (await get<{ items: PlanArea[] }>('/api/plan-areas', { signal })).items, args: () => [] })
  private readonly plans = new Task(this, { task: ([choose], { signal }) => (choose ? loadOpenPlans(signal) : Promise.resolve([])), args: () => [!this.planId && !this.task] as const })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body: Record<string, unknown> = { areaId: text('areaId'), content: text('content'), leadUnitId: text('leadUnitId'), supportUnitIds: data.getAll('supportUnitIds').map(String) }
    if (text('expectedOutput') || this.task?.expectedOutput) body.expectedOutput = text('expectedOutput') || null
    if (text('deadline')) body.deadline = text('deadline')
    if (!body.content) delete body.content
    const t = this.task
    const planId = this.planId || text('planId')
    await this.form.run(async () => {
      const saved = t
        ? await patch<PlanTaskDetail>(`/api/plans/${t.planId}/tasks/${t.id}`, body, { ifMatch: t.version })
        : await post<PlanTaskDetail>(`/api/plans/${planId}/tasks`, { ...body, ...(this.prefill.source ? { source: this.prefill.source, sourceId: this.prefill.sourceId } : {}) })
      this.dispatchEvent(new CustomEvent('qms-changed', { detail: saved, bubbles: true, composed: true }))
    })
  }

  override render() {
    const units = this.units.value ?? []
    const t = this.task
    const p = this.prefill
    const lead = t?.leadUnit.id ?? p.leadUnitId
    const support = new Set(t?.supportUnits.map((u) => u.id) ?? [])
    // A retired area takes no new task; the task's own area stays choosable.
    const areas = (this.areas.value ?? []).filter((a) => a.active || a.id === t?.area.id)
    const plans = this.plans.value ?? []
    return html`<form class="card" @submit=${this.handleSubmit} novalidate>
      ${!this.planId && !t
        ? this.form.field('planId', msg('Plan', { id: 'plans.plan' }),
            html`<select id="planId" name="planId">${plans.map((pl) => html`<option value=${pl.id}>${pl.number} (${formatDate(pl.issuedOn)}) — ${pl.title}</option>`)}</select>`)
        : nothing}
      ${this.form.field('areaId', msg('Reform area', { id: 'plans.area' }),
        html`<select id="areaId" name="areaId" aria-invalid=${this.form.invalid('areaId')} aria-describedby="areaId-error">${areas.map((a) => html`<option value=${a.id} ?selected=${a.id === t?.area.id}>${areaName(a)}</option>`)}</select>`)}
      ${this.form.field('content', msg('Task', { id: 'plans.content' }),
        html`<textarea id="content" name="content" rows="3" aria-invalid=${this.form.invalid('content')} aria-describedby="content-error" .value=${t?.content ?? p.content ?? ''}></textarea>`)}
      ${this.form.field('expectedOutput', msg('Expected output (optional)', { id: 'plans.outputInput' }),
        html`<input id="expectedOutput" name="expectedOutput" .value=${t?.expectedOutput ?? ''} />`)}
      <div class="grid-2">
        ${this.form.field('leadUnitId', msg('Lead unit', { id: 'plans.leadUnit' }),
          html`<select id="leadUnitId" name="leadUnitId" aria-invalid=${this.form.invalid('leadUnitId')} aria-describedby="leadUnitId-error">${units.map((u) => html`<option value=${u.id} ?selected=${u.id === lead}>${indentedName(u)}</option>`)}</select>`)}
        ${this.form.field('deadline', msg('Deadline', { id: 'plans.deadline' }),
          html`<qms-date-input field-id="deadline" name="deadline" .value=${t?.deadline ?? p.deadline ?? ''} invalid=${this.form.invalid('deadline')} describedby="deadline-error"></qms-date-input>`)}
      </div>
      ${this.form.field('supportUnitIds', msg('Supporting units (optional; several may be chosen)', { id: 'plans.supportInput' }),
        html`<select id="supportUnitIds" name="supportUnitIds" multiple size="4" aria-invalid=${this.form.invalid('supportUnitIds')} aria-describedby="supportUnitIds-error">${units.map((u) => html`<option value=${u.id} ?selected=${support.has(u.id)}>${indentedName(u)}</option>`)}</select>`)}
      ${this.form.message('sourceId') ? html`<p class="error" role="alert">${this.form.message('sourceId')}</p>` : nothing}
      ${this.form.renderError()}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.form.busy}>${t ? msg('Save changes', { id: 'plans.saveChanges' }) : msg('Add task', { id: 'plans.saveTask' })}</button>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('qms-cancel', { bubbles: true, composed: true }))}>${msg('Cancel', { id: 'common.cancel' })}</button>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plan-task-form': QmsPlanTaskForm
  }
}
