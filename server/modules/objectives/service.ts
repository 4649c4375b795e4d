/**
 * Quality objectives (ISO 9001 clause 6.2) and their indicators: setting and changing
 * them, reading them with every period's value (evaluation.ts), entering manual values
 * and recomputing a frozen computed one.
 */
import { and, asc, count, desc, eq, inArray, max, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import {
  METRIC_MEASURE,
  objectiveIndicators,
  objectiveIndicatorValues,
  orgUnits,
  qualityObjectives,
  users,
  type ObjectiveIndicatorRow,
  type QualityObjectiveRow,
} from '../../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { dateKey, keyset, textKey } from '../../lib/pagination.ts'
import { can, requirePermission, type Actor } from '../../lib/permissions.ts'
import { badRequest, conflict, fieldError, forbidden, invalidField, notFound, type FieldError } from '../../lib/problems.ts'
import { brokenRule, missingReference } from '../../lib/references.ts'
import { inUnitScope, unitScope } from '../../lib/unit-scope.ts'
import { recordAudit } from '../audit-log/service.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import { evaluateIndicators, latestOf, valueOf, type IndicatorInScope } from './evaluation.ts'
import { monthlyFigures, sumMonths } from './indicator-values.ts'
import { findPeriod, monthsOf, periodsOf, periodState } from './periods.ts'
import type {
  CreateIndicator,
  CreateObjective,
  Indicator,
  IndicatorPeriod,
  ManualValue,
  Objective,
  ObjectiveQuery,
  ObjectiveSummary,
  PeriodParams,
  RecomputeBody,
  UpdateIndicator,
  UpdateObjective,
} from './schemas.ts'

interface Found {
  objective: QualityObjectiveRow
  unit: { id: string; code: string; name: string; path: string }
  createdBy: { id: string; fullName: string } | null
}

function selectObjectives(db: Db) {
  return db
    .select({
      objective: qualityObjectives,
      unit: { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path },
      createdBy: { id: users.id, fullName: users.fullName },
    })
    .from(qualityObjectives)
    .innerJoin(orgUnits, eq(orgUnits.id, qualityObjectives.ownerUnitId))
    .leftJoin(users, eq(users.id, qualityObjectives.createdById))
}

export async function findObjective(db: Db, id: string, forUpdate = false): Promise<Found> {
  const query = selectObjectives(db).where(eq(qualityObjectives.id, id))
  const [row] = forUpdate ? await query.for('update', { of: qualityObjectives }) : await query
  if (!row) throw notFound('objective', id)
  return { ...row, createdBy: row.createdBy?.id ? row.createdBy : null }
}

/** The objective, if the actor may read it (403 otherwise). */
export async function readableObjective(db: Db, actor: Actor, id: string, forUpdate = false): Promise<Found> {
  requirePermission(actor, 'objective.read')
  const found = await findObjective(db, id, forUpdate)
  if (!can(actor, 'objective.read', { orgUnitPath: found.unit.path })) throw forbidden('objective.forbidden-read')
  return found
}

function objectiveFields(found: Found) {
  const o = found.objective
  return {
    id: o.id,
    year: o.year,
    title: o.title,
    ownerUnit: { id: found.unit.id, code: found.unit.code, name: found.unit.name },
    policyStatement: o.policyStatement,
    createdBy: found.createdBy,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  }
}

function indicatorFields(row: ObjectiveIndicatorRow, periods: IndicatorPeriod[]) {
  return {
    id: row.id,
    objectiveId: row.objectiveId,
    position: row.position,
    name: row.name,
    measure: row.measure,
    targetMin: row.targetMin,
    targetMax: row.targetMax,
    frequency: row.frequency,
    source: row.source,
    metric: row.metric,
    category: row.category as Indicator['category'],
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    latest: latestOf(periods),
  }
}

export function toIndicator(row: ObjectiveIndicatorRow, periods: IndicatorPeriod[]): Indicator {
  return { ...indicatorFields(row, periods), periods }
}

async function indicatorsOf(db: Db, objectiveIds: string[]) {
  if (!objectiveIds.length) return []
  return db.select().from(objectiveIndicators).where(inArray(objectiveIndicators.objectiveId, objectiveIds)).orderBy(asc(objectiveIndicators.objectiveId), asc(objectiveIndicators.position))
}

const inScope = (found: Pick<Found, 'objective'>, indicator: ObjectiveIndicatorRow): IndicatorInScope => ({
  indicator,
  year: found.objective.year,
  ownerUnitId: found.objective.ownerUnitId,
})

/** The whole objective: its indicators with every period (freezing what has ended). */
async function loadObjective(db: Db, actor: Actor, found: Found, env: ServiceEnv): Promise<Objective> {
  const indicators = await indicatorsOf(db, [found.objective.id])
  const periods = await evaluateIndicators(db, indicators.map((i) => inScope(found, i)), env, { freeze: true, actor })
  return { ...objectiveFields(found), indicators: indicators.map((i) => toIndicator(i, periods.get(i.id)!)) }
}

export async function getObjective(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<Objective> {
  return loadObjective(db, actor, await readableObjective(db, actor, id), env)
}

const listKeys = [
  textKey(qualityObjectives.year, (r: { objective: QualityObjectiveRow }) => r.objective.year as unknown as string),
  dateKey(qualityObjectives.createdAt, (r: { objective: QualityObjectiveRow }) => r.objective.createdAt),
  textKey(qualityObjectives.id, (r: { objective: QualityObjectiveRow }) => r.objective.id),
]

/** The objectives the actor may read, newest year first, each indicator with its latest value. */
export async function listObjectives(db: Db, actor: Actor, query: ObjectiveQuery, env: ServiceEnv) {
  requirePermission(actor, 'objective.read')
  const page = keyset(listKeys, query, 'desc')
  const scope = unitScope(actor, 'objective.read')
  const rows = await selectObjectives(db)
    .where(
      and(
        inUnitScope(scope.kind, orgUnits.path, scope.match),
        query.year ? eq(qualityObjectives.year, query.year) : undefined,
        query.orgUnitId ? inSubtreeOf(sql`${qualityObjectives.ownerUnitId}`, query.orgUnitId) : undefined,
        page.where,
      ),
    )
    .orderBy(desc(qualityObjectives.year), desc(qualityObjectives.createdAt), desc(qualityObjectives.id))
    .limit(page.limit)
  const shown = rows.slice(0, page.limit - 1)
  const indicators = await indicatorsOf(db, shown.map((r) => r.objective.id))
  const byId = new Map(shown.map((r) => [r.objective.id, r]))
  const periods = await evaluateIndicators(db, indicators.map((i) => inScope(byId.get(i.objectiveId)!, i)), env, { freeze: true, actor })
  return page.page(rows, (r): ObjectiveSummary => ({
    ...objectiveFields({ ...r, createdBy: r.createdBy?.id ? r.createdBy : null }),
    indicators: indicators.filter((i) => i.objectiveId === r.objective.id).map((i) => indicatorFields(i, periods.get(i.id)!)),
  }))
}

// ——— validation ———

interface IndicatorShape {
  name: string
  measure?: ObjectiveIndicatorRow['measure']
  targetMin?: number | null
  targetMax?: number | null
  frequency: ObjectiveIndicatorRow['frequency']
  source: ObjectiveIndicatorRow['source']
  metric?: ObjectiveIndicatorRow['metric']
  category?: string | null
}

/** Field errors of an indicator (`prefix`: where it sits in the body), and its measure. */
function checkIndicator(input: IndicatorShape, prefix = ''): { errors: FieldError[]; measure: ObjectiveIndicatorRow['measure'] } {
  const errors: FieldError[] = []
  const at = (field: string) => `${prefix}${field}`
  const metric = input.metric ?? null
  if (!input.name.trim()) errors.push(fieldError(at('name'), 'field.blank'))
  let measure = input.measure ?? (metric ? METRIC_MEASURE[metric] : undefined)
  if (input.source === 'computed') {
    if (!metric) errors.push(fieldError(at('metric'), 'objective.field-metric-required'))
    else if (input.measure && input.measure !== METRIC_MEASURE[metric]) {
      errors.push(fieldError(at('measure'), 'objective.field-measure-for-metric', { expected: METRIC_MEASURE[metric], metric }))
    }
    if (metric === 'inspection_pass_rate' && !input.category) errors.push(fieldError(at('category'), 'objective.field-category-required'))
    if (metric && metric !== 'inspection_pass_rate' && input.category) errors.push(fieldError(at('category'), 'objective.field-category-pass-rate-only'))
  } else {
    if (metric) errors.push(fieldError(at('metric'), 'objective.field-computed-only'))
    if (input.category) errors.push(fieldError(at('category'), 'objective.field-computed-only'))
    if (!input.measure) errors.push(fieldError(at('measure'), 'objective.field-measure-required'))
  }
  const min = input.targetMin ?? null
  const maxValue = input.targetMax ?? null
  if (min === null && maxValue === null) errors.push(fieldError(at('targetMin'), 'objective.field-target-required'))
  if (min !== null && maxValue !== null && min > maxValue) errors.push(fieldError(at('targetMax'), 'objective.field-target-order', { min }))
  if (measure === 'percent') {
    for (const [field, v] of [['targetMin', min], ['targetMax', maxValue]] as const) {
      if (v !== null && v > 100) errors.push(fieldError(at(field), 'objective.field-percent-max', { max: 100 }))
    }
  }
  measure ??= 'percent'
  return { errors, measure }
}

function refuse(errors: FieldError[], what: string) {
  if (errors.length) throw badRequest('validation.fields', { where: 'body', count: errors.length }, errors)
}

async function ownerUnit(db: Db, id: string) {
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, id))
  if (!unit) throw missingReference('ownerUnitId', 'unit')
  if (!unit.active) throw brokenRule('ownerUnitId', 'field.unit-deactivated')
  return unit
}

const objectiveRecord = (row: QualityObjectiveRow) => ({ ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() })
const indicatorRecord = (row: ObjectiveIndicatorRow) => ({ ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() })

async function storedValueCount(db: Db, where: ReturnType<typeof eq>) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(objectiveIndicatorValues)
    .innerJoin(objectiveIndicators, eq(objectiveIndicators.id, objectiveIndicatorValues.indicatorId))
    .where(where)
  return Number(n)
}

// ——— objectives ———

export async function createObjective(db: Db, actor: Actor, input: CreateObjective, env: ServiceEnv): Promise<Objective> {
  requirePermission(actor, 'objective.write')
  const checked = (input.indicators ?? []).map((i, n) => checkIndicator(i, `indicators.${n}.`))
  const errors: FieldError[] = checked.flatMap((c) => c.errors)
  if (!input.title.trim()) errors.push(fieldError('title', 'field.blank'))
  if (!input.policyStatement.trim()) errors.push(fieldError('policyStatement', 'field.blank'))
  refuse(errors, 'objective')
  const id = await db.transaction(async (tx) => {
    const unit = await ownerUnit(tx, input.ownerUnitId)
    const [row] = await tx
      .insert(qualityObjectives)
      .values({
        year: input.year,
        title: input.title.trim(),
        ownerUnitId: unit.id,
        policyStatement: input.policyStatement.trim(),
        createdById: actor.via === 'system' ? null : actor.userId,
        createdAt: env.now,
        updatedAt: env.now,
      })
      .returning()
    const indicators = input.indicators?.length
      ? await tx
          .insert(objectiveIndicators)
          .values(input.indicators.map((i, n) => indicatorValues(i, checked[n].measure, row.id, n + 1, env)))
          .returning()
      : []
    await recordAudit(tx, actor, { action: 'objective.create', entityType: 'objective', entityId: row.id, after: { ...objectiveRecord(row), indicators: indicators.map(indicatorRecord) } })
    return row.id
  })
  return getObjective(db, actor, id, env)
}

function indicatorValues(input: IndicatorShape, measure: ObjectiveIndicatorRow['measure'], objectiveId: string, position: number, env: ServiceEnv) {
  return {
    objectiveId,
    position,
    name: input.name.trim(),
    measure,
    targetMin: input.targetMin ?? null,
    targetMax: input.targetMax ?? null,
    frequency: input.frequency,
    source: input.source,
    metric: input.source === 'computed' ? (input.metric ?? null) : null,
    category: input.source === 'computed' && input.metric === 'inspection_pass_rate' ? (input.category ?? null) : null,
    createdAt: env.now,
    updatedAt: env.now,
  }
}

export async function updateObjective(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateObjective, env: ServiceEnv): Promise<Objective> {
  requirePermission(actor, 'objective.write')
  await db.transaction(async (tx) => {
    const found = await readableObjective(tx, actor, id, true)
    assertVersion(found.objective, expectedVersion)
    const o = found.objective
    const errors: FieldError[] = []
    if (input.title !== undefined && !input.title.trim()) errors.push(fieldError('title', 'field.blank'))
    if (input.policyStatement !== undefined && !input.policyStatement.trim()) errors.push(fieldError('policyStatement', 'field.blank'))
    refuse(errors, 'change')
    const moves = (input.year !== undefined && input.year !== o.year) || (input.ownerUnitId !== undefined && input.ownerUnitId !== o.ownerUnitId)
    if (moves && (await storedValueCount(tx, eq(objectiveIndicators.objectiveId, id)))) {
      throw conflict('objective.scope-fixed', undefined, [fieldError(input.year !== undefined && input.year !== o.year ? 'year' : 'ownerUnitId', 'objective.field-has-values')])
    }
    const unitId = input.ownerUnitId && input.ownerUnitId !== o.ownerUnitId ? (await ownerUnit(tx, input.ownerUnitId)).id : o.ownerUnitId
    const [row] = await tx
      .update(qualityObjectives)
      .set({
        year: input.year ?? o.year,
        title: input.title?.trim() ?? o.title,
        ownerUnitId: unitId,
        policyStatement: input.policyStatement?.trim() ?? o.policyStatement,
        version: o.version + 1,
        updatedAt: env.now,
      })
      .where(eq(qualityObjectives.id, id))
      .returning()
    await recordAudit(tx, actor, { action: 'objective.update', entityType: 'objective', entityId: id, before: objectiveRecord(o), after: objectiveRecord(row) })
  })
  return getObjective(db, actor, id, env)
}

// ——— indicators ———

/** The objective and, if given, one of its indicators, for a change the actor may make there. */
async function forIndicatorChange(db: Db, actor: Actor, objectiveId: string, indicatorId?: string) {
  requirePermission(actor, 'objective.indicator')
  const found = await readableObjective(db, actor, objectiveId, !indicatorId)
  requirePermission(actor, 'objective.indicator', { orgUnitPath: found.unit.path })
  if (!indicatorId) return { found, indicator: undefined }
  const [indicator] = await db
    .select()
    .from(objectiveIndicators)
    .where(and(eq(objectiveIndicators.id, indicatorId), eq(objectiveIndicators.objectiveId, objectiveId)))
    .for('update')
  if (!indicator) throw notFound('indicator', indicatorId)
  return { found, indicator }
}

async function loadIndicator(db: Db, actor: Actor, found: Found, indicatorId: string, env: ServiceEnv): Promise<Indicator> {
  const [row] = await db.select().from(objectiveIndicators).where(eq(objectiveIndicators.id, indicatorId))
  const periods = await evaluateIndicators(db, [inScope(found, row)], env, { freeze: true, actor })
  return toIndicator(row, periods.get(row.id)!)
}

export async function getIndicator(db: Db, actor: Actor, objectiveId: string, indicatorId: string, env: ServiceEnv): Promise<Indicator> {
  const found = await readableObjective(db, actor, objectiveId)
  const [row] = await db.select({ id: objectiveIndicators.id }).from(objectiveIndicators).where(and(eq(objectiveIndicators.id, indicatorId), eq(objectiveIndicators.objectiveId, objectiveId)))
  if (!row) throw notFound('indicator', indicatorId)
  return loadIndicator(db, actor, found, indicatorId, env)
}

export async function addIndicator(db: Db, actor: Actor, objectiveId: string, input: CreateIndicator, env: ServiceEnv): Promise<Indicator> {
  const { found, id } = await db.transaction(async (tx) => {
    const { found } = await forIndicatorChange(tx, actor, objectiveId)
    const { errors, measure } = checkIndicator(input)
    refuse(errors, 'indicator')
    const [{ last }] = await tx.select({ last: max(objectiveIndicators.position) }).from(objectiveIndicators).where(eq(objectiveIndicators.objectiveId, objectiveId))
    if ((last ?? 0) >= 20) throw conflict('objective.too-many-indicators', undefined)
    const [row] = await tx
      .insert(objectiveIndicators)
      .values(indicatorValues(input, measure, objectiveId, (last ?? 0) + 1, env))
      .returning()
    await recordAudit(tx, actor, { action: 'objective_indicator.create', entityType: 'objective_indicator', entityId: row.id, after: indicatorRecord(row) })
    return { found, id: row.id }
  })
  return loadIndicator(db, actor, found, id, env)
}

const MEASURING = ['frequency', 'source', 'measure', 'metric', 'category'] as const

export async function updateIndicator(
  db: Db,
  actor: Actor,
  objectiveId: string,
  indicatorId: string,
  expectedVersion: number | undefined,
  input: UpdateIndicator,
  env: ServiceEnv,
): Promise<Indicator> {
  const found = await db.transaction(async (tx) => {
    const { found, indicator } = await forIndicatorChange(tx, actor, objectiveId, indicatorId)
    const current = indicator!
    assertVersion(current, expectedVersion)
    const source = input.source ?? current.source
    // Switching to manual drops the metric; switching the metric away from the pass rate drops the category.
    const metric = input.metric !== undefined ? input.metric : source === 'manual' ? null : current.metric
    const merged: IndicatorShape = {
      name: input.name ?? current.name,
      measure: input.measure ?? (input.source || input.metric !== undefined ? undefined : current.measure),
      targetMin: input.targetMin !== undefined ? input.targetMin : current.targetMin,
      targetMax: input.targetMax !== undefined ? input.targetMax : current.targetMax,
      frequency: input.frequency ?? current.frequency,
      source,
      metric,
      category: input.category !== undefined ? input.category : metric === 'inspection_pass_rate' ? current.category : null,
    }
    if (source === 'manual' && !merged.measure) merged.measure = current.measure
    const { errors, measure } = checkIndicator(merged)
    refuse(errors, 'change')
    const next = indicatorValues(merged, measure, objectiveId, current.position, env)
    const changed = MEASURING.filter((k) => (next[k] ?? null) !== (current[k] ?? null))
    if (changed.length && (await storedValueCount(tx, eq(objectiveIndicatorValues.indicatorId, indicatorId)))) {
      throw conflict('objective.measuring-fixed', { fields: changed.join(', ') }, [fieldError(changed[0], 'objective.field-has-values')])
    }
    const [row] = await tx
      .update(objectiveIndicators)
      .set({ ...next, createdAt: current.createdAt, version: current.version + 1 })
      .where(eq(objectiveIndicators.id, indicatorId))
      .returning()
    await recordAudit(tx, actor, { action: 'objective_indicator.update', entityType: 'objective_indicator', entityId: indicatorId, before: indicatorRecord(current), after: indicatorRecord(row) })
    return found
  })
  return loadIndicator(db, actor, found, indicatorId, env)
}

// ——— period values ———

function periodOf(found: Found, indicator: ObjectiveIndicatorRow, key: string) {
  const period = findPeriod(found.objective.year, indicator.frequency, key)
  if (!period) {
    const keys = periodsOf(found.objective.year, indicator.frequency).map((p) => p.key)
    throw invalidField('params.period', 'objective.field-not-a-period', { frequency: indicator.frequency, keys: keys.join(', '), allowed: keys })
  }
  return period
}

async function periodView(db: Db, actor: Actor, found: Found, indicatorId: string, key: string, env: ServiceEnv): Promise<IndicatorPeriod> {
  const indicator = await loadIndicator(db, actor, found, indicatorId, env)
  return indicator.periods.find((p) => p.period === key)!
}

/** Enters (or corrects) the value of a manual indicator for a period that has started. */
export async function setManualValue(
  db: Db,
  actor: Actor,
  params: PeriodParams,
  expectedVersion: number | undefined,
  input: ManualValue,
  env: ServiceEnv,
): Promise<{ created: boolean; period: IndicatorPeriod }> {
  const { found, created } = await db.transaction(async (tx) => {
    const { found, indicator } = await forIndicatorChange(tx, actor, params.id, params.indicatorId)
    const ind = indicator!
    if (ind.source !== 'manual') throw conflict('objective.computed-not-entered', undefined)
    const period = periodOf(found, ind, params.period)
    if (periodState(period, agencyToday(env)) === 'future') throw invalidField('params.period', 'objective.field-period-future')
    if (ind.measure === 'percent' && input.value > 100) throw invalidField('value', 'objective.field-percent-max', { max: 100 })
    if (ind.measure === 'count' && !Number.isInteger(input.value)) throw invalidField('value', 'objective.field-count-integer')
    const [current] = await tx
      .select()
      .from(objectiveIndicatorValues)
      .where(and(eq(objectiveIndicatorValues.indicatorId, ind.id), eq(objectiveIndicatorValues.period, period.key)))
      .for('update')
    const note = input.note?.trim() || null
    if (current) {
      assertVersion(current, expectedVersion)
      const [row] = await tx
        .update(objectiveIndicatorValues)
        .set({ value: input.value, note, enteredById: actor.userId, enteredAt: env.now, version: current.version + 1, updatedAt: env.now })
        .where(eq(objectiveIndicatorValues.id, current.id))
        .returning()
      await recordAudit(tx, actor, { action: 'objective_indicator.value', entityType: 'objective_indicator', entityId: ind.id, before: valueRecord(current), after: valueRecord(row) })
      return { found, created: false }
    }
    const [row] = await tx
      .insert(objectiveIndicatorValues)
      .values({
        indicatorId: ind.id,
        period: period.key,
        periodStart: period.from,
        periodEnd: period.to,
        kind: 'manual',
        value: input.value,
        note,
        enteredById: actor.via === 'system' ? null : actor.userId,
        enteredAt: env.now,
        createdAt: env.now,
        updatedAt: env.now,
      })
      .returning()
    await recordAudit(tx, actor, { action: 'objective_indicator.value', entityType: 'objective_indicator', entityId: ind.id, after: valueRecord(row) })
    return { found, created: true }
  })
  return { created, period: await periodView(db, actor, found, params.indicatorId, params.period, env) }
}

function valueRecord(row: typeof objectiveIndicatorValues.$inferSelect) {
  return {
    id: row.id,
    period: row.period,
    kind: row.kind,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    note: row.note,
    frozenAt: row.frozenAt?.toISOString() ?? null,
    enteredById: row.enteredById,
    enteredAt: row.enteredAt?.toISOString() ?? null,
    version: row.version,
  }
}

/**
 * Computes a frozen period again from today's records (e.g. after dossiers were entered
 * late) and stores the new value; the audit entry keeps the old and the new one.
 */
export async function recomputePeriod(
  db: Db,
  actor: Actor,
  params: PeriodParams,
  expectedVersion: number | undefined,
  input: RecomputeBody,
  env: ServiceEnv,
): Promise<IndicatorPeriod> {
  requirePermission(actor, 'objective.recompute')
  const found = await readableObjective(db, actor, params.id)
  const [indicator] = await db
    .select()
    .from(objectiveIndicators)
    .where(and(eq(objectiveIndicators.id, params.indicatorId), eq(objectiveIndicators.objectiveId, params.id)))
  if (!indicator) throw notFound('indicator', params.indicatorId)
  if (indicator.source !== 'computed') throw conflict('objective.manual-not-recomputed', undefined)
  const period = periodOf(found, indicator, params.period)
  if (periodState(period, agencyToday(env)) !== 'ended') throw conflict('objective.period-not-ended', { period: period.key })
  // A read freezes the period first if nobody has read it since it ended.
  await evaluateIndicators(db, [inScope(found, indicator)], env, { freeze: true, actor })
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(objectiveIndicatorValues)
      .where(and(eq(objectiveIndicatorValues.indicatorId, indicator.id), eq(objectiveIndicatorValues.period, period.key)))
      .for('update')
    assertVersion(current, expectedVersion)
    const request = { unitId: found.objective.ownerUnitId, metric: indicator.metric!, category: indicator.category }
    const figures = await monthlyFigures(tx, [request], period.from, period.to, agencyToday(env), env.config.timeZone)
    const figure = sumMonths([...figures.values()][0], monthsOf(period))
    const [row] = await tx
      .update(objectiveIndicatorValues)
      .set({
        value: valueOf(indicator, figure),
        numerator: figure.part,
        denominator: indicator.measure === 'percent' ? figure.base : null,
        frozenAt: env.now,
        enteredById: actor.via === 'system' ? null : actor.userId,
        enteredAt: env.now,
        note: input.reason?.trim() || current.note,
        version: current.version + 1,
        updatedAt: env.now,
      })
      .where(eq(objectiveIndicatorValues.id, current.id))
      .returning()
    await recordAudit(tx, actor, {
      action: 'objective_indicator.recompute',
      entityType: 'objective_indicator',
      entityId: indicator.id,
      before: valueRecord(current),
      after: { ...valueRecord(row), reason: input.reason ?? null },
    })
  })
  return periodView(db, actor, found, indicator.id, period.key, env)
}
