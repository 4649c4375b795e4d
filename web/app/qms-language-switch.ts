import { localized, msg } from '@lit/localize'
import { css, html, LitElement } from 'lit'
import { customElement } from 'lit/decorators.js'
import { getLocale, useLocale, type Locale } from '../i18n/localization.ts'

/**
 * @summary Switches the interface between Vietnamese and English; the choice is remembered.
 */
@customElement('qms-language-switch')
@localized()
export class QmsLanguageSwitch extends LitElement {
  static override styles = css`
    :host { display: inline-flex; }
    .switch { display: inline-flex; border: 1px solid var(--qms-border); border-radius: 999px; overflow: hidden; }
    button {
      font: inherit; font-size: 0.85rem; min-height: 36px; min-width: 44px; border: none; background: transparent;
      color: inherit; cursor: pointer; padding: 0 10px;
    }
    button[aria-pressed='true'] { background: var(--qms-primary); color: var(--qms-on-primary); }
    button:focus-visible { outline: 3px solid var(--qms-focus); }
  `

  private handleChoose(locale: Locale) {
    void useLocale(locale)
  }

  override render() {
    const current = getLocale()
    return html`<div class="switch" role="group" aria-label=${msg('Language', { id: 'nav.language' })}>
      <button type="button" lang="vi" aria-pressed=${current === 'vi'} @click=${() => this.handleChoose('vi')}>Tiếng Việt</button>
      <button type="button" lang="en" aria-pressed=${current === 'en'} @click=${() => this.handleChoose('en')}>English</button>
    </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-language-switch': QmsLanguageSwitch
  }
}
