import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import { loadActiveUsers } from '../../api/loaders.ts'
import type { RiskAction } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
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
    css`
      ul.list { list-style: none; margin: 0 0 var(--qms-space-4); padding: 0; display: grid; gap: var(--qms-space-2); }
      li.action { background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-3); display: grid; gap: 4px; }
      li.action.is-overdue { border-left: 4px solid var(--qms-danger); }
      .description { font-weight: 600; overflow-wrap: anywhere; }
    `,
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

  private handleComplete(event: SubmitEvent, action: RiskAction) {
    event.preventDefault()
    const note = String(new FormData(event.target as HTMLFormElement).get('note') ?? '').trim()
    return this.run(() => post<RiskAction>(`/api/risks/${this.riskId}/actions/${action.id}/complete`, { note }, { ifMatch: action.version }))
  }

  override render() {
    return html`
      ${this.actions.length
        ? html`<ul class="list">${this.actions.map((a) => this.renderAction(a))}</ul>`
        : html`<p class="muted">${msg('No treatment actions yet.', { id: 'risks.actions.none' })}</p>`}
      ${this.canAdd && !this.adding ? html`<button @click=${() => ((this.adding = true), (this.completing = undefined), this.form.clear())}>${msg('Add a treatment action', { id: 'risks.actions.add' })}</button>` : nothing}
      ${this.adding ? this.renderAddForm() : nothing}
    `
  }

  private renderAction(a: RiskAction) {
    const completing = this.completing === a.id
    return html`<li class=${`action ${a.overdue ? 'is-overdue' : ''}`}>
      <span>
        ${a.status === 'done'
          ? html`<span class="badge done">${msg('Done', { id: 'risks.actions.done' })}</span>`
          : html`<span class="badge status">${msg('Open', { id: 'risks.status.open' })}</span>`}
        ${a.overdue ? html`<span class="badge due">${msg('Overdue', { id: 'risks.actions.overdue' })}</span>` : nothing}
      </span>
      <span class="description">${a.description}</span>
      <span class="meta">${msg(str`Owner: ${a.owner.fullName} · due ${formatDate(a.dueDate)}`, { id: 'risks.actions.ownerDue' })}</span>
      ${a.status === 'done'
        ? html`<span class="meta">${msg(str`Done ${formatDateTime(a.completedAt)} by ${a.completedBy?.fullName ?? ''}`, { id: 'risks.actions.doneBy' })}: ${a.completionNote}</span>`
        : nothing}
      ${a.allowedActions.includes('complete') && !completing
        ? html`<div class="actions">
            <button class="primary" aria-label=${msg(str`Mark done: ${a.description}`, { id: 'risks.actions.completeLabel' })} @click=${() => ((this.completing = a.id), (this.adding = false), this.form.clear())}>${msg('Mark done', { id: 'risks.actions.complete' })}</button>
          </div>`
        : nothing}
      ${completing
        ? html`<form @submit=${(e: SubmitEvent) => this.handleComplete(e, a)} novalidate>
            <div class="field">
              <label for=${`note-${a.id}`}>${msg('What was done', { id: 'risks.actions.note' })}</label>
              <textarea id=${`note-${a.id}`} name="note" rows="2" aria-invalid=${this.form.invalid('note')}></textarea>
              ${this.form.errorLine('note')}
            </div>
            ${this.form.renderError()}
            <div class="actions">
              <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Confirm done', { id: 'risks.actions.confirm' })}</button>
              <button type="button" @click=${() => (this.completing = undefined)}>${msg('Cancel', { id: 'common.cancel' })}</button>
            </div>
          </form>`
        : nothing}
    </li>`
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
