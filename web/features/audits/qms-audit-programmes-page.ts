import { localized, msg } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement } from 'lit/decorators.js'
import type { AuditProgramme } from '../../api/types.ts'
import { PagedList } from '../../app/paged-list.ts'
import { SessionController } from '../../app/session.ts'
import { buttonStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { programmeStatusLabel } from './audit-labels.ts'
import { auditStyles } from './audit-styles.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/**
 * @summary The internal audit programmes (ISO 9001:2015 clause 9.2), newest year first,
 * with a link for managers to draw up a new one.
 */
@customElement('qms-audit-programmes-page')
@localized()
export class QmsAuditProgrammesPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, tableStyles, auditStyles]

  private readonly session = new SessionController(this)
  private readonly programmes = new PagedList<AuditProgramme>(this, '/api/audit-programmes', () => ({}))

  override render() {
    return html`<h1>${msg('Internal audit programmes', { id: 'audits.title' })}</h1>
      <p class="lead">${msg('ISO 9001:2015 clause 9.2: the yearly programme of internal audits, who audits which units, processes and clauses, and what it still leaves uncovered.', { id: 'audits.intro' })}</p>
      ${this.session.can('audit_programme.write')
        ? html`<div class="toolbar"><a class="button primary" href="/audit-programmes/new">${msg('Draw up a programme', { id: 'audits.programme.new' })}</a></div>`
        : nothing}
      ${this.programmes.render((items) => this.renderTable(items), msg('No audit programme yet.', { id: 'audits.programme.empty' }))}`
  }

  private renderTable(items: AuditProgramme[]) {
    const l = {
      year: msg('Year', { id: 'audits.year' }),
      number: msg('Number', { id: 'audits.number' }),
      title: msg('Programme', { id: 'audits.programme' }),
      audits: msg('Audits', { id: 'audits.audits' }),
      status: msg('Status', { id: 'common.status' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
      <thead><tr><th>${l.year}</th><th>${l.number}</th><th>${l.title}</th><th>${l.audits}</th><th>${l.status}</th></tr></thead>
      <tbody>
        ${items.map(
          (p) => html`<tr>
            <td data-label=${l.year}>${p.year}</td>
            <td data-label=${l.number}><a class="code" href=${`/audit-programmes/${p.id}`}>${p.number}</a></td>
            <td data-label=${l.title}>${p.title}</td>
            <td data-label=${l.audits}>${p.auditCount}</td>
            <td data-label=${l.status}><span class="badge">${programmeStatusLabel(p.status)}</span></td>
          </tr>`,
        )}
      </tbody>
    </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-audit-programmes-page': QmsAuditProgrammesPage
  }
}
