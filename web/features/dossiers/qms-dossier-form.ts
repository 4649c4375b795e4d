import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import type { Dossier } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { showToast } from '../../app/qms-toast.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { channelLabel, CHANNELS, paperFormLabel, PAPER_FORMS } from './dossier-labels.ts'
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
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    css`
      fieldset.papers { border: 1px solid var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-3); margin: 0 0 var(--qms-space-3); min-width: 0; }
      legend { font-weight: 600; padding: 0 var(--qms-space-1); }
      .paper-row { display: grid; grid-template-columns: minmax(0, 1fr) auto 5rem auto; gap: var(--qms-space-2); align-items: end; }
      @media (max-width: 600px) { .paper-row { grid-template-columns: minmax(0, 1fr) 5rem auto; } .paper-row .field:first-child { grid-column: 1 / -1; } }
    `,
  ]

  private readonly form = new FormController(this)
  /** The papers handed in, as rows of the receipt slip; one empty row to start. */
  @state() private papers: { name: string; form: string; count: number }[] = [{ name: '', form: 'original', count: 1 }]
  private readonly procedures = new Task(this, { task: (_a, { signal }) => loadAllProcedures(signal), args: () => [] })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body: Record<string, unknown> = {
      procedureId: text('procedureId'),
      applicantName: text('applicantName'),
      channel: text('channel'),
      papers: this.papers.filter((p) => p.name.trim()).map((p) => ({ ...p, name: p.name.trim() })),
    }
    // Without a code the server gives the next one of the day in the national pattern.
    for (const name of ['code', 'applicantPhone', 'applicantIdNumber', 'applicantAddress']) if (text(name)) body[name] = text(name)
    if (text('receivedAt')) body.receivedAt = localInstant(text('receivedAt'), agencyTimeZone())
    if (text('note')) body.note = text('note')
    const dossier = await this.form.run(() => post<Dossier>('/api/dossiers', body))
    if (dossier) {
      showToast(msg(str`Dossier ${dossier.code} received.`, { id: 'dossiers.received' }))
      this.form.navigate(`/dossiers/${dossier.id}`)
    }
  }

  override render() {
    return html`<p><a href="/dossiers">${msg('← All dossiers', { id: 'dossiers.back' })}</a></p>
      <h1>${msg('Receive a dossier', { id: 'dossiers.new' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        <div class="grid-2">
          ${this.form.field('code', msg('Dossier code', { id: 'dossiers.codeLabel' }), html`<input id="code" name="code" autocomplete="off" aria-invalid=${this.form.invalid('code')} aria-describedby="code-hint code-error" />`,
            msg('Leave empty to give the next code of the day.', { id: 'dossiers.codeHint' }))}
          ${this.form.field('applicantName', msg('Applicant', { id: 'dossiers.applicant' }), html`<input id="applicantName" name="applicantName" aria-invalid=${this.form.invalid('applicantName')} aria-describedby="applicantName-error" />`)}
        </div>
        <div class="grid-2">
          ${this.form.field('applicantPhone', msg('Phone', { id: 'dossiers.phone' }), html`<input id="applicantPhone" name="applicantPhone" type="tel" autocomplete="off" inputmode="tel" aria-invalid=${this.form.invalid('applicantPhone')} aria-describedby="applicantPhone-error" />`)}
          ${this.form.field('applicantIdNumber', msg('ID card number (CCCD/CMND)', { id: 'dossiers.idNumber' }), html`<input id="applicantIdNumber" name="applicantIdNumber" inputmode="numeric" autocomplete="off" aria-invalid=${this.form.invalid('applicantIdNumber')} aria-describedby="applicantIdNumber-error" />`)}
        </div>
        ${this.form.field('applicantAddress', msg('Address', { id: 'dossiers.address' }), html`<input id="applicantAddress" name="applicantAddress" autocomplete="off" aria-invalid=${this.form.invalid('applicantAddress')} />`)}
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
        ${this.renderPapers()}
        ${this.form.field('note', msg('Note', { id: 'dossiers.note' }), html`<textarea id="note" name="note" rows="2"></textarea>`)}
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href="/dossiers">${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }

  private setPaper(i: number, change: Partial<(typeof this.papers)[number]>) {
    this.papers = this.papers.map((p, j) => (j === i ? { ...p, ...change } : p))
  }

  private renderPapers() {
    const n = this.papers.length
    return html`<fieldset class="papers">
      <legend>${msg('Papers received', { id: 'dossiers.papers' })}</legend>
      ${this.papers.map(
        (p, i) => html`<div class="paper-row">
          <div class="field">
            <label for=${`paper-${i}-name`}>${msg(str`Paper ${i + 1}`, { id: 'dossiers.paperName' })}</label>
            <input id=${`paper-${i}-name`} .value=${p.name} @input=${(e: Event) => this.setPaper(i, { name: (e.target as HTMLInputElement).value })} aria-invalid=${this.form.invalid(`papers.${i}.name`)} />
            ${this.form.errorLine(`papers.${i}.name`)}
          </div>
          <div class="field">
            <label for=${`paper-${i}-form`}>${msg('Form', { id: 'dossiers.paperForm' })}</label>
            <select id=${`paper-${i}-form`} @change=${(e: Event) => this.setPaper(i, { form: (e.target as HTMLSelectElement).value })}>
              ${PAPER_FORMS.map((f) => html`<option value=${f} ?selected=${p.form === f}>${paperFormLabel(f)}</option>`)}
            </select>
          </div>
          <div class="field count">
            <label for=${`paper-${i}-count`}>${msg('Copies', { id: 'dossiers.paperCount' })}</label>
            <input id=${`paper-${i}-count`} type="number" min="1" max="99" .value=${String(p.count)} @input=${(e: Event) => this.setPaper(i, { count: Number((e.target as HTMLInputElement).value) || 1 })} />
          </div>
          ${n > 1
            ? html`<button type="button" class="link" @click=${() => (this.papers = this.papers.filter((_, j) => j !== i))} aria-label=${msg(str`Remove paper ${i + 1}`, { id: 'dossiers.paperRemove' })}>✕</button>`
            : nothing}
        </div>`,
      )}
      <button type="button" @click=${() => (this.papers = [...this.papers, { name: '', form: 'copy', count: 1 }])}>${msg('Add a paper', { id: 'dossiers.paperAdd' })}</button>
    </fieldset>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-dossier-form': QmsDossierForm
  }
}
