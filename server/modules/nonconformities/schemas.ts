import { Type, type Static } from 'typebox'
import { CAUSE_CATEGORIES, NC_SEVERITIES, NC_SOURCES, NC_STATUSES } from '../../../db/schema/nonconformities.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'
import { Action, PersonRef } from './actions/schemas.ts'
import { UnitRef } from '../users/schemas.ts'
import { NC_WORKFLOW } from './transitions.ts'
import { ClauseNumber } from '../iso-clauses/schemas.ts'

export const NcSource = Type.Enum([...NC_SOURCES], { description: 'finding | complaint | internal_audit | late_dossier | management_review | objective | other' })
export const NcSeverity = Type.Enum([...NC_SEVERITIES], { description: 'major | minor' })
export const NcStatus = Type.Enum([...NC_STATUSES], {
  description: 'draft → analysis → action_planned → in_progress → pending_verification → verified → closed; cancelled',
})
export const CauseCategory = Type.Enum([...CAUSE_CATEGORIES])

/** The operations of the workflow (`update`, `add-action` and the steps): what `allowedActions` lists. */
export const NcOperation = Type.Enum([...NC_WORKFLOW.ops])


export const RootCause = Type.Object(
  {
    whys: Type.Array(
      Type.Object(
        {
          why: Type.String({ minLength: 1, maxLength: 2000 }),
          because: Type.String({ maxLength: 2000, description: 'May stay empty while the analysis is in progress' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10, description: 'The 5-why chain: each answer is the next question' },
    ),
    categories: Type.Array(CauseCategory, { uniqueItems: true, maxItems: CAUSE_CATEGORIES.length }),
    summary: Type.String({ maxLength: 4000, description: 'The root cause in one or two sentences; required before planning' }),
  },
  { additionalProperties: false },
)
export type RootCause = Static<typeof RootCause>

export const Verification = Type.Object({
  id: Uuid,
  round: Type.Integer({ minimum: 1 }),
  verifier: PersonRef,
  effective: Type.Boolean(),
  note: Type.String(),
  verifiedAt: DateTime,
})
export type Verification = Static<typeof Verification>

export const TimelineEvent = Type.Object({
  id: Uuid,
  at: DateTime,
  actor: Nullable(PersonRef),
  actorName: Type.String(),
  action: Type.String({ description: 'create, update, analyze, plan, start, submit-verification, verify, close, cancel, action.add, action.update, action.complete' }),
  fromStatus: Nullable(NcStatus),
  toStatus: Nullable(NcStatus),
  details: Nullable(Type.Record(Type.String(), Type.Unknown())),
})
export type TimelineEvent = Static<typeof TimelineEvent>

const summaryFields = {
  id: Uuid,
  number: Type.Integer({ minimum: 1 }),
  code: Type.String({ description: 'NC-0001' }),
  source: NcSource,
  sourceId: Nullable(Uuid),
  orgUnitId: Uuid,
  orgUnit: UnitRef,
  title: Type.String(),
  severity: NcSeverity,
  status: NcStatus,
  clauseNumbers: Type.Array(Type.String()),
  detectedOn: DateOnly,
  dueDate: DateOnly,
  overdue: Type.Boolean({ description: 'Open and past its due date, or with an open action past its due date; computed, never stored' }),
  daysOverdue: Type.Integer({ minimum: 0 }),
  actionsTotal: Type.Integer({ minimum: 0 }),
  actionsOpen: Type.Integer({ minimum: 0 }),
  actionsOverdue: Type.Integer({ minimum: 0 }),
  createdBy: Nullable(PersonRef),
  closedAt: Nullable(DateTime),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
}

export const NonconformitySummary = Type.Object(summaryFields)
export type NonconformitySummary = Static<typeof NonconformitySummary>

export const Nonconformity = Type.Object({
  ...summaryFields,
  description: Type.String(),
  containment: Nullable(Type.String()),
  rootCause: Nullable(RootCause),
  analyzedAt: Nullable(DateTime),
  analyzedBy: Nullable(PersonRef),
  plannedAt: Nullable(DateTime),
  plannedBy: Nullable(PersonRef),
  verificationPlannedDate: Nullable(DateOnly),
  startedAt: Nullable(DateTime),
  submittedAt: Nullable(DateTime),
  closedBy: Nullable(PersonRef),
  closingNote: Nullable(Type.String()),
  cancelledAt: Nullable(DateTime),
  cancelledBy: Nullable(PersonRef),
  cancelReason: Nullable(Type.String()),
  actions: Type.Array(Action),
  verifications: Type.Array(Verification, { description: 'Every effectiveness check, oldest first (not-effective ones too)' }),
  timeline: Type.Array(TimelineEvent, { description: 'Every transition and change, oldest first' }),
  allowedActions: Type.Array(NcOperation, { description: 'What the caller may do now (state, role, unit and separation of duties)' }),
})
export type Nonconformity = Static<typeof Nonconformity>

const Title = Type.String({ minLength: 1, maxLength: 500 })
const Description = Type.String({ maxLength: 10000 })
const Containment = Type.String({ maxLength: 4000, description: 'What was done at once to contain the problem' })

export const CreateNonconformity = Type.Object(
  {
    source: NcSource,
    sourceId: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'The finding, complaint, audit, dossier or indicator period (objective: the `valueId` of an off-target period); required for finding, late_dossier and objective' }))),
    orgUnitId: Uuid,
    title: Title,
    description: Type.Optional(Description),
    severity: NcSeverity,
    clauseNumbers: Type.Optional(Type.Array(ClauseNumber, { uniqueItems: true, maxItems: 20 })),
    containment: Type.Optional(Nullable(Containment)),
    detectedOn: Type.Optional(Type.String({ format: 'date', description: 'When it was found; today by default' })),
    dueDate: Type.Optional(Type.String({ format: 'date', description: 'When it should be closed; by default detectedOn + 30 days (major) or 60 days (minor)' })),
  },
  { additionalProperties: false },
)
export type CreateNonconformity = Static<typeof CreateNonconformity>

/** Raising a nonconformity from a record (a finding, a late dossier): what the record does not already say. */
export const RaiseNonconformity = Type.Object(
  {
    severity: Type.Optional(NcSeverity),
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    clauseNumbers: Type.Optional(Type.Array(ClauseNumber, { uniqueItems: true, maxItems: 20 })),
    containment: Type.Optional(Nullable(Containment)),
    dueDate: Type.Optional(Type.String({ format: 'date', description: 'By default detection + 30 days (major) or 60 days (minor)' })),
  },
  { additionalProperties: false },
)
export type RaiseNonconformity = Static<typeof RaiseNonconformity>

export const UpdateNonconformity = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    severity: Type.Optional(NcSeverity),
    clauseNumbers: Type.Optional(Type.Array(ClauseNumber, { uniqueItems: true, maxItems: 20 })),
    containment: Type.Optional(Nullable(Containment)),
    detectedOn: Type.Optional(DateOnly),
    dueDate: Type.Optional(DateOnly),
    orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'Only while draft' })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateNonconformity = Static<typeof UpdateNonconformity>

export const NonconformityQuery = Type.Object({
  status: Type.Optional(Type.Array(NcStatus, { description: 'Repeat for several: status=draft&status=analysis' })),
  open: Type.Optional(Type.Boolean({ description: 'true: not closed or cancelled; false: closed or cancelled' })),
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'Includes the units below it' })),
  overdue: Type.Optional(Type.Boolean()),
  severity: Type.Optional(NcSeverity),
  source: Type.Optional(NcSource),
  sourceId: Type.Optional(Type.String({ format: 'uuid' })),
  actionOwnerId: Type.Optional(Type.String({ format: 'uuid', description: 'NCs with an action owned by this user' })),
  from: Type.Optional(Type.String({ format: 'date', description: 'Detected on or after this date' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Detected on or before this date' })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches code, title or description, ignoring case and diacritics' })),
  ...ListQuery,
})
export type NonconformityQuery = Static<typeof NonconformityQuery>

const { limit: _limit, cursor: _cursor, ...registerFilters } = NonconformityQuery.properties
export const NcRegisterQuery = Type.Object(
  {
    ...registerFilters,
    format: Type.Optional(Type.Enum(['xlsx', 'csv'], { description: 'xlsx (default) or csv' })),
    lang: Type.Optional(Type.Enum(['vi', 'en'], { description: 'Headings and labels: vi (default) or en' })),
  },
  { additionalProperties: false },
)
export type NcRegisterQuery = Static<typeof NcRegisterQuery>

export const NonconformityPage = Page(NonconformitySummary)

export const AnalyzeBody = Type.Object({ rootCause: RootCause }, { additionalProperties: false })
export type AnalyzeBody = Static<typeof AnalyzeBody>

export const PlanBody = Type.Object(
  { verificationPlannedDate: Type.Optional(Type.String({ format: 'date', description: 'When the effectiveness check is planned' })) },
  { additionalProperties: false },
)
export type PlanBody = Static<typeof PlanBody>

export const EmptyBody = Type.Object({}, { additionalProperties: false })

export const VerifyBody = Type.Object(
  {
    effective: Type.Boolean({ description: 'false sends the NC back to in_progress; the check stays on record' }),
    note: Type.String({ minLength: 1, maxLength: 4000, description: 'What was checked and what it showed' }),
  },
  { additionalProperties: false },
)
export type VerifyBody = Static<typeof VerifyBody>

export const CloseBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false })
export type CloseBody = Static<typeof CloseBody>

export const CancelBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })
export type CancelBody = Static<typeof CancelBody>

export const MetricsQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date', description: 'NCs detected on or after this date' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'NCs detected on or before this date' })),
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'Includes the units below it' })),
})
export type MetricsQuery = Static<typeof MetricsQuery>

const Share = Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'count / base; null when the base is 0' }))

export const NonconformityMetrics = Type.Object({
  from: Nullable(DateOnly),
  to: Nullable(DateOnly),
  orgUnitId: Nullable(Uuid),
  raised: Type.Integer({ minimum: 0, description: 'NCs detected in the period, cancelled ones excluded' }),
  open: Type.Integer({ minimum: 0 }),
  overdue: Type.Integer({ minimum: 0, description: 'Open and overdue today' }),
  closed: Type.Integer({ minimum: 0 }),
  cancelled: Type.Integer({ minimum: 0 }),
  daysToClose: Type.Object({
    average: Nullable(Type.Number({ description: 'Calendar days from detection to closure, over closed NCs' })),
    median: Nullable(Type.Number()),
    max: Nullable(Type.Integer()),
  }),
  closedOnTime: Type.Object({
    count: Type.Integer({ minimum: 0, description: 'Closed on or before their due date' }),
    base: Type.Integer({ minimum: 0, description: 'Closed NCs' }),
    share: Share,
  }),
  effectiveAtFirstCheck: Type.Object({
    count: Type.Integer({ minimum: 0, description: 'NCs whose first effectiveness check found the actions effective' }),
    base: Type.Integer({ minimum: 0, description: 'NCs with at least one check' }),
    share: Share,
  }),
})
export type NonconformityMetrics = Static<typeof NonconformityMetrics>
