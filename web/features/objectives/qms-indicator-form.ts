import { localized, msg } from '@lit/localize'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { post } from '../../api/client.ts'
import type { Indicator } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { buttonStyles, formStyles } from '../../styles/shared.ts'
import { CATEGORIES, categoryLabel } from '../checklist-templates/checklist-labels.ts'
import { FREQUENCIES, frequencyLabel, METRICS, metricLabel, type Metric } from './objective-labels.ts'

/**
 * @summary Adds an indicator to an objective: computed from the records (which figure,
 * and for inspections which checklist category) or entered by hand, how often, and its
 * target (a minimum, a maximum or both).
 * @event qms-indicator-added - detail: the new `Indicator`
 */
@customElement('qms-indicator-form')
@localized()
export class QmsIndicatorForm extends LitElement {
  static override styles = [buttonStyles, formStyles]

  @property() objectiveId = ''
  @state() private source: Indicator['source'] = 'computed'
  @state() private metric: Metric = 'dossiers_on_time'
  private readonly form = new FormController(this)

  private async handleSubmit(event: SubmitEvent) {
    event.preventDefault()
    const formElement = event.target as HTMLFormElement
    const data = new FormData(formElement)
    const text = (name: string) => String(data.get(name) ?? '').trim()
    const number = (name: string) => (text(name) === '' ? null : Number(text(name).replace(',', '.')))
    const body: Record<string, unknown> = {
      name: text('name'),
      source: this.source,
      frequency: text('frequency'),
      targetMin: number('targetMin'),
      targetMax: number('targetMax'),
    }
    if (this.source === 'computed') {
      body.metric = this.metric
      if (this.metric === 'inspection_pass_rate') body.category = text('category')
    } else body.measure = text('measure')
    await this.form.run(async () => {
      const indicator = await post<Indicator>(`/api/objectives/${this.objectiveId}/indicators`, body)
      formElement.reset()
      this.dispatchEvent(new CustomEvent('qms-indicator-added', { detail: indicator, bubbles: true, composed: true }))
    })
  }

  override render() {
    const f = this.form
    return html`<form @submit=${this.handleSubmit} novalidate>
      ${f.field('name', msg('Indicator', { id: 'objectives.indicator' }), html`<input id="name" name="name" aria-invalid=${f.invalid('name')} aria-describedby="name-error" />`)}
      <div class="grid-2">
        ${f.field('source', msg('Measured', { id: 'objectives.source' }),
          html`<select id="source" name="source" @change=${(e: Event) => (this.source = (e.target as HTMLSelectElement).value as Indicator['source'])}>
            <option value="computed" ?selected=${this.source === 'computed'}>${msg('From the records', { id: 'objectives.source.computed' })}</option>
            <option value="manual" ?selected=${this.source === 'manual'}>${msg('Entered by hand', { id: 'objectives.source.manual' })}</option>
          </select>`)}
        ${this.source === 'computed'
          ? f.field('metric', msg('Figure', { id: 'objectives.metric' }),
              html`<select id="metric" name="metric" aria-invalid=${f.invalid('metric')} aria-describedby="metric-error" @change=${(e: Event) => (this.metric = (e.target as HTMLSelectElement).value as Metric)}>
                ${METRICS.map((m) => html`<option value=${m} ?selected=${this.metric === m}>${metricLabel(m)}</option>`)}
              </select>`)
          : f.field('measure', msg('Unit of measure', { id: 'objectives.measure' }),
              html`<select id="measure" name="measure" aria-invalid=${f.invalid('measure')} aria-describedby="measure-error">
                <option value="percent">${msg('Percent (%)', { id: 'objectives.measure.percent' })}</option>
                <option value="count">${msg('Count', { id: 'objectives.measure.count' })}</option>
              </select>`)}
        ${this.source === 'computed' && this.metric === 'inspection_pass_rate'
          ? f.field('category', msg('Checklist category', { id: 'objectives.category' }),
              html`<select id="category" name="category" aria-invalid=${f.invalid('category')} aria-describedby="category-error">
                ${CATEGORIES.map((c) => html`<option value=${c}>${categoryLabel(c)}</option>`)}
              </select>`)
          : nothing}
        ${f.field('frequency', msg('Frequency', { id: 'objectives.frequency' }),
          html`<select id="frequency" name="frequency">${FREQUENCIES.map((q) => html`<option value=${q} ?selected=${q === 'quarter'}>${frequencyLabel(q)}</option>`)}</select>`)}
        ${f.field('targetMin', msg('Target: at least', { id: 'objectives.targetMin' }),
          html`<input id="targetMin" name="targetMin" inputmode="decimal" aria-invalid=${f.invalid('targetMin')} aria-describedby="targetMin-error" />`)}
        ${f.field('targetMax', msg('Target: at most', { id: 'objectives.targetMax' }),
          html`<input id="targetMax" name="targetMax" inputmode="decimal" aria-invalid=${f.invalid('targetMax')} aria-describedby="targetMax-error" />`)}
      </div>
      ${f.renderError()}
      <div class="actions"><button class="primary" type="submit" ?disabled=${f.busy}>${msg('Add the indicator', { id: 'objectives.addIndicator' })}</button></div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-indicator-form': QmsIndicatorForm
  }
}
