import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams, problems } from '../../lib/schemas.ts'
import { MIME, readUpload } from '../../lib/uploads.ts'
import { Attachment, AttachmentFile, UploadAttachment } from './schemas.ts'
import { createAttachment, readAttachment } from './service.ts'

const tags = ['attachments']
const ALLOWED = [MIME.jpeg, MIME.png, MIME.webp, MIME.pdf] as const

const attachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/attachments', {
    schema: {
      summary: 'Upload an evidence file (photo or PDF); link its id to a record afterwards',
      tags,
      consumes: ['multipart/form-data'],
      body: UploadAttachment,
      response: { 201: Attachment, ...problems(413, 415) },
    },
    handler: async (request, reply) => {
      const { file } = await readUpload(request, { allowed: ALLOWED, maxBytes: app.config.attachmentMaxMb * 1024 * 1024 })
      const attachment = await createAttachment(app.db, request.actor, file)
      return reply.code(201).header('Location', `/api/attachments/${attachment.id}`).send(attachment)
    },
  })

  app.get('/attachments/:id', {
    schema: {
      summary: 'Download a file (its uploader, and those who may read records of the unit it evidences)',
      tags,
      params: IdParams,
      response: { 200: AttachmentFile, ...problems(404) },
    },
    handler: async (request, reply) => {
      const file = await readAttachment(app.db, request.actor, request.params.id)
      const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Length', String(file.size))
        .header('Content-Disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        // The bytes of an id never change.
        .header('Cache-Control', 'private, max-age=86400, immutable')
        .header('Digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
        // Binary bodies bypass the JSON serialiser; the schema only documents them.
        .send(file.bytes as unknown as string)
    },
  })
}
export default attachmentRoutes
