import { Type, type Static } from 'typebox'
import { PLAN_KINDS, PLAN_PERIOD_PATTERN, PLAN_STATUSES, PLAN_TASK_SOURCES, PLAN_TASK_STATUSES } from '../../../db/schema/plans.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'

export const PlanKind = Type.Enum([...PLAN_KINDS], { description: 'annual_reform (kế hoạch cải cách hành chính năm) | other' })
export const PlanStatus = Type.Enum([...PLAN_STATUSES], { description: 'draft | approved (issued: tasks are reported on) | closed (read-only)' })
export const PlanTaskStatus = Type.Enum([...PLAN_TASK_STATUSES], {
  description: 'not_started | in_progress | done | done_late (derived: marked done after the deadline) | cancelled',
})
/** What a progress update may set: done_late is derived, never chosen. */
export const ChosenTaskStatus = Type.Enum(['not_started', 'in_progress', 'done', 'cancelled'], {
  description: 'done after the deadline (agency date) is recorded as done_late',
})
export const PlanTaskSource = Type.Enum([...PLAN_TASK_SOURCES], {
  description: 'nonconformity | objective (an off-target period: the id of its stored value) | par_criterion (a PAR index criterion; one live task per criterion and plan)',
})
export const Period = Type.String({ pattern: PLAN_PERIOD_PATTERN, description: "A period of the plan's year: M01…M12, Q1…Q4, H1, H2 or Y" })

const UnitRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })
const PersonRef = Type.Object({ id: Uuid, fullName: Type.String() })
const Count = Type.Integer({ minimum: 0 })

export const PLAN_OPERATIONS = ['update', 'add-task', 'report', 'approve', 'close', 'reopen'] as const
export const PlanOperation = Type.Enum([...PLAN_OPERATIONS])

export const PlanArea = Type.Object({
  id: Uuid,
  code: Type.String(),
  nameVi: Type.String(),
  nameEn: Type.String(),
  position: Type.Integer(),
  active: Type.Boolean(),
  version: Version,
})
export type PlanArea = Static<typeof PlanArea>
export const PlanAreaList = Type.Object({ items: Type.Array(PlanArea) })

export const CreatePlanArea = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$', description: 'e.g. propaganda' }),
    nameVi: Type.String({ minLength: 1, maxLength: 300 }),
    nameEn: Type.String({ minLength: 1, maxLength: 300 }),
    position: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
)
export type CreatePlanArea = Static<typeof CreatePlanArea>
export const UpdatePlanArea = Type.Object(
  {
    nameVi: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    position: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    active: Type.Optional(Type.Boolean({ description: 'false: no new task may use it; its tasks keep it' })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdatePlanArea = Static<typeof UpdatePlanArea>

/** How many tasks are in each state (as of a date for a summary; now for a plan). */
export const TaskCounts = Type.Object({
  total: Count,
  notStarted: Count,
  inProgress: Count,
  done: Count,
  doneLate: Count,
  cancelled: Count,
  overdue: Type.Integer({ minimum: 0, description: 'Not started or in progress, and past the deadline' }),
})
export type TaskCounts = Static<typeof TaskCounts>

export const Plan = Type.Object({
  id: Uuid,
  kind: PlanKind,
  number: Type.String({ description: 'e.g. 04/KH-BQL' }),
  issuedOn: DateOnly,
  title: Type.String(),
  year: Type.Integer(),
  basis: Nullable(Type.String({ description: 'The higher-level document it implements' })),
  issuingUnit: UnitRef,
  attachmentId: Nullable(Uuid),
  status: PlanStatus,
  approvedAt: Nullable(DateTime),
  approvedBy: Nullable(PersonRef),
  counts: TaskCounts,
  allowedActions: Type.Array(PlanOperation, { description: 'What the caller may do with this plan now' }),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type Plan = Static<typeof Plan>
export const PlanPage = Page(Plan)

export const PlanDetail = Type.Object({
  ...Plan.properties,
  byArea: Type.Array(Type.Object({ area: PlanArea, counts: TaskCounts }), { description: 'Every area with tasks in the plan, in the areas’ order' }),
})
export type PlanDetail = Static<typeof PlanDetail>

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max })

export const CreatePlan = Type.Object(
  {
    kind: PlanKind,
    number: Text(100),
    issuedOn: DateOnly,
    title: Text(500),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    basis: Type.Optional(Nullable(Text(1000))),
    issuingUnitId: Uuid,
    attachmentId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false, description: 'Issued on a day of the plan’s year or of the year before (plans are issued in advance)' },
)
export type CreatePlan = Static<typeof CreatePlan>

export const UpdatePlan = Type.Object(
  {
    kind: Type.Optional(PlanKind),
    number: Type.Optional(Text(100)),
    issuedOn: Type.Optional(DateOnly),
    title: Type.Optional(Text(500)),
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    basis: Type.Optional(Nullable(Text(1000))),
    issuingUnitId: Type.Optional(Uuid),
    attachmentId: Type.Optional(Nullable(Uuid)),
    status: Type.Optional(Type.Enum(['approved', 'closed'], { description: 'No plan goes back to draft' })),
  },
  { additionalProperties: false, minProperties: 1, description: 'status moves: approved (approve), closed (close), approved from closed (reopen). A closed plan only reopens.' },
)
export type UpdatePlan = Static<typeof UpdatePlan>

export const PlanQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  kind: Type.Optional(PlanKind),
  status: Type.Optional(PlanStatus),
  ...ListQuery,
})
export type PlanQuery = Static<typeof PlanQuery>

export const EvidenceLink = Type.Object(
  {
    kind: Type.Enum(['document', 'inspection', 'dossier_stats'], { description: 'A QMS document, an inspection, or the dossier statistics of a period' }),
    id: Type.Optional(Uuid),
    from: Type.Optional(DateOnly),
    to: Type.Optional(DateOnly),
    orgUnitId: Type.Optional(Uuid),
    label: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
)
export type EvidenceLink = Static<typeof EvidenceLink>

export const ShownLink = Type.Object({
  ...EvidenceLink.properties,
  label: Type.String({ description: 'What the link shows, e.g. the document’s code and title' }),
  href: Type.String({ description: 'Where it leads in the web app' }),
})

export const TaskUpdate = Type.Object({
  id: Uuid,
  period: Period,
  reportedOn: DateOnly,
  note: Type.String(),
  fromStatus: PlanTaskStatus,
  toStatus: PlanTaskStatus,
  attachmentIds: Type.Array(Uuid),
  links: Type.Array(ShownLink),
  createdBy: Nullable(PersonRef),
  createdAt: DateTime,
})
export type TaskUpdate = Static<typeof TaskUpdate>

export const PLAN_TASK_OPERATIONS = ['update', 'report', 'raise-nc'] as const

export const PlanTask = Type.Object({
  id: Uuid,
  planId: Uuid,
  plan: Type.Object({ id: Uuid, number: Type.String(), year: Type.Integer(), status: PlanStatus }),
  position: Type.Integer({ minimum: 1 }),
  area: PlanArea,
  content: Type.String(),
  expectedOutput: Nullable(Type.String()),
  leadUnit: UnitRef,
  supportUnits: Type.Array(UnitRef),
  deadline: DateOnly,
  status: PlanTaskStatus,
  completedOn: Nullable(DateOnly),
  overdue: Type.Boolean({ description: 'Not started or in progress, and past its deadline (agency date)' }),
  dueSoon: Type.Boolean({ description: 'Open and due within QMS_REMIND_DAYS_BEFORE_DUE days' }),
  source: Nullable(PlanTaskSource),
  sourceId: Nullable(Uuid),
  lastUpdate: Nullable(Type.Object({ reportedOn: DateOnly, period: Period, note: Type.String() })),
  allowedActions: Type.Array(Type.Enum([...PLAN_TASK_OPERATIONS])),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type PlanTask = Static<typeof PlanTask>
export const PlanTaskPage = Page(PlanTask)

export const PlanTaskDetail = Type.Object({
  ...PlanTask.properties,
  updates: Type.Array(TaskUpdate, { description: 'Progress notes, newest first' }),
  nonconformities: Type.Array(Type.Object({ id: Uuid, code: Type.String(), title: Type.String(), status: Type.String() }), { description: 'NCs raised from this task' }),
  sourceRef: Nullable(
    Type.Object(
      { label: Type.String({ description: 'e.g. the NC code and title, the indicator and period, the criterion code and title' }), href: Nullable(Type.String({ description: 'Its page in the web app' })) },
      { description: 'The record the task was raised from, as its page shows it' },
    ),
  ),
})
export type PlanTaskDetail = Static<typeof PlanTaskDetail>

export const CreatePlanTask = Type.Object(
  {
    areaId: Uuid,
    content: Text(4000),
    expectedOutput: Type.Optional(Nullable(Text(2000))),
    leadUnitId: Uuid,
    supportUnitIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
    deadline: DateOnly,
    source: Type.Optional(Nullable(PlanTaskSource)),
    sourceId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
)
export type CreatePlanTask = Static<typeof CreatePlanTask>

export const UpdatePlanTask = Type.Object(
  {
    areaId: Type.Optional(Uuid),
    content: Type.Optional(Text(4000)),
    expectedOutput: Type.Optional(Nullable(Text(2000))),
    leadUnitId: Type.Optional(Uuid),
    supportUnitIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
    deadline: Type.Optional(DateOnly),
  },
  { additionalProperties: false, minProperties: 1, description: 'What the task is; its status moves by progress updates' },
)
export type UpdatePlanTask = Static<typeof UpdatePlanTask>

export const ReportProgress = Type.Object(
  {
    note: Text(4000),
    status: Type.Optional(ChosenTaskStatus),
    period: Type.Optional(Period),
    attachmentIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
    links: Type.Optional(Type.Array(EvidenceLink, { maxItems: 20 })),
  },
  { additionalProperties: false, description: 'Without period: the half-year of today. Without status: the status stays.' },
)
export type ReportProgress = Static<typeof ReportProgress>

export const RaiseNcFromTask = Type.Object(
  {
    title: Type.Optional(Text(500)),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    severity: Type.Optional(Type.Enum(['major', 'minor'])),
    dueDate: Type.Optional(DateOnly),
  },
  { additionalProperties: false, description: 'Without title and description: worded from the task' },
)
export type RaiseNcFromTask = Static<typeof RaiseNcFromTask>

export const PlanTaskParams = Type.Object({ id: Uuid, taskId: Uuid })
export type PlanTaskParams = Static<typeof PlanTaskParams>
export const PlanTaskIdParams = Type.Object({ taskId: Uuid })

const taskFilters = {
  areaId: Type.Optional(Uuid),
  status: Type.Optional(PlanTaskStatus),
  orgUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'Led or supported by this unit or a unit below it' })),
  overdue: Type.Optional(Type.Boolean({ description: 'true: open and past the deadline; false: the others' })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the content or expected output' })),
  source: Type.Optional(PlanTaskSource),
  sourceId: Type.Optional(Type.String({ format: 'uuid', description: 'Raised from this record (with source: of this kind), e.g. the tasks of a nonconformity' })),
}

/** A task raised from a record, as that record's page links it. */
export const SourceTask = Type.Object({ id: Uuid, planId: Uuid, planNumber: Type.String(), position: Type.Integer(), status: PlanTaskStatus, deadline: DateOnly })
export type SourceTask = Static<typeof SourceTask>

const RemediationItem = Type.Object(
  {
    criterionId: Uuid,
    content: Type.Optional(Text(4000)),
    areaId: Type.Optional(Uuid),
    leadUnitId: Type.Optional(Uuid),
    deadline: Type.Optional(DateOnly),
  },
  { additionalProperties: false, description: 'Without content: the criterion’s suggested task. Area, lead unit and deadline: the request’s unless given here.' },
)

export const CreateRemediationTasks = Type.Object(
  {
    assessmentId: Uuid,
    areaId: Uuid,
    leadUnitId: Uuid,
    supportUnitIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
    deadline: DateOnly,
    items: Type.Array(RemediationItem, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false, description: 'One task per criterion that lost points in the assessment, all or none' },
)
export type CreateRemediationTasks = Static<typeof CreateRemediationTasks>
export const PlanTaskList = Type.Object({ items: Type.Array(PlanTask) })

export const PlanTaskQuery = Type.Object({ ...taskFilters, ...ListQuery })
export type PlanTaskQuery = Static<typeof PlanTaskQuery>

export const AllPlanTaskQuery = Type.Object({
  planId: Type.Optional(Uuid),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  ...taskFilters,
  ...ListQuery,
})
export type AllPlanTaskQuery = Static<typeof AllPlanTaskQuery>

export const SummaryQuery = Type.Object({ date: Type.Optional(DateOnly) })
export type SummaryQuery = Static<typeof SummaryQuery>

export const PlanSummary = Type.Object({
  plan: Type.Object({ id: Uuid, number: Type.String(), issuedOn: DateOnly, title: Type.String(), year: Type.Integer(), basis: Nullable(Type.String()) }),
  date: DateOnly,
  totals: TaskCounts,
  byArea: Type.Array(Type.Object({ area: PlanArea, counts: TaskCounts })),
  openTasks: Type.Array(
    Type.Object({ id: Uuid, position: Type.Integer(), area: Type.String(), content: Type.String(), leadUnit: Type.String(), deadline: DateOnly, status: PlanTaskStatus, overdue: Type.Boolean() }),
    { description: 'Not done or cancelled on the date: the tasks for the next period, by deadline' },
  ),
})
export type PlanSummary = Static<typeof PlanSummary>
