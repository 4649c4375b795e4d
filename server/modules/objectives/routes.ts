import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { Nonconformity } from '../nonconformities/schemas.ts'
import { raiseNcFromPeriod } from './raise-nc.ts'
import {
  CreateIndicator,
  CreateObjective,
  Indicator,
  IndicatorParams,
  IndicatorPeriod,
  ManualValue,
  Objective,
  ObjectivePage,
  ObjectiveQuery,
  PeriodParams,
  RaiseFromPeriod,
  RecomputeBody,
  UpdateIndicator,
  UpdateObjective,
} from './schemas.ts'
import { addIndicator, createObjective, getIndicator, getObjective, listObjectives, recomputePeriod, setManualValue, updateIndicator, updateObjective } from './service.ts'

const tags = ['objectives']
const FREEZES = 'Computed values of periods that have ended are frozen (stored) the first time they are read after the period closed.'

const objectiveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/objectives', {
    schema: {
      summary: 'List quality objectives (ISO 9001 6.2), newest year first, each indicator with its latest value against its target',
      description: `Within the caller's unit scope. ${FREEZES}`,
      tags,
      querystring: ObjectiveQuery,
      response: { 200: ObjectivePage },
    },
    handler: (request) => listObjectives(app.db, request.actor, request.query, app.env()),
  })

  app.post('/objectives', {
    schema: {
      summary: 'Set a quality objective for a year and owner unit, optionally with its indicators (managers)',
      tags,
      body: CreateObjective,
      response: { 201: Objective, ...problems(403, 422) },
    },
    handler: async (request, reply) => {
      const objective = await createObjective(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/objectives/${objective.id}`).header('ETag', etag(objective.version)).send(objective)
    },
  })

  app.get('/objectives/:id', {
    schema: {
      summary: 'Get an objective: every indicator with the value of each period of the year, on or off target, and the trend',
      description: FREEZES,
      tags,
      params: IdParams,
      response: { 200: Objective, ...problems(403, 404) },
    },
    handler: async (request, reply) => {
      const objective = await getObjective(app.db, request.actor, request.params.id, app.env())
      return reply.header('ETag', etag(objective.version)).send(objective)
    },
  })

  app.patch('/objectives/:id', {
    schema: {
      summary: 'Change an objective (managers); the year and owner unit only while no indicator value is stored',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateObjective,
      response: { 200: Objective, ...problems(403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const objective = await updateObjective(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(objective.version)).send(objective)
    },
  })

  app.post('/objectives/:id/indicators', {
    schema: {
      summary: "Add an indicator to an objective (managers; heads of unit for their subtree's objectives)",
      tags,
      params: IdParams,
      body: CreateIndicator,
      response: { 201: Indicator, ...problems(403, 404, 409) },
    },
    handler: async (request, reply) => {
      const indicator = await addIndicator(app.db, request.actor, request.params.id, request.body, app.env())
      return reply
        .code(201)
        .header('Location', `/api/objectives/${request.params.id}/indicators/${indicator.id}`)
        .header('ETag', etag(indicator.version))
        .send(indicator)
    },
  })

  app.get('/objectives/:id/indicators/:indicatorId', {
    schema: { summary: 'Get an indicator with its periods', description: FREEZES, tags, params: IndicatorParams, response: { 200: Indicator, ...problems(403, 404) } },
    handler: async (request, reply) => {
      const indicator = await getIndicator(app.db, request.actor, request.params.id, request.params.indicatorId, app.env())
      return reply.header('ETag', etag(indicator.version)).send(indicator)
    },
  })

  app.patch('/objectives/:id/indicators/:indicatorId', {
    schema: {
      summary: 'Change an indicator: its name and target at any time; what it measures only while no value is stored',
      tags,
      params: IndicatorParams,
      headers: IfMatchHeaders,
      body: UpdateIndicator,
      response: { 200: Indicator, ...problems(403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const indicator = await updateIndicator(app.db, request.actor, request.params.id, request.params.indicatorId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(indicator.version)).send(indicator)
    },
  })

  app.put('/objectives/:id/indicators/:indicatorId/periods/:period', {
    schema: {
      summary: 'Enter the value of a manual indicator for a period that has started (who and when are recorded)',
      description: 'The first entry needs no If-Match (201); correcting an entered value needs the If-Match of the period (its `version`).',
      tags,
      params: PeriodParams,
      headers: IfMatchHeaders,
      body: ManualValue,
      response: { 200: IndicatorPeriod, 201: IndicatorPeriod, ...problems(403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const { created, period } = await setManualValue(app.db, request.actor, request.params, ifMatch(request.headers), request.body, app.env())
      return reply.code(created ? 201 : 200).header('ETag', etag(period.version!)).send(period)
    },
  })

  app.post('/objectives/:id/indicators/:indicatorId/periods/:period/recompute', {
    schema: {
      summary: "Recompute a frozen period's value from today's records (managers; the audit entry keeps the old and the new value)",
      tags,
      params: PeriodParams,
      headers: IfMatchHeaders,
      body: RecomputeBody,
      response: { 200: IndicatorPeriod, ...problems(403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const period = await recomputePeriod(app.db, request.actor, request.params, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(period.version!)).send(period)
    },
  })

  app.post('/objectives/:id/indicators/:indicatorId/periods/:period/nonconformity', {
    schema: {
      summary: 'Open a nonconformity from a period that is off target (source objective)',
      description: 'The period needs a stored value (frozen or entered). One live nonconformity per indicator period (409 naming it); the indicator is not changed (no If-Match).',
      tags,
      params: PeriodParams,
      body: RaiseFromPeriod,
      response: { 201: Nonconformity, ...problems(403, 404, 409, 422) },
    },
    handler: async (request, reply) => {
      const nc = await raiseNcFromPeriod(app.db, request.actor, request.params, request.body, app.env())
      return reply.code(201).header('Location', `/api/nonconformities/${nc.id}`).header('ETag', etag(nc.version)).send(nc)
    },
  })
}
export default objectiveRoutes
