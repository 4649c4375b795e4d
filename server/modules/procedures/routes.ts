import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { CreateProcedure, Procedure, ProcedureFields, ProcedurePage, ProcedureQuery, UpdateProcedure } from './schemas.ts'
import { createProcedure, getProcedure, listProcedureFields, listProcedures, updateProcedure } from './service.ts'

const tags = ['procedures']

const procedureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/procedures', {
    schema: {
      summary: 'The catalogue of administrative procedures',
      description: '`onlineLevel` and `onlineMode` are those in force today; `owningUnitId` includes the units below it.',
      tags,
      querystring: ProcedureQuery,
      response: { 200: ProcedurePage },
    },
    handler: (request) => listProcedures(app.db, request.actor, request.query, app.env()),
  })

  app.get('/procedures/fields', {
    schema: { summary: 'The fields (lĩnh vực) in the catalogue, with the number of procedures in each', tags, response: { 200: ProcedureFields } },
    handler: (request) => listProcedureFields(app.db, request.actor),
  })

  app.post('/procedures', {
    schema: { summary: 'Add a procedure (admin, manager)', tags, body: CreateProcedure, response: { 201: Procedure, ...problems(409) } },
    handler: async (request, reply) => {
      const procedure = await createProcedure(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/procedures/${procedure.id}`).header('ETag', etag(procedure.version)).send(procedure)
    },
  })

  app.get('/procedures/:id', {
    schema: { summary: 'Get a procedure', tags, params: IdParams, response: { 200: Procedure, ...problems(404) } },
    handler: async (request, reply) => {
      const procedure = await getProcedure(app.db, request.actor, request.params.id, app.env())
      return reply.header('ETag', etag(procedure.version)).send(procedure)
    },
  })

  app.patch('/procedures/:id', {
    schema: {
      summary: 'Change a procedure (admin, manager)',
      description: 'A new `onlineLevel` / `onlineMode` is added to the history from `onlineLevelFrom` / `onlineModeFrom` (default today); the same date replaces that entry.',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateProcedure,
      response: { 200: Procedure, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const procedure = await updateProcedure(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(procedure.version)).send(procedure)
    },
  })
}
export default procedureRoutes
