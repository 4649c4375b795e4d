import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, inList, instant, timestamps, version, searchIndex, searchText } from './columns.ts'
import { orgUnits } from './org-units.ts'
import type { RollupGrain } from './reports.ts'
import { users } from './users.ts'

/** Where a nonconformity came from; `sourceId` points at that record when there is one. */
export const NC_SOURCES = ['finding', 'complaint', 'internal_audit', 'late_dossier', 'management_review', 'objective', 'plan_task', 'other'] as const
export type NcSource = (typeof NC_SOURCES)[number]

export const NC_SEVERITIES = ['major', 'minor'] as const
export type NcSeverity = (typeof NC_SEVERITIES)[number]

/**
 * The ISO 9001 clause 10.2 chain: draft → analysis → action_planned → in_progress →
 * pending_verification → verified → closed; a check that finds the actions not effective
 * sends it back to in_progress; cancelled (with a reason) from any open state.
 */
export const NC_STATUSES = ['draft', 'analysis', 'action_planned', 'in_progress', 'pending_verification', 'verified', 'closed', 'cancelled'] as const
export type NcStatus = (typeof NC_STATUSES)[number]
export const NC_OPEN_STATUSES: readonly NcStatus[] = NC_STATUSES.filter((s) => s !== 'closed' && s !== 'cancelled')

/** Cause categories for the root-cause analysis (an Ishikawa set fitted to an administrative agency). */
export const CAUSE_CATEGORIES = ['people', 'method', 'equipment', 'material', 'measurement', 'environment', 'management'] as const
export type CauseCategory = (typeof CAUSE_CATEGORIES)[number]

export interface RootCause {
  whys: { why: string; because: string }[]
  categories: CauseCategory[]
  summary: string
}


export const nonconformities = pgTable(
  'nonconformities',
  {
    id: id(),
    /** Shown as NC-0001; given by the database so concurrent creations never clash. */
    number: integer('number').notNull().generatedAlwaysAsIdentity(),
    source: text('source').$type<NcSource>().notNull(),
    sourceId: uuid('source_id'),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    // The code as ncCode writes it (NC-0042), then title and description.
    search: searchText(`'NC-' || lpad(number::text, 4, '0') || ' ' || title || ' ' || description`),
    severity: text('severity').$type<NcSeverity>().notNull(),
    clauseNumbers: text('clause_numbers').array().notNull().default(sql`'{}'::text[]`),
    containment: text('containment'),
    status: text('status').$type<NcStatus>().notNull().default('draft'),
    detectedOn: date('detected_on', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    rootCause: jsonb('root_cause').$type<RootCause>(),
    analyzedAt: instant('analyzed_at'),
    analyzedById: uuid('analyzed_by_id').references(() => users.id, { onDelete: 'set null' }),
    plannedAt: instant('planned_at'),
    plannedById: uuid('planned_by_id').references(() => users.id, { onDelete: 'set null' }),
    verificationPlannedDate: date('verification_planned_date', { mode: 'string' }),
    startedAt: instant('started_at'),
    submittedAt: instant('submitted_at'),
    closedAt: instant('closed_at'),
    /** The day of closedAt in the agency's time zone (what reports count by); set with it. */
    closedOn: date('closed_on', { mode: 'string' }),
    closedById: uuid('closed_by_id').references(() => users.id, { onDelete: 'set null' }),
    closingNote: text('closing_note'),
    cancelledAt: instant('cancelled_at'),
    cancelledById: uuid('cancelled_by_id').references(() => users.id, { onDelete: 'set null' }),
    cancelReason: text('cancel_reason'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** What the first effectiveness check found (null until there is one); set with that check. */
    firstCheckEffective: boolean('first_check_effective'),
    /** The earliest due date of the NC's open actions (null when none is open); kept by every action write. */
    nextActionDue: date('next_action_due', { mode: 'string' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('nonconformities_number_key').on(t.number),
    // A finding, a late dossier, an off-target period of an objective's indicator or a plan task leads
    // to one live nonconformity (a cancelled one may be raised again).
    uniqueIndex('nonconformities_one_per_source_key')
      .on(t.source, t.sourceId)
      .where(sql`${t.source} in ('finding', 'late_dossier', 'objective', 'plan_task') and ${t.sourceId} is not null and ${t.status} <> 'cancelled'`),
    index('nonconformities_status_idx').on(t.status),
    index('nonconformities_org_unit_idx').on(t.orgUnitId),
    index('nonconformities_created_idx').on(t.createdAt, t.id),
    index('nonconformities_detected_idx').on(t.detectedOn),
    index('nonconformities_closed_idx').on(t.closedAt),
    searchIndex('nonconformities_search_idx', t.search),
    // Reports read days-to-close and overdue figures from these alone (index-only scans).
    index('nonconformities_closed_days_idx')
      .on(t.detectedOn, t.orgUnitId, t.closedOn)
      .where(sql`${t.status} = 'closed'`),
    index('nonconformities_open_due_idx')
      .on(t.detectedOn, t.orgUnitId, t.dueDate, t.nextActionDue)
      .where(sql`${t.status} not in ('closed', 'cancelled')`),
    // The "closed by their due date" indicator of quality objectives: NCs due in a period.
    index('nonconformities_due_idx')
      .on(t.dueDate, t.orgUnitId, t.closedOn)
      .where(sql`${t.status} <> 'cancelled'`),
    index('nonconformities_live_idx')
      .on(t.id, t.orgUnitId)
      .where(sql`${t.status} not in ('closed', 'cancelled')`),
    check('nonconformities_source_valid', sql`${t.source} in (${inList(NC_SOURCES)})`),
    check('nonconformities_severity_valid', sql`${t.severity} in (${inList(NC_SEVERITIES)})`),
    check('nonconformities_status_valid', sql`${t.status} in (${inList(NC_STATUSES)})`),
    check('nonconformities_title_not_blank', sql`length(trim(${t.title})) > 0`),
    check('nonconformities_due_after_detection', sql`${t.dueDate} >= ${t.detectedOn}`),
    check('nonconformities_closed_has_time', sql`${t.status} <> 'closed' or (${t.closedAt} is not null and ${t.closedOn} is not null)`),
    check('nonconformities_cancelled_has_reason', sql`${t.status} <> 'cancelled' or (${t.cancelledAt} is not null and length(trim(coalesce(${t.cancelReason}, ''))) > 0)`),
  ],
)

/** The timeline: every transition and change, who made it and when. Written with the change. */
export const nonconformityEvents = pgTable(
  'nonconformity_events',
  {
    id: id(),
    nonconformityId: uuid('nonconformity_id').notNull().references(() => nonconformities.id, { onDelete: 'restrict' }),
    /** The order of recording: the timeline's order, also when several steps share a moment. */
    seq: integer('seq').notNull().generatedAlwaysAsIdentity(),
    at: instant('at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** Copied so the timeline outlives a renamed or removed user. */
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status').$type<NcStatus>(),
    toStatus: text('to_status').$type<NcStatus>(),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('nonconformity_events_nc_idx').on(t.nonconformityId, t.seq)],
)

/** Effectiveness checks. Every check stays on record, also those that found the actions not effective. */
export const nonconformityVerifications = pgTable(
  'nonconformity_verifications',
  {
    id: id(),
    nonconformityId: uuid('nonconformity_id').notNull().references(() => nonconformities.id, { onDelete: 'restrict' }),
    /** 1 for the first check, 2 after the first "not effective", … */
    round: integer('round').notNull(),
    verifierId: uuid('verifier_id').notNull().references(() => users.id, { onDelete: 'restrict' }),
    effective: boolean('effective').notNull(),
    note: text('note').notNull(),
    verifiedAt: instant('verified_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('nonconformity_verifications_round_key').on(t.nonconformityId, t.round), check('nonconformity_verifications_round_positive', sql`${t.round} >= 1`)],
)

export type NonconformityRow = typeof nonconformities.$inferSelect
export type NonconformityEventRow = typeof nonconformityEvents.$inferSelect
export type NonconformityVerificationRow = typeof nonconformityVerifications.$inferSelect

/**
 * Nonconformity figures summed by unit and day, dekad and month (`grain`, `start`),
 * so a report over any period reads a few hundred rows instead of every NC. Each NC adds
 * its cohort figures on the day it was detected (raised, cancelled, closed, closed on
 * time, days to close, first-check results: as it stands now) and a closure on the day it
 * was closed. Every write to an NC applies the difference between its contribution
 * before and after, in the same transaction (server/modules/nonconformities/nc-rollups.ts,
 * which can also rebuild the table from the NCs).
 */
export const nonconformityRollups = pgTable(
  'nonconformity_rollups',
  {
    grain: text('grain').$type<RollupGrain>().notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    /** Detected on this day and not cancelled. */
    raised: integer('raised').notNull().default(0),
    cancelled: integer('cancelled').notNull().default(0),
    /** Detected on this day and closed since. */
    closed: integer('closed').notNull().default(0),
    closedOnTime: integer('closed_on_time').notNull().default(0),
    daysToCloseSum: integer('days_to_close_sum').notNull().default(0),
    /** Detected on this day, not cancelled, with at least one effectiveness check. */
    checked: integer('checked').notNull().default(0),
    effectiveFirst: integer('effective_first').notNull().default(0),
    /** Closed on this day (whenever detected). */
    closures: integer('closures').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.start, t.orgUnitId] }),
    index('nonconformity_rollups_unit_idx').on(t.orgUnitId),
    check('nonconformity_rollups_grain_valid', sql`${t.grain} in ('day', 'dekad', 'month', 'year')`),
    check('nonconformity_rollups_month_first', sql`${t.grain} <> 'month' or extract(day from ${t.start}) = 1`),
    check('nonconformity_rollups_dekad_start', sql`${t.grain} <> 'dekad' or extract(day from ${t.start}) in (1, 11, 21)`),
    check('nonconformity_rollups_year_first', sql`${t.grain} <> 'year' or (extract(month from ${t.start}) = 1 and extract(day from ${t.start}) = 1)`),
  ],
)

/**
 * How long closed NCs took to close: for each detection period (every rollup grain) and
 * unit, how many closed after so many days. The median and the longest time to close
 * over any period come from these few hundred rows rather than from every closed NC.
 * Kept with nonconformity_rollups by the same writes (nonconformity-rollups.ts).
 */
export const nonconformityCloseDays = pgTable(
  'nonconformity_close_days',
  {
    grain: text('grain').$type<RollupGrain>().notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    days: integer('days').notNull(),
    closed: integer('closed').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.start, t.orgUnitId, t.days] }),
    index('nonconformity_close_days_unit_idx').on(t.orgUnitId),
    check('nonconformity_close_days_grain_valid', sql`${t.grain} in ('day', 'dekad', 'month', 'year')`),
  ],
)
