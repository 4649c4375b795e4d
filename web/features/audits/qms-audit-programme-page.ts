import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, patch, post } from '../../api/client.ts'
import { loadActiveUsers } from '../../api/loaders.ts'
import type { AuditProgrammeDetail, ProgrammeAudit } from '../../api/types.ts'
import { describeFieldError } from '../../app/field-errors.ts'
import { FormController } from '../../app/form-controller.ts'
import { confirmStep } from '../../app/qms-confirm-dialog.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { auditStatusLabel, programmeStatusLabel } from './audit-labels.ts'
import { auditStyles } from './audit-styles.ts'
import '../../app/qms-date-input.ts'
import './qms-audit-coverage.ts'

/** The form open on the page: the programme's header, or one change of one audit. */
type Editing = { kind: 'programme' } | { kind: 'reschedule' | 'people' | 'cancel' | 'conclusion'; auditId: string }

/**
 * @summary One audit programme: its number, objectives and approval (a manager approves a
 * draft); its audits with units, processes, clauses, dates, team, the inspections that
 * perform them, their findings and report; scheduling an audit of an approved programme;
 * and the coverage matrix. Forms in place change a draft's header, reschedule an audit
 * (with a reason), change its lead and team until it is completed, cancel it before it is
 * scheduled (with a reason) and record its conclusion once completed — one form at a time.
 */
@customElement('qms-audit-programme-page')
@localized()
export class QmsAuditProgrammePage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    auditStyles,
    css`
      :host { display: block; min-width: 0; }
      .audits { display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--qms-space-3); list-style: none; margin: 0; padding: 0; }
      .audits h3 { margin: 0 0 var(--qms-space-2); font-size: 1.05rem; }
      .audits ul.units { margin: 0; padding-left: var(--qms-space-4); }
    `,
  ]

  @property() programmeId = ''
  @state() private programme?: AuditProgrammeDetail
  @state() private editing?: Editing
  private readonly form = new FormController(this)
  /** The people a lead or team member is chosen from: loaded when that form opens. */
  private readonly people = new Task(this, {
    task: ([wanted], { signal }) => (wanted ? loadActiveUsers(undefined, signal) : Promise.resolve([])),
    args: () => [this.editing?.kind === 'people'] as const,
  })

  private readonly loader = new Task(this, {
    task: async ([id], { signal }) => {
      this.programme = await get<AuditProgrammeDetail>(`/api/audit-programmes/${id}`, { signal })
      return this.programme
    },
    args: () => [this.programmeId] as const,
  })

  private async approve() {
    const p = this.programme!
    await this.form.run(async () => {
      this.programme = await post<AuditProgrammeDetail>(`/api/audit-programmes/${p.id}/approve`, undefined, { ifMatch: p.version })
    })
  }

  private async schedule(audit: ProgrammeAudit) {
    await this.form.run(async () => {
      await post<ProgrammeAudit>(`/api/audit-programmes/${this.programmeId}/audits/${audit.id}/schedule`, undefined, { ifMatch: audit.version })
      await this.loader.run()
    })
  }

  private open(editing: Editing | undefined) {
    this.form.clear()
    this.editing = editing
  }

  private isEditing(kind: Editing['kind'], auditId?: string) {
    const e = this.editing
    return !!e && e.kind === kind && (e.kind === 'programme' || e.auditId === auditId)
  }

  private async saveProgramme(event: SubmitEvent) {
    event.preventDefault()
    const p = this.programme!
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body = { number: text('number'), title: text('title'), objectives: text('objectives') || null }
    await this.form.run(
      async () => {
        this.programme = await patch<AuditProgrammeDetail>(`/api/audit-programmes/${p.id}`, body, { ifMatch: p.version })
        this.editing = undefined
      },
      { success: msg('Programme saved.', { id: 'audits.programmeSaved' }) },
    )
  }

  /** One change of an audit: PATCH, or POST …/cancel; the programme is read again after it. */
  private async saveAudit(event: SubmitEvent, audit: ProgrammeAudit) {
    event.preventDefault()
    const kind = this.editing?.kind
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const url = `/api/audit-programmes/${this.programmeId}/audits/${audit.id}`
    // Cancelling is for good: asked once more, naming the audit (a missing reason is the server's 400 first).
    if (kind === 'cancel' && text('reason')) {
      const confirmed = await confirmStep({
        heading: msg(str`Cancel audit ${audit.seq}. ${audit.title} of programme ${this.programme?.number ?? ''}?`, { id: 'audits.confirmCancel.heading' }),
        consequence: msg('The audit will be cancelled: its inspections cannot be scheduled any more, and this cannot be undone.', { id: 'audits.confirmCancel.consequence' }),
        confirmLabel: msg('Cancel the audit', { id: 'audits.cancelAudit' }),
      })
      if (!confirmed) return
    }
    await this.form.run(
      async () => {
        if (kind === 'cancel') await post<ProgrammeAudit>(`${url}/cancel`, { reason: text('reason') }, { ifMatch: audit.version })
        else {
          const body =
            kind === 'reschedule'
              ? { plannedFrom: text('plannedFrom'), plannedTo: text('plannedTo'), reason: text('reason') || undefined }
              : kind === 'people'
                ? { leadAuditorId: text('leadAuditorId'), teamIds: data.getAll('teamIds').map(String) }
                : { conclusion: text('conclusion') || null }
          await patch<ProgrammeAudit>(url, body, { ifMatch: audit.version })
        }
        this.editing = undefined
        await this.loader.run()
      },
      { success: kind === 'cancel' ? msg('Audit cancelled.', { id: 'audits.auditCancelled' }) : msg('Audit saved.', { id: 'audits.auditSaved' }) },
    )
  }

  override render() {
    return html`<p><a href="/audit-programmes">${msg('← All audit programmes', { id: 'audits.backToList' })}</a></p>
      ${this.loader.render({
        pending: () => (this.programme ? this.renderProgramme(this.programme) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: () => (this.programme ? this.renderProgramme(this.programme) : nothing),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderProgramme(p: AuditProgrammeDetail) {
    return html`<h1><span class="code">${p.number}</span> ${p.title}</h1>
      <div class="card">
        <dl class="facts">
          <dt>${msg('Year', { id: 'audits.year' })}</dt><dd>${p.year}</dd>
          <dt>${msg('Status', { id: 'common.status' })}</dt><dd><span class="badge" data-testid="programme-status">${programmeStatusLabel(p.status)}</span></dd>
          ${p.approvedBy ? html`<dt>${msg('Approved by', { id: 'audits.approvedBy' })}</dt><dd>${p.approvedBy.fullName}, ${formatDateTime(p.approvedAt)}</dd>` : nothing}
          ${p.objectives ? html`<dt>${msg('Objectives', { id: 'audits.objectives' })}</dt><dd>${p.objectives}</dd>` : nothing}
        </dl>
        ${this.isEditing('programme') ? this.renderProgrammeForm(p) : html`<div class="actions">
          ${p.allowedActions.includes('update')
            ? html`<button @click=${() => this.open({ kind: 'programme' })}>${msg('Change the programme', { id: 'audits.editProgramme' })}</button>`
            : nothing}
          ${p.allowedActions.includes('approve') ? html`<button class="primary" ?disabled=${this.form.busy} @click=${this.approve}>${msg('Approve the programme', { id: 'audits.approve' })}</button>` : nothing}
          ${p.allowedActions.includes('plan-audit') ? html`<a class="button" href=${`/audit-programmes/${p.id}/audits/new`}>${msg('Plan an audit', { id: 'audits.plan' })}</a>` : nothing}
        </div>
        ${this.editing ? nothing : this.form.renderError()}`}
      </div>
      <h2>${msg('Audits', { id: 'audits.audits' })}</h2>
      ${p.audits.length ? html`<ol class="audits">${p.audits.map((a) => this.renderAudit(a))}</ol>` : html`<p>${msg('No audit planned yet.', { id: 'audits.none' })}</p>`}
      <h2>${msg('Coverage', { id: 'audits.coverage' })}</h2>
      <qms-audit-coverage programmeId=${p.id} revision=${p.audits.map((a) => `${a.id}:${a.version}`).join(' ')}></qms-audit-coverage>`
  }

  private renderAudit(a: ProgrammeAudit) {
    const report = `/api/audit-programmes/${this.programmeId}/audits/${a.id}/report`
    const found = a.findings.major_nc + a.findings.minor_nc + a.findings.observation + a.findings.improvement_opportunity
    const changes = a.allowedActions.includes('update')
    return html`<li class="card">
      <h3>${a.seq}. ${a.title} <span class="badge">${auditStatusLabel(a.status)}</span></h3>
      <dl class="facts">
        <dt>${msg('Dates', { id: 'audits.dates' })}</dt><dd>${formatDate(a.plannedFrom)} – ${formatDate(a.plannedTo)}</dd>
        <dt>${msg('Units', { id: 'audits.units' })}</dt>
        <dd><ul class="units">${a.units.map(
          (u) => html`<li>${u.name}${u.inspection ? html` — <a href=${`/inspections/${u.inspection.id}`}>${u.inspection.number}</a>` : nothing}</li>`,
        )}</ul></dd>
        ${a.processes.length ? html`<dt>${msg('Processes', { id: 'audits.processes' })}</dt><dd>${a.processes.join('; ')}</dd>` : nothing}
        <dt>${msg('Clauses', { id: 'audits.clauses' })}</dt><dd>${a.clauseNumbers.join(', ')}</dd>
        <dt>${msg('Lead auditor', { id: 'audits.lead' })}</dt><dd>${a.leadAuditor.fullName}</dd>
        ${a.team.length ? html`<dt>${msg('Team', { id: 'audits.team' })}</dt><dd>${a.team.map((t) => t.fullName).join(', ')}</dd>` : nothing}
        <dt>${msg('Findings', { id: 'audits.findings' })}</dt>
        <dd>${msg(str`${found} (major ${a.findings.major_nc}, minor ${a.findings.minor_nc}, observations ${a.findings.observation}, improvement opportunities ${a.findings.improvement_opportunity})`, { id: 'audits.findingCounts' })}</dd>
        ${a.conclusion ? html`<dt>${msg('Conclusion', { id: 'audits.conclusionShort' })}</dt><dd data-testid="audit-conclusion">${a.conclusion}</dd>` : nothing}
        ${a.cancelReason ? html`<dt>${msg('Cancelled because', { id: 'audits.cancelledBecause' })}</dt><dd>${a.cancelReason}</dd>` : nothing}
      </dl>
      ${this.editing && this.editing.kind !== 'programme' && this.editing.auditId === a.id
        ? this.renderAuditForm(a, this.editing.kind)
        : html`<div class="actions">
            ${a.allowedActions.includes('schedule')
              ? html`<button ?disabled=${this.form.busy} @click=${() => this.schedule(a)}>${msg('Schedule its inspections', { id: 'audits.schedule' })}</button>`
              : nothing}
            ${changes && a.status !== 'completed'
              ? html`<button @click=${() => this.open({ kind: 'reschedule', auditId: a.id })}>${msg('Reschedule', { id: 'audits.reschedule' })}</button>
                  <button @click=${() => this.open({ kind: 'people', auditId: a.id })}>${msg('Change lead and team', { id: 'audits.changePeople' })}</button>`
              : nothing}
            ${changes && a.status === 'completed'
              ? html`<button @click=${() => this.open({ kind: 'conclusion', auditId: a.id })}>${a.conclusion ? msg('Change the conclusion', { id: 'audits.changeConclusion' }) : msg('Enter the conclusion', { id: 'audits.enterConclusion' })}</button>`
              : nothing}
            ${a.allowedActions.includes('cancel')
              ? html`<button @click=${() => this.open({ kind: 'cancel', auditId: a.id })}>${msg('Cancel the audit', { id: 'audits.cancelAudit' })}</button>`
              : nothing}
            <a class="button" href=${report} target="_blank" rel="noopener">${msg('Report', { id: 'audits.report' })}</a>
            <a class="button" href=${`${report}?format=pdf`} target="_blank" rel="noopener">${msg('Report (PDF)', { id: 'audits.reportPdf' })}</a>
          </div>`}
    </li>`
  }

  private renderProgrammeForm(p: AuditProgrammeDetail) {
    const input = (name: 'number' | 'title', label: string) =>
      this.form.field(name, label, html`<input id=${name} name=${name} .value=${p[name]} aria-invalid=${this.form.invalid(name)} aria-describedby=${`${name}-error`} />`)
    return html`<form @submit=${this.saveProgramme} novalidate aria-label=${msg('Change the programme', { id: 'audits.editProgramme' })}>
      ${input('number', msg('Number', { id: 'audits.number' }))}
      ${input('title', msg('Programme', { id: 'audits.programme' }))}
      ${this.form.field('objectives', msg('Objectives, criteria and method (optional)', { id: 'audits.objectivesInput' }),
        html`<textarea id="objectives" name="objectives" rows="3" .value=${p.objectives ?? ''} aria-invalid=${this.form.invalid('objectives')} aria-describedby="objectives-error"></textarea>`)}
      ${this.renderFormEnd()}
    </form>`
  }

  private renderAuditForm(a: ProgrammeAudit, kind: Exclude<Editing['kind'], 'programme'>) {
    const label = {
      reschedule: msg('Reschedule', { id: 'audits.reschedule' }),
      people: msg('Change lead and team', { id: 'audits.changePeople' }),
      cancel: msg('Cancel the audit', { id: 'audits.cancelAudit' }),
      conclusion: a.conclusion ? msg('Change the conclusion', { id: 'audits.changeConclusion' }) : msg('Enter the conclusion', { id: 'audits.enterConclusion' }),
    }[kind]
    const reason = (text: string) =>
      this.form.field('reason', text, html`<textarea id="reason" name="reason" rows="2" aria-invalid=${this.form.invalid('reason')} aria-describedby="reason-error"></textarea>`)
    return html`<form @submit=${(e: SubmitEvent) => this.saveAudit(e, a)} novalidate aria-label=${label}>
      ${kind === 'reschedule'
        ? html`<div class="grid-2">
              ${this.form.field('plannedFrom', msg('From', { id: 'audits.from' }),
                html`<qms-date-input field-id="plannedFrom" name="plannedFrom" .value=${a.plannedFrom} invalid=${this.form.invalid('plannedFrom')} describedby="plannedFrom-error"></qms-date-input>`)}
              ${this.form.field('plannedTo', msg('To', { id: 'audits.to' }),
                html`<qms-date-input field-id="plannedTo" name="plannedTo" .value=${a.plannedTo} invalid=${this.form.invalid('plannedTo')} describedby="plannedTo-error"></qms-date-input>`)}
            </div>
            ${reason(msg('Reason for the new dates', { id: 'audits.rescheduleReason' }))}`
        : kind === 'cancel'
          ? reason(msg('Reason for cancelling', { id: 'audits.cancelReason' }))
          : kind === 'conclusion'
            ? this.form.field('conclusion', msg('Audit conclusion', { id: 'audits.conclusion' }),
                html`<textarea id="conclusion" name="conclusion" rows="4" .value=${a.conclusion ?? ''} aria-invalid=${this.form.invalid('conclusion')} aria-describedby="conclusion-error"></textarea>`)
            : this.renderPeople(a)}
      ${this.renderFormEnd()}
    </form>`
  }

  /** The lead (a select) and the team (checkboxes) of auditors and managers; the server refuses anyone of a unit audited. */
  private renderPeople(a: ProgrammeAudit) {
    const people = this.people.value ?? []
    const teamError = (this.form.error?.problem.errors ?? []).filter((e) => e.path === 'teamIds' || e.path.startsWith('teamIds.')).map((e) => describeFieldError(e)).join(' ')
    return html`${this.form.field('leadAuditorId', msg('Lead auditor', { id: 'audits.lead' }),
        html`<select id="leadAuditorId" name="leadAuditorId" aria-invalid=${this.form.invalid('leadAuditorId')} aria-describedby="leadAuditorId-error">
          ${people.map((u) => html`<option value=${u.id} ?selected=${u.id === a.leadAuditor.id}>${u.fullName}${u.orgUnit ? ` — ${u.orgUnit.name}` : ''}</option>`)}
        </select>`)}
      <fieldset aria-describedby="teamIds-error" aria-invalid=${teamError ? 'true' : 'false'}>
        <legend>${msg('Team (optional)', { id: 'audits.teamInput' })}</legend>
        <div class="checks">${people
          .filter((u) => u.roles.some((r) => r === 'auditor' || r === 'manager'))
          .map((u) => html`<label class="check"><input type="checkbox" name="teamIds" value=${u.id} ?checked=${a.team.some((t) => t.id === u.id)} /> ${u.fullName}</label>`)}</div>
        <span class="error" id="teamIds-error">${teamError}</span>
      </fieldset>`
  }

  private renderFormEnd() {
    const problem = this.form.error?.problem
    return html`${problem?.code === 'audit.not-independent' ? html`<div class="form-error" role="alert">${problem.detail}</div>` : this.form.renderError()}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
        <button type="button" @click=${() => this.open(undefined)}>${msg('Close', { id: 'audits.closeForm' })}</button>
      </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-audit-programme-page': QmsAuditProgrammePage
  }
}
