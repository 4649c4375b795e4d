import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { get, put } from '../../api/client.ts'
import type { MailPreferences } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'

type Category = 'assignment' | 'update' | 'reminder'

/**
 * @summary My mail settings: for each kind of notification, a mail at once, the 07:00
 * digest, or none; and the language of my mails. Saved only when the server says so.
 */
@customElement('qms-mail-preferences-page')
@localized()
export class QmsMailPreferencesPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    css`
      fieldset { border: 1px solid var(--qms-border); border-radius: var(--qms-radius); margin: 0 0 var(--qms-space-3); padding: var(--qms-space-3); }
      legend { font-weight: 600; padding: 0 var(--qms-space-1); }
      .hint { color: var(--qms-muted); font-size: 0.9rem; margin: 0 0 var(--qms-space-2); }
      .choices { display: flex; flex-wrap: wrap; gap: var(--qms-space-2) var(--qms-space-4); }
      .saved { color: var(--qms-success, #1b7a3a); }
    `,
  ]

  @state() private saved = false
  /** What the last save returned (newer than what the page loaded). */
  @state() private current?: MailPreferences
  private readonly form = new FormController(this)
  private readonly prefs = new Task(this, {
    task: ([], { signal }) => get<MailPreferences>('/api/me/mail-preferences', { signal }),
    args: () => [],
  })

  private async handleSave(event: SubmitEvent, current: MailPreferences) {
    event.preventDefault()
    this.saved = false
    const data = new FormData(event.target as HTMLFormElement)
    const body = {
      language: String(data.get('language')),
      assignment: String(data.get('assignment')),
      update: String(data.get('update')),
      reminder: String(data.get('reminder')),
    }
    const next = await this.form.run(() => put<MailPreferences>('/api/me/mail-preferences', body, { ifMatch: current.version }))
    if (next) {
      this.current = next
      this.saved = true
    } else if (this.form.stale) {
      this.current = undefined
      await this.prefs.run()
    }
  }

  override render() {
    return html`
      <h1>${msg('E-mail notifications', { id: 'mail.prefsTitle' })}</h1>
      ${this.prefs.render({
        pending: () => html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`,
        complete: (p) => this.renderForm(this.current ?? p),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}
    `
  }

  private renderForm(p: MailPreferences) {
    const categories: [Category, string, string][] = [
      [
        'assignment',
        msg('Work handed to me', { id: 'mail.assignment' }),
        msg('A revision to review or approve, an NC or action assigned to me, an inspection team, a complaint received.', { id: 'mail.assignmentHint' }),
      ],
      ['update', msg('Updates on what I started', { id: 'mail.update' }), msg('A revision approved or published, an NC verified, closed or cancelled.', { id: 'mail.updateHint' })],
      ['reminder', msg('Reminders', { id: 'mail.reminder' }), msg('Due dates, overdue work and escalations.', { id: 'mail.reminderHint' })],
    ]
    const modes: [string, string][] = [
      ['immediate', msg('At once', { id: 'mail.immediate' })],
      ['digest', msg('In the daily digest (07:00)', { id: 'mail.digest' })],
      ['off', msg('No mail (in the app only)', { id: 'mail.off' })],
    ]
    return html`
      ${p.mailEnabled
        ? nothing
        : html`<p class="lead" role="note">${msg('This server does not send e-mail yet (an administrator sets SMTP_URL and MAIL_FROM): your choices apply once it does.', { id: 'mail.serverOff' })}</p>`}
      <p>
        ${p.email
          ? html`${msg('Mails go to', { id: 'mail.goesTo' })} <strong>${p.email}</strong>.`
          : html`<span role="note">${msg('You have no e-mail address: ask an administrator to add one to your user.', { id: 'mail.noAddress' })}</span>`}
      </p>
      <form class="card" novalidate @submit=${(e: SubmitEvent) => this.handleSave(e, p)} @change=${() => (this.saved = false)}>
        ${categories.map(
          ([key, label, hint]) => html`<fieldset>
            <legend>${label}</legend>
            <p class="hint">${hint}</p>
            <div class="choices">
              ${modes.map(
                ([mode, text]) => html`<label class="check"><input type="radio" name=${key} value=${mode} ?checked=${p[key] === mode} /> ${text}</label>`,
              )}
            </div>
            ${this.form.errorLine(key)}
          </fieldset>`,
        )}
        <div class="field">
          <label for="language">${msg('Language of my mails', { id: 'mail.language' })}</label>
          <select id="language" name="language">
            <option value="vi" ?selected=${p.language === 'vi'}>Tiếng Việt</option>
            <option value="en" ?selected=${p.language === 'en'}>English</option>
          </select>
        </div>
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          ${this.saved ? html`<span class="saved" role="status">${msg('Saved.', { id: 'mail.saved' })}</span>` : nothing}
        </div>
      </form>
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-mail-preferences-page': QmsMailPreferencesPage
  }
}
