import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IsoClauseList } from './schemas.ts'
import { listIsoClauses } from './service.ts'

const isoClauseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/iso-clauses', {
    schema: { summary: 'The ISO 9001:2015 clause outline (numbers, English and Vietnamese titles)', tags: ['reference'], response: { 200: IsoClauseList } },
    handler: async (_request, reply) => reply.header('Cache-Control', 'private, max-age=3600').send(listIsoClauses()),
  })
}
export default isoClauseRoutes
