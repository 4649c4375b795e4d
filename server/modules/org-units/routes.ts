import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { CreateOrgUnit, OrgUnit, OrgUnitPage, OrgUnitQuery, UpdateOrgUnit } from './schemas.ts'
import { createOrgUnit, getOrgUnit, listOrgUnits, updateOrgUnit } from './service.ts'

const tags = ['org-units']

const orgUnitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/org-units', {
    schema: {
      summary: 'List org units in tree order',
      tags,
      querystring: OrgUnitQuery,
      response: { 200: OrgUnitPage },
    },
    handler: (request) => listOrgUnits(app.db, request.actor, request.query),
  })

  app.post('/org-units', {
    schema: {
      summary: 'Create an org unit (admin)',
      tags,
      body: CreateOrgUnit,
      response: { 201: OrgUnit, ...problems(409) },
    },
    handler: async (request, reply) => {
      const unit = await createOrgUnit(app.db, request.actor, request.body)
      return reply.code(201).header('Location', `/api/org-units/${unit.id}`).header('ETag', etag(unit.version)).send(unit)
    },
  })

  app.get('/org-units/:id', {
    schema: { summary: 'Get an org unit', tags, params: IdParams, response: { 200: OrgUnit, ...problems(404) } },
    handler: async (request, reply) => {
      const unit = await getOrgUnit(app.db, request.actor, request.params.id)
      return reply.header('ETag', etag(unit.version)).send(unit)
    },
  })

  app.patch('/org-units/:id', {
    schema: {
      summary: 'Change an org unit (admin); `active: false` deactivates it',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateOrgUnit,
      response: { 200: OrgUnit, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const unit = await updateOrgUnit(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(unit.version)).send(unit)
    },
  })
}
export default orgUnitRoutes
