import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, post } from '../../api/client.ts'
import type { Inspection } from '../../api/types.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate, formatDateTime, formatNumber } from '../../i18n/localization.ts'
import { FormController } from '../../app/form-controller.ts'
import { confirmStep } from '../../app/qms-confirm-dialog.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { categoryLabel } from '../checklist-templates/checklist-labels.ts'
import { classificationLabel, findingStatusLabel, handlingLabel } from '../findings/finding-labels.ts'
import { inspectionStyles } from './inspection-styles.ts'
import { kindLabel, resultLabel, statusLabel } from './inspection-labels.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/**
 * @summary One inspection: the plan, the results per criterion, the findings, and the
 * actions allowed now (perform, cancel, print the record).
 */
@customElement('qms-inspection-page')
@localized()
export class QmsInspectionPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles, inspectionStyles]

  @property() inspectionId = ''
  private readonly session = new SessionController(this)
  @state() private cancelling = false
  private readonly form = new FormController(this)

  private readonly inspection = new Task(this, {
    task: ([id], { signal }) => get<Inspection>(`/api/inspections/${id}`, { signal }),
    args: () => [this.inspectionId] as const,
  })

  private async handleCancel(event: SubmitEvent, inspection: Inspection) {
    event.preventDefault()
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim()
    // Cancelling is for good: asked once more, naming the inspection (a missing reason is the server's 400 first).
    if (reason) {
      const confirmed = await confirmStep({
        heading: msg(str`Cancel inspection ${inspection.number}?`, { id: 'inspections.confirmCancel.heading' }),
        consequence: msg('The inspection will be cancelled: nothing more can be recorded in it, and this cannot be undone.', { id: 'inspections.confirmCancel.consequence' }),
        confirmLabel: msg('Cancel the inspection', { id: 'inspections.cancel' }),
      })
      if (!confirmed) return
    }
    await this.form.run(
      async () => {
        await post(`/api/inspections/${inspection.id}/cancel`, { reason }, { ifMatch: inspection.version })
        this.cancelling = false
        void this.inspection.run()
      },
      { success: msg('Inspection cancelled.', { id: 'inspections.cancelled' }) },
    )
  }

  override render() {
    return html`<p><a href="/inspections">${msg('← All inspections', { id: 'inspections.back' })}</a></p>
      ${this.inspection.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (i) => this.renderInspection(i),
        error: () => html`<p role="alert">${msg('Inspection not found, or you may not see it.', { id: 'inspections.notFound' })}</p>`,
      })}`
  }

  private mayWrite(i: Inspection) {
    return this.session.can('inspection.write') || (i.kind === 'self' && this.session.can('inspection.self_inspect'))
  }

  private renderInspection(i: Inspection) {
    const open = i.status === 'planned' || i.status === 'in_progress'
    const record = `/api/inspections/${i.id}/record`
    return html`
      <h1>${msg('Inspection', { id: 'inspections.one' })} ${i.number}</h1>
      <p class="lead">${i.template.name} · <span class=${`status ${i.status}`}>${statusLabel(i.status)}</span></p>
      <div class="actions">
        ${open && this.mayWrite(i)
          ? html`<a class="button primary" href=${`/inspections/${i.id}/perform`}>${i.status === 'planned' ? msg('Perform the inspection', { id: 'inspections.perform' }) : msg('Continue the inspection', { id: 'inspections.continue' })}</a>`
          : nothing}
        <a class="button" href=${`${record}?format=html`} target="_blank" rel="noopener">${msg('Print the record', { id: 'inspections.print' })}</a>
        <a class="button" href=${`${record}?format=pdf`} target="_blank" rel="noopener">${msg('Record as PDF', { id: 'inspections.pdf' })}</a>
        ${i.status === 'planned' && this.mayWrite(i) ? html`<a class="button" href=${`/inspections/${i.id}/edit`}>${msg('Change the plan', { id: 'inspections.changePlan' })}</a>` : nothing}
        ${open && this.mayWrite(i) && !this.cancelling ? html`<button class="danger" @click=${() => (this.cancelling = true)}>${msg('Cancel the inspection', { id: 'inspections.cancel' })}</button>` : nothing}
      </div>
      ${this.cancelling
        ? html`<form class="card" style="margin-top: var(--qms-space-3)" @submit=${(e: SubmitEvent) => this.handleCancel(e, i)}>
            <div class="field">
              <label for="reason">${msg('Why is it cancelled?', { id: 'inspections.cancelReason' })}</label>
              <input id="reason" name="reason" required />
              ${this.form.error ? html`<span class="error">${this.form.error.problem.detail}</span>` : nothing}
            </div>
            <div class="actions">
              <button class="danger" type="submit">${msg('Cancel the inspection', { id: 'inspections.cancel' })}</button>
              <button type="button" @click=${() => (this.cancelling = false)}>${msg('Back', { id: 'inspections.backButton' })}</button>
            </div>
          </form>`
        : nothing}
      <h2>${msg('Plan', { id: 'inspections.planHeading' })}</h2>
      <div class="card">
        <dl class="facts">
          <dt>${msg('Unit inspected', { id: 'inspections.unitInspected' })}</dt><dd>${i.orgUnit.name}</dd>
          <dt>${msg('Form of inspection', { id: 'inspections.kind' })}</dt><dd>${kindLabel(i.kind)}</dd>
          <dt>${msg('Planned for', { id: 'inspections.plannedFor' })}</dt><dd>${formatDate(i.plannedFor)}</dd>
          ${i.startedAt ? html`<dt>${msg('Started', { id: 'inspections.started' })}</dt><dd>${formatDateTime(i.startedAt)}</dd>` : nothing}
          ${i.completedAt ? html`<dt>${msg('Completed', { id: 'inspections.status.completed' })}</dt><dd>${formatDateTime(i.completedAt)}</dd>` : nothing}
          <dt>${msg('Lead inspector', { id: 'inspections.lead' })}</dt><dd>${i.leadInspector.fullName}</dd>
          ${i.team.length ? html`<dt>${msg('Inspection team', { id: 'inspections.team' })}</dt><dd>${i.team.map((p) => p.fullName).join(', ')}</dd>` : nothing}
          <dt>${msg('People present', { id: 'inspections.people' })}</dt><dd>${i.people.map((p) => p.fullName).join(', ') || '—'}</dd>
          ${i.basis ? html`<dt>${msg('Basis (plan or decision)', { id: 'inspections.basis' })}</dt><dd>${i.basis}</dd>` : nothing}
          ${i.location ? html`<dt>${msg('Place', { id: 'inspections.location' })}</dt><dd>${i.location}</dd>` : nothing}
          ${i.score !== null ? html`<dt>${msg('Score', { id: 'inspections.score' })}</dt><dd><strong>${formatNumber(i.score, i.score % 1 ? 2 : 0)}%</strong></dd>` : nothing}
          ${i.conclusion ? html`<dt>${msg('Conclusion', { id: 'inspections.conclusion' })}</dt><dd>${i.conclusion}</dd>` : nothing}
          ${i.cancelReason ? html`<dt>${msg('Why is it cancelled?', { id: 'inspections.cancelReason' })}</dt><dd>${i.cancelReason}</dd>` : nothing}
        </dl>
      </div>
      ${i.status === 'completed' || i.findings.length ? this.renderFindings(i) : nothing}
      ${i.responses.length ? this.renderResults(i) : nothing}
    `
  }

  private renderFindings(i: Inspection) {
    const l = {
      who: msg('Person or unit', { id: 'findings.who' }),
      what: msg('Finding', { id: 'findings.one' }),
      classification: msg('Classification', { id: 'findings.classification' }),
      handling: msg('Handling', { id: 'findings.handling' }),
      status: msg('Status', { id: 'common.status' }),
    }
    return html`<h2>${msg('Findings', { id: 'nav.findings' })} (${i.findings.length})</h2>
      ${i.findings.length
        ? html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
            <thead><tr><th>${l.who}</th><th>${l.what}</th><th>${l.classification}</th><th>${l.handling}</th><th>${l.status}</th></tr></thead>
            <tbody>
              ${i.findings.map(
                (f) => html`<tr>
                  <td data-label=${l.who}>${f.person?.fullName ?? f.orgUnit.name}</td>
                  <td data-label=${l.what}><a href=${`/findings/${f.id}`}>${f.description}</a><br /><span class="chip">${categoryLabel(f.category)}</span></td>
                  <td data-label=${l.classification}>${classificationLabel(f.classification)}</td>
                  <td data-label=${l.handling}>${handlingLabel(f.handling)}</td>
                  <td data-label=${l.status}>${findingStatusLabel(f.status)}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>`
        : html`<p class="muted">${msg('No violations were found.', { id: 'inspections.noFindings' })}</p>`}`
  }

  private renderResults(i: Inspection) {
    const people = new Map(i.people.map((p) => [p.id, p.fullName]))
    const l = { item: msg('Criterion', { id: 'inspections.criterion' }), result: msg('Result', { id: 'inspections.resultColumn' }), note: msg('Note', { id: 'inspections.note' }) }
    return html`<h2>${msg('Results', { id: 'inspections.results' })}</h2>
      <div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.item}</th><th>${l.result}</th><th>${l.note}</th></tr></thead>
        <tbody>
          ${i.responses.map((r) => {
            const item = i.items.find((it) => it.id === r.itemId)
            return html`<tr>
              <td data-label=${l.item}>${item?.text ?? r.itemId}${r.personId ? html`<br /><strong>${people.get(r.personId) ?? ''}</strong>` : nothing}</td>
              <td data-label=${l.result}><span class=${`result-${r.result}`}>${resultLabel(r.result)}</span>${r.value !== null ? html` (${r.value})` : nothing}</td>
              <td data-label=${l.note}>${r.note ?? ''}${r.attachments.map((a, n) => html` <a href=${`/api/attachments/${a.id}`} target="_blank" rel="noopener">${msg('Photo', { id: 'perform.photoAlt' })} ${n + 1}</a>`)}</td>
            </tr>`
          })}
        </tbody>
      </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-inspection-page': QmsInspectionPage
  }
}
