/**
 * Time limits per request class, and stopping a request's reads when its client goes away.
 *
 * Every API request runs in a `QueryScope` (db/query-scope.ts). Its class, from the
 * route's `config.queryClass`, sets how long its reads may take in the database:
 * `read` (the default) QMS_QUERY_TIMEOUT_SECONDS, `report` (summaries, statistics,
 * reports, exports) QMS_REPORT_TIMEOUT_SECONDS, `unbounded` none (the dossier import,
 * bounded by its own size limits). When the time is up the statements still running are
 * cancelled in the database and the request is answered 503 `query-timeout`, naming the
 * setting; when the client closes the connection before its answer, they are cancelled
 * the same way. Statements inside transactions are never cancelled from here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { pgError } from '../../db/pg-errors.ts'
import { QueryScope, runInQueryScope } from '../../db/query-scope.ts'
import type { Config } from '../config.ts'
import { HttpProblem } from '../lib/problems.ts'

export type QueryClass = 'read' | 'report' | 'unbounded'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How long the route's reads may take; `read` unless told (server/plugins/query-limits.ts). */
    queryClass?: QueryClass
  }
  interface FastifyRequest {
    queryScope?: QueryScope
  }
}

const SETTINGS: Record<Exclude<QueryClass, 'unbounded'>, { name: string; key: 'queryTimeoutMs' | 'reportTimeoutMs' }> = {
  read: { name: 'QMS_QUERY_TIMEOUT_SECONDS', key: 'queryTimeoutMs' },
  report: { name: 'QMS_REPORT_TIMEOUT_SECONDS', key: 'reportTimeoutMs' },
}

export const queryTimeout = (setting: string, ms: number) =>
  new HttpProblem(503, 'query-timeout', 'Took too long', 'query-timeout', { setting, ms }, undefined, { 'Retry-After': '5' }, { setting })

/** Nobody reads it: the client is gone. Logged as 499, as proxies do. */
const clientGone = () => new HttpProblem(499, 'client-closed', 'Client closed the request', 'client-closed', undefined)

/**
 * The problem for a statement this request's scope stopped, or that PostgreSQL stopped by
 * its own statement_timeout (the report pool's backstop); undefined for any other error.
 */
export function stoppedQueryProblem(request: FastifyRequest, error: unknown, config: Config): HttpProblem | undefined {
  if (error instanceof HttpProblem) return undefined
  const scope = request.queryScope
  if (scope?.stopped === 'client-gone') return clientGone()
  const serverTimeout = /statement timeout/.test(pgError(error, '57014')?.message ?? '')
  if (scope?.stopped !== 'timeout' && !serverTimeout) return undefined
  const cls = request.routeOptions.config?.queryClass ?? 'read'
  const setting = SETTINGS[cls === 'unbounded' || serverTimeout ? 'report' : cls]
  return queryTimeout(setting.name, config[setting.key])
}

export default fp(
  async function queryLimits(app: FastifyInstance, options: { config: Config }) {
    app.addHook('onRequest', (request, reply, done) => {
      if (!request.url.startsWith('/api/')) return done()
      const scope = new QueryScope()
      request.queryScope = scope
      const cls = request.routeOptions.config?.queryClass ?? 'read'
      const ms = cls === 'unbounded' ? 0 : options.config[SETTINGS[cls].key]
      const timer = ms > 0 ? setTimeout(() => scope.stop('timeout'), ms) : undefined
      timer?.unref()
      reply.raw.once('close', () => {
        clearTimeout(timer)
        if (!reply.raw.writableFinished) scope.stop('client-gone')
      })
      runInQueryScope(scope, done)
    })
    // Parsing a body runs on the socket's events, outside the scope entered above; the
    // handler must run inside it.
    app.addHook('preHandler', (request, _reply, done) => (request.queryScope ? runInQueryScope(request.queryScope, done) : done()))
  },
  { name: 'query-limits' },
)
