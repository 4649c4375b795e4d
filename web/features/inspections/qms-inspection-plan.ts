import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { get, patch, post, type Page } from '../../api/client.ts'
import type { ChecklistTemplate, Inspection } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { roleLabel } from '../../app/labels.ts'
import { SessionController } from '../../app/session.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { indentedName, loadActiveUsers, loadAllOrgUnits } from '../../api/loaders.ts'
import { KINDS, kindLabel } from './inspection-labels.ts'
import '../../app/qms-date-input.ts'
import { todayIso } from '../../i18n/localization.ts'

/**
 * @summary Plans an inspection: checklist, unit, form, date, lead inspector and team,
 * the plan or decision it follows and the place. A head of unit plans self-inspections only.
 * @event qms-navigate - detail `{ to }`: to the new inspection after saving
 */
@customElement('qms-inspection-plan')
@localized()
export class QmsInspectionPlan extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  /** Set: edits this planned inspection (until it starts) instead of planning a new one. */
  @property() inspectionId = ''

  private readonly session = new SessionController(this)
  private readonly form = new FormController(this)

  private readonly editing = new Task(this, {
    task: async ([id], { signal }) => (id ? get<Inspection>(`/api/inspections/${id}`, { signal }) : undefined),
    args: () => [this.inspectionId] as const,
  })

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly templates = new Task(this, {
    task: async (_a, { signal }) => (await get<Page<ChecklistTemplate>>('/api/checklist-templates', { query: { active: true, limit: 500 }, signal })).items,
    args: () => [],
  })
  private readonly inspectors = new Task(this, {
    task: async (_a, { signal }) => (await loadActiveUsers(undefined, signal)).filter((u) => u.roles.some((r) => r === 'auditor' || r === 'manager' || r === 'dept_head')),
    args: () => [],
  })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body = {
      templateId: text('templateId'),
      // Never the whole agency by default: an unchosen unit is named under the field.
      orgUnitId: text('orgUnitId') || undefined,
      kind: text('kind'),
      plannedFor: text('plannedFor'),
      leadInspectorId: text('leadInspectorId') || undefined,
      teamIds: data.getAll('teamIds').map(String),
      basis: text('basis') || null,
      location: text('location') || null,
    }
    const current = this.editing.value
    await this.form.run(async () => {
      if (current) {
        // The version read with the form: a plan changed meanwhile is a 412, never overwritten.
        const saved = await patch<Inspection>(`/api/inspections/${current.id}`, body, { ifMatch: current.version })
        this.form.navigate(`/inspections/${saved.id}`)
        return
      }
      const created = await post<Inspection>('/api/inspections', body)
      this.form.navigate(`/inspections/${created.id}`)
    })
  }

  override render() {
    const me = this.session.info?.user
    const onlySelf = !this.session.can('inspection.write')
    const kinds = onlySelf ? KINDS.filter((k) => k === 'self') : KINDS
    const inspectors = this.inspectors.value ?? []
    const current = this.editing.value
    if (this.inspectionId && !current) return html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`
    const lead = current?.leadInspectorId ?? me?.id
    const team = new Set(current?.teamIds ?? [])
    return html`<p><a href="/inspections">${msg('← All inspections', { id: 'inspections.back' })}</a></p>
      <h1>${current ? msg(str`Change the plan of ${current.number}`, { id: 'inspections.editPlan' }) : msg('Plan an inspection', { id: 'inspections.plan' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        ${this.form.field('templateId', msg('Checklist', { id: 'inspections.checklist' }),
          html`<select id="templateId" name="templateId" aria-invalid=${this.form.invalid('templateId')}>
            ${(this.templates.value ?? []).map((t) => html`<option value=${t.id} ?selected=${t.id === current?.template.id}>${t.name}</option>`)}
          </select>`)}
        <div class="grid-2">
          ${this.form.field('orgUnitId', msg('Unit inspected', { id: 'inspections.unitInspected' }),
            html`<select id="orgUnitId" name="orgUnitId" aria-invalid=${this.form.invalid('orgUnitId')}>
              ${onlySelf || current ? nothing : html`<option value="" selected>${msg('— Choose the unit —', { id: 'inspections.chooseUnit' })}</option>`}
              ${(this.units.value ?? []).filter((u) => u.active).map((u) => html`<option value=${u.id} ?selected=${current ? u.id === current.orgUnitId : u.id === me?.orgUnitId && onlySelf}>${indentedName(u)}</option>`)}
            </select>`)}
          ${this.form.field('kind', msg('Form of inspection', { id: 'inspections.kind' }),
            html`<select id="kind" name="kind" aria-invalid=${this.form.invalid('kind')}>
              ${kinds.map((k) => html`<option value=${k} ?selected=${k === (current?.kind ?? (onlySelf ? 'self' : 'internal'))}>${kindLabel(k)}</option>`)}
            </select>`,
            onlySelf ? msg('As head of unit you plan self-inspections of your own unit.', { id: 'inspections.onlySelfHint' }) : undefined)}
          ${this.form.field('plannedFor', msg('Planned for', { id: 'inspections.plannedFor' }),
            html`<qms-date-input field-id="plannedFor" name="plannedFor" .value=${current?.plannedFor ?? todayIso()} invalid=${this.form.invalid('plannedFor')}></qms-date-input>`)}
          ${this.form.field('leadInspectorId', msg('Lead inspector', { id: 'inspections.lead' }),
            html`<select id="leadInspectorId" name="leadInspectorId" aria-invalid=${this.form.invalid('leadInspectorId')}>
              ${me && !inspectors.some((u) => u.id === me.id) ? html`<option value=${me.id} ?selected=${lead === me.id}>${me.fullName}</option>` : nothing}
              ${inspectors.map((u) => html`<option value=${u.id} ?selected=${u.id === lead}>${u.fullName}</option>`)}
            </select>`)}
        </div>
        <fieldset>
          <legend>${msg('Inspection team', { id: 'inspections.team' })}</legend>
          <div class="checks">
            ${inspectors.filter((u) => u.id !== lead).map(
              (u) => html`<label class="check"><input type="checkbox" name="teamIds" value=${u.id} ?checked=${team.has(u.id)} />${u.fullName} <span class="muted">(${u.roles.map(roleLabel).join(', ')})</span></label>`,
            )}
          </div>
        </fieldset>
        ${this.form.field('basis', msg('Basis (plan or decision)', { id: 'inspections.basis' }),
          html`<input id="basis" name="basis" placeholder=${msg('e.g. Plan 04/KH-BQL of 06/01/2020', { id: 'inspections.basisPlaceholder' })} .value=${current?.basis ?? ''} aria-invalid=${this.form.invalid('basis')} />`)}
        ${this.form.field('location', msg('Place', { id: 'inspections.location' }),
          html`<input id="location" name="location" .value=${current?.location ?? ''} aria-invalid=${this.form.invalid('location')} />`)}
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save plan', { id: 'inspections.savePlan' })}</button>
          <a class="button" href=${current ? `/inspections/${current.id}` : '/inspections'}>${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-inspection-plan': QmsInspectionPlan
  }
}
