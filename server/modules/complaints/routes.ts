import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { Complaint, ComplaintCountQuery, ComplaintCounts, ComplaintPage, ComplaintQuery, CreateComplaint, UpdateComplaint } from './schemas.ts'
import { countComplaints, createComplaint, getComplaint, listComplaints, updateComplaint } from './service.ts'

const tags = ['complaints']

const complaintRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/complaints', {
    schema: { summary: 'List complaints, denunciations and feedback, newest first', tags, querystring: ComplaintQuery, response: { 200: ComplaintPage } },
    handler: (request) => listComplaints(app.db, request.actor, request.query, app.env()),
  })

  app.get('/complaints/counts', {
    schema: {
      summary: 'How many were received in a period, by kind (for the report; "none" is a figure too)',
      tags,
      querystring: ComplaintCountQuery,
      response: { 200: ComplaintCounts },
    },
    handler: (request) => countComplaints(app.db, request.actor, request.query, app.env()),
  })

  app.post('/complaints', {
    schema: {
      summary: 'Record a complaint, denunciation or feedback',
      description: 'With a dossierId, the procedure and unit are the dossier\'s (a different orgUnitId or procedureId is a 422 reference problem).',
      tags,
      body: CreateComplaint,
      response: { 201: Complaint, ...problems(403, 422) },
    },
    handler: async (request, reply) => {
      const complaint = await createComplaint(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/complaints/${complaint.id}`).header('ETag', etag(complaint.version)).send(complaint)
    },
  })

  app.get('/complaints/:id', {
    schema: { summary: 'Get a complaint', tags, params: IdParams, response: { 200: Complaint, ...problems(404) } },
    handler: async (request, reply) => {
      const complaint = await getComplaint(app.db, request.actor, request.params.id)
      return reply.header('ETag', etag(complaint.version)).send(complaint)
    },
  })

  app.patch('/complaints/:id', {
    schema: {
      summary: 'Change a complaint: its handling status and outcome (closing needs an outcome)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateComplaint,
      response: { 200: Complaint, ...problems(404, 412, 428) },
    },
    handler: async (request, reply) => {
      const complaint = await updateComplaint(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(complaint.version)).send(complaint)
    },
  })
}
export default complaintRoutes
