/**
 * The periods of an objective's year for an indicator's frequency: months 'M01'…'M12',
 * quarters 'Q1'…'Q4', half-years 'H1', 'H2', or the year 'Y'. Periods are calendar dates
 * in the agency's time zone; a period has ended once today is after its last day.
 */
import type { IndicatorFrequency } from '../../../db/schema/objectives.ts'
import { addDays } from '../../lib/clock.ts'

export interface Period {
  key: string
  /** First and last day, inclusive. */
  from: string
  to: string
  /** 'YYYY-MM' of its months. */
  months: string[]
}

export type PeriodState = 'ended' | 'current' | 'future'

const MONTHS_PER_PERIOD: Record<IndicatorFrequency, number> = { month: 1, quarter: 3, half_year: 6, year: 12 }

const pad = (n: number) => String(n).padStart(2, '0')

function keyOf(frequency: IndicatorFrequency, index: number): string {
  switch (frequency) {
    case 'month':
      return `M${pad(index + 1)}`
    case 'quarter':
      return `Q${index + 1}`
    case 'half_year':
      return `H${index + 1}`
    case 'year':
      return 'Y'
  }
}

/** The last day of the month `months` months after January of `year` (0 = January). */
function monthEnd(year: number, month: number): string {
  const y = year + Math.floor(month / 12)
  const m = month % 12
  const next = m === 11 ? `${y + 1}-01-01` : `${y}-${pad(m + 2)}-01`
  return addDays(next, -1)
}

const cache = new Map<string, readonly Period[]>()

/** Every period of the year, in order (the same frozen list on every call: lists ask for it per indicator). */
export function periodsOf(year: number, frequency: IndicatorFrequency): readonly Period[] {
  const key = `${year}|${frequency}`
  let periods = cache.get(key)
  if (!periods) {
    const length = MONTHS_PER_PERIOD[frequency]
    periods = Object.freeze(
      Array.from({ length: 12 / length }, (_, i) =>
        Object.freeze({
          key: keyOf(frequency, i),
          from: `${year}-${pad(i * length + 1)}-01`,
          to: monthEnd(year, i * length + length - 1),
          months: Array.from({ length }, (_, m) => `${year}-${pad(i * length + m + 1)}`),
        }),
      ),
    )
    if (cache.size > 1000) cache.clear()
    cache.set(key, periods)
  }
  return periods
}

/** The period with this key in the year, or undefined when the frequency has none such. */
export function findPeriod(year: number, frequency: IndicatorFrequency, key: string): Period | undefined {
  return periodsOf(year, frequency).find((p) => p.key === key)
}

/** The period before the year's first: the last of the year before. */
export function periodBefore(year: number, frequency: IndicatorFrequency): Period {
  return periodsOf(year - 1, frequency).at(-1)!
}

export function periodState(period: Period, today: string): PeriodState {
  if (period.to < today) return 'ended'
  return period.from <= today ? 'current' : 'future'
}

/** 'YYYY-MM' of every month of a period. */
export const monthsOf = (period: Period): string[] => period.months
