import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { css, html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, patch, post } from '../../api/client.ts'
import type { NarrativeKey, ReportDraftDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { formatDate } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { reportDraftStatusLabel } from './report-labels.ts'
import './qms-report-issue-form.ts'
import './qms-report-preview.ts'

const KEYS: NarrativeKey[] = ['propaganda', 'direction', 'conclusions', 'nextPeriod']

/**
 * @summary One half-year report: its narrative to write (managers, while a draft) beside
 * a live preview of the whole report (the figures computed from the records, the plan's
 * results and next tasks), then approve, reopen or issue it with number, date and signer,
 * and download it as PDF, DOCX or XLSX. An issued report is frozen: read-only.
 */
@customElement('qms-report-draft-page')
@localized()
export class QmsReportDraftPage extends LitElement {
  static override styles = [
    pageStyles,
    buttonStyles,
    formStyles,
    css`
      .layout { display: grid; gap: var(--qms-space-4); grid-template-columns: minmax(0, 1fr); }
      @media (min-width: 1100px) { .layout { grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); align-items: start; } }
      textarea { min-height: 6rem; }
      .downloads { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); }
    `,
  ]

  @property() draftId = ''
  @state() private draft?: ReportDraftDetail
  /** The narrative as typed, not yet saved. */
  @state() private typed: Partial<Record<NarrativeKey, string>> = {}
  private readonly form = new FormController(this)

  private readonly loader = new Task(this, {
    task: async ([id], { signal }) => this.show(await get<ReportDraftDetail>(`/api/reports/par-drafts/${id}`, { signal })),
    args: () => [this.draftId] as const,
  })

  private show(draft: ReportDraftDetail) {
    this.draft = draft
    this.typed = {}
    return draft
  }

  private label(key: NarrativeKey) {
    switch (key) {
      case 'propaganda':
        return msg('Propaganda on administrative reform', { id: 'reports.draft.propaganda' })
      case 'direction':
        return msg('Direction, administration and checks', { id: 'reports.draft.direction' })
      case 'conclusions':
        return msg('Overall assessment', { id: 'reports.draft.conclusions' })
      case 'nextPeriod':
        return msg('Directions for the next period (introduction; the plan’s open tasks follow)', { id: 'reports.draft.nextPeriod' })
    }
  }

  private async save() {
    const d = this.draft!
    await this.form.run(async () => this.show(await patch<ReportDraftDetail>(`/api/reports/par-drafts/${d.id}`, { ...this.typed }, { ifMatch: d.version })), {
      success: msg('Saved.', { id: 'reports.draft.saved' }),
    })
  }

  private async move(op: 'approve' | 'reopen') {
    const d = this.draft!
    await this.form.run(async () => this.show(await post<ReportDraftDetail>(`/api/reports/par-drafts/${d.id}/${op}`, {}, { ifMatch: d.version })))
  }

  override render() {
    return html`<p><a href="/reports/drafts">${msg('← All reports', { id: 'reports.draft.back' })}</a></p>
      ${this.loader.render({
        pending: () => (this.draft ? this.renderDraft(this.draft) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: () => (this.draft ? this.renderDraft(this.draft) : nothing),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderDraft(d: ReportDraftDetail) {
    const editable = d.allowedActions.includes('update')
    const file = (format: string) => `/api/reports/par-drafts/${d.id}/file?format=${format}`
    const dirty = Object.keys(this.typed).length > 0
    return html`<h1>
        ${d.number ? msg(str`Report ${d.number} of ${formatDate(d.issuedOn)}`, { id: 'reports.draft.numbered' }) : msg(str`Report for ${d.periodLabel}`, { id: 'reports.draft.unnumbered' })}
      </h1>
      <p class="lead">
        ${msg(str`From ${formatDate(d.from)} to ${formatDate(d.to)}`, { id: 'dashboard.period' })}
        ${d.plan ? html` · ${msg(str`Plan ${d.plan.number}`, { id: 'reports.draft.plan' })}` : nothing}
        · <span class="badge" data-testid="report-status">${reportDraftStatusLabel(d.status)}</span>
      </p>
      <div class="actions">
        ${d.allowedActions.includes('approve') ? html`<button ?disabled=${this.form.busy || dirty} @click=${() => this.move('approve')}>${msg('Approve', { id: 'reports.draft.approve' })}</button>` : nothing}
        ${d.allowedActions.includes('reopen') ? html`<button ?disabled=${this.form.busy} @click=${() => this.move('reopen')}>${msg('Reopen to change', { id: 'reports.draft.reopen' })}</button>` : nothing}
        <a class="button" href=${file('html')} target="_blank" rel="noopener">${msg('Open to print (A4)', { id: 'reports.print' })}</a>
      </div>
      ${this.form.renderError()}
      <div class="downloads">
        <a class="button" href=${file('pdf')} download data-format="pdf">${msg('Download PDF', { id: 'reports.pdf' })}</a>
        <a class="button" href=${file('docx')} download data-format="docx">${msg('Download DOCX (Word)', { id: 'reports.docx' })}</a>
        <a class="button" href=${file('xlsx')} download data-format="xlsx">${msg('Download XLSX', { id: 'reports.xlsx' })}</a>
      </div>
      ${d.allowedActions.includes('issue') ? html`<qms-report-issue-form .draft=${d} @qms-changed=${(e: CustomEvent<ReportDraftDetail>) => this.show(e.detail)}></qms-report-issue-form>` : nothing}
      <div class="layout">
        ${editable
          ? html`<form class="card" @submit=${(e: Event) => (e.preventDefault(), this.save())} novalidate>
              <h2>${msg('Narrative', { id: 'reports.draft.narrative' })}</h2>
              ${KEYS.map((k) =>
                this.form.field(k, this.label(k), html`<textarea id=${k} name=${k} rows="6" .value=${this.typed[k] ?? d[k]} @input=${(e: Event) => (this.typed = { ...this.typed, [k]: (e.target as HTMLTextAreaElement).value })}></textarea>`),
              )}
              <div class="actions"><button class="primary" type="submit" ?disabled=${this.form.busy || !dirty}>${msg('Save', { id: 'common.save' })}</button></div>
            </form>`
          : nothing}
        <div class="card"><qms-report-preview .report=${d.report} .narrative=${this.typed}></qms-report-preview></div>
      </div>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-report-draft-page': QmsReportDraftPage
  }
}
