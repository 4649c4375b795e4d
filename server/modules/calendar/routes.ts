import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { CalendarDay, CalendarDayPage, CalendarDayQuery, CreateCalendarDay, UpdateCalendarDay } from './schemas.ts'
import { createCalendarDay, deleteCalendarDay, getCalendarDay, listCalendarDays, updateCalendarDay } from './service.ts'

const tags = ['calendar']

const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/calendar/holidays', {
    schema: {
      summary: 'List the working-day calendar: holidays and compensatory working days, by date',
      description: 'Monday–Friday are working days unless listed as `holiday`; a Saturday or Sunday listed as `working_day` is worked.',
      tags,
      querystring: CalendarDayQuery,
      response: { 200: CalendarDayPage },
    },
    handler: (request) => listCalendarDays(app.db, request.actor, request.query),
  })

  app.post('/calendar/holidays', {
    schema: { summary: 'Add a holiday or compensatory working day (admin)', tags, body: CreateCalendarDay, response: { 201: CalendarDay, ...problems(409) } },
    handler: async (request, reply) => {
      const day = await createCalendarDay(app.db, request.actor, request.body)
      return reply.code(201).header('Location', `/api/calendar/holidays/${day.id}`).header('ETag', etag(day.version)).send(day)
    },
  })

  app.get('/calendar/holidays/:id', {
    schema: { summary: 'Get a calendar entry', tags, params: IdParams, response: { 200: CalendarDay, ...problems(404) } },
    handler: async (request, reply) => {
      const day = await getCalendarDay(app.db, request.actor, request.params.id)
      return reply.header('ETag', etag(day.version)).send(day)
    },
  })

  app.patch('/calendar/holidays/:id', {
    schema: {
      summary: 'Change a calendar entry (admin)',
      description: 'Due dates already given to dossiers do not change: they were promised on the receipt.',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateCalendarDay,
      response: { 200: CalendarDay, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const day = await updateCalendarDay(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(day.version)).send(day)
    },
  })

  app.delete('/calendar/holidays/:id', {
    schema: {
      summary: 'Remove a calendar entry entered by mistake (admin)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      response: { 204: Type.Null({ description: 'Removed' }), ...problems(404, 412, 428) },
    },
    handler: async (request, reply) => {
      await deleteCalendarDay(app.db, request.actor, request.params.id, ifMatch(request.headers))
      return reply.code(204).send(null)
    },
  })
}
export default calendarRoutes
