import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { getAll, post } from '../../api/client.ts'
import { indentedName, loadActiveUsers, loadAllOrgUnits } from '../../api/loaders.ts'
import type { ChecklistTemplate, ProgrammeAudit } from '../../api/types.ts'
import { describeFieldError } from '../../app/field-errors.ts'
import { FormController } from '../../app/form-controller.ts'
import { SessionController } from '../../app/session.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { auditStyles } from './audit-styles.ts'
import '../../app/qms-clause-picker.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary Plans an audit of a programme: title, units, processes (one a line), ISO
 * clauses, dates, lead auditor (the reader by default), team and checklist. The server
 * refuses anyone on the team who belongs to a unit audited, naming them.
 * @event qms-navigate - detail `{ to }`: the programme's page after saving
 */
@customElement('qms-audit-form')
@localized()
export class QmsAuditForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, auditStyles]

  @property() programmeId = ''
  private readonly form = new FormController(this)
  private readonly session = new SessionController(this)
  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly people = new Task(this, { task: (_a, { signal }) => loadActiveUsers(undefined, signal), args: () => [] })
  private readonly templates = new Task(this, { task: (_a, { signal }) => getAll<ChecklistTemplate>('/api/checklist-templates', { active: true }, { signal }), args: () => [] })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body = {
      title: text('title'),
      orgUnitIds: data.getAll('orgUnitIds').map(String),
      processes: text('processes').split('\n').map((s) => s.trim()).filter(Boolean),
      clauseNumbers: data.getAll('clauseNumbers').map(String),
      plannedFrom: text('plannedFrom'),
      plannedTo: text('plannedTo'),
      leadAuditorId: text('leadAuditorId'),
      teamIds: data.getAll('teamIds').map(String),
      templateId: text('templateId'),
    }
    await this.form.run(async () => {
      await post<ProgrammeAudit>(`/api/audit-programmes/${this.programmeId}/audits`, body)
      this.form.navigate(`/audit-programmes/${this.programmeId}`)
    })
  }

  /** The messages of a list field (`teamIds.1`) or of the list itself, on one line. */
  private listMessage(name: string) {
    const errors = (this.form.error?.problem.errors ?? []).filter((e) => e.path === name || e.path.startsWith(`${name}.`))
    return errors.map((e) => describeFieldError(e)).join(' ')
  }

  private checks(name: 'orgUnitIds' | 'teamIds', legend: string, options: { id: string; label: string }[]) {
    const message = this.listMessage(name)
    return html`<fieldset aria-describedby=${`${name}-error`} aria-invalid=${message ? 'true' : 'false'}>
      <legend>${legend}</legend>
      <div class="checks">${options.map((o) => html`<label class="check"><input type="checkbox" name=${name} value=${o.id} /> ${o.label}</label>`)}</div>
      <span class="error" id=${`${name}-error`}>${message}</span>
    </fieldset>`
  }

  override render() {
    const me = this.session.info?.user
    const iso = (this.templates.value ?? []).find((t) => t.items.some((i) => i.clauseNumbers.length))
    const problem = this.form.error?.problem
    return html`<p><a href=${`/audit-programmes/${this.programmeId}`}>${msg('← Back to the programme', { id: 'audits.backToProgramme' })}</a></p>
      <h1>${msg('Plan an audit', { id: 'audits.plan' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        ${this.form.field('title', msg('Audit', { id: 'audits.auditTitle' }), html`<input id="title" name="title" aria-invalid=${this.form.invalid('title')} aria-describedby="title-error" />`)}
        ${this.checks('orgUnitIds', msg('Units audited', { id: 'audits.unitsInput' }), (this.units.value ?? []).filter((u) => u.active).map((u) => ({ id: u.id, label: indentedName(u) })))}
        ${this.form.field('processes', msg('Processes (one a line, optional)', { id: 'audits.processesInput' }),
          html`<textarea id="processes" name="processes" rows="2" aria-invalid=${this.form.invalid('processes')} aria-describedby="processes-error"></textarea>`)}
        ${this.form.field('clauseNumbers', msg('ISO 9001 clauses', { id: 'audits.clausesInput' }),
          html`<qms-clause-picker field-id="clauseNumbers" name="clauseNumbers" invalid=${this.listMessage('clauseNumbers') ? 'true' : 'false'} describedby="clauseNumbers-error"></qms-clause-picker>`)}
        <div class="grid-2">
          ${this.form.field('plannedFrom', msg('From', { id: 'audits.from' }),
            html`<qms-date-input field-id="plannedFrom" name="plannedFrom" invalid=${this.form.invalid('plannedFrom')} describedby="plannedFrom-error"></qms-date-input>`)}
          ${this.form.field('plannedTo', msg('To', { id: 'audits.to' }),
            html`<qms-date-input field-id="plannedTo" name="plannedTo" invalid=${this.form.invalid('plannedTo')} describedby="plannedTo-error"></qms-date-input>`)}
        </div>
        <div class="grid-2">
          ${this.form.field('leadAuditorId', msg('Lead auditor', { id: 'audits.lead' }),
            html`<select id="leadAuditorId" name="leadAuditorId" aria-invalid=${this.form.invalid('leadAuditorId')} aria-describedby="leadAuditorId-error">
              ${(this.people.value ?? []).map((u) => html`<option value=${u.id} ?selected=${u.id === me?.id}>${u.fullName}${u.orgUnit ? ` — ${u.orgUnit.name}` : ''}</option>`)}
            </select>`)}
          ${this.form.field('templateId', msg('Checklist', { id: 'audits.template' }),
            html`<select id="templateId" name="templateId" aria-invalid=${this.form.invalid('templateId')} aria-describedby="templateId-error">
              ${(this.templates.value ?? []).map((t) => html`<option value=${t.id} ?selected=${t.id === iso?.id}>${t.name}</option>`)}
            </select>`)}
        </div>
        ${this.checks('teamIds', msg('Team (optional)', { id: 'audits.teamInput' }), (this.people.value ?? []).filter((u) => u.roles.some((r) => r === 'auditor' || r === 'manager')).map((u) => ({ id: u.id, label: u.fullName })))}
        ${problem?.code === 'audit.not-independent' ? html`<div class="form-error" role="alert">${problem.detail}</div>` : this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href=${`/audit-programmes/${this.programmeId}`}>${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-audit-form': QmsAuditForm
  }
}
