/**
 * Evidence files for every module. Upload first (`createAttachment`), then link the ids
 * to a record: the linking module calls `claimAttachments` in its transaction, which
 * checks that each file exists and that the actor may use it, and scopes unscoped files
 * to the record's unit. Who may read a file: its uploader, and whoever may read records
 * of the unit it was claimed for (`attachment.read`).
 */
import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { attachments, orgUnits, type AttachmentRow } from '../../../db/schema/index.ts'
import { can, requirePermission, visibleUnitPaths, type Actor } from '../../lib/permissions.ts'
import { forbidden, invalidField, notFound } from '../../lib/problems.ts'
import type { UploadedFile } from '../../lib/uploads.ts'
import { recordAudit } from '../audit-log/service.ts'
import type { Attachment } from './schemas.ts'
import { missingReference } from '../../lib/references.ts'

type AttachmentMeta = Omit<AttachmentRow, 'bytes'>

export function toAttachment(row: AttachmentMeta): Attachment {
  return {
    id: row.id,
    sha256: row.sha256,
    size: row.size,
    contentType: row.contentType,
    filename: row.filename,
    orgUnitId: row.orgUnitId,
    uploadedById: row.uploadedById,
    createdAt: row.createdAt.toISOString(),
  }
}

const metaColumns = {
  id: attachments.id,
  filename: attachments.filename,
  contentType: attachments.contentType,
  size: attachments.size,
  sha256: attachments.sha256,
  orgUnitId: attachments.orgUnitId,
  uploadedById: attachments.uploadedById,
  createdAt: attachments.createdAt,
}

export async function createAttachment(db: Db, actor: Actor, file: UploadedFile): Promise<Attachment> {
  requirePermission(actor, 'attachment.upload')
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(attachments)
      .values({
        filename: file.filename.slice(0, 255),
        contentType: file.contentType as AttachmentRow['contentType'],
        size: file.size,
        sha256: file.sha256,
        bytes: file.bytes,
        uploadedById: actor.via === 'system' ? null : actor.userId,
      })
      .returning(metaColumns)
    const attachment = toAttachment(row)
    await recordAudit(tx, actor, { action: 'attachment.create', entityType: 'attachment', entityId: row.id, after: attachment })
    return attachment
  })
}

/** May the actor read a file uploaded by `uploadedById`, scoped to the unit at `unitPath`? */
export function canReadAttachment(actor: Actor, row: { uploadedById: string | null }, unitPath: string | null): boolean {
  if (row.uploadedById && row.uploadedById === actor.userId) return true
  // A file not yet linked to any record belongs to no unit: only roles that read everywhere see it.
  if (unitPath === null) return visibleUnitPaths(actor, 'attachment.read') === 'all'
  return can(actor, 'attachment.read', { orgUnitPath: unitPath })
}

/** The file with its bytes, if the actor may read it (403 otherwise). */
export async function readAttachment(db: Db, actor: Actor, id: string): Promise<AttachmentRow> {
  const [found] = await db
    .select({ attachment: attachments, unitPath: orgUnits.path })
    .from(attachments)
    .leftJoin(orgUnits, eq(orgUnits.id, attachments.orgUnitId))
    .where(eq(attachments.id, id))
  if (!found) throw notFound('attachment', id)
  if (!canReadAttachment(actor, found.attachment, found.unitPath)) throw forbidden('attachment.forbidden')
  return found.attachment
}

/** Metadata of several files, in the order asked, for API objects that list their evidence. */
export async function attachmentsByIds(db: Db, ids: string[]): Promise<Map<string, Attachment>> {
  if (!ids.length) return new Map()
  const rows = await db.select(metaColumns).from(attachments).where(inArray(attachments.id, ids))
  return new Map(rows.map((r) => [r.id, toAttachment(r)]))
}

/**
 * For a module that links files to a record of `orgUnitId`: every id must exist and be
 * usable by the actor (they uploaded it, or may read it), and must not already belong
 * to another unit. Unscoped files are scoped to `orgUnitId`. Call it inside the
 * transaction of the write; `path` names the field for errors (e.g. `0.attachmentIds`).
 */
export async function claimAttachments(db: Db, actor: Actor, ids: string[], orgUnitId: string, path = 'attachmentIds'): Promise<Attachment[]> {
  const unique = [...new Set(ids)]
  if (!unique.length) return []
  const rows = await db
    .select({ attachment: metaColumns, unitPath: orgUnits.path })
    .from(attachments)
    .leftJoin(orgUnits, eq(orgUnits.id, attachments.orgUnitId))
    .where(inArray(attachments.id, unique))
    .for('update', { of: attachments })
  const byId = new Map(rows.map((r) => [r.attachment.id, r]))
  unique.forEach((id, i) => {
    const row = byId.get(id)
    if (!row) throw missingReference(`${path}.${i}`, 'file')
    if (!canReadAttachment(actor, row.attachment, row.unitPath)) throw invalidField(`${path}.${i}`, 'attachment.not-yours')
    if (row.attachment.orgUnitId && row.attachment.orgUnitId !== orgUnitId) {
      throw invalidField(`${path}.${i}`, 'attachment.other-unit')
    }
  })
  const unscoped = rows.filter((r) => !r.attachment.orgUnitId).map((r) => r.attachment.id)
  if (unscoped.length) await db.update(attachments).set({ orgUnitId }).where(inArray(attachments.id, unscoped))
  return unique.map((id) => toAttachment({ ...byId.get(id)!.attachment, orgUnitId }))
}
