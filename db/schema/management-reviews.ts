import { sql } from 'drizzle-orm'
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, inList, instant, timestamps, version } from './columns.ts'
import { orgUnits } from './org-units.ts'
import { users } from './users.ts'

/**
 * draft: being prepared (its inputs are read live); held: the meeting took place, its
 * inputs are frozen and its decisions recorded; approved: the chair approved the
 * minutes, which are read-only from then on.
 */
export const MANAGEMENT_REVIEW_STATUSES = ['draft', 'held', 'approved'] as const
export type ManagementReviewStatus = (typeof MANAGEMENT_REVIEW_STATUSES)[number]

/** The outputs of ISO 9001:2015 clause 9.3.3: a) improvement, b) changes to the QMS, c) resources. */
export const REVIEW_DECISION_CATEGORIES = ['improvement', 'qms_change', 'resources'] as const
export type ReviewDecisionCategory = (typeof REVIEW_DECISION_CATEGORIES)[number]

export const REVIEW_ACTION_STATUSES = ['open', 'done'] as const
export type ReviewActionStatus = (typeof REVIEW_ACTION_STATUSES)[number]

/**
 * Management reviews (họp xem xét của lãnh đạo, ISO 9001:2015 clause 9.3): a meeting that
 * reviews the QMS of a unit's subtree (the whole agency: its root unit) over a period.
 * `inputs` is the snapshot of the period's figures taken when the review is held
 * (server/modules/management-reviews/inputs.ts), so later records never change the minutes.
 */
export const managementReviews = pgTable(
  'management_reviews',
  {
    id: id(),
    /** Shown as XXLĐ-0001; given by the database so concurrent creations never clash. */
    number: integer('number').notNull().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id, { onDelete: 'restrict' }),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    meetingDate: date('meeting_date', { mode: 'string' }).notNull(),
    location: text('location'),
    chairId: uuid('chair_id').notNull().references(() => users.id, { onDelete: 'restrict' }),
    /** Input f) of 9.3.2 as the meeting notes it: the adequacy of resources, in words. */
    resources: text('resources'),
    /** The meeting's conclusions, as the minutes write them. */
    conclusions: text('conclusions'),
    status: text('status').$type<ManagementReviewStatus>().notNull().default('draft'),
    inputs: jsonb('inputs'),
    heldAt: instant('held_at'),
    heldById: uuid('held_by_id').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: instant('approved_at'),
    approvedById: uuid('approved_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('management_reviews_number_key').on(t.number),
    // The list's order: latest meeting first.
    index('management_reviews_meeting_idx').on(t.meetingDate, t.id),
    index('management_reviews_org_unit_idx').on(t.orgUnitId),
    index('management_reviews_chair_idx').on(t.chairId),
    check('management_reviews_status_valid', sql`${t.status} in (${inList(MANAGEMENT_REVIEW_STATUSES)})`),
    check('management_reviews_title_not_blank', sql`length(trim(${t.title})) > 0`),
    check('management_reviews_period_order', sql`${t.periodFrom} <= ${t.periodTo}`),
    // Held and approved reviews carry their frozen inputs; drafts none.
    check('management_reviews_held_frozen', sql`(${t.status} = 'draft') = (${t.inputs} is null and ${t.heldAt} is null)`),
    check('management_reviews_approved_dated', sql`(${t.status} = 'approved') = (${t.approvedAt} is not null)`),
  ],
)

export type ManagementReviewRow = typeof managementReviews.$inferSelect

/** Who attended (the chair is always counted in by the service). */
export const managementReviewAttendees = pgTable(
  'management_review_attendees',
  {
    reviewId: uuid('review_id').notNull().references(() => managementReviews.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.userId] }), index('management_review_attendees_user_idx').on(t.userId)],
)

/**
 * The outputs of a review (9.3.3): each decision, optionally an action with an owner and
 * a due date, tracked like any other action (open → done) after the minutes are approved.
 */
export const managementReviewDecisions = pgTable(
  'management_review_decisions',
  {
    id: id(),
    reviewId: uuid('review_id').notNull().references(() => managementReviews.id, { onDelete: 'restrict' }),
    /** 1, 2, …: the order the minutes list the decisions in. */
    position: integer('position').notNull(),
    category: text('category').$type<ReviewDecisionCategory>().notNull(),
    description: text('description').notNull(),
    /** With an owner, the decision is an action: owner, due date and status go together. */
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'restrict' }),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status').$type<ReviewActionStatus>(),
    completedAt: instant('completed_at'),
    completedById: uuid('completed_by_id').references(() => users.id, { onDelete: 'set null' }),
    completionNote: text('completion_note'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('management_review_decisions_position_key').on(t.reviewId, t.position),
    index('management_review_decisions_owner_idx').on(t.ownerId, t.status),
    check('management_review_decisions_category_valid', sql`${t.category} in (${inList(REVIEW_DECISION_CATEGORIES)})`),
    check('management_review_decisions_status_valid', sql`${t.status} is null or ${t.status} in (${inList(REVIEW_ACTION_STATUSES)})`),
    check('management_review_decisions_description_not_blank', sql`length(trim(${t.description})) > 0`),
    check('management_review_decisions_action_whole', sql`(${t.ownerId} is null) = (${t.dueDate} is null) and (${t.ownerId} is null) = (${t.status} is null)`),
    check('management_review_decisions_done_has_completion', sql`(${t.status} is not distinct from 'done') = (${t.completedAt} is not null and ${t.completionNote} is not null)`),
  ],
)

export type ManagementReviewDecisionRow = typeof managementReviewDecisions.$inferSelect
