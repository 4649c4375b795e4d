import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { get, patch } from '../../api/client.ts'
import type { PlanDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { scrollRegion } from '../../app/scroll-region.ts'
import { confirmStep } from '../../app/qms-confirm-dialog.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { areaName, planKindLabel, planStatusLabel } from './plan-labels.ts'
import { planStyles } from './plan-styles.ts'
import './qms-plan-progress.ts'
import './qms-plan-task-form.ts'
import './qms-plan-task-list.ts'
import type { QmsPlanTaskList } from './qms-plan-task-list.ts'

const MOVES = [
  ['approve', 'approved'],
  ['close', 'closed'],
  ['reopen', 'approved'],
] as const

/**
 * @summary One plan: its number and date, what it implements, its status (managers
 * approve, close, reopen it), its progress in all and by reform area, and its tasks with
 * filters; managers add tasks here.
 */
@customElement('qms-plan-page')
@localized()
export class QmsPlanPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles, planStyles]

  @property() planId = ''
  @state() private plan?: PlanDetail
  @state() private adding = false
  @query('qms-plan-task-list') private list?: QmsPlanTaskList
  private readonly form = new FormController(this)

  private readonly loader = new Task(this, {
    task: async ([id], { signal }) => (this.plan = await get<PlanDetail>(`/api/plans/${id}`, { signal })),
    args: () => [this.planId] as const,
  })

  private moveLabel(op: (typeof MOVES)[number][0]) {
    switch (op) {
      case 'approve':
        return msg('Approve the plan', { id: 'plans.move.approve' })
      case 'close':
        return msg('Close the plan', { id: 'plans.move.close' })
      case 'reopen':
        return msg('Reopen', { id: 'plans.move.reopen' })
    }
  }

  private async move(op: (typeof MOVES)[number][0], status: 'approved' | 'closed') {
    const plan = this.plan!
    // Closing stops all reporting on the plan: asked once more, naming it (a manager may reopen it later).
    if (op === 'close') {
      const confirmed = await confirmStep({
        heading: msg(str`Close plan ${plan.number} of ${formatDate(plan.issuedOn)}?`, { id: 'plans.confirmClose.heading' }),
        consequence: msg('The plan becomes read-only: its tasks and their progress can no longer be changed or reported on, until a manager reopens it.', { id: 'plans.confirmClose.consequence' }),
        confirmLabel: this.moveLabel('close'),
      })
      if (!confirmed) return
    }
    await this.form.run(
      async () => {
        this.plan = await patch<PlanDetail>(`/api/plans/${plan.id}`, { status }, { ifMatch: plan.version })
        this.list?.reload()
      },
      { success: this.moveDone(op) },
    )
  }

  private moveDone(op: (typeof MOVES)[number][0]) {
    switch (op) {
      case 'approve':
        return msg('Plan approved.', { id: 'plans.done.approve' })
      case 'close':
        return msg('Plan closed.', { id: 'plans.done.close' })
      case 'reopen':
        return msg('Plan reopened.', { id: 'plans.done.reopen' })
    }
  }

  private handleAdded() {
    this.adding = false
    this.list?.reload()
    void this.loader.run()
  }

  override render() {
    return html`<p><a href="/plans">${msg('← All plans', { id: 'plans.backToList' })}</a></p>
      ${this.loader.render({
        pending: () => (this.plan ? this.renderPlan(this.plan) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: () => (this.plan ? this.renderPlan(this.plan) : nothing),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderPlan(p: PlanDetail) {
    const moves = MOVES.filter(([op]) => p.allowedActions.includes(op))
    const l = { area: msg('Reform area', { id: 'plans.area' }), progress: msg('Progress', { id: 'plans.progress' }) }
    return html`<h1>${msg(str`Plan ${p.number} of ${formatDate(p.issuedOn)}`, { id: 'plans.numberDate' })}</h1>
      <div class="card">
        <p class="content">${p.title}</p>
        <dl class="facts">
          <dt>${msg('Kind', { id: 'plans.kind' })}</dt><dd>${planKindLabel(p.kind)} · ${p.year}</dd>
          <dt>${msg('Implements', { id: 'plans.basis' })}</dt><dd>${p.basis ?? '—'}</dd>
          <dt>${msg('Issuing unit', { id: 'plans.issuingUnit' })}</dt><dd>${p.issuingUnit.name}</dd>
          <dt>${msg('Status', { id: 'common.status' })}</dt>
          <dd><span class="badge status-in_progress" data-testid="plan-status">${planStatusLabel(p.status)}</span>
            ${p.approvedBy && p.approvedAt ? html`<span class="meta">${msg(str`approved by ${p.approvedBy.fullName}, ${formatDateTime(p.approvedAt)}`, { id: 'plans.approvedBy' })}</span>` : nothing}</dd>
          ${p.attachmentId ? html`<dt>${msg('File', { id: 'plans.file' })}</dt><dd><a href=${`/api/attachments/${p.attachmentId}`} target="_blank" rel="noopener">${msg('Signed plan', { id: 'plans.signedFile' })}</a></dd>` : nothing}
        </dl>
        <qms-plan-progress .counts=${p.counts}></qms-plan-progress>
        ${moves.length || p.allowedActions.includes('update')
          ? html`<div class="actions">
              ${p.allowedActions.includes('update') ? html`<a class="button" href=${`/plans/${p.id}/edit`}>${msg('Change the plan', { id: 'plans.edit' })}</a>` : nothing}
              ${moves.map(([op, status]) => html`<button ?disabled=${this.form.busy} @click=${() => this.move(op, status)}>${this.moveLabel(op)}</button>`)}</div>`
          : nothing}
        ${this.form.renderError()}
      </div>
      ${p.byArea.length
        ? html`<h2>${msg('By reform area', { id: 'plans.byArea' })}</h2>
            <div class="table-wrap" ${scrollRegion()}><table class="responsive">
              <thead><tr><th>${l.area}</th><th>${l.progress}</th></tr></thead>
              <tbody>${p.byArea.map((a) => html`<tr><td data-label=${l.area}>${areaName(a.area)}</td><td data-label=${l.progress}><qms-plan-progress .counts=${a.counts}></qms-plan-progress></td></tr>`)}</tbody>
            </table></div>`
        : nothing}
      <h2>${msg('Tasks', { id: 'plans.tasks' })}</h2>
      ${p.allowedActions.includes('add-task')
        ? this.adding
          ? html`<qms-plan-task-form planId=${p.id} @qms-changed=${this.handleAdded} @qms-cancel=${() => (this.adding = false)}></qms-plan-task-form>`
          : html`<p><button @click=${() => (this.adding = true)}>${msg('Add a task', { id: 'plans.addTask' })}</button></p>`
        : nothing}
      <qms-plan-task-list planId=${p.id}></qms-plan-task-list>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plan-page': QmsPlanPage
  }
}
