import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement } from 'lit'
import { customElement } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import { indentedName, loadAllOrgUnits } from '../../api/loaders.ts'
import type { Attachment, PlanDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { planKindLabel } from './plan-labels.ts'
import { planStyles } from './plan-styles.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary Records a plan (managers): kind, number and date, title, year, the
 * higher-level document it implements, the issuing unit and the signed file. It starts
 * as a draft; tasks are added on its page.
 * @event qms-navigate - detail `{ to }`: the plan's page after saving
 */
@customElement('qms-plan-form')
@localized()
export class QmsPlanForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, planStyles]

  private readonly form = new FormController(this)
  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const file = data.get('file')
    await this.form.run(async () => {
      let attachmentId: string | undefined
      if (file instanceof File && file.size) {
        const upload = new FormData()
        upload.append('file', file)
        attachmentId = (await post<Attachment>('/api/attachments', upload)).id
      }
      const body: Record<string, unknown> = { kind: text('kind'), number: text('number'), issuedOn: text('issuedOn'), title: text('title'), year: Number(text('year')), issuingUnitId: text('issuingUnitId') }
      if (text('basis')) body.basis = text('basis')
      if (attachmentId) body.attachmentId = attachmentId
      const plan = await post<PlanDetail>('/api/plans', body)
      this.form.navigate(`/plans/${plan.id}`)
    })
  }

  override render() {
    const input = (name: string, label: string, attrs = '') =>
      this.form.field(name, label, html`<input id=${name} name=${name} inputmode=${attrs === 'numeric' ? 'numeric' : 'text'} aria-invalid=${this.form.invalid(name)} aria-describedby=${`${name}-error`} />`)
    return html`<p><a href="/plans">${msg('← All plans', { id: 'plans.backToList' })}</a></p>
      <h1>${msg('New plan', { id: 'plans.new' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        <div class="grid-2">
          ${this.form.field('kind', msg('Kind', { id: 'plans.kind' }),
            html`<select id="kind" name="kind">${(['annual_reform', 'other'] as const).map((k) => html`<option value=${k}>${planKindLabel(k)}</option>`)}</select>`)}
          ${input('year', msg('Year', { id: 'plans.year' }), 'numeric')}
        </div>
        <div class="grid-2">
          ${input('number', msg('Number (e.g. 04/KH-BQL)', { id: 'plans.numberInput' }))}
          ${this.form.field('issuedOn', msg('Issued on', { id: 'plans.issuedOn' }),
            html`<qms-date-input field-id="issuedOn" name="issuedOn" invalid=${this.form.invalid('issuedOn')} describedby="issuedOn-error"></qms-date-input>`)}
        </div>
        ${input('title', msg('Title', { id: 'plans.titleInput' }))}
        ${input('basis', msg('Implements (optional), e.g. Kế hoạch số 424/KH-UBND ngày 16/12/2019 của UBND tỉnh', { id: 'plans.basisInput' }))}
        ${this.form.field('issuingUnitId', msg('Issuing unit', { id: 'plans.issuingUnit' }),
          html`<select id="issuingUnitId" name="issuingUnitId" aria-invalid=${this.form.invalid('issuingUnitId')} aria-describedby="issuingUnitId-error">
            ${(this.units.value ?? []).map((u) => html`<option value=${u.id}>${indentedName(u)}</option>`)}
          </select>`)}
        ${this.form.field('file', msg('Signed plan (PDF, optional)', { id: 'plans.fileInput' }),
          html`<input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png" />`)}
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href="/plans">${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plan-form': QmsPlanForm
  }
}
