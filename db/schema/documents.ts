import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { bytea, id, inList, instant, timestamps, version, searchIndex, searchText } from './columns.ts'
import { orgUnits } from './org-units.ts'
import { users } from './users.ts'

/**
 * `record`: an issued paper kept as evidence (hồ sơ), e.g. an issued half-year report; it
 * is registered by the module that issues it, published at once and read-only.
 */
export const DOCUMENT_TYPES = ['policy', 'manual', 'procedure', 'form', 'instruction', 'record_template', 'external', 'record'] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]
/** The types a user registers by hand: every one but `record`. */
export const WRITABLE_DOCUMENT_TYPES = DOCUMENT_TYPES.filter((t): t is Exclude<DocumentType, 'record'> => t !== 'record')

export const STANDARD_EDITIONS = ['2008', '2015'] as const
export type StandardEdition = (typeof STANDARD_EDITIONS)[number]

/** draft → in_review → approved → published → superseded; any but superseded → obsolete. */
export const REVISION_STATUSES = ['draft', 'in_review', 'approved', 'published', 'superseded', 'obsolete'] as const
export type RevisionStatus = (typeof REVISION_STATUSES)[number]

/** Soạn thảo / Xem xét / Phê duyệt. */
export const SIGNOFF_MEANINGS = ['drafted', 'reviewed', 'approved'] as const
export type SignoffMeaning = (typeof SIGNOFF_MEANINGS)[number]

/** A sign-off either signs the revision off or sends it back with a comment. */
export const SIGNOFF_DECISIONS = ['signed', 'returned'] as const
export type SignoffDecision = (typeof SIGNOFF_DECISIONS)[number]

export const REVIEW_REMINDER_KINDS = ['due_soon', 'overdue'] as const
export type ReviewReminderKind = (typeof REVIEW_REMINDER_KINDS)[number]

/**
 * Documented information (ISO 9001 clause 7.5): one row per controlled document. Its
 * status is derived from its revisions; `procedure_ids` refers to administrative
 * procedures (checked by the service once that module exists).
 */
export const documents = pgTable(
  'documents',
  {
    id: id(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    search: searchText(`code || ' ' || title`),
    type: text('type').$type<DocumentType>().notNull(),
    owningUnitId: uuid('owning_unit_id').notNull().references(() => orgUnits.id, { onDelete: 'restrict' }),
    clauseNumbers: text('clause_numbers').array().notNull().default(sql`'{}'::text[]`),
    procedureIds: uuid('procedure_ids').array().notNull().default(sql`'{}'::uuid[]`),
    standardEdition: text('standard_edition').$type<StandardEdition>().notNull().default('2015'),
    reviewIntervalMonths: integer('review_interval_months').notNull().default(12),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('documents_code_key').on(sql`lower(${t.code})`),
    index('documents_owning_unit_idx').on(t.owningUnitId),
    index('documents_clause_numbers_idx').using('gin', t.clauseNumbers),
    searchIndex('documents_search_idx', t.search),
    check('documents_code_not_blank', sql`length(trim(${t.code})) > 0`),
    check('documents_type_valid', sql`${t.type} in (${inList(DOCUMENT_TYPES)})`),
    check('documents_edition_valid', sql`${t.standardEdition} in (${inList(STANDARD_EDITIONS)})`),
    check('documents_review_interval_valid', sql`${t.reviewIntervalMonths} between 1 and 120`),
  ],
)

/**
 * One issue (lần ban hành) of a document and its file. At most one revision of a
 * document is published and at most one is being worked on (draft, in review or
 * approved): both rules are partial unique indexes, so no writer can break them.
 */
export const documentRevisions = pgTable(
  'document_revisions',
  {
    id: id(),
    documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'restrict' }),
    issueNumber: integer('issue_number').notNull(),
    status: text('status').$type<RevisionStatus>().notNull().default('draft'),
    changeSummary: text('change_summary').notNull(),
    standardEdition: text('standard_edition').$type<StandardEdition>().notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    fileSize: integer('file_size').notNull(),
    sha256: text('sha256').notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'restrict' }),
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'restrict' }),
    submittedAt: instant('submitted_at'),
    submittedById: uuid('submitted_by_id').references(() => users.id, { onDelete: 'restrict' }),
    /** Set when the named reviewer signs; cleared when the revision goes back to draft. */
    reviewedAt: instant('reviewed_at'),
    approvedAt: instant('approved_at'),
    approvedById: uuid('approved_by_id').references(() => users.id, { onDelete: 'restrict' }),
    effectiveFrom: date('effective_from', { mode: 'string' }),
    publishedAt: instant('published_at'),
    publishedById: uuid('published_by_id').references(() => users.id, { onDelete: 'restrict' }),
    supersededAt: instant('superseded_at'),
    supersededById: uuid('superseded_by_id').references((): AnyPgColumn => documentRevisions.id, { onDelete: 'restrict' }),
    obsoletedAt: instant('obsoleted_at'),
    obsoleteReason: text('obsolete_reason'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('document_revisions_issue_key').on(t.documentId, t.issueNumber),
    uniqueIndex('document_revisions_one_published').on(t.documentId).where(sql`status = 'published'`),
    uniqueIndex('document_revisions_one_in_work').on(t.documentId).where(sql`status in ('draft', 'in_review', 'approved')`),
    check('document_revisions_status_valid', sql`${t.status} in (${inList(REVISION_STATUSES)})`),
    check('document_revisions_edition_valid', sql`${t.standardEdition} in (${inList(STANDARD_EDITIONS)})`),
    check('document_revisions_issue_positive', sql`${t.issueNumber} > 0`),
    check('document_revisions_sha256_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('document_revisions_published_dated', sql`${t.status} not in ('published', 'superseded') or (${t.effectiveFrom} is not null and ${t.publishedAt} is not null)`),
  ],
)

/** The bytes of a revision's file, apart from the revision so lists never load them. */
export const documentFiles = pgTable('document_files', {
  revisionId: uuid('revision_id')
    .primaryKey()
    .references(() => documentRevisions.id, { onDelete: 'restrict' }),
  content: bytea('content').notNull(),
})

/**
 * Who signed a revision, when, and what the signature means. The name and position are
 * copied so the record still reads as signed if the person later changes.
 */
export const documentSignoffs = pgTable(
  'document_signoffs',
  {
    id: id(),
    revisionId: uuid('revision_id').notNull().references(() => documentRevisions.id, { onDelete: 'restrict' }),
    meaning: text('meaning').$type<SignoffMeaning>().notNull(),
    decision: text('decision').$type<SignoffDecision>().notNull().default('signed'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'restrict' }),
    fullName: text('full_name').notNull(),
    position: text('position'),
    comment: text('comment'),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [
    index('document_signoffs_revision_idx').on(t.revisionId, t.at),
    check('document_signoffs_meaning_valid', sql`${t.meaning} in (${inList(SIGNOFF_MEANINGS)})`),
    check('document_signoffs_decision_valid', sql`${t.decision} in (${inList(SIGNOFF_DECISIONS)})`),
  ],
)

/** Review reminders already sent, so each is sent once per published revision. */
export const documentReviewReminders = pgTable(
  'document_review_reminders',
  {
    revisionId: uuid('revision_id').notNull().references(() => documentRevisions.id, { onDelete: 'restrict' }),
    kind: text('kind').$type<ReviewReminderKind>().notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    recipientIds: uuid('recipient_ids').array().notNull().default(sql`'{}'::uuid[]`),
    sentAt: instant('sent_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.revisionId, t.kind, t.dueOn] }),
    check('document_review_reminders_kind_valid', sql`${t.kind} in (${inList(REVIEW_REMINDER_KINDS)})`),
  ],
)

export type DocumentRow = typeof documents.$inferSelect
export type DocumentRevisionRow = typeof documentRevisions.$inferSelect
export type DocumentSignoffRow = typeof documentSignoffs.$inferSelect
