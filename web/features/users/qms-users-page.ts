import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { ROLES, type User } from '../../api/types.ts'
import { roleLabel } from '../../app/labels.ts'
import { PagedList } from '../../app/paged-list.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

interface Filters {
  q: string
  orgUnitId: string
  role: string
  active: string
}

/**
 * @summary Users for administrators: search and filter, page through, open one to edit.
 */
@customElement('qms-users-page')
@localized()
export class QmsUsersPage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles]

  @state() private filters: Filters = { q: '', orgUnitId: '', role: '', active: 'true' }
  private searchTimer?: ReturnType<typeof setTimeout>

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })

  private readonly users = new PagedList<User>(this, '/api/users', () => this.filters)

  private handleFilter(event: Event) {
    const input = event.target as HTMLInputElement | HTMLSelectElement
    const next = { ...this.filters, [input.name]: input.value }
    clearTimeout(this.searchTimer)
    // Typing waits for a pause; choices apply at once.
    if (input.name === 'q') this.searchTimer = setTimeout(() => (this.filters = next), 250)
    else this.filters = next
  }

  override render() {
    return html`
      <h1>${msg('Users', { id: 'users.title' })}</h1>
      <p class="lead">${msg('Everyone in the system: people who sign in and civil servants who are only inspected (no password). Users are deactivated, never deleted.', { id: 'users.intro' })}</p>
      <div class="toolbar">
        <div class="field grow">
          <label for="q">${msg('Search by name or username', { id: 'users.search' })}</label>
          <input id="q" name="q" type="search" .value=${this.filters.q} @input=${this.handleFilter} />
        </div>
        <div class="field">
          <label for="orgUnitId">${msg('Unit', { id: 'users.unitFilter' })}</label>
          <select id="orgUnitId" name="orgUnitId" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${(this.units.value ?? []).map((u) => html`<option value=${u.id}>${indentedName(u)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="role">${msg('Role', { id: 'users.roleFilter' })}</label>
          <select id="role" name="role" @change=${this.handleFilter}>
            <option value="">${msg('All', { id: 'common.all' })}</option>
            ${ROLES.map((r) => html`<option value=${r}>${roleLabel(r)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="active">${msg('Status', { id: 'users.statusFilter' })}</label>
          <select id="active" name="active" @change=${this.handleFilter}>
            <option value="true" selected>${msg('Active', { id: 'common.active' })}</option>
            <option value="false">${msg('Inactive', { id: 'common.inactive' })}</option>
            <option value="">${msg('All', { id: 'common.all' })}</option>
          </select>
        </div>
        <a class="button primary" href="/admin/users/new">${msg('Add user', { id: 'users.new' })}</a>
      </div>
      ${this.users.render((items) => this.renderTable(items))}
    `
  }

  private renderTable(items: User[]) {
    const l = {
      name: msg('Full name', { id: 'users.fullName' }),
      username: msg('Username', { id: 'users.username' }),
      unit: msg('Unit', { id: 'users.unit' }),
      roles: msg('Roles', { id: 'users.roles' }),
      status: msg('Status', { id: 'common.status' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.name}</th><th>${l.username}</th><th>${l.unit}</th><th>${l.roles}</th><th>${l.status}</th></tr></thead>
        <tbody>
          ${items.map(
            (u) => html`<tr>
              <td data-label=${l.name}><a href=${`/admin/users/${u.id}`}>${u.fullName}</a>${u.position ? html`<br /><span class="muted">${u.position}</span>` : nothing}</td>
              <td data-label=${l.username}>${u.username}</td>
              <td data-label=${l.unit}>${u.orgUnit?.name ?? '—'}</td>
              <td data-label=${l.roles}>${u.roles.map((r) => html`<span class="chip">${roleLabel(r)}</span>`)}</td>
              <td data-label=${l.status}>
                ${u.active ? html`<span class="chip">${msg('Active', { id: 'common.active' })}</span>` : html`<span class="chip off">${msg('Inactive', { id: 'common.inactive' })}</span>`}
                ${u.canSignIn ? nothing : html`<span class="chip off">${msg('Inspected only', { id: 'users.noSignIn' })}</span>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-users-page': QmsUsersPage
  }
}
