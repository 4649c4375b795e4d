import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { clauseCoverage } from './coverage.ts'
import { CoverageReport, IsoClauseList } from './schemas.ts'
import { listIsoClauses } from './service.ts'

const isoClauseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/iso-clauses', {
    schema: { summary: 'The ISO 9001:2015 clause outline (numbers, English and Vietnamese titles)', tags: ['reference'], response: { 200: IsoClauseList } },
    handler: async (_request, reply) => reply.header('Cache-Control', 'private, max-age=3600').send(listIsoClauses()),
  })

  app.get('/iso-clauses/coverage', {
    schema: {
      summary: 'For each clause: the documents, checklist items and open nonconformities that reference it',
      description: '`covered` is false when no published document references the clause or any of its sub-clauses; `summary.uncovered` lists those clauses.',
      tags: ['reference', 'documents'],
      response: { 200: CoverageReport },
    },
    handler: (request) => clauseCoverage(app.db, request.actor),
  })
}
export default isoClauseRoutes
