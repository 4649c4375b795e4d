import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, post } from '../../api/client.ts'
import type { ManagementReviewDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { confirmStep } from '../../app/qms-confirm-dialog.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { statusLabel } from './review-labels.ts'
import { reviewStyles } from './review-styles.ts'
import './qms-review-decisions.ts'
import './qms-review-inputs.ts'

/**
 * @summary One management review: when, where, who; its status and the step the reader
 * may take (hold it, which freezes its inputs; approve the minutes, for the chair); the
 * minutes to print; its inputs (9.3.2) and its decisions (9.3.3).
 */
@customElement('qms-management-review-page')
@localized()
export class QmsManagementReviewPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, reviewStyles]

  @property() reviewId = ''
  @state() private review?: ManagementReviewDetail
  private readonly form = new FormController(this)

  private readonly loader = new Task(this, {
    task: async ([id], { signal }) => {
      this.review = await get<ManagementReviewDetail>(`/api/management-reviews/${id}`, { signal })
      return this.review
    },
    args: () => [this.reviewId] as const,
  })

  /** Both steps are for good (holding freezes the inputs, approving the whole review): asked once more, naming the review. */
  private async step(op: 'hold' | 'approve') {
    const review = this.review!
    const confirmed = await confirmStep(
      op === 'hold'
        ? {
            heading: msg(str`Record management review ${review.code} as held?`, { id: 'reviews.confirmHold.heading' }),
            consequence: msg('Its inputs are frozen with the figures as they stand now and can no longer be edited; this cannot be undone.', { id: 'reviews.confirmHold.consequence' }),
            confirmLabel: msg('Record the meeting as held', { id: 'reviews.hold' }),
          }
        : {
            heading: msg(str`Approve the minutes of management review ${review.code}?`, { id: 'reviews.confirmApprove.heading' }),
            consequence: msg('The review becomes read-only: no decision can be added or changed afterwards, and this cannot be undone.', { id: 'reviews.confirmApprove.consequence' }),
            confirmLabel: msg('Approve the minutes', { id: 'reviews.approve' }),
          },
    )
    if (!confirmed) return
    await this.form.run(
      async () => {
        this.review = await post<ManagementReviewDetail>(`/api/management-reviews/${review.id}/${op}`, {}, { ifMatch: review.version })
      },
      { success: op === 'hold' ? msg('Meeting recorded as held.', { id: 'reviews.done.hold' }) : msg('Minutes approved.', { id: 'reviews.done.approve' }) },
    )
  }

  override render() {
    return html`<p><a href="/management-reviews">${msg('← All management reviews', { id: 'reviews.backToList' })}</a></p>
      ${this.loader.render({
        pending: () => (this.review ? this.renderReview(this.review) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: () => (this.review ? this.renderReview(this.review) : nothing),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderReview(r: ManagementReviewDetail) {
    const can = (op: ManagementReviewDetail['allowedActions'][number]) => r.allowedActions.includes(op)
    const minutes = `/api/management-reviews/${r.id}/minutes`
    return html`<h1><span class="code">${r.code}</span> ${r.title}</h1>
      <div class="card">
        <dl class="facts">
          <dt>${msg('Status', { id: 'common.status' })}</dt><dd><span class="badge status" data-testid="review-status">${statusLabel(r.status)}</span></dd>
          <dt>${msg('Unit reviewed', { id: 'reviews.unit' })}</dt><dd>${r.orgUnit.name}</dd>
          <dt>${msg('Period reviewed', { id: 'reviews.period' })}</dt><dd>${formatDate(r.periodFrom)} – ${formatDate(r.periodTo)}</dd>
          <dt>${msg('Meeting day', { id: 'reviews.meetingDate' })}</dt><dd>${formatDate(r.meetingDate)}${r.location ? ` · ${r.location}` : ''}</dd>
          <dt>${msg('Chair', { id: 'reviews.chair' })}</dt><dd>${r.chair.fullName}</dd>
          <dt>${msg('Attendees', { id: 'reviews.attendees' })}</dt><dd>${r.attendees.map((a) => a.fullName).join(', ')}</dd>
          ${r.approvedAt ? html`<dt>${msg('Approved', { id: 'reviews.status.approved' })}</dt><dd>${formatDateTime(r.approvedAt)} · ${r.approvedBy?.fullName ?? ''}</dd>` : nothing}
        </dl>
        <div class="actions">
          ${can('hold') ? html`<button class="primary" ?disabled=${this.form.busy} @click=${() => this.step('hold')}>${msg('Record the meeting as held', { id: 'reviews.hold' })}</button>` : nothing}
          ${can('approve') ? html`<button class="primary" ?disabled=${this.form.busy} @click=${() => this.step('approve')}>${msg('Approve the minutes', { id: 'reviews.approve' })}</button>` : nothing}
          ${can('minutes')
            ? html`<a class="button" href=${minutes} target="_blank" rel="noopener">${msg('Minutes (HTML)', { id: 'reviews.minutesHtml' })}</a>
                <a class="button" href=${`${minutes}?format=pdf`} target="_blank" rel="noopener">${msg('Minutes (PDF)', { id: 'reviews.minutesPdf' })}</a>`
            : nothing}
        </div>
        ${this.form.renderError()}
        ${this.form.message('meetingDate') ? html`<div class="form-error" role="alert">${this.form.message('meetingDate')}</div>` : nothing}
      </div>
      <h2>${msg('Inputs (clause 9.3.2)', { id: 'reviews.inputs' })}</h2>
      <qms-review-inputs .inputs=${r.inputs} .resources=${r.resources}></qms-review-inputs>
      ${r.status === 'draft'
        ? nothing
        : html`<h2>${msg('Decisions (clause 9.3.3)', { id: 'reviews.decisions' })}</h2>
            <qms-review-decisions reviewId=${r.id} .decisions=${r.decisions} ?canAdd=${can('add-decision')} @qms-changed=${() => this.loader.run()}></qms-review-decisions>`}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-management-review-page': QmsManagementReviewPage
  }
}
