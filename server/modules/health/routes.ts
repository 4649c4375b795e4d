import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'drizzle-orm'
import { Type } from 'typebox'
import { migrationStatus } from '../../../db/client.ts'
import { HttpProblem } from '../../lib/problems.ts'
import { problems } from '../../lib/schemas.ts'

const Health = Type.Object({ status: Type.Literal('ok') })
const Ready = Type.Object({
  status: Type.Literal('ready'),
  database: Type.String({ description: 'postgres or pglite' }),
  migrations: Type.Object({ applied: Type.Integer(), expected: Type.Integer() }),
})

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    config: { public: true },
    schema: { summary: 'The process is up', tags: ['operations'], response: { 200: Health } },
    handler: async () => ({ status: 'ok' as const }),
  })

  app.get('/ready', {
    config: { public: true },
    schema: {
      summary: 'The database is reachable and its migrations are current',
      tags: ['operations'],
      response: { 200: Ready, ...problems(503) },
    },
    handler: async (request) => {
      let status: Awaited<ReturnType<typeof migrationStatus>>
      try {
        await app.db.execute(sql`select 1`)
        status = await migrationStatus(app.db)
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed')
        throw new HttpProblem(503, 'not-ready', 'Not ready', 'not-ready.database', undefined)
      }
      if (!status.current) {
        throw new HttpProblem(503, 'not-ready', 'Not ready', 'not-ready.migrations', { applied: status.applied, expected: status.expected })
      }
      return { status: 'ready' as const, database: app.dbEngine, migrations: { applied: status.applied, expected: status.expected } }
    },
  })
}
export default healthRoutes
