import { localized, msg } from '@lit/localize'
import { css, html, LitElement, type PropertyValues } from 'lit'
import { customElement, property, query } from 'lit/decorators.js'
import type { MonthPoint } from '../../api/types.ts'
import { formatNumber } from '../../i18n/localization.ts'

type ChartModule = typeof import('chart.js')
let chartModule: Promise<ChartModule> | undefined
/** chart.js is loaded on first use, so pages without charts stay small. */
function loadChart(): Promise<ChartModule> {
  chartModule ??= import('chart.js').then((m) => {
    m.Chart.register(m.LineController, m.LineElement, m.PointElement, m.LinearScale, m.CategoryScale, m.Legend, m.Tooltip)
    return m
  })
  return chartModule
}

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10)

/**
 * @summary The trend of the three rates (checklist pass rate, dossiers on time,
 * dossiers online), month by month or, over long periods, year by year, as a line chart, with the same figures in a table for screen
 * readers and for reading exact values.
 */
@customElement('qms-trend-chart')
@localized()
export class QmsTrendChart extends LitElement {
  static override styles = css`
    :host { display: block; }
    .frame { position: relative; height: 260px; }
    details { margin-top: var(--qms-space-2); }
    table { border-collapse: collapse; font-size: 0.9rem; }
    th, td { padding: 2px 8px; text-align: right; border-bottom: 1px solid var(--qms-border); }
    th:first-child, td:first-child { text-align: left; }
    .wrap { overflow-x: auto; }
  `

  @property({ attribute: false }) points: MonthPoint[] = []
  /** 'year' when the points are calendar years ('YYYY'). */
  @property() grain: 'month' | 'year' = 'month'
  @query('canvas') private canvas?: HTMLCanvasElement
  private chart?: import('chart.js').Chart

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.chart?.destroy()
    this.chart = undefined
  }

  private labels() {
    return this.points.map((p) => (p.month.length === 4 ? p.month : `${p.month.slice(5)}/${p.month.slice(0, 4)}`))
  }

  private series() {
    return [
      { label: msg('Checklist pass rate (%)', { id: 'dashboard.trend.pass' }), data: this.points.map((p) => pct(p.passRate)), borderColor: '#1b6e3c' },
      { label: msg('Dossiers on time (%)', { id: 'dashboard.trend.onTime' }), data: this.points.map((p) => pct(p.onTimeRate)), borderColor: '#1d4f91' },
      { label: msg('Dossiers online (%)', { id: 'dashboard.trend.online' }), data: this.points.map((p) => pct(p.onlineShare)), borderColor: '#b35c00' },
    ]
  }

  protected override async updated(changed: PropertyValues<this>) {
    if (!(changed.has('points') || changed.has('grain')) || !this.canvas) return
    const { Chart } = await loadChart()
    if (!this.isConnected || !this.canvas) return
    const datasets = this.series().map((s) => ({ ...s, backgroundColor: s.borderColor, spanGaps: true, tension: 0.2 }))
    if (this.chart) {
      this.chart.data.labels = this.labels()
      this.chart.data.datasets = datasets
      this.chart.update()
      return
    }
    this.chart = new Chart(this.canvas, {
      type: 'line',
      data: { labels: this.labels(), datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
        plugins: { legend: { position: 'bottom' } },
      },
    })
  }

  override render() {
    const series = this.series()
    const years = this.grain === 'year'
    return html`<div class="frame"><canvas role="img" aria-label=${years
        ? msg('Yearly trend of the rates; the table below has the figures.', { id: 'dashboard.trend.alt.years' })
        : msg('Monthly trend of the rates; the table below has the figures.', { id: 'dashboard.trend.alt' })}></canvas></div>
      <details>
        <summary>${years ? msg('Figures by year', { id: 'dashboard.trend.table.years' }) : msg('Figures by month', { id: 'dashboard.trend.table' })}</summary>
        <div class="wrap"><table>
          <thead><tr><th>${years ? msg('Year', { id: 'dashboard.year' }) : msg('Month', { id: 'dashboard.month' })}</th>${series.map((s) => html`<th>${s.label}</th>`)}</tr></thead>
          <tbody>${this.labels().map((label, i) => html`<tr><td>${label}</td>${series.map((s) => html`<td>${s.data[i] === null ? '—' : formatNumber(s.data[i]!, 1)}</td>`)}</tr>`)}</tbody>
        </table></div>
      </details>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-trend-chart': QmsTrendChart
  }
}
