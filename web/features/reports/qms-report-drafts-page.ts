import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import { getAll, post } from '../../api/client.ts'
import type { Plan, ReportDraft, ReportDraftDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { PagedList } from '../../app/paged-list.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate, todayIso } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { reportDraftStatusLabel } from './report-labels.ts'
import '../../app/qms-date-input.ts'

/** The half-year before the one this day falls in (a report is written after its period). */
function lastHalfYear(day: string) {
  const y = Number(day.slice(0, 4))
  return Number(day.slice(5, 7)) <= 6 ? { from: `${y - 1}-07-01`, to: `${y - 1}-12-31` } : { from: `${y}-01-01`, to: `${y}-06-30` }
}

/**
 * @summary The half-year reports being written and those issued, newest period first;
 * managers start a new one for a period and the reform plan it accounts for.
 * @event qms-navigate - detail `{ to }`: the new report's page
 */
@customElement('qms-report-drafts-page')
@localized()
export class QmsReportDraftsPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  private readonly session = new SessionController(this)
  private readonly form = new FormController(this)
  private readonly drafts = new PagedList<ReportDraft>(this, '/api/reports/par-drafts', () => ({}))
  private readonly plans = new Task(this, {
    task: ([write], { signal }) => (write ? getAll<Plan>('/api/plans', {}, { signal }) : Promise.resolve([] as Plan[])),
    args: () => [this.session.can('report.write')] as const,
  })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    await this.form.run(async () => {
      const draft = await post<ReportDraftDetail>('/api/reports/par-drafts', { from: text('from'), to: text('to'), planId: text('planId') || null })
      this.form.navigate(`/reports/drafts/${draft.id}`)
    })
  }

  override render() {
    const period = lastHalfYear(todayIso())
    return html`<p><a href="/reports">${msg('← The report from the data', { id: 'reports.draft.toComputed' })}</a></p>
      <h1>${msg('Half-year reports', { id: 'reports.drafts.title' })}</h1>
      <p class="lead">${msg('Write the narrative around the figures, approve, then issue with a number and signer: an issued report is frozen and kept in document control.', { id: 'reports.drafts.lead' })}</p>
      ${this.session.can('report.write')
        ? html`<form class="card" @submit=${this.handleSubmit} novalidate aria-label=${msg('New report', { id: 'reports.drafts.new' })}>
            <h2>${msg('New report', { id: 'reports.drafts.new' })}</h2>
            <div class="grid-2">
              ${this.form.field('from', msg('From', { id: 'dashboard.from' }), html`<qms-date-input field-id="from" name="from" .value=${period.from} invalid=${this.form.invalid('from')} describedby="from-error"></qms-date-input>`)}
              ${this.form.field('to', msg('To', { id: 'dashboard.to' }), html`<qms-date-input field-id="to" name="to" .value=${period.to} invalid=${this.form.invalid('to')} describedby="to-error"></qms-date-input>`)}
            </div>
            ${this.form.field('planId', msg('Reform plan it reports on', { id: 'reports.drafts.plan' }),
              html`<select id="planId" name="planId" aria-invalid=${this.form.invalid('planId')} aria-describedby="planId-error">
                <option value="">${msg('None', { id: 'reports.drafts.noPlan' })}</option>
                ${(this.plans.value ?? []).map((p) => html`<option value=${p.id}>${p.number} · ${p.title}</option>`)}
              </select>`)}
            ${this.form.renderError()}
            <div class="actions"><button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Create the draft', { id: 'reports.drafts.create' })}</button></div>
          </form>`
        : nothing}
      ${this.drafts.render(
        (items) => html`<ul class="cards">
          ${items.map(
            (d) => html`<li>
              <a class="content" href=${`/reports/drafts/${d.id}`}>
                ${d.number ? msg(str`Report ${d.number} of ${formatDate(d.issuedOn)}`, { id: 'reports.draft.numbered' }) : msg(str`Report for ${d.periodLabel}`, { id: 'reports.draft.unnumbered' })}
              </a>
              <span class="meta">${msg(str`From ${formatDate(d.from)} to ${formatDate(d.to)}`, { id: 'dashboard.period' })} · <span class="badge">${reportDraftStatusLabel(d.status)}</span></span>
            </li>`,
          )}
        </ul>`,
        msg('No reports yet.', { id: 'reports.drafts.empty' }),
      )}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-report-drafts-page': QmsReportDraftsPage
  }
}
