/**
 * An indicator off target for a period is a nonconformity against the objective (ISO 9001
 * 6.2, 9.1.3, 10.2): raise one from it (source `objective`, pointing at the period's
 * stored value). The indicator is not changed, so no If-Match is needed; a period has at
 * most one live nonconformity (409 naming it, enforced by the nonconformity register).
 */
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { objectiveIndicators } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { conflict, notFound } from '../../lib/problems.ts'
import { raiseNonconformity } from '../nonconformities/service.ts'
import { evaluateIndicators } from './evaluation.ts'
import type { PeriodParams, RaiseFromPeriod } from './schemas.ts'
import { readableObjective } from './service.ts'

const PERIOD_NAMES: Record<string, string> = { Y: 'năm', H1: '6 tháng đầu năm', H2: '6 tháng cuối năm' }

/** The period as a Vietnamese report names it: "quý 1/2020", "tháng 03/2020", "6 tháng đầu năm 2020". */
export function periodName(key: string, year: number): string {
  if (key.startsWith('Q')) return `quý ${key.slice(1)}/${year}`
  if (key.startsWith('M')) return `tháng ${key.slice(1)}/${year}`
  return `${PERIOD_NAMES[key]} ${year}`
}

const number = (v: number) => v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })

export async function raiseNcFromPeriod(db: Db, actor: Actor, params: PeriodParams, input: RaiseFromPeriod, env: ServiceEnv) {
  requirePermission(actor, 'nonconformity.create')
  const found = await readableObjective(db, actor, params.id)
  const [indicator] = await db
    .select()
    .from(objectiveIndicators)
    .where(and(eq(objectiveIndicators.id, params.indicatorId), eq(objectiveIndicators.objectiveId, params.id)))
  if (!indicator) throw notFound('indicator', params.indicatorId)
  const periods = (await evaluateIndicators(db, [{ indicator, year: found.objective.year, ownerUnitId: found.objective.ownerUnitId }], env, { freeze: true, actor })).get(indicator.id)!
  const period = periods.find((p) => p.period === params.period)
  if (!period) throw notFound('period', params.period)
  if (!period.valueId) {
    throw conflict(period.state === 'ended' ? 'objective.period-no-value' : 'objective.period-open-no-value', { period: period.period })
  }
  if (period.onTarget !== false) throw conflict('objective.period-not-off-target', { period: period.period, onTarget: period.onTarget })

  const unit = found.objective.ownerUnitId
  const when = periodName(period.period, found.objective.year)
  const suffix = indicator.measure === 'percent' ? ' %' : ''
  const target = [indicator.targetMin !== null ? `≥ ${number(indicator.targetMin)}${suffix}` : '', indicator.targetMax !== null ? `≤ ${number(indicator.targetMax)}${suffix}` : '']
    .filter(Boolean)
    .join(', ')
  const measured = `${number(period.value!)}${suffix}${period.denominator ? ` (${period.numerator}/${period.denominator})` : ''}`
  return db.transaction((tx) =>
    raiseNonconformity(
      tx,
      actor,
      {
        source: 'objective',
        sourceId: period.valueId,
        orgUnitId: unit,
        title: input.title ?? `Chỉ tiêu "${indicator.name}" không đạt mục tiêu ${when}`,
        description:
          input.description ??
          [`Mục tiêu chất lượng năm ${found.objective.year}: ${found.objective.title}.`, `Chỉ tiêu: ${indicator.name}; mục tiêu ${target}; đạt ${measured} (${when}).`].join('\n'),
        severity: input.severity ?? 'minor',
        clauseNumbers: ['6.2'],
        containment: input.containment,
        dueDate: input.dueDate,
      },
      env,
    ),
  )
}
