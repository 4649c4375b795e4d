import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { problems } from '../../lib/schemas.ts'
import { complianceSummary, type ReportEnv } from './compliance.ts'
import { exportComplianceTable } from './compliance-export.ts'
import { ComplianceExportQuery, ComplianceQuery, ComplianceSummary } from './schemas.ts'

const tags = ['reports']

const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const env = (): ReportEnv => ({ now: app.clock(), config: app.config })

  app.get('/reports/compliance', {
    schema: {
      summary: 'Where the agency (or a unit with the units below it) stands over a period',
      description:
        'Inspections by kind and status; pass rate per checklist category per unit; findings by classification and handling; nonconformity metrics; overdue corrective actions; documents due for review; dossier on-time rate and online share; complaints; and a monthly series of each rate. Every rate is a share between 0 and 1, null when its base is 0. Managers, auditors and administrators read any unit; a head of unit reads their own subtree (the default).',
      tags,
      querystring: ComplianceQuery,
      response: { 200: ComplianceSummary, ...problems(400, 403) },
    },
    handler: (request) => complianceSummary(app.db, request.actor, request.query, env()),
  })

  app.get('/reports/compliance/export', {
    schema: {
      summary: 'One table of the compliance summary as CSV or XLSX',
      description: '`table`: criteria (unit × criterion pass rates), inspections, findings, monthly, overdue-actions, documents-due.',
      tags,
      querystring: ComplianceExportQuery,
      response: {
        200: {
          description: 'The file (text/csv or XLSX)',
          content: {
            'text/csv': { schema: Type.String() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Type.String({ format: 'binary' }) },
          },
        },
        ...problems(400, 403),
      },
    },
    handler: async (request, reply) => {
      const { table, format, lang, ...query } = request.query
      const summary = await complianceSummary(app.db, request.actor, query, env())
      const file = await exportComplianceTable(summary, table, format, lang ?? 'vi')
      return reply.header('Content-Type', file.contentType).header('Content-Disposition', `attachment; filename="${file.filename}"`).send(file.body as unknown as string)
    },
  })
}

export default reportRoutes
