import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { problems } from '../../lib/schemas.ts'
import { MIME } from '../../lib/uploads.ts'
import { invalidField } from '../../lib/problems.ts'
import { exportTable } from '../../lib/table-export.ts'
import { clauseCoverage } from './clause-coverage.ts'
import { complianceSummary } from './compliance.ts'
import { CoverageReport } from './coverage-schemas.ts'
import { exportComplianceTable } from './compliance-export.ts'
import { ComplianceExportQuery, ComplianceQuery, ComplianceSummary } from './schemas.ts'
import { buildParModel } from './par-model.ts'
import { renderParDocx } from './par-docx.ts'
import { draftIssue } from './par-official.ts'
import { renderParPdf } from './par-pdf.ts'
import { renderParHtml } from './par-render.ts'
import { renderParXlsx } from './par-xlsx.ts'
import { ParQuery, ParReport } from './par-schemas.ts'

const tags = ['reports']

const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {

  app.get('/reports/compliance', {
    config: { queryClass: 'report' },
    schema: {
      summary: 'Where the agency (or a unit with the units below it) stands over a period',
      description:
        'Inspections by kind and status; pass rate per checklist category per unit; findings by classification and handling; nonconformity metrics; overdue corrective actions; documents due for review; dossier on-time rate and online share; complaints; and a monthly series of each rate. Every rate is a share between 0 and 1, null when its base is 0. Managers, auditors and administrators read any unit; a head of unit reads their own subtree (the default).',
      tags,
      querystring: ComplianceQuery,
      response: { 200: ComplianceSummary, ...problems(400, 403) },
    },
    handler: (request) => complianceSummary(app.reportDb, request.actor, request.query, app.env(), app.flights),
  })

  app.get('/reports/compliance/export', {
    config: { queryClass: 'report' },
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
      const summary = await complianceSummary(app.reportDb, request.actor, query, app.env(), app.flights)
      const file = await exportComplianceTable(summary, table, format, lang ?? 'vi')
      return reply.header('Content-Type', file.contentType).header('Content-Disposition', `attachment; filename="${file.filename}"`).send(file.body as unknown as string)
    },
  })

  app.get('/reports/par', {
    config: { queryClass: 'report' },
    schema: {
      summary: 'The half-year administrative-reform report, written from the data',
      description:
        'Modelled on the board\'s report 173/BC-BQL: complaints, procedures by online level, dossiers received by channel, resolved and in progress, the inspections held by form and what they found, nonconformities, and the state of the ISO 9001:2008 → 2015 transition — every number computed from the records of the period, the narrative in Vietnamese. `format`: html (printable A4, default), pdf (A4 in the layout of Nghị định 30/2020/NĐ-CP, Times New Roman metrics embedded), docx (the same layout, to edit in Word), xlsx (a summary sheet and one sheet per table: numbers as numbers, totals as formulas), json (the figures and text). The report is not yet issued: its number, day and month, and signer are left blank; the place before the date is QMS_AGENCY_PLACE.',
      tags,
      querystring: ParQuery,
      response: {
        200: {
          description: 'The report',
          content: {
            'application/json': { schema: ParReport },
            'text/html': { schema: Type.String() },
            'application/pdf': { schema: Type.String({ format: 'binary' }) },
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: Type.String({ format: 'binary' }) },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Type.String({ format: 'binary' }) },
            'text/csv': { schema: Type.String() },
          },
        },
        ...problems(400, 403),
      },
    },
    handler: async (request, reply) => {
      const { format = 'html', table, ...query } = request.query
      if (format === 'csv' && table === undefined) throw invalidField('query.table', 'report.table-required')
      const env = app.env()
      const report = await buildParModel(app.reportDb, request.actor, query, env)
      const issue = draftIssue(env.config)
      const name = `bao-cao-cchc_${report.from}_${report.to}`
      reply.header('Cache-Control', 'private, no-cache')
      if (table !== undefined && (format === 'csv' || format === 'xlsx')) {
        const tables = report.sections.flatMap((s) => s.tables)
        const t = tables[table - 1]
        if (!t) throw invalidField('query.table', 'report.table-range', { count: tables.length })
        const file = await exportTable({ name: `${name}_bang-${table}`, sheet: t.sheet, title: t.title, subtitle: report.periodLabel, headings: t.headings, columns: t.columns, rows: t.rows, totalRow: t.totalRow }, format)
        return reply.type(file.contentType).header('Content-Disposition', `attachment; filename="${file.filename}"`).send(file.body as unknown as string)
      }
      switch (format) {
        case 'json':
          return reply.type('application/json').send(report)
        case 'pdf':
          return reply.type('application/pdf').header('Content-Disposition', `inline; filename="${name}.pdf"`).send((await renderParPdf(report, issue)) as unknown as string)
        case 'docx':
          return reply.type(MIME.docx).header('Content-Disposition', `attachment; filename="${name}.docx"`).send((await renderParDocx(report, issue)) as unknown as string)
        case 'xlsx':
          return reply.type(MIME.xlsx).header('Content-Disposition', `attachment; filename="${name}.xlsx"`).send((await renderParXlsx(report, issue)) as unknown as string)
        default:
          return reply.type('text/html; charset=utf-8').send(renderParHtml(report, issue))
      }
    },
  })

  app.get('/iso-clauses/coverage', {
    config: { queryClass: 'report' },
    schema: {
      summary: 'For each clause: the documents, checklist items and open nonconformities that reference it',
      description: '`covered` is false when no published document references the clause or any of its sub-clauses; `summary.uncovered` lists those clauses.',
      tags: ['reference', 'documents'],
      response: { 200: CoverageReport },
    },
    handler: (request) => clauseCoverage(app.reportDb, request.actor),
  })
}

export default reportRoutes
