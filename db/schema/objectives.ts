import { sql } from 'drizzle-orm'
import { check, date, doublePrecision, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { CHECKLIST_CATEGORIES } from './checklist-templates.ts'
import { id, inList, instant, timestamps, version } from './columns.ts'
import { orgUnits } from './org-units.ts'
import { users } from './users.ts'

/** How often an indicator is measured: the periods of the objective's year. */
export const INDICATOR_FREQUENCIES = ['month', 'quarter', 'half_year', 'year'] as const
export type IndicatorFrequency = (typeof INDICATOR_FREQUENCIES)[number]

/** A share in percent (0–100) or a count. */
export const INDICATOR_MEASURES = ['percent', 'count'] as const
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number]

/** Computed from the records of the owner unit's subtree, or entered by hand per period. */
export const INDICATOR_SOURCES = ['computed', 'manual'] as const
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number]

/**
 * What a computed indicator measures (server/modules/objectives/indicator-values.ts):
 * - dossiers_on_time: dossiers resolved in the period, share resolved early or on time (%);
 * - dossiers_online: dossiers received in the period, share received online (%);
 * - complaints_received: complaints, denunciations and feedback received (count);
 * - inspection_pass_rate: checklist items of a category passed, over passed + failed (%);
 * - ncs_closed_on_time: nonconformities due in the period, share closed by their due date (%);
 * - documents_reviewed_on_time: document reviews due in the period, share done by the review date (%).
 */
export const INDICATOR_METRICS = [
  'dossiers_on_time',
  'dossiers_online',
  'complaints_received',
  'inspection_pass_rate',
  'ncs_closed_on_time',
  'documents_reviewed_on_time',
] as const
export type IndicatorMetric = (typeof INDICATOR_METRICS)[number]

/** The measure each metric is in: everything is a share but the complaint count. */
export const METRIC_MEASURE: Record<IndicatorMetric, IndicatorMeasure> = {
  dossiers_on_time: 'percent',
  dossiers_online: 'percent',
  complaints_received: 'count',
  inspection_pass_rate: 'percent',
  ncs_closed_on_time: 'percent',
  documents_reviewed_on_time: 'percent',
}

/** Quality objectives (mục tiêu chất lượng, ISO 9001 clause 6.2): one per year, owner unit and aim. */
export const qualityObjectives = pgTable(
  'quality_objectives',
  {
    id: id(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    /** The statement of the quality policy (chính sách chất lượng) the objective serves. */
    policyStatement: text('policy_statement').notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('quality_objectives_year_idx').on(t.year, t.createdAt, t.id),
    index('quality_objectives_owner_unit_idx').on(t.ownerUnitId, t.year),
    check('quality_objectives_year_valid', sql`${t.year} between 2000 and 2100`),
    check('quality_objectives_title_not_blank', sql`length(trim(${t.title})) > 0`),
    check('quality_objectives_policy_not_blank', sql`length(trim(${t.policyStatement})) > 0`),
  ],
)

/** What an objective is measured by, with its target (a minimum and/or a maximum). */
export const objectiveIndicators = pgTable(
  'objective_indicators',
  {
    id: id(),
    objectiveId: uuid('objective_id')
      .notNull()
      .references(() => qualityObjectives.id, { onDelete: 'restrict' }),
    /** The order on the objective's page. */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    measure: text('measure').$type<IndicatorMeasure>().notNull(),
    targetMin: doublePrecision('target_min'),
    targetMax: doublePrecision('target_max'),
    frequency: text('frequency').$type<IndicatorFrequency>().notNull(),
    source: text('source').$type<IndicatorSource>().notNull(),
    metric: text('metric').$type<IndicatorMetric>(),
    /** The checklist category of an inspection_pass_rate indicator (id_badge, attendance, …). */
    category: text('category'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('objective_indicators_position_key').on(t.objectiveId, t.position),
    check('objective_indicators_name_not_blank', sql`length(trim(${t.name})) > 0`),
    check('objective_indicators_measure_valid', sql`${t.measure} in (${inList(INDICATOR_MEASURES)})`),
    check('objective_indicators_frequency_valid', sql`${t.frequency} in (${inList(INDICATOR_FREQUENCIES)})`),
    check('objective_indicators_source_valid', sql`${t.source} in (${inList(INDICATOR_SOURCES)})`),
    check('objective_indicators_metric_valid', sql`${t.metric} is null or ${t.metric} in (${inList(INDICATOR_METRICS)})`),
    check('objective_indicators_category_valid', sql`${t.category} is null or ${t.category} in (${inList(CHECKLIST_CATEGORIES)})`),
    check('objective_indicators_has_target', sql`${t.targetMin} is not null or ${t.targetMax} is not null`),
    check('objective_indicators_target_order', sql`${t.targetMin} is null or ${t.targetMax} is null or ${t.targetMin} <= ${t.targetMax}`),
    check('objective_indicators_computed_has_metric', sql`(${t.source} = 'computed') = (${t.metric} is not null)`),
    check('objective_indicators_category_with_pass_rate', sql`(${t.metric} is not distinct from 'inspection_pass_rate') = (${t.category} is not null)`),
  ],
)

export const VALUE_KINDS = ['computed', 'manual'] as const
export type ValueKind = (typeof VALUE_KINDS)[number]

/**
 * The stored value of an indicator for one period of its year ('M01'…'M12', 'Q1'…'Q4',
 * 'H1', 'H2', 'Y'): a computed value frozen when it was first computed after the period
 * ended (a manager may recompute it), or a value entered by hand. A nonconformity raised
 * from an off-target period points at this row (source `objective`).
 */
export const objectiveIndicatorValues = pgTable(
  'objective_indicator_values',
  {
    id: id(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => objectiveIndicators.id, { onDelete: 'restrict' }),
    period: text('period').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    kind: text('kind').$type<ValueKind>().notNull(),
    value: doublePrecision('value').$type<number | null>(),
    /** Computed shares: the part and the base (items passed of items judged, …). */
    numerator: integer('numerator'),
    denominator: integer('denominator'),
    /** When the computed value was frozen (or last recomputed). */
    frozenAt: instant('frozen_at'),
    /** Who entered a manual value, or last recomputed a computed one. */
    enteredById: uuid('entered_by_id').references(() => users.id, { onDelete: 'set null' }),
    enteredAt: instant('entered_at'),
    note: text('note'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('objective_indicator_values_period_key').on(t.indicatorId, t.period),
    check('objective_indicator_values_kind_valid', sql`${t.kind} in (${inList(VALUE_KINDS)})`),
    check('objective_indicator_values_period_valid', sql`${t.period} ~ '^(M(0[1-9]|1[0-2])|Q[1-4]|H[12]|Y)$'`),
    check('objective_indicator_values_dates_ordered', sql`${t.periodStart} <= ${t.periodEnd}`),
    check('objective_indicator_values_computed_frozen', sql`${t.kind} <> 'computed' or ${t.frozenAt} is not null`),
    check('objective_indicator_values_manual_entered', sql`${t.kind} <> 'manual' or (${t.value} is not null and ${t.enteredAt} is not null)`),
  ],
)

export type QualityObjectiveRow = typeof qualityObjectives.$inferSelect
export type ObjectiveIndicatorRow = typeof objectiveIndicators.$inferSelect
export type ObjectiveIndicatorValueRow = typeof objectiveIndicatorValues.$inferSelect
