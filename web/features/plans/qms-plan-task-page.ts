import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, post } from '../../api/client.ts'
import type { Nonconformity, PlanTaskDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { areaName, periodLabel, sourceLabel, taskStatusLabel } from './plan-labels.ts'
import { planStyles } from './plan-styles.ts'
import './qms-plan-task-form.ts'
import './qms-plan-task-progress.ts'

/**
 * @summary One task of a plan: what, in which reform area, who leads and supports it, by
 * when, its status (overdue marked), the record it was raised from; its progress notes
 * with their evidence; the progress form for the heads of the lead unit; changing it
 * (managers); raising a nonconformity from it.
 */
@customElement('qms-plan-task-page')
@localized()
export class QmsPlanTaskPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, planStyles]

  @property() planId = ''
  @property() taskId = ''
  @state() private task?: PlanTaskDetail
  @state() private editing = false
  private readonly form = new FormController(this)

  private readonly loader = new Task(this, {
    // Opened from a record that knows only the task (an NC raised from it): the task says its plan.
    task: async ([taskId], { signal }) => {
      const url = this.planId ? `/api/plans/${this.planId}/tasks/${taskId}` : `/api/plan-tasks/${taskId}`
      this.task = await get<PlanTaskDetail>(url, { signal })
      this.planId = this.task.planId
      return this.task
    },
    args: () => [this.taskId] as const,
  })

  private async raiseNc() {
    await this.form.run(async () => {
      const nc = await post<Nonconformity>(`/api/plans/${this.planId}/tasks/${this.taskId}/nonconformity`, {})
      this.form.navigate(`/nonconformities/${nc.id}`)
    })
  }

  override render() {
    return html`<p><a href=${`/plans/${this.planId}`}>${msg('← The plan', { id: 'plans.backToPlan' })}</a></p>
      ${this.loader.render({
        pending: () => (this.task ? this.renderTask(this.task) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: () => (this.task ? this.renderTask(this.task) : nothing),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderTask(t: PlanTaskDetail) {
    return html`<h1>${msg(str`Task ${t.position} of plan ${t.plan.number}`, { id: 'plans.taskHeading' })}</h1>
      <div class="card">
        <p class="content">${t.content}</p>
        <dl class="facts">
          <dt>${msg('Reform area', { id: 'plans.area' })}</dt><dd>${areaName(t.area)}</dd>
          <dt>${msg('Expected output', { id: 'plans.output' })}</dt><dd>${t.expectedOutput ?? '—'}</dd>
          <dt>${msg('Lead unit', { id: 'plans.leadUnit' })}</dt><dd>${t.leadUnit.name}</dd>
          <dt>${msg('Supporting units', { id: 'plans.supportUnits' })}</dt><dd>${t.supportUnits.map((u) => u.name).join(', ') || '—'}</dd>
          <dt>${msg('Deadline', { id: 'plans.deadline' })}</dt><dd>${formatDate(t.deadline)}</dd>
          <dt>${msg('Status', { id: 'common.status' })}</dt>
          <dd>
            <span class=${`badge status-${t.status}`} data-testid="task-status">${taskStatusLabel(t.status)}</span>
            ${t.overdue ? html`<span class="badge overdue">${msg('Overdue', { id: 'plans.overdue' })}</span>` : nothing}
            ${t.completedOn ? html`<span class="meta">${formatDate(t.completedOn)}</span>` : nothing}
          </dd>
          ${t.sourceRef
            ? html`<dt>${msg('Raised from', { id: 'plans.source' })}</dt>
                <dd data-testid="task-source">${sourceLabel(t.source!)}: ${t.sourceRef.href ? html`<a href=${t.sourceRef.href}>${t.sourceRef.label}</a>` : t.sourceRef.label}</dd>`
            : nothing}
          ${t.nonconformities.length
            ? html`<dt>${msg('Nonconformities', { id: 'plans.ncs' })}</dt><dd>${t.nonconformities.map((n) => html`<a href=${`/nonconformities/${n.id}`}>${n.code}</a> `)}</dd>`
            : nothing}
        </dl>
        <div class="actions">
          ${t.allowedActions.includes('update') && !this.editing ? html`<button @click=${() => (this.editing = true)}>${msg('Change the task', { id: 'plans.editTask' })}</button>` : nothing}
          ${t.allowedActions.includes('raise-nc') && !t.nonconformities.length
            ? html`<button ?disabled=${this.form.busy} @click=${this.raiseNc}>${msg('Raise a nonconformity', { id: 'plans.raiseNc' })}</button>`
            : nothing}
        </div>
        ${this.form.renderError()}
      </div>
      ${this.editing
        ? html`<qms-plan-task-form .task=${t} @qms-changed=${(e: CustomEvent<PlanTaskDetail>) => ((this.task = e.detail), (this.editing = false))}
            @qms-cancel=${() => (this.editing = false)}></qms-plan-task-form>`
        : nothing}
      ${t.allowedActions.includes('report')
        ? html`<h2>${msg('Report progress', { id: 'plans.reportProgress' })}</h2>
            <qms-plan-task-progress .task=${t} @qms-changed=${(e: CustomEvent<PlanTaskDetail>) => (this.task = e.detail)}></qms-plan-task-progress>`
        : nothing}
      <h2>${msg('Progress notes', { id: 'plans.updates' })}</h2>
      ${t.updates.length
        ? html`<ul class="cards">
            ${t.updates.map(
              (u) => html`<li data-testid="task-update">
                <span class="meta">${formatDate(u.reportedOn)} · ${periodLabel(u.period)} · ${u.createdBy?.fullName ?? ''}
                  ${u.fromStatus !== u.toStatus ? html` · ${taskStatusLabel(u.fromStatus)} → <strong>${taskStatusLabel(u.toStatus)}</strong>` : nothing}</span>
                <span>${u.note}</span>
                ${u.attachmentIds.length || u.links.length
                  ? html`<span class="meta">${msg('Evidence', { id: 'plans.evidenceList' })}:
                      ${u.attachmentIds.map((id, i) => html`<a href=${`/api/attachments/${id}`} target="_blank" rel="noopener">${msg(str`file ${i + 1}`, { id: 'plans.evidenceFile' })}</a> `)}
                      ${u.links.map((l) => html`<a href=${l.href}>${l.label}</a> `)}</span>`
                  : nothing}
                <span class="meta">${formatDateTime(u.createdAt)}</span>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${msg('No progress reported yet.', { id: 'plans.noUpdates' })}</p>`}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plan-task-page': QmsPlanTaskPage
  }
}
