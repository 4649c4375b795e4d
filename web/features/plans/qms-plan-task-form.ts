import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { get, post } from '../../api/client.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import type { PlanArea, PlanTaskDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { areaName } from './plan-labels.ts'
import { planStyles } from './plan-styles.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary Adds a task to a plan (managers): reform area, content, expected output, lead
 * unit, supporting units and deadline.
 * @event qms-changed - the task was added
 * @event qms-cancel - the form was closed without saving
 */
@customElement('qms-plan-task-form')
@localized()
export class QmsPlanTaskForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, planStyles]

  @property() planId = ''
  private readonly form = new FormController(this)
  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly areas = new Task(this, { task: async (_a, { signal }) => (await get<{ items: PlanArea[] }>('/api/plan-areas', { signal })).items.filter((a) => a.active), args: () => [] })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body: Record<string, unknown> = { areaId: text('areaId'), content: text('content'), leadUnitId: text('leadUnitId'), supportUnitIds: data.getAll('supportUnitIds').map(String) }
    if (text('expectedOutput')) body.expectedOutput = text('expectedOutput')
    if (text('deadline')) body.deadline = text('deadline')
    if (!body.content) delete body.content
    await this.form.run(async () => {
      await post<PlanTaskDetail>(`/api/plans/${this.planId}/tasks`, body)
      this.dispatchEvent(new CustomEvent('qms-changed', { bubbles: true, composed: true }))
    })
  }

  override render() {
    const units = this.units.value ?? []
    return html`<form class="card" @submit=${this.handleSubmit} novalidate>
      ${this.form.field('areaId', msg('Reform area', { id: 'plans.area' }),
        html`<select id="areaId" name="areaId">${(this.areas.value ?? []).map((a) => html`<option value=${a.id}>${areaName(a)}</option>`)}</select>`)}
      ${this.form.field('content', msg('Task', { id: 'plans.content' }),
        html`<textarea id="content" name="content" rows="3" aria-invalid=${this.form.invalid('content')} aria-describedby="content-error"></textarea>`)}
      ${this.form.field('expectedOutput', msg('Expected output (optional)', { id: 'plans.outputInput' }),
        html`<input id="expectedOutput" name="expectedOutput" />`)}
      <div class="grid-2">
        ${this.form.field('leadUnitId', msg('Lead unit', { id: 'plans.leadUnit' }),
          html`<select id="leadUnitId" name="leadUnitId" aria-invalid=${this.form.invalid('leadUnitId')} aria-describedby="leadUnitId-error">${units.map((u) => html`<option value=${u.id}>${indentedName(u)}</option>`)}</select>`)}
        ${this.form.field('deadline', msg('Deadline', { id: 'plans.deadline' }),
          html`<qms-date-input field-id="deadline" name="deadline" invalid=${this.form.invalid('deadline')} describedby="deadline-error"></qms-date-input>`)}
      </div>
      ${this.form.field('supportUnitIds', msg('Supporting units (optional; several may be chosen)', { id: 'plans.supportInput' }),
        html`<select id="supportUnitIds" name="supportUnitIds" multiple size="4" aria-invalid=${this.form.invalid('supportUnitIds')} aria-describedby="supportUnitIds-error">${units.map((u) => html`<option value=${u.id}>${indentedName(u)}</option>`)}</select>`)}
      ${this.form.renderError()}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Add task', { id: 'plans.saveTask' })}</button>
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
