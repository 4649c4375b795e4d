import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { MIME, readUpload } from '../../lib/uploads.ts'
import {
  ApproveRevision,
  CreateDocument,
  Document,
  DocumentPage,
  DocumentQuery,
  NewRevisionForm,
  ObsoleteRevision,
  PublishRevision,
  ReturnRevision,
  ReviewDuePage,
  ReviewDueQuery,
  ReviewRevision,
  Revision,
  RevisionPage,
  RevisionParams,
  RevisionQuery,
  SubmitRevision,
  TransitionSummary,
  UpdateDocument,
} from './schemas.ts'
import { createDocument, getDocument, listDocuments, updateDocument } from './register.ts'
import { listReviewsDue } from './reviews.ts'
import {
  approveRevision,
  createRevision,
  getRevision,
  listRevisions,
  obsoleteRevision,
  publishRevision,
  readRevisionFile,
  returnRevision,
  reviewRevision,
  submitRevision,
} from './revisions.ts'
import { transitionSummary } from './transition.ts'

const tags = ['documents']
const DOCUMENT_FILE_TYPES = [MIME.pdf, MIME.docx, MIME.xlsx] as const

const binary = (description: string) => ({
  description,
  content: Object.fromEntries(DOCUMENT_FILE_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
})

/** `attachment; filename="…"; filename*=UTF-8''…` so Vietnamese file names survive. */
function contentDisposition(fileName: string) {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/documents', {
    schema: {
      summary: 'The document register',
      description: 'Filters: `type`, `orgUnitId` (owning unit and the units below it), `clause`, `status`, `standardEdition`, `reviewDueBefore` (next review on or before the date), and `q` on code and title (ignores case and Vietnamese diacritics). Sorted by code.',
      tags,
      querystring: DocumentQuery,
      response: { 200: DocumentPage },
    },
    handler: (request) => listDocuments(app.db, request.actor, request.query, app.env()),
  })

  app.post('/documents', {
    schema: {
      summary: 'Register a document (managers; heads of unit for their units)',
      description: 'The document starts with no revision; upload its file as the first revision.',
      tags,
      body: CreateDocument,
      response: { 201: Document, ...problems(404, 409) },
    },
    handler: async (request, reply) => {
      const document = await createDocument(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/documents/${document.id}`).header('ETag', etag(document.version)).send(document)
    },
  })

  app.get('/documents/review-due', {
    schema: {
      summary: 'Published documents whose periodic review is overdue or due within `withinDays` (default 30)',
      description: 'Soonest first. `notify` lists who is reminded: the heads of the owning unit, or of the nearest unit above it that has one.',
      tags,
      querystring: ReviewDueQuery,
      response: { 200: ReviewDuePage },
    },
    handler: (request) => listReviewsDue(app.db, request.actor, request.query, app.env()),
  })

  app.get('/documents/transition', {
    schema: {
      summary: 'Progress of the move from ISO 9001:2008 to ISO 9001:2015',
      description: 'Counts of documents in use by edition, overall and per owning unit. The documents still on 2008 are `GET /api/documents?standardEdition=2008`.',
      tags,
      response: { 200: TransitionSummary },
    },
    handler: (request) => transitionSummary(app.db, request.actor),
  })

  app.get('/documents/:id', {
    schema: { summary: 'Get a document with its current and working revisions', tags, params: IdParams, response: { 200: Document, ...problems(404) } },
    handler: async (request, reply) => {
      const document = await getDocument(app.db, request.actor, request.params.id, app.env())
      return reply.header('ETag', etag(document.version)).send(document)
    },
  })

  app.patch('/documents/:id', {
    schema: {
      summary: 'Change a document\u2019s register entry (code, title, type, unit, clauses, procedures, edition, review interval)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateDocument,
      response: { 200: Document, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const document = await updateDocument(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(document.version)).send(document)
    },
  })

  app.get('/documents/:id/revisions', {
    schema: {
      summary: 'The revision history, newest issue first, with sign-offs',
      tags,
      params: IdParams,
      querystring: RevisionQuery,
      response: { 200: RevisionPage, ...problems(404) },
    },
    handler: (request) => listRevisions(app.db, request.actor, request.params.id, request.query),
  })

  app.post('/documents/:id/revisions', {
    schema: {
      summary: 'Upload a new revision (a draft): PDF, DOCX or XLSX',
      description: 'multipart/form-data. The file type is read from its content; the size limit is QMS_DOCUMENT_MAX_BYTES (20 MB by default). Only one revision may be in work at a time.',
      tags,
      consumes: ['multipart/form-data'],
      params: IdParams,
      body: NewRevisionForm,
      response: { 201: Revision, ...problems(404, 409) },
    },
    handler: async (request, reply) => {
      const revision = await createRevision(app.db, request.actor, request.params.id, () =>
        readUpload(request, { allowed: DOCUMENT_FILE_TYPES, maxBytes: app.config.documentMaxBytes }),
      )
      return reply
        .code(201)
        .header('Location', `/api/documents/${revision.documentId}/revisions/${revision.id}`)
        .header('ETag', etag(revision.version))
        .send(revision)
    },
  })

  app.get('/documents/:id/revisions/:revisionId', {
    schema: { summary: 'Get a revision with its sign-offs and the actions open to you', tags, params: RevisionParams, response: { 200: Revision, ...problems(404) } },
    handler: async (request, reply) => {
      const revision = await getRevision(app.db, request.actor, request.params.id, request.params.revisionId)
      return reply.header('ETag', etag(revision.version)).send(revision)
    },
  })

  app.get('/documents/:id/revisions/:revisionId/file', {
    schema: {
      summary: 'Download a revision\u2019s file',
      description: 'The bytes are checked against the recorded SHA-256 first; a mismatch is never served (500, logged as corruption).',
      tags,
      params: RevisionParams,
      response: { 200: binary('The file as uploaded'), ...problems(404) },
    },
    handler: async (request, reply) => {
      const file = await readRevisionFile(app.db, request.actor, request.params.id, request.params.revisionId)
      return reply
        .type(file.contentType)
        .header('Content-Disposition', contentDisposition(file.fileName))
        .header('ETag', `"${file.sha256}"`)
        .header('Cache-Control', 'private, no-cache')
        .send(file.bytes)
    },
  })

  // The workflow: each step names the revision version it was based on in If-Match.
  app.post('/documents/:id/revisions/:revisionId/submit', {
    schema: {
      summary: 'Submit a draft for review to a named reviewer (signs as drafter)',
      tags,
      params: RevisionParams,
      headers: IfMatchHeaders,
      body: SubmitRevision,
      response: { 200: Revision, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const { id, revisionId } = request.params
      const revision = await submitRevision(app.db, request.actor, id, revisionId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(revision.version)).send(revision)
    },
  })

  app.post('/documents/:id/revisions/:revisionId/review', {
    schema: {
      summary: 'The named reviewer signs the review, or returns the revision to draft with a comment',
      tags,
      params: RevisionParams,
      headers: IfMatchHeaders,
      body: ReviewRevision,
      response: { 200: Revision, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const { id, revisionId } = request.params
      const revision = await reviewRevision(app.db, request.actor, id, revisionId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(revision.version)).send(revision)
    },
  })

  app.post('/documents/:id/revisions/:revisionId/approve', {
    schema: {
      summary: 'A manager approves a reviewed revision (never one they drafted)',
      tags,
      params: RevisionParams,
      headers: IfMatchHeaders,
      body: ApproveRevision,
      response: { 200: Revision, ...problems(404, 409, 412, 428, 422) },
    },
    handler: async (request, reply) => {
      const { id, revisionId } = request.params
      const revision = await approveRevision(app.db, request.actor, id, revisionId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(revision.version)).send(revision)
    },
  })

  app.post('/documents/:id/revisions/:revisionId/return', {
    schema: {
      summary: 'A manager sends a reviewed or approved revision back to draft with a comment',
      tags,
      params: RevisionParams,
      headers: IfMatchHeaders,
      body: ReturnRevision,
      response: { 200: Revision, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const { id, revisionId } = request.params
      const revision = await returnRevision(app.db, request.actor, id, revisionId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(revision.version)).send(revision)
    },
  })

  app.post('/documents/:id/revisions/:revisionId/publish', {
    schema: {
      summary: 'Publish an approved revision; the one in force until now becomes superseded',
      tags,
      params: RevisionParams,
      headers: IfMatchHeaders,
      body: PublishRevision,
      response: { 200: Revision, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const { id, revisionId } = request.params
      const revision = await publishRevision(app.db, request.actor, id, revisionId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(revision.version)).send(revision)
    },
  })

  app.post('/documents/:id/revisions/:revisionId/obsolete', {
    schema: {
      summary: 'Make a revision obsolete with a reason: abandon a draft, or withdraw the published one',
      tags,
      params: RevisionParams,
      headers: IfMatchHeaders,
      body: ObsoleteRevision,
      response: { 200: Revision, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const { id, revisionId } = request.params
      const revision = await obsoleteRevision(app.db, request.actor, id, revisionId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(revision.version)).send(revision)
    },
  })
}
export default documentRoutes
