import { localized, msg } from '@lit/localize'
import { css, html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'

/**
 * @summary The sub-sections of the one-stop-shop area: dossiers, statistics, import, procedures, complaints.
 */
@customElement('qms-dossier-tabs')
@localized()
export class QmsDossierTabs extends LitElement {
  static override styles = css`
    :host { display: block; margin-bottom: var(--qms-space-4); }
    nav { display: flex; flex-wrap: wrap; gap: var(--qms-space-1); border-bottom: 1px solid var(--qms-border); }
    a { padding: var(--qms-space-2) var(--qms-space-3); min-height: var(--qms-tap); display: inline-flex; align-items: center; color: var(--qms-text); text-decoration: none; border-bottom: 3px solid transparent; }
    a[aria-current='page'] { border-bottom-color: var(--qms-primary); font-weight: 600; }
    a:focus-visible { outline: 3px solid var(--qms-focus); }
  `

  /** The current tab's path. */
  @property() current = '/dossiers'

  override render() {
    const tabs = [
      ['/dossiers', msg('Dossiers', { id: 'dossiers.tab.list' })],
      ['/dossiers/stats', msg('Statistics', { id: 'dossiers.tab.stats' })],
      ['/dossiers/import', msg('Import', { id: 'dossiers.tab.import' })],
      ['/procedures', msg('Procedures', { id: 'dossiers.tab.procedures' })],
      ['/complaints', msg('Complaints', { id: 'complaints.tab' })],
    ]
    return html`<nav aria-label=${msg('One-stop shop', { id: 'dossiers.tabs' })}>
      ${tabs.map(([href, label]) => html`<a href=${href} aria-current=${href === this.current ? 'page' : 'false'}>${label}</a>`)}
    </nav>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-dossier-tabs': QmsDossierTabs
  }
}
