import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, post } from '../../api/client.ts'
import type { AuditProgrammeDetail, ProgrammeAudit } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { auditStatusLabel, programmeStatusLabel } from './audit-labels.ts'
import { auditStyles } from './audit-styles.ts'
import './qms-audit-coverage.ts'

/**
 * @summary One audit programme: its number, objectives and approval (a manager approves a
 * draft); its audits with units, processes, clauses, dates, team, the inspections that
 * perform them, their findings and report; scheduling an audit of an approved programme;
 * and the coverage matrix.
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
  private readonly form = new FormController(this)

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
        <div class="actions">
          ${p.allowedActions.includes('approve') ? html`<button class="primary" ?disabled=${this.form.busy} @click=${this.approve}>${msg('Approve the programme', { id: 'audits.approve' })}</button>` : nothing}
          ${p.allowedActions.includes('plan-audit') ? html`<a class="button" href=${`/audit-programmes/${p.id}/audits/new`}>${msg('Plan an audit', { id: 'audits.plan' })}</a>` : nothing}
        </div>
        ${this.form.renderError()}
      </div>
      <h2>${msg('Audits', { id: 'audits.audits' })}</h2>
      ${p.audits.length ? html`<ol class="audits">${p.audits.map((a) => this.renderAudit(a))}</ol>` : html`<p>${msg('No audit planned yet.', { id: 'audits.none' })}</p>`}
      <h2>${msg('Coverage', { id: 'audits.coverage' })}</h2>
      <qms-audit-coverage programmeId=${p.id}></qms-audit-coverage>`
  }

  private renderAudit(a: ProgrammeAudit) {
    const report = `/api/audit-programmes/${this.programmeId}/audits/${a.id}/report`
    const found = a.findings.major_nc + a.findings.minor_nc + a.findings.observation + a.findings.improvement_opportunity
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
      </dl>
      <div class="actions">
        ${a.allowedActions.includes('schedule')
          ? html`<button ?disabled=${this.form.busy} @click=${() => this.schedule(a)}>${msg('Schedule its inspections', { id: 'audits.schedule' })}</button>`
          : nothing}
        <a class="button" href=${report} target="_blank" rel="noopener">${msg('Report', { id: 'audits.report' })}</a>
        <a class="button" href=${`${report}?format=pdf`} target="_blank" rel="noopener">${msg('Report (PDF)', { id: 'audits.reportPdf' })}</a>
      </div>
    </li>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-audit-programme-page': QmsAuditProgrammePage
  }
}
