/**
 * The quality objectives' results over a period (ISO 9001:2015 clause 9.3.2 c 2, the
 * extent to which quality objectives have been met): every indicator of the objectives
 * a unit's subtree owns for the years the period touches, with the value of each of its
 * periods that lies within it, as the objectives pages show them (evaluation.ts). Reading
 * freezes nothing. For a management review's inputs; the caller has checked its own
 * permission.
 */
import { and, asc, between, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { objectiveIndicators, orgUnits, qualityObjectives, type IndicatorMeasure } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import { evaluateIndicators } from './evaluation.ts'

export interface IndicatorResult {
  objective: string
  year: number
  unit: string
  indicator: string
  measure: IndicatorMeasure
  targetMin: number | null
  targetMax: number | null
  /** The indicator's periods within [from, to] that have begun, in order. */
  periods: { period: string; from: string; to: string; value: number | null; onTarget: boolean | null }[]
}

export async function objectiveResults(db: Db, unitId: string, from: string, to: string, env: ServiceEnv): Promise<IndicatorResult[]> {
  const rows = await db
    .select({ objective: qualityObjectives, unitName: orgUnits.name })
    .from(qualityObjectives)
    .innerJoin(orgUnits, eq(orgUnits.id, qualityObjectives.ownerUnitId))
    .where(and(between(qualityObjectives.year, Number(from.slice(0, 4)), Number(to.slice(0, 4))), inSubtreeOf(sql`${qualityObjectives.ownerUnitId}`, unitId)))
    .orderBy(asc(qualityObjectives.year), asc(qualityObjectives.createdAt), asc(qualityObjectives.id))
  if (!rows.length) return []
  const byId = new Map(rows.map((r) => [r.objective.id, r]))
  const indicators = await db
    .select()
    .from(objectiveIndicators)
    .where(inArray(objectiveIndicators.objectiveId, [...byId.keys()]))
    .orderBy(asc(objectiveIndicators.objectiveId), asc(objectiveIndicators.position))
  const items = indicators.map((indicator) => ({ indicator, year: byId.get(indicator.objectiveId)!.objective.year, ownerUnitId: byId.get(indicator.objectiveId)!.objective.ownerUnitId }))
  const periods = await evaluateIndicators(db, items, env, { freeze: false })
  return rows.flatMap(({ objective, unitName }) =>
    indicators
      .filter((i) => i.objectiveId === objective.id)
      .map((i) => ({
        objective: objective.title,
        year: objective.year,
        unit: unitName,
        indicator: i.name,
        measure: i.measure,
        targetMin: i.targetMin,
        targetMax: i.targetMax,
        periods: periods
          .get(i.id)!
          .filter((p) => p.from >= from && p.to <= to && p.state !== 'future')
          .map((p) => ({ period: p.period, from: p.from, to: p.to, value: p.value, onTarget: p.onTarget })),
      })),
  )
}
