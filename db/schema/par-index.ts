import { sql } from 'drizzle-orm'
import { type AnyPgColumn, boolean, check, index, integer, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, inList, instant, timestamps, version } from './columns.ts'
import { orgUnits } from './org-units.ts'
import { users } from './users.ts'

/**
 * The PAR index (Chỉ số cải cách hành chính): each year the agency scores itself against
 * a criteria tree its province issues (area → criterion → sub-criterion, each with its
 * maximum points), attaching evidence; the province then appraises the score.
 */

/**
 * Figures our own data gives for a criterion, for the year assessed
 * (server/modules/par-index/figures.ts computes them from the existing counters).
 */
export const PAR_DATA_SOURCES = ['dossiers_on_time_pct', 'dossiers_online_pct', 'complaints_handled_pct', 'inspections_held', 'iso_maintained'] as const
export type ParDataSource = (typeof PAR_DATA_SOURCES)[number]

/** draft: being scored; submitted: the self scores are frozen and sent; appraised: the province's scores are in. */
export const PAR_ASSESSMENT_STATUSES = ['draft', 'submitted', 'appraised'] as const
export type ParAssessmentStatus = (typeof PAR_ASSESSMENT_STATUSES)[number]

/** A criteria set as a province issued it (or a sample, flagged as such), loaded from XLSX or JSON. */
export const parCriteriaSets = pgTable(
  'par_criteria_sets',
  {
    id: id(),
    name: text('name').notNull(),
    /** The year assessed with it. */
    year: integer('year').notNull(),
    /** The decision that issued it ("Quyết định số …/QĐ-UBND"), when known. */
    issuedBy: text('issued_by'),
    /** A sample to try the module with: not official figures. */
    isSample: boolean('is_sample').notNull().default(false),
    /** The sum of the areas' maximum points. */
    maxPoints: numeric('max_points', { precision: 7, scale: 2, mode: 'number' }).notNull(),
    sourceFilename: text('source_filename'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('par_criteria_sets_name_year_key').on(sql`lower(${t.name})`, t.year),
    index('par_criteria_sets_year_idx').on(t.year, t.createdAt, t.id),
    check('par_criteria_sets_name_not_blank', sql`length(trim(${t.name})) > 0`),
    check('par_criteria_sets_year_range', sql`${t.year} between 2000 and 2100`),
  ],
)

export type ParCriteriaSetRow = typeof parCriteriaSets.$inferSelect

/**
 * One node of a criteria tree. `code` is its place ("1", "1.1", "1.1.2"); a node without
 * children is a leaf, the only kind that is scored; a parent's maximum is the sum of its
 * children's (checked when the set is loaded).
 */
export const parCriteria = pgTable(
  'par_criteria',
  {
    id: id(),
    setId: uuid('set_id').notNull().references(() => parCriteriaSets.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => parCriteria.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    /** Order in the file: the tree reads in this order. */
    position: integer('position').notNull(),
    depth: integer('depth').notNull(),
    title: text('title').notNull(),
    maxPoints: numeric('max_points', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    /** How it is scored, in the province's words. */
    scoring: text('scoring'),
    isLeaf: boolean('is_leaf').notNull(),
    dataSource: text('data_source').$type<ParDataSource>(),
  },
  (t) => [
    uniqueIndex('par_criteria_set_code_key').on(t.setId, t.code),
    index('par_criteria_set_position_idx').on(t.setId, t.position),
    index('par_criteria_parent_idx').on(t.parentId),
    check('par_criteria_code_format', sql`${t.code} ~ '^[0-9]+(\\.[0-9]+)*$'`),
    check('par_criteria_max_points_positive', sql`${t.maxPoints} >= 0`),
    check('par_criteria_title_not_blank', sql`length(trim(${t.title})) > 0`),
    check('par_criteria_data_source_valid', sql`${t.dataSource} is null or ${t.dataSource} in (${inList(PAR_DATA_SOURCES)})`),
  ],
)

export type ParCriterionRow = typeof parCriteria.$inferSelect

/** The agency's self-assessment of one year, against one criteria set. */
export const parAssessments = pgTable(
  'par_assessments',
  {
    id: id(),
    year: integer('year').notNull(),
    setId: uuid('set_id').notNull().references(() => parCriteriaSets.id, { onDelete: 'restrict' }),
    /** The agency assessed (the top unit): evidence files are scoped to it. */
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id, { onDelete: 'restrict' }),
    status: text('status').$type<ParAssessmentStatus>().notNull().default('draft'),
    submittedAt: instant('submitted_at'),
    submittedById: uuid('submitted_by_id').references(() => users.id, { onDelete: 'set null' }),
    appraisedAt: instant('appraised_at'),
    appraisedById: uuid('appraised_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('par_assessments_year_key').on(t.year),
    index('par_assessments_set_idx').on(t.setId),
    check('par_assessments_status_valid', sql`${t.status} in (${inList(PAR_ASSESSMENT_STATUSES)})`),
    check('par_assessments_submitted', sql`${t.status} = 'draft' or ${t.submittedAt} is not null`),
    check('par_assessments_appraised', sql`${t.status} <> 'appraised' or ${t.appraisedAt} is not null`),
  ],
)

export type ParAssessmentRow = typeof parAssessments.$inferSelect

/**
 * The scores of one leaf in one assessment: the self score with its evidence (files,
 * a link, or the documents named) and a note; the appraised score entered later.
 */
export const parScores = pgTable(
  'par_scores',
  {
    assessmentId: uuid('assessment_id').notNull().references(() => parAssessments.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id').notNull().references(() => parCriteria.id, { onDelete: 'restrict' }),
    selfScore: numeric('self_score', { precision: 6, scale: 2, mode: 'number' }),
    /** The evidence documents named (tài liệu kiểm chứng), e.g. "Kế hoạch 04/KH-BQL ngày 06/01/2020". */
    evidenceText: text('evidence_text'),
    evidenceUrl: text('evidence_url'),
    /** Evidence files (POST /api/attachments); the ids are checked by the attachments module. */
    attachmentIds: uuid('attachment_ids').array().notNull().default(sql`'{}'::uuid[]`),
    note: text('note'),
    appraisedScore: numeric('appraised_score', { precision: 6, scale: 2, mode: 'number' }),
    appraisalNote: text('appraisal_note'),
    updatedById: uuid('updated_by_id').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.assessmentId, t.criterionId] }),
    index('par_scores_criterion_idx').on(t.criterionId),
    check('par_scores_self_not_negative', sql`${t.selfScore} is null or ${t.selfScore} >= 0`),
    check('par_scores_appraised_not_negative', sql`${t.appraisedScore} is null or ${t.appraisedScore} >= 0`),
    // Points claimed need evidence (the API names the criterion; this holds for every writer).
    check(
      'par_scores_evidence_for_points',
      sql`coalesce(${t.selfScore}, 0) = 0 or cardinality(${t.attachmentIds}) > 0 or length(trim(coalesce(${t.evidenceText}, ''))) > 0 or length(trim(coalesce(${t.evidenceUrl}, ''))) > 0`,
    ),
  ],
)

export type ParScoreRow = typeof parScores.$inferSelect
