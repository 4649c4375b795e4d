import { Type, type Static } from 'typebox'
import { CHECKLIST_CATEGORIES } from '../../../db/schema/checklist-templates.ts'
import { INDICATOR_FREQUENCIES, INDICATOR_MEASURES, INDICATOR_METRICS, INDICATOR_SOURCES } from '../../../db/schema/objectives.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'
import { NcSeverity } from '../nonconformities/schemas.ts'

export const IndicatorFrequency = Type.Enum([...INDICATOR_FREQUENCIES], { description: 'month, quarter, half_year or year: the periods of the objective\'s year' })
export const IndicatorMeasure = Type.Enum([...INDICATOR_MEASURES], { description: 'percent (0–100) or count' })
export const IndicatorSource = Type.Enum([...INDICATOR_SOURCES], { description: 'computed from the records of the owner unit\'s subtree, or manual (entered per period)' })
export const IndicatorMetric = Type.Enum([...INDICATOR_METRICS], {
  description:
    'dossiers_on_time (% resolved early or on time), dossiers_online (% received online), complaints_received (count), inspection_pass_rate (% of a checklist category\'s items passed), ncs_closed_on_time (% of NCs due in the period closed by their due date), documents_reviewed_on_time (% of reviews due in the period done by the review date)',
})
export const ChecklistCategory = Type.Enum([...CHECKLIST_CATEGORIES])
export const PeriodKey = Type.String({ pattern: '^(M(0[1-9]|1[0-2])|Q[1-4]|H[12]|Y)$', description: "M01…M12, Q1…Q4, H1, H2 or Y (the frequency's periods)" })

const UnitRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })
const PersonRef = Type.Object({ id: Uuid, fullName: Type.String() })

export const IndicatorPeriod = Type.Object({
  period: PeriodKey,
  from: DateOnly,
  to: DateOnly,
  state: Type.Enum(['ended', 'current', 'future'], { description: 'ended (before today), current (today is in it: the value so far), future' }),
  value: Nullable(Type.Number({ description: 'Percent (0–100, two decimals) or count; null when nothing was measured (no base, no entry, or the future)' })),
  numerator: Nullable(Type.Integer({ description: 'Computed shares: the part (e.g. items passed)' })),
  denominator: Nullable(Type.Integer({ description: 'Computed shares: the base (e.g. items passed or failed)' })),
  onTarget: Nullable(Type.Boolean({ description: 'Within the target; null without a value' })),
  trend: Nullable(Type.Enum(['up', 'down', 'same'], { description: 'Against the previous period (the first against the last of the year before); null when either has no value' })),
  improved: Nullable(Type.Boolean({ description: 'Whether the trend moves towards the target (a minimum: up; a maximum: down); null for a range or no trend' })),
  frozen: Type.Boolean({ description: 'A computed value stored when first computed after the period ended; it changes only by a recompute' }),
  frozenAt: Nullable(DateTime),
  valueId: Nullable(Type.String({ format: 'uuid', description: 'The stored value (the sourceId of a nonconformity raised from it)' })),
  version: Nullable(Type.Integer({ minimum: 1, description: "The stored value's version (If-Match for a change or a recompute)" })),
  enteredBy: Nullable(PersonRef),
  enteredAt: Nullable(DateTime),
  note: Nullable(Type.String()),
  nonconformity: Nullable(Type.Object({ id: Uuid, code: Type.String(), status: Type.String() }, { description: 'The live nonconformity raised from this period' })),
})
export type IndicatorPeriod = Static<typeof IndicatorPeriod>

const indicatorFields = {
  id: Uuid,
  objectiveId: Uuid,
  position: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  measure: IndicatorMeasure,
  targetMin: Nullable(Type.Number()),
  targetMax: Nullable(Type.Number()),
  frequency: IndicatorFrequency,
  source: IndicatorSource,
  metric: Nullable(IndicatorMetric),
  category: Nullable(ChecklistCategory),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
  latest: Nullable(IndicatorPeriod),
}

export const Indicator = Type.Object({ ...indicatorFields, periods: Type.Array(IndicatorPeriod, { description: "Every period of the objective's year, in order" }) })
export type Indicator = Static<typeof Indicator>

export const IndicatorSummary = Type.Object(indicatorFields, { description: 'An indicator with its latest value (the last period that has one)' })
export type IndicatorSummary = Static<typeof IndicatorSummary>

const objectiveFields = {
  id: Uuid,
  year: Type.Integer(),
  title: Type.String(),
  ownerUnit: UnitRef,
  policyStatement: Type.String(),
  createdBy: Nullable(PersonRef),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
}

export const Objective = Type.Object({ ...objectiveFields, indicators: Type.Array(Indicator) })
export type Objective = Static<typeof Objective>

export const ObjectiveSummary = Type.Object({ ...objectiveFields, indicators: Type.Array(IndicatorSummary) })
export type ObjectiveSummary = Static<typeof ObjectiveSummary>

export const ObjectivePage = Page(ObjectiveSummary)

const Year = Type.Integer({ minimum: 2000, maximum: 2100 })
const Title = Type.String({ minLength: 1, maxLength: 500 })
const Policy = Type.String({ minLength: 1, maxLength: 2000, description: 'The statement of the quality policy the objective serves' })
const Target = Type.Number({ minimum: 0, maximum: 1_000_000_000 })

export const CreateIndicator = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    measure: Type.Optional(IndicatorMeasure),
    targetMin: Type.Optional(Nullable(Target)),
    targetMax: Type.Optional(Nullable(Target)),
    frequency: IndicatorFrequency,
    source: IndicatorSource,
    metric: Type.Optional(Nullable(IndicatorMetric)),
    category: Type.Optional(Nullable(ChecklistCategory)),
  },
  {
    additionalProperties: false,
    description: "At least one of targetMin and targetMax. A computed indicator names its metric (and, for inspection_pass_rate, the category); its measure is the metric's. A percent target is at most 100.",
  },
)
export type CreateIndicator = Static<typeof CreateIndicator>

export const UpdateIndicator = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    targetMin: Type.Optional(Nullable(Target)),
    targetMax: Type.Optional(Nullable(Target)),
    frequency: Type.Optional(IndicatorFrequency),
    source: Type.Optional(IndicatorSource),
    measure: Type.Optional(IndicatorMeasure),
    metric: Type.Optional(Nullable(IndicatorMetric)),
    category: Type.Optional(Nullable(ChecklistCategory)),
  },
  { additionalProperties: false, minProperties: 1, description: 'What is measured (frequency, source, measure, metric, category) changes only while no value is stored' },
)
export type UpdateIndicator = Static<typeof UpdateIndicator>

export const CreateObjective = Type.Object(
  {
    year: Year,
    title: Title,
    ownerUnitId: Uuid,
    policyStatement: Policy,
    indicators: Type.Optional(Type.Array(CreateIndicator, { maxItems: 20 })),
  },
  { additionalProperties: false },
)
export type CreateObjective = Static<typeof CreateObjective>

export const UpdateObjective = Type.Object(
  {
    year: Type.Optional(Year),
    title: Type.Optional(Title),
    ownerUnitId: Type.Optional(Uuid),
    policyStatement: Type.Optional(Policy),
  },
  { additionalProperties: false, minProperties: 1, description: 'The year and the owner unit change only while no indicator value is stored' },
)
export type UpdateObjective = Static<typeof UpdateObjective>

export const ObjectiveQuery = Type.Object({
  year: Type.Optional(Year),
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'Objectives owned by this unit or a unit below it' })),
  ...ListQuery,
})
export type ObjectiveQuery = Static<typeof ObjectiveQuery>

export const IndicatorParams = Type.Object({ id: Uuid, indicatorId: Uuid })
export const PeriodParams = Type.Object({ id: Uuid, indicatorId: Uuid, period: PeriodKey })
export type PeriodParams = Static<typeof PeriodParams>

export const ManualValue = Type.Object(
  {
    value: Type.Number({ minimum: 0, maximum: 1_000_000_000, description: 'Percent 0–100 or a whole count' }),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
)
export type ManualValue = Static<typeof ManualValue>

export const RecomputeBody = Type.Object(
  { reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'Why (kept in the audit entry)' })) },
  { additionalProperties: false },
)
export type RecomputeBody = Static<typeof RecomputeBody>

export const RaiseFromPeriod = Type.Object(
  {
    severity: Type.Optional(NcSeverity),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    description: Type.Optional(Type.String({ maxLength: 10000 })),
    containment: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    dueDate: Type.Optional(DateOnly),
  },
  { additionalProperties: false },
)
export type RaiseFromPeriod = Static<typeof RaiseFromPeriod>
