import { localized, msg } from '@lit/localize'
import { css, html, LitElement } from 'lit'
import { customElement, property, query } from 'lit/decorators.js'
import { buttonStyles } from '../styles/shared.ts'

export interface ConfirmOptions {
  /** The question, naming the record, e.g. "Mark dossier 000.00.19.H57-200101-0001 as withdrawn?" */
  heading: string
  /** What follows and cannot be undone. */
  consequence: string
  /** The confirming button's text: the step itself, never a bare "OK". */
  confirmLabel: string
}

/**
 * @summary A modal question before a step that cannot be undone (withdraw, cancel, close…):
 * it names the record and the consequence; Escape or "Go back" leaves everything as it was.
 * Use `confirmStep()`; the element fires `qms-confirm` with `detail: boolean` when answered.
 */
@customElement('qms-confirm-dialog')
@localized()
export class QmsConfirmDialog extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      dialog { max-width: min(32rem, calc(100vw - 2rem)); border: none; border-radius: var(--qms-radius); padding: var(--qms-space-5); box-shadow: var(--qms-shadow); color: var(--qms-text); background: var(--qms-surface); }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      h2 { margin: 0 0 var(--qms-space-3); font-size: 1.15rem; }
      .actions { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); justify-content: flex-end; margin-top: var(--qms-space-4); }
    `,
  ]

  @property() heading = ''
  @property() consequence = ''
  @property({ attribute: 'confirm-label' }) confirmLabel = ''
  @query('dialog') private dialog!: HTMLDialogElement
  private answered = false

  override firstUpdated() {
    this.dialog.showModal()
    // The safe choice has the focus: a second mis-tap or Enter does not confirm.
    this.renderRoot.querySelector<HTMLButtonElement>('button.back')?.focus()
  }

  private answer(confirmed: boolean) {
    if (this.answered) return
    this.answered = true
    this.dialog.close()
    this.dispatchEvent(new CustomEvent<boolean>('qms-confirm', { detail: confirmed, bubbles: true, composed: true }))
  }

  override render() {
    return html`<dialog aria-labelledby="confirm-heading" aria-describedby="confirm-consequence" @cancel=${(e: Event) => (e.preventDefault(), this.answer(false))}>
      <h2 id="confirm-heading">${this.heading}</h2>
      <p id="confirm-consequence">${this.consequence}</p>
      <div class="actions">
        <button type="button" class="back" @click=${() => this.answer(false)}>${msg('Go back', { id: 'confirm.back' })}</button>
        <button type="button" class="danger" @click=${() => this.answer(true)}>${this.confirmLabel}</button>
      </div>
    </dialog>`
  }
}

/** Asks before an irreversible step; resolves true only when the person confirms. */
export function confirmStep(options: ConfirmOptions): Promise<boolean> {
  const dialog = document.createElement('qms-confirm-dialog')
  Object.assign(dialog, { heading: options.heading, consequence: options.consequence, confirmLabel: options.confirmLabel })
  return new Promise((resolve) => {
    dialog.addEventListener('qms-confirm', (e) => {
      dialog.remove()
      resolve((e as CustomEvent<boolean>).detail)
    })
    document.body.append(dialog)
  })
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-confirm-dialog': QmsConfirmDialog
  }
}
