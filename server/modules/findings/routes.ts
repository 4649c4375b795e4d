import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { Nonconformity, RaiseNonconformity } from '../nonconformities/schemas.ts'
import { CreateFinding, Finding, FindingPage, FindingQuery, UpdateFinding } from './schemas.ts'
import { createFinding, getFinding, listFindings, raiseNcFromFinding, updateFinding } from './service.ts'

const tags = ['findings']

const findingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/findings', {
    schema: {
      summary: 'List findings, newest first',
      description: '`orgUnitId` includes the units below it; `from`/`to` filter the date found (inclusive).',
      tags,
      querystring: FindingQuery,
      response: { 200: FindingPage },
    },
    handler: (request) => listFindings(app.db, request.actor, request.query),
  })

  app.post('/findings', {
    schema: {
      summary: 'Record a finding raised directly (e.g. at a briefing meeting)',
      description: 'Findings from checklists are created when an inspection is completed. A finding reminded on the spot (`handling: on_spot_reminder`) starts closed.',
      tags,
      body: CreateFinding,
      response: { 201: Finding },
    },
    handler: async (request, reply) => {
      const finding = await createFinding(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/findings/${finding.id}`).header('ETag', etag(finding.version)).send(finding)
    },
  })

  app.post('/findings/:id/raise-nc', {
    schema: {
      summary: 'Raise a nonconformity from a finding; the finding is linked and its handling becomes nc_raised',
      description:
        'If-Match names the finding version. The nonconformity takes the finding unit, clauses, description and date; severity follows the classification unless given. Answers with the new nonconformity.',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: RaiseNonconformity,
      response: { 201: Nonconformity, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const { nonconformity } = await raiseNcFromFinding(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply
        .code(201)
        .header('Location', `/api/nonconformities/${nonconformity.id}`)
        .header('ETag', etag(nonconformity.version))
        .send(nonconformity)
    },
  })

  app.get('/findings/:id', {
    schema: { summary: 'Get a finding', tags, params: IdParams, response: { 200: Finding, ...problems(404) } },
    handler: async (request, reply) => {
      const finding = await getFinding(app.db, request.actor, request.params.id)
      return reply.header('ETag', etag(finding.version)).send(finding)
    },
  })

  app.patch('/findings/:id', {
    schema: {
      summary: 'Change a finding: classification, handling, description, person, or close / reopen it',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateFinding,
      response: { 200: Finding, ...problems(404, 412, 428) },
    },
    handler: async (request, reply) => {
      const finding = await updateFinding(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(finding.version)).send(finding)
    },
  })
}
export default findingRoutes
