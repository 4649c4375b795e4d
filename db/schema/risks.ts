import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, inList, instant, searchIndex, searchText, timestamps, version } from './columns.ts'
import { orgUnits } from './org-units.ts'
import { users } from './users.ts'

/** ISO 9001:2015 clause 6.1: what could go wrong, and what could be done better. */
export const RISK_KINDS = ['risk', 'opportunity'] as const
export type RiskKind = (typeof RISK_KINDS)[number]

/** open: being dealt with; treated: its actions are done; accepted: kept as it is, knowingly; closed: no longer relevant. */
export const RISK_STATUSES = ['open', 'treated', 'accepted', 'closed'] as const
export type RiskStatus = (typeof RISK_STATUSES)[number]

/** Score bands; the thresholds between them are a setting (QMS_RISK_LEVELS), so the level is computed, never stored. */
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]

export const RISK_ACTION_STATUSES = ['open', 'done'] as const
export type RiskActionStatus = (typeof RISK_ACTION_STATUSES)[number]

const scale = (column: unknown) => sql`${column} between 1 and 5`

/**
 * The register of risks and opportunities. `likelihood` and `impact` are those of the
 * latest assessment (risk_assessments), kept here by every re-assessment so that lists,
 * filters and the heat map read one row per risk.
 */
export const risks = pgTable(
  'risks',
  {
    id: id(),
    /** Shown as RR-0001; given by the database so concurrent creations never clash. */
    number: integer('number').notNull().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<RiskKind>().notNull(),
    /** The process it belongs to, in the agency's words ("Tiếp nhận và trả kết quả hồ sơ"). */
    process: text('process'),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    cause: text('cause').notNull(),
    effect: text('effect').notNull(),
    search: searchText(`'RR-' || lpad(number::text, 4, '0') || ' ' || title || ' ' || coalesce(process, '')`),
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    score: integer('score').notNull().generatedAlwaysAs(sql`likelihood * impact`),
    status: text('status').$type<RiskStatus>().notNull().default('open'),
    /** When it is next to be reviewed (re-assessed); a date in the agency's time zone. */
    reviewDate: date('review_date', { mode: 'string' }),
    ownerId: uuid('owner_id').notNull().references(() => users.id, { onDelete: 'restrict' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('risks_number_key').on(t.number),
    // The register's order: highest score first, then newest.
    index('risks_score_idx').on(t.score, t.createdAt, t.id),
    index('risks_org_unit_idx').on(t.orgUnitId),
    index('risks_review_due_idx').on(t.reviewDate).where(sql`${t.status} <> 'closed'`),
    searchIndex('risks_search_idx', t.search),
    check('risks_kind_valid', sql`${t.kind} in (${inList(RISK_KINDS)})`),
    check('risks_status_valid', sql`${t.status} in (${inList(RISK_STATUSES)})`),
    check('risks_likelihood_scale', scale(t.likelihood)),
    check('risks_impact_scale', scale(t.impact)),
    check('risks_title_not_blank', sql`length(trim(${t.title})) > 0`),
    check('risks_process_or_unit', sql`${t.orgUnitId} is not null or length(trim(coalesce(${t.process}, ''))) > 0`),
  ],
)

export type RiskRow = typeof risks.$inferSelect

/** Every assessment of a risk, the first (at registration) included; the latest is the risk's current score. */
export const riskAssessments = pgTable(
  'risk_assessments',
  {
    id: id(),
    riskId: uuid('risk_id').notNull().references(() => risks.id, { onDelete: 'restrict' }),
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    score: integer('score').notNull().generatedAlwaysAs(sql`likelihood * impact`),
    note: text('note'),
    assessedById: uuid('assessed_by_id').references(() => users.id, { onDelete: 'set null' }),
    assessedAt: instant('assessed_at').notNull(),
  },
  (t) => [
    index('risk_assessments_risk_idx').on(t.riskId, t.assessedAt, t.id),
    check('risk_assessments_likelihood_scale', scale(t.likelihood)),
    check('risk_assessments_impact_scale', scale(t.impact)),
  ],
)

export type RiskAssessmentRow = typeof riskAssessments.$inferSelect

/**
 * Treatment actions of a risk (or actions to take up an opportunity). Not the corrective
 * actions of db/schema/actions.ts: those belong to a nonconformity (their NC id is
 * required, and its workflow decides when they may be added and completed).
 */
export const riskActions = pgTable(
  'risk_actions',
  {
    id: id(),
    riskId: uuid('risk_id').notNull().references(() => risks.id, { onDelete: 'restrict' }),
    description: text('description').notNull(),
    ownerId: uuid('owner_id').notNull().references(() => users.id, { onDelete: 'restrict' }),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').$type<RiskActionStatus>().notNull().default('open'),
    completedAt: instant('completed_at'),
    completedById: uuid('completed_by_id').references(() => users.id, { onDelete: 'set null' }),
    completionNote: text('completion_note'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('risk_actions_risk_idx').on(t.riskId, t.dueDate, t.id),
    index('risk_actions_owner_idx').on(t.ownerId, t.status),
    check('risk_actions_status_valid', sql`${t.status} in (${inList(RISK_ACTION_STATUSES)})`),
    check('risk_actions_description_not_blank', sql`length(trim(${t.description})) > 0`),
    check('risk_actions_done_has_completion', sql`(${t.status} = 'done') = (${t.completedAt} is not null and ${t.completionNote} is not null)`),
  ],
)

export type RiskActionRow = typeof riskActions.$inferSelect
