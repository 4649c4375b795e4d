import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { buildMinutes, renderMinutesHtml, renderMinutesPdf } from './minutes.ts'
import {
  CompleteDecision,
  CreateDecision,
  CreateReview,
  DecisionParams,
  ManagementReviewDetail,
  MinutesQuery,
  ReviewDecision,
  ReviewPage,
  ReviewQuery,
  UpdateDecision,
  UpdateReview,
} from './schemas.ts'
import { addDecision, approveReview, completeDecision, createReview, getReview, holdReview, listReviews, updateDecision, updateReview } from './service.ts'

const tags = ['management-reviews']

const managementReviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/management-reviews', {
    schema: { summary: 'Management reviews (ISO 9001 clause 9.3) the caller may read, latest meeting first', tags, querystring: ReviewQuery, response: { 200: ReviewPage } },
    handler: (request) => listReviews(app.db, request.actor, request.query),
  })

  app.post('/management-reviews', {
    schema: {
      summary: 'Prepare a management review of a unit’s subtree over a period (managers)',
      tags,
      body: CreateReview,
      response: { 201: ManagementReviewDetail, ...problems(403, 422) },
    },
    handler: async (request, reply) => {
      const review = await createReview(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/management-reviews/${review.id}`).header('ETag', etag(review.version)).send(review)
    },
  })

  app.get('/management-reviews/:id', {
    config: { queryClass: 'report' },
    schema: {
      summary: 'A review with its attendees, its inputs (9.3.2: frozen once held, as of now for a draft) and its decisions',
      tags,
      params: IdParams,
      response: { 200: ManagementReviewDetail, ...problems(403, 404) },
    },
    handler: async (request, reply) => {
      const review = await getReview(app.db, request.actor, request.params.id, app.env())
      return reply.header('ETag', etag(review.version)).send(review)
    },
  })

  app.patch('/management-reviews/:id', {
    schema: {
      summary: 'Change a review (the period and unit only while it is a draft; nothing once approved)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateReview,
      response: { 200: ManagementReviewDetail, ...problems(403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const review = await updateReview(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(review.version)).send(review)
    },
  })

  app.post('/management-reviews/:id/hold', {
    schema: {
      summary: 'Record that the meeting was held: its inputs are computed now and frozen into the review (managers; not before the meeting day)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      response: { 200: ManagementReviewDetail, ...problems(400, 403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const review = await holdReview(app.db, request.actor, request.params.id, ifMatch(request.headers), app.env())
      return reply.header('ETag', etag(review.version)).send(review)
    },
  })

  app.post('/management-reviews/:id/approve', {
    schema: {
      summary: 'Approve the minutes (the chair only); the review is read-only afterwards, its actions are still completed',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      response: { 200: ManagementReviewDetail, ...problems(403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const review = await approveReview(app.db, request.actor, request.params.id, ifMatch(request.headers), app.env())
      return reply.header('ETag', etag(review.version)).send(review)
    },
  })

  app.post('/management-reviews/:id/decisions', {
    schema: {
      summary: 'Record a decision of a held review (9.3.3); with an owner and a due date it is an action',
      tags,
      params: IdParams,
      body: CreateDecision,
      response: { 201: ReviewDecision, ...problems(403, 404, 409, 422) },
    },
    handler: async (request, reply) => {
      const decision = await addDecision(app.db, request.actor, request.params.id, request.body, app.env())
      return reply.code(201).header('ETag', etag(decision.version)).send(decision)
    },
  })

  app.patch('/management-reviews/:id/decisions/:decisionId', {
    schema: {
      summary: 'Change a decision while the minutes are not approved',
      tags,
      params: DecisionParams,
      headers: IfMatchHeaders,
      body: UpdateDecision,
      response: { 200: ReviewDecision, ...problems(403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const decision = await updateDecision(app.db, request.actor, request.params.id, request.params.decisionId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(decision.version)).send(decision)
    },
  })

  app.post('/management-reviews/:id/decisions/:decisionId/complete', {
    schema: {
      summary: 'Complete a decision’s action with what was done (its owner, or a manager on the owner’s behalf)',
      tags,
      params: DecisionParams,
      headers: IfMatchHeaders,
      body: CompleteDecision,
      response: { 200: ReviewDecision, ...problems(403, 404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const decision = await completeDecision(app.db, request.actor, request.params.id, request.params.decisionId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(decision.version)).send(decision)
    },
  })

  app.get('/management-reviews/:id/minutes', {
    config: { queryClass: 'report' },
    schema: {
      summary: 'The minutes (Biên bản họp xem xét của lãnh đạo) of a held review, in Vietnamese: printable HTML or an A4 PDF',
      description: 'The layout of Nghị định 30/2020/NĐ-CP; the inputs as frozen when the review was held; marked DỰ THẢO until the chair approves.',
      tags,
      params: IdParams,
      querystring: MinutesQuery,
      response: {
        200: {
          description: 'The minutes',
          content: { 'text/html': { schema: Type.String() }, 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
        },
        ...problems(403, 404, 409),
      },
    },
    handler: async (request, reply) => {
      const minutes = await buildMinutes(app.db, request.actor, request.params.id, app.env())
      reply.header('Cache-Control', 'private, no-cache')
      if (request.query.format === 'pdf') {
        const pdf = await renderMinutesPdf(minutes)
        return reply.type('application/pdf').header('Content-Disposition', `inline; filename="bien-ban-xem-xet-${minutes.code.replace(/[^0-9A-Za-z-]+/g, '')}.pdf"`).send(pdf as unknown as string)
      }
      return reply.type('text/html; charset=utf-8').send(renderMinutesHtml(minutes))
    },
  })
}
export default managementReviewRoutes
