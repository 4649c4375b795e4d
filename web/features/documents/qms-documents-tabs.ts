import { localized, msg } from '@lit/localize'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { documentStyles } from './document-styles.ts'

/**
 * @summary The sub-pages of Documents: the register, clause coverage, reviews due and the 2008 → 2015 transition.
 */
@customElement('qms-documents-tabs')
@localized()
export class QmsDocumentsTabs extends LitElement {
  static override styles = documentStyles

  /** The path of the page being shown. */
  @property() current = '/documents'

  override render() {
    const tabs = [
      { href: '/documents', label: msg('Register', { id: 'documents.tab.register' }) },
      { href: '/documents/coverage', label: msg('Clause coverage', { id: 'documents.tab.coverage' }) },
      { href: '/documents/review-due', label: msg('Reviews due', { id: 'documents.tab.reviewDue' }) },
      { href: '/documents/transition', label: msg('2008 → 2015 transition', { id: 'documents.tab.transition' }) },
    ]
    return html`<nav class="tabs" aria-label=${msg('Document control', { id: 'documents.tabs' })}>
      ${tabs.map((t) => html`<a href=${t.href} aria-current=${t.href === this.current ? 'page' : 'false'}>${t.label}</a>`)}
    </nav>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-documents-tabs': QmsDocumentsTabs
  }
}
