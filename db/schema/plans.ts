import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { attachments } from './attachments.ts'
import { id, inList, instant, searchIndex, searchText, timestamps, version } from './columns.ts'
import { orgUnits } from './org-units.ts'
import { users } from './users.ts'

/** The agency's yearly administrative-reform plan (Kế hoạch cải cách hành chính năm N), or another plan. */
export const PLAN_KINDS = ['annual_reform', 'other'] as const
export type PlanKind = (typeof PLAN_KINDS)[number]

/** draft: being written; approved: issued, its tasks are carried out and reported; closed: the year is over (read-only). */
export const PLAN_STATUSES = ['draft', 'approved', 'closed'] as const
export type PlanStatus = (typeof PLAN_STATUSES)[number]

/**
 * A task's status. `done_late` is never chosen: a task marked done after its deadline
 * (agency date, from the one clock) is stored as done_late.
 */
export const PLAN_TASK_STATUSES = ['not_started', 'in_progress', 'done', 'done_late', 'cancelled'] as const
export type PlanTaskStatus = (typeof PLAN_TASK_STATUSES)[number]
export const PLAN_TASK_OPEN_STATUSES = ['not_started', 'in_progress'] as const satisfies readonly PlanTaskStatus[]

/**
 * Where a task came from: a nonconformity, an off-target period of a quality objective's
 * indicator (the stored value row), or a criterion of the PAR index self-assessment
 * (not reference-checked until that module exists).
 */
export const PLAN_TASK_SOURCES = ['nonconformity', 'objective', 'par_criterion'] as const
export type PlanTaskSource = (typeof PLAN_TASK_SOURCES)[number]

/** Reporting periods of a progress note, as objective periods are named ('Q2', 'H1', …). */
export const PLAN_PERIOD_PATTERN = '^(M(0[1-9]|1[0-2])|Q[1-4]|H[12]|Y)$'

/**
 * The reform areas tasks are grouped by (Nghị quyết 76/NQ-CP: institutions, procedures,
 * apparatus, civil service, public finance, e-government; plus direction). Reference data
 * the agency may extend, rename, reorder or retire; the defaults come with migration
 * `plan_areas_defaults`.
 */
export const planAreas = pgTable(
  'plan_areas',
  {
    id: id(),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull(),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('plan_areas_code_key').on(sql`lower(${t.code})`),
    check('plan_areas_code_valid', sql`${t.code} ~ '^[a-z][a-z0-9_]{1,39}$'`),
    check('plan_areas_names_not_blank', sql`length(trim(${t.nameVi})) > 0 and length(trim(${t.nameEn})) > 0`),
  ],
)

export const plans = pgTable(
  'plans',
  {
    id: id(),
    kind: text('kind').$type<PlanKind>().notNull(),
    /** The document's number, e.g. `04/KH-BQL`. */
    number: text('number').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    /** The higher-level document it implements, e.g. "Kế hoạch số 424/KH-UBND ngày 16/12/2019 của UBND tỉnh". */
    basis: text('basis'),
    issuingUnitId: uuid('issuing_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    /** The signed plan (scanned PDF). */
    attachmentId: uuid('attachment_id').references(() => attachments.id, { onDelete: 'restrict' }),
    status: text('status').$type<PlanStatus>().notNull().default('draft'),
    approvedAt: instant('approved_at'),
    approvedById: uuid('approved_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('plans_number_key').on(t.year, sql`lower(${t.number})`),
    index('plans_year_idx').on(t.year, t.issuedOn, t.id),
    check('plans_kind_valid', sql`${t.kind} in (${inList(PLAN_KINDS)})`),
    check('plans_status_valid', sql`${t.status} in (${inList(PLAN_STATUSES)})`),
    check('plans_year_valid', sql`${t.year} between 2000 and 2100`),
    check('plans_number_not_blank', sql`length(trim(${t.number})) > 0`),
    check('plans_title_not_blank', sql`length(trim(${t.title})) > 0`),
    check('plans_approved_has_time', sql`${t.status} = 'draft' or ${t.approvedAt} is not null`),
  ],
)

export const planTasks = pgTable(
  'plan_tasks',
  {
    id: id(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'restrict' }),
    /** The order in the plan (1, 2, …), given at creation. */
    position: integer('position').notNull(),
    areaId: uuid('area_id')
      .notNull()
      .references(() => planAreas.id, { onDelete: 'restrict' }),
    content: text('content').notNull(),
    /** Sản phẩm: what shows the task is done. */
    expectedOutput: text('expected_output'),
    search: searchText(`content || ' ' || coalesce(expected_output, '')`),
    leadUnitId: uuid('lead_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    status: text('status').$type<PlanTaskStatus>().notNull().default('not_started'),
    /** The agency date it was marked done (or cancelled). */
    completedOn: date('completed_on', { mode: 'string' }),
    source: text('source').$type<PlanTaskSource>(),
    sourceId: uuid('source_id'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('plan_tasks_position_key').on(t.planId, t.position),
    index('plan_tasks_lead_unit_idx').on(t.leadUnitId, t.status),
    index('plan_tasks_area_idx').on(t.areaId),
    searchIndex('plan_tasks_search_idx', t.search),
    // The task list across plans: by deadline.
    index('plan_tasks_deadline_idx').on(t.deadline, t.id),
    // The reminder job and the overdue filter: open tasks by deadline.
    index('plan_tasks_open_deadline_idx').on(t.deadline).where(sql`${t.status} in ('not_started', 'in_progress')`),
    index('plan_tasks_source_idx').on(t.source, t.sourceId).where(sql`${t.sourceId} is not null`),
    check('plan_tasks_status_valid', sql`${t.status} in (${inList(PLAN_TASK_STATUSES)})`),
    check('plan_tasks_source_valid', sql`${t.source} is null or ${t.source} in (${inList(PLAN_TASK_SOURCES)})`),
    check('plan_tasks_source_id_with_source', sql`${t.sourceId} is null or ${t.source} is not null`),
    check('plan_tasks_content_not_blank', sql`length(trim(${t.content})) > 0`),
    check('plan_tasks_completed_on', sql`(${t.status} in ('done', 'done_late', 'cancelled')) = (${t.completedOn} is not null)`),
    check('plan_tasks_done_late_after_deadline', sql`${t.status} <> 'done_late' or ${t.completedOn} > ${t.deadline}`),
    check('plan_tasks_done_by_deadline', sql`${t.status} <> 'done' or ${t.completedOn} <= ${t.deadline}`),
  ],
)

/** The units that support a task (đơn vị phối hợp). */
export const planTaskUnits = pgTable(
  'plan_task_units',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.orgUnitId] }), index('plan_task_units_unit_idx').on(t.orgUnitId)],
)

/** A link to a record that evidences progress: a QMS document, an inspection, or the dossier statistics of a period. */
export interface EvidenceLink {
  kind: 'document' | 'inspection' | 'dossier_stats'
  /** The document or inspection. */
  id?: string
  /** dossier_stats: the period (agency dates) and, optionally, the unit. */
  from?: string
  to?: string
  orgUnitId?: string
  label?: string
}

/**
 * Progress notes per reporting period, with evidence (tài liệu kiểm chứng): files and
 * links. Every status change of a task is one of these, so the status of a task on any
 * past date is the `toStatus` of its last update on or before it.
 */
export const planTaskUpdates = pgTable(
  'plan_task_updates',
  {
    id: id(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => planTasks.id, { onDelete: 'restrict' }),
    period: text('period').notNull(),
    /** The agency date of the update. */
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    fromStatus: text('from_status').$type<PlanTaskStatus>().notNull(),
    toStatus: text('to_status').$type<PlanTaskStatus>().notNull(),
    attachmentIds: uuid('attachment_ids').array().notNull().default(sql`'{}'::uuid[]`),
    links: jsonb('links').$type<EvidenceLink[]>().notNull().default([]),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('plan_task_updates_task_idx').on(t.taskId, t.reportedOn, t.createdAt),
    check('plan_task_updates_period_valid', sql`${t.period} ~ '${sql.raw(PLAN_PERIOD_PATTERN)}'`),
    check('plan_task_updates_from_valid', sql`${t.fromStatus} in (${inList(PLAN_TASK_STATUSES)})`),
    check('plan_task_updates_to_valid', sql`${t.toStatus} in (${inList(PLAN_TASK_STATUSES)})`),
    check('plan_task_updates_note_not_blank', sql`length(trim(${t.note})) > 0`),
  ],
)

export type PlanAreaRow = typeof planAreas.$inferSelect
export type PlanRow = typeof plans.$inferSelect
export type PlanTaskRow = typeof planTasks.$inferSelect
export type PlanTaskUpdateRow = typeof planTaskUpdates.$inferSelect
