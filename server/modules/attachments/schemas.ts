import { Type, type Static } from 'typebox'
import { ATTACHMENT_TYPES } from '../../../db/schema/attachments.ts'
import { DateTime, Nullable, Uuid } from '../../lib/schemas.ts'
import { multipartBody } from '../../lib/uploads.ts'

export const AttachmentType = Type.Enum([...ATTACHMENT_TYPES], { description: 'Sniffed from the bytes: image/jpeg | image/png | image/webp | application/pdf' })

export const Attachment = Type.Object({
  id: Uuid,
  sha256: Type.String({ description: 'SHA-256 of the bytes, hex' }),
  size: Type.Integer({ minimum: 1, description: 'Bytes' }),
  contentType: AttachmentType,
  filename: Type.String(),
  orgUnitId: Nullable(Uuid),
  uploadedById: Nullable(Uuid),
  createdAt: DateTime,
})
export type Attachment = Static<typeof Attachment>

export const UploadAttachment = multipartBody(
  {},
  'multipart/form-data with the file in `file` (JPEG, PNG, WebP or PDF; the type is taken from the content, not the name). Size limit: QMS_ATTACHMENT_MAX_MB (10 MB by default).',
)

const binary = Type.String({ format: 'binary' })
/** The file itself, in its own type. */
export const AttachmentFile = {
  description: 'The file, with its sniffed content type',
  content: Object.fromEntries(ATTACHMENT_TYPES.map((t) => [t, { schema: binary }])),
}
