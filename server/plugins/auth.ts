/**
 * Who is calling: a bearer API token, or the session cookie (then state changes must
 * carry the X-CSRF-Token of that session). Routes are private unless `config.public`.
 */
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Actor } from '../lib/permissions.ts'
import { forbidden, HttpProblem, unauthorized } from '../lib/problems.ts'
import { resolveApiToken, resolveSession, SESSION_COOKIE } from '../modules/auth/service.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller; set on every private route. */
    actor: Actor
    sessionId?: string
    csrfToken?: string
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function sameToken(a: string, b: string) {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export default fp(
  async function authPlugin(app: FastifyInstance) {
    app.decorateRequest('actor', null as unknown as Actor)
    app.addHook('onRequest', async (request) => {
      const isPublic = request.routeOptions.config?.public === true
      const authorization = request.headers.authorization
      if (authorization) {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization)
        const resolved = match ? await resolveApiToken(app.db, match[1], app.env(), request.id) : null
        if (!resolved) {
          throw new HttpProblem(401, 'bad-token', 'Not signed in', 'bad-token', undefined, undefined, {
            'WWW-Authenticate': 'Bearer error="invalid_token"',
          })
        }
        // A read token may look but not change anything, whatever its user may do.
        if (resolved.scope === 'read' && request.method !== 'GET' && request.method !== 'HEAD') {
          throw forbidden('token-read-only')
        }
        request.actor = resolved.actor
        return
      }

      const token = request.cookies[SESSION_COOKIE]
      const session = token ? await resolveSession(app.db, token, app.env(), request.id) : null
      if (session) {
        request.actor = session.actor
        request.sessionId = session.sessionId
        request.csrfToken = session.csrfToken
        if (!SAFE_METHODS.has(request.method) && !isPublic) {
          const sent = request.headers['x-csrf-token']
          if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
            throw forbidden('csrf-mismatch')
          }
        }
        return
      }
      if (!isPublic) throw unauthorized(token ? 'session-ended' : 'not-signed-in')
    })
  },
  { name: 'auth', dependencies: ['db'] },
)
