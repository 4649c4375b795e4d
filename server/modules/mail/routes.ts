import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { MailPreferences, OutboxPage, OutboxQuery, UpdateMailPreferences } from './schemas.ts'
import { getMailPreferences, listOutbox, updateMailPreferences } from './service.ts'

const tags = ['mail']

const mailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/me/mail-preferences', {
    schema: {
      summary: 'Which notifications I get by e-mail: at once, in the daily digest, or not at all',
      tags,
      response: { 200: MailPreferences, ...problems(403) },
    },
    handler: async (request, reply) => {
      const prefs = await getMailPreferences(app.db, request.actor, app.env())
      return reply.header('ETag', etag(prefs.version)).send(prefs)
    },
  })

  app.put('/me/mail-preferences', {
    schema: {
      summary: 'Change my mail preferences (If-Match: the version read)',
      tags,
      headers: IfMatchHeaders,
      body: UpdateMailPreferences,
      response: { 200: MailPreferences, ...problems(400, 403, 412, 428) },
    },
    handler: async (request, reply) => {
      const prefs = await updateMailPreferences(app.db, request.actor, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(prefs.version)).send(prefs)
    },
  })

  app.get('/mail/outbox', {
    schema: {
      summary: 'Every mail the app sent or will send, newest first, with its status and last error (administrators)',
      tags,
      querystring: OutboxQuery,
      response: { 200: OutboxPage, ...problems(400, 403) },
    },
    handler: (request) => listOutbox(app.db, request.actor, request.query, app.env()),
  })
}
export default mailRoutes
