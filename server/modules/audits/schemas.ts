import { Type, type Static } from 'typebox'
import { AUDIT_PROGRAMME_STATUSES } from '../../../db/schema/audits.ts'
import { FINDING_CLASSIFICATIONS, INSPECTION_STATUSES } from '../../../db/schema/index.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'
import { PersonRef } from '../findings/schemas.ts'
import { ClauseNumber } from '../iso-clauses/schemas.ts'

export const AuditProgrammeStatus = Type.Enum([...AUDIT_PROGRAMME_STATUSES], { description: 'draft (being drawn up) | approved (by a manager)' })

/** The statuses an audit shows: the stored ones and `completed`, computed from its inspections. */
export const PROGRAMME_AUDIT_API_STATUSES = ['planned', 'scheduled', 'completed', 'cancelled'] as const
export type ProgrammeAuditApiStatus = (typeof PROGRAMME_AUDIT_API_STATUSES)[number]
export const ProgrammeAuditStatus = Type.Enum([...PROGRAMME_AUDIT_API_STATUSES], {
  description: 'planned (no inspection yet) | scheduled (an internal_audit inspection per unit) | completed (every inspection completed or cancelled, one at least completed) | cancelled',
})

/** Operations on a programme, in the order of its workflow table (audits/service.ts). */
export const PROGRAMME_OPERATIONS = ['update', 'approve', 'plan-audit', 'schedule-audits'] as const
export const AUDIT_OPERATIONS = ['update', 'schedule', 'cancel'] as const

const NameRef = Type.Object({ id: Uuid, fullName: Type.String() })
const Count = Type.Integer({ minimum: 0 })

export const AuditProgramme = Type.Object({
  id: Uuid,
  year: Type.Integer(),
  number: Type.String({ description: 'The document number, e.g. `01/CT-BQL`' }),
  title: Type.String(),
  objectives: Nullable(Type.String()),
  status: AuditProgrammeStatus,
  approvedBy: Nullable(NameRef),
  approvedAt: Nullable(DateTime),
  auditCount: Type.Integer({ minimum: 0, description: 'Audits planned, cancelled ones left out' }),
  allowedActions: Type.Array(Type.Enum([...PROGRAMME_OPERATIONS]), { description: 'What the caller may do with this programme now' }),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type AuditProgramme = Static<typeof AuditProgramme>

export const AuditUnit = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  inspection: Nullable(
    Type.Object(
      { id: Uuid, number: Type.String(), status: Type.Enum([...INSPECTION_STATUSES]), plannedFor: DateOnly, performedOn: Nullable(DateOnly) },
      { description: 'The internal_audit inspection that performs the audit of this unit, once scheduled' },
    ),
  ),
})

export const FindingCounts = Type.Object(
  { major_nc: Count, minor_nc: Count, observation: Count, improvement_opportunity: Count } satisfies Record<(typeof FINDING_CLASSIFICATIONS)[number], typeof Count>,
  { description: 'Findings of its inspections by classification' },
)

export const ProgrammeAudit = Type.Object({
  id: Uuid,
  programmeId: Uuid,
  seq: Type.Integer({ minimum: 1, description: 'Its number within the programme' }),
  title: Type.String(),
  units: Type.Array(AuditUnit),
  processes: Type.Array(Type.String()),
  clauseNumbers: Type.Array(Type.String()),
  plannedFrom: DateOnly,
  plannedTo: DateOnly,
  leadAuditor: PersonRef,
  team: Type.Array(PersonRef),
  template: Type.Object({ id: Uuid, name: Type.String() }),
  status: ProgrammeAuditStatus,
  cancelReason: Nullable(Type.String()),
  conclusion: Nullable(Type.String()),
  findings: FindingCounts,
  allowedActions: Type.Array(Type.Enum([...AUDIT_OPERATIONS])),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type ProgrammeAudit = Static<typeof ProgrammeAudit>

export const AuditProgrammeDetail = Type.Object({
  ...AuditProgramme.properties,
  audits: Type.Array(ProgrammeAudit, { description: 'By number; for a head of unit or staff, the audits of a unit in their scope' }),
})
export type AuditProgrammeDetail = Static<typeof AuditProgrammeDetail>

const Number_ = Type.String({ minLength: 1, maxLength: 100 })
const Title = Type.String({ minLength: 1, maxLength: 500 })
const LongText = Type.String({ minLength: 1, maxLength: 4000 })
const Ids = Type.Array(Uuid, { uniqueItems: true, maxItems: 100 })

export const CreateAuditProgramme = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2999 }), number: Number_, title: Title, objectives: Type.Optional(Nullable(LongText)) },
  { additionalProperties: false },
)
export type CreateAuditProgramme = Static<typeof CreateAuditProgramme>

export const UpdateAuditProgramme = Type.Object(
  { number: Type.Optional(Number_), title: Type.Optional(Title), objectives: Type.Optional(Nullable(LongText)) },
  { additionalProperties: false, minProperties: 1, description: 'A draft only; an approved programme keeps its text (its audits may still be planned and rescheduled).' },
)
export type UpdateAuditProgramme = Static<typeof UpdateAuditProgramme>

const auditFields = {
  title: Title,
  orgUnitIds: Type.Array(Uuid, { minItems: 1, uniqueItems: true, maxItems: 100, description: 'The units audited; one internal_audit inspection each once scheduled' }),
  processes: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 50, description: 'The processes audited, in the agency’s words' }),
  clauseNumbers: Type.Array(ClauseNumber, { minItems: 1, uniqueItems: true, maxItems: 200 }),
  plannedFrom: DateOnly,
  plannedTo: DateOnly,
  leadAuditorId: Uuid,
  teamIds: Ids,
  templateId: Type.String({ format: 'uuid', description: 'The (clause-based) checklist template its inspections are performed on' }),
  conclusion: Nullable(LongText),
}

export const CreateProgrammeAudit = Type.Object(
  {
    title: auditFields.title,
    orgUnitIds: auditFields.orgUnitIds,
    processes: Type.Optional(auditFields.processes),
    clauseNumbers: auditFields.clauseNumbers,
    plannedFrom: auditFields.plannedFrom,
    plannedTo: auditFields.plannedTo,
    leadAuditorId: auditFields.leadAuditorId,
    teamIds: Type.Optional(auditFields.teamIds),
    templateId: auditFields.templateId,
  },
  { additionalProperties: false, description: 'Dates within the programme’s year. Nobody on the team may belong to a unit audited (or a unit below one): 422 `audit.not-independent` names them.' },
)
export type CreateProgrammeAudit = Static<typeof CreateProgrammeAudit>

export const UpdateProgrammeAudit = Type.Object(
  {
    title: Type.Optional(auditFields.title),
    orgUnitIds: Type.Optional(auditFields.orgUnitIds),
    processes: Type.Optional(auditFields.processes),
    clauseNumbers: Type.Optional(auditFields.clauseNumbers),
    plannedFrom: Type.Optional(auditFields.plannedFrom),
    plannedTo: Type.Optional(auditFields.plannedTo),
    leadAuditorId: Type.Optional(auditFields.leadAuditorId),
    teamIds: Type.Optional(auditFields.teamIds),
    templateId: Type.Optional(auditFields.templateId),
    conclusion: Type.Optional(auditFields.conclusion),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, description: 'Why it is rescheduled: required when the dates change, kept in the audit log' })),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description:
      'Reschedule (new dates with a `reason`) or change an audit. Once scheduled, its units and checklist are fixed, and new dates, lead or team go to its inspections not yet completed (a new date only to those still planned); once completed, only the conclusion changes (409 otherwise).',
  },
)
export type UpdateProgrammeAudit = Static<typeof UpdateProgrammeAudit>

export const AuditParams = Type.Object({ id: Uuid, auditId: Uuid })
export type AuditParams = Static<typeof AuditParams>

export const ProgrammeQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2999 })),
  status: Type.Optional(AuditProgrammeStatus),
  ...ListQuery,
})
export type ProgrammeQuery = Static<typeof ProgrammeQuery>

export const ProgrammePage = Page(AuditProgramme)

export const COVERAGE_STATES = ['audited', 'planned', 'uncovered'] as const
export const CoverageMatrix = Type.Object({
  programmeId: Uuid,
  year: Type.Integer(),
  clauses: Type.Array(Type.Object({ number: Type.String(), en: Type.String(), vi: Type.String() }), { description: 'Clauses 4 to 10, the columns' }),
  units: Type.Array(
    Type.Object({
      id: Uuid,
      code: Type.String(),
      name: Type.String(),
      depth: Type.Integer({ minimum: 0 }),
      cells: Type.Array(
        Type.Object({
          clause: Type.String(),
          planned: Type.Integer({ minimum: 0, description: 'Audits of the programme (not cancelled) covering this unit and a clause under this one' }),
          audited: Type.Integer({ minimum: 0, description: 'Of those, the audits whose inspection of this unit is completed' }),
          state: Type.Enum([...COVERAGE_STATES], { description: 'audited (one at least), planned (not yet audited), uncovered' }),
        }),
      ),
    }),
    { description: 'The active units of the reader’s scope, in tree order' },
  ),
  totals: Type.Object({ cells: Count, audited: Count, planned: Count, uncovered: Count }, { description: 'Cells in each state' }),
})
export type CoverageMatrix = Static<typeof CoverageMatrix>

export const ReportQuery = Type.Object({
  format: Type.Optional(Type.Enum(['html', 'pdf'], { default: 'html', description: 'html (print from the browser) or pdf (A4, Nghị định 30/2020/NĐ-CP layout)' })),
})
export type ReportQuery = Static<typeof ReportQuery>
