import { localized, msg, str } from '@lit/localize'
import { html, LitElement } from 'lit'
import { customElement } from 'lit/decorators.js'
import { roleLabel } from '../../app/labels.ts'
import { SessionController } from '../../app/session.ts'
import { pageStyles, tableStyles } from '../../styles/shared.ts'

/**
 * @summary The start page. Until the compliance dashboard exists it greets the user and
 * says who they are in the system.
 */
@customElement('qms-dashboard-page')
@localized()
export class QmsDashboardPage extends LitElement {
  static override styles = [pageStyles, tableStyles]
  private readonly session = new SessionController(this)

  override render() {
    const user = this.session.info?.user
    if (!user) return html``
    return html`
      <h1>${msg('Dashboard', { id: 'dashboard.title' })}</h1>
      <p class="lead">${msg(str`Hello, ${user.fullName}.`, { id: 'dashboard.welcome' })}</p>
      <div class="card">
        <p>${msg('Compliance figures, overdue nonconformities and the periodic report will appear here as the modules come into use.', { id: 'dashboard.intro' })}</p>
        <p><strong>${msg('Your roles', { id: 'dashboard.yourRoles' })}:</strong> ${user.roles.map((r) => html`<span class="chip">${roleLabel(r)}</span>`)}</p>
        <p><strong>${msg('Unit', { id: 'dashboard.yourUnit' })}:</strong> ${user.orgUnit?.name ?? '—'}</p>
        <p><a href="/docs" target="_blank" rel="noopener">${msg('API documentation', { id: 'dashboard.apiDocs' })}</a></p>
      </div>
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-dashboard-page': QmsDashboardPage
  }
}
