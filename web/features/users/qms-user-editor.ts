import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { get, patch, post } from '../../api/client.ts'
import { ROLES, type User } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { roleLabel } from '../../app/labels.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'

/**
 * @summary Creates a user, or edits one (with the version read, so a concurrent change is refused).
 * @event qms-navigate - detail `{ to }`: back to the list after saving
 */
@customElement('qms-user-editor')
@localized()
export class QmsUserEditor extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles]

  /** The user to edit; unset to create one. */
  @property() userId?: string
  private readonly form = new FormController(this)

  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly user = new Task(this, {
    task: ([id], { signal }) => (id ? get<User>(`/api/users/${id}`, { signal }) : Promise.resolve(null)),
    args: () => [this.userId] as const,
  })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const user = this.user.value
    const password = String(data.get('password') ?? '')
    const body: Record<string, unknown> = {
      username: text('username'),
      fullName: text('fullName'),
      position: text('position') || null,
      email: text('email') || null,
      orgUnitId: text('orgUnitId') || null,
      roles: data.getAll('roles').map(String),
    }
    if (user) {
      body.active = data.get('active') === 'on'
      if (data.get('removePassword') === 'on') body.password = null
      else if (password) body.password = password
    } else if (password) {
      body.password = password
    }
    await this.form.run(async () => {
      if (user) await patch<User>(`/api/users/${user.id}`, body, { ifMatch: user.version })
      else await post<User>('/api/users', body)
      this.form.navigate('/admin/users')
    })
  }

  override render() {
    return html`<p><a href="/admin/users">${msg('← All users', { id: 'users.back' })}</a></p>
      ${this.user.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (user) => this.renderForm(user),
        error: () => html`<p role="alert">${msg('User not found.', { id: 'users.notFound' })}</p>`,
      })}`
  }

  private renderForm(user: User | null) {
    return html`<h1>${user ? msg('Edit user', { id: 'users.editTitle' }) : msg('New user', { id: 'users.newTitle' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        <div class="grid-2">
          ${this.form.field('username', msg('Username', { id: 'users.username' }),
            html`<input id="username" name="username" .value=${user?.username ?? ''} autocapitalize="none" spellcheck="false" autocomplete="off" aria-invalid=${this.form.invalid('username')} aria-describedby="username-hint username-error" />`,
            msg('Letters without accents, digits, dot, dash.', { id: 'users.usernameHint' }))}
          ${this.form.field('fullName', msg('Full name', { id: 'users.fullName' }),
            html`<input id="fullName" name="fullName" .value=${user?.fullName ?? ''} autocomplete="off" aria-invalid=${this.form.invalid('fullName')} aria-describedby="fullName-error" />`)}
          ${this.form.field('position', msg('Position', { id: 'users.position' }),
            html`<input id="position" name="position" .value=${user?.position ?? ''} aria-invalid=${this.form.invalid('position')} />`)}
          ${this.form.field('email', msg('Email', { id: 'users.email' }),
            html`<input id="email" name="email" type="email" .value=${user?.email ?? ''} aria-invalid=${this.form.invalid('email')} aria-describedby="email-error" />`)}
        </div>
        ${this.form.field('orgUnitId', msg('Unit', { id: 'users.unit' }),
          html`<select id="orgUnitId" name="orgUnitId" aria-invalid=${this.form.invalid('orgUnitId')} aria-describedby="orgUnitId-error">
            <option value="">${msg('— None —', { id: 'common.none' })}</option>
            ${(this.units.value ?? []).filter((u) => u.active || u.id === user?.orgUnitId).map(
              (u) => html`<option value=${u.id} ?selected=${u.id === user?.orgUnitId}>${indentedName(u)}</option>`,
            )}
          </select>`)}
        <fieldset>
          <legend>${msg('Roles', { id: 'users.roles' })}</legend>
          <div class="checks">
            ${ROLES.map((r) => html`<label class="check"><input type="checkbox" name="roles" value=${r} ?checked=${user?.roles.includes(r) ?? false} />${roleLabel(r)}</label>`)}
          </div>
          ${this.form.errorLine('roles')}
        </fieldset>
        ${this.form.field('password', msg('Password', { id: 'users.password' }),
          html`<input id="password" name="password" type="password" autocomplete="new-password" aria-invalid=${this.form.invalid('password')} aria-describedby="password-hint password-error" />`,
          user
            ? msg('Leave empty to keep the current password. A new password ends this person’s sessions.', { id: 'users.passwordHintEdit' })
            : msg('Leave empty for someone who is only inspected and never signs in.', { id: 'users.passwordHintNew' }))}
        ${user
          ? html`<div class="checks">
              ${user.canSignIn ? html`<label class="check"><input type="checkbox" name="removePassword" />${msg('No sign-in (remove the password)', { id: 'users.removePassword' })}</label>` : nothing}
              <label class="check"><input type="checkbox" name="active" ?checked=${user.active} />${msg('Active', { id: 'users.activeLabel' })}</label>
            </div>
            ${this.form.message('active') ? html`<span class="error">${this.form.error?.problem.detail}</span>` : nothing}`
          : nothing}
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href="/admin/users">${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-user-editor': QmsUserEditor
  }
}
