import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ApiError, get, post } from '../../api/client.ts'
import type { Nonconformity, RootCause } from '../../api/types.ts'
import { describeFieldError } from '../../app/field-errors.ts'
import { FormController } from '../../app/form-controller.ts'
import { confirmStep } from '../../app/qms-confirm-dialog.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { severityLabel, sourceLabel, statusLabel } from './nc-labels.ts'
import { ncStyles } from './nc-styles.ts'
import './qms-nc-actions.ts'
import './qms-nc-five-why-editor.ts'
import './qms-nc-timeline.ts'
import '../plans/qms-plan-source-tasks.ts'
import '../../app/qms-date-input.ts'

/** Steps that ask for something first open a small form; the others are one click. */
type Form = 'plan' | 'verify' | 'close' | 'cancel' | null

/**
 * @summary One nonconformity: its facts, the root-cause analysis, the actions, the
 * effectiveness checks and the timeline, with the steps the reader may take now
 * (the server says which: `allowedActions`).
 */
/** The short confirmation once a step is recorded. */
function stepDone(operation: string): string {
  switch (operation) {
    case 'analyze':
      return msg('Root cause saved.', { id: 'nc.done.analyze' })
    case 'plan':
      return msg('Plan confirmed.', { id: 'nc.done.plan' })
    case 'start':
      return msg('Work started.', { id: 'nc.done.start' })
    case 'submit-verification':
      return msg('Sent for verification.', { id: 'nc.done.submit' })
    case 'verify':
      return msg('Effectiveness check recorded.', { id: 'nc.done.verify' })
    case 'close':
      return msg('Nonconformity closed.', { id: 'nc.done.close' })
    case 'cancel':
      return msg('Nonconformity cancelled.', { id: 'nc.done.cancel' })
    default:
      return msg('Saved.', { id: 'common.saved' })
  }
}

@customElement('qms-nc-page')
@localized()
export class QmsNcPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    ncStyles,
    css`
      .heading { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); align-items: center; margin-bottom: var(--qms-space-3); }
      h1 { margin: 0; overflow-wrap: anywhere; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: var(--qms-space-1) var(--qms-space-4); margin: 0; }
      dt { color: var(--qms-muted); }
      dd { margin: 0; overflow-wrap: anywhere; }
      @media (max-width: 640px) { dl { grid-template-columns: 1fr; } dd { margin-bottom: var(--qms-space-2); } }
      .steps { display: grid; gap: var(--qms-space-3); margin: var(--qms-space-4) 0; }
      .sections { display: grid; gap: var(--qms-space-4); }
      .sections > section > h2 { margin-top: 0; }
      .text { white-space: pre-wrap; overflow-wrap: anywhere; }
      ul.checks-list { list-style: none; padding: 0; margin: 0; display: grid; gap: var(--qms-space-2); }
      .radio-row { display: flex; flex-wrap: wrap; gap: var(--qms-space-4); }
    `,
  ]

  @property() ncId = ''
  @state() private form: Form = null
  private readonly request = new FormController(this)
  /** Re-opening the analysis of a planned NC (saving it sends the NC back to analysis). */
  @state() private revising = false

  private readonly nc = new Task(this, {
    task: ([id], { signal }) => get<Nonconformity>(`/api/nonconformities/${id}`, { signal }),
    args: () => [this.ncId] as const,
  })

  private reload() {
    void this.nc.run()
  }

  /** Runs a workflow step with the version read; on success reloads, on refusal shows why. */
  private async step(operation: string, body: unknown = {}) {
    const nc = this.nc.value
    if (!nc) return
    await this.request.run(
      async () => {
        await post<Nonconformity>(`/api/nonconformities/${nc.id}/${operation}`, body, { ifMatch: nc.version })
        this.form = null
        this.revising = false
        this.reload()
      },
      { success: stepDone(operation) },
    )
  }

  /** The refused step's field errors, for the root-cause editor. */
  private get errorsOfAnalysis(): Record<string, string> {
    return Object.fromEntries((this.request.error?.problem.errors ?? []).map((e) => [e.path, describeFieldError(e)]))
  }

  private handleRootCause(event: CustomEvent<{ rootCause: RootCause }>) {
    return this.step('analyze', { rootCause: event.detail.rootCause })
  }

  /** Closing and cancelling end the nonconformity for good: asked once more, naming it. */
  private confirmEnd(operation: 'close' | 'cancel'): Promise<boolean> {
    const code = this.nc.value?.code ?? ''
    return operation === 'close'
      ? confirmStep({
          heading: msg(str`Close nonconformity ${code}?`, { id: 'nc.confirm.closeHeading' }),
          consequence: msg('The nonconformity will be closed: no further step or action can be recorded on it, and this cannot be undone.', { id: 'nc.confirm.closeConsequence' }),
          confirmLabel: msg('Close the nonconformity', { id: 'nc.step.close' }),
        })
      : confirmStep({
          heading: msg(str`Cancel nonconformity ${code}?`, { id: 'nc.confirm.cancelHeading' }),
          consequence: msg('The nonconformity will be cancelled: no further step can be recorded on it, and this cannot be undone.', { id: 'nc.confirm.cancelConsequence' }),
          confirmLabel: msg('Cancel the nonconformity', { id: 'nc.step.cancel' }),
        })
  }

  private async handleFormSubmit(event: SubmitEvent, operation: Exclude<Form, null>) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    // A missing reason is the server's 400 first; only a step that can succeed is asked.
    if ((operation === 'close' || (operation === 'cancel' && text('reason'))) && !(await this.confirmEnd(operation))) return
    switch (operation) {
      case 'plan':
        return this.step('plan', text('verificationPlannedDate') ? { verificationPlannedDate: text('verificationPlannedDate') } : {})
      case 'verify':
        return this.step('verify', { effective: data.get('effective') === 'yes', note: text('note') })
      case 'close':
        return this.step('close', text('note') ? { note: text('note') } : {})
      case 'cancel':
        return this.step('cancel', { reason: text('reason') })
    }
  }

  /** The record the nonconformity came from, where the app has a page for it. */
  private renderSourceLink(nc: Nonconformity) {
    if (!nc.sourceId) return nothing
    if (nc.source === 'finding') return html` · <a href=${`/findings/${nc.sourceId}`}>${msg('Open the finding', { id: 'nc.openFinding' })}</a>`
    if (nc.source === 'late_dossier') return html` · <a href=${`/dossiers/${nc.sourceId}`}>${msg('Open the dossier', { id: 'nc.openDossier' })}</a>`
    if (nc.source === 'plan_task') return html` · <a href=${`/plan-tasks/${nc.sourceId}`}>${msg('Open the plan task', { id: 'nc.openPlanTask' })}</a>`
    return nothing
  }

  override render() {
    return html`<p><a href="/nonconformities">${msg('← All nonconformities', { id: 'nc.page.back' })}</a></p>
      ${this.nc.render({
        pending: () => (this.nc.value ? this.renderNc(this.nc.value) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: (nc) => this.renderNc(nc),
        error: (err) =>
          html`<p role="alert">${err instanceof ApiError && err.status === 403
            ? msg('You are not allowed to see this nonconformity.', { id: 'nc.forbidden' })
            : msg('Nonconformity not found.', { id: 'nc.notFound' })}</p>`,
      })}`
  }

  private renderNc(nc: Nonconformity) {
    const can = (op: string) => nc.allowedActions.includes(op as Nonconformity['allowedActions'][number])
    return html`
      <div class="heading">
        <span class="code">${nc.code}</span>
        <span class=${`badge status ${nc.status}`} data-testid="nc-status">${statusLabel(nc.status)}</span>
        <span class=${`badge ${nc.severity}`}>${severityLabel(nc.severity)}</span>
        ${nc.overdue ? html`<span class="badge overdue">${msg(str`Overdue ${nc.daysOverdue} d`, { id: 'nc.board.overdueDays' })}</span>` : nothing}
      </div>
      <h1>${nc.title}</h1>
      ${this.renderSteps(nc, can)}
      <div class="sections">
        <section class="card" aria-labelledby="facts">
          <h2 id="facts">${msg('Details', { id: 'nc.page.details' })}</h2>
          <dl>
            <dt>${msg('Unit', { id: 'nc.board.unit' })}</dt><dd>${nc.orgUnit.name}</dd>
            <dt>${msg('Source', { id: 'nc.form.source' })}</dt><dd>${sourceLabel(nc.source)}${this.renderSourceLink(nc)}</dd>
            <dt>${msg('ISO 9001 clauses', { id: 'nc.form.clauses' })}</dt><dd>${nc.clauseNumbers.join(', ') || '—'}</dd>
            <dt>${msg('Detected on', { id: 'nc.form.detectedOn' })}</dt><dd>${formatDate(nc.detectedOn)}</dd>
            <dt>${msg('To be closed by', { id: 'nc.form.dueDate' })}</dt><dd>${formatDate(nc.dueDate)}</dd>
            <dt>${msg('Raised by', { id: 'nc.page.raisedBy' })}</dt><dd>${nc.createdBy?.fullName ?? '—'}</dd>
            ${nc.verificationPlannedDate ? html`<dt>${msg('Effectiveness check planned', { id: 'nc.page.checkPlanned' })}</dt><dd>${formatDate(nc.verificationPlannedDate)}</dd>` : nothing}
            ${nc.closedBy ? html`<dt>${msg('Closed', { id: 'nc.status.closed' })}</dt><dd>${formatDateTime(nc.closedAt)} · ${nc.closedBy.fullName}${nc.closingNote ? html` — ${nc.closingNote}` : nothing}</dd>` : nothing}
            ${nc.cancelReason ? html`<dt>${msg('Cancelled', { id: 'nc.status.cancelled' })}</dt><dd>${formatDateTime(nc.cancelledAt)} · ${nc.cancelledBy?.fullName ?? ''} — ${nc.cancelReason}</dd>` : nothing}
          </dl>
          <h3>${msg('Description', { id: 'nc.page.description' })}</h3>
          <p class="text">${nc.description || '—'}</p>
          <h3>${msg('Containment', { id: 'nc.page.containment' })}</h3>
          <p class="text">${nc.containment || '—'}</p>
          ${can('update') ? html`<a class="button" href=${`/nonconformities/${nc.id}/edit`}>${msg('Change', { id: 'nc.page.edit' })}</a>` : nothing}
          <a class="button" href=${`/api/nonconformities/${nc.id}/form`} target="_blank" rel="noopener">${msg('Print the corrective-action request form', { id: 'nc.page.printForm' })}</a>
        </section>
        <section class="card" aria-labelledby="analysis">
          <h2 id="analysis">${msg('Root cause (5 whys)', { id: 'nc.page.analysis' })}</h2>
          <qms-nc-five-why-editor .rootCause=${nc.rootCause} ?editable=${can('analyze') && (['draft', 'analysis'].includes(nc.status) || this.revising)}
            ?busy=${this.request.busy} .errors=${this.errorsOfAnalysis} @qms-save-root-cause=${this.handleRootCause}></qms-nc-five-why-editor>
          ${can('analyze') && !['draft', 'analysis'].includes(nc.status) && !this.revising
            ? html`<p><button @click=${() => (this.revising = true)}>${msg('Revise the analysis', { id: 'nc.page.revise' })}</button>
                <span class="meta">${msg('Saving a revised analysis sends the nonconformity back to analysis; the plan is then confirmed again.', { id: 'nc.page.reviseHint' })}</span></p>`
            : nothing}
        </section>
        <section class="card" aria-labelledby="actions">
          <h2 id="actions">${msg('Actions', { id: 'nc.page.actions' })}</h2>
          <qms-nc-actions .ncId=${nc.id} .actions=${nc.actions} ?canAdd=${can('add-action')} .minDate=${nc.detectedOn} @qms-changed=${this.reload}></qms-nc-actions>
        </section>
        <section class="card" aria-labelledby="reform-tasks">
          <h2 id="reform-tasks">${msg('Reform tasks raised from it', { id: 'nc.page.reformTasks' })}</h2>
          <qms-plan-source-tasks .prefill=${{
            source: 'nonconformity',
            sourceId: nc.id,
            content: msg(str`Remedy nonconformity ${nc.code}: ${nc.title}`, { id: 'nc.page.reformTaskContent' }),
            leadUnitId: nc.orgUnit.id,
            deadline: nc.dueDate,
          }}></qms-plan-source-tasks>
        </section>
        <section class="card" aria-labelledby="checks">
          <h2 id="checks">${msg('Effectiveness checks', { id: 'nc.page.checks' })}</h2>
          ${nc.verifications.length
            ? html`<ul class="checks-list">${nc.verifications.map(
                (v) => html`<li><span class=${`badge ${v.effective ? 'done' : 'overdue'}`}>${v.effective ? msg('Effective', { id: 'nc.verify.effective' }) : msg('Not effective', { id: 'nc.verify.notEffective' })}</span>
                  <span class="meta">${formatDateTime(v.verifiedAt)} · ${v.verifier.fullName}</span><br />${v.note}</li>`,
              )}</ul>`
            : html`<p class="muted">${msg('No check yet.', { id: 'nc.page.noChecks' })}</p>`}
        </section>
        <section class="card" aria-labelledby="timeline">
          <h2 id="timeline">${msg('Timeline', { id: 'nc.page.timeline' })}</h2>
          <qms-nc-timeline .events=${nc.timeline}></qms-nc-timeline>
        </section>
      </div>
    `
  }

  private renderSteps(nc: Nonconformity, can: (op: string) => boolean) {
    const buttons = [
      can('plan') ? html`<button class="primary" @click=${() => (this.form = 'plan')}>${msg('Confirm the plan', { id: 'nc.step.plan' })}</button>` : nothing,
      can('start') ? html`<button class="primary" ?disabled=${this.request.busy} @click=${() => this.step('start')}>${msg('Start the work', { id: 'nc.step.start' })}</button>` : nothing,
      // Verification needs every action done: until then the button waits, saying why, and is not the page's main step.
      can('submit-verification')
        ? nc.actionsOpen
          ? html`<button disabled aria-describedby="submit-wait">${msg('Send for verification', { id: 'nc.step.submit' })}</button>
              <span class="meta" id="submit-wait">${msg(str`${nc.actionsOpen} action(s) still open: verification comes once every action is done.`, { id: 'nc.step.submitWaits' })}</span>`
          : html`<button class="primary" ?disabled=${this.request.busy} @click=${() => this.step('submit-verification')}>${msg('Send for verification', { id: 'nc.step.submit' })}</button>`
        : nothing,
      can('verify') ? html`<button class="primary" @click=${() => (this.form = 'verify')}>${msg('Check effectiveness', { id: 'nc.step.verify' })}</button>` : nothing,
      can('close') ? html`<button class="primary" @click=${() => (this.form = 'close')}>${msg('Close the nonconformity', { id: 'nc.step.close' })}</button>` : nothing,
      can('cancel') ? html`<button class="danger" @click=${() => (this.form = 'cancel')}>${msg('Cancel the nonconformity', { id: 'nc.step.cancel' })}</button>` : nothing,
    ].filter((b) => b !== nothing)
    const problem = this.request.error ? html`<div class="form-error" role="alert">${this.request.problemText()}</div>` : nothing
    if (!buttons.length && !this.request.error) return nothing
    return html`<div class="steps">
      ${this.form
        ? this.renderForm(this.form)
        : buttons.length
          ? html`<div class="actions" role="group" aria-label=${msg('Next steps', { id: 'nc.page.steps' })}>${buttons}</div>`
          : nothing}
      ${problem}
    </div>`
  }

  private renderForm(form: Exclude<Form, null>) {
    const cancel = html`<button type="button" @click=${() => ((this.form = null), this.request.clear())}>${msg('Back', { id: 'nc.step.back' })}</button>`
    const submit = (label: string) => html`<button class="primary" type="submit" ?disabled=${this.request.busy}>${label}</button>`
    switch (form) {
      case 'plan':
        return html`<form class="card" @submit=${(e: SubmitEvent) => this.handleFormSubmit(e, 'plan')} novalidate>
          <div class="field">
            <label for="verificationPlannedDate">${msg('Effectiveness check planned for (optional)', { id: 'nc.step.planDate' })}</label>
            <qms-date-input field-id="verificationPlannedDate" name="verificationPlannedDate"></qms-date-input>
          </div>
          <div class="actions">${submit(msg('Confirm the plan', { id: 'nc.step.plan' }))}${cancel}</div>
        </form>`
      case 'verify':
        return html`<form class="card" @submit=${(e: SubmitEvent) => this.handleFormSubmit(e, 'verify')} novalidate>
          <fieldset>
            <legend>${msg('Were the actions effective?', { id: 'nc.step.verifyQuestion' })}</legend>
            <div class="radio-row">
              <label class="check"><input type="radio" name="effective" value="yes" checked />${msg('Effective', { id: 'nc.verify.effective' })}</label>
              <label class="check"><input type="radio" name="effective" value="no" />${msg('Not effective', { id: 'nc.verify.notEffective' })}</label>
            </div>
          </fieldset>
          <div class="field">
            <label for="verify-note">${msg('What was checked and what it showed', { id: 'nc.step.verifyNote' })}</label>
            <textarea id="verify-note" name="note" rows="3"></textarea>
            ${this.request.errorLine('note')}
          </div>
          <div class="actions">${submit(msg('Record the check', { id: 'nc.step.verifySave' }))}${cancel}</div>
        </form>`
      case 'close':
        return html`<form class="card" @submit=${(e: SubmitEvent) => this.handleFormSubmit(e, 'close')} novalidate>
          <div class="field">
            <label for="close-note">${msg('Closing note (optional)', { id: 'nc.step.closeNote' })}</label>
            <textarea id="close-note" name="note" rows="2"></textarea>
          </div>
          <div class="actions">${submit(msg('Confirm closing', { id: 'nc.step.closeConfirm' }))}${cancel}</div>
        </form>`
      case 'cancel':
        return html`<form class="card" @submit=${(e: SubmitEvent) => this.handleFormSubmit(e, 'cancel')} novalidate>
          <div class="field">
            <label for="cancel-reason">${msg('Reason for cancelling', { id: 'nc.step.cancelReason' })}</label>
            <textarea id="cancel-reason" name="reason" rows="2"></textarea>
            ${this.request.errorLine('reason')}
          </div>
          <div class="actions">${submit(msg('Confirm cancelling', { id: 'nc.step.cancelConfirm' }))}${cancel}</div>
        </form>`
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-nc-page': QmsNcPage
  }
}
