/**
 * `Idempotency-Key` on every state change of the API (see
 * server/modules/idempotency/service.ts): a retry with the same key gets the first
 * response (with `Idempotent-Replayed: true`) and changes nothing; the same key with a
 * different request is a 422; a retry that arrives while the first request still runs
 * waits for its response.
 *
 * The request is identified by method, path and JSON body. A multipart upload is
 * identified by method and path only (its bytes are read by the handler, after this
 * check), so a photo sent again under its key is never stored twice.
 */
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { Type } from 'typebox'
import { HttpProblem } from '../lib/problems.ts'
import { problems } from '../lib/schemas.ts'
import { claimKey, completeKey, releaseKey, storedResponse, type StoredResponse } from '../modules/idempotency/service.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request claimed; its response is kept when it is sent. */
    idempotencyKey?: string
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key'
const IdempotencyKey = Type.String({
  minLength: 8,
  maxLength: 255,
  pattern: '^[\\x21-\\x7E]+$',
  description: 'Makes the request safe to retry: a retry with the same key returns the first response and changes nothing (kept 96 hours). E.g. a UUID made by the client for each change.',
})
const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Headers of the first response that a replay carries too. */
const KEPT_HEADERS = ['content-type', 'etag', 'location', 'content-disposition', 'retry-after']
const WAIT_FOR_FIRST_MS = 10_000

function fingerprint(request: FastifyRequest): string {
  const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/')
  return createHash('sha256')
    .update(`${request.method}\n${request.url}\n`)
    .update(multipart ? 'multipart' : JSON.stringify(request.body ?? null))
    .digest('hex')
}

function replay(reply: FastifyReply, response: StoredResponse) {
  return reply.code(response.status).headers({ ...response.headers, 'idempotent-replayed': 'true' }).send(response.body)
}

export default fp(
  async function idempotencyPlugin(app: FastifyInstance) {
    // Every state change declares the header, so /docs/json shows it and a malformed key is a 400 naming it.
    app.addHook('onRoute', (route) => {
      const methods = [route.method].flat()
      if (!route.url.startsWith('/api/') || !route.schema || !methods.some((m) => CHANGES.has(m)) || route.config?.public) return
      const schema = route.schema as Record<string, any>
      const headers = schema.headers ?? Type.Object({})
      schema.headers = { ...headers, properties: { ...headers.properties, [IDEMPOTENCY_HEADER]: Type.Optional(IdempotencyKey) } }
      schema.response = { ...problems(409, 422), ...(schema.response ?? {}) }
    })

    app.addHook('preHandler', async (request, reply) => {
      const key = request.headers[IDEMPOTENCY_HEADER]
      if (typeof key !== 'string' || !CHANGES.has(request.method) || !request.actor) return
      const keyed = { userId: request.actor.userId, key, method: request.method, path: request.url, fingerprint: fingerprint(request) }
      const claim = await claimKey(app.db, keyed, app.clock())
      switch (claim.kind) {
        case 'new':
          request.idempotencyKey = key
          return
        case 'replay':
          return replay(reply, claim.response)
        case 'mismatch':
          throw new HttpProblem(422, 'idempotency-key-reused', 'Idempotency key already used', 'idempotency.key-reused', { method: claim.method, path: claim.path })
        case 'in-progress': {
          const until = Date.now() + WAIT_FOR_FIRST_MS
          while (Date.now() < until) {
            await new Promise((resolve) => setTimeout(resolve, 100))
            const first = await storedResponse(app.db, keyed.userId, key)
            if (first) return replay(reply, first)
          }
          throw new HttpProblem(409, 'idempotency-key-in-use', 'Request still running', 'idempotency.in-progress', undefined, undefined, { 'Retry-After': '1' })
        }
      }
    })

    app.addHook('onSend', async (request, reply, payload) => {
      const key = request.idempotencyKey
      if (!key) return payload
      request.idempotencyKey = undefined
      const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : payload == null ? Buffer.alloc(0) : undefined
      if (reply.statusCode >= 500 || !body) {
        await releaseKey(app.db, request.actor.userId, key)
        return payload
      }
      const headers: Record<string, string> = {}
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name)
        if (value !== undefined) headers[name] = String(value)
      }
      // Kept before the response leaves: a client that got it and retries finds it.
      await completeKey(app.db, request.actor.userId, key, { status: reply.statusCode, headers, body }, app.clock())
      return payload
    })
  },
  { name: 'idempotency', dependencies: ['db', 'auth'] },
)
