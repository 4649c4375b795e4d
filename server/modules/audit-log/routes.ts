import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { verifyAuditChain } from './chain.ts'
import { AuditPage, AuditQuery, ChainReport } from './schemas.ts'
import { listAuditLog } from './service.ts'

const auditLogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit-log', {
    schema: {
      summary: 'Read the audit log (admin, manager)',
      description: 'Every write, newest first. Filter by entity to see the history of one record.',
      tags: ['audit-log'],
      querystring: AuditQuery,
      response: { 200: AuditPage },
    },
    handler: (request) => listAuditLog(app.db, request.actor, request.query),
  })

  app.get('/audit-log/verify', {
    config: { queryClass: 'unbounded' },
    schema: {
      summary: "Verify the audit log's hash chain (admin)",
      description:
        'Recomputes every entry\'s hash in order, in batches, and reports the first entry that does not fit: ' +
        'changed (`hash`), preceded by a changed or removed entry (`link`) or by missing entries (`gap`).',
      tags: ['audit-log'],
      response: { 200: ChainReport },
    },
    handler: (request) => verifyAuditChain(app.reportDb, request.actor),
  })
}
export default auditLogRoutes
