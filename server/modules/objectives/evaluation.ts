/**
 * An indicator's periods as the API shows them: each period's value (stored, or computed
 * now from the figures of indicator-values.ts), whether it is on target, and its trend
 * against the period before. Computed values of periods that have ended are frozen here,
 * the first time they are computed after the period closed: stored with the time, audited,
 * and from then on read back, not recomputed (a manager may recompute one, service.ts).
 */
import { and, eq, inArray, ne } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import {
  nonconformities,
  objectiveIndicatorValues,
  users,
  type ObjectiveIndicatorRow,
  type ObjectiveIndicatorValueRow,
} from '../../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { EPSILON, isOnTarget } from '../../lib/targets.ts'
import { systemActor, type Actor } from '../../lib/permissions.ts'
import { recordAudit } from '../audit-log/service.ts'
import { ncCode } from '../nonconformities/records.ts'
import { metricKey, monthlyFigures, sumMonths, type Figure, type MetricRequest, type MonthlyFigures } from './indicator-values.ts'
import { monthsOf, periodBefore, periodsOf, periodState, type Period } from './periods.ts'
import type { IndicatorPeriod } from './schemas.ts'

/** An indicator with what its figures depend on: the objective's year and owner unit. */
export interface IndicatorInScope {
  indicator: ObjectiveIndicatorRow
  year: number
  ownerUnitId: string
}

type StoredValue = ObjectiveIndicatorValueRow & { enteredByName: string | null }


/** A figure as the indicator's value: a share in percent (null without a base) or a count. */
export function valueOf(indicator: Pick<ObjectiveIndicatorRow, 'measure'>, figure: Figure): number | null {
  if (indicator.measure === 'count') return figure.part
  return figure.base ? (100 * figure.part) / figure.base : null
}


function trendOf(indicator: ObjectiveIndicatorRow, value: number | null, previous: number | null) {
  if (value === null || previous === null) return { trend: null, improved: null }
  const trend = value > previous + EPSILON ? ('up' as const) : value < previous - EPSILON ? ('down' as const) : ('same' as const)
  if (trend === 'same') return { trend, improved: null }
  const wantsMore = indicator.targetMin !== null && indicator.targetMax === null
  const wantsLess = indicator.targetMax !== null && indicator.targetMin === null
  return { trend, improved: wantsMore ? trend === 'up' : wantsLess ? trend === 'down' : null }
}

const round2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100)

async function storedValues(db: Db, indicatorIds: string[]): Promise<StoredValue[]> {
  if (!indicatorIds.length) return []
  const rows = await db
    .select({ value: objectiveIndicatorValues, enteredByName: users.fullName })
    .from(objectiveIndicatorValues)
    .leftJoin(users, eq(users.id, objectiveIndicatorValues.enteredById))
    .where(inArray(objectiveIndicatorValues.indicatorId, indicatorIds))
  return rows.map((r) => ({ ...r.value, enteredByName: r.enteredByName }))
}

async function liveNonconformities(db: Db, valueIds: string[]) {
  if (!valueIds.length) return new Map<string, { id: string; code: string; status: string }>()
  const rows = await db
    .select({ id: nonconformities.id, number: nonconformities.number, status: nonconformities.status, sourceId: nonconformities.sourceId })
    .from(nonconformities)
    .where(and(eq(nonconformities.source, 'objective'), inArray(nonconformities.sourceId, valueIds), ne(nonconformities.status, 'cancelled')))
  return new Map(rows.map((r) => [r.sourceId!, { id: r.id, code: ncCode(r.number), status: r.status }]))
}

/**
 * The monthly figures every computed indicator needs: for each year, from the start of
 * the period before the year's first (the first period's trend) to the year's end or today.
 */
async function figuresFor(db: Db, items: IndicatorInScope[], today: string, timeZone: string) {
  const byYear = new Map<number, IndicatorInScope[]>()
  for (const item of items) {
    if (item.indicator.source !== 'computed') continue
    const list = byYear.get(item.year)
    if (list) list.push(item)
    else byYear.set(item.year, [item])
  }
  const out = new Map<string, MonthlyFigures>()
  await Promise.all(
    [...byYear].map(async ([year, list]) => {
      const from = list.map((i) => periodBefore(year, i.indicator.frequency).from).sort()[0]
      const end = `${year}-12-31`
      const to = end < today ? end : today
      const requests: MetricRequest[] = list.map((i) => ({ unitId: i.ownerUnitId, metric: i.indicator.metric!, category: i.indicator.category }))
      const figures = await monthlyFigures(db, requests, from, to, today, timeZone)
      // Keyed by year too: two objectives of one unit in different years share a metric key.
      for (const [key, monthly] of figures) out.set(`${year}|${key}`, monthly)
    }),
  )
  return out
}

export interface EvaluateOptions {
  /** Store the computed values of ended periods not stored yet (every read does). */
  freeze: boolean
  /** Whose read froze them (the audit entry's request id). */
  actor?: Actor
}

/** The periods of each indicator, by indicator id. */
export async function evaluateIndicators(db: Db, items: IndicatorInScope[], env: ServiceEnv, options: EvaluateOptions): Promise<Map<string, IndicatorPeriod[]>> {
  const today = agencyToday(env)
  const [stored, figures] = await Promise.all([storedValues(db, items.map((i) => i.indicator.id)), figuresFor(db, items, today, env.config.timeZone)])
  const storedByKey = new Map(stored.map((v) => [`${v.indicatorId}|${v.period}`, v]))

  // Ended computed periods not stored yet: freeze them now.
  const toFreeze: { item: IndicatorInScope; period: Period; figure: Figure }[] = []
  for (const item of options.freeze ? items : []) {
    if (item.indicator.source !== 'computed') continue
    const monthly = figures.get(`${item.year}|${metricKey({ unitId: item.ownerUnitId, metric: item.indicator.metric!, category: item.indicator.category })}`)
    for (const period of periodsOf(item.year, item.indicator.frequency)) {
      if (periodState(period, today) === 'ended' && !storedByKey.has(`${item.indicator.id}|${period.key}`)) {
        toFreeze.push({ item, period, figure: sumMonths(monthly, monthsOf(period)) })
      }
    }
  }
  if (toFreeze.length) {
    for (const row of await freeze(db, toFreeze, env, options.actor)) storedByKey.set(`${row.indicatorId}|${row.period}`, row)
  }
  const ncs = await liveNonconformities(db, [...storedByKey.values()].map((v) => v.id))

  const out = new Map<string, IndicatorPeriod[]>()
  for (const item of items) {
    const { indicator } = item
    const monthly = figures.get(`${item.year}|${metricKey({ unitId: item.ownerUnitId, metric: indicator.metric!, category: indicator.category })}`)
    const computed = indicator.source === 'computed'
    let previous: number | null = computed ? valueOf(indicator, sumMonths(monthly, monthsOf(periodBefore(item.year, indicator.frequency)))) : null
    const periods: IndicatorPeriod[] = []
    for (const period of periodsOf(item.year, indicator.frequency)) {
      const state = periodState(period, today)
      const saved = storedByKey.get(`${indicator.id}|${period.key}`)
      let value: number | null = null
      let numerator: number | null = null
      let denominator: number | null = null
      if (saved) {
        value = saved.value
        numerator = saved.numerator
        denominator = saved.denominator
      } else if (computed && state !== 'future') {
        const figure = sumMonths(monthly, monthsOf(period))
        value = valueOf(indicator, figure)
        numerator = figure.part
        denominator = indicator.measure === 'percent' ? figure.base : null
      }
      const nc = saved ? ncs.get(saved.id) : undefined
      periods.push({
        period: period.key,
        from: period.from,
        to: period.to,
        state,
        value: round2(value),
        numerator,
        denominator,
        onTarget: isOnTarget(indicator, value),
        ...trendOf(indicator, value, previous),
        frozen: Boolean(saved && saved.kind === 'computed'),
        frozenAt: saved?.frozenAt?.toISOString() ?? null,
        valueId: saved?.id ?? null,
        version: saved?.version ?? null,
        enteredBy: saved?.enteredById && saved.enteredByName ? { id: saved.enteredById, fullName: saved.enteredByName } : null,
        enteredAt: saved?.enteredAt?.toISOString() ?? null,
        note: saved?.note ?? null,
        nonconformity: nc ?? null,
      })
      previous = value
    }
    out.set(indicator.id, periods)
  }
  return out
}

/** The last period that has a value (the "latest value" of lists and the dashboard). */
export function latestOf(periods: IndicatorPeriod[]): IndicatorPeriod | null {
  for (let i = periods.length - 1; i >= 0; i--) if (periods[i].state !== 'future' && periods[i].value !== null) return periods[i]
  return null
}

/**
 * Stores the values of ended periods in one transaction, with one audit entry per
 * indicator. Two readers freezing the same period at once store it once (the unique
 * period key); the loser reads the winner's row back.
 */
async function freeze(db: Db, list: { item: IndicatorInScope; period: Period; figure: Figure }[], env: ServiceEnv, actor?: Actor): Promise<StoredValue[]> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(objectiveIndicatorValues)
      .values(
        list.map(({ item, period, figure }) => ({
          indicatorId: item.indicator.id,
          period: period.key,
          periodStart: period.from,
          periodEnd: period.to,
          kind: 'computed' as const,
          value: valueOf(item.indicator, figure),
          numerator: figure.part,
          denominator: item.indicator.measure === 'percent' ? figure.base : null,
          frozenAt: env.now,
          createdAt: env.now,
          updatedAt: env.now,
        })),
      )
      .onConflictDoNothing({ target: [objectiveIndicatorValues.indicatorId, objectiveIndicatorValues.period] })
      .returning()
    const byIndicator = new Map<string, ObjectiveIndicatorValueRow[]>()
    for (const row of inserted) byIndicator.set(row.indicatorId, [...(byIndicator.get(row.indicatorId) ?? []), row])
    const system = { ...systemActor, requestId: actor?.requestId }
    for (const [indicatorId, rows] of byIndicator) {
      await recordAudit(tx, system, {
        action: 'objective_indicator.freeze',
        entityType: 'objective_indicator',
        entityId: indicatorId,
        after: { periods: rows.map((r) => ({ period: r.period, value: r.value, numerator: r.numerator, denominator: r.denominator, frozenAt: r.frozenAt?.toISOString() })) },
      })
    }
    const missing = list.filter(({ item, period }) => !inserted.some((r) => r.indicatorId === item.indicator.id && r.period === period.key))
    const raced = missing.length
      ? (await storedValues(tx, [...new Set(missing.map((m) => m.item.indicator.id))])).filter((v) => missing.some((m) => m.item.indicator.id === v.indicatorId && m.period.key === v.period))
      : []
    return [...inserted.map((r) => ({ ...r, enteredByName: null })), ...raced]
  })
}
