import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement } from 'lit'
import { customElement } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import { indentedName, loadActiveUsers, loadAllOrgUnits } from '../../api/loaders.ts'
import type { ManagementReviewDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { SessionController } from '../../app/session.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { reviewStyles } from './review-styles.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary Prepares a management review: its title, the unit reviewed (the whole agency
 * by default: the top unit), the period, the meeting day and place, the chair (the reader
 * by default) and the attendees, and the resources as the meeting notes them.
 * @event qms-navigate - detail `{ to }`: the review's page after saving
 */
@customElement('qms-management-review-form')
@localized()
export class QmsManagementReviewForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, reviewStyles]

  private readonly form = new FormController(this)
  private readonly session = new SessionController(this)
  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly people = new Task(this, { task: (_a, { signal }) => loadActiveUsers(undefined, signal), args: () => [] })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    // Empty fields are left out, so the API names them as required.
    const body: Record<string, unknown> = Object.fromEntries(
      ['title', 'orgUnitId', 'periodFrom', 'periodTo', 'meetingDate', 'chairId', 'location', 'resources'].map((k) => [k, text(k)]).filter(([, v]) => v),
    )
    body.attendeeIds = data.getAll('attendeeIds').map(String)
    await this.form.run(async () => {
      const review = await post<ManagementReviewDetail>('/api/management-reviews', body)
      this.form.navigate(`/management-reviews/${review.id}`)
    })
  }

  private date(name: string, label: string) {
    return this.form.field(name, label, html`<qms-date-input field-id=${name} name=${name} invalid=${this.form.invalid(name)} describedby=${`${name}-error`}></qms-date-input>`)
  }

  override render() {
    const me = this.session.info?.user
    const units = this.units.value ?? []
    const people = this.people.value ?? []
    const person = (u: (typeof people)[number]) => `${u.fullName}${u.orgUnit ? ` — ${u.orgUnit.name}` : ''}`
    return html`<p><a href="/management-reviews">${msg('← All management reviews', { id: 'reviews.backToList' })}</a></p>
      <h1>${msg('Prepare a review', { id: 'reviews.new' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        ${this.form.field('title', msg('Title', { id: 'reviews.titleInput' }),
          html`<input id="title" name="title" aria-invalid=${this.form.invalid('title')} aria-describedby="title-error" />`)}
        ${this.form.field('orgUnitId', msg('Unit reviewed (with the units below it)', { id: 'reviews.unitInput' }),
          html`<select id="orgUnitId" name="orgUnitId" aria-invalid=${this.form.invalid('orgUnitId')} aria-describedby="orgUnitId-error">
            ${units.map((u) => html`<option value=${u.id} ?selected=${u.depth === 0}>${indentedName(u)}</option>`)}
          </select>`)}
        <div class="grid-2">
          ${this.date('periodFrom', msg('Period from', { id: 'reviews.periodFrom' }))}
          ${this.date('periodTo', msg('Period to', { id: 'reviews.periodTo' }))}
        </div>
        <div class="grid-2">
          ${this.date('meetingDate', msg('Meeting day', { id: 'reviews.meetingDate' }))}
          ${this.form.field('location', msg('Place (optional)', { id: 'reviews.locationInput' }),
            html`<input id="location" name="location" aria-invalid=${this.form.invalid('location')} aria-describedby="location-error" />`)}
        </div>
        ${this.form.field('chairId', msg('Chair', { id: 'reviews.chair' }),
          html`<select id="chairId" name="chairId" aria-invalid=${this.form.invalid('chairId')} aria-describedby="chairId-error">
            ${people.map((u) => html`<option value=${u.id} ?selected=${u.id === me?.id}>${person(u)}</option>`)}
          </select>`)}
        ${this.form.field('attendeeIds', msg('Attendees', { id: 'reviews.attendees' }),
          html`<select id="attendeeIds" name="attendeeIds" multiple size="5" aria-invalid=${this.form.invalid('attendeeIds')} aria-describedby="attendeeIds-error">
            ${people.map((u) => html`<option value=${u.id}>${person(u)}</option>`)}
          </select>`)}
        ${this.form.field('resources', msg('Resources: are they adequate? (optional)', { id: 'reviews.resourcesInput' }),
          html`<textarea id="resources" name="resources" rows="3" aria-invalid=${this.form.invalid('resources')} aria-describedby="resources-error"></textarea>`)}
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href="/management-reviews">${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-management-review-form': QmsManagementReviewForm
  }
}
