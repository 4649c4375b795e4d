import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { appUpdate } from '../offline/service-worker.ts'

/**
 * @summary Offers a new version of the app once its service worker is waiting. The app
 * never switches version under the user: only the button reloads.
 */
@customElement('qms-update-banner')
@localized()
export class QmsUpdateBanner extends LitElement {
  static override styles = css`
    :host {
      position: fixed; z-index: 100; left: 50%; transform: translateX(-50%);
      bottom: calc(var(--qms-space-4) + env(safe-area-inset-bottom, 0px));
      max-width: calc(100vw - 2 * var(--qms-space-4));
    }
    button {
      font: inherit; min-height: var(--qms-tap); padding: 0 var(--qms-space-4); cursor: pointer;
      color: var(--qms-on-primary); background: var(--qms-primary-strong); border: none;
      border-radius: var(--qms-radius); box-shadow: var(--qms-shadow);
    }
    button:focus-visible { outline: 3px solid var(--qms-focus); outline-offset: 2px; }
  `

  @state() private waiting = appUpdate.waiting

  private readonly handleChange = () => (this.waiting = appUpdate.waiting)

  override connectedCallback() {
    super.connectedCallback()
    appUpdate.addEventListener('change', this.handleChange)
    this.handleChange()
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    appUpdate.removeEventListener('change', this.handleChange)
  }

  override render() {
    if (!this.waiting) return nothing
    return html`<div role="status">
      <button @click=${() => appUpdate.apply()}>${msg('A new version is available — reload', { id: 'offline.updateAvailable' })}</button>
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-update-banner': QmsUpdateBanner
  }
}
