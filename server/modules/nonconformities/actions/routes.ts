import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../../lib/schemas.ts'
import { Action, ActionPage, ActionQuery, CompleteAction, CreateAction, NcActionQuery, UpdateAction } from './schemas.ts'
import { addAction, completeAction, getAction, listActions, listNcActions, updateAction } from './service.ts'

const tags = ['actions']

const actionRoutes: FastifyPluginAsyncTypebox = async (app) => {

  app.get('/nonconformities/:id/actions', {
    schema: { summary: 'The actions of a nonconformity, oldest first', tags, params: IdParams, querystring: NcActionQuery, response: { 200: ActionPage, ...problems(404) } },
    handler: (request) => listNcActions(app.db, request.actor, request.params.id, request.query, app.env()),
  })

  app.post('/nonconformities/:id/actions', {
    schema: {
      summary: 'Add an action (head of the NC’s unit or manager; until the NC goes to verification)',
      tags,
      params: IdParams,
      body: CreateAction,
      response: { 201: Action, ...problems(404, 409) },
    },
    handler: async (request, reply) => {
      const action = await addAction(app.db, request.actor, request.params.id, request.body, app.env())
      return reply.code(201).header('Location', `/api/actions/${action.id}`).header('ETag', etag(action.version)).send(action)
    },
  })

  app.get('/actions', {
    schema: {
      summary: 'Actions across the nonconformities the caller may see, by due date (e.g. `ownerId=<me>&status=open`)',
      tags,
      querystring: ActionQuery,
      response: { 200: ActionPage },
    },
    handler: (request) => listActions(app.db, request.actor, request.query, app.env()),
  })

  app.get('/actions/:id', {
    schema: { summary: 'An action', tags, params: IdParams, response: { 200: Action, ...problems(404) } },
    handler: async (request, reply) => {
      const action = await getAction(app.db, request.actor, request.params.id, app.env())
      return reply.header('ETag', etag(action.version)).send(action)
    },
  })

  app.patch('/actions/:id', {
    schema: {
      summary: 'Change an open action (type, description, owner, due date)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateAction,
      response: { 200: Action, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const action = await updateAction(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(action.version)).send(action)
    },
  })

  app.post('/actions/:id/complete', {
    schema: {
      summary: 'Complete an action with a note and evidence (its owner; a head of unit or manager on the owner’s behalf)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: CompleteAction,
      response: { 200: Action, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const action = await completeAction(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(action.version)).send(action)
    },
  })
}
export default actionRoutes
