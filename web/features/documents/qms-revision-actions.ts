import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import { loadActiveUsers } from '../../api/loaders.ts'
import type { Revision, RevisionAction, User } from '../../api/types.ts'
import { session } from '../../app/session.ts'
import { FormController } from '../../app/form-controller.ts'
import { confirmStep } from '../../app/qms-confirm-dialog.ts'
import { buttonStyles, formStyles } from '../../styles/shared.ts'
import '../../app/qms-date-input.ts'
import { todayIso } from '../../i18n/localization.ts'

/**
 * @summary The workflow buttons of one revision: only the steps the server says the
 * signed-in user may take now (`revision.actions`), each with its small form.
 * @event qms-revision-changed - detail `{ revision }` after a step succeeded
 */
@customElement('qms-revision-actions')
@localized()
export class QmsRevisionActions extends LitElement {
  static override styles = [buttonStyles, formStyles]

  @property({ attribute: false }) revision!: Revision
  /** The document's code, named when a step is asked once more. */
  @property() documentCode = ''
  @state() private open: RevisionAction | null = null
  private readonly form = new FormController(this)
  @state() private reviewers: User[] = []

  private label(action: RevisionAction): string {
    switch (action) {
      case 'submit':
        return msg('Submit for review', { id: 'documents.action.submit' })
      case 'review':
        return msg('Review', { id: 'documents.action.review' })
      case 'approve':
        return msg('Approve', { id: 'documents.action.approve' })
      case 'return':
        return msg('Return to drafter', { id: 'documents.action.return' })
      case 'publish':
        return msg('Publish', { id: 'documents.action.publish' })
      case 'obsolete':
        return this.revision.status === 'published'
          ? msg('Withdraw', { id: 'documents.action.withdraw' })
          : msg('Abandon', { id: 'documents.action.abandon' })
    }
  }

  /** The button that carries out the step, named apart from the one that opened its form. */
  private confirmLabel(action: RevisionAction): string {
    switch (action) {
      case 'submit':
        return msg('Send to the reviewer', { id: 'documents.confirm.submit' })
      case 'review':
        return msg('Sign the review', { id: 'documents.action.signReview' })
      case 'approve':
        return msg('Sign the approval', { id: 'documents.confirm.approve' })
      case 'return':
        return msg('Send back', { id: 'documents.confirm.return' })
      case 'publish':
        return msg('Publish now', { id: 'documents.confirm.publish' })
      case 'obsolete':
        return msg('Confirm', { id: 'documents.confirm.obsolete' })
    }
  }

  private async handleOpen(action: RevisionAction) {
    this.open = this.open === action ? null : action
    this.form.clear()
    if (action === 'submit' && !this.reviewers.length) {
      const users = await loadActiveUsers()
      const me = session.info?.user.id
      this.reviewers = users.filter((u) => u.canSignIn && u.id !== me && u.id !== this.revision.createdBy?.id)
    }
  }

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const submitter = (event.submitter as HTMLButtonElement | null)?.value
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const action = this.open!
    let body: Record<string, unknown> = {}
    if (action === 'submit') body = { reviewerId: text('reviewerId') }
    if (action === 'review') body = { approve: submitter !== 'return', ...(text('comment') ? { comment: text('comment') } : {}) }
    if (action === 'approve') body = text('comment') ? { comment: text('comment') } : {}
    if (action === 'return') body = { comment: text('comment') }
    if (action === 'publish') body = text('effectiveFrom') ? { effectiveFrom: text('effectiveFrom') } : {}
    if (action === 'obsolete') body = { reason: text('reason') }
    // Withdrawing (or abandoning) an issue is for good: asked once more, naming it (a missing reason is the server's 400 first).
    if (action === 'obsolete' && text('reason') && !(await this.confirmObsolete())) return
    await this.form.run(
      async () => {
        const revision = await post<Revision>(`/api/documents/${this.revision.documentId}/revisions/${this.revision.id}/${action}`, body, { ifMatch: this.revision.version })
        this.open = null
        this.dispatchEvent(new CustomEvent('qms-revision-changed', { detail: { revision }, bubbles: true, composed: true }))
      },
      { success: msg('Done.', { id: 'documents.done' }) },
    )
  }

  private confirmObsolete(): Promise<boolean> {
    const { issueNumber, status } = this.revision
    const code = this.documentCode
    return status === 'published'
      ? confirmStep({
          heading: msg(str`Withdraw issue ${issueNumber} of ${code}?`, { id: 'documents.confirmWithdraw.heading' }),
          consequence: msg('This issue will no longer be in force: it becomes obsolete, cannot be published again, and this cannot be undone.', { id: 'documents.confirmWithdraw.consequence' }),
          confirmLabel: this.label('obsolete'),
        })
      : confirmStep({
          heading: msg(str`Abandon draft issue ${issueNumber} of ${code}?`, { id: 'documents.confirmAbandon.heading' }),
          consequence: msg('The draft becomes obsolete: it cannot go on to review, approval or publishing, and this cannot be undone.', { id: 'documents.confirmAbandon.consequence' }),
          confirmLabel: this.label('obsolete'),
        })
  }

  private errorLine(name: string) {
    const message = this.form.message(name)
    return message ? html`<span class="error" id=${`${name}-error-${this.revision.id}`}>${message}</span>` : nothing
  }

  private renderForm(action: RevisionAction) {
    const id = (name: string) => `${name}-${this.revision.id}`
    const comment = (required: boolean) => html`<div class="field">
      <label for=${id('comment')}>${required ? msg('Comment (what must change)', { id: 'documents.commentRequired' }) : msg('Comment', { id: 'documents.comment' })}</label>
      <textarea id=${id('comment')} name="comment" rows="3"></textarea>
      ${this.errorLine('comment')}
    </div>`
    let fields: unknown = nothing
    let buttons = html`<button class=${action === 'obsolete' ? 'danger' : 'primary'} type="submit" ?disabled=${this.form.busy}>${this.confirmLabel(action)}</button>`
    switch (action) {
      case 'submit':
        fields = html`<div class="field">
          <label for=${id('reviewerId')}>${msg('Reviewer', { id: 'documents.reviewer' })}</label>
          <select id=${id('reviewerId')} name="reviewerId">
            <option value="">${msg('— Choose —', { id: 'documents.choose' })}</option>
            ${this.reviewers.map((u) => html`<option value=${u.id}>${u.fullName}${u.position ? ` — ${u.position}` : ''}</option>`)}
          </select>
          <span class="hint">${msg('You sign as drafter; the reviewer is told to review.', { id: 'documents.submitHint' })}</span>
          ${this.errorLine('reviewerId')}
        </div>`
        break
      case 'review':
        fields = comment(false)
        buttons = html`<button class="primary" type="submit" value="approve" ?disabled=${this.form.busy}>${this.confirmLabel('review')}</button>
          <button type="submit" value="return" ?disabled=${this.form.busy}>${msg('Send back', { id: 'documents.confirm.return' })}</button>`
        break
      case 'approve':
        fields = comment(false)
        break
      case 'return':
        fields = comment(true)
        break
      case 'publish':
        fields = html`<div class="field">
          <label for=${id('effectiveFrom')}>${msg('Effective from', { id: 'documents.effectiveFrom' })}</label>
          <qms-date-input field-id=${id('effectiveFrom')} name="effectiveFrom" max=${todayIso()} .value=${todayIso()}></qms-date-input>
          <span class="hint">${msg('The issue in force until now becomes superseded.', { id: 'documents.publishHint' })}</span>
          ${this.errorLine('effectiveFrom')}
        </div>`
        break
      case 'obsolete':
        fields = html`<div class="field">
          <label for=${id('reason')}>${msg('Reason', { id: 'documents.reason' })}</label>
          <textarea id=${id('reason')} name="reason" rows="2"></textarea>
          ${this.errorLine('reason')}
        </div>`
        break
    }
    return html`<form @submit=${this.handleSubmit} novalidate>
      ${fields}
      ${this.form.renderError()}
      <div class="actions">${buttons}<button type="button" @click=${() => (this.open = null)}>${msg('Cancel', { id: 'common.cancel' })}</button></div>
    </form>`
  }

  override render() {
    const actions = this.revision.actions
    if (!actions.length) return nothing
    return html`<div class="actions" role="group" aria-label=${msg('Workflow', { id: 'documents.workflow' })}>
        ${actions.map(
          (a) => html`<button class=${a === 'obsolete' ? 'danger' : a === this.open ? 'primary' : ''} aria-expanded=${this.open === a} @click=${() => this.handleOpen(a)}>${this.label(a)}</button>`,
        )}
      </div>
      ${this.open ? html`<div style="margin-top: var(--qms-space-3)">${this.renderForm(this.open)}</div>` : nothing}`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-revision-actions': QmsRevisionActions
  }
}
