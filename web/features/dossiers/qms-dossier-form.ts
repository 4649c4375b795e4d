import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement } from 'lit'
import { customElement } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import type { Dossier } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
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

  private readonly form = new FormController(this)
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
    await this.form.run(async () => {
      const dossier = await post<Dossier>('/api/dossiers', body)
      this.form.navigate(`/dossiers/${dossier.id}`)
    })
  }

  override render() {
    return html`<p><a href="/dossiers">${msg('← All dossiers', { id: 'dossiers.back' })}</a></p>
      <h1>${msg('Receive a dossier', { id: 'dossiers.new' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        <div class="grid-2">
          ${this.form.field('code', msg('Dossier code', { id: 'dossiers.codeLabel' }), html`<input id="code" name="code" autocomplete="off" aria-invalid=${this.form.invalid('code')} aria-describedby="code-error" />`)}
          ${this.form.field('applicantName', msg('Applicant', { id: 'dossiers.applicant' }), html`<input id="applicantName" name="applicantName" aria-invalid=${this.form.invalid('applicantName')} aria-describedby="applicantName-error" />`)}
        </div>
        ${this.form.field('procedureId', msg('Procedure', { id: 'dossiers.procedure' }),
          html`<select id="procedureId" name="procedureId" aria-invalid=${this.form.invalid('procedureId')} aria-describedby="procedureId-error">
            <option value="">${msg('— None —', { id: 'common.none' })}</option>
            ${(this.procedures.value ?? []).filter((p) => p.active).map((p) => html`<option value=${p.id}>${p.code} – ${p.name}</option>`)}
          </select>`)}
        <div class="grid-2">
          ${this.form.field('channel', msg('Channel', { id: 'dossiers.channel' }),
            html`<select id="channel" name="channel" aria-invalid=${this.form.invalid('channel')} aria-describedby="channel-error">
              ${CHANNELS.map((c) => html`<option value=${c}>${channelLabel(c)}</option>`)}
            </select>`)}
          ${this.form.field('receivedAt', msg('Received at (leave empty for now)', { id: 'dossiers.receivedAtInput' }),
            html`<qms-date-input time field-id="receivedAt" name="receivedAt" invalid=${this.form.invalid('receivedAt')} describedby="receivedAt-error"></qms-date-input>`,
            msg('The due date is computed on working days from the procedure’s processing time.', { id: 'dossiers.dueHint' }))}
        </div>
        ${this.form.field('note', msg('Note', { id: 'dossiers.note' }), html`<textarea id="note" name="note" rows="2"></textarea>`)}
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
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
