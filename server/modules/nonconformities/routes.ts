import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { Type } from 'typebox'
import { nonconformityMetrics } from './metrics.ts'
import { exportNcRegister, REGISTER_MAX_ROWS } from './register-export.ts'
import { renderCapaForm } from './capa-form.ts'
import {
  NcRegisterQuery,
  AnalyzeBody,
  CancelBody,
  CloseBody,
  CreateNonconformity,
  EmptyBody,
  MetricsQuery,
  Nonconformity,
  NonconformityMetrics,
  NonconformityPage,
  NonconformityQuery,
  PlanBody,
  UpdateNonconformity,
  VerifyBody,
} from './schemas.ts'
import { createNonconformity, getNonconformity, listNonconformities, updateNonconformity } from './service.ts'
import {
  analyzeNonconformity,
  cancelNonconformity,
  closeNonconformity,
  planNonconformity,
  startNonconformity,
  submitForVerification,
  verifyNonconformity,
} from './workflow.ts'

const tags = ['nonconformities']

/** Steps whose body is optional may be sent without one (e.g. `curl -X POST …/start`). */
const optionalBody = async (request: { body: unknown }) => {
  request.body ??= {}
}

const nonconformityRoutes: FastifyPluginAsyncTypebox = async (app) => {

  app.get('/nonconformities', {
    schema: {
      summary: 'List nonconformities (newest first) with computed overdue figures',
      description: '`orgUnitId` includes the units below it. Heads of unit see their subtree, staff their unit and the NCs in which they own an action.',
      tags,
      querystring: NonconformityQuery,
      response: { 200: NonconformityPage },
    },
    handler: (request) => listNonconformities(app.db, request.actor, request.query, app.env()),
  })

  app.get('/nonconformities/register', {
    config: { queryClass: 'report' },
    schema: {
      summary: 'The NC register (Sổ theo dõi sự không phù hợp) as XLSX or CSV',
      description: `Every nonconformity the caller may read that passes the list's filters (the same as GET /nonconformities), newest first: code, detection date, unit, title, source, severity, clauses, due date, status, days overdue, actions done, closing date. At most ${REGISTER_MAX_ROWS} rows (413 export-too-large past it).`,
      tags,
      querystring: NcRegisterQuery,
      response: {
        200: {
          description: 'The register',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Type.String({ format: 'binary' }) },
            'text/csv': { schema: Type.String() },
          },
        },
        ...problems(413),
      },
    },
    handler: async (request, reply) => {
      const { format = 'xlsx', lang = 'vi', ...query } = request.query
      const file = await exportNcRegister(app.reportDb, request.actor, query, format, lang, app.env())
      return reply.type(file.contentType).header('Content-Disposition', `attachment; filename="${file.filename}"`).header('Cache-Control', 'private, no-cache').send(file.body as unknown as string)
    },
  })

  app.get('/nonconformities/metrics', {
    config: { queryClass: 'report' },
    schema: {
      summary: 'Days to close, share closed on time, share effective at the first check',
      description: 'Over the NCs the caller may see, detected in the period; `orgUnitId` includes the units below it.',
      tags,
      querystring: MetricsQuery,
      response: { 200: NonconformityMetrics },
    },
    handler: (request) => nonconformityMetrics(app.reportDb, request.actor, request.query, app.env()),
  })

  app.post('/nonconformities', {
    schema: {
      summary: 'Raise a nonconformity (auditor, manager; head of unit within their unit)',
      tags,
      body: CreateNonconformity,
      response: { 201: Nonconformity, ...problems(409, 422) },
    },
    handler: async (request, reply) => {
      const nc = await createNonconformity(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/nonconformities/${nc.id}`).header('ETag', etag(nc.version)).send(nc)
    },
  })

  app.get('/nonconformities/:id', {
    schema: {
      summary: 'A nonconformity with its actions, effectiveness checks, timeline and what the caller may do now',
      tags,
      params: IdParams,
      response: { 200: Nonconformity, ...problems(404) },
    },
    handler: async (request, reply) => {
      const nc = await getNonconformity(app.db, request.actor, request.params.id, app.env())
      return reply.header('ETag', etag(nc.version)).send(nc)
    },
  })

  app.get('/nonconformities/:id/form', {
    schema: {
      summary: 'The corrective-action request form (Phiếu yêu cầu hành động khắc phục, BM-01/QT-04) as an A4 PDF to print and sign',
      description: 'What was found, the immediate correction, the root cause, the actions, each effectiveness check and the closing, with blank lines for what is not recorded yet; readable by whoever may read the nonconformity.',
      tags,
      params: IdParams,
      response: {
        200: { description: 'The form', content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } } },
        ...problems(403, 404),
      },
    },
    config: { queryClass: 'report' },
    handler: async (request, reply) => {
      const { code, pdf } = await renderCapaForm(app.db, request.actor, request.params.id, app.env())
      return reply.type('application/pdf').header('Content-Disposition', `inline; filename="phieu-khac-phuc-${code}.pdf"`).send(pdf as unknown as string)
    },
  })

  app.patch('/nonconformities/:id', {
    schema: {
      summary: 'Change a nonconformity while it is open (a head of unit: containment only)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateNonconformity,
      response: { 200: Nonconformity, ...problems(404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const nc = await updateNonconformity(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(nc.version)).send(nc)
    },
  })

  // The workflow: each step is a POST with If-Match and answers with the whole NC.
  app.post('/nonconformities/:id/analyze', {
    schema: {
      summary: 'Record the root-cause analysis (5 whys, categories, summary); → analysis',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: AnalyzeBody,
      response: { 200: Nonconformity, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const nc = await analyzeNonconformity(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(nc.version)).send(nc)
    },
  })

  app.post('/nonconformities/:id/plan', {
    preValidation: optionalBody,
    schema: {
      summary: 'Confirm the plan: needs a complete root cause and at least one corrective action; → action_planned',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: PlanBody,
      response: { 200: Nonconformity, ...problems(404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const nc = await planNonconformity(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(nc.version)).send(nc)
    },
  })

  app.post('/nonconformities/:id/start', {
    preValidation: optionalBody,
    schema: {
      summary: 'Start work on the actions; → in_progress',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: EmptyBody,
      response: { 200: Nonconformity, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const nc = await startNonconformity(app.db, request.actor, request.params.id, ifMatch(request.headers), app.env())
      return reply.header('ETag', etag(nc.version)).send(nc)
    },
  })

  app.post('/nonconformities/:id/submit-verification', {
    preValidation: optionalBody,
    schema: {
      summary: 'Send for the effectiveness check: every action must be done; → pending_verification',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: EmptyBody,
      response: { 200: Nonconformity, ...problems(404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const nc = await submitForVerification(app.db, request.actor, request.params.id, ifMatch(request.headers), app.env())
      return reply.header('ETag', etag(nc.version)).send(nc)
    },
  })

  app.post('/nonconformities/:id/verify', {
    schema: {
      summary: 'Record the effectiveness check (an auditor or manager who owns no action of the NC); effective → verified, not effective → in_progress',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: VerifyBody,
      response: { 200: Nonconformity, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const nc = await verifyNonconformity(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(nc.version)).send(nc)
    },
  })

  app.post('/nonconformities/:id/close', {
    preValidation: optionalBody,
    schema: {
      summary: 'Close a verified nonconformity (head of its unit or manager, not the verifier); → closed',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: CloseBody,
      response: { 200: Nonconformity, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const nc = await closeNonconformity(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(nc.version)).send(nc)
    },
  })

  app.post('/nonconformities/:id/cancel', {
    schema: {
      summary: 'Cancel an open nonconformity with a reason (auditor, manager or whoever raised it); → cancelled',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: CancelBody,
      response: { 200: Nonconformity, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const nc = await cancelNonconformity(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(nc.version)).send(nc)
    },
  })
}
export default nonconformityRoutes
