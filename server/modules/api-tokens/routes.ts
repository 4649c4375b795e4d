import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { ApiToken, ApiTokenLimits, ApiTokenPage, ApiTokenQuery, CreateApiToken, CreatedApiToken } from './schemas.ts'
import { apiTokenLimits, createApiToken, getApiToken, listApiTokens, revokeApiToken } from './service.ts'

const tags = ['api-tokens']

const apiTokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api-tokens', {
    schema: {
      summary: 'Create an API token (admin); the secret is in this response only',
      tags,
      body: CreateApiToken,
      response: { 201: CreatedApiToken },
    },
    handler: async (request, reply) => {
      const token = await createApiToken(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/api-tokens/${token.id}`).header('ETag', etag(token.version)).send(token)
    },
  })

  app.get('/api-tokens', {
    schema: { summary: 'List API tokens (admin), newest first', tags, querystring: ApiTokenQuery, response: { 200: ApiTokenPage } },
    handler: (request) => listApiTokens(app.db, request.actor, request.query),
  })

  app.get('/api-tokens/limits', {
    schema: { summary: 'The expiry settings for new API tokens (admin), for the token form', tags, response: { 200: ApiTokenLimits } },
    handler: (request) => apiTokenLimits(request.actor, app.env()),
  })

  app.get('/api-tokens/:id', {
    schema: { summary: 'Get an API token (never its secret)', tags, params: IdParams, response: { 200: ApiToken, ...problems(404) } },
    handler: async (request, reply) => {
      const token = await getApiToken(app.db, request.actor, request.params.id)
      return reply.header('ETag', etag(token.version)).send(token)
    },
  })

  app.post('/api-tokens/:id/revoke', {
    schema: {
      summary: 'Revoke an API token (admin); it stops working at once',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      response: { 200: ApiToken, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const token = await revokeApiToken(app.db, request.actor, request.params.id, ifMatch(request.headers), app.env())
      return reply.header('ETag', etag(token.version)).send(token)
    },
  })
}
export default apiTokenRoutes
