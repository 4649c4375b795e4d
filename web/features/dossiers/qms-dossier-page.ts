import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, patch, post } from '../../api/client.ts'
import type { Dossier, DossierAction, DossierEvent, Nonconformity } from '../../api/types.ts'
import { SessionController } from '../../app/session.ts'
import { agencyTimeZone, formatDateTime, plural } from '../../i18n/localization.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { actionLabel, channelLabel, eventLabel, paperFormLabel, statusChip, statusLabel } from './dossier-labels.ts'
import { confirmStep } from '../../app/qms-confirm-dialog.ts'
import { dossierStyles } from './dossier-styles.ts'
import { localInstant } from '../../app/date-text.ts'
import '../../app/qms-date-input.ts'

const NEEDS_REASON: DossierAction[] = ['request-supplement', 'reject']
/** The steps that close a dossier for good, and the status it closes in. */
const CLOSING: Partial<Record<DossierAction, Dossier['status']>> = { withdraw: 'withdrawn', reject: 'rejected', 'return-result': 'returned' }

/**
 * @summary One dossier: its facts, its timeline and the steps its status allows now.
 */
@customElement('qms-dossier-page')
@localized()
export class QmsDossierPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    dossierStyles,
    css`
      .layout { display: grid; gap: var(--qms-space-4); grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); align-items: start; }
      @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
      ol.timeline { list-style: none; margin: 0; padding: 0; border-left: 3px solid var(--qms-primary-soft); }
      ol.timeline li { position: relative; padding: 0 0 var(--qms-space-4) var(--qms-space-4); }
      ol.timeline li::before { content: ''; position: absolute; left: -8px; top: 6px; width: 13px; height: 13px; border-radius: 50%; background: var(--qms-primary); }
      ol.timeline .when { font-size: 0.85rem; color: var(--qms-muted); }
      .action-buttons { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); }
      .late { border-left: 4px solid var(--qms-danger); }
    `,
  ]

  @property() dossierId = ''
  private readonly form = new FormController(this)
  @state() private message = ''
  private readonly session = new SessionController(this)

  private readonly data = new Task(this, {
    task: async ([id], { signal }) => {
      const [dossier, events, ncs] = await Promise.all([
        get<Dossier>(`/api/dossiers/${id}`, { signal }),
        get<{ items: DossierEvent[] }>(`/api/dossiers/${id}/events`, { signal }),
        get<{ items: Nonconformity[] }>('/api/nonconformities', { query: { source: 'late_dossier', sourceId: id }, signal }),
      ])
      return { dossier, events: events.items, nonconformity: ncs.items.find((n) => n.status !== 'cancelled') ?? null }
    },
    args: () => [this.dossierId] as const,
  })

  private async handleRaiseNc(dossier: Dossier) {
    await this.form.run(async () => {
      const nc = await post<Nonconformity>(`/api/dossiers/${dossier.id}/raise-nc`, {})
      this.form.navigate(`/nonconformities/${nc.id}`)
    })
  }

  private renderLateNc(d: Dossier, nonconformity: Nonconformity | null) {
    if (nonconformity) {
      return html`<p><a href=${`/nonconformities/${nonconformity.id}`}>${msg(str`Nonconformity ${nonconformity.code}`, { id: 'dossiers.ncLink' })}</a></p>`
    }
    if (!this.session.can('nonconformity.create')) return nothing
    return html`<button class="primary" ?disabled=${this.form.busy} @click=${() => this.handleRaiseNc(d)}>${msg('Raise a nonconformity', { id: 'dossiers.raiseNc' })}</button>`
  }

  private async handleAction(dossier: Dossier, action: DossierAction) {
    const form = this.renderRoot.querySelector<HTMLFormElement>('#step-form')!
    const data = new FormData(form)
    const reason = String(data.get('reason') ?? '').trim()
    const closesAs = CLOSING[action]
    // A step that closes the dossier for good is asked once more, naming it (a missing reason is the server's 400 first).
    if (closesAs && !(NEEDS_REASON.includes(action) && !reason)) {
      const confirmed = await confirmStep({
        heading: msg(str`${actionLabel(action)}: dossier ${dossier.code}?`, { id: 'dossiers.confirm.heading' }),
        consequence: msg(str`The dossier will be closed as “${statusLabel(closesAs)}”: no further step can be recorded on it, and this cannot be undone.`, { id: 'dossiers.confirm.consequence' }),
        confirmLabel: actionLabel(action),
      })
      if (!confirmed) return
    }
    const body: Record<string, unknown> = {}
    const at = localInstant(String(data.get('at') ?? ''), agencyTimeZone())
    if (at) body.at = at
    if (reason) body.reason = reason
    this.message = ''
    await this.form.run(async () => {
      await post<Dossier>(`/api/dossiers/${dossier.id}/${action}`, body, { ifMatch: dossier.version })
      form.reset()
      this.message = msg(str`Done: ${actionLabel(action)}.`, { id: 'dossiers.done' })
      await this.data.run()
    })
  }

  private async handleDueChange(event: SubmitEvent, dossier: Dossier) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    await this.form.run(async () => {
      await patch<Dossier>(`/api/dossiers/${dossier.id}`, { dueAt: localInstant(String(data.get('dueAt') ?? ''), agencyTimeZone()), dueAtReason: String(data.get('dueAtReason') ?? '').trim() || undefined }, { ifMatch: dossier.version })
      form.reset()
      await this.data.run()
    })
  }

  override render() {
    return html`<p><a href="/dossiers">${msg('← All dossiers', { id: 'dossiers.back' })}</a></p>
      ${this.data.render({
        pending: () => (this.data.value ? this.renderDossier(this.data.value.dossier, this.data.value.events, this.data.value.nonconformity) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: ({ dossier, events, nonconformity }) => this.renderDossier(dossier, events, nonconformity),
        error: () => html`<p role="alert">${msg('Dossier not found.', { id: 'dossiers.notFound' })}</p>`,
      })}`
  }

  private renderDossier(d: Dossier, events: DossierEvent[], nonconformity: Nonconformity | null) {
    return html`<h1>${msg('Dossier', { id: 'dossiers.one' })} ${d.code}</h1>
      <p>${statusChip(d)}</p>
      <div class="layout">
        <section class="card" aria-labelledby="facts-title">
          <h2 id="facts-title" class="sr-only">${msg('Details', { id: 'dossiers.facts' })}</h2>
          <dl class="facts">
            <dt>${msg('Applicant', { id: 'dossiers.applicant' })}</dt><dd>${d.applicantName}</dd>
            ${d.applicantPhone ? html`<dt>${msg('Phone', { id: 'dossiers.phone' })}</dt><dd>${d.applicantPhone}</dd>` : nothing}
            ${d.applicantIdNumber ? html`<dt>${msg('ID card number (CCCD/CMND)', { id: 'dossiers.idNumber' })}</dt><dd>${d.applicantIdNumber}</dd>` : nothing}
            ${d.applicantAddress ? html`<dt>${msg('Address', { id: 'dossiers.address' })}</dt><dd>${d.applicantAddress}</dd>` : nothing}
            ${d.papers.length
              ? html`<dt>${msg('Papers received', { id: 'dossiers.papers' })}</dt>
                  <dd><ol class="papers">${d.papers.map((p) => html`<li>${p.name} (${paperFormLabel(p.form)}, ${p.count})</li>`)}</ol></dd>`
              : nothing}
            <dt>${msg('Procedure', { id: 'dossiers.procedure' })}</dt><dd>${d.procedure.code} – ${d.procedure.name}</dd>
            <dt>${msg('Field', { id: 'dossiers.field' })}</dt><dd>${d.procedure.field}</dd>
            <dt>${msg('Handling unit', { id: 'dossiers.unit' })}</dt><dd>${d.orgUnit.name}</dd>
            <dt>${msg('Receiving desk', { id: 'dossiers.receivingUnit' })}</dt><dd>${d.receivingUnit?.name ?? '—'}</dd>
            <dt>${msg('Channel', { id: 'dossiers.channel' })}</dt><dd>${channelLabel(d.channel)}</dd>
            <dt>${msg('Received', { id: 'dossiers.receivedAt' })}</dt><dd>${formatDateTime(d.receivedAt)}</dd>
            <dt>${msg('Due', { id: 'dossiers.dueAt' })}</dt>
            <dd>${formatDateTime(d.dueAt)} (${plural(d.procedure.processingDays, () => msg(str`${d.procedure.processingDays} working day`, { id: 'dossiers.workingDays.one' }), () => msg(str`${d.procedure.processingDays} working days`, { id: 'dossiers.workingDays' }))}${d.pausedWorkingDays ? html`, ${msg(str`+${d.pausedWorkingDays} paused`, { id: 'dossiers.paused' })}` : nothing})
              ${d.dueAtReason ? html`<br /><span class="muted">${msg('Changed:', { id: 'dossiers.dueOverridden' })} ${d.dueAtReason}</span>` : nothing}</dd>
            ${d.resolvedAt ? html`<dt>${msg('Resolved', { id: 'dossiers.resolvedAt' })}</dt><dd>${formatDateTime(d.resolvedAt)}</dd>` : nothing}
            ${d.returnedAt ? html`<dt>${msg('Result returned', { id: 'dossiers.returnedAt' })}</dt><dd>${formatDateTime(d.returnedAt)}</dd>` : nothing}
            ${d.note ? html`<dt>${msg('Note', { id: 'dossiers.note' })}</dt><dd>${d.note}</dd>` : nothing}
          </dl>
          ${this.session.can('dossier.write')
            ? html`<p><a class="button" href=${`/api/dossiers/${d.id}/receipt`} target="_blank" rel="noopener">${msg('Print the receipt slip', { id: 'dossiers.printReceipt' })}</a></p>`
            : nothing}
          ${this.session.can('complaint.write')
            ? html`<p><a href=${`/complaints/new?dossierId=${d.id}`}>${msg('Record a complaint about this dossier', { id: 'complaints.aboutDossier' })}</a></p>`
            : nothing}
        </section>
        <section class="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">${msg('Timeline', { id: 'dossiers.timeline' })}</h2>
          <ol class="timeline">
            ${events.map(
              (e) => html`<li>
                <div><strong>${eventLabel(e.type)}</strong></div>
                <div class="when">${formatDateTime(e.at)}${e.actorName ? ` · ${e.actorName}` : ''}${e.source === 'import' ? ` · ${msg('imported', { id: 'dossiers.imported' })}` : ''}</div>
                ${e.reason ? html`<div>${e.reason}</div>` : nothing}
                ${e.type === 'received' || e.type === 'supplement_received' || e.type === 'due_changed'
                  ? html`<div class="when">${msg('Due', { id: 'dossiers.dueAt' })}: ${formatDateTime(e.dueAtAfter)}${e.pausedWorkingDays ? ` (+${e.pausedWorkingDays})` : ''}</div>`
                  : nothing}
              </li>`,
            )}
          </ol>
        </section>
      </div>
      ${d.timeliness === 'late' || d.overdue
        ? html`<section class="card late" aria-labelledby="late-title">
            <h2 id="late-title">${d.overdue ? msg('This dossier is overdue', { id: 'dossiers.isOverdue' }) : msg('This dossier was resolved late', { id: 'dossiers.wasLate' })}</h2>
            <p class="muted">${msg('Late handling is a nonconformity of the on-time process; record it and its causes in the nonconformity register.', { id: 'dossiers.lateHint' })}</p>
            ${this.renderLateNc(d, nonconformity)}
          </section>`
        : nothing}
      ${this.session.can('dossier.write') ? this.renderSteps(d) : nothing}`
  }

  private renderSteps(d: Dossier) {
    return html`<section class="card" aria-labelledby="steps-title" style="margin-top: var(--qms-space-4)">
      <h2 id="steps-title">${msg('Next step', { id: 'dossiers.nextStep' })}</h2>
      ${d.allowedActions.length
        ? html`<form id="step-form" @submit=${(e: Event) => e.preventDefault()} novalidate>
            <div class="grid-2">
              <div class="field">
                <label for="at">${msg('When it happened (leave empty for now)', { id: 'dossiers.at' })}</label>
                <qms-date-input time field-id="at" name="at" invalid=${this.form.invalid('at')} describedby="at-error"></qms-date-input>
                ${this.form.message('at') ? html`<span class="error" id="at-error">${this.form.error?.fieldError('at')?.message}</span>` : nothing}
              </div>
              <div class="field">
                <label for="reason">${msg('Reason (required to request a supplement or reject)', { id: 'dossiers.reason' })}</label>
                <textarea id="reason" name="reason" rows="2" aria-invalid=${this.form.invalid('reason')} aria-describedby="reason-error"></textarea>
                ${this.form.message('reason') ? html`<span class="error" id="reason-error">${this.form.message('reason')}</span>` : nothing}
              </div>
            </div>
            <div class="action-buttons">
              ${d.allowedActions.map(
                (a) => html`<button type="button" class=${a === 'resolve' || a === 'return-result' || a === 'start-processing' ? 'primary' : a === 'reject' ? 'danger' : ''} ?disabled=${this.form.busy}
                  @click=${() => this.handleAction(d, a)}>${actionLabel(a)}${NEEDS_REASON.includes(a) ? ' *' : ''}</button>`,
              )}
            </div>
          </form>`
        : html`<p class="muted">${msg('This dossier is closed: no further step.', { id: 'dossiers.closed' })}</p>`}
      ${['received', 'processing', 'supplement_requested'].includes(d.status)
        ? html`<details style="margin-top: var(--qms-space-4)">
            <summary>${msg('Change the due date', { id: 'dossiers.changeDue' })}</summary>
            <form @submit=${(e: SubmitEvent) => this.handleDueChange(e, d)} novalidate>
              <div class="grid-2">
                <div class="field">
                  <label for="dueAt">${msg('New due date', { id: 'dossiers.newDue' })}</label>
                  <qms-date-input time field-id="dueAt" name="dueAt" invalid=${this.form.invalid('dueAt')}></qms-date-input>
                </div>
                <div class="field">
                  <label for="dueAtReason">${msg('Reason for the change', { id: 'dossiers.dueReason' })}</label>
                  <input id="dueAtReason" name="dueAtReason" aria-invalid=${this.form.invalid('dueAtReason')} aria-describedby="dueAtReason-error" />
                  ${this.form.message('dueAtReason') ? html`<span class="error" id="dueAtReason-error">${this.form.message('dueAtReason')}</span>` : nothing}
                </div>
              </div>
              <div class="actions"><button type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button></div>
            </form>
          </details>`
        : nothing}
      ${this.message ? html`<p role="status">${this.message}</p>` : nothing}
      ${this.form.renderError()}
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-dossier-page': QmsDossierPage
  }
}
