import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import { loadActiveUsers } from '../../api/loaders.ts'
import type { RiskAction } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { completionNote, renderTrackedAction, trackedActionStyles, type CompletionHandlers } from '../../app/tracked-actions.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { riskStyles } from './risk-styles.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary A risk's treatment actions: owner, due date, done or open (overdue marked); a
 * form to add one when the reader manages the risk, and "mark done" with what was done
 * for the actions the reader may complete.
 * @event qms-changed - an action was added or completed (the page reloads the risk)
 */
@customElement('qms-risk-actions')
@localized()
export class QmsRiskActions extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    riskStyles,
    trackedActionStyles,
  ]

  @property() riskId = ''
  @property({ attribute: false }) actions: RiskAction[] = []
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
    // Empty fields are left out, so the API names them as required.
    const body = Object.fromEntries(['description', 'ownerId', 'dueDate'].map((k) => [k, text(k)]).filter(([, v]) => v))
    return this.run(() => post<RiskAction>(`/api/risks/${this.riskId}/actions`, body))
  }

  /** Marking an action done, in the shared action list (app/tracked-actions.ts). */
  private completion(): CompletionHandlers<RiskAction> {
    return {
      completing: this.completing,
      open: (id) => ((this.completing = id), (this.adding = false), this.form.clear()),
      close: () => (this.completing = undefined),
      submit: (event, action) => {
        event.preventDefault()
        void this.run(() => post<RiskAction>(`/api/risks/${this.riskId}/actions/${action.id}/complete`, { note: completionNote(event) }, { ifMatch: action.version }))
      },
    }
  }

  override render() {
    return html`
      ${this.actions.length
        ? html`<ul class="list">${this.actions.map((a) => renderTrackedAction(a, this.form, this.completion()))}</ul>`
        : html`<p class="muted">${msg('No treatment actions yet.', { id: 'risks.actions.none' })}</p>`}
      ${this.canAdd && !this.adding ? html`<button @click=${() => ((this.adding = true), (this.completing = undefined), this.form.clear())}>${msg('Add a treatment action', { id: 'risks.actions.add' })}</button>` : nothing}
      ${this.adding ? this.renderAddForm() : nothing}
    `
  }

  private renderAddForm() {
    return html`<form class="card" @submit=${this.handleAdd} novalidate>
      <div class="field">
        <label for="action-description">${msg('What is to be done', { id: 'risks.actions.description' })}</label>
        <textarea id="action-description" name="description" rows="2" aria-invalid=${this.form.invalid('description')}></textarea>
        ${this.form.errorLine('description')}
      </div>
      <div class="grid-2">
        <div class="field">
          <label for="action-owner">${msg('Owner', { id: 'risks.owner' })}</label>
          <select id="action-owner" name="ownerId" aria-invalid=${this.form.invalid('ownerId')}>
            <option value="">${msg('— Choose —', { id: 'risks.choose' })}</option>
            ${(this.people.value ?? []).map((u) => html`<option value=${u.id}>${u.fullName}${u.orgUnit ? ` — ${u.orgUnit.name}` : ''}</option>`)}
          </select>
          ${this.form.errorLine('ownerId')}
        </div>
        <div class="field">
          <label for="action-due">${msg('Due date', { id: 'risks.actions.dueDate' })}</label>
          <qms-date-input field-id="action-due" name="dueDate" invalid=${this.form.invalid('dueDate')}></qms-date-input>
          ${this.form.errorLine('dueDate')}
        </div>
      </div>
      ${this.form.renderError()}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Add action', { id: 'risks.actions.save' })}</button>
        <button type="button" @click=${() => (this.adding = false)}>${msg('Cancel', { id: 'common.cancel' })}</button>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-risk-actions': QmsRiskActions
  }
}
