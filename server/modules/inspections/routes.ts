import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems, ReasonBody } from '../../lib/schemas.ts'
import { buildRecord, recordPhotoBytes, renderRecordHtml, renderRecordPdf } from './record.ts'
import {
  CompleteInspection,
  CreateInspection,
  Inspection,
  InspectionPage,
  InspectionQuery,
  RecordQuery,
  ResponseBatch,
  SignatureParams,
  SignInput,
  UpdateInspection,
} from './schemas.ts'
import { completeInspection, recordResponses } from './perform.ts'
import { signInspection } from './signatures.ts'
import { cancelInspection, createInspection, getInspection, listInspections, startInspection, updateInspection } from './service.ts'

const tags = ['inspections']

const inspectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/inspections', {
    schema: {
      summary: 'List inspections, newest first',
      description: '`orgUnitId` includes the units below it; `from`/`to` filter the inspection date (performed, else planned), inclusive.',
      tags,
      querystring: InspectionQuery,
      response: { 200: InspectionPage },
    },
    handler: (request) => listInspections(app.db, request.actor, request.query),
  })

  app.post('/inspections', {
    schema: {
      summary: 'Plan an inspection (auditors and managers; heads of unit: self-inspections of their unit)',
      description: 'The inspection keeps the current revision of the checklist template.',
      tags,
      body: CreateInspection,
      response: { 201: Inspection, ...problems(422) },
    },
    handler: async (request, reply) => {
      const inspection = await createInspection(app.db, request.actor, request.body)
      return reply.code(201).header('Location', `/api/inspections/${inspection.id}`).header('ETag', etag(inspection.version)).send(inspection)
    },
  })

  app.get('/inspections/:id', {
    schema: {
      summary: 'Get an inspection with its checklist items, responses, progress, what is missing and its findings',
      tags,
      params: IdParams,
      response: { 200: Inspection, ...problems(404) },
    },
    handler: async (request, reply) => {
      const inspection = await getInspection(app.db, request.actor, request.params.id)
      return reply.header('ETag', etag(inspection.version)).send(inspection)
    },
  })

  app.patch('/inspections/:id', {
    schema: {
      summary: 'Change the plan: date, team, people present, basis, place, conclusion (an internal audit’s lead and team are independent of its unit: 422)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateInspection,
      response: { 200: Inspection, ...problems(404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const inspection = await updateInspection(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(inspection.version)).send(inspection)
    },
  })

  app.post('/inspections/:id/start', {
    schema: {
      summary: 'Start a planned inspection (recording the first response also starts it)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      response: { 200: Inspection, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const inspection = await startInspection(app.db, request.actor, request.params.id, ifMatch(request.headers), app.env())
      return reply.header('ETag', etag(inspection.version)).send(inspection)
    },
  })

  app.put('/inspections/:id/responses', {
    schema: {
      summary: 'Record responses: upsert a batch by (itemId, personId)',
      description:
        'If-Match is the inspection version; every successful call increments it. A per-person item takes one response per person present (`personIds`). `value` carries the number, text or choice of such items. A completed inspection is read-only (409).',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: ResponseBatch,
      response: { 200: Inspection, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const inspection = await recordResponses(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(inspection.version)).send(inspection)
    },
  })

  app.put('/inspections/:id/signatures/:role', {
    schema: {
      summary: 'Sign a signature block of the record, or record that the unit representative refused to sign',
      description:
        'Upload the signature drawn on the screen as a PNG (`POST /api/attachments`), then send its id. The unit representative may refuse instead (`refusalReason`); the lead inspector signs. A block is signed once (409 after that), so no If-Match is needed. The inspection must be in progress or completed.',
      tags,
      params: SignatureParams,
      body: SignInput,
      response: { 200: Inspection, ...problems(404, 409) },
    },
    handler: async (request, reply) => {
      const inspection = await signInspection(app.db, request.actor, request.params.id, request.params.role, request.body, app.env())
      return reply.header('ETag', etag(inspection.version)).send(inspection)
    },
  })

  app.post('/inspections/:id/complete', {
    schema: {
      summary: 'Complete the inspection: score it and create a finding for each failed response',
      description: '422 lists in `errors` every required response and every required photo still missing.',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: CompleteInspection,
      response: { 200: Inspection, ...problems(404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const inspection = await completeInspection(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body ?? {}, app.env())
      return reply.header('ETag', etag(inspection.version)).send(inspection)
    },
  })

  app.post('/inspections/:id/cancel', {
    schema: {
      summary: 'Cancel a planned or running inspection, with a reason',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: ReasonBody,
      response: { 200: Inspection, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const inspection = await cancelInspection(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body.reason, app.env())
      return reply.header('ETag', etag(inspection.version)).send(inspection)
    },
  })

  app.get('/inspections/:id/record', {
    schema: {
      summary: 'The inspection record (biên bản) to print: HTML or an A4 PDF, in Vietnamese',
      tags,
      params: IdParams,
      querystring: RecordQuery,
      response: {
        200: {
          description: 'The record',
          content: {
            'text/html': { schema: { type: 'string' } },
            'application/pdf': { schema: { type: 'string', format: 'binary' } },
          },
        },
        ...problems(404),
      },
    },
    handler: async (request, reply) => {
      const record = await buildRecord(app.db, request.actor, request.params.id, app.env())
      const name = `bien-ban-${record.number.replace(/[^0-9A-Za-z-]+/g, '-')}`
      if (request.query.format === 'pdf') {
        const pdf = await renderRecordPdf(record, await recordPhotoBytes(app.db, record))
        return reply.type('application/pdf').header('Content-Disposition', `inline; filename="${name}.pdf"`).header('Cache-Control', 'private, no-cache').send(pdf as unknown as string)
      }
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'private, no-cache').send(renderRecordHtml(record))
    },
  })
}
export default inspectionRoutes
