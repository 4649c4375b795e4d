import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import type { ReviewDueItem } from '../../api/types.ts'
import { formatDate, plural } from '../../i18n/localization.ts'
import { PagedList } from '../../app/paged-list.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import { documentStyles } from './document-styles.ts'
import './qms-documents-tabs.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/**
 * @summary Documents whose periodic review is overdue or coming up, soonest first, with
 * the heads of unit who are reminded.
 */
@customElement('qms-review-due-page')
@localized()
export class QmsReviewDuePage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles, documentStyles]

  @state() private filters = { withinDays: 30, orgUnitId: '' }

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly due = new PagedList<ReviewDueItem>(this, '/api/documents/review-due', () => this.filters, { limit: 100 })

  override render() {
    return html`
      <h1>${msg('Documents', { id: 'documents.title' })}</h1>
      <qms-documents-tabs current="/documents/review-due"></qms-documents-tabs>
      <p class="lead">${msg('Each document is reviewed a set number of months after it takes effect. The head of the owning unit is reminded 30 days before, and again when the review is overdue.', { id: 'documents.reviewDue.intro' })}</p>
      <div class="toolbar">
        <div class="field">
          <label for="withinDays">${msg('Due within', { id: 'documents.reviewDue.within' })}</label>
          <select id="withinDays" @change=${(e: Event) => (this.filters = { ...this.filters, withinDays: Number((e.target as HTMLSelectElement).value) })}>
            ${[30, 60, 90, 180].map((d) => html`<option value=${d} ?selected=${d === this.filters.withinDays}>${msg(str`${d} days`, { id: 'documents.reviewDue.days' })}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="orgUnitId">${msg('Owning unit', { id: 'documents.unit' })}</label>
          <select id="orgUnitId" @change=${(e: Event) => (this.filters = { ...this.filters, orgUnitId: (e.target as HTMLSelectElement).value })}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${(this.units.value ?? []).map((u) => html`<option value=${u.id}>${indentedName(u)}</option>`)}
          </select>
        </div>
      </div>
      ${this.due.render((items) => this.renderTable(items), msg('No review is due in this period.', { id: 'documents.reviewDue.none' }))}
    `
  }

  private renderTable(items: ReviewDueItem[]) {
    const l = {
      document: msg('Document', { id: 'documents.document' }),
      unit: msg('Owning unit', { id: 'documents.unit' }),
      due: msg('Review due', { id: 'documents.reviewDue.due' }),
      notify: msg('Reminded', { id: 'documents.reviewDue.notify' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.document}</th><th>${l.unit}</th><th>${l.due}</th><th>${l.notify}</th></tr></thead>
        <tbody>
          ${items.map(
            (i) => html`<tr>
              <td data-label=${l.document}><a href=${`/documents/${i.document.id}`}>${i.document.code}</a><br />${i.document.title}</td>
              <td data-label=${l.unit}>${i.document.owningUnit.name}</td>
              <td data-label=${l.due}>${formatDate(i.nextReviewDue)}<br />
                <span class=${`chip review-${i.reviewState}`}>${i.daysLeft < 0
                  ? plural(-i.daysLeft, () => msg(str`${-i.daysLeft} day overdue`, { id: 'documents.reviewDue.overdueBy.one' }), () => msg(str`${-i.daysLeft} days overdue`, { id: 'documents.reviewDue.overdueBy' }))
                  : i.daysLeft === 0
                    ? msg('due today', { id: 'documents.reviewDue.today' })
                    : plural(i.daysLeft, () => msg(str`in ${i.daysLeft} day`, { id: 'documents.reviewDue.inDays.one' }), () => msg(str`in ${i.daysLeft} days`, { id: 'documents.reviewDue.inDays' }))}</span></td>
              <td data-label=${l.notify}>${i.notify.length ? i.notify.map((p) => p.fullName).join(', ') : html`<span class="muted">${msg('No head of unit', { id: 'documents.reviewDue.nobody' })}</span>`}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-review-due-page': QmsReviewDuePage
  }
}
