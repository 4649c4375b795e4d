import { localized, msg } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement } from 'lit'
import { customElement } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import { indentedName, loadActiveUsers, loadAllOrgUnits } from '../../api/loaders.ts'
import type { RiskDetail } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { SessionController } from '../../app/session.ts'
import { buttonStyles, formStyles, pageStyles } from '../../styles/shared.ts'
import { impactLabel, KINDS, kindLabel, likelihoodLabel, SCALE } from './risk-labels.ts'
import { riskStyles } from './risk-styles.ts'
import '../../app/qms-date-input.ts'

/**
 * @summary Records a risk or opportunity with its first assessment: what it is, where
 * (a process, a unit, or both), cause and effect, likelihood and impact, its owner and
 * when it is next reviewed. The unit and owner start as the reader's own.
 * @event qms-navigate - detail `{ to }`: the risk's page after saving
 */
@customElement('qms-risk-form')
@localized()
export class QmsRiskForm extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, riskStyles]

  private readonly form = new FormController(this)
  private readonly session = new SessionController(this)
  private readonly units = new Task(this, { task: (_a, { signal }) => loadAllOrgUnits(signal), args: () => [] })
  private readonly people = new Task(this, { task: (_a, { signal }) => loadActiveUsers(undefined, signal), args: () => [] })

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const body: Record<string, unknown> = {
      kind: text('kind'),
      title: text('title'),
      cause: text('cause'),
      effect: text('effect'),
      likelihood: Number(text('likelihood')),
      impact: Number(text('impact')),
      ownerId: text('ownerId'),
      process: text('process') || null,
      orgUnitId: text('orgUnitId') || null,
    }
    if (text('reviewDate')) body.reviewDate = text('reviewDate')
    if (text('note')) body.note = text('note')
    await this.form.run(async () => {
      const risk = await post<RiskDetail>('/api/risks', body)
      this.form.navigate(`/risks/${risk.id}`)
    })
  }

  private scaleSelect(name: 'likelihood' | 'impact', label: string, describe: (n: number) => string) {
    return this.form.field(name, label,
      html`<select id=${name} name=${name} aria-invalid=${this.form.invalid(name)} aria-describedby=${`${name}-error`}>
        ${SCALE.map((n) => html`<option value=${n} ?selected=${n === 3}>${n} — ${describe(n)}</option>`)}
      </select>`)
  }

  override render() {
    const me = this.session.info?.user
    const text = (name: string, label: string, rows = 0) =>
      this.form.field(name, label, rows
        ? html`<textarea id=${name} name=${name} rows=${rows} aria-invalid=${this.form.invalid(name)} aria-describedby=${`${name}-error`}></textarea>`
        : html`<input id=${name} name=${name} aria-invalid=${this.form.invalid(name)} aria-describedby=${`${name}-error`} />`)
    return html`<p><a href="/risks">${msg('← All risks and opportunities', { id: 'risks.backToList' })}</a></p>
      <h1>${msg('Record a risk or opportunity', { id: 'risks.new' })}</h1>
      <form class="card" @submit=${this.handleSubmit} novalidate>
        <div class="grid-2">
          ${this.form.field('kind', msg('Kind', { id: 'risks.kind' }),
            html`<select id="kind" name="kind">${KINDS.map((k) => html`<option value=${k}>${kindLabel(k)}</option>`)}</select>`)}
          ${this.form.field('orgUnitId', msg('Unit', { id: 'risks.unit' }),
            html`<select id="orgUnitId" name="orgUnitId" aria-invalid=${this.form.invalid('orgUnitId')} aria-describedby="orgUnitId-error">
              <option value="">${msg('— None —', { id: 'common.none' })}</option>
              ${(this.units.value ?? []).map((u) => html`<option value=${u.id} ?selected=${u.id === me?.orgUnitId}>${indentedName(u)}</option>`)}
            </select>`)}
        </div>
        ${text('title', msg('Risk or opportunity', { id: 'risks.titleColumn' }))}
        ${text('process', msg('Process (optional when a unit is given)', { id: 'risks.processInput' }))}
        <div class="grid-2">
          ${text('cause', msg('Cause', { id: 'risks.cause' }), 3)}
          ${text('effect', msg('Effect', { id: 'risks.effect' }), 3)}
        </div>
        <div class="grid-2">
          ${this.scaleSelect('likelihood', msg('Likelihood', { id: 'risks.likelihood' }), likelihoodLabel)}
          ${this.scaleSelect('impact', msg('Impact', { id: 'risks.impact' }), impactLabel)}
        </div>
        ${text('note', msg('Assessment note (optional)', { id: 'risks.noteInput' }), 2)}
        <div class="grid-2">
          ${this.form.field('ownerId', msg('Owner', { id: 'risks.owner' }),
            html`<select id="ownerId" name="ownerId" aria-invalid=${this.form.invalid('ownerId')} aria-describedby="ownerId-error">
              ${(this.people.value ?? []).map((u) => html`<option value=${u.id} ?selected=${u.id === me?.id}>${u.fullName}${u.orgUnit ? ` — ${u.orgUnit.name}` : ''}</option>`)}
            </select>`)}
          ${this.form.field('reviewDate', msg('Next review (optional)', { id: 'risks.reviewDateInput' }),
            html`<qms-date-input field-id="reviewDate" name="reviewDate" invalid=${this.form.invalid('reviewDate')} describedby="reviewDate-error"></qms-date-input>`)}
        </div>
        ${this.form.renderError()}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Save', { id: 'common.save' })}</button>
          <a class="button" href="/risks">${msg('Cancel', { id: 'common.cancel' })}</a>
        </div>
      </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-risk-form': QmsRiskForm
  }
}
