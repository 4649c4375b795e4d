import { sql } from 'drizzle-orm'
import { check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { attachments } from './attachments.ts'
import { checklistTemplateItems, checklistTemplateRevisions, checklistTemplates } from './checklist-templates.ts'
import { id, inList, instant, searchIndex, searchText, timestamps, version } from './columns.ts'
import { orgUnits } from './org-units.ts'
import { users } from './users.ts'

export const INSPECTION_KINDS = ['self', 'internal', 'briefing', 'unannounced', 'internal_audit'] as const
export type InspectionKind = (typeof INSPECTION_KINDS)[number]

export const INSPECTION_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number]

export const RESPONSE_RESULTS = ['pass', 'fail', 'na'] as const
export type ResponseResult = (typeof RESPONSE_RESULTS)[number]


/**
 * A civil-service inspection or an internal audit of one unit, on one checklist
 * revision. `inspectionDate` (performed, else planned) is the date reports count by.
 */
export const inspections = pgTable(
  'inspections',
  {
    id: id(),
    /** The record number, e.g. `03/2020/BB-KT`: `seq` within `year`. */
    number: text('number').notNull(),
    search: searchText('number'),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => checklistTemplates.id, { onDelete: 'restrict' }),
    templateRevisionId: uuid('template_revision_id')
      .notNull()
      .references(() => checklistTemplateRevisions.id, { onDelete: 'restrict' }),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'restrict' }),
    kind: text('kind').$type<InspectionKind>().notNull(),
    status: text('status').$type<InspectionStatus>().notNull().default('planned'),
    plannedFor: date('planned_for', { mode: 'string' }).notNull(),
    performedOn: date('performed_on', { mode: 'string' }),
    inspectionDate: date('inspection_date', { mode: 'string' })
      .notNull()
      .generatedAlwaysAs(sql`coalesce(performed_on, planned_for)`),
    leadInspectorId: uuid('lead_inspector_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    basis: text('basis'),
    location: text('location'),
    conclusion: text('conclusion'),
    score: doublePrecision('score'),
    startedAt: instant('started_at'),
    completedAt: instant('completed_at'),
    cancelledAt: instant('cancelled_at'),
    cancelReason: text('cancel_reason'),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('inspections_number_key').on(t.number),
    uniqueIndex('inspections_year_seq_key').on(t.year, t.seq),
    index('inspections_org_unit_date_idx').on(t.orgUnitId, t.inspectionDate),
    index('inspections_date_idx').on(t.inspectionDate, t.id),
    index('inspections_kind_date_idx').on(t.kind, t.inspectionDate),
    index('inspections_status_idx').on(t.status),
    index('inspections_template_idx').on(t.templateId),
    index('inspections_revision_idx').on(t.templateRevisionId),
    index('inspections_lead_idx').on(t.leadInspectorId),
    searchIndex('inspections_search_idx', t.search),
    // A term too short for trigrams ("03") matches the start of the number.
    index('inspections_search_prefix_idx').on(t.search.op('text_pattern_ops')),
    check('inspections_kind_valid', sql`${t.kind} in (${inList(INSPECTION_KINDS)})`),
    check('inspections_status_valid', sql`${t.status} in (${inList(INSPECTION_STATUSES)})`),
    check('inspections_score_range', sql`${t.score} is null or (${t.score} >= 0 and ${t.score} <= 100)`),
    check('inspections_cancel_reason', sql`(${t.status} = 'cancelled') = (${t.cancelReason} is not null)`),
    check('inspections_completed_score', sql`${t.status} <> 'completed' or ${t.completedAt} is not null`),
  ],
)

/** The inspection team besides the lead inspector. */
export const inspectionTeam = pgTable(
  'inspection_team',
  {
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.userId] }), index('inspection_team_user_idx').on(t.userId)],
)

/** The people inspected (present at the time): per-person items take one response for each. */
export const inspectionPeople = pgTable(
  'inspection_people',
  {
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.userId] }), index('inspection_people_user_idx').on(t.userId)],
)

/** One answer: per item, and per person for per-person items. */
export const inspectionResponses = pgTable(
  'inspection_responses',
  {
    id: id(),
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => checklistTemplateItems.id, { onDelete: 'restrict' }),
    personId: uuid('person_id').references(() => users.id, { onDelete: 'restrict' }),
    result: text('result').$type<ResponseResult>().notNull(),
    /** The number, text or choice for items of those response types. */
    value: jsonb('value').$type<number | string>(),
    note: text('note'),
    /** What the finding for a failure will say about severity and handling (optional at the desk). */
    classification: text('classification'),
    handling: text('handling'),
    answeredById: uuid('answered_by_id').references(() => users.id, { onDelete: 'set null' }),
    /**
     * Counts the changes of this answer: a device sends the revision it last saw, so a
     * change made by someone else in between is shown to it, never overwritten.
     */
    revision: integer('revision').notNull().default(1),
    /** When the answer was given on the device (it may reach the server much later). */
    answeredAt: instant('answered_at'),
    /** The device (browser installation) that gave the answer. */
    clientId: text('client_id'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('inspection_responses_item_key').on(t.inspectionId, t.itemId).where(sql`person_id is null`),
    uniqueIndex('inspection_responses_person_key').on(t.inspectionId, t.itemId, t.personId).where(sql`person_id is not null`),
    index('inspection_responses_item_idx').on(t.itemId),
    index('inspection_responses_person_idx').on(t.personId),
    check('inspection_responses_result_valid', sql`${t.result} in (${inList(RESPONSE_RESULTS)})`),
    // The same lists as FINDING_CLASSIFICATIONS / FINDING_HANDLINGS (findings.ts imports this file).
    check('inspection_responses_classification_valid', sql`${t.classification} is null or ${t.classification} in ('major_nc','minor_nc','observation','improvement_opportunity')`),
    check('inspection_responses_handling_valid', sql`${t.handling} is null or ${t.handling} in ('on_spot_reminder','criticism','self_review','nc_raised')`),
  ],
)

export const inspectionResponseAttachments = pgTable(
  'inspection_response_attachments',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => inspectionResponses.id, { onDelete: 'cascade' }),
    attachmentId: uuid('attachment_id')
      .notNull()
      .references(() => attachments.id, { onDelete: 'restrict' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.attachmentId] }), index('inspection_response_attachments_attachment_idx').on(t.attachmentId)],
)

export const SIGNATURE_ROLES = ['unit_representative', 'lead_inspector'] as const
export type SignatureRole = (typeof SIGNATURE_ROLES)[number]

/**
 * The signature blocks of the record: the representative of the inspected unit and the
 * lead inspector sign on the screen (a PNG), or the representative's refusal to sign is
 * recorded with the reason. Each block is signed once.
 */
export const inspectionSignatures = pgTable(
  'inspection_signatures',
  {
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id, { onDelete: 'cascade' }),
    role: text('role').$type<SignatureRole>().notNull(),
    signerName: text('signer_name').notNull(),
    signerId: uuid('signer_id').references(() => users.id, { onDelete: 'set null' }),
    attachmentId: uuid('attachment_id').references(() => attachments.id, { onDelete: 'restrict' }),
    refusalReason: text('refusal_reason'),
    /** When it was signed on the device. */
    signedAt: instant('signed_at').notNull(),
    recordedById: uuid('recorded_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'inspection_signatures_pkey', columns: [t.inspectionId, t.role] }),
    check('inspection_signatures_role_valid', sql`${t.role} in (${inList(SIGNATURE_ROLES)})`),
    check('inspection_signatures_signed_or_refused', sql`(${t.attachmentId} is null) <> (${t.refusalReason} is null)`),
    check('inspection_signatures_lead_signs', sql`${t.role} <> 'lead_inspector' or ${t.attachmentId} is not null`),
  ],
)

export type InspectionRow = typeof inspections.$inferSelect
export type InspectionResponseRow = typeof inspectionResponses.$inferSelect
