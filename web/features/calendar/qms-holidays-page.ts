import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { api, get, post, type Page } from '../../api/client.ts'
import type { CalendarDay } from '../../api/types.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate } from '../../i18n/localization.ts'
import { FormController } from '../../app/form-controller.ts'
import { confirmStep } from '../../app/qms-confirm-dialog.ts'
import { showToast } from '../../app/qms-toast.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import '../../app/qms-date-input.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

const WEEKDAYS_VI = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7']

/**
 * @summary The working-day calendar: public holidays, compensatory days off and the
 * weekend days worked in exchange. Due dates of dossiers are counted on it.
 */
@customElement('qms-holidays-page')
@localized()
export class QmsHolidaysPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles]

  @state() private year = new Date().getFullYear()
  private readonly form = new FormController(this)
  private readonly session = new SessionController(this)

  private readonly days = new Task(this, {
    task: ([year], { signal }) => get<Page<CalendarDay>>('/api/calendar/holidays', { query: { year, limit: 500 }, signal }),
    args: () => [this.year] as const,
  })

  private async handleAdd(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    await this.form.run(async () => {
      await post<CalendarDay>('/api/calendar/holidays', { date: String(data.get('date') ?? ''), kind: String(data.get('kind') ?? 'holiday'), name: String(data.get('name') ?? '').trim() })
      form.reset()
      await this.days.run()
    })
  }

  private async handleDelete(day: CalendarDay) {
    const confirmed = await confirmStep({
      heading: msg(str`Remove ${formatDate(day.date)} (${day.name}) from the calendar?`, { id: 'calendar.confirmDelete.heading' }),
      consequence: msg('Due dates are counted without this entry from now on. You can add the day again later.', { id: 'calendar.confirmDelete.consequence' }),
      confirmLabel: msg('Remove', { id: 'calendar.delete' }),
    })
    if (!confirmed) return
    await api('DELETE', `/api/calendar/holidays/${day.id}`, undefined, { ifMatch: day.version })
    showToast(msg('Removed from the calendar.', { id: 'calendar.deleted' }))
    await this.days.run()
  }

  override render() {
    const canWrite = this.session.can('calendar.write')
    const years = Array.from({ length: 12 }, (_, i) => new Date().getFullYear() + 1 - i)
    if (!years.includes(this.year)) years.push(this.year)
    return html`
      <h1>${msg('Working-day calendar', { id: 'calendar.title' })}</h1>
      <p class="lead">${msg('Monday to Friday are working days, except the holidays below; a Saturday or Sunday listed as a working day is worked. Due dates of dossiers are counted on this calendar (docs/dossiers.md).', { id: 'calendar.intro' })}</p>
      <div class="toolbar">
        <div class="field">
          <label for="year">${msg('Year', { id: 'calendar.year' })}</label>
          <select id="year" @change=${(e: Event) => (this.year = Number((e.target as HTMLSelectElement).value))}>
            ${years.sort((a, b) => b - a).map((y) => html`<option value=${y} ?selected=${y === this.year}>${y}</option>`)}
          </select>
        </div>
      </div>
      ${this.days.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (page) => this.renderTable(page.items, canWrite),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
      ${canWrite ? this.renderForm() : nothing}
    `
  }

  private renderTable(items: CalendarDay[], canWrite: boolean) {
    if (!items.length) return html`<p class="muted">${msg('No holidays entered for this year.', { id: 'calendar.empty' })}</p>`
    const l = { date: msg('Date', { id: 'calendar.date' }), kind: msg('Kind', { id: 'calendar.kind' }), name: msg('Name', { id: 'calendar.name' }) }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
      <thead><tr><th>${l.date}</th><th>${l.kind}</th><th>${l.name}</th>${canWrite ? html`<th>${msg('Actions', { id: 'common.actions' })}</th>` : nothing}</tr></thead>
      <tbody>${items.map(
        (d) => html`<tr>
          <td data-label=${l.date}>${WEEKDAYS_VI[new Date(`${d.date}T00:00:00Z`).getUTCDay()]} ${formatDate(d.date)}</td>
          <td data-label=${l.kind}><span class="chip ${d.kind === 'working_day' ? 'off' : ''}">${d.kind === 'holiday' ? msg('Day off', { id: 'calendar.holiday' }) : msg('Working day', { id: 'calendar.workingDay' })}</span></td>
          <td data-label=${l.name}>${d.name}</td>
          ${canWrite ? html`<td data-label=${msg('Actions', { id: 'common.actions' })}><button class="link" @click=${() => this.handleDelete(d)}>${msg('Remove', { id: 'calendar.delete' })}</button></td>` : nothing}
        </tr>`,
      )}</tbody>
    </table></div>`
  }

  private renderForm() {
    return html`<h2>${msg('Add a day', { id: 'calendar.add' })}</h2>
      <form class="card" @submit=${this.handleAdd} novalidate>
        <div class="grid-2">
          <div class="field">
            <label for="date">${msg('Date', { id: 'calendar.date' })}</label>
            <qms-date-input field-id="date" name="date" invalid=${this.form.invalid('date')}></qms-date-input>
            ${this.form.errorLine('date')}
          </div>
          <div class="field">
            <label for="kind">${msg('Kind', { id: 'calendar.kind' })}</label>
            <select id="kind" name="kind">
              <option value="holiday">${msg('Day off', { id: 'calendar.holiday' })}</option>
              <option value="working_day">${msg('Working day', { id: 'calendar.workingDay' })}</option>
            </select>
          </div>
        </div>
        <div class="field">
          <label for="name">${msg('Name', { id: 'calendar.name' })}</label>
          <input id="name" name="name" aria-invalid=${this.form.invalid('name')} />
          ${this.form.errorLine('name')}
        </div>
        ${this.form.renderError()}
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Add', { id: 'calendar.addButton' })}</button></div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-holidays-page': QmsHolidaysPage
  }
}
