import { localized, msg, str } from '@lit/localize'
import { Task } from '@lit/task'
import { html, LitElement, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { get, post, put } from '../../api/client.ts'
import type { Indicator, IndicatorPeriod, Nonconformity, Objective } from '../../api/types.ts'
import { FormController } from '../../app/form-controller.ts'
import { SessionController } from '../../app/session.ts'
import { formatDate, formatDateTime } from '../../i18n/localization.ts'
import { buttonStyles, formStyles, pageStyles, tableStyles } from '../../styles/shared.ts'
import { categoryLabel, type Category } from '../checklist-templates/checklist-labels.ts'
import { formatValue, frequencyLabel, metricLabel, periodLabel, targetState, targetText, trendText } from './objective-labels.ts'
import { objectiveStyles } from './objective-styles.ts'
import { newTaskHref } from '../plans/qms-plan-source-tasks.ts'
import './qms-indicator-form.ts'
import { scrollRegion } from '../../app/scroll-region.ts'

/**
 * @summary One quality objective: each indicator's periods of the year with their value,
 * on or off target and the trend; manual values entered per period; a nonconformity
 * opened from an off-target period; a frozen value recomputed (managers); indicators added.
 * @event qms-navigate - detail `{ to }`: the nonconformity opened from a period
 */
@customElement('qms-objective-page')
@localized()
export class QmsObjectivePage extends LitElement {
  static override styles = [pageStyles, buttonStyles, formStyles, tableStyles, objectiveStyles]

  @property() objectiveId = ''
  @state() private objective?: Objective
  private readonly session = new SessionController(this)
  private readonly form = new FormController(this)

  private readonly loader = new Task(this, {
    task: async ([id], { signal }) => {
      this.objective = await get<Objective>(`/api/objectives/${id}`, { signal })
      return this.objective
    },
    args: () => [this.objectiveId] as const,
  })

  private periodUrl(indicator: Indicator, period: string) {
    return `/api/objectives/${this.objectiveId}/indicators/${indicator.id}/periods/${period}`
  }

  private replace(indicator: Indicator, period: IndicatorPeriod) {
    const o = this.objective!
    this.objective = {
      ...o,
      indicators: o.indicators.map((i) => (i.id === indicator.id ? { ...i, periods: i.periods.map((p) => (p.period === period.period ? period : p)) } : i)),
    }
  }

  private async handleManualValue(event: SubmitEvent, indicator: Indicator) {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const key = String(data.get('period'))
    const current = indicator.periods.find((p) => p.period === key)
    const body = { value: Number(String(data.get('value') ?? '').replace(',', '.')), note: String(data.get('note') ?? '').trim() || null }
    await this.form.run(async () => {
      const period = await put<IndicatorPeriod>(this.periodUrl(indicator, key), body, current?.version ? { ifMatch: current.version } : {})
      this.replace(indicator, period)
    })
  }

  private async handleOpenNc(indicator: Indicator, period: IndicatorPeriod) {
    await this.form.run(async () => {
      const nc = await post<Nonconformity>(`${this.periodUrl(indicator, period.period)}/nonconformity`, {})
      this.form.navigate(`/nonconformities/${nc.id}`)
    })
  }

  private async handleRecompute(indicator: Indicator, period: IndicatorPeriod) {
    await this.form.run(async () => {
      this.replace(indicator, await post<IndicatorPeriod>(`${this.periodUrl(indicator, period.period)}/recompute`, {}, { ifMatch: period.version! }))
    })
  }

  private handleIndicatorAdded() {
    void this.loader.run()
  }

  override render() {
    return html`<p><a href="/objectives">${msg('← All objectives', { id: 'objectives.backToList' })}</a></p>
      ${this.loader.render({
        pending: () => (this.objective ? this.renderObjective(this.objective) : html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`),
        complete: (o) => this.renderObjective(o),
        error: () => html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`,
      })}`
  }

  private renderObjective(o: Objective) {
    return html`<h1>${o.title}</h1>
      <p class="meta">${o.year} · ${o.ownerUnit.name}</p>
      <div class="card">
        <p><strong>${msg('Quality policy statement it serves', { id: 'objectives.policy' })}:</strong> ${o.policyStatement}</p>
      </div>
      ${this.form.renderError()}
      <h2>${msg('Indicators', { id: 'objectives.indicators' })}</h2>
      ${o.indicators.length ? o.indicators.map((i) => this.renderIndicator(i)) : html`<p class="muted">${msg('No indicator yet.', { id: 'objectives.noIndicators' })}</p>`}
      ${this.session.can('objective.indicator')
        ? html`<section class="card">
            <h2>${msg('Add an indicator', { id: 'objectives.addIndicatorTitle' })}</h2>
            <qms-indicator-form .objectiveId=${o.id} @qms-indicator-added=${this.handleIndicatorAdded}></qms-indicator-form>
          </section>`
        : nothing}`
  }

  private renderIndicator(indicator: Indicator) {
    const how = indicator.metric
      ? `${metricLabel(indicator.metric)}${indicator.category ? ` · ${categoryLabel(indicator.category as Category)}` : ''}`
      : msg('Entered by hand', { id: 'objectives.source.manual' })
    const l = {
      period: msg('Period', { id: 'objectives.period' }),
      value: msg('Value', { id: 'objectives.value' }),
      state: msg('Against target', { id: 'objectives.againstTarget' }),
      trend: msg('Trend', { id: 'objectives.trend' }),
      more: msg('Details', { id: 'objectives.details' }),
    }
    return html`<section class="card indicator" id=${`indicator-${indicator.id}`}>
      <h3>${indicator.name}</h3>
      <p class="meta">${how} · ${frequencyLabel(indicator.frequency)} · ${msg('Target', { id: 'objectives.target' })} ${targetText(indicator)}</p>
      <div class="table-wrap" ${scrollRegion()}><table class="responsive">
        <thead><tr><th>${l.period}</th><th>${l.value}</th><th>${l.state}</th><th>${l.trend}</th><th>${l.more}</th></tr></thead>
        <tbody>${indicator.periods.map((p) => this.renderPeriod(indicator, p, l))}</tbody>
      </table></div>
      ${indicator.source === 'manual' && this.session.can('objective.indicator') ? this.renderManualForm(indicator) : nothing}
    </section>`
  }

  private renderPeriod(indicator: Indicator, p: IndicatorPeriod, l: Record<'period' | 'value' | 'state' | 'trend' | 'more', string>) {
    const state = targetState(p)
    const future = p.state === 'future'
    return html`<tr>
      <td data-label=${l.period}><span>${periodLabel(p.period)} <span class="muted">${formatDate(p.from)}–${formatDate(p.to)}</span></span></td>
      <td data-label=${l.value} class="value">
        <span>${future ? '—' : formatValue(indicator, p.value)} ${p.denominator ? html`<span class="muted">(${p.numerator}/${p.denominator})</span>` : nothing}</span>
      </td>
      <td data-label=${l.state}>${future ? '—' : html`<span class=${`chip ${state.tone}`}>${state.text}</span>`}</td>
      <td data-label=${l.trend}>${trendText(p) || '—'}</td>
      <td data-label=${l.more}>${this.renderPeriodDetails(indicator, p)}</td>
    </tr>`
  }

  private renderPeriodDetails(indicator: Indicator, p: IndicatorPeriod) {
    const parts = []
    if (p.state === 'current') parts.push(html`<span class="muted">${msg('So far', { id: 'objectives.soFar' })}</span>`)
    if (p.frozen) parts.push(html`<span class="muted">${msg(str`Frozen ${formatDateTime(p.frozenAt)}`, { id: 'objectives.frozenAt' })}</span>`)
    if (indicator.source === 'manual' && p.enteredBy) {
      parts.push(html`<span class="muted">${msg(str`Entered by ${p.enteredBy.fullName}, ${formatDateTime(p.enteredAt)}`, { id: 'objectives.enteredBy' })}</span>`)
    }
    if (p.note) parts.push(html`<span>${p.note}</span>`)
    if (p.nonconformity) parts.push(html`<a href=${`/nonconformities/${p.nonconformity.id}`}>${p.nonconformity.code}</a>`)
    else if (p.onTarget === false && p.valueId && this.session.can('nonconformity.create')) {
      parts.push(html`<button type="button" class="danger" ?disabled=${this.form.busy} @click=${() => this.handleOpenNc(indicator, p)}>${msg('Open a nonconformity', { id: 'objectives.openNc' })}</button>`)
    }
    if (p.onTarget === false && p.valueId && this.session.can('plan.write')) {
      const o = this.objective!
      const content = msg(str`Remedy the indicator “${indicator.name}” of ${periodLabel(p.period)} (${formatValue(indicator, p.value)}, target ${targetText(indicator)})`, { id: 'objectives.reformTaskContent' })
      parts.push(html`<a class="button" href=${newTaskHref({ source: 'objective', sourceId: p.valueId, content, leadUnitId: o.ownerUnit.id })}>${msg('New reform task', { id: 'plans.newTask' })}</a>`)
    }
    if (p.frozen && this.session.can('objective.recompute')) {
      parts.push(html`<button type="button" class="link" ?disabled=${this.form.busy} @click=${() => this.handleRecompute(indicator, p)}>${msg('Recompute', { id: 'objectives.recompute' })}</button>`)
    }
    return parts.length ? html`<div class="actions">${parts}</div>` : '—'
  }

  private renderManualForm(indicator: Indicator) {
    const started = indicator.periods.filter((p) => p.state !== 'future')
    if (!started.length) return nothing
    const id = (name: string) => `${name}-${indicator.id}`
    return html`<form class="inline-form" @submit=${(e: SubmitEvent) => this.handleManualValue(e, indicator)} novalidate>
      <div class="field">
        <label for=${id('period')}>${msg('Period', { id: 'objectives.period' })}</label>
        <select id=${id('period')} name="period">${started.map((p, i) => html`<option value=${p.period} ?selected=${i === started.length - 1}>${periodLabel(p.period)}</option>`)}</select>
      </div>
      <div class="field">
        <label for=${id('value')}>${indicator.measure === 'percent' ? msg('Value (%)', { id: 'objectives.valuePercent' }) : msg('Value', { id: 'objectives.value' })}</label>
        <input id=${id('value')} name="value" inputmode="decimal" aria-invalid=${this.form.invalid('value')} />
        ${this.form.errorLine('value')}
      </div>
      <div class="field">
        <label for=${id('note')}>${msg('Note (source of the figure)', { id: 'objectives.note' })}</label>
        <input id=${id('note')} name="note" />
      </div>
      <div class="actions"><button class="primary" type="submit" ?disabled=${this.form.busy}>${msg('Enter the value', { id: 'objectives.enterValue' })}</button></div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-objective-page': QmsObjectivePage
  }
}
