import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { CHECKLIST_CATEGORIES, type ChecklistCategory } from './checklist-templates.ts'
import { id, inList, instant, searchIndex, searchText, timestamps, version } from './columns.ts'
import { inspectionResponses, inspections } from './inspections.ts'
import { nonconformities } from './nonconformities.ts'
import { orgUnits } from './org-units.ts'
import type { RollupGrain } from './reports.ts'
import { users } from './users.ts'

export const FINDING_CLASSIFICATIONS = ['major_nc', 'minor_nc', 'observation', 'improvement_opportunity'] as const
export type FindingClassification = (typeof FINDING_CLASSIFICATIONS)[number]

export const FINDING_HANDLINGS = ['on_spot_reminder', 'criticism', 'self_review', 'nc_raised'] as const
export type FindingHandling = (typeof FINDING_HANDLINGS)[number]

export const FINDING_STATUSES = ['open', 'closed'] as const
export type FindingStatus = (typeof FINDING_STATUSES)[number]


/**
 * Something an inspection found: created for each failed response when an inspection
 * is completed, or entered directly (e.g. at a briefing meeting). "Reminded on the
 * spot" is a recorded handling, not the absence of a finding. `foundOn` is the date
 * reports count by.
 */
export const findings = pgTable(
  'findings',
  {
    id: id(),
    inspectionId: uuid('inspection_id').references(() => inspections.id, { onDelete: 'restrict' }),
    responseId: uuid('response_id').references(() => inspectionResponses.id, { onDelete: 'restrict' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    personId: uuid('person_id').references(() => users.id, { onDelete: 'restrict' }),
    category: text('category').$type<ChecklistCategory>().notNull(),
    clauseNumbers: text('clause_numbers').array().notNull().default(sql`'{}'::text[]`),
    classification: text('classification').$type<FindingClassification>().notNull(),
    handling: text('handling').$type<FindingHandling>(),
    /** The nonconformity raised from this finding (handling `nc_raised`). */
    nonconformityId: uuid('nonconformity_id').references(() => nonconformities.id, { onDelete: 'restrict' }),
    description: text('description').notNull(),
    /** What `q` matches (a finding has no code of its own; its inspection's number is matched through the inspection). */
    search: searchText('description'),
    status: text('status').$type<FindingStatus>().notNull().default('open'),
    foundOn: date('found_on', { mode: 'string' }).notNull(),
    closedAt: instant('closed_at'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('findings_response_key').on(t.responseId),
    index('findings_inspection_idx').on(t.inspectionId),
    index('findings_org_unit_date_idx').on(t.orgUnitId, t.foundOn),
    index('findings_date_idx').on(t.foundOn, t.id),
    // The reports' counts over a period by an index-only scan.
    index('findings_report_idx').on(t.foundOn, t.orgUnitId, t.classification, t.handling, t.status, t.category),
    index('findings_category_date_idx').on(t.category, t.foundOn),
    index('findings_classification_idx').on(t.classification, t.foundOn),
    index('findings_handling_idx').on(t.handling, t.foundOn),
    index('findings_person_idx').on(t.personId),
    index('findings_status_idx').on(t.status),
    searchIndex('findings_search_idx', t.search),
    check('findings_category_valid', sql`${t.category} in (${inList(CHECKLIST_CATEGORIES)})`),
    check('findings_classification_valid', sql`${t.classification} in (${inList(FINDING_CLASSIFICATIONS)})`),
    check('findings_nc_raised_linked', sql`(coalesce(${t.handling}, '') = 'nc_raised') = (${t.nonconformityId} is not null)`),
    check('findings_handling_valid', sql`${t.handling} is null or ${t.handling} in (${inList(FINDING_HANDLINGS)})`),
    check('findings_status_valid', sql`${t.status} in (${inList(FINDING_STATUSES)})`),
    check('findings_closed_at', sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
    check('findings_description_not_blank', sql`length(trim(${t.description})) > 0`),
  ],
)

export type FindingRow = typeof findings.$inferSelect

/**
 * Findings counted by the day they were found (at every rollup grain, see
 * server/lib/rollup-range.ts), unit, classification, handling ('none' when not yet
 * decided) and status, so the reports' counts over years read a few hundred rows
 * instead of every finding. Findings are written from several places (completing an
 * inspection, the findings screen, raising an NC, imports of demo and bench data), so
 * the table is kept by statement triggers on `findings` (migration 0038), in the writing
 * transaction; `rebuildFindingRollups` recomputes it.
 */
export const findingRollups = pgTable(
  'finding_rollups',
  {
    grain: text('grain').$type<RollupGrain>().notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    classification: text('classification').notNull(),
    handling: text('handling').notNull(),
    status: text('status').notNull(),
    findings: integer('findings').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.start, t.orgUnitId, t.classification, t.handling, t.status] }),
    index('finding_rollups_unit_idx').on(t.orgUnitId),
    check('finding_rollups_grain_valid', sql`${t.grain} in ('day', 'dekad', 'month', 'year')`),
  ],
)
