import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { get, post, type Page } from '../../api/client.ts'
import { loadActiveUsers } from '../../api/loaders.ts'
import type { ApiToken } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { confirmStep } from '../../app/qms-confirm-dialog.ts'
import { showToast } from '../../app/qms-toast.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import '../../app/qms-date-input.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/**
 * @summary API tokens for integrations (administrators): create one (its secret shown
 * once), list, revoke.
 */
@customElement('qms-api-tokens-page')
@localized()
export class QmsApiTokensPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    css`
      .secret { background: var(--qms-success-soft); border: 1px solid var(--qms-success); border-radius: var(--qms-radius); padding: var(--qms-space-4); margin-bottom: var(--qms-space-4); }
      .secret code { display: block; word-break: break-all; font-size: 0.95rem; margin: var(--qms-space-2) 0; }
    `,
  ]

  @state() private creating = false
  @state() private secret = ''
  @state() private copied = false
  private readonly form = new FormController(this)
  @state() private includeRevoked = false

  private readonly tokens = new Task(this, {
    task: ([includeRevoked], { signal }) => get<Page<ApiToken>>('/api/api-tokens', { query: { includeRevoked, limit: 500 }, signal }),
    args: () => [this.includeRevoked] as const,
  })

  private readonly users = new Task(this, {
    task: (_a, { signal }) => loadActiveUsers(undefined, signal),
    args: () => [],
  })

  // The server's own defaults, so the hint and the latest date allowed are never out of date.
  private readonly limits = new Task(this, {
    task: (_a, { signal }) => get<{ defaultDays: number; maxDays: number }>('/api/api-tokens/limits', { signal }),
    args: () => [],
  })

  private latestExpiry(maxDays: number): string {
    const d = new Date()
    d.setDate(d.getDate() + maxDays)
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  }

  private async handleCreate(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const expires = String(data.get('expiresAt') ?? '')
    await this.form.run(async () => {
      const created = await post<ApiToken & { token: string }>('/api/api-tokens', {
        name: String(data.get('name') ?? '').trim(),
        userId: String(data.get('userId') ?? '') || undefined,
        scope: String(data.get('scope') ?? 'read') as ApiToken['scope'],
        expiresAt: expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined,
      })
      this.secret = created.token
      this.copied = false
      this.creating = false
      void this.tokens.run()
    })
  }

  private async handleRevoke(token: ApiToken) {
    const confirmed = await confirmStep({
      heading: msg(str`Revoke the API token “${token.name}” (${token.tokenPrefix}…)?`, { id: 'apiTokens.confirmRevoke.heading' }),
      consequence: msg(str`Systems using it lose access at once, acting as ${token.username}. A revoked token cannot be restored: give them a new one if needed.`, { id: 'apiTokens.confirmRevoke.consequence' }),
      confirmLabel: msg('Revoke', { id: 'apiTokens.revoke' }),
    })
    if (!confirmed) return
    await post(`/api/api-tokens/${token.id}/revoke`, {}, { ifMatch: token.version })
    showToast(msg('Token revoked.', { id: 'apiTokens.revokedToast' }))
    void this.tokens.run()
  }

  private async handleCopy() {
    await navigator.clipboard.writeText(this.secret)
    this.copied = true
  }

  override render() {
    return html`
      <h1>${msg('API tokens', { id: 'apiTokens.title' })}</h1>
      <p class="lead">${msg('Let other systems (e.g. the one-stop-shop software) call the API on behalf of a user, with exactly that user’s rights. The secret is shown once, when created.', { id: 'apiTokens.intro' })}</p>
      ${this.secret
        ? html`<div class="secret" role="status">
            <strong>${msg('Secret token: copy it now, it will not be shown again', { id: 'apiTokens.secretTitle' })}</strong>
            <code>${this.secret}</code>
            <button @click=${this.handleCopy}>${msg('Copy', { id: 'apiTokens.copy' })}</button>
            ${this.copied ? html`<span>${msg('Copied.', { id: 'apiTokens.copied' })}</span>` : nothing}
          </div>`
        : nothing}
      <div class="toolbar">
        <button class="primary" @click=${() => (this.creating = true)}>${msg('New token', { id: 'apiTokens.new' })}</button>
        <label class="check"><input type="checkbox" .checked=${this.includeRevoked} @change=${(e: Event) => (this.includeRevoked = (e.target as HTMLInputElement).checked)} />
          ${msg('Show revoked tokens', { id: 'apiTokens.showRevoked' })}</label>
      </div>
      ${this.creating ? this.renderForm() : nothing}
      ${this.tokens.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (page) => this.renderTable(page.items),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
    `
  }

  private renderForm() {
    const nameError = this.form.message('name')
    const general = this.form.error && !this.form.error.problem.errors?.length ? this.form.error.problem.detail : this.form.message('expiresAt')
    return html`<form class="card" @submit=${this.handleCreate} novalidate>
      <div class="grid-2">
        <div class="field">
          <label for="name">${msg('Purpose', { id: 'apiTokens.name' })}</label>
          <input id="name" name="name" required maxlength="200" aria-invalid=${nameError ? 'true' : 'false'} />
          ${nameError ? html`<span class="error">${nameError}</span>` : nothing}
        </div>
        <div class="field">
          <label for="userId">${msg('Acts as user', { id: 'apiTokens.user' })}</label>
          <select id="userId" name="userId" required>
            <option value="" selected disabled>${msg('— choose a user —', { id: 'apiTokens.chooseUser' })}</option>
            ${(this.users.value ?? []).filter((u) => u.canSignIn).map((u) => html`<option value=${u.id}>${u.fullName} (${u.username})</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="scope">${msg('Access', { id: 'apiTokens.scope' })}</label>
          <select id="scope" name="scope">
            <option value="read" selected>${msg('Read only', { id: 'apiTokens.scopeRead' })}</option>
            <option value="read_write">${msg('Read and write', { id: 'apiTokens.scopeReadWrite' })}</option>
          </select>
        </div>
        <div class="field">
          <label for="expiresAt">${msg('Expires on', { id: 'apiTokens.expiresAt' })}</label>
          <qms-date-input field-id="expiresAt" name="expiresAt" describedby="expires-hint" max=${this.limits.value ? this.latestExpiry(this.limits.value.maxDays) : ''}></qms-date-input>
          <span class="hint" id="expires-hint">${this.limits.value
            ? msg(str`Leave empty for the default (${this.limits.value.defaultDays} days); at most ${this.limits.value.maxDays} days.`, { id: 'apiTokens.expiresHintDays' })
            : msg('Leave empty for the default (90 days); at most one year.', { id: 'apiTokens.expiresHint' })}</span>
        </div>
      </div>
      ${general ? html`<div class="form-error" role="alert">${general}</div>` : nothing}
      <div class="actions">
        <button class="primary" type="submit">${msg('Save', { id: 'common.save' })}</button>
        <button type="button" @click=${() => (this.creating = false)}>${msg('Cancel', { id: 'common.cancel' })}</button>
      </div>
    </form><br />`
  }

  private renderTable(tokens: ApiToken[]) {
    if (!tokens.length) return html`<p class="muted">${msg('Nothing here yet.', { id: 'common.empty' })}</p>`
    const l = {
      name: msg('Purpose', { id: 'apiTokens.name' }),
      prefix: msg('Token', { id: 'apiTokens.prefix' }),
      user: msg('Acts as user', { id: 'apiTokens.user' }),
      created: msg('Created', { id: 'apiTokens.created' }),
      used: msg('Last used', { id: 'apiTokens.lastUsed' }),
      expires: msg('Expires on', { id: 'apiTokens.expiresAt' }),
      scope: msg('Access', { id: 'apiTokens.scope' }),
    }
    return html`<div class="table-wrap" ${scrollRegion()}><table class="responsive">
      <thead><tr><th>${l.name}</th><th>${l.prefix}</th><th>${l.user}</th><th>${l.scope}</th><th>${l.created}</th><th>${l.used}</th><th>${l.expires}</th><th><span class="sr-only">${msg('Actions', { id: 'common.actions' })}</span></th></tr></thead>
      <tbody>${tokens.map(
        (t) => html`<tr>
          <td data-label=${l.name}>${t.name}</td>
          <td data-label=${l.prefix}><code>${t.tokenPrefix}…</code></td>
          <td data-label=${l.user}>${t.username}</td>
          <td data-label=${l.scope}>${t.scope === 'read' ? msg('Read only', { id: 'apiTokens.scopeRead' }) : msg('Read and write', { id: 'apiTokens.scopeReadWrite' })}</td>
          <td data-label=${l.created}>${formatDate(t.createdAt)}</td>
          <td data-label=${l.used}>${t.lastUsedAt ? formatDateTime(t.lastUsedAt) : msg('Never', { id: 'apiTokens.never' })}</td>
          <td data-label=${l.expires}>${t.expiresAt ? formatDate(t.expiresAt) : '—'}</td>
          <td>${t.revokedAt
            ? html`<span class="chip off">${msg('Revoked', { id: 'apiTokens.revoked' })}</span>`
            : html`<button class="danger" @click=${() => this.handleRevoke(t)}>${msg('Revoke', { id: 'apiTokens.revoke' })}</button>`}</td>
        </tr>`,
      )}</tbody>
    </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-api-tokens-page': QmsApiTokensPage
  }
}
