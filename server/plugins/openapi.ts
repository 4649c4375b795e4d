/**
 * OpenAPI 3.1 from the routes' TypeBox schemas, Swagger UI at /docs.
 * Responses every route can give (401, 403, 400 for bad input, 500…) are added
 * here so that /docs/json lists them without each route repeating them.
 */
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { problems } from '../lib/schemas.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean
  }
}

export default fp(
  async function openapiPlugin(app: FastifyInstance) {
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/') || !route.schema) return
      const schema = route.schema as Record<string, any>
      const methods = [route.method].flat()
      // 503: the database is down (database-unavailable), any route can meet it.
      const statuses = [500, 503]
      if (!route.config?.public) statuses.push(401, 403)
      if (schema.body || schema.querystring || schema.params || schema.headers) statuses.push(400)
      if (schema.body || methods.some((m) => ['POST', 'PUT', 'PATCH'].includes(m))) statuses.push(413, 415, 507)
      schema.response = { ...problems(...statuses), ...(schema.response ?? {}) }
      if (!route.config?.public) schema.security ??= [{ session: [] }, { bearer: [] }]
    })

    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'QMS Tracker API',
          version: '1',
          description:
            'ISO 9001:2015 quality management and internal inspection. Conventions (paging, If-Match, problem+json) are described in docs/api.md.',
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'qms_session', description: 'Browser session; state changes also need the X-CSRF-Token header.' },
            bearer: { type: 'http', scheme: 'bearer', description: 'API token from POST /api/api-tokens' },
          },
        },
      },
    })
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })
  },
  { name: 'openapi' },
)
