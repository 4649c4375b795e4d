import { Type, type Static } from 'typebox'
import { CHECKLIST_CATEGORIES } from '../../../db/schema/checklist-templates.ts'
import { DateOnly, Nullable, Uuid } from '../../lib/schemas.ts'
import { NonconformityMetrics } from '../nonconformities/schemas.ts'

const n = Type.Integer({ minimum: 0 })
/** Every rate in the summary is a share between 0 and 1; null when there is nothing to divide by. */
const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'A share between 0 and 1; null when its base is 0' }))

export const ComplianceQuery = Type.Object({
  from: DateOnly,
  to: DateOnly,
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'The unit and the units below it; a head of unit defaults to their own unit' })),
})
export type ComplianceQuery = Static<typeof ComplianceQuery>

export const CriterionCell = Type.Object({
  category: Type.Enum([...CHECKLIST_CATEGORIES]),
  inspections: Type.Integer({ minimum: 0, description: 'Inspections that judged the criterion' }),
  passed: n,
  failed: n,
  notApplicable: n,
  passRate: Rate,
})
export type CriterionCell = Static<typeof CriterionCell>

export const UnitCriteria = Type.Object({
  orgUnitId: Uuid,
  code: Type.String(),
  name: Type.String(),
  cells: Type.Array(CriterionCell, { description: 'One per category the unit was judged on' }),
  passed: n,
  failed: n,
  passRate: Rate,
})
export type UnitCriteria = Static<typeof UnitCriteria>

export const SERIES_GRAINS = ['month', 'year'] as const
export type SeriesGrain = (typeof SERIES_GRAINS)[number]

export const MonthPoint = Type.Object({
  month: Type.String({ pattern: '^\\d{4}(-\\d{2})?$', description: "The month, 'YYYY-MM'; the calendar year, 'YYYY', when the summary's seriesGrain is 'year'" }),
  inspections: n,
  passRate: Rate,
  dossiersReceived: n,
  onlineShare: Rate,
  dossiersResolved: n,
  onTimeRate: Rate,
  nonconformitiesOpened: n,
  nonconformitiesClosed: n,
})
export type MonthPoint = Static<typeof MonthPoint>

export const OverdueAction = Type.Object({
  id: Uuid,
  description: Type.String(),
  dueDate: DateOnly,
  daysOverdue: n,
  nonconformityId: Uuid,
  nonconformityCode: Type.String(),
  ownerName: Type.String(),
  orgUnitName: Type.String(),
})

export const DocumentDue = Type.Object({
  id: Uuid,
  code: Type.String(),
  title: Type.String(),
  nextReviewDue: DateOnly,
  overdue: Type.Boolean(),
  owningUnitName: Type.String(),
})

export const ComplianceSummary = Type.Object({
  from: DateOnly,
  to: DateOnly,
  orgUnit: Nullable(Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })),
  asOf: DateOnly,
  latestActivityOn: Nullable(
    Type.String({
      format: 'date',
      description: 'The latest day, up to today, with a completed inspection or a dossier received in the scope (null when there is none): where to look when the period has neither',
    }),
  ),
  inspections: Type.Object({
    total: n,
    byKind: Type.Object({ self: n, internal: n, briefing: n, unannounced: n, internal_audit: n }),
    byStatus: Type.Object({ planned: n, in_progress: n, completed: n, cancelled: n }),
    unitsInspected: n,
    averageScore: Nullable(Type.Number({ description: 'Mean score (0–100) of completed inspections' })),
  }),
  criteria: Type.Object({
    overall: Type.Array(CriterionCell),
    units: Type.Array(UnitCriteria),
  }),
  findings: Type.Object({
    total: n,
    open: n,
    byClassification: Type.Object({ major_nc: n, minor_nc: n, observation: n, improvement_opportunity: n }),
    byHandling: Type.Object({ on_spot_reminder: n, criticism: n, self_review: n, nc_raised: n, none: n }),
  }),
  nonconformities: NonconformityMetrics,
  overdueActions: Type.Object({ total: n, items: Type.Array(OverdueAction, { description: 'The most overdue first, at most 10' }) }),
  documents: Type.Object({
    dueForReview: Type.Integer({ minimum: 0, description: 'Published documents due for review within 30 days of asOf, overdue ones included' }),
    overdue: n,
    items: Type.Array(DocumentDue, { description: 'The earliest due first, at most 10' }),
  }),
  dossiers: Type.Object({
    received: n,
    receivedOnline: n,
    onlineShare: Rate,
    resolved: n,
    resolvedOnTime: Type.Integer({ minimum: 0, description: 'Early or on time' }),
    onTimeRate: Rate,
    pendingNotDue: n,
    pendingOverdue: n,
  }),
  complaints: Type.Object({ total: n, complaint: n, denunciation: n, feedback: n }),
  seriesGrain: Type.Enum([...SERIES_GRAINS], {
    description: "The series' steps: months for periods of up to 24 months, calendar years beyond (the first and last clipped to the period)",
  }),
  monthly: Type.Array(MonthPoint),
})
export type ComplianceSummary = Static<typeof ComplianceSummary>

export const COMPLIANCE_TABLES = ['criteria', 'inspections', 'findings', 'monthly', 'overdue-actions', 'documents-due'] as const
export type ComplianceTable = (typeof COMPLIANCE_TABLES)[number]

export const ComplianceExportQuery = Type.Object({
  ...ComplianceQuery.properties,
  table: Type.Enum([...COMPLIANCE_TABLES]),
  format: Type.Enum(['csv', 'xlsx']),
  lang: Type.Optional(Type.Enum(['vi', 'en'], { description: 'Column headings; Vietnamese by default' })),
})
export type ComplianceExportQuery = Static<typeof ComplianceExportQuery>
