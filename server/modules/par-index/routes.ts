import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { MIME, readUpload } from '../../lib/uploads.ts'
import {
  Appraisal,
  CreateParAssessment,
  ImportCriteriaSet,
  ParAssessmentDetail,
  ParAssessmentPage,
  ParAssessmentQuery,
  ParCriteriaSetDetail,
  ParCriteriaSetPage,
  ParCriteriaSetQuery,
  Remediation,
  ScoreParams,
  SelfScore,
} from './schemas.ts'
import {
  appraiseAssessment,
  createAssessment,
  getAssessment,
  getCriteriaSet,
  importCriteriaSet,
  listAssessments,
  listCriteriaSets,
  remediationCandidates,
  reopenAssessment,
  scoreCriterion,
  submitAssessment,
} from './service.ts'

const tags = ['par-index']
const EmptyBody = Type.Object({}, { additionalProperties: false })
/** A criteria file is small: a few hundred rows. */
const MAX_FILE_BYTES = 2 * 1024 * 1024

const parIndexRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/par-index/criteria-sets', {
    schema: { summary: 'PAR index criteria sets, newest year first', tags, querystring: ParCriteriaSetQuery, response: { 200: ParCriteriaSetPage } },
    handler: (request) => listCriteriaSets(app.db, request.actor, request.query),
  })

  app.post('/par-index/criteria-sets', {
    schema: {
      summary: 'Load a criteria set from the province’s file (XLSX or JSON; managers), all or nothing',
      description:
        'Columns and headings: docs/par-index.md. Codes like 1, 1.1, 1.1.2, each parent above its children; a leaf needs its maximum points, a parent’s (if given) must be the sum of its children’s. 422 `par.import-has-errors` lists every problem with its row in `errors` (path rows.<row>.<column>).',
      tags,
      consumes: ['multipart/form-data'],
      body: ImportCriteriaSet,
      response: { 201: ParCriteriaSetDetail, ...problems(403, 409, 413, 415, 422) },
    },
    handler: async (request, reply) => {
      const { file, fields } = await readUpload(request, { allowed: [MIME.xlsx, MIME.csv], maxBytes: MAX_FILE_BYTES })
      const set = await importCriteriaSet(app.db, request.actor, file, fields, app.env())
      return reply.code(201).header('Location', `/api/par-index/criteria-sets/${set.id}`).header('ETag', etag(set.version)).send(set)
    },
  })

  app.get('/par-index/criteria-sets/:id', {
    schema: { summary: 'A criteria set with its tree', tags, params: IdParams, response: { 200: ParCriteriaSetDetail, ...problems(404) } },
    handler: async (request, reply) => {
      const set = await getCriteriaSet(app.db, request.actor, request.params.id)
      return reply.header('ETag', etag(set.version)).send(set)
    },
  })

  app.get('/par-index/assessments', {
    schema: { summary: 'The self-assessments, newest year first, with their totals', tags, querystring: ParAssessmentQuery, response: { 200: ParAssessmentPage } },
    handler: (request) => listAssessments(app.db, request.actor, request.query),
  })

  app.post('/par-index/assessments', {
    schema: {
      summary: 'Start the self-assessment of a year against a criteria set (one per year)',
      tags,
      body: CreateParAssessment,
      response: { 201: ParAssessmentDetail, ...problems(403, 409, 422) },
    },
    handler: async (request, reply) => {
      const a = await createAssessment(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/par-index/assessments/${a.id}`).header('ETag', etag(a.version)).send(a)
    },
  })

  app.get('/par-index/assessments/:id', {
    config: { queryClass: 'report' },
    schema: {
      summary: 'A self-assessment: the tree with each leaf’s scores and evidence, running totals, points lost, and our own figures for the year beside the criteria that name a data source',
      tags,
      params: IdParams,
      response: { 200: ParAssessmentDetail, ...problems(404) },
    },
    handler: async (request, reply) => {
      const a = await getAssessment(app.reportDb, request.actor, request.params.id, app.env())
      return reply.header('ETag', etag(a.version)).send(a)
    },
  })

  app.put('/par-index/assessments/:id/scores/:criterionId', {
    schema: {
      summary: 'Score a leaf with its evidence and note (draft only); points above 0 need evidence (422 naming the criterion)',
      tags,
      params: ScoreParams,
      headers: IfMatchHeaders,
      body: SelfScore,
      response: { 200: ParAssessmentDetail, ...problems(403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const a = await scoreCriterion(app.db, request.actor, request.params.id, request.params.criterionId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(a.version)).send(a)
    },
  })

  app.post('/par-index/assessments/:id/submit', {
    schema: {
      summary: 'Submit the self-assessment: every leaf scored; the self scores are frozen',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: EmptyBody,
      response: { 200: ParAssessmentDetail, ...problems(403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const a = await submitAssessment(app.db, request.actor, request.params.id, ifMatch(request.headers), app.env())
      return reply.header('ETag', etag(a.version)).send(a)
    },
  })

  app.post('/par-index/assessments/:id/reopen', {
    schema: {
      summary: 'Reopen a submitted self-assessment for corrections (managers, before the appraisal)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: EmptyBody,
      response: { 200: ParAssessmentDetail, ...problems(403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const a = await reopenAssessment(app.db, request.actor, request.params.id, ifMatch(request.headers), app.env())
      return reply.header('ETag', etag(a.version)).send(a)
    },
  })

  app.put('/par-index/assessments/:id/appraisal', {
    schema: {
      summary: 'Enter the appraised scores of some leaves (managers; once submitted)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: Appraisal,
      response: { 200: ParAssessmentDetail, ...problems(403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const a = await appraiseAssessment(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(a.version)).send(a)
    },
  })

  app.get('/par-index/assessments/:id/remediation', {
    config: { queryClass: 'report' },
    schema: {
      summary: 'Remediation candidates: the leaves that lost points (appraised, else self), most first, each with the content of a plan task',
      tags,
      params: IdParams,
      response: { 200: Remediation, ...problems(404) },
    },
    handler: (request) => remediationCandidates(app.reportDb, request.actor, request.params.id, app.env()),
  })
}
export default parIndexRoutes
