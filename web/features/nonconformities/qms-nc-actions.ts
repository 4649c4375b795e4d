import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { patch, post } from '../../api/client.ts'
import { loadActiveUsers } from '../../api/loaders.ts'
import type { Action, Attachment } from '../../api/types.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { FilePicker, filePickerStyles } from '../../app/file-picker.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { ACTION_TYPES, actionTypeLabel } from './nc-labels.ts'
import { ncStyles } from './nc-styles.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary The actions of a nonconformity: owner, due date, status (overdue marked); a
 * form to add one when allowed, "edit" (type, owner, task, due date) while the plan may
 * still change, and "mark done" for those the reader may complete.
 * @event qms-changed - an action was added, changed or completed (the page reloads the NC)
 */
@customElement('qms-nc-actions')
@localized()
export class QmsNcActions extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    ncStyles,
    filePickerStyles,
    css`
      ul.actions-list { list-style: none; margin: 0 0 var(--qms-space-4); padding: 0; display: grid; gap: var(--qms-space-2); }
      li.action { background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-3); display: grid; gap: 4px; }
      li.action.is-overdue { border-left: 4px solid var(--qms-danger); }
      .row { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; }
      .description { font-weight: 600; overflow-wrap: anywhere; }
      form.inline { margin-top: var(--qms-space-2); }
    `,
  ]

  @property() ncId = ''
  @property({ attribute: false }) actions: Action[] = []
  @property({ type: Boolean }) canAdd = false
  /** Earliest due date (the detection date). */
  @property() minDate = ''
  @state() private completing?: string
  @state() private editing?: string
  @state() private adding = false
  private readonly form = new FormController(this)
  private readonly evidence = new FilePicker(this)

  // The people an action can be given to, once the reader may add or change one.
  private readonly people = new Task(this, {
    task: async ([needed], { signal }) =>
      needed ? loadActiveUsers(undefined, signal) : [],
    args: () => [this.canAdd || this.actions.some((a) => a.allowedActions.includes('update'))] as const,
  })

  private changed() {
    this.dispatchEvent(new CustomEvent('qms-changed', { bubbles: true, composed: true }))
  }

  private async run(work: () => Promise<unknown>) {
    await this.form.run(async () => {
      await work()
      this.completing = undefined
      this.editing = undefined
      this.adding = false
      this.changed()
    })
  }

  private handleAdd(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    return this.run(() =>
      post<Action>(`/api/nonconformities/${this.ncId}/actions`, { type: text('type'), description: text('description'), ownerId: text('ownerId'), dueDate: text('dueDate') }),
    )
  }

  /** Sends only what changed; nothing changed closes the form. */
  private handleEdit(event: SubmitEvent, action: Action) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const now = { type: data.get('type'), description: String(data.get('description') ?? '').trim(), ownerId: data.get('ownerId'), dueDate: data.get('dueDate') }
    const changes = Object.fromEntries(Object.entries(now).filter(([k, v]) => v !== action[k as keyof typeof now]))
    if (!Object.keys(changes).length) {
      this.editing = undefined
      return
    }
    return this.run(() => patch<Action>(`/api/actions/${action.id}`, changes, { ifMatch: action.version }))
  }

  private handleComplete(event: SubmitEvent, action: Action) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const note = String(data.get('note') ?? '').trim()
    const files = data.getAll('evidence').filter((f): f is File => f instanceof File && f.size > 0)
    return this.run(async () => {
      // Each file becomes an attachment first; the completion then names them as evidence.
      const attachmentIds: string[] = []
      for (const file of files) {
        const form = new FormData()
        form.append('file', file)
        attachmentIds.push((await post<Attachment>('/api/attachments', form)).id)
      }
      await post<Action>(`/api/actions/${action.id}/complete`, { note, attachmentIds }, { ifMatch: action.version })
    })
  }

  override render() {
    return html`
      ${this.actions.length
        ? html`<ul class="actions-list">${this.actions.map((a) => this.renderAction(a))}</ul>`
        : html`<p class="muted">${msg('No actions yet.', { id: 'nc.actions.none' })}</p>`}
      ${this.canAdd && !this.adding ? html`<button @click=${() => ((this.adding = true), this.form.clear())}>${msg('Add an action', { id: 'nc.actions.add' })}</button>` : nothing}
      ${this.adding ? this.renderAddForm() : nothing}
    `
  }

  private renderAction(a: Action) {
    const completing = this.completing === a.id
    const editing = this.editing === a.id
    return html`<li class=${`action ${a.overdue ? 'is-overdue' : ''}`}>
      <span class="row">
        <span class="chip">${actionTypeLabel(a.type)}</span>
        ${a.status === 'done'
          ? html`<span class="badge done">${msg('Done', { id: 'nc.actions.done' })}</span>`
          : html`<span class="badge status">${msg('Open', { id: 'nc.actions.open' })}</span>`}
        ${a.overdue ? html`<span class="badge overdue">${msg(str`Overdue ${a.daysOverdue} d`, { id: 'nc.board.overdueDays' })}</span>` : nothing}
      </span>
      <span class="description">${a.description}</span>
      <span class="meta">${msg(str`Owner: ${a.owner.fullName} · due ${formatDate(a.dueDate)}`, { id: 'nc.actions.ownerDue' })}</span>
      ${a.status === 'done'
        ? html`<span class="meta">${msg(str`Done ${formatDateTime(a.completedAt)} by ${a.completedBy?.fullName ?? ''}`, { id: 'nc.actions.doneBy' })}: ${a.completionNote}</span>
            ${a.attachmentIds.length
              ? html`<span class="meta">${msg('Evidence', { id: 'nc.actions.evidenceList' })}: ${a.attachmentIds.map(
                  (id, i) => html`<a href=${`/api/attachments/${id}`} target="_blank" rel="noopener">${msg(str`file ${i + 1}`, { id: 'nc.actions.evidenceFile' })}</a> `,
                )}</span>`
              : nothing}`
        : nothing}
      ${editing
        ? this.renderEditForm(a)
        : !completing && (a.allowedActions.includes('complete') || a.allowedActions.includes('update'))
          ? html`<div class="actions">
              ${a.allowedActions.includes('complete')
                ? html`<button class="primary" aria-label=${msg(str`Mark done: ${a.description}`, { id: 'nc.actions.completeLabel' })} @click=${() => ((this.completing = a.id), this.form.clear(), this.evidence.clear())}>${msg('Mark done', { id: 'nc.actions.complete' })}</button>`
                : nothing}
              ${a.allowedActions.includes('update')
                ? html`<button aria-label=${msg(str`Edit: ${a.description}`, { id: 'nc.actions.editLabel' })} @click=${() => ((this.editing = a.id), (this.completing = undefined), this.form.clear())}>${msg('Edit', { id: 'common.edit' })}</button>`
                : nothing}
            </div>`
          : nothing}
      ${completing
        ? html`<form class="inline" @submit=${(e: SubmitEvent) => this.handleComplete(e, a)} novalidate>
            <div class="field">
              <label for=${`note-${a.id}`}>${msg('What was done', { id: 'nc.actions.note' })}</label>
              <textarea id=${`note-${a.id}`} name="note" rows="2" aria-invalid=${this.form.invalid('note')}></textarea>
              ${this.form.errorLine('note')}
            </div>
            <div class="field">
              <label for=${`evidence-${a.id}`}>${msg('Evidence (photos or PDF, optional)', { id: 'nc.actions.evidence' })}</label>
              ${this.evidence.render(`evidence-${a.id}`, 'evidence', 'image/jpeg,image/png,image/webp,application/pdf')}
            </div>
            ${this.form.renderError()}
            <div class="actions">
              <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Confirm done', { id: 'nc.actions.confirm' })}</button>
              <button type="button" @click=${() => (this.completing = undefined)}>${msg('Cancel', { id: 'common.cancel' })}</button>
            </div>
          </form>`
        : nothing}
    </li>`
  }

  /** Type, owner, what is to be done and the due date: the fields of a new action, or of one being changed (ids prefixed by `key`). */
  private renderFields(key: string, a?: Action) {
    const id = (name: string) => `${key}-${name}`
    const err = (name: string) => this.form.errorLine(name)
    return html`<div class="grid-2">
        <div class="field">
          <label for=${id('type')}>${msg('Type', { id: 'nc.actions.type' })}</label>
          <select id=${id('type')} name="type">${ACTION_TYPES.map((t) => html`<option value=${t} ?selected=${t === (a?.type ?? 'corrective')}>${actionTypeLabel(t)}</option>`)}</select>
        </div>
        <div class="field">
          <label for=${id('owner')}>${msg('Owner', { id: 'nc.actions.owner' })}</label>
          <select id=${id('owner')} name="ownerId">
            <option value="">${msg('— Choose —', { id: 'nc.form.choose' })}</option>
            ${(this.people.value ?? []).map((u) => html`<option value=${u.id} ?selected=${u.id === a?.ownerId}>${u.fullName}${u.orgUnit ? ` — ${u.orgUnit.name}` : ''}</option>`)}
          </select>
          ${err('ownerId')}
        </div>
      </div>
      <div class="field">
        <label for=${id('description')}>${msg('What is to be done', { id: 'nc.actions.description' })}</label>
        <textarea id=${id('description')} name="description" rows="2" .value=${a?.description ?? ''}></textarea>
        ${err('description')}
      </div>
      <div class="field">
        <label for=${id('due')}>${msg('Due date', { id: 'nc.actions.dueDate' })}</label>
        <qms-date-input field-id=${id('due')} name="dueDate" min=${this.minDate} .value=${a?.dueDate ?? ''}></qms-date-input>
        ${err('dueDate')}
      </div>
      ${this.form.renderError()}`
  }

  private renderAddForm() {
    return html`<form class="card" @submit=${this.handleAdd} novalidate>
      ${this.renderFields('action')}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Add action', { id: 'nc.actions.save' })}</button>
        <button type="button" @click=${() => (this.adding = false)}>${msg('Cancel', { id: 'common.cancel' })}</button>
      </div>
    </form>`
  }

  private renderEditForm(a: Action) {
    return html`<form class="inline" @submit=${(e: SubmitEvent) => this.handleEdit(e, a)} novalidate>
      ${this.renderFields(`edit-${a.id}`, a)}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
        <button type="button" @click=${() => (this.editing = undefined)}>${msg('Cancel', { id: 'common.cancel' })}</button>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-nc-actions': QmsNcActions
  }
}
