import { localized, msg } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ApiError } from '../../api/client.ts'
import '../../app/qms-language-switch.ts'
import { session } from '../../app/session.ts'
import { buttonStyles, formStyles } from '../../styles/shared.ts'

/**
 * @summary The sign-in page, with the language switch.
 */
@customElement('qms-login-page')
@localized()
export class QmsLoginPage extends LitElement {
  static override styles = [
    buttonStyles,
    formStyles,
    css`
      :host { display: grid; place-items: center; min-height: 100vh; padding: var(--qms-space-4); }
      .panel { width: 100%; max-width: 400px; background: var(--qms-surface); border-radius: var(--qms-radius); box-shadow: var(--qms-shadow); padding: var(--qms-space-5); border: 1px solid var(--qms-border); }
      .top { display: flex; justify-content: space-between; align-items: center; margin-bottom: var(--qms-space-4); gap: var(--qms-space-2); flex-wrap: wrap; }
      .brand { font-weight: 700; color: var(--qms-primary); font-size: 1.2rem; }
      h1 { font-size: 1.4rem; margin: 0 0 var(--qms-space-2); }
      p { color: var(--qms-muted); margin: 0 0 var(--qms-space-4); }
      button.primary { width: 100%; }
      .notice { background: var(--qms-warning-soft); color: var(--qms-warning); padding: var(--qms-space-3); border-radius: var(--qms-radius); margin-bottom: var(--qms-space-4); }
    `,
  ]

  /** The previous session ended (shown as a notice). */
  @property({ type: Boolean }) expired = false
  @state() private error = ''
  @state() private busy = false

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    this.busy = true
    this.error = ''
    try {
      await session.login(String(data.get('username') ?? ''), String(data.get('password') ?? ''))
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.error = msg('The username or password is not correct.', { id: 'auth.failed' })
      else if (err instanceof ApiError && err.status === 429) this.error = msg('Too many failed sign-ins. Wait a while and try again.', { id: 'auth.throttled' })
      else this.error = msg('Could not sign in. Please try again.', { id: 'auth.error' })
    } finally {
      this.busy = false
    }
  }

  override render() {
    // The page's landmarks: the sign-in form is the main content; the brand and language switch its header.
    return html`<main class="panel" aria-labelledby="login-title">
      <header class="top"><span class="brand">QMS Tracker</span><qms-language-switch></qms-language-switch></header>
      <h1 id="login-title">${msg('Sign in', { id: 'auth.title' })}</h1>
      <p>${msg('ISO 9001:2015 quality management and civil-service inspection.', { id: 'auth.intro' })}</p>
      ${this.expired ? html`<div class="notice" role="status">${msg('Your session has ended. Please sign in again.', { id: 'auth.expired' })}</div>` : nothing}
      <form @submit=${this.handleSubmit} novalidate>
        <div class="field">
          <label for="username">${msg('Username', { id: 'auth.username' })}</label>
          <input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required />
        </div>
        <div class="field">
          <label for="password">${msg('Password', { id: 'auth.password' })}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        ${this.error ? html`<div class="form-error" role="alert">${this.error}</div>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>
          ${this.busy ? msg('Signing in…', { id: 'auth.submitting' }) : msg('Sign in', { id: 'auth.submit' })}
        </button>
      </form>
    </main>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-login-page': QmsLoginPage
  }
}
