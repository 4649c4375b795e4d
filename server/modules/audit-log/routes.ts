import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AuditPage, AuditQuery } from './schemas.ts'
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
}
export default auditLogRoutes
