import { sql } from 'drizzle-orm'
import { check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, inList, instant, timestamps, version } from './columns.ts'
import { documents } from './documents.ts'
import { orgUnits } from './org-units.ts'
import { plans } from './plans.ts'
import { users } from './users.ts'

/** Rollup tables keep a row per day, per dekad (1st–10th, 11th–20th, 21st–end of month), per month and per calendar year. */
export const ROLLUP_GRAINS = ['day', 'dekad', 'month', 'year'] as const
export type RollupGrain = (typeof ROLLUP_GRAINS)[number]

/**
 * Checklist results of completed inspections, summed by inspected unit, period, kind of
 * inspection and checklist category, at four grains: a row per day, per dekad, per month and per year.
 * A report over any date range reads the whole months inside it from the month rows and
 * the days at its ragged ends from the day rows, instead of scanning every response.
 * A completed inspection is read-only, so its responses are added once, in the
 * transaction that completes it; the table can be rebuilt from the responses at any
 * time (server/modules/reports/inspection-rollups.ts).
 */
export const inspectionResultRollups = pgTable(
  'inspection_result_rollups',
  {
    grain: text('grain').$type<RollupGrain>().notNull(),
    /** The day, or the first day of the month, of the inspection date. */
    start: date('start', { mode: 'string' }).notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    /** The kind of inspection; '*' on category rows summed over all kinds. */
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    /** Inspections that answered at least one item of the category. */
    inspections: integer('inspections').notNull().default(0),
    passed: integer('passed').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    notApplicable: integer('not_applicable').notNull().default(0),
    /** On the category '*' rows (one per unit, period and kind: the inspections themselves): the sum of their scores. */
    scoreSum: doublePrecision('score_sum').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.start, t.orgUnitId, t.kind, t.category] }),
    index('inspection_result_rollups_unit_idx').on(t.orgUnitId),
    // The summaries read two slices of a period: the inspections themselves (category '*')
    // and the category rows summed over all kinds (kind '*'). Each slice has an index
    // holding every column its readers need, read index-only: a twelfth of the pages the
    // primary key's range holds for the same period (463 -> 31 for twelve months).
    index('inspection_result_rollups_totals_idx')
      .on(t.grain, t.start, t.kind, t.orgUnitId, t.inspections, t.scoreSum)
      .where(sql`${t.category} = '*'`),
    index('inspection_result_rollups_all_kinds_idx')
      .on(t.grain, t.start, t.category, t.orgUnitId, t.inspections, t.passed, t.failed, t.notApplicable)
      .where(sql`${t.kind} = '*'`),
    check('inspection_result_rollups_grain_valid', sql`${t.grain} in ('day', 'dekad', 'month', 'year')`),
    check('inspection_result_rollups_month_first', sql`${t.grain} <> 'month' or extract(day from ${t.start}) = 1`),
    check('inspection_result_rollups_dekad_start', sql`${t.grain} <> 'dekad' or extract(day from ${t.start}) in (1, 11, 21)`),
    check('inspection_result_rollups_year_first', sql`${t.grain} <> 'year' or (extract(month from ${t.start}) = 1 and extract(day from ${t.start}) = 1)`),
  ],
)

export type InspectionResultRollupRow = typeof inspectionResultRollups.$inferSelect

/** draft: being written (figures live); approved: the text is settled (figures still live); issued: numbered, dated, signed and frozen. */
export const REPORT_DRAFT_STATUSES = ['draft', 'approved', 'issued'] as const
export type ReportDraftStatus = (typeof REPORT_DRAFT_STATUSES)[number]

/**
 * A half-year report being written, then issued (báo cáo, e.g. 173/BC-BQL of 29/05/2020):
 * the period and the reform plan it reports on, the narrative a manager writes, and, once
 * issued, its number, date, signer and recipients. While it is a draft its figures are
 * computed from the records each time it is read; issuing freezes the whole report
 * (figures and text) in `snapshot`, from which its files are rendered ever after, and
 * registers the PDF in document control as a record (`document_id`).
 */
export const reportDrafts = pgTable(
  'report_drafts',
  {
    id: id(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    planId: uuid('plan_id').references(() => plans.id, { onDelete: 'restrict' }),
    /** The narrative sections, plain text (paragraphs separated by line breaks). */
    propaganda: text('propaganda').notNull().default(''),
    direction: text('direction').notNull().default(''),
    conclusions: text('conclusions').notNull().default(''),
    nextPeriod: text('next_period').notNull().default(''),
    status: text('status').$type<ReportDraftStatus>().notNull().default('draft'),
    /** The full number, `173/BC-BQL`; unique in its year. */
    number: text('number'),
    issuedOn: date('issued_on', { mode: 'string' }),
    issueYear: integer('issue_year'),
    signerTitle: text('signer_title'),
    signerName: text('signer_name'),
    recipients: text('recipients').array().notNull().default(sql`'{}'::text[]`),
    /** The issued report as it was issued: the model and the issue (number, place, date, signer, recipients). */
    snapshot: jsonb('snapshot'),
    documentId: uuid('document_id').references(() => documents.id, { onDelete: 'restrict' }),
    approvedAt: instant('approved_at'),
    approvedById: uuid('approved_by_id').references(() => users.id, { onDelete: 'set null' }),
    issuedAt: instant('issued_at'),
    issuedById: uuid('issued_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('report_drafts_number_key').on(t.issueYear, sql`lower(${t.number})`),
    // The list: newest period first.
    index('report_drafts_period_idx').on(t.periodTo, t.id),
    index('report_drafts_status_idx').on(t.status),
    index('report_drafts_plan_idx').on(t.planId),
    check('report_drafts_status_valid', sql`${t.status} in (${inList(REPORT_DRAFT_STATUSES)})`),
    check('report_drafts_period_order', sql`${t.periodFrom} <= ${t.periodTo}`),
    check('report_drafts_issued_complete', sql`${t.status} <> 'issued' or (${t.number} is not null and ${t.issuedOn} is not null and ${t.issueYear} is not null and ${t.snapshot} is not null and ${t.issuedAt} is not null)`),
    check('report_drafts_issue_year', sql`${t.issuedOn} is null or ${t.issueYear} = extract(year from ${t.issuedOn})`),
  ],
)

export type ReportDraftRow = typeof reportDrafts.$inferSelect
