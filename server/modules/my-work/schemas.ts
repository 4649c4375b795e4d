import { Type, type Static } from 'typebox'
import { DateOnly, DateTime, Nullable, Uuid } from '../../lib/schemas.ts'

export const MY_WORK_GROUPS = ['revisions', 'inspections', 'audits', 'nonconformities', 'actions', 'dossiers'] as const
export type MyWorkGroupKey = (typeof MY_WORK_GROUPS)[number]

/** The step someone waits for the caller to take. */
export const WAITING_FOR = [
  'review',
  'approval',
  'lead_inspection',
  'join_inspection',
  'schedule_audit',
  'analysis',
  'plan',
  'start_actions',
  'submit_verification',
  'verification',
  'closing',
  'complete_action',
  'handle_dossier',
] as const
export type WaitingFor = (typeof WAITING_FOR)[number]

export const URGENCIES = ['overdue', 'today', 'soon', 'later', 'none'] as const
export type Urgency = (typeof URGENCIES)[number]

export const MyWorkQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 100,
        default: 20,
        description: 'Items returned per group (default 20, at most 100); the counts are always whole. 0 returns the counts only (for the navigation badge).',
      }),
    ),
  },
  { additionalProperties: false },
)
export type MyWorkQuery = Static<typeof MyWorkQuery>

export const MyWorkItem = Type.Object({
  id: Uuid,
  code: Type.String({ description: 'NC-0001, the document code, the inspection record number, the dossier code, a programme audit’s number (01/CT-BQL #2); an action shows its NC’s code (a management review’s action, the review’s code: XXLĐ-0001)' }),
  title: Type.String({ description: 'Document title, inspected unit, NC title, action description, procedure name' }),
  detail: Nullable(Type.String({ description: 'A second line from the record: the revision’s change summary, the inspection’s location, the action’s NC title, the dossier’s applicant, the audit’s programme' })),
  waitingFor: Type.Enum([...WAITING_FOR], { description: 'What the caller is asked to do' }),
  unit: Nullable(Type.Object({ id: Uuid, name: Type.String() }, { description: 'The unit concerned (owning, inspected, handling)' })),
  dueDate: Nullable(DateOnly),
  dueAt: Nullable(DateTime),
  since: Nullable(Type.String({ format: 'date-time', description: 'When the wait began (revisions: submitted or reviewed)' })),
  overdue: Type.Boolean(),
  daysLate: Type.Integer({ minimum: 0, description: 'Calendar days past the due date (0 when not late)' }),
  urgency: Type.Enum([...URGENCIES], { description: 'overdue; today; soon (actions and NCs: within QMS_REMIND_DAYS_BEFORE_DUE days; inspections: this week; programme audits: within 30 days; dossiers: within one working day); later; none (no due date)',
  }),
  link: Type.String({ description: 'The page in the web app, e.g. `/nonconformities/<id>`' }),
})
export type MyWorkItem = Static<typeof MyWorkItem>

export const MyWorkGroup = Type.Object({
  count: Type.Integer({ minimum: 0, description: 'All items of the group, also those past `limit`' }),
  overdue: Type.Integer({ minimum: 0 }),
  items: Type.Array(MyWorkItem, { description: 'The most urgent first: overdue (most late first), then soonest due' }),
})
export type MyWorkGroup = Static<typeof MyWorkGroup>

export const MyWork = Type.Object({
  asOf: DateOnly,
  total: Type.Integer({ minimum: 0 }),
  overdue: Type.Integer({ minimum: 0 }),
  groups: Type.Object(Object.fromEntries(MY_WORK_GROUPS.map((g) => [g, MyWorkGroup])) as Record<MyWorkGroupKey, typeof MyWorkGroup>),
})
export type MyWork = Static<typeof MyWork>
