import { Type, type Static } from 'typebox'
import { CHANNELS, DOSSIER_EVENT_TYPES, DOSSIER_STATUSES, IMPORT_PHASES, IMPORT_STATUSES, PAPER_FORMS, TIMELINESS } from '../../../db/schema/dossiers.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Problem, Uuid, Version } from '../../lib/schemas.ts'
import { UnitRef } from '../users/schemas.ts'

export const Channel = Type.Enum([...CHANNELS], { description: 'online | in_person | postal (public postal service)' })
export const DossierStatus = Type.Enum([...DOSSIER_STATUSES])
export const Timeliness = Type.Enum([...TIMELINESS], { description: 'Set at resolution: early (before the due date), on_time (on the due date, by dueAt), late' })

export const DOSSIER_ACTIONS = ['start-processing', 'request-supplement', 'supplement-received', 'resolve', 'return-result', 'reject', 'withdraw'] as const
export type DossierAction = (typeof DOSSIER_ACTIONS)[number]
export const DossierActionName = Type.Enum([...DOSSIER_ACTIONS])

export const DossierPaper = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300, pattern: '^\\S(.*\\S)?$', description: 'The paper, e.g. `Đơn đề nghị cấp giấy phép lao động`' }),
    form: Type.Enum([...PAPER_FORMS], { description: 'original (bản chính), copy (bản sao), certified_copy (bản sao chứng thực), electronic (bản điện tử)' }),
    count: Type.Integer({ minimum: 1, maximum: 99, description: 'How many were handed in' }),
  },
  { additionalProperties: false },
)
const Papers = Type.Array(DossierPaper, { maxItems: 50, description: 'The papers handed in at reception, as the receipt slip lists them' })
/** Vietnamese numbers: 0 or +84, then 9 or 10 digits; spaces, dots and dashes between digits are allowed and dropped. */
const Phone = Type.String({ maxLength: 20, pattern: '^(\\+84|0)[0-9 .-]{8,14}[0-9]$', description: 'Applicant’s phone, e.g. `0273 3856 789`' })
/** The 12-digit citizen identity card (CCCD) or the older 9-digit identity card (CMND). */
const IdNumber = Type.String({ pattern: '^([0-9]{9}|[0-9]{12})$', description: 'CCCD (12 digits) or CMND (9 digits)' })
const Address = Type.String({ minLength: 1, maxLength: 500 })

const ProcedureRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), field: Type.String(), processingDays: Type.Integer() })

export const Dossier = Type.Object({
  id: Uuid,
  code: Type.String(),
  procedureId: Uuid,
  procedure: ProcedureRef,
  orgUnitId: Uuid,
  orgUnit: UnitRef,
  receivingUnitId: Nullable(Uuid),
  receivingUnit: Nullable(UnitRef),
  applicantName: Type.String(),
  applicantPhone: Nullable(Type.String({ description: 'Personal data: null for callers who may only read the dossier' })),
  applicantIdNumber: Nullable(Type.String({ description: 'Personal data: null for callers who may only read the dossier' })),
  applicantAddress: Nullable(Type.String({ description: 'Personal data: null for callers who may only read the dossier' })),
  papers: Papers,
  channel: Channel,
  receivedAt: DateTime,
  dueAt: DateTime,
  dueAtReason: Nullable(Type.String({ description: 'Why the computed due date was overridden; null when it was not' })),
  status: DossierStatus,
  timeliness: Nullable(Timeliness),
  overdue: Type.Boolean({ description: 'Unresolved and past dueAt now (a supplement request stops the clock)' }),
  resolvedAt: Nullable(DateTime),
  returnedAt: Nullable(DateTime),
  rejectedAt: Nullable(DateTime),
  withdrawnAt: Nullable(DateTime),
  pausedAt: Nullable(DateTime),
  pausedWorkingDays: Type.Integer({ description: 'Working days the clock stood still in completed supplement requests' }),
  note: Nullable(Type.String()),
  source: Type.Enum(['manual', 'import']),
  allowedActions: Type.Array(DossierActionName, { description: 'The steps the status allows now and the caller may record (empty for someone who may only read the dossier)' }),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type Dossier = Static<typeof Dossier>

export const DossierEvent = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  type: Type.Enum([...DOSSIER_EVENT_TYPES]),
  at: DateTime,
  recordedAt: DateTime,
  actorId: Nullable(Uuid),
  actorName: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  statusAfter: DossierStatus,
  dueAtAfter: DateTime,
  pausedWorkingDays: Nullable(Type.Integer()),
  source: Type.Enum(['manual', 'import']),
})
export type DossierEvent = Static<typeof DossierEvent>
export const DossierEventList = Type.Object({ items: Type.Array(DossierEvent) })

const CODE = 'Unique dossier code from the one-stop shop, e.g. `000.00.22.H57-200115-0001`'
const Code = Type.String({ minLength: 1, maxLength: 100, pattern: '^\\S(.*\\S)?$', description: CODE })
const Reason = Type.String({ minLength: 1, maxLength: 2000 })
const Note = Nullable(Type.String({ maxLength: 4000 }))

export const CreateDossier = Type.Object(
  {
    code: Type.Optional({ ...Code, description: `${CODE}. Leave it out at the desk and the next code of the day is given: \`<QMS_DOSSIER_CODE_PREFIX>-yymmdd-nnnn\`` }),
    procedureId: Uuid,
    applicantName: Type.String({ minLength: 1, maxLength: 500 }),
    applicantPhone: Type.Optional(Nullable(Phone)),
    applicantIdNumber: Type.Optional(Nullable(IdNumber)),
    applicantAddress: Type.Optional(Nullable(Address)),
    papers: Type.Optional(Papers),
    channel: Channel,
    receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'Default now; never in the future' })),
    dueAt: Type.Optional(Type.String({ format: 'date-time', description: 'Overrides the computed due date; needs dueAtReason' })),
    dueAtReason: Type.Optional(Reason),
    receivingUnitId: Type.Optional(Nullable(Uuid)),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
)
export type CreateDossier = Static<typeof CreateDossier>

export const UpdateDossier = Type.Object(
  {
    applicantName: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    applicantPhone: Type.Optional(Nullable(Phone)),
    applicantIdNumber: Type.Optional(Nullable(IdNumber)),
    applicantAddress: Type.Optional(Nullable(Address)),
    papers: Type.Optional(Papers),
    channel: Type.Optional(Channel),
    note: Type.Optional(Note),
    dueAt: Type.Optional(Type.String({ format: 'date-time', description: 'A new due date for an unresolved dossier; needs dueAtReason' })),
    dueAtReason: Type.Optional(Reason),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateDossier = Static<typeof UpdateDossier>

export const TransitionBody = Type.Object(
  {
    at: Type.Optional(Type.String({ format: 'date-time', description: 'When it happened (default now); never in the future nor before the previous step' })),
    reason: Type.Optional(Reason),
  },
  { additionalProperties: false },
)
export type TransitionBody = Static<typeof TransitionBody>

export const TransitionParams = Type.Object({ id: Uuid, action: DossierActionName })

export const DossierQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches code or applicant, ignoring case and diacritics' })),
  procedureId: Type.Optional(Uuid),
  field: Type.Optional(Type.String({ maxLength: 200 })),
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'Handling unit, including the units below it' })),
  channel: Type.Optional(Channel),
  status: Type.Optional(Type.Array(DossierStatus, { description: 'One or more (repeat the parameter)' })),
  timeliness: Type.Optional(Timeliness),
  from: Type.Optional(Type.String({ format: 'date', description: 'Received on or after this date (agency time zone)' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Received on or before this date' })),
  overdue: Type.Optional(Type.Boolean({ description: 'true: unresolved and past due now; false: the others' })),
  ...ListQuery,
})
export type DossierQuery = Static<typeof DossierQuery>

export const DossierPage = Page(Dossier)

// ---- statistics ---------------------------------------------------------------

export const STATS_GROUPS = ['orgUnit', 'field', 'procedure', 'channel'] as const
export type StatsGroup = (typeof STATS_GROUPS)[number]

export const StatsQuery = Type.Object({
  from: DateOnly,
  to: DateOnly,
  groupBy: Type.Optional(Type.Enum([...STATS_GROUPS], { default: 'orgUnit' })),
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'Handling unit, including the units below it' })),
  field: Type.Optional(Type.String({ maxLength: 200 })),
  procedureId: Type.Optional(Uuid),
  channel: Type.Optional(Channel),
})
export type StatsQuery = Static<typeof StatsQuery>

const n = (description: string) => Type.Integer({ minimum: 0, description })

export const StatsRow = Type.Object({
  key: Nullable(Type.String({ description: 'Unit id, field, procedure id or channel; null on the total row' })),
  code: Nullable(Type.String()),
  label: Type.String(),
  carriedOver: n('Unresolved at the start of the period (từ kỳ trước)'),
  receivedOnline: n('New in the period, online'),
  receivedInPerson: n('New in the period, in person'),
  receivedPostal: n('New in the period, by public postal service'),
  receivedTotal: n('carriedOver + online + in person + postal'),
  resolvedEarly: n('Resolved in the period before the due date'),
  resolvedOnTime: n('Resolved in the period on the due date'),
  resolvedLate: n('Resolved in the period after dueAt'),
  resolvedTotal: n('early + on time + late'),
  pendingNotDue: n('Unresolved at the end of the period, not yet due then'),
  pendingOverdue: n('Unresolved at the end of the period and past due then'),
  pendingTotal: n('not due + overdue'),
  returnedOrWithdrawn: n('Rejected (returned to the applicant unresolved) or withdrawn in the period'),
  onTimeRate: Nullable(Type.Number({ description: 'Percentage of resolved that were early or on time; null when none was resolved' })),
})
export type StatsRow = Static<typeof StatsRow>

export const DossierStats = Type.Object({
  from: DateOnly,
  to: DateOnly,
  groupBy: Type.Enum([...STATS_GROUPS]),
  rows: Type.Array(StatsRow),
  total: StatsRow,
  procedures: Type.Object(
    {
      total: n('Active procedures'),
      byOnlineLevel: Type.Object({ level1: n(''), level2: n(''), level3: n(''), level4: n(''), none: n('No level recorded by then') }),
      byOnlineMode: Type.Object({ full: n(''), partial: n(''), none: n(''), notSet: n('No mode recorded by then (before Decree 42/2022)') }),
    },
    { description: 'Online level and mode in force on `to`' },
  ),
  complaints: Type.Object(
    { total: n(''), complaint: n(''), denunciation: n(''), feedback: n('') },
    { description: 'Complaints, denunciations and feedback received in the period' },
  ),
})
export type DossierStats = Static<typeof DossierStats>

export const StatsExportQuery = Type.Object({
  ...StatsQuery.properties,
  format: Type.Enum(['csv', 'xlsx']),
  lang: Type.Optional(Type.Enum(['vi', 'en'], { default: 'vi', description: 'Language of the headings' })),
})
export type StatsExportQuery = Static<typeof StatsExportQuery>

// ---- import -------------------------------------------------------------------

export const ImportRowError = Type.Object({
  row: Type.Integer({ description: 'Row number in the file (the heading is row 1)' }),
  column: Nullable(Type.String({ description: 'The column heading as written in the file' })),
  message: Type.String(),
  code: Type.String({ description: 'Stable code, e.g. required, format, unknown_procedure, duplicate_in_file' }),
})
export type ImportRowError = Static<typeof ImportRowError>

export const ImportReport = Type.Object({
  dryRun: Type.Boolean(),
  committed: Type.Boolean({ description: 'true when the rows were written' }),
  format: Type.Enum(['csv', 'xlsx']),
  rows: Type.Integer({ description: 'Data rows read' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  errors: Type.Array(ImportRowError),
  columns: Type.Array(Type.Object({ heading: Type.String(), field: Nullable(Type.String()) }), { description: 'How each heading was understood' }),
})
export type ImportReport = Static<typeof ImportReport>

export const ImportProblem = Type.Object({
  ...Problem.properties,
  rowErrors: Type.Optional(Type.Array(ImportRowError)),
  limit: Type.Optional(Type.Integer({ description: 'With import-too-many-rows / import-too-large: the cap the file passed' })),
  setting: Type.Optional(Type.String({ description: 'With import-too-many-rows / import-too-large: the setting that sets the cap' })),
})

export const ImportJob = Type.Object(
  {
    id: Uuid,
    status: Type.Enum([...IMPORT_STATUSES], { description: 'queued → running → done (report) or failed (problem)' }),
    phase: Type.Enum([...IMPORT_PHASES], { description: 'What the job is doing: reading the file, checking rows, planning, writing' }),
    progress: Type.Number({ minimum: 0, maximum: 1, description: 'How far the job is, 0 to 1' }),
    rowsRead: Type.Integer({ description: 'Data rows read so far' }),
    rowsTotal: Nullable(Type.Integer({ description: 'Data rows in the file, once it is read' })),
    dryRun: Type.Boolean(),
    filename: Type.String(),
    size: Type.Integer({ description: 'File size in bytes' }),
    receivingUnitId: Nullable(Uuid),
    createdBy: Uuid,
    createdAt: DateTime,
    startedAt: Nullable(DateTime),
    finishedAt: Nullable(DateTime),
    attempts: Type.Integer({ description: 'Times the job was started: more than 1 when a stopped server took it up again' }),
    queuePosition: Nullable(Type.Integer({ description: 'While queued: how many jobs run before this one (0 = next)' })),
    report: Nullable(ImportReport),
    problem: Nullable(ImportProblem),
  },
  { description: 'A dossier import running in the background' },
)
export type ImportJob = Static<typeof ImportJob>

export const ImportJobPage = Page(ImportJob)
export const ImportJobQuery = Type.Object({ ...ListQuery }, { additionalProperties: false })
export type ImportJobQuery = Static<typeof ImportJobQuery>
