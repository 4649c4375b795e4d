import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import { loadActiveUsers } from '../../api/loaders.ts'
import type { ReviewDecision } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { completionNote, renderTrackedAction, trackedActionStyles, type CompletionHandlers } from '../../app/tracked-actions.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { CATEGORIES, categoryLabel } from './review-labels.ts'
import { reviewStyles } from './review-styles.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary A review's decisions (9.3.3): what was decided, of which kind, and for an
 * action its owner, due date and status; a form to record one while the review is held,
 * and "mark done" for the actions the reader may complete (also after approval).
 * @event qms-changed - a decision was recorded or an action completed (the page reloads the review)
 */
@customElement('qms-review-decisions')
@localized()
export class QmsReviewDecisions extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    reviewStyles,
    trackedActionStyles,
  ]

  @property() reviewId = ''
  @property({ attribute: false }) decisions: ReviewDecision[] = []
  @property({ type: Boolean }) canAdd = false
  @state() private adding = false
  @state() private completing?: string
  private readonly form = new FormController(this)

  private readonly people = new Task(this, {
    task: ([needed], { signal }) => (needed ? loadActiveUsers(undefined, signal) : Promise.resolve([])),
    args: () => [this.canAdd] as const,
  })

  private async run(work: () => Promise<unknown>) {
    await this.form.run(async () => {
      await work()
      this.adding = false
      this.completing = undefined
      this.dispatchEvent(new CustomEvent('qms-changed', { bubbles: true, composed: true }))
    })
  }

  private handleAdd(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body = Object.fromEntries(['category', 'description', 'ownerId', 'dueDate'].map((k) => [k, text(k)]).filter(([, v]) => v))
    return this.run(() => post<ReviewDecision>(`/api/management-reviews/${this.reviewId}/decisions`, body))
  }

  /** Marking a decision's action done, in the shared action list (app/tracked-actions.ts). */
  private completion(): CompletionHandlers<ReviewDecision> {
    return {
      completing: this.completing,
      open: (id) => ((this.completing = id), (this.adding = false), this.form.clear()),
      close: () => (this.completing = undefined),
      submit: (event, decision) => {
        event.preventDefault()
        void this.run(() =>
          post<ReviewDecision>(`/api/management-reviews/${this.reviewId}/decisions/${decision.id}/complete`, { note: completionNote(event) }, { ifMatch: decision.version }),
        )
      },
    }
  }

  override render() {
    return html`
      ${this.decisions.length
        ? html`<ul class="list">${this.decisions.map((d) => renderTrackedAction(d, this.form, this.completion(), html`<span class="badge status">${categoryLabel(d.category)}</span>`))}</ul>`
        : html`<p class="muted">${msg('No decisions yet.', { id: 'reviews.decisions.none' })}</p>`}
      ${this.canAdd && !this.adding ? html`<button @click=${() => ((this.adding = true), (this.completing = undefined), this.form.clear())}>${msg('Record a decision', { id: 'reviews.decisions.add' })}</button>` : nothing}
      ${this.adding ? this.renderAddForm() : nothing}
    `
  }

  private renderAddForm() {
    return html`<form class="card" @submit=${this.handleAdd} novalidate>
      <div class="field">
        <label for="decision-category">${msg('Kind of decision', { id: 'reviews.decisions.category' })}</label>
        <select id="decision-category" name="category">${CATEGORIES.map((c) => html`<option value=${c}>${categoryLabel(c)}</option>`)}</select>
      </div>
      <div class="field">
        <label for="decision-description">${msg('Decision', { id: 'reviews.decisions.description' })}</label>
        <textarea id="decision-description" name="description" rows="2" aria-invalid=${this.form.invalid('description')}></textarea>
        ${this.form.errorLine('description')}
      </div>
      <p class="meta">${msg('With an owner and a due date, the decision becomes an action that is tracked until done.', { id: 'reviews.decisions.actionHint' })}</p>
      <div class="grid-2">
        <div class="field">
          <label for="decision-owner">${msg('Owner (optional)', { id: 'reviews.decisions.owner' })}</label>
          <select id="decision-owner" name="ownerId" aria-invalid=${this.form.invalid('ownerId')}>
            <option value="">${msg('— None —', { id: 'common.none' })}</option>
            ${(this.people.value ?? []).map((u) => html`<option value=${u.id}>${u.fullName}${u.orgUnit ? ` — ${u.orgUnit.name}` : ''}</option>`)}
          </select>
          ${this.form.errorLine('ownerId')}
        </div>
        <div class="field">
          <label for="decision-due">${msg('Due date (optional)', { id: 'reviews.decisions.dueDate' })}</label>
          <qms-date-input field-id="decision-due" name="dueDate" invalid=${this.form.invalid('dueDate')}></qms-date-input>
          ${this.form.errorLine('dueDate')}
        </div>
      </div>
      ${this.form.renderError()}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save decision', { id: 'reviews.decisions.save' })}</button>
        <button type="button" @click=${() => (this.adding = false)}>${msg('Cancel', { id: 'common.cancel' })}</button>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-review-decisions': QmsReviewDecisions
  }
}
