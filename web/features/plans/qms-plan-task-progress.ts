import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { getAll, post } from '../../api/client.ts'
import type { Attachment, Document, PlanTask, PlanTaskDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { CHOSEN_STATUSES, PERIODS, periodLabel, taskStatusLabel } from './plan-labels.ts'
import { planStyles } from './plan-styles.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary A head's progress report on a task: the status (done after the deadline is
 * recorded as done late by the server), the period, what was done, and the evidence —
 * files, a QMS document, the dossier statistics of a period.
 * @event qms-changed - detail: the task as saved
 */
@customElement('qms-plan-task-progress')
@localized()
export class QmsPlanTaskProgress extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, planStyles]

  @property({ attribute: false }) task?: PlanTask
  private readonly form = new FormController(this)
  private readonly documents = new Task(this, { task: (_a, { signal }) => getAll<Document>('/api/documents', {}, { signal }), args: () => [] })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const task = this.task!
    const formElement = event.target as HTMLFormElement
    const data = new FormData(formElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const files = data.getAll('evidence').filter((f): f is File => f instanceof File && f.size > 0)
    const links: Record<string, unknown>[] = []
    if (text('documentId')) links.push({ kind: 'document', id: text('documentId') })
    if (text('statsFrom') || text('statsTo')) links.push({ kind: 'dossier_stats', from: text('statsFrom') || undefined, to: text('statsTo') || undefined, orgUnitId: task.leadUnit.id })
    await this.form.run(async () => {
      // Each file becomes an attachment first; the update then names them as evidence.
      const attachmentIds: string[] = []
      for (const file of files) {
        const upload = new FormData()
        upload.append('file', file)
        attachmentIds.push((await post<Attachment>('/api/attachments', upload)).id)
      }
      const body: Record<string, unknown> = { note: text('note'), attachmentIds, links }
      if (!body.note) delete body.note
      if (text('status') && text('status') !== task.status) body.status = text('status')
      if (text('period')) body.period = text('period')
      const saved = await post<PlanTaskDetail>(`/api/plans/${task.planId}/tasks/${task.id}/progress`, body, { ifMatch: task.version })
      formElement.reset()
      this.dispatchEvent(new CustomEvent('qms-changed', { detail: saved, bubbles: true, composed: true }))
    }, { success: msg('Progress saved.', { id: 'plans.progressSaved' }) })
  }

  override render() {
    const t = this.task
    if (!t) return html``
    const current = t.status === 'done_late' ? 'done' : t.status
    return html`<form class="card" @submit=${this.handleSubmit} novalidate>
      <div class="grid-2">
        ${this.form.field('status', msg('Status', { id: 'common.status' }),
          html`<select id="status" name="status">${CHOSEN_STATUSES.map((s) => html`<option value=${s} ?selected=${s === current}>${taskStatusLabel(s)}</option>`)}</select>`,
          msg('Done after the deadline is recorded as done late.', { id: 'plans.doneLateHint' }))}
        ${this.form.field('period', msg('Period', { id: 'plans.period' }),
          html`<select id="period" name="period">
            <option value="">${msg('This half-year', { id: 'plans.period.current' })}</option>
            ${PERIODS.map((p) => html`<option value=${p}>${periodLabel(p)}</option>`)}
          </select>`)}
      </div>
      ${this.form.field('note', msg('What was done', { id: 'plans.note' }),
        html`<textarea id="note" name="note" rows="3" aria-invalid=${this.form.invalid('note')} aria-describedby="note-error"></textarea>`)}
      <fieldset>
        <legend>${msg('Evidence (optional)', { id: 'plans.evidence' })}</legend>
        ${this.form.field('evidence', msg('Files (photos, scanned PDFs)', { id: 'plans.evidenceFiles' }),
          html`<input id="evidence" name="evidence" type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf" aria-invalid=${this.form.invalid('attachmentIds')} />`)}
        ${this.form.field('documentId', msg('QMS document', { id: 'plans.evidenceDocument' }),
          html`<select id="documentId" name="documentId" aria-invalid=${this.form.invalid('links.0')}>
            <option value="">${msg('— None —', { id: 'common.none' })}</option>
            ${(this.documents.value ?? []).map((d) => html`<option value=${d.id}>${d.code} ${d.title}</option>`)}
          </select>`)}
        <div class="grid-2">
          ${this.form.field('statsFrom', msg('Dossier statistics from', { id: 'plans.statsFrom' }), html`<qms-date-input field-id="statsFrom" name="statsFrom"></qms-date-input>`)}
          ${this.form.field('statsTo', msg('to', { id: 'plans.statsTo' }), html`<qms-date-input field-id="statsTo" name="statsTo"></qms-date-input>`)}
        </div>
      </fieldset>
      ${this.form.renderError()}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save progress', { id: 'plans.saveProgress' })}</button>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plan-task-progress': QmsPlanTaskProgress
  }
}
