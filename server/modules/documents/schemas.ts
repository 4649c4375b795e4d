import { Type, type Static } from 'typebox'
import { DOCUMENT_TYPES, WRITABLE_DOCUMENT_TYPES, REVISION_STATUSES, SIGNOFF_DECISIONS, SIGNOFF_MEANINGS, STANDARD_EDITIONS } from '../../../db/schema/documents.ts'
import { DateOnly, DateTime, ListQuery, Nullable, Page, Uuid, Version } from '../../lib/schemas.ts'
import { multipartBody } from '../../lib/uploads.ts'
import { REVISION_WORKFLOW } from './workflow.ts'
import { ClauseNumber } from '../iso-clauses/schemas.ts'

export const DocumentTypeSchema = Type.Enum([...DOCUMENT_TYPES], { description: `${DOCUMENT_TYPES.join(' | ')} (record: an issued paper kept as evidence, registered by the module that issues it, read-only)` })
/** What a user may register or change a document to: every type but `record`. */
export const WritableDocumentType = Type.Enum([...WRITABLE_DOCUMENT_TYPES], { description: WRITABLE_DOCUMENT_TYPES.join(' | ') })
export const EditionSchema = Type.Enum([...STANDARD_EDITIONS], { description: 'The ISO 9001 edition the document is written against: 2008 | 2015' })
export const RevisionStatusSchema = Type.Enum([...REVISION_STATUSES], { description: REVISION_STATUSES.join(' | ') })

export const DOCUMENT_STATUSES = ['draft', 'in_review', 'approved', 'published', 'obsolete'] as const
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number]
export const DocumentStatusSchema = Type.Enum([...DOCUMENT_STATUSES], {
  description:
    'Derived from the revisions: `published` while one revision is in force; otherwise the status of the revision being worked on; `obsolete` when withdrawn; `draft` before the first file',
})

export const REVIEW_STATES = ['ok', 'due_soon', 'overdue'] as const
export const ReviewStateSchema = Type.Enum([...REVIEW_STATES], { description: 'ok | due_soon (within 30 days) | overdue' })

export const REVISION_ACTIONS = REVISION_WORKFLOW.ops
export type RevisionAction = (typeof REVISION_ACTIONS)[number]

const Code = Type.String({ minLength: 1, maxLength: 50, pattern: '^\\S(.*\\S)?$', description: 'Unique code, e.g. `QT-01/BQL`' })
const Title = Type.String({ minLength: 1, maxLength: 500 })
const ClauseNumbers = Type.Array(ClauseNumber, {
  uniqueItems: true,
  maxItems: 60,
  description: 'ISO 9001:2015 clause numbers, e.g. `7.5.3`',
})
const ProcedureIds = Type.Array(Uuid, {
  uniqueItems: true,
  maxItems: 200,
  description: 'Administrative procedures (TTHC) this document governs',
})
const ReviewInterval = Type.Integer({ minimum: 1, maximum: 120, description: 'Months between reviews (default 12)' })

export const UserRef = Type.Object({ id: Uuid, fullName: Type.String(), position: Nullable(Type.String()) })
export type UserRef = Static<typeof UserRef>
export const UnitRef = Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })

export const RevisionSummary = Type.Object({
  id: Uuid,
  issueNumber: Type.Integer(),
  status: RevisionStatusSchema,
  standardEdition: EditionSchema,
  effectiveFrom: Nullable(DateOnly),
  fileName: Type.String(),
})
export type RevisionSummary = Static<typeof RevisionSummary>

export const Document = Type.Object({
  id: Uuid,
  code: Type.String(),
  title: Type.String(),
  type: DocumentTypeSchema,
  owningUnitId: Uuid,
  owningUnit: UnitRef,
  clauseNumbers: Type.Array(Type.String()),
  procedureIds: Type.Array(Uuid),
  standardEdition: EditionSchema,
  reviewIntervalMonths: Type.Integer(),
  status: DocumentStatusSchema,
  currentRevision: Nullable(RevisionSummary),
  workingRevision: Nullable(RevisionSummary),
  nextReviewDue: Nullable(DateOnly),
  reviewState: Nullable(ReviewStateSchema),
  actions: Type.Array(Type.Enum(['edit', 'upload']), { description: 'What the caller may do: `edit` the register entry, `upload` a new revision (when none is in work)' }),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type Document = Static<typeof Document>

export const CreateDocument = Type.Object(
  {
    code: Code,
    title: Title,
    type: WritableDocumentType,
    owningUnitId: Uuid,
    clauseNumbers: Type.Optional(ClauseNumbers),
    procedureIds: Type.Optional(ProcedureIds),
    standardEdition: Type.Optional(EditionSchema),
    reviewIntervalMonths: Type.Optional(ReviewInterval),
  },
  { additionalProperties: false },
)
export type CreateDocument = Static<typeof CreateDocument>

export const UpdateDocument = Type.Object(
  {
    code: Type.Optional(Code),
    title: Type.Optional(Title),
    type: Type.Optional(WritableDocumentType),
    owningUnitId: Type.Optional(Uuid),
    clauseNumbers: Type.Optional(ClauseNumbers),
    procedureIds: Type.Optional(ProcedureIds),
    standardEdition: Type.Optional(EditionSchema),
    reviewIntervalMonths: Type.Optional(ReviewInterval),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateDocument = Static<typeof UpdateDocument>

export const DocumentQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches code or title, ignoring case and Vietnamese diacritics' })),
  type: Type.Optional(DocumentTypeSchema),
  orgUnitId: Type.Optional(Uuid),
  clause: Type.Optional(Type.String({ pattern: '^\\d+(\\.\\d+)*$', maxLength: 10, description: 'Documents that reference this clause' })),
  status: Type.Optional(DocumentStatusSchema),
  standardEdition: Type.Optional(EditionSchema),
  inUse: Type.Optional(Type.Boolean({ description: 'true leaves out withdrawn (obsolete) documents; false lists only those' })),
  reviewDueBefore: Type.Optional(Type.String({ format: 'date', description: 'Published documents whose next review falls on or before this date' })),
  ...ListQuery,
})
export type DocumentQuery = Static<typeof DocumentQuery>

export const DocumentPage = Page(Document)

export const Signoff = Type.Object({
  id: Uuid,
  meaning: Type.Enum([...SIGNOFF_MEANINGS], { description: 'drafted (Soạn thảo) | reviewed (Xem xét) | approved (Phê duyệt)' }),
  decision: Type.Enum([...SIGNOFF_DECISIONS], { description: '`signed`, or `returned` to the drafter with a comment' }),
  userId: Nullable(Uuid),
  fullName: Type.String(),
  position: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  at: DateTime,
})
export type Signoff = Static<typeof Signoff>

export const RevisionFile = Type.Object({
  name: Type.String(),
  contentType: Type.String(),
  size: Type.Integer({ description: 'Bytes' }),
  sha256: Type.String({ description: 'SHA-256 of the content, checked on every download' }),
  url: Type.String({ description: 'Download address' }),
})

export const Revision = Type.Object({
  id: Uuid,
  documentId: Uuid,
  issueNumber: Type.Integer({ description: 'Lần ban hành' }),
  status: RevisionStatusSchema,
  changeSummary: Type.String(),
  standardEdition: EditionSchema,
  file: RevisionFile,
  createdBy: Nullable(UserRef),
  reviewer: Nullable(UserRef),
  submittedAt: Nullable(DateTime),
  approvedAt: Nullable(DateTime),
  effectiveFrom: Nullable(DateOnly),
  publishedAt: Nullable(DateTime),
  supersededAt: Nullable(DateTime),
  supersededById: Nullable(Uuid),
  obsoletedAt: Nullable(DateTime),
  obsoleteReason: Nullable(Type.String()),
  signoffs: Type.Array(Signoff),
  actions: Type.Array(Type.Enum([...REVISION_ACTIONS]), { description: 'What the caller may do with this revision now' }),
  version: Version,
  createdAt: DateTime,
  updatedAt: DateTime,
})
export type Revision = Static<typeof Revision>

export const RevisionPage = Page(Revision)

export const RevisionParams = Type.Object({ id: Uuid, revisionId: Uuid })
export type RevisionParams = Static<typeof RevisionParams>

export const RevisionQuery = Type.Object({ ...ListQuery })
export type RevisionQuery = Static<typeof RevisionQuery>

export const NewRevisionForm = multipartBody(
  {
    changeSummary: Type.String({ minLength: 1, maxLength: 4000, description: 'What changed in this issue' }),
    issueNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: 999, description: 'Lần ban hành; defaults to the next number' })),
    standardEdition: Type.Optional(EditionSchema),
  },
  'multipart/form-data: the file (PDF, DOCX or XLSX) in `file`, plus `changeSummary`, optional `issueNumber` and `standardEdition` (defaults to the document\u2019s)',
)

/** The text fields of the multipart form, checked by the service (the body schema only documents them). */
export interface NewRevisionFields {
  changeSummary: string
  issueNumber?: number
  standardEdition?: (typeof STANDARD_EDITIONS)[number]
}

export const SubmitRevision = Type.Object(
  { reviewerId: Type.String({ format: 'uuid', description: 'Who reviews (Xem xét); not the drafter' }) },
  { additionalProperties: false },
)
export type SubmitRevision = Static<typeof SubmitRevision>

export const ReviewRevision = Type.Object(
  {
    approve: Type.Boolean({ description: 'true signs the review; false returns the revision to its drafter' }),
    comment: Type.Optional(Type.String({ maxLength: 4000, description: 'Required when returning' })),
  },
  { additionalProperties: false },
)
export type ReviewRevision = Static<typeof ReviewRevision>

export const ApproveRevision = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
)
export type ApproveRevision = Static<typeof ApproveRevision>

export const ReturnRevision = Type.Object(
  { comment: Type.String({ minLength: 1, maxLength: 4000, description: 'What must change' }) },
  { additionalProperties: false },
)
export type ReturnRevision = Static<typeof ReturnRevision>

export const PublishRevision = Type.Object(
  {
    effectiveFrom: Type.Optional(
      Type.String({ format: 'date', description: 'Ngày hiệu lực; today (the default) or earlier, never in the future' }),
    ),
  },
  { additionalProperties: false },
)
export type PublishRevision = Static<typeof PublishRevision>

export const ObsoleteRevision = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
)
export type ObsoleteRevision = Static<typeof ObsoleteRevision>

export const ReviewDueQuery = Type.Object({
  withinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366, default: 30, description: 'Due within this many days from today, or overdue (default 30)' })),
  orgUnitId: Type.Optional(Uuid),
  ...ListQuery,
})
export type ReviewDueQuery = Static<typeof ReviewDueQuery>

export const ReviewDueItem = Type.Object({
  document: Document,
  nextReviewDue: DateOnly,
  daysLeft: Type.Integer({ description: 'Negative when overdue' }),
  reviewState: ReviewStateSchema,
  notify: Type.Array(UserRef, { description: 'Who is told: the heads of the owning unit, or of the nearest unit above it that has one; the managers when no unit on the way up has a head' }),
})
export type ReviewDueItem = Static<typeof ReviewDueItem>
export const ReviewDuePage = Page(ReviewDueItem)

export const TransitionSummary = Type.Object({
  total: Type.Integer({ description: 'Documents in force or being prepared (not withdrawn)' }),
  edition2015: Type.Integer(),
  edition2008: Type.Integer(),
  inProgress: Type.Integer({ description: '2008 documents with a 2015 revision being drafted, reviewed or approved' }),
  percentDone: Type.Number({ description: 'Share of documents on the 2015 edition, 0–100' }),
  byUnit: Type.Array(
    Type.Object({ unit: UnitRef, edition2008: Type.Integer(), edition2015: Type.Integer() }),
  ),
})
export type TransitionSummary = Static<typeof TransitionSummary>
