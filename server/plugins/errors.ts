/**
 * One place that turns every error into an RFC 9457 problem document.
 * 5xx details are logged, never sent: no stack traces or SQL leave the server.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { isProblemCode, languageOf } from '../lib/problem-messages.ts'
import { HttpProblem, problemBody, type FieldError } from '../lib/problems.ts'
import { loggableError } from '../lib/safe-log.ts'
import { stoppedQueryProblem } from './query-limits.ts'

interface AjvError {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

/** `/items/0/text` + missing `name` → `items.0.text.name`; query and params are prefixed. */
function fieldPath(context: string | undefined, error: AjvError): string {
  const segments = error.instancePath.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') segments.push(error.params.missingProperty)
  if (error.keyword === 'additionalProperties' && typeof error.params.additionalProperty === 'string') {
    segments.push(error.params.additionalProperty)
  }
  const prefix = context === 'querystring' ? 'query' : context && context !== 'body' ? context : ''
  return [prefix, ...segments].filter(Boolean).join('.') || (prefix || 'body')
}

function messageFor(error: AjvError): string {
  switch (error.keyword) {
    case 'required':
      return 'is required'
    case 'additionalProperties':
      return 'is not a known field'
    case 'enum':
      return `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`
    case 'const':
      return `must be ${JSON.stringify(error.params.allowedValue)}`
    default:
      return error.message ?? 'is invalid'
  }
}

function validationErrors(error: FastifyError): FieldError[] {
  const seen = new Set<string>()
  const out: FieldError[] = []
  for (const e of (error.validation ?? []) as unknown as AjvError[]) {
    // anyOf branches repeat the same field; the first message for a field is enough.
    if (e.keyword === 'anyOf') continue
    const path = fieldPath(error.validationContext, e)
    if (seen.has(path)) continue
    seen.add(path)
    const text = `schema.${e.keyword}`
    out.push({ path, message: messageFor(e), code: e.keyword, params: e.params, text: isProblemCode(text) ? text : 'schema.invalid' })
  }
  return out
}

const PG_UNIQUE = '23505'
const PG_FOREIGN_KEY = '23503'
const PG_CHECK = '23514'

function pgCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } }
  const code = typeof e.cause?.code === 'string' ? e.cause.code : e.code
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: HttpProblem) {
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value)
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .header('Vary', 'Accept-Language')
    .send({ ...problemBody(problem, languageOf(request.headers['accept-language'])), requestId: request.id })
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03'])

/** The database is down or gone (PostgreSQL unreachable or restarting, PGlite closed): worth a retry. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : ''
    if (CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true
    if (typeof e.message === 'string' && /^PGlite is closed/.test(e.message)) return true
  }
  return false
}

export const databaseUnavailable = () =>
  new HttpProblem(503, 'database-unavailable', 'Database unavailable', 'database-unavailable', undefined, undefined, { 'retry-after': '5' })

/** Maps any thrown value to a problem; unknown errors become a bare 500. */
export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error
  const fe = error as FastifyError
  if (fe.validation) {
    const errors = validationErrors(fe)
    return new HttpProblem(400, 'validation', 'Invalid request', 'validation.fields', { where: fe.validationContext ?? 'request', count: errors.length }, errors)
  }
  if (isDatabaseUnavailable(error)) return databaseUnavailable()
  switch (pgCode(error)) {
    case PG_UNIQUE:
      return new HttpProblem(409, 'conflict', 'Conflict', 'conflict.unique', undefined)
    case PG_FOREIGN_KEY:
      return new HttpProblem(409, 'conflict', 'Conflict', 'conflict.foreign-key', undefined)
    case PG_CHECK:
      return new HttpProblem(400, 'validation', 'Invalid request', 'validation.db-check', undefined)
  }
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500
  if (status >= 400 && status < 500) {
    const titles: Record<number, string> = {
      400: 'Invalid request',
      404: 'Not found',
      405: 'Method not allowed',
      408: 'Request timeout',
      414: 'URI too long',
      431: 'Request header fields too large',
      406: 'Not acceptable',
      413: 'Request body too large',
      415: 'Unsupported media type',
      429: 'Too many requests',
    }
    const slug = status === 400 ? 'validation' : `http-${status}`
    const title = titles[status] ?? 'Request error'
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new HttpProblem(status, slug, title, 'validation.send-json', undefined)
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new HttpProblem(status, slug, title, 'body-too-large', undefined)
    if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe instanceof SyntaxError) return new HttpProblem(status, slug, title, 'validation.not-json', undefined)
    return new HttpProblem(status, slug, title, 'http-error', { status, message: fe.message })
  }
  return new HttpProblem(500, 'internal', 'Internal error', 'internal', undefined)
}

export default fp(
  async function errorsPlugin(app: FastifyInstance) {
    app.setErrorHandler((error, request, reply) => {
      const problem = stoppedQueryProblem(request, error, app.config) ?? toProblem(error)
      if (problem.status >= 500) request.log.error({ err: loggableError(error) }, 'request failed')
      else request.log.info({ status: problem.status, detail: problem.detail }, 'request refused')
      return sendProblem(request, reply, problem)
    })
  },
  { name: 'errors' },
)
