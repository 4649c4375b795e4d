import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import type { Complaint } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits, loadAllProcedures } from '../../api/loaders.ts'
import { KINDS, kindLabel } from './complaint-labels.ts'
import { localInstant } from '../../app/date-text.ts'
import { agencyTimeZone } from '../../i18n/localization.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary Records a complaint, denunciation or feedback. Opened from a dossier's page it
 * is linked to that dossier (its procedure and unit then come from the dossier).
 * @event qms-navigate - detail `{ to }`: the complaint's page after saving
 */
@customElement('qms-complaint-form')
@localized()
export class QmsComplaintForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  /** The dossier the complaint is about, when opened from one. */
  @property() dossierId = ''
  private readonly form = new FormController(this)
  private readonly procedures = new Task(this, { task: (_a, { signal }) => loadAllProcedures(signal), args: () => [] })
  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body: Record<string, unknown> = { kind: text('kind'), summary: text('summary') }
    if (text('receivedAt')) body.receivedAt = localInstant(text('receivedAt'), agencyTimeZone())
    if (this.dossierId) body.dossierId = this.dossierId
    else {
      if (text('procedureId')) body.procedureId = text('procedureId')
      if (text('orgUnitId')) body.orgUnitId = text('orgUnitId')
    }
    await this.form.run(async () => {
      const complaint = await post<Complaint>('/api/complaints', body)
      this.form.navigate(`/complaints/${complaint.id}`)
    })
  }

  override render() {
    const back = this.dossierId ? `/dossiers/${this.dossierId}` : '/complaints'
    return html`<p><a href=${back}>${msg('← Back', { id: 'complaints.back' })}</a></p>
      <h1>${msg('Record a complaint', { id: 'complaints.new' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        <div class="grid-2">
          ${this.form.field('kind', msg('Kind', { id: 'complaints.kind' }),
            html`<select id="kind" name="kind" aria-invalid=${this.form.invalid('kind')} aria-describedby="kind-error">
              ${KINDS.map((k) => html`<option value=${k}>${kindLabel(k)}</option>`)}
            </select>`)}
          ${this.form.field('receivedAt', msg('Received at (leave empty for now)', { id: 'complaints.receivedAtInput' }),
            html`<qms-date-input time field-id="receivedAt" name="receivedAt" invalid=${this.form.invalid('receivedAt')} describedby="receivedAt-error"></qms-date-input>`)}
        </div>
        ${this.form.field('summary', msg('Summary', { id: 'complaints.summary' }),
          html`<textarea id="summary" name="summary" rows="4" aria-invalid=${this.form.invalid('summary')} aria-describedby="summary-error"></textarea>`)}
        ${this.dossierId
          ? html`<p class="muted">${msg('Linked to the dossier it was opened from; its procedure and unit apply.', { id: 'complaints.fromDossier' })}</p>`
          : html`<div class="grid-2">
              ${this.form.field('procedureId', msg('Procedure (optional)', { id: 'complaints.procedure' }),
                html`<select id="procedureId" name="procedureId" aria-invalid=${this.form.invalid('procedureId')} aria-describedby="procedureId-error">
                  <option value="">${msg('— None —', { id: 'common.none' })}</option>
                  ${(this.procedures.value ?? []).map((p) => html`<option value=${p.id}>${p.code} – ${p.name}</option>`)}
                </select>`)}
              ${this.form.field('orgUnitId', msg('Unit concerned (optional)', { id: 'complaints.unitInput' }),
                html`<select id="orgUnitId" name="orgUnitId" aria-invalid=${this.form.invalid('orgUnitId')} aria-describedby="orgUnitId-error">
                  <option value="">${msg('— None —', { id: 'common.none' })}</option>
                  ${(this.units.value ?? []).map((u) => html`<option value=${u.id}>${indentedName(u)}</option>`)}
                </select>`)}
            </div>`}
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href=${back}>${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-complaint-form': QmsComplaintForm
  }
}
