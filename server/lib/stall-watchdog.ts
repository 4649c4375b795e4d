/**
 * A database call that never returns (a stalled embedded engine, a PostgreSQL server that
 * accepts connections but does not answer) would otherwise hold the request, and the
 * client, forever. After QMS_STALL_SECONDS the request is answered 503
 * `database-unavailable`; whatever the handler does later is dropped (Fastify logs it).
 * A write answered this way may still complete: clients retry with Idempotency-Key.
 */
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { databaseUnavailable, sendProblem } from '../plugins/errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    stallTimer?: NodeJS.Timeout
  }
}

export default fp(
  async function stallWatchdog(app: FastifyInstance, options: { seconds: number }) {
    if (options.seconds <= 0) return
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/api/')) return
      request.stallTimer = setTimeout(() => {
        if (reply.sent) return
        request.log.error({ seconds: options.seconds }, 'request stalled: answering 503')
        // Nobody will read what its statements return: stop them (plugins/query-limits.ts).
        request.queryScope?.stop('timeout')
        void sendProblem(request, reply, databaseUnavailable())
      }, options.seconds * 1000)
      // Never keep a stopping process alive for a stalled request.
      request.stallTimer.unref()
      // A client that leaves before the answer is not waited for either.
      reply.raw.once('close', () => clearTimeout(request.stallTimer))
    })
    // The answer has begun: what remains is writing it, which may rightly take longer (a
    // large export streamed to a slow client). Not onResponse: Fastify skips it when the
    // client leaves during a streamed (e.g. compressed) answer, and the timer then fired
    // on a dead reply a minute later.
    app.addHook('onSend', async (request, _reply, payload) => {
      clearTimeout(request.stallTimer)
      return payload
    })
  },
  { name: 'stall-watchdog' },
)
