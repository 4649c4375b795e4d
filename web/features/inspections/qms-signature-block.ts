import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import SignaturePad from 'signature_pad'
import { formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles } from '../../styles/shared.ts'

export type SignatureRole = 'unit_representative' | 'lead_inspector'

export interface SignDetail {
  role: SignatureRole
  signerName: string
  /** The drawing, as a PNG; absent when the signer refused. */
  png?: Blob
  refusalReason?: string
  signedAt: string
}

/** What the block shows once signed: the server's signature, or one waiting on the device. */
export interface SignedState {
  signerName: string
  signedAt: string
  refusalReason: string | null
  waiting: boolean
}

/**
 * @summary One signature block of the record: the signer's name and a pad to sign on with
 * a finger, or (for the unit's representative) the refusal to sign with its reason.
 * @event qms-sign - detail SignDetail: the block was signed or refused
 */
@customElement('qms-signature-block')
@localized()
export class QmsSignatureBlock extends LitElement {
  static override styles = [
    buttonStyles,
    formStyles,
    css`
      :host { display: block; }
      canvas { display: block; width: 100%; height: 160px; border: 1px dashed var(--qms-border, #8c959f); border-radius: 6px; background: #fff; touch-action: none; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.5rem; }
      .done { font-style: italic; }
    `,
  ]

  @property({ attribute: 'signature-role' }) signatureRole: SignatureRole = 'unit_representative'
  @property() caption = ''
  @property({ attribute: 'default-name' }) defaultName = ''
  @property({ attribute: false }) signed?: SignedState
  @state() private refusing = false
  @state() private error = ''
  @query('canvas') private canvas?: HTMLCanvasElement
  private pad?: SignaturePad

  override updated(changed: PropertyValues<this>) {
    if (this.canvas && !this.pad) {
      // The canvas is drawn at the device's pixel density, or the strokes look blurred.
      const ratio = Math.max(window.devicePixelRatio || 1, 1)
      this.canvas.width = this.canvas.offsetWidth * ratio
      this.canvas.height = this.canvas.offsetHeight * ratio
      this.canvas.getContext('2d')!.scale(ratio, ratio)
      this.pad = new SignaturePad(this.canvas, { penColor: '#0b2e59' })
    }
    if (changed.has('signed') && this.signed) {
      this.pad?.off()
      this.pad = undefined
    }
  }

  private get fieldId() {
    return `sign-${this.signatureRole}`
  }

  private submit(event: SubmitEvent) {
    event.preventDefault()
    const form = new FormData(event.target as HTMLFormElement)
    const signerName = String(form.get('signerName') ?? '').trim()
    const refusalReason = String(form.get('refusalReason') ?? '').trim()
    if (!signerName) return void (this.error = msg('Write the name of the person signing.', { id: 'sign.needName' }))
    if (this.refusing) {
      if (!refusalReason) return void (this.error = msg('Say why the representative refuses to sign.', { id: 'sign.needReason' }))
      this.error = ''
      return this.emit({ role: this.signatureRole, signerName, refusalReason, signedAt: new Date().toISOString() })
    }
    if (!this.pad || this.pad.isEmpty()) return void (this.error = msg('Sign in the box first.', { id: 'sign.needDrawing' }))
    this.error = ''
    this.canvas!.toBlob((png) => png && this.emit({ role: this.signatureRole, signerName, png, signedAt: new Date().toISOString() }), 'image/png')
  }

  private emit(detail: SignDetail) {
    this.dispatchEvent(new CustomEvent('qms-sign', { detail, bubbles: true, composed: true }))
  }

  override render() {
    const s = this.signed
    if (s) {
      return html`<h3>${this.caption}</h3>
        <p class="done" role="status">
          ${s.refusalReason
            ? msg('Refused to sign', { id: 'sign.refused' })
            : msg('Signed', { id: 'sign.signed' })}: ${s.signerName}, ${formatDateTime(s.signedAt)}${s.refusalReason ? html` — ${s.refusalReason}` : nothing}
          ${s.waiting ? html`<br />${msg('Saved on this device, waiting to sync', { id: 'sign.waiting' })}` : nothing}
        </p>`
    }
    return html`<form @submit=${this.submit} novalidate>
      <h3>${this.caption}</h3>
      <div class="field">
        <label for=${`${this.fieldId}-name`}>${msg('Name of the person signing', { id: 'sign.name' })}</label>
        <input id=${`${this.fieldId}-name`} name="signerName" .value=${this.defaultName} autocomplete="off" />
      </div>
      ${this.signatureRole === 'unit_representative'
        ? html`<label class="check"><input type="checkbox" .checked=${this.refusing} @change=${(e: Event) => (this.refusing = (e.target as HTMLInputElement).checked)} />
            <span>${msg('The representative refuses to sign', { id: 'sign.refuse' })}</span></label>`
        : nothing}
      ${this.refusing
        ? html`<div class="field">
            <label for=${`${this.fieldId}-reason`}>${msg('Reason for refusing', { id: 'sign.reason' })}</label>
            <textarea id=${`${this.fieldId}-reason`} name="refusalReason"></textarea>
          </div>`
        : html`<canvas role="img" aria-label=${msg('Signature box: sign with your finger', { id: 'sign.pad' })}></canvas>
            <div class="actions"><button type="button" @click=${() => this.pad?.clear()}>${msg('Clear', { id: 'sign.clear' })}</button></div>`}
      ${this.error ? html`<p class="form-error" role="alert">${this.error}</p>` : nothing}
      <div class="actions"><button class="primary" type="submit">${this.refusing ? msg('Record the refusal', { id: 'sign.recordRefusal' }) : msg('Sign', { id: 'sign.submit' })}</button></div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-signature-block': QmsSignatureBlock
  }
}
