import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'

const EVENT = 'qms-toast'
const SHOWN_MS = 4000

/** Says briefly that something worked ("Đã lưu", "Đã gửi kiểm tra hiệu lực"); any page may call it. */
export function showToast(message: string) {
  window.dispatchEvent(new CustomEvent(EVENT, { detail: { message } }))
}

/**
 * @summary The short confirmation after a change the server accepted, read out by screen
 * readers (a polite status region) and gone after a few seconds. Only for what the server
 * holds: pages call `showToast` after the request succeeded, never before.
 */
@customElement('qms-toast')
export class QmsToast extends LitElement {
  static override styles = css`
    :host { position: fixed; left: 50%; bottom: var(--qms-space-4, 1rem); transform: translateX(-50%); z-index: 1000; max-width: calc(100vw - 2rem); pointer-events: none; }
    .toast { background: var(--qms-text, #1a1a1a); color: #fff; padding: 0.6rem 1rem; border-radius: var(--qms-radius, 6px); box-shadow: 0 2px 8px rgb(0 0 0 / 25%); font-size: 0.95rem; overflow-wrap: anywhere; }
  `

  @state() private message = ''
  private timer?: ReturnType<typeof setTimeout>

  private readonly onToast = (event: Event) => {
    this.message = (event as CustomEvent<{ message: string }>).detail.message
    clearTimeout(this.timer)
    this.timer = setTimeout(() => (this.message = ''), SHOWN_MS)
  }

  override connectedCallback() {
    super.connectedCallback()
    window.addEventListener(EVENT, this.onToast)
  }

  override disconnectedCallback() {
    window.removeEventListener(EVENT, this.onToast)
    clearTimeout(this.timer)
    super.disconnectedCallback()
  }

  override render() {
    return html`<div role="status" aria-live="polite">${this.message ? html`<div class="toast">${this.message}</div>` : nothing}</div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-toast': QmsToast
  }
}
