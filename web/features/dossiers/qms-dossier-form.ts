import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { ApiError, post } from '../../api/client.ts'
import type { Dossier } from '../../api/types.ts'
import { fieldMessage } from '../../app/field-errors.ts'
import { formField } from '../../app/form-field.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { channelLabel, CHANNELS } from './dossier-labels.ts'
import { loadAllProcedures } from '../../api/loaders.ts'
import { localInstant } from '../../app/date-text.ts'
import { agencyTimeZone } from '../../i18n/localization.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary Records a dossier received at the desk; the due date is computed by the server.
 * @event qms-navigate - detail `{ to }`: the new dossier's page after saving
 */
@customElement('qms-dossier-form')
@localized()
export class QmsDossierForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  @state() private error?: ApiError
  @state() private busy = false
  private readonly procedures = new Task(this, { task: (_a, { signal }) => loadAllProcedures(signal), args: () => [] })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body: Record<string, unknown> = {
      code: text('code'),
      procedureId: text('procedureId'),
      applicantName: text('applicantName'),
      channel: text('channel'),
    }
    if (text('receivedAt')) body.receivedAt = localInstant(text('receivedAt'), agencyTimeZone())
    if (text('note')) body.note = text('note')
    this.busy = true
    this.error = undefined
    try {
      const dossier = await post<Dossier>('/api/dossiers', body)
      this.dispatchEvent(new CustomEvent('qms-navigate', { detail: { to: `/dossiers/${dossier.id}` }, bubbles: true, composed: true }))
    } catch (err) {
      if (err instanceof ApiError) this.error = err
      else throw err
    } finally {
      this.busy = false
    }
  }

  private field(name: string, label: string, input: unknown, hint?: string) {
    return formField(name, label, input, fieldMessage(this.error, name), hint)
  }

  override render() {
    const invalid = (name: string) => (fieldMessage(this.error, name) ? 'true' : 'false')
    const general = this.error && !this.error.problem.errors?.length
    return html`<p><a href="/dossiers">${msg('← All dossiers', { id: 'dossiers.back' })}</a></p>
      <h1>${msg('Receive a dossier', { id: 'dossiers.new' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        <div class="grid-2">
          ${this.field('code', msg('Dossier code', { id: 'dossiers.codeLabel' }), html`<input id="code" name="code" autocomplete="off" aria-invalid=${invalid('code')} aria-describedby="code-error" />`)}
          ${this.field('applicantName', msg('Applicant', { id: 'dossiers.applicant' }), html`<input id="applicantName" name="applicantName" aria-invalid=${invalid('applicantName')} aria-describedby="applicantName-error" />`)}
        </div>
        ${this.field('procedureId', msg('Procedure', { id: 'dossiers.procedure' }),
          html`<select id="procedureId" name="procedureId" aria-invalid=${invalid('procedureId')} aria-describedby="procedureId-error">
            <option value="">${msg('— None —', { id: 'common.none' })}</option>
            ${(this.procedures.value ?? []).filter((p) => p.active).map((p) => html`<option value=${p.id}>${p.code} – ${p.name}</option>`)}
          </select>`)}
        <div class="grid-2">
          ${this.field('channel', msg('Channel', { id: 'dossiers.channel' }),
            html`<select id="channel" name="channel" aria-invalid=${invalid('channel')} aria-describedby="channel-error">
              ${CHANNELS.map((c) => html`<option value=${c}>${channelLabel(c)}</option>`)}
            </select>`)}
          ${this.field('receivedAt', msg('Received at (leave empty for now)', { id: 'dossiers.receivedAtInput' }),
            html`<qms-date-input time field-id="receivedAt" name="receivedAt" invalid=${invalid('receivedAt')} describedby="receivedAt-error"></qms-date-input>`,
            msg('The due date is computed on working days from the procedure’s processing time.', { id: 'dossiers.dueHint' }))}
        </div>
        ${this.field('note', msg('Note', { id: 'dossiers.note' }), html`<textarea id="note" name="note" rows="2"></textarea>`)}
        ${general ? html`<div class="form-error" role="alert">${this.error!.problem.detail}</div>` : nothing}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href="/dossiers">${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-dossier-form': QmsDossierForm
  }
}
