import { localized, msg, str } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { ApiError, get } from '../../api/client.ts'
import { buttonStyles, pageStyles } from '../../styles/shared.ts'

/**
 * @summary For administrators: download a backup of the embedded database while it runs.
 * The file is fetched first and saved only when the server sent it whole, so a refusal
 * (on PostgreSQL: use pg_dump) shows as a message instead of a saved error page.
 */
@customElement('qms-backup-page')
@localized()
export class QmsBackupPage extends LitElement {
  static override styles = [pageStyles, buttonStyles]

  @state() private busy = false
  @state() private error = ''
  @state() private saved = ''

  private async download() {
    this.busy = true
    this.error = ''
    this.saved = ''
    try {
      const file = await get<Blob>('/api/backup', { blob: true })
      const name = `qms-backup-${new Date().toISOString().slice(0, 10)}.tar.gz`
      const a = document.createElement('a')
      a.href = URL.createObjectURL(file)
      a.download = name
      a.click()
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000)
      this.saved = name
    } catch (err) {
      this.error = err instanceof ApiError ? err.problem.detail ?? err.message : String(err)
    } finally {
      this.busy = false
    }
  }

  override render() {
    return html`
      <h1>${msg('Database backup', { id: 'backup.title' })}</h1>
      <p class="lead">
        ${msg('Download a copy of the whole embedded database while the server runs. Other work waits for the few seconds it takes. Each download is recorded in the audit log.', { id: 'backup.lead' })}
      </p>
      <p>${msg('To restore: stop the server, move the old data folder aside, run npm run db:restore -- <file>, then npm start (docs/operations.md, Backups).', { id: 'backup.restore' })}</p>
      <button class="primary" ?disabled=${this.busy} @click=${this.download}>
        ${this.busy ? msg('Backing up…', { id: 'backup.working' }) : msg('Download a backup', { id: 'backup.download' })}
      </button>
      <p role="status">${this.saved ? msg(str`Downloaded ${this.saved}`, { id: 'backup.done' }) : nothing}</p>
      ${this.error ? html`<p role="alert" class="error">${this.error}</p>` : nothing}
    `
  }
}
