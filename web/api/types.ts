/**
 * Shapes the web app reads from the API. They come from the server's TypeBox schemas
 * (type-only imports: nothing of the server reaches the bundle).
 */
import type { Role } from '../../db/schema/users.ts'
export type { Role }
export type { User } from '../../server/modules/users/schemas.ts'
export type { OrgUnit } from '../../server/modules/org-units/schemas.ts'
export type { SessionInfo } from '../../server/modules/auth/schemas.ts'
export type { AuditEntry } from '../../server/modules/audit-log/schemas.ts'
export type { ApiToken } from '../../server/modules/api-tokens/schemas.ts'
export type {
  Nonconformity,
  NonconformityMetrics,
  NonconformitySummary,
  RootCause,
  TimelineEvent,
  Verification,
} from '../../server/modules/nonconformities/schemas.ts'
export type { Action } from '../../server/modules/nonconformities/actions/schemas.ts'
export type { Notification } from '../../server/modules/notifications/schemas.ts'
export type { CauseCategory, NcSeverity, NcSource, NcStatus } from '../../db/schema/nonconformities.ts'
export type { ActionType } from '../../db/schema/actions.ts'

export const ROLES = ['admin', 'manager', 'auditor', 'dept_head', 'staff'] as const satisfies readonly Role[]
export type {
  Document,
  Revision,
  RevisionSummary,
  Signoff,
  ReviewDueItem,
  TransitionSummary,
  RevisionAction,
  DocumentStatus,
} from '../../server/modules/documents/schemas.ts'
export type { IsoClause } from '../../server/modules/iso-clauses/schemas.ts'
export type { ClauseCoverage, CoverageReport } from '../../server/modules/reports/coverage-schemas.ts'
export type { Procedure } from '../../server/modules/procedures/schemas.ts'
export type { CalendarDay } from '../../server/modules/calendar/schemas.ts'
export type { Dossier, DossierEvent, DossierStats, StatsRow, ImportJob, ImportReport, ImportRowError, DossierAction } from '../../server/modules/dossiers/schemas.ts'
export type { Attachment } from '../../server/modules/attachments/schemas.ts'
export type { ChecklistItem, ChecklistTemplate } from '../../server/modules/checklist-templates/schemas.ts'
export type { Inspection, InspectionResponse, InspectionSummary, ResponseInput } from '../../server/modules/inspections/schemas.ts'
export type { Finding, PersonRef } from '../../server/modules/findings/schemas.ts'
export type { Complaint } from '../../server/modules/complaints/schemas.ts'
export type { ComplianceSummary, CriterionCell, MonthPoint, UnitCriteria } from '../../server/modules/reports/schemas.ts'
export type { ParReport } from '../../server/modules/reports/par-schemas.ts'
export type { ReportDraft, ReportDraftDetail, NarrativeKey } from '../../server/modules/reports/drafts/schemas.ts'
export type { MyWork, MyWorkGroup, MyWorkGroupKey, MyWorkItem, Urgency, WaitingFor } from '../../server/modules/my-work/schemas.ts'
export type { MailPreferences, OutboxMail } from '../../server/modules/mail/schemas.ts'
export type { Indicator, IndicatorPeriod, IndicatorSummary, Objective, ObjectiveSummary } from '../../server/modules/objectives/schemas.ts'
export type { HeatMap, Risk, RiskAction, RiskAssessment, RiskDetail } from '../../server/modules/risks/schemas.ts'
export type { ManagementReview, ManagementReviewDetail, ReviewDecision, ReviewInputs } from '../../server/modules/management-reviews/schemas.ts'
export type {
  ParAssessment,
  ParAssessmentDetail,
  ParCriteriaSet,
  ParCriteriaSetDetail,
  ParFigure,
  ParScoredCriterion,
  Remediation,
} from '../../server/modules/par-index/schemas.ts'
export type { Plan, PlanArea, PlanDetail, PlanSummary, PlanTask, PlanTaskDetail, SourceTask, TaskCounts, TaskUpdate } from '../../server/modules/plans/schemas.ts'
export type { AuditProgramme, AuditProgrammeDetail, CoverageMatrix, ProgrammeAudit } from '../../server/modules/audits/schemas.ts'
