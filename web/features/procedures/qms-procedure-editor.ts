import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { get, patch, post } from '../../api/client.ts'
import type { Procedure } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { formField } from '../../app/form-field.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import { modeLabel, MODES } from './procedure-labels.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary Adds a procedure to the catalogue or changes one; a new online level or mode
 * is recorded from the date given, keeping the history.
 * @event qms-navigate - detail `{ to }`: back to the catalogue after saving
 */
@customElement('qms-procedure-editor')
@localized()
export class QmsProcedureEditor extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  @property() procedureId?: string
  private readonly form = new FormController(this)

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly procedure = new Task(this, {
    task: ([id], { signal }) => (id ? get<Procedure>(`/api/procedures/${id}`, { signal }) : Promise.resolve(null)),
    args: () => [this.procedureId] as const,
  })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const current = this.procedure.value
    const body: Record<string, unknown> = {
      code: text('code'),
      name: text('name'),
      field: text('field'),
      owningUnitId: text('owningUnitId'),
      processingDays: Number(text('processingDays')),
      fee: text('fee') === '' ? null : Number(text('fee')),
    }
    const level = text('onlineLevel')
    if (level && (!current || Number(level) !== current.onlineLevel || text('onlineLevelFrom'))) {
      body.onlineLevel = Number(level)
      if (text('onlineLevelFrom')) body.onlineLevelFrom = text('onlineLevelFrom')
    }
    const mode = text('onlineMode')
    if (mode && (!current || mode !== current.onlineMode || text('onlineModeFrom'))) {
      body.onlineMode = mode
      if (text('onlineModeFrom')) body.onlineModeFrom = text('onlineModeFrom')
    }
    if (current) body.active = data.get('active') === 'on'
    await this.form.run(async () => {
      if (current) await patch<Procedure>(`/api/procedures/${current.id}`, body, { ifMatch: current.version })
      else await post<Procedure>('/api/procedures', body)
      this.form.navigate('/procedures')
    })
  }

  private field(name: string, label: string, input: unknown) {
    return formField(name, label, input, this.form.message(name))
  }

  override render() {
    return html`<p><a href="/procedures">${msg('← All procedures', { id: 'procedures.back' })}</a></p>
      ${this.procedure.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (p) => this.renderForm(p),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderForm(p: Procedure | null) {
    return html`<h1>${p ? msg('Edit procedure', { id: 'procedures.editTitle' }) : msg('New procedure', { id: 'procedures.newTitle' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        <div class="grid-2">
          ${this.field('code', msg('Code', { id: 'procedures.code' }), html`<input id="code" name="code" .value=${p?.code ?? ''} aria-invalid=${this.form.invalid('code')} />`)}
          ${this.field('field', msg('Field', { id: 'dossiers.field' }), html`<input id="field" name="field" .value=${p?.field ?? ''} aria-invalid=${this.form.invalid('field')} />`)}
        </div>
        ${this.field('name', msg('Name', { id: 'procedures.name' }), html`<textarea id="name" name="name" rows="2" .value=${p?.name ?? ''} aria-invalid=${this.form.invalid('name')}></textarea>`)}
        <div class="grid-2">
          ${this.field('owningUnitId', msg('Unit', { id: 'procedures.unit' }), html`<select id="owningUnitId" name="owningUnitId" aria-invalid=${this.form.invalid('owningUnitId')}>
            <option value="">${msg('— None —', { id: 'common.none' })}</option>
            ${(this.units.value ?? []).map((u) => html`<option value=${u.id} ?selected=${u.id === p?.owningUnitId}>${indentedName(u)}</option>`)}
          </select>`)}
          ${this.field('processingDays', msg('Working days', { id: 'procedures.days' }), html`<input id="processingDays" name="processingDays" type="number" min="1" max="365" .value=${String(p?.processingDays ?? '')} aria-invalid=${this.form.invalid('processingDays')} />`)}
          ${this.field('fee', msg('Fee (VND)', { id: 'procedures.fee' }), html`<input id="fee" name="fee" type="number" min="0" .value=${p?.fee === null || p?.fee === undefined ? '' : String(p.fee)} aria-invalid=${this.form.invalid('fee')} />`)}
        </div>
        <div class="grid-2">
          ${this.field('onlineLevel', msg('Online level', { id: 'procedures.level' }), html`<select id="onlineLevel" name="onlineLevel">
            <option value="">—</option>${[1, 2, 3, 4].map((n) => html`<option value=${n} ?selected=${p?.onlineLevel === n}>${n}</option>`)}
          </select>`)}
          ${this.field('onlineLevelFrom', msg('Level applies from', { id: 'procedures.levelFrom' }), html`<qms-date-input field-id="onlineLevelFrom" name="onlineLevelFrom" invalid=${this.form.invalid('onlineLevelFrom')}></qms-date-input>`)}
          ${this.field('onlineMode', msg('Online mode', { id: 'procedures.mode' }), html`<select id="onlineMode" name="onlineMode">
            <option value="">—</option>${MODES.map((m) => html`<option value=${m} ?selected=${p?.onlineMode === m}>${modeLabel(m)}</option>`)}
          </select>`)}
          ${this.field('onlineModeFrom', msg('Mode applies from', { id: 'procedures.modeFrom' }), html`<qms-date-input field-id="onlineModeFrom" name="onlineModeFrom" invalid=${this.form.invalid('onlineModeFrom')}></qms-date-input>`)}
        </div>
        ${p ? html`<label class="check"><input type="checkbox" name="active" ?checked=${p.active} />${msg('In the catalogue (active)', { id: 'procedures.active' })}</label>` : nothing}
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href="/procedures">${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-procedure-editor': QmsProcedureEditor
  }
}
