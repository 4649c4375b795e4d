import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import {
  CompleteRiskAction,
  CreateRisk,
  CreateRiskAction,
  HeatMap,
  HeatMapQuery,
  Reassess,
  RiskAction,
  RiskActionParams,
  RiskDetail,
  RiskPage,
  RiskQuery,
  UpdateRisk,
  UpdateRiskAction,
} from './schemas.ts'
import { addRiskAction, completeRiskAction, createRisk, getRisk, listRisks, reassessRisk, riskHeatMap, updateRisk, updateRiskAction } from './service.ts'

const tags = ['risks']

const riskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/risks', {
    schema: { summary: 'The register of risks and opportunities, highest score first', tags, querystring: RiskQuery, response: { 200: RiskPage } },
    handler: (request) => listRisks(app.db, request.actor, request.query, app.env()),
  })

  app.get('/risks/heat-map', {
    schema: {
      summary: 'How many risks of the selection sit in each likelihood × impact cell (5×5), with the level of each cell',
      tags,
      querystring: HeatMapQuery,
      response: { 200: HeatMap },
    },
    handler: (request) => riskHeatMap(app.db, request.actor, request.query, app.env()),
  })

  app.post('/risks', {
    schema: {
      summary: 'Record a risk or opportunity with its first assessment (head of its unit, or manager)',
      tags,
      body: CreateRisk,
      response: { 201: RiskDetail, ...problems(403, 422) },
    },
    handler: async (request, reply) => {
      const risk = await createRisk(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/risks/${risk.id}`).header('ETag', etag(risk.version)).send(risk)
    },
  })

  app.get('/risks/:id', {
    schema: { summary: 'A risk with its assessments (newest first) and treatment actions', tags, params: IdParams, response: { 200: RiskDetail, ...problems(403, 404) } },
    handler: async (request, reply) => {
      const risk = await getRisk(app.db, request.actor, request.params.id, app.env())
      return reply.header('ETag', etag(risk.version)).send(risk)
    },
  })

  app.patch('/risks/:id', {
    schema: {
      summary: 'Change a risk, or move its status (treated needs every treatment action done; a closed risk only reopens)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateRisk,
      response: { 200: RiskDetail, ...problems(403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const risk = await updateRisk(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(risk.version)).send(risk)
    },
  })

  app.post('/risks/:id/assessments', {
    schema: {
      summary: 'Re-assess a risk: the new likelihood and impact become its current score; the earlier assessments stay as its history',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: Reassess,
      response: { 201: RiskDetail, ...problems(403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const risk = await reassessRisk(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.code(201).header('ETag', etag(risk.version)).send(risk)
    },
  })

  app.post('/risks/:id/actions', {
    schema: {
      summary: 'Add a treatment action (head of the risk’s unit, or manager)',
      tags,
      params: IdParams,
      body: CreateRiskAction,
      response: { 201: RiskAction, ...problems(403, 404, 409, 422) },
    },
    handler: async (request, reply) => {
      const action = await addRiskAction(app.db, request.actor, request.params.id, request.body, app.env())
      return reply.code(201).header('ETag', etag(action.version)).send(action)
    },
  })

  app.patch('/risks/:id/actions/:actionId', {
    schema: {
      summary: 'Change an open treatment action (description, owner, due date)',
      tags,
      params: RiskActionParams,
      headers: IfMatchHeaders,
      body: UpdateRiskAction,
      response: { 200: RiskAction, ...problems(403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const action = await updateRiskAction(app.db, request.actor, request.params.id, request.params.actionId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(action.version)).send(action)
    },
  })

  app.post('/risks/:id/actions/:actionId/complete', {
    schema: {
      summary: 'Complete a treatment action with what was done (its owner; the head of the unit or a manager on the owner’s behalf)',
      tags,
      params: RiskActionParams,
      headers: IfMatchHeaders,
      body: CompleteRiskAction,
      response: { 200: RiskAction, ...problems(403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const action = await completeRiskAction(app.db, request.actor, request.params.id, request.params.actionId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(action.version)).send(action)
    },
  })
}
export default riskRoutes
