/** Words for the values of quality objectives and their indicators, in the reader's language. */
import { msg, str } from '@lit/localize'
import type { Indicator, IndicatorPeriod } from '../../api/types.ts'
import { formatNumber } from '../../i18n/localization.ts'

export type Metric = NonNullable<Indicator['metric']>
export const METRICS: Metric[] = ['dossiers_on_time', 'dossiers_online', 'complaints_received', 'inspection_pass_rate', 'ncs_closed_on_time', 'documents_reviewed_on_time']
export const FREQUENCIES: Indicator['frequency'][] = ['month', 'quarter', 'half_year', 'year']

export function metricLabel(metric: Metric): string {
  switch (metric) {
    case 'dossiers_on_time':
      return msg('Dossiers resolved on time (%)', { id: 'objectives.metric.dossiers_on_time' })
    case 'dossiers_online':
      return msg('Dossiers received online (%)', { id: 'objectives.metric.dossiers_online' })
    case 'complaints_received':
      return msg('Complaints and feedback received (count)', { id: 'objectives.metric.complaints_received' })
    case 'inspection_pass_rate':
      return msg('Inspection items passed in a category (%)', { id: 'objectives.metric.inspection_pass_rate' })
    case 'ncs_closed_on_time':
      return msg('Nonconformities closed by their due date (%)', { id: 'objectives.metric.ncs_closed_on_time' })
    case 'documents_reviewed_on_time':
      return msg('Documents reviewed by their review date (%)', { id: 'objectives.metric.documents_reviewed_on_time' })
  }
}

export function frequencyLabel(frequency: Indicator['frequency']): string {
  switch (frequency) {
    case 'month':
      return msg('Monthly', { id: 'objectives.frequency.month' })
    case 'quarter':
      return msg('Quarterly', { id: 'objectives.frequency.quarter' })
    case 'half_year':
      return msg('Half-yearly', { id: 'objectives.frequency.half_year' })
    case 'year':
      return msg('Yearly', { id: 'objectives.frequency.year' })
  }
}

/** "Q1", "H1", "03", "Year" as a reader names them. */
export function periodLabel(period: string): string {
  if (period.startsWith('Q')) return msg(str`Quarter ${period.slice(1)}`, { id: 'objectives.period.quarter' })
  if (period.startsWith('H')) return period === 'H1' ? msg('First half', { id: 'objectives.period.h1' }) : msg('Second half', { id: 'objectives.period.h2' })
  if (period.startsWith('M')) return msg(str`Month ${period.slice(1)}`, { id: 'objectives.period.month' })
  return msg('Whole year', { id: 'objectives.period.year' })
}

/** A value in the indicator's measure: "91,7 %" or "3". */
export function formatValue(indicator: Pick<Indicator, 'measure'>, value: number | null): string {
  if (value === null) return '—'
  return indicator.measure === 'percent' ? `${formatNumber(value, 1)} %` : formatNumber(value)
}

/** The target in words: "≥ 100 %", "≤ 0", "50 % – 80 %". */
export function targetText(indicator: Pick<Indicator, 'measure' | 'targetMin' | 'targetMax'>): string {
  const f = (v: number) => formatValue(indicator, v)
  if (indicator.targetMin !== null && indicator.targetMax !== null) return `${f(indicator.targetMin)} – ${f(indicator.targetMax)}`
  if (indicator.targetMin !== null) return `≥ ${f(indicator.targetMin)}`
  return `≤ ${f(indicator.targetMax!)}`
}

/** On target / off target / not measured, as a chip's words and tone. */
export function targetState(period: Pick<IndicatorPeriod, 'onTarget'> | null): { text: string; tone: 'good' | 'bad' | 'off' } {
  if (!period || period.onTarget === null) return { text: msg('Not measured', { id: 'objectives.notMeasured' }), tone: 'off' }
  return period.onTarget ? { text: msg('On target', { id: 'objectives.onTarget' }), tone: 'good' } : { text: msg('Off target', { id: 'objectives.offTarget' }), tone: 'bad' }
}

/** ↑ / ↓ / = with words for screen readers. */
export function trendText(period: Pick<IndicatorPeriod, 'trend'>): string {
  switch (period.trend) {
    case 'up':
      return msg('↑ up', { id: 'objectives.trend.up' })
    case 'down':
      return msg('↓ down', { id: 'objectives.trend.down' })
    case 'same':
      return msg('= unchanged', { id: 'objectives.trend.same' })
    default:
      return ''
  }
}
