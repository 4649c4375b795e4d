import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import type { OrgUnit } from '../../api/types.ts'
import { buttonStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { loadAllOrgUnits } from '../../api/loaders.ts'
import './qms-org-unit-form.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/**
 * @summary The org unit tree for administrators: list, create, edit, deactivate.
 */
@customElement('qms-org-units-page')
@localized()
export class QmsOrgUnitsPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, tableStyles]

  /** The unit being edited, `'new'` for a new one, or null when the form is closed. */
  @state() private editing: OrgUnit | 'new' | null = null

  private readonly units = new Task(this, {
    task: (_args, { signal }) => loadAllOrgUnits(signal),
    args: () => [],
  })

  private handleSaved() {
    this.editing = null
    void this.units.run()
  }

  override render() {
    const units = this.units.value ?? []
    return html`
      <h1>${msg('Org units', { id: 'orgUnits.title' })}</h1>
      <p class="lead">${msg('The organisation: the board, its departments, sections and subordinate units. Units are deactivated, never deleted.', { id: 'orgUnits.intro' })}</p>
      <div class="toolbar">
        <button class="primary" @click=${() => (this.editing = 'new')}>${msg('Add unit', { id: 'orgUnits.new' })}</button>
      </div>
      ${this.editing
        ? html`<qms-org-unit-form
            .unit=${this.editing === 'new' ? null : this.editing}
            .units=${units}
            @qms-saved=${this.handleSaved}
            @qms-cancel=${() => (this.editing = null)}
          ></qms-org-unit-form><br />`
        : nothing}
      ${this.units.render({
        pending: () => (units.length ? this.renderTable(units) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: (list) => this.renderTable(list),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}
          <button @click=${() => this.units.run()}>${msg('Try again', { id: 'common.retry' })}</button></p>`,
      })}
    `
  }

  private renderTable(units: OrgUnit[]) {
    const codeLabel = msg('Code', { id: 'orgUnits.code' })
    const nameLabel = msg('Name', { id: 'orgUnits.name' })
    const statusLabel = msg('Status', { id: 'common.status' })
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
      <thead><tr><th>${codeLabel}</th><th>${nameLabel}</th><th>${statusLabel}</th><th><span class="sr-only">${msg('Actions', { id: 'common.actions' })}</span></th></tr></thead>
      <tbody>
        ${units.map(
          (u) => html`<tr>
            <td data-label=${codeLabel}>${u.code}</td>
            <td data-label=${nameLabel}><span style="padding-left: ${u.depth * 1.25}em">${u.name}</span></td>
            <td data-label=${statusLabel}>${u.active ? html`<span class="chip">${msg('Active', { id: 'common.active' })}</span>` : html`<span class="chip off">${msg('Inactive', { id: 'common.inactive' })}</span>`}</td>
            <td><button class="link" aria-label=${`${msg('Edit', { id: 'common.edit' })} ${u.name}`} @click=${() => (this.editing = u)}>${msg('Edit', { id: 'common.edit' })}</button></td>
          </tr>`,
        )}
      </tbody>
    </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-org-units-page': QmsOrgUnitsPage
  }
}
