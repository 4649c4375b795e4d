import { localized, msg } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import type { ManagementReview } from '../../api/types.ts'
import { PagedList } from '../../app/paged-list.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { statusLabel } from './review-labels.ts'
import { reviewStyles } from './review-styles.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/**
 * @summary The management reviews the reader may see, latest meeting first: code, title,
 * period, meeting day, chair, status and open actions; managers prepare a new one here.
 */
@customElement('qms-management-reviews-page')
@localized()
export class QmsManagementReviewsPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles, reviewStyles]

  private readonly session = new SessionController(this)
  private readonly reviews = new PagedList<ManagementReview>(this, '/api/management-reviews', () => ({}))

  override render() {
    return html`
      <h1>${msg('Management reviews', { id: 'reviews.title' })}</h1>
      <p class="lead">${msg('ISO 9001:2015 clause 9.3: the leadership reviews the quality management system over a period, from the figures of that period, and decides what to improve.', { id: 'reviews.lead' })}</p>
      ${this.session.can('management_review.write')
        ? html`<div class="toolbar"><a class="button primary" href="/management-reviews/new">${msg('Prepare a review', { id: 'reviews.new' })}</a></div>`
        : nothing}
      ${this.reviews.render((items) => this.renderTable(items), msg('No management reviews yet.', { id: 'reviews.empty' }))}
    `
  }

  private renderTable(items: ManagementReview[]) {
    const l = {
      code: msg('Code', { id: 'reviews.code' }),
      title: msg('Review', { id: 'reviews.review' }),
      period: msg('Period reviewed', { id: 'reviews.period' }),
      meeting: msg('Meeting day', { id: 'reviews.meetingDate' }),
      chair: msg('Chair', { id: 'reviews.chair' }),
      status: msg('Status', { id: 'common.status' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
      <thead><tr><th>${l.code}</th><th>${l.title}</th><th>${l.period}</th><th>${l.meeting}</th><th>${l.chair}</th><th>${l.status}</th></tr></thead>
      <tbody>
        ${items.map(
          (r) => html`<tr>
            <td data-label=${l.code}><a class="code" href=${`/management-reviews/${r.id}`}>${r.code}</a></td>
            <td data-label=${l.title}>${r.title}<span class="meta"> · ${r.orgUnit.name}</span></td>
            <td data-label=${l.period}>${formatDate(r.periodFrom)} – ${formatDate(r.periodTo)}</td>
            <td data-label=${l.meeting}>${formatDate(r.meetingDate)}</td>
            <td data-label=${l.chair}>${r.chair.fullName}</td>
            <td data-label=${l.status}><span class="badge status">${statusLabel(r.status)}</span></td>
          </tr>`,
        )}
      </tbody>
    </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-management-reviews-page': QmsManagementReviewsPage
  }
}
