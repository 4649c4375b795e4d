import { localized, msg, str } from '@lit/localize'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import type { ReportDraftDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { confirmStep } from '../../app/qms-confirm-dialog.ts'
import { formatDate, todayIso } from '../../i18n/localization.ts'
import { buttonStyles, formStyles } from '../../styles/shared.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary Issues an approved report (managers): its number (173, or 173/BC-BQL), the
 * date of issue, the signer's title and name, and the recipients (one a line). The place
 * before the date is the agency's. Once issued the report is frozen.
 * @event qms-changed - detail: the issued report (ReportDraftDetail)
 */
@customElement('qms-report-issue-form')
@localized()
export class QmsReportIssueForm extends LitElement {
  static override styles = [buttonStyles, formStyles]

  @property({ attribute: false }) draft?: ReportDraftDetail
  private readonly form = new FormController(this)

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const draft = this.draft!
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    // Issuing freezes the report for good: asked once more, naming it (missing fields are the server's 400 first).
    if (text('number') && text('issuedOn') && text('signerName')) {
      const confirmed = await confirmStep({
        heading: msg(str`Issue report ${text('number')} of ${formatDate(text('issuedOn'))} for ${draft.periodLabel}?`, { id: 'reports.draft.confirmIssue.heading' }),
        consequence: msg('The report will be issued and frozen: its text, figures, number and signer can no longer change, and this cannot be undone.', { id: 'reports.draft.confirmIssue.consequence' }),
        confirmLabel: msg('Issue', { id: 'reports.draft.issue' }),
      })
      if (!confirmed) return
    }
    await this.form.run(async () => {
      const issued = await post<ReportDraftDetail>(
        `/api/reports/par-drafts/${draft.id}/issue`,
        {
          number: text('number'),
          issuedOn: text('issuedOn'),
          signerTitle: text('signerTitle'),
          signerName: text('signerName'),
          recipients: text('recipients').split('\n').map((l) => l.trim()).filter(Boolean),
        },
        { ifMatch: draft.version },
      )
      this.dispatchEvent(new CustomEvent('qms-changed', { detail: issued, bubbles: true, composed: true }))
    }, { success: msg('Report issued.', { id: 'reports.draft.issued' }) })
  }

  override render() {
    const f = this.form
    return html`<form class="card" @submit=${this.handleSubmit} novalidate aria-label=${msg('Issue the report', { id: 'reports.draft.issueTitle' })}>
      <h2>${msg('Issue the report', { id: 'reports.draft.issueTitle' })}</h2>
      <div class="grid-2">
        ${f.field('number', msg('Number (e.g. 173 or 173/BC-BQL)', { id: 'reports.draft.number' }),
          html`<input id="number" name="number" aria-invalid=${f.invalid('number')} aria-describedby="number-error" />`)}
        ${f.field('issuedOn', msg('Date of issue', { id: 'reports.draft.issuedOn' }),
          html`<qms-date-input field-id="issuedOn" name="issuedOn" .value=${todayIso()} invalid=${f.invalid('issuedOn')} describedby="issuedOn-error"></qms-date-input>`)}
      </div>
      ${f.field('signerTitle', msg('Signer’s title (one line each, e.g. KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN)', { id: 'reports.draft.signerTitle' }),
        html`<textarea id="signerTitle" name="signerTitle" rows="2" aria-invalid=${f.invalid('signerTitle')} aria-describedby="signerTitle-error"></textarea>`)}
      ${f.field('signerName', msg('Signer’s name', { id: 'reports.draft.signerName' }),
        html`<input id="signerName" name="signerName" aria-invalid=${f.invalid('signerName')} aria-describedby="signerName-error" />`)}
      ${f.field('recipients', msg('Recipients (Nơi nhận), one a line', { id: 'reports.draft.recipients' }),
        html`<textarea id="recipients" name="recipients" rows="4" aria-invalid=${f.invalid('recipients')} aria-describedby="recipients-error"></textarea>`)}
      ${f.renderError()}
      <div class="actions"><button class="primary" type="submit" ?disabled=${f.busy}>${msg('Issue', { id: 'reports.draft.issue' })}</button></div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-report-issue-form': QmsReportIssueForm
  }
}
