import { Type, type Static } from 'typebox'
import { FINDING_CLASSIFICATIONS } from '../../../db/schema/findings.ts'
import { INDICATOR_MEASURES } from '../../../db/schema/objectives.ts'
import { MANAGEMENT_REVIEW_STATUSES, REVIEW_ACTION_STATUSES, REVIEW_DECISION_CATEGORIES } from '../../../db/schema/management-reviews.ts'
import { RISK_LEVELS } from '../../../db/schema/risks.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'
import { NonconformityMetrics } from '../nonconformities/schemas.ts'
import { ComplianceSummary, CriterionCell } from '../reports/schemas.ts'

export const ReviewStatus = Type.Enum([...MANAGEMENT_REVIEW_STATUSES], {
  description: 'draft (being prepared; its inputs are read live) | held (the meeting took place: inputs frozen, decisions recorded) | approved (the chair approved the minutes: read-only)',
})
export const DecisionCategory = Type.Enum([...REVIEW_DECISION_CATEGORIES], {
  description: 'The outputs of ISO 9001:2015 9.3.3: improvement (a: opportunities for improvement) | qms_change (b: changes needed to the QMS) | resources (c: resource needs)',
})
export const ActionStatus = Type.Enum([...REVIEW_ACTION_STATUSES])
const PersonRef = Type.Object({ id: Uuid, fullName: Type.String() })
const UnitRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })
const n = Type.Integer({ minimum: 0 })

/** Operations on a review, in the order of the workflow table (management-reviews/service.ts). */
export const REVIEW_OPERATIONS = ['update', 'hold', 'add-decision', 'approve', 'minutes'] as const
export const ReviewOperation = Type.Enum([...REVIEW_OPERATIONS])

// ——— the inputs (9.3.2), one section per item ———

const PreviousAction = Type.Object({
  reviewId: Uuid,
  reviewCode: Type.String(),
  decisionId: Uuid,
  description: Type.String(),
  owner: Type.String(),
  dueDate: DateOnly,
  status: ActionStatus,
  overdue: Type.Boolean({ description: 'Open and past its due date on asOf' }),
  completedOn: Nullable(DateOnly),
})

const DocumentChange = Type.Object({
  documentId: Uuid,
  code: Type.String(),
  title: Type.String(),
  issueNumber: Type.Integer(),
  change: Type.Enum(['published', 'obsoleted']),
  on: DateOnly,
})

const IndicatorResult = Type.Object({
  objective: Type.String(),
  year: Type.Integer(),
  unit: Type.String(),
  indicator: Type.String(),
  measure: Type.Enum([...INDICATOR_MEASURES]),
  targetMin: Nullable(Type.Number()),
  targetMax: Nullable(Type.Number()),
  periods: Type.Array(
    Type.Object({ period: Type.String(), from: DateOnly, to: DateOnly, value: Nullable(Type.Number()), onTarget: Nullable(Type.Boolean()) }),
    { description: "The indicator's periods within the review's period" },
  ),
})

const AuditItem = Type.Object({
  id: Uuid,
  number: Type.String(),
  unit: Type.String(),
  date: DateOnly,
  status: Type.String(),
  score: Nullable(Type.Number()),
  findingCount: n,
})

const byClassification = Type.Object(Object.fromEntries(FINDING_CLASSIFICATIONS.map((c) => [c, n])) as Record<(typeof FINDING_CLASSIFICATIONS)[number], typeof n>)

export const ReviewInputs = Type.Object(
  {
    frozen: Type.Boolean({ description: 'true: the figures taken when the review was held; false: a draft’s figures as of now' }),
    computedAt: DateTime,
    asOf: DateOnly,
    from: DateOnly,
    to: DateOnly,
    previousActions: Type.Object(
      { total: n, done: n, open: n, overdue: n, items: Type.Array(PreviousAction) },
      { description: '9.3.2 a: the actions decided by earlier reviews of the unit’s subtree (open ones, and those done since the period began)' },
    ),
    changes: Type.Object(
      {
        published: n,
        obsoleted: n,
        items: Type.Array(DocumentChange, { description: 'At most 30, the earliest first' }),
        clauseCoverage: Type.Object({ clauses: n, covered: n, uncovered: Type.Array(Type.String()) }, { description: 'The ISO 9001 clauses no published document covers (reports: clause coverage)' }),
      },
      { description: '9.3.2 b: documents published or made obsolete in the period; clause coverage now' },
    ),
    complaints: Type.Object(ComplianceSummary.properties.complaints.properties, { description: '9.3.2 c 1: complaints, denunciations and feedback received in the period' }),
    objectives: Type.Object(
      { indicators: n, periodsMeasured: n, periodsOnTarget: n, items: Type.Array(IndicatorResult) },
      { description: '9.3.2 c 2: the quality objectives’ indicators and their values in the period' },
    ),
    processPerformance: Type.Object(
      {
        dossiers: ComplianceSummary.properties.dossiers,
        inspections: ComplianceSummary.properties.inspections,
        criteria: Type.Array(CriterionCell, { description: 'Pass rates of the checklist criteria' }),
      },
      { description: '9.3.2 c 3: dossiers resolved on time, inspections and their results (reports: compliance summary)' },
    ),
    nonconformities: Type.Object(
      { metrics: NonconformityMetrics, overdueActions: n },
      { description: '9.3.2 c 4: nonconformities and corrective actions' },
    ),
    audits: Type.Object(
      { total: n, completed: n, findings: Type.Object({ total: n, open: n, byClassification }), items: Type.Array(AuditItem, { description: 'At most 30' }) },
      { description: '9.3.2 c 6: internal audits (inspections of kind internal_audit) in the period and their findings by classification' },
    ),
    risks: Type.Object(
      {
        actionsDue: n,
        actionsDoneOnTime: n,
        actionsDone: Type.Integer({ minimum: 0, description: 'Treatment actions completed in the period' }),
        actionsOverdue: Type.Integer({ minimum: 0, description: 'Open and past due on asOf' }),
        reassessed: n,
        lowered: n,
        raised: n,
        byLevel: Type.Object(Object.fromEntries(RISK_LEVELS.map((l) => [l, n])) as Record<(typeof RISK_LEVELS)[number], typeof n>, { description: 'Risks and opportunities not closed, by level' }),
      },
      { description: '9.3.2 e: the effectiveness of the actions taken on risks and opportunities' },
    ),
    improvements: Type.Object(
      { findings: Type.Integer({ minimum: 0, description: 'Findings classified improvement_opportunity in the period' }), opportunitiesRecorded: n, opportunitiesOpen: n },
      { description: '9.3.2 f: opportunities for improvement' },
    ),
  },
  { description: 'The inputs of ISO 9001:2015 9.3.2 computed from the records of the period and the unit’s subtree. 9.3.2 d (resources) is the review’s `resources` text.' },
)
export type ReviewInputs = Static<typeof ReviewInputs>

// ——— reviews and decisions ———

export const DECISION_OPERATIONS = ['update', 'complete'] as const

export const ReviewDecision = Type.Object({
  id: Uuid,
  reviewId: Uuid,
  category: DecisionCategory,
  description: Type.String(),
  owner: Nullable(PersonRef),
  dueDate: Nullable(DateOnly),
  status: Nullable(Type.Enum([...REVIEW_ACTION_STATUSES], { description: 'open | done; null: a decision that is not an action' })),
  overdue: Type.Boolean(),
  completedAt: Nullable(DateTime),
  completedBy: Nullable(PersonRef),
  completionNote: Nullable(Type.String()),
  allowedActions: Type.Array(Type.Enum([...DECISION_OPERATIONS])),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type ReviewDecision = Static<typeof ReviewDecision>

export const ManagementReview = Type.Object({
  id: Uuid,
  code: Type.String({ description: 'e.g. XXLĐ-0003' }),
  title: Type.String(),
  orgUnit: UnitRef,
  periodFrom: DateOnly,
  periodTo: DateOnly,
  meetingDate: DateOnly,
  location: Nullable(Type.String()),
  chair: PersonRef,
  status: ReviewStatus,
  heldAt: Nullable(DateTime),
  heldBy: Nullable(PersonRef),
  approvedAt: Nullable(DateTime),
  approvedBy: Nullable(PersonRef),
  openActions: Type.Integer({ minimum: 0, description: 'Decisions that are actions not done yet' }),
  allowedActions: Type.Array(ReviewOperation, { description: 'What the caller may do with this review now' }),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type ManagementReview = Static<typeof ManagementReview>

export const ManagementReviewDetail = Type.Object({
  ...ManagementReview.properties,
  attendees: Type.Array(PersonRef, { description: 'Who attended, by name' }),
  resources: Nullable(Type.String({ description: '9.3.2 d: the adequacy of resources, as the meeting noted it' })),
  conclusions: Nullable(Type.String()),
  inputs: ReviewInputs,
  decisions: Type.Array(ReviewDecision, { description: 'The outputs (9.3.3), in the order recorded' }),
})
export type ManagementReviewDetail = Static<typeof ManagementReviewDetail>

const Title = Type.String({ minLength: 1, maxLength: 500 })
const LongText = Type.String({ minLength: 1, maxLength: 8000 })
const Attendees = Type.Array(Uuid, { maxItems: 100, uniqueItems: true, description: 'Users who attend (the chair is always counted)' })

export const CreateReview = Type.Object(
  {
    title: Title,
    orgUnitId: Type.String({ format: 'uuid', description: 'The unit whose QMS is reviewed, with the units below it (the whole agency: its top unit)' }),
    periodFrom: DateOnly,
    periodTo: DateOnly,
    meetingDate: DateOnly,
    location: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
    chairId: Uuid,
    attendeeIds: Type.Optional(Attendees),
    resources: Type.Optional(Nullable(LongText)),
    conclusions: Type.Optional(Nullable(LongText)),
  },
  { additionalProperties: false },
)
export type CreateReview = Static<typeof CreateReview>

export const UpdateReview = Type.Object(
  {
    title: Type.Optional(Title),
    orgUnitId: Type.Optional(Uuid),
    periodFrom: Type.Optional(DateOnly),
    periodTo: Type.Optional(DateOnly),
    meetingDate: Type.Optional(DateOnly),
    location: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
    chairId: Type.Optional(Uuid),
    attendeeIds: Type.Optional(Attendees),
    resources: Type.Optional(Nullable(LongText)),
    conclusions: Type.Optional(Nullable(LongText)),
  },
  { additionalProperties: false, minProperties: 1, description: 'Once held, the period and the unit no longer change (its inputs are frozen); once approved, nothing does.' },
)
export type UpdateReview = Static<typeof UpdateReview>

export const CreateDecision = Type.Object(
  {
    category: DecisionCategory,
    description: LongText,
    ownerId: Type.Optional(Uuid),
    dueDate: Type.Optional(DateOnly),
  },
  { additionalProperties: false, description: 'With an owner and a due date (both or neither), the decision is an action, tracked open → done.' },
)
export type CreateDecision = Static<typeof CreateDecision>

export const UpdateDecision = Type.Object(
  { category: Type.Optional(DecisionCategory), description: Type.Optional(LongText), ownerId: Type.Optional(Uuid), dueDate: Type.Optional(DateOnly) },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateDecision = Static<typeof UpdateDecision>

export const CompleteDecision = Type.Object({ note: Type.String({ minLength: 1, maxLength: 4000, description: 'What was done' }) }, { additionalProperties: false })
export type CompleteDecision = Static<typeof CompleteDecision>

export const DecisionParams = Type.Object({ id: Uuid, decisionId: Uuid })
export type DecisionParams = Static<typeof DecisionParams>

export const ReviewQuery = Type.Object({
  status: Type.Optional(ReviewStatus),
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'Reviews of this unit or a unit below it' })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'The year of the meeting' })),
  ...ListQuery,
})
export type ReviewQuery = Static<typeof ReviewQuery>

export const ReviewPage = Page(ManagementReview)

export const MinutesQuery = Type.Object({
  format: Type.Optional(Type.Enum(['html', 'pdf'], { default: 'html', description: 'html (print from the browser) or pdf (A4, Nghị định 30/2020/NĐ-CP layout)' })),
})
export type MinutesQuery = Static<typeof MinutesQuery>
