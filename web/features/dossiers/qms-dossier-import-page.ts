import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { ApiError, get, post, type Problem } from '../../api/client.ts'
import type { ImportJob, ImportReport, ImportRowError } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { dossierStyles } from './dossier-styles.ts'
import './qms-dossier-tabs.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

const JOB_KEY = 'qms.dossierImport.job'

/**
 * @summary Imports a one-stop-shop export (CSV or XLSX): checks it first (a dry run) and
 * shows every row error; only a clean file can be committed, all rows or none. Both run
 * as background jobs on the server; the page follows the job with a progress bar.
 */
@customElement('qms-dossier-import-page')
@localized()
export class QmsDossierImportPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    dossierStyles,
    css`
      .drop { border: 2px dashed var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-5); text-align: center; background: var(--qms-surface); }
      .drop.over { border-color: var(--qms-primary); background: var(--qms-primary-soft); }
      .drop input { max-width: 100%; }
      .summary { display: flex; flex-wrap: wrap; gap: var(--qms-space-3); }
      .progress { display: grid; gap: var(--qms-space-2); margin-top: var(--qms-space-4); }
      .progress progress { width: 100%; height: 1.25rem; }
    `,
  ]

  @state() private file?: File
  @state() private report?: ImportReport
  @state() private errors: ImportRowError[] = []
  /** The background import being followed (checking or importing), until it ends. */
  @state() private job?: ImportJob
  private readonly request = new FormController(this)
  @state() private over = false
  private following = 0

  override connectedCallback() {
    super.connectedCallback()
    // Coming back to the page while an import runs shows it again.
    const id = sessionStorage.getItem(JOB_KEY)
    if (id) void this.follow(id)
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.following++
  }

  private choose(file: File | undefined) {
    this.file = file
    this.report = undefined
    this.errors = []
    this.job = undefined
    this.following++
    this.request.clear()
    if (file) void this.send(true)
  }

  private handleChange(event: Event) {
    this.choose((event.target as HTMLInputElement).files?.[0])
  }

  private handleDrop(event: DragEvent) {
    event.preventDefault()
    this.over = false
    this.choose(event.dataTransfer?.files?.[0])
  }

  private async send(dryRun: boolean) {
    if (!this.file) return
    const form = new FormData()
    form.set('file', this.file)
    form.set('dryRun', String(dryRun))
    this.report = undefined
    const job = await this.request.run(() => post<ImportJob>('/api/dossiers/imports', form))
    if (job) await this.follow(job.id, job)
  }

  /** Reads the job every half second until it ends; then shows its report or its problem. */
  private async follow(id: string, first?: ImportJob) {
    const turn = ++this.following
    sessionStorage.setItem(JOB_KEY, id)
    let job = first
    await this.request.run(async () => {
      for (;;) {
        job ??= await get<ImportJob>(`/api/dossiers/imports/${id}`)
        if (turn !== this.following) return
        this.job = job
        if (job.status === 'done' || job.status === 'failed') break
        await new Promise((resolve) => setTimeout(resolve, 500))
        job = undefined
      }
      sessionStorage.removeItem(JOB_KEY)
      this.job = undefined
      if (job.status === 'done') {
        this.report = job.report ?? undefined
        this.errors = job.report?.errors ?? []
      } else {
        // The problem the import ended with: a refused file names its rows too.
        this.errors = job.problem?.rowErrors ?? []
        throw new ApiError(job.problem!.status, job.problem as Problem)
      }
    }).catch(() => {
      // The network failed while following: the job goes on on the server; coming back to the page follows it again.
      this.job = undefined
    })
    if (this.request.error?.status === 404) sessionStorage.removeItem(JOB_KEY)
  }

  private renderProgress(job: ImportJob) {
    const percent = Math.round(job.progress * 100)
    const phase =
      job.status === 'queued'
        ? msg(str`Waiting for its turn (${(job.queuePosition ?? 0) + 1} in the queue)`, { id: 'dossiers.import.queued' })
        : {
            queued: msg('Starting…', { id: 'dossiers.import.phase.queued' }),
            reading: msg(str`Reading the file: ${job.rowsRead} rows`, { id: 'dossiers.import.phase.reading' }),
            checking: msg(str`Checking ${job.rowsTotal ?? job.rowsRead} rows`, { id: 'dossiers.import.phase.checking' }),
            planning: msg('Comparing with the dossiers already recorded', { id: 'dossiers.import.phase.planning' }),
            writing: msg('Writing the dossiers', { id: 'dossiers.import.phase.writing' }),
            finished: msg('Finishing', { id: 'dossiers.import.phase.finished' }),
          }[job.phase]
    const label = job.dryRun ? msg(str`Checking ${job.filename}`, { id: 'dossiers.import.checkingFile' }) : msg(str`Importing ${job.filename}`, { id: 'dossiers.import.importingFile' })
    return html`<div class="progress" role="status">
      <label for="import-progress">${label}</label>
      <progress id="import-progress" max="100" .value=${percent}>${percent} %</progress>
      <span class="muted">${phase} · ${percent} %</span>
    </div>`
  }

  override render() {
    const r = this.report
    return html`
      <h1>${msg('Import dossiers', { id: 'dossiers.import.title' })}</h1>
      <qms-dossier-tabs current="/dossiers/import"></qms-dossier-tabs>
      <p class="lead">${msg('Import the export of the one-stop-shop system (CSV or XLSX). The file is checked first; nothing is written until you confirm, and then all rows or none. A dossier already known by its code is updated, never duplicated.', { id: 'dossiers.import.intro' })}</p>
      <div class="drop ${this.over ? 'over' : ''}"
        @dragover=${(e: DragEvent) => { e.preventDefault(); this.over = true }}
        @dragleave=${() => (this.over = false)}
        @drop=${this.handleDrop}>
        <div class="field">
          <label for="file">${msg('Choose a file or drop it here', { id: 'dossiers.import.choose' })}</label>
          <input id="file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" @change=${this.handleChange} />
        </div>
      </div>
      ${this.job ? this.renderProgress(this.job) : this.request.busy ? html`<p role="status">${msg('Checking…', { id: 'dossiers.import.checking' })}</p>` : nothing}
      ${this.request.error ? html`<div class="form-error" role="alert">${this.request.error.problem.detail}</div>` : nothing}
      ${r
        ? html`<section class="card" aria-labelledby="result-title" style="margin-top: var(--qms-space-4)">
            <h2 id="result-title">${r.committed ? msg('Imported', { id: 'dossiers.import.done' }) : msg('Check result', { id: 'dossiers.import.checked' })}</h2>
            <div class="summary">
              <span class="chip">${msg(str`${r.rows} rows`, { id: 'dossiers.import.rows' })}</span>
              <span class="chip good">${msg(str`${r.created} new`, { id: 'dossiers.import.created' })}</span>
              <span class="chip">${msg(str`${r.updated} updated`, { id: 'dossiers.import.updated' })}</span>
              <span class="chip off">${msg(str`${r.unchanged} unchanged`, { id: 'dossiers.import.unchanged' })}</span>
              ${this.errors.length ? html`<span class="chip bad">${msg(str`${this.errors.length} errors`, { id: 'dossiers.import.errorCount' })}</span>` : nothing}
            </div>
            ${!r.committed && !this.errors.length
              ? html`<p><button class="primary" ?disabled=${this.request.busy} @click=${() => this.send(false)}>${msg('Import these rows', { id: 'dossiers.import.commit' })}</button></p>`
              : nothing}
            ${r.committed ? html`<p><a href="/dossiers/stats">${msg('See the statistics', { id: 'dossiers.import.toStats' })}</a></p>` : nothing}
          </section>`
        : nothing}
      ${this.errors.length ? this.renderErrors() : nothing}
      <p class="muted">${msg('Columns: code, procedureCode, applicantName, channel, receivedAt, and optionally dueAt, status, resolvedAt, returnedAt, rejectedAt, withdrawnAt, supplementRequestedAt, supplementReceivedAt, reason, note — or their Vietnamese headings (Mã hồ sơ, Mã thủ tục, Chủ hồ sơ, Hình thức nộp, Ngày tiếp nhận, …). Dates as dd/mm/yyyy hh:mm.', { id: 'dossiers.import.columns' })}</p>
    `
  }

  private renderErrors() {
    const l = { row: msg('Row', { id: 'dossiers.import.row' }), column: msg('Column', { id: 'dossiers.import.column' }), message: msg('Problem', { id: 'dossiers.import.message' }) }
    return html`<h2>${msg('Rows to correct', { id: 'dossiers.import.errors' })}</h2>
      <div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.row}</th><th>${l.column}</th><th>${l.message}</th></tr></thead>
        <tbody>${this.errors.map((e) => html`<tr><td data-label=${l.row}>${e.row}</td><td data-label=${l.column}>${e.column ?? '—'}</td><td data-label=${l.message}>${e.message}</td></tr>`)}</tbody>
      </table></div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-dossier-import-page': QmsDossierImportPage
  }
}
