import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems, ReasonBody } from '../../lib/schemas.ts'
import { coverageMatrix } from './coverage.ts'
import { buildAuditReport, renderAuditReportHtml, renderAuditReportPdf } from './report.ts'
import {
  AuditParams,
  AuditProgrammeDetail,
  CoverageMatrix,
  CreateAuditProgramme,
  CreateProgrammeAudit,
  ProgrammeAudit,
  ProgrammePage,
  ProgrammeQuery,
  ReportQuery,
  UpdateAuditProgramme,
  UpdateProgrammeAudit,
} from './schemas.ts'
import { approveProgramme, cancelAudit, createProgramme, getAudit, getProgramme, listProgrammes, planAudit, scheduleAudit, updateAudit, updateProgramme } from './service.ts'

const tags = ['audit-programmes']

const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit-programmes', {
    schema: { summary: 'Internal audit programmes (ISO 9001:2015 clause 9.2), newest year first', tags, querystring: ProgrammeQuery, response: { 200: ProgrammePage } },
    handler: (request) => listProgrammes(app.db, request.actor, request.query),
  })

  app.post('/audit-programmes', {
    schema: {
      summary: 'Draw up a yearly audit programme (managers)',
      tags,
      body: CreateAuditProgramme,
      response: { 201: AuditProgrammeDetail, ...problems(403, 409) },
    },
    handler: async (request, reply) => {
      const programme = await createProgramme(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/audit-programmes/${programme.id}`).header('ETag', etag(programme.version)).send(programme)
    },
  })

  app.get('/audit-programmes/:id', {
    schema: {
      summary: 'A programme with its audits (a head of unit or staff: the audits of a unit in their scope)',
      tags,
      params: IdParams,
      response: { 200: AuditProgrammeDetail, ...problems(403, 404) },
    },
    handler: async (request, reply) => {
      const programme = await getProgramme(app.db, request.actor, request.params.id)
      return reply.header('ETag', etag(programme.version)).send(programme)
    },
  })

  app.patch('/audit-programmes/:id', {
    schema: {
      summary: 'Change a draft programme’s number, title or objectives (managers)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateAuditProgramme,
      response: { 200: AuditProgrammeDetail, ...problems(403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const programme = await updateProgramme(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(programme.version)).send(programme)
    },
  })

  app.post('/audit-programmes/:id/approve', {
    schema: {
      summary: 'Approve a draft programme (managers); its audits may then be scheduled',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      response: { 200: AuditProgrammeDetail, ...problems(403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const programme = await approveProgramme(app.db, request.actor, request.params.id, ifMatch(request.headers), app.env())
      return reply.header('ETag', etag(programme.version)).send(programme)
    },
  })

  app.get('/audit-programmes/:id/coverage', {
    schema: {
      summary: 'The coverage matrix: clauses 4–10 × units, what the programme plans, what was audited, what is still uncovered',
      description: 'A cell is `audited` when the unit’s inspection of an audit covering a clause under that one is completed, `planned` when such an audit (not cancelled) exists, else `uncovered`. Units: the active units of the reader’s scope.',
      tags,
      params: IdParams,
      response: { 200: CoverageMatrix, ...problems(403, 404) },
    },
    config: { queryClass: 'report' },
    handler: (request) => coverageMatrix(app.reportDb, request.actor, request.params.id),
  })

  app.post('/audit-programmes/:id/audits', {
    schema: {
      summary: 'Plan an audit of the programme: units, processes, clauses, dates, lead auditor and team (auditors and managers)',
      description: 'Nobody on the team may belong to a unit audited or a unit below one: 422 `audit.not-independent` names the person.',
      tags,
      params: IdParams,
      body: CreateProgrammeAudit,
      response: { 201: ProgrammeAudit, ...problems(403, 404, 409, 422) },
    },
    handler: async (request, reply) => {
      const audit = await planAudit(app.db, request.actor, request.params.id, request.body, app.env())
      return reply.code(201).header('Location', `/api/audit-programmes/${request.params.id}/audits/${audit.id}`).header('ETag', etag(audit.version)).send(audit)
    },
  })

  app.get('/audit-programmes/:id/audits/:auditId', {
    schema: { summary: 'One audit of a programme, with its units’ inspections and finding counts', tags, params: AuditParams, response: { 200: ProgrammeAudit, ...problems(403, 404) } },
    handler: async (request, reply) => {
      const audit = await getAudit(app.db, request.actor, request.params.id, request.params.auditId)
      return reply.header('ETag', etag(audit.version)).send(audit)
    },
  })

  app.patch('/audit-programmes/:id/audits/:auditId', {
    schema: {
      summary: 'Reschedule or change an audit (auditors and managers), in a draft or an approved programme',
      tags,
      params: AuditParams,
      headers: IfMatchHeaders,
      body: UpdateProgrammeAudit,
      response: { 200: ProgrammeAudit, ...problems(403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const audit = await updateAudit(app.db, request.actor, request.params.id, request.params.auditId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(audit.version)).send(audit)
    },
  })

  app.post('/audit-programmes/:id/audits/:auditId/schedule', {
    schema: {
      summary: 'Schedule an audit of an approved programme: one internal_audit inspection per unit, performed on the inspections’ perform screen',
      tags,
      params: AuditParams,
      headers: IfMatchHeaders,
      response: { 200: ProgrammeAudit, ...problems(403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const audit = await scheduleAudit(app.db, request.actor, request.params.id, request.params.auditId, ifMatch(request.headers), app.env())
      return reply.header('ETag', etag(audit.version)).send(audit)
    },
  })

  app.post('/audit-programmes/:id/audits/:auditId/cancel', {
    schema: {
      summary: 'Cancel an audit not yet scheduled, with a reason',
      tags,
      params: AuditParams,
      headers: IfMatchHeaders,
      body: ReasonBody,
      response: { 200: ProgrammeAudit, ...problems(403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const audit = await cancelAudit(app.db, request.actor, request.params.id, request.params.auditId, ifMatch(request.headers), request.body.reason, app.env())
      return reply.header('ETag', etag(audit.version)).send(audit)
    },
  })

  app.get('/audit-programmes/:id/audits/:auditId/report', {
    schema: {
      summary: 'The audit report (báo cáo kết quả đánh giá nội bộ): HTML or an A4 PDF, in Vietnamese',
      description: 'Scope (units with their records, processes, clauses, dates), team, findings by classification and conclusions, in the layout of Nghị định 30/2020/NĐ-CP. Marked as a draft until the audit is completed.',
      tags,
      params: AuditParams,
      querystring: ReportQuery,
      response: {
        200: {
          description: 'The report',
          content: { 'text/html': { schema: { type: 'string' } }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
        ...problems(403, 404),
      },
    },
    handler: async (request, reply) => {
      const report = await buildAuditReport(app.db, request.actor, request.params.id, request.params.auditId, app.env())
      if (request.query.format === 'pdf') {
        const pdf = await renderAuditReportPdf(report)
        return reply.type('application/pdf').header('Content-Disposition', `inline; filename="${report.fileName}.pdf"`).header('Cache-Control', 'private, no-cache').send(pdf as unknown as string)
      }
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'private, no-cache').send(renderAuditReportHtml(report))
    },
  })
}
export default auditRoutes
