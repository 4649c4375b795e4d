import { localized, msg } from '@lit/localize'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { pageStyles } from '../../styles/shared.ts'

/**
 * @summary Stands in for a section that has not been built yet, and says so plainly.
 */
@customElement('qms-coming-soon')
@localized()
export class QmsComingSoon extends LitElement {
  static override styles = pageStyles
  @property() heading = ''

  override render() {
    return html`<h1>${this.heading}</h1>
      <div class="card"><p>${msg('This section is being built and will arrive in a coming update.', { id: 'common.notBuilt' })}</p></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-coming-soon': QmsComingSoon
  }
}
