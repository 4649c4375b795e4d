import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { bytea, id, instant } from './columns.ts'
import { orgUnits } from './org-units.ts'
import { users } from './users.ts'

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number]

/**
 * Evidence files (photos, scanned PDFs), stored in the database with their SHA-256.
 * `orgUnitId` is the unit whose records the file evidences: it is set when the file is
 * first linked to a record (an inspection response, a corrective action, …) and decides
 * who besides the uploader may read it.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    filename: text('filename').notNull(),
    contentType: text('content_type').$type<AttachmentType>().notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    uploadedById: uuid('uploaded_by_id').references(() => users.id, { onDelete: 'restrict' }),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('attachments_org_unit_idx').on(t.orgUnitId),
    index('attachments_uploaded_by_idx').on(t.uploadedById),
    index('attachments_sha256_idx').on(t.sha256),
    check('attachments_content_type_valid', sql`${t.contentType} in ('image/jpeg','image/png','image/webp','application/pdf')`),
    check('attachments_size_matches', sql`${t.size} = octet_length(${t.bytes})`),
  ],
)

export type AttachmentRow = typeof attachments.$inferSelect
