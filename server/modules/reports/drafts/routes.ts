import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { etag, ifMatch } from '../../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../../lib/schemas.ts'
import { MIME } from '../../../lib/uploads.ts'
import { renderParDocx } from '../par-docx.ts'
import { renderParPdf } from '../par-pdf.ts'
import { renderParHtml } from '../par-render.ts'
import { renderParXlsx } from '../par-xlsx.ts'
import { CreateReportDraft, IssueReportDraft, ReportDraftDetail, ReportDraftPage, ReportDraftQuery, ReportFileQuery, UpdateReportDraft } from './schemas.ts'
import { approveReportDraft, createReportDraft, getReportDraft, issueReportDraft, listReportDrafts, reopenReportDraft, reportDraftFile, updateReportDraft } from './service.ts'

const tags = ['reports']
const base = '/reports/par-drafts'

const reportDraftRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(base, {
    schema: {
      summary: 'The half-year reports being written and issued, newest period first',
      description: 'Managers, auditors and administrators see every one; a head of unit sees the issued ones.',
      tags,
      querystring: ReportDraftQuery,
      response: { 200: ReportDraftPage, ...problems(400, 403) },
    },
    handler: (request) => listReportDrafts(app.db, request.actor, request.query),
  })

  app.post(base, {
    schema: {
      summary: 'Start a half-year report for a period (managers): the narrative to write, the figures computed from the records',
      tags,
      body: CreateReportDraft,
      response: { 201: ReportDraftDetail, ...problems(400, 403, 422) },
    },
    handler: async (request, reply) => {
      const draft = await createReportDraft(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api${base}/${draft.id}`).header('ETag', etag(draft.version)).send(draft)
    },
  })

  app.get(`${base}/:id`, {
    config: { queryClass: 'report' },
    schema: {
      summary: 'A report with its narrative and its report: computed now until issued, frozen once issued',
      tags,
      params: IdParams,
      response: { 200: ReportDraftDetail, ...problems(403, 404) },
    },
    handler: async (request, reply) => {
      const draft = await getReportDraft(app.db, request.actor, request.params.id, app.env())
      return reply.header('ETag', etag(draft.version)).send(draft)
    },
  })

  app.patch(`${base}/:id`, {
    schema: {
      summary: 'Change the period, the plan or the narrative of a draft',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateReportDraft,
      response: { 200: ReportDraftDetail, ...problems(400, 403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const draft = await updateReportDraft(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(draft.version)).send(draft)
    },
  })

  for (const [op, summary, run] of [
    ['approve', 'Approve the text of a draft (managers); it is then issued, or reopened to change', approveReportDraft],
    ['reopen', 'Send an approved report back to draft to change it', reopenReportDraft],
  ] as const) {
    app.post(`${base}/:id/${op}`, {
      schema: { summary, tags, params: IdParams, headers: IfMatchHeaders, response: { 200: ReportDraftDetail, ...problems(403, 404, 409, 412, 428) } },
      handler: async (request, reply) => {
        const draft = await run(app.db, request.actor, request.params.id, ifMatch(request.headers), app.env())
        return reply.header('ETag', etag(draft.version)).send(draft)
      },
    })
  }

  app.post(`${base}/:id/issue`, {
    schema: {
      summary: 'Issue an approved report: number, date, signer and recipients; the report is frozen and its PDF kept in document control as a record',
      description: 'The place before the date is QMS_AGENCY_PLACE. The number is unique in the year of issue (409). The date is not before the end of the period nor after today.',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: IssueReportDraft,
      response: { 200: ReportDraftDetail, ...problems(400, 403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const draft = await issueReportDraft(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(draft.version)).send(draft)
    },
  })

  app.get(`${base}/:id/file`, {
    config: { queryClass: 'report' },
    schema: {
      summary: 'The report as a file: PDF, DOCX, XLSX or printable HTML',
      description: 'An issued report is rendered from what was frozen when it was issued, whatever has changed in the records since; a draft from the records now, its number and date left blank.',
      tags,
      params: IdParams,
      querystring: ReportFileQuery,
      response: {
        200: {
          description: 'The file',
          content: {
            'text/html': { schema: Type.String() },
            'application/pdf': { schema: Type.String({ format: 'binary' }) },
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: Type.String({ format: 'binary' }) },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Type.String({ format: 'binary' }) },
          },
        },
        ...problems(400, 403, 404),
      },
    },
    handler: async (request, reply) => {
      const { report, issue, name } = await reportDraftFile(app.db, request.actor, request.params.id, app.env())
      reply.header('Cache-Control', 'private, no-cache')
      switch (request.query.format ?? 'html') {
        case 'pdf':
          return reply.type('application/pdf').header('Content-Disposition', `attachment; filename="${name}.pdf"`).send((await renderParPdf(report, issue)) as unknown as string)
        case 'docx':
          return reply.type(MIME.docx).header('Content-Disposition', `attachment; filename="${name}.docx"`).send((await renderParDocx(report, issue)) as unknown as string)
        case 'xlsx':
          return reply.type(MIME.xlsx).header('Content-Disposition', `attachment; filename="${name}.xlsx"`).send((await renderParXlsx(report, issue)) as unknown as string)
        default:
          return reply.type('text/html; charset=utf-8').send(renderParHtml(report, issue))
      }
    },
  })
}

export default reportDraftRoutes
