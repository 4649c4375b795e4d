import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { get, patch, post } from '../../api/client.ts'
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
 * as a draft; tasks are added on its page. With `planId` it changes that plan (If-Match:
 * a stale version is said so).
 * @event qms-navigate - detail `{ to }`: the plan's page after saving
 */
@customElement('qms-plan-form')
@localized()
export class QmsPlanForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, planStyles]

  /** The plan to change; a new plan without it. */
  @property() planId = ''
  private readonly form = new FormController(this)
  private readonly plan = new Task(this, { task: ([id], { signal }) => (id ? get<PlanDetail>(`/api/plans/${id}`, { signal }) : Promise.resolve(undefined)), args: () => [this.planId] as const })
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
      const current = this.plan.value
      if (text('basis')) body.basis = text('basis')
      else if (current?.basis) body.basis = null
      if (attachmentId) body.attachmentId = attachmentId
      const plan = current ? await patch<PlanDetail>(`/api/plans/${current.id}`, body, { ifMatch: current.version }) : await post<PlanDetail>('/api/plans', body)
      this.form.navigate(`/plans/${plan.id}`)
    })
  }

  override render() {
    if (this.planId && !this.plan.value) return html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`
    const p = this.plan.value
    const values: Record<string, string> = p ? { year: String(p.year), number: p.number, title: p.title, basis: p.basis ?? '' } : {}
    const input = (name: string, label: string, attrs = '') =>
      this.form.field(name, label, html`<input id=${name} name=${name} inputmode=${attrs === 'numeric' ? 'numeric' : 'text'} .value=${values[name] ?? ''} aria-invalid=${this.form.invalid(name)} aria-describedby=${`${name}-error`} />`)
    const back = p ? `/plans/${p.id}` : '/plans'
    return html`<p><a href=${back}>${p ? msg('← The plan', { id: 'plans.backToPlan' }) : msg('← All plans', { id: 'plans.backToList' })}</a></p>
      <h1>${p ? msg('Change the plan', { id: 'plans.edit' }) : msg('New plan', { id: 'plans.new' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        <div class="grid-2">
          ${this.form.field('kind', msg('Kind', { id: 'plans.kind' }),
            html`<select id="kind" name="kind">${(['annual_reform', 'other'] as const).map((k) => html`<option value=${k} ?selected=${p?.kind === k}>${planKindLabel(k)}</option>`)}</select>`)}
          ${input('year', msg('Year', { id: 'plans.year' }), 'numeric')}
        </div>
        <div class="grid-2">
          ${input('number', msg('Number (e.g. 04/KH-BQL)', { id: 'plans.numberInput' }))}
          ${this.form.field('issuedOn', msg('Issued on', { id: 'plans.issuedOn' }),
            html`<qms-date-input field-id="issuedOn" name="issuedOn" .value=${p?.issuedOn ?? ''} invalid=${this.form.invalid('issuedOn')} describedby="issuedOn-error"></qms-date-input>`)}
        </div>
        ${input('title', msg('Title', { id: 'plans.titleInput' }))}
        ${input('basis', msg('Implements (optional), e.g. Kế hoạch số 424/KH-UBND ngày 16/12/2019 của UBND tỉnh', { id: 'plans.basisInput' }))}
        ${this.form.field('issuingUnitId', msg('Issuing unit', { id: 'plans.issuingUnit' }),
          html`<select id="issuingUnitId" name="issuingUnitId" aria-invalid=${this.form.invalid('issuingUnitId')} aria-describedby="issuingUnitId-error">
            ${(this.units.value ?? []).map((u) => html`<option value=${u.id} ?selected=${p?.issuingUnit.id === u.id}>${indentedName(u)}</option>`)}
          </select>`)}
        ${this.form.field('file', msg('Signed plan (PDF, optional)', { id: 'plans.fileInput' }),
          html`<input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png" />`)}
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href=${back}>${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-plan-form': QmsPlanForm
  }
}
