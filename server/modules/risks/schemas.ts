import { Type, type Static } from 'typebox'
import { RISK_ACTION_STATUSES, RISK_KINDS, RISK_LEVELS, RISK_STATUSES } from '../../../db/schema/risks.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'

export const RiskKind = Type.Enum([...RISK_KINDS], { description: 'risk (rủi ro) | opportunity (cơ hội)' })
export const RiskStatus = Type.Enum([...RISK_STATUSES], {
  description: 'open (being dealt with) | treated (its treatment is done) | accepted (kept as it is, knowingly) | closed (no longer relevant)',
})
export const RiskLevel = Type.Enum([...RISK_LEVELS], { description: 'From the score and the QMS_RISK_LEVELS thresholds (default: ≤4 low, ≤9 medium, ≤15 high, else critical)' })
export const RiskActionStatus = Type.Enum([...RISK_ACTION_STATUSES])
const Scale = (what: string) => Type.Integer({ minimum: 1, maximum: 5, description: `${what}, 1 (lowest) to 5 (highest)` })
const Likelihood = Scale('How likely it is')
const Impact = Scale('How much it would matter')
const PersonRef = Type.Object({ id: Uuid, fullName: Type.String() })
const UnitRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })

/** Operations on a risk, in the order of the workflow table (risks/service.ts). */
export const RISK_OPERATIONS = ['update', 'reassess', 'add-action', 'treat', 'accept', 'close', 'reopen'] as const
export const RiskOperation = Type.Enum([...RISK_OPERATIONS])

export const Risk = Type.Object({
  id: Uuid,
  code: Type.String({ description: 'e.g. RR-0007' }),
  kind: RiskKind,
  process: Nullable(Type.String()),
  orgUnit: Nullable(UnitRef),
  title: Type.String(),
  cause: Type.String(),
  effect: Type.String(),
  likelihood: Likelihood,
  impact: Impact,
  score: Type.Integer({ minimum: 1, maximum: 25, description: 'likelihood × impact of the latest assessment' }),
  level: RiskLevel,
  status: RiskStatus,
  reviewDate: Nullable(DateOnly),
  reviewDue: Type.Boolean({ description: 'Not closed and its review date is today or past (agency time zone); computed, never stored' }),
  owner: PersonRef,
  openActions: Type.Integer({ minimum: 0, description: 'Treatment actions not done yet' }),
  allowedActions: Type.Array(RiskOperation, { description: 'What the caller may do with this risk now' }),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type Risk = Static<typeof Risk>

export const RiskAssessment = Type.Object({
  id: Uuid,
  likelihood: Likelihood,
  impact: Impact,
  score: Type.Integer({ minimum: 1, maximum: 25 }),
  level: RiskLevel,
  note: Nullable(Type.String()),
  assessedBy: Nullable(PersonRef),
  assessedAt: DateTime,
})
export type RiskAssessment = Static<typeof RiskAssessment>

export const RISK_ACTION_OPERATIONS = ['update', 'complete'] as const

export const RiskAction = Type.Object({
  id: Uuid,
  riskId: Uuid,
  description: Type.String(),
  owner: PersonRef,
  dueDate: DateOnly,
  status: RiskActionStatus,
  overdue: Type.Boolean({ description: 'Open and past its due date (agency time zone)' }),
  completedAt: Nullable(DateTime),
  completedBy: Nullable(PersonRef),
  completionNote: Nullable(Type.String()),
  allowedActions: Type.Array(Type.Enum([...RISK_ACTION_OPERATIONS])),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type RiskAction = Static<typeof RiskAction>

export const RiskDetail = Type.Object({
  ...Risk.properties,
  assessments: Type.Array(RiskAssessment, { description: 'Every assessment, newest first; the first is the current score' }),
  actions: Type.Array(RiskAction, { description: 'Treatment actions, by due date' }),
})
export type RiskDetail = Static<typeof RiskDetail>

const Title = Type.String({ minLength: 1, maxLength: 500 })
const LongText = Type.String({ minLength: 1, maxLength: 4000 })
const Process = Type.String({ minLength: 1, maxLength: 500, description: 'The process, in the agency’s words, e.g. "Tiếp nhận và trả kết quả hồ sơ"' })
const Note = Type.String({ minLength: 1, maxLength: 4000 })

export const CreateRisk = Type.Object(
  {
    kind: RiskKind,
    process: Type.Optional(Nullable(Process)),
    orgUnitId: Type.Optional(Nullable(Uuid)),
    title: Title,
    cause: LongText,
    effect: LongText,
    likelihood: Likelihood,
    impact: Impact,
    reviewDate: Type.Optional(Nullable(DateOnly)),
    ownerId: Uuid,
    note: Type.Optional(Note),
  },
  { additionalProperties: false, description: 'A process, a unit, or both. The likelihood and impact are the first assessment.' },
)
export type CreateRisk = Static<typeof CreateRisk>

export const UpdateRisk = Type.Object(
  {
    kind: Type.Optional(RiskKind),
    process: Type.Optional(Nullable(Process)),
    orgUnitId: Type.Optional(Nullable(Uuid)),
    title: Type.Optional(Title),
    cause: Type.Optional(LongText),
    effect: Type.Optional(LongText),
    reviewDate: Type.Optional(Nullable(DateOnly)),
    ownerId: Type.Optional(Uuid),
    status: Type.Optional(RiskStatus),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'The likelihood and impact change only by a re-assessment (POST …/assessments). A closed risk only reopens (status open).',
  },
)
export type UpdateRisk = Static<typeof UpdateRisk>

export const Reassess = Type.Object(
  {
    likelihood: Likelihood,
    impact: Impact,
    note: Type.Optional(Note),
    reviewDate: Type.Optional(Nullable(DateOnly)),
  },
  { additionalProperties: false, description: 'With reviewDate, the next review date too.' },
)
export type Reassess = Static<typeof Reassess>

export const CreateRiskAction = Type.Object(
  { description: LongText, ownerId: Uuid, dueDate: DateOnly },
  { additionalProperties: false },
)
export type CreateRiskAction = Static<typeof CreateRiskAction>

export const UpdateRiskAction = Type.Object(
  { description: Type.Optional(LongText), ownerId: Type.Optional(Uuid), dueDate: Type.Optional(DateOnly) },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateRiskAction = Static<typeof UpdateRiskAction>

export const CompleteRiskAction = Type.Object({ note: Type.String({ minLength: 1, maxLength: 4000, description: 'What was done' }) }, { additionalProperties: false })
export type CompleteRiskAction = Static<typeof CompleteRiskAction>

export const RiskActionParams = Type.Object({ id: Uuid, actionId: Uuid })
export type RiskActionParams = Static<typeof RiskActionParams>

const filters = {
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'Including the units below it' })),
  kind: Type.Optional(RiskKind),
  level: Type.Optional(RiskLevel),
  status: Type.Optional(RiskStatus),
  likelihood: Type.Optional(Likelihood),
  impact: Type.Optional(Impact),
  reviewOverdue: Type.Optional(Type.Boolean({ description: 'true: not closed and the review date is today or past; false: the others' })),
  ownerId: Type.Optional(Uuid),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Code (RR-0007), title or process' })),
}

export const RiskQuery = Type.Object({ ...filters, ...ListQuery })
export type RiskQuery = Static<typeof RiskQuery>

export const RiskPage = Page(Risk)

export const HeatMapQuery = Type.Object(filters)
export type HeatMapQuery = Static<typeof HeatMapQuery>

const Count = Type.Integer({ minimum: 0 })
export const HeatMap = Type.Object({
  thresholds: Type.Object(
    { low: Type.Integer(), medium: Type.Integer(), high: Type.Integer() },
    { description: 'The highest score of each level (QMS_RISK_LEVELS); above high is critical' },
  ),
  total: Count,
  cells: Type.Array(
    Type.Object({ likelihood: Likelihood, impact: Impact, score: Type.Integer(), level: RiskLevel, count: Count }),
    { description: 'All 25 cells, likelihood 5 → 1, impact 1 → 5 in each', minItems: 25, maxItems: 25 },
  ),
})
export type HeatMap = Static<typeof HeatMap>
