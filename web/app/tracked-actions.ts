/**
 * What the action lists of risks (treatment actions) and management reviews (decisions
 * that are actions) share: how an action with an owner and a due date shows, and how its
 * owner marks it done with what was done. Each list keeps its own adding form and API.
 */
import { msg, str } from '@lit/localize'
import { css, html, nothing, type TemplateResult } from 'lit'
import { formatDate, formatDateTime } from '../i18n/localization.ts'
import type { FormController } from './form-controller.ts'

export interface TrackedAction {
  id: string
  description: string
  /** null: a record that is not an action (a review decision without owner and due date). */
  status: 'open' | 'done' | null
  overdue: boolean
  dueDate: string | null
  owner: { fullName: string } | null
  completedAt: string | null
  completedBy: { fullName: string } | null
  completionNote: string | null
  allowedActions: string[]
}

export const trackedActionStyles = css`
  ul.list { list-style: none; margin: 0 0 var(--qms-space-4); padding: 0; display: grid; gap: var(--qms-space-2); }
  li.tracked { background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-3); display: grid; gap: 4px; }
  li.tracked.is-overdue { border-left: 4px solid var(--qms-danger); }
  .description { font-weight: 600; overflow-wrap: anywhere; }
`

export interface CompletionHandlers<A extends TrackedAction> {
  /** The action whose "done" form is open, if any. */
  completing: string | undefined
  open(id: string): void
  close(): void
  submit(event: SubmitEvent, action: A): void
}

/** One action: its badges (before: the list's own, e.g. a category), text, owner and due date, who completed it, and the way to complete it. */
export function renderTrackedAction<A extends TrackedAction>(a: A, form: FormController, handlers: CompletionHandlers<A>, before: unknown = nothing): TemplateResult {
  const completing = handlers.completing === a.id
  return html`<li class=${`tracked ${a.overdue ? 'is-overdue' : ''}`}>
    <span>
      ${before}
      ${a.status === 'done' ? html`<span class="badge done">${msg('Done', { id: 'actions.done' })}</span>` : nothing}
      ${a.status === 'open' ? html`<span class="badge status">${msg('Open', { id: 'actions.open' })}</span>` : nothing}
      ${a.overdue ? html`<span class="badge due">${msg('Overdue', { id: 'actions.overdue' })}</span>` : nothing}
    </span>
    <span class="description">${a.description}</span>
    ${a.owner && a.dueDate ? html`<span class="meta">${msg(str`Owner: ${a.owner.fullName} · due ${formatDate(a.dueDate)}`, { id: 'actions.ownerDue' })}</span>` : nothing}
    ${a.status === 'done'
      ? html`<span class="meta">${msg(str`Done ${formatDateTime(a.completedAt)} by ${a.completedBy?.fullName ?? ''}`, { id: 'actions.doneBy' })}: ${a.completionNote}</span>`
      : nothing}
    ${a.allowedActions.includes('complete') && !completing
      ? html`<div class="actions">
          <button class="primary" aria-label=${msg(str`Mark done: ${a.description}`, { id: 'actions.completeLabel' })} @click=${() => handlers.open(a.id)}>${msg('Mark done', { id: 'actions.complete' })}</button>
        </div>`
      : nothing}
    ${completing
      ? html`<form @submit=${(e: SubmitEvent) => handlers.submit(e, a)} novalidate>
          <div class="field">
            <label for=${`note-${a.id}`}>${msg('What was done', { id: 'actions.note' })}</label>
            <textarea id=${`note-${a.id}`} name="note" rows="2" aria-invalid=${form.invalid('note')}></textarea>
            ${form.errorLine('note')}
          </div>
          ${form.renderError()}
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${form.busy}>${msg('Confirm done', { id: 'actions.confirm' })}</button>
            <button type="button" @click=${() => handlers.close()}>${msg('Cancel', { id: 'common.cancel' })}</button>
          </div>
        </form>`
      : nothing}
  </li>`
}

/** The note typed in a completion form. */
export const completionNote = (event: SubmitEvent) => String(new FormData(event.target as HTMLFormElement).get('note') ?? '').trim()
