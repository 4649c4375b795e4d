import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { bytea, id, inList, instant, timestamps, version, searchIndex, searchText } from './columns.ts'
import { orgUnits } from './org-units.ts'
import { procedures } from './procedures.ts'
import { users } from './users.ts'

export const CHANNELS = ['online', 'in_person', 'postal'] as const
export type Channel = (typeof CHANNELS)[number]

export const DOSSIER_STATUSES = ['received', 'processing', 'supplement_requested', 'resolved', 'returned', 'rejected', 'withdrawn'] as const
export type DossierStatus = (typeof DOSSIER_STATUSES)[number]

export const TIMELINESS = ['early', 'on_time', 'late'] as const
export type Timeliness = (typeof TIMELINESS)[number]

export const DOSSIER_EVENT_TYPES = [
  'received',
  'processing_started',
  'supplement_requested',
  'supplement_received',
  'resolved',
  'result_returned',
  'rejected',
  'withdrawn',
  'due_changed',
] as const
export type DossierEventType = (typeof DOSSIER_EVENT_TYPES)[number]

export const PAPER_FORMS = ['original', 'copy', 'certified_copy', 'electronic'] as const
export type PaperForm = (typeof PAPER_FORMS)[number]
/** One paper of a dossier's file: its name, the form it was handed in (bản chính, bản sao…) and how many. */
export interface DossierPaper {
  name: string
  form: PaperForm
  count: number
}

/**
 * Every dossier handled through the one-stop shop. The dates of each stage are kept on
 * the row (what statistics read); every state change is also a dated row in
 * `dossier_events` (what the timeline and "as of a date" questions read).
 */
export const dossiers = pgTable(
  'dossiers',
  {
    id: id(),
    code: text('code').notNull(),
    procedureId: uuid('procedure_id').notNull().references(() => procedures.id, { onDelete: 'restrict' }),
    /** The handling unit: the procedure's owning unit when the dossier was received. */
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id, { onDelete: 'restrict' }),
    /** Where it was received (the reception-and-results desk); may act on it too. */
    receivingUnitId: uuid('receiving_unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    applicantName: text('applicant_name').notNull(),
    /** Contact details the desk writes on the receipt slip (personal data: shown only to those who may act on the dossier). */
    applicantPhone: text('applicant_phone'),
    applicantIdNumber: text('applicant_id_number'),
    applicantAddress: text('applicant_address'),
    /** The papers handed in at reception, as listed on the receipt slip. */
    papers: jsonb('papers').$type<DossierPaper[]>().notNull().default([]),
    channel: text('channel').notNull().$type<Channel>(),
    receivedAt: instant('received_at').notNull(),
    /** The due instant in force (after supplement pauses and any override). */
    dueAt: instant('due_at').notNull(),
    /** Set when someone overrode the computed due date; the reason is required. */
    dueAtReason: text('due_at_reason'),
    status: text('status').notNull().$type<DossierStatus>(),
    timeliness: text('timeliness').$type<Timeliness>(),
    resolvedAt: instant('resolved_at'),
    returnedAt: instant('returned_at'),
    rejectedAt: instant('rejected_at'),
    withdrawnAt: instant('withdrawn_at'),
    /** Start of the supplement request in progress; null when the clock runs. */
    pausedAt: instant('paused_at'),
    /** Working days the clock stood still in completed supplement requests. */
    pausedWorkingDays: integer('paused_working_days').notNull().default(0),
    note: text('note'),
    search: searchText(`code || ' ' || applicant_name`),
    source: text('source').notNull().default('manual').$type<'manual' | 'import'>(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('dossiers_code_key').on(sql`lower(${t.code})`),
    index('dossiers_received_at_idx').on(t.receivedAt, t.id),
    index('dossiers_resolved_at_idx').on(t.resolvedAt),
    index('dossiers_org_unit_idx').on(t.orgUnitId, t.receivedAt),
    index('dossiers_procedure_idx').on(t.procedureId, t.receivedAt),
    index('dossiers_status_due_idx').on(t.status, t.dueAt),
    // Dossiers waiting for a supplement that were already overdue when it was asked for
    // ("Việc của tôi", overdue lists): a predicate over two columns no other index answers.
    index('dossiers_overdue_paused_idx').on(t.dueAt).where(sql`${t.status} = 'supplement_requested' and ${t.dueAt} < ${t.pausedAt}`),
    searchIndex('dossiers_search_idx', t.search),
    // A term too short for trigrams matches the start of the code, which the search text begins with.
    index('dossiers_search_prefix_idx').on(t.search.op('text_pattern_ops')),
    // Names of several words: their words, since trigrams of common names (Nguyễn, Văn,
    // Công ty TNHH) are in a third of all dossiers and intersecting them costs 40–300 ms.
    index('dossiers_search_words_idx').using('gin', sql`to_tsvector('simple', ${t.search})`),
    check('dossiers_channel_valid', sql`${t.channel} in ('online', 'in_person', 'postal')`),
    check(
      'dossiers_status_valid',
      sql`${t.status} in ('received', 'processing', 'supplement_requested', 'resolved', 'returned', 'rejected', 'withdrawn')`,
    ),
    check('dossiers_timeliness_valid', sql`${t.timeliness} is null or ${t.timeliness} in ('early', 'on_time', 'late')`),
    check('dossiers_source_valid', sql`${t.source} in ('manual', 'import')`),
    // The stage dates agree with the status, whoever writes.
    check(
      'dossiers_resolution_consistent',
      sql`(${t.status} in ('resolved', 'returned')) = (${t.resolvedAt} is not null and ${t.timeliness} is not null)`,
    ),
    check('dossiers_returned_consistent', sql`(${t.status} = 'returned') = (${t.returnedAt} is not null)`),
    check('dossiers_rejected_consistent', sql`(${t.status} = 'rejected') = (${t.rejectedAt} is not null)`),
    check('dossiers_withdrawn_consistent', sql`(${t.status} = 'withdrawn') = (${t.withdrawnAt} is not null)`),
    check('dossiers_paused_consistent', sql`(${t.status} = 'supplement_requested') = (${t.pausedAt} is not null)`),
    check('dossiers_dates_ordered', sql`${t.resolvedAt} is null or ${t.resolvedAt} >= ${t.receivedAt}`),
  ],
)

/** Every state change of a dossier, dated when it happened (`at`), append-only by convention. */
export const dossierEvents = pgTable(
  'dossier_events',
  {
    id: id(),
    dossierId: uuid('dossier_id').notNull().references(() => dossiers.id, { onDelete: 'cascade' }),
    /** Order within the dossier (events may share `at`). */
    seq: integer('seq').notNull(),
    type: text('type').notNull().$type<DossierEventType>(),
    /** When it happened (may be in the past: back-dated recording). */
    at: instant('at').notNull(),
    /** When it was recorded. */
    recordedAt: instant('recorded_at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorName: text('actor_name'),
    reason: text('reason'),
    statusAfter: text('status_after').notNull().$type<DossierStatus>(),
    dueAtAfter: instant('due_at_after').notNull(),
    /** For `supplement_received`: the working days the due date moved by. */
    pausedWorkingDays: integer('paused_working_days'),
    source: text('source').notNull().default('manual').$type<'manual' | 'import'>(),
  },
  (t) => [
    uniqueIndex('dossier_events_seq_key').on(t.dossierId, t.seq),
    // The state of a dossier at a date: its last event before it.
    index('dossier_events_dossier_at_idx').on(t.dossierId, t.at, t.seq),
  ],
)

export type DossierRow = typeof dossiers.$inferSelect
export type DossierEventRow = typeof dossierEvents.$inferSelect

const statColumns = () => ({
  received: integer('received').notNull().default(0),
  resolvedEarly: integer('resolved_early').notNull().default(0),
  resolvedOnTime: integer('resolved_on_time').notNull().default(0),
  resolvedLate: integer('resolved_late').notNull().default(0),
  /** Rejected (returned unresolved) or withdrawn. */
  returned: integer('returned').notNull().default(0),
  /** +1 from the first midnight a dossier is pending at, -1 from the first it no longer is. */
  openDelta: integer('open_delta').notNull().default(0),
  /** The same for "pending and overdue" (as the statistics judge it at a midnight). */
  overdueDelta: integer('overdue_delta').notNull().default(0),
})

/**
 * What each dossier adds to the statistics, by local day (the agency's time zone): its
 * receipt, resolution or return on their days, and the days its pending and overdue
 * states start and end. Rewritten whenever the dossier or its events change, so the
 * rollups can be corrected by the difference (server/modules/dossiers/dossier-rollups.ts).
 */
export const dossierStatContributions = pgTable(
  'dossier_stat_contributions',
  {
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    channel: text('channel').notNull(),
    ...statColumns(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.day] })],
)

/**
 * The contributions summed by handling unit, procedure and channel: a row per day, per
 * dekad and per month, and one row of all time (grain 'all', start 0001-01-01). Flows over a period
 * read the rows that cover it; the pending and overdue stocks at a midnight are the sums
 * of the deltas up to it — or, for a recent midnight, all time less the deltas after it.
 */
export const dossierStatRollups = pgTable(
  'dossier_stat_rollups',
  {
    grain: text('grain').notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    channel: text('channel').notNull(),
    ...statColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.start, t.orgUnitId, t.procedureId, t.channel] }),
    index('dossier_stat_rollups_unit_idx').on(t.orgUnitId, t.grain, t.start),
    check('dossier_stat_rollups_grain_valid', sql`${t.grain} in ('day', 'dekad', 'month', 'year', 'all')`),
  ],
)

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]
export const IMPORT_PHASES = ['queued', 'reading', 'checking', 'planning', 'writing', 'finished'] as const
export type ImportPhase = (typeof IMPORT_PHASES)[number]

/**
 * A dossier import run as a background job (one heavy import per instance at a time).
 * The file is kept until the job ends so that any instance, or this one after a crash,
 * can run it again: the import is idempotent by dossier code and writes in one
 * transaction, so a second run after an interrupted one neither loses nor duplicates.
 * `heartbeatAt` is renewed while it runs; a running job whose heartbeat stopped is
 * taken up again.
 */
export const dossierImports = pgTable(
  'dossier_imports',
  {
    id: id(),
    status: text('status').$type<ImportStatus>().notNull().default('queued'),
    phase: text('phase').$type<ImportPhase>().notNull().default('queued'),
    dryRun: boolean('dry_run').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    receivingUnitId: uuid('receiving_unit_id').references(() => orgUnits.id),
    file: bytea('file'),
    /** Who asked, as they were when they asked; checked again (still active) when it runs. */
    actor: jsonb('actor').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsTotal: integer('rows_total'),
    /** 0–1 over the whole job (reading is most of it). */
    progress: real('progress').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    report: jsonb('report').$type<Record<string, unknown>>(),
    problem: jsonb('problem').$type<Record<string, unknown>>(),
    createdAt: instant('created_at').notNull().defaultNow(),
    startedAt: instant('started_at'),
    heartbeatAt: instant('heartbeat_at'),
    finishedAt: instant('finished_at'),
  },
  (t) => [
    check('dossier_imports_status_check', sql`${t.status} in (${inList(IMPORT_STATUSES)})`),
    check('dossier_imports_phase_check', sql`${t.phase} in (${inList(IMPORT_PHASES)})`),
    index('dossier_imports_waiting_idx').on(t.createdAt).where(sql`${t.status} in ('queued', 'running')`),
    index('dossier_imports_created_by_idx').on(t.createdBy, t.createdAt.desc(), t.id.desc()),
  ],
)
export type DossierImportRow = typeof dossierImports.$inferSelect
