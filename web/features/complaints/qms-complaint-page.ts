import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, patch } from '../../api/client.ts'
import type { Complaint } from '../../api/types.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { dossierStyles } from '../dossiers/dossier-styles.ts'
import { kindLabel, STATUSES, statusLabel } from './complaint-labels.ts'

/**
 * @summary One complaint: what was received and when, and — for those who handle
 * complaints — its status and outcome, saved with the version it was read at.
 */
@customElement('qms-complaint-page')
@localized()
export class QmsComplaintPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, dossierStyles]

  @property() complaintId = ''
  @state() private complaint?: Complaint
  private readonly form = new FormController(this)
  @state() private saved = false
  private readonly session = new SessionController(this)

  private readonly loader = new Task(this, {
    task: async ([id], { signal }) => {
      this.complaint = await get<Complaint>(`/api/complaints/${id}`, { signal })
      return this.complaint
    },
    args: () => [this.complaintId] as const,
  })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    if (!this.complaint) return
    const data = new FormData(event.target as HTMLFormElement)
    const outcome = String(data.get('outcome') ?? '').trim()
    const body = { status: String(data.get('status')), outcome: outcome || null }
    const current = this.complaint
    this.saved = false
    await this.form.run(async () => {
      this.complaint = await patch<Complaint>(`/api/complaints/${current.id}`, body, { ifMatch: current.version })
      this.saved = true
    })
  }

  override render() {
    return html`<p><a href="/complaints">${msg('← All complaints', { id: 'complaints.backToList' })}</a></p>
      ${this.loader.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: () => this.renderComplaint(),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderComplaint() {
    const c = this.complaint
    if (!c) return nothing
    const canWrite = this.session.can('complaint.write')
    const outcomeError = this.form.message('outcome')
    return html`<h1>${kindLabel(c.kind)} · ${formatDate(c.receivedAt)}</h1>
      <div class="card">
        <dl class="facts">
          <dt>${msg('Received', { id: 'complaints.receivedAt' })}</dt><dd>${formatDateTime(c.receivedAt)}</dd>
          <dt>${msg('Status', { id: 'common.status' })}</dt><dd><span class="chip">${statusLabel(c.status)}</span>${c.closedAt ? html` ${formatDate(c.closedAt)}` : nothing}</dd>
          <dt>${msg('Dossier', { id: 'complaints.dossier' })}</dt><dd>${c.dossierId ? html`<a href=${`/dossiers/${c.dossierId}`}>${c.dossierCode}</a>` : '—'}</dd>
        </dl>
        <p>${c.summary}</p>
        ${!canWrite && c.outcome ? html`<p><strong>${msg('Outcome', { id: 'complaints.outcome' })}:</strong> ${c.outcome}</p>` : nothing}
      </div>
      ${canWrite
        ? html`<form class="card" @submit=${this.handleSubmit} novalidate>
            <h2>${msg('Handling', { id: 'complaints.handling' })}</h2>
            <div class="field">
              <label for="status">${msg('Status', { id: 'common.status' })}</label>
              <select id="status" name="status">
                ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === c.status}>${statusLabel(s)}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="outcome">${msg('Outcome', { id: 'complaints.outcome' })}</label>
              <textarea id="outcome" name="outcome" rows="3" .value=${c.outcome ?? ''} aria-invalid=${outcomeError ? 'true' : 'false'} aria-describedby="outcome-error"></textarea>
              ${outcomeError ? html`<span class="error" id="outcome-error">${outcomeError}</span>` : nothing}
            </div>
            ${this.form.renderError()}
            ${this.saved ? html`<p role="status">${msg('Saved.', { id: 'complaints.saved' })}</p>` : nothing}
            <div class="actions"><button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button></div>
          </form>`
        : nothing}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-complaint-page': QmsComplaintPage
  }
}
