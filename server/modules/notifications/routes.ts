import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParams, problems } from '../../lib/schemas.ts'
import { Notification, NotificationPage, NotificationQuery, ReadAllResult, UnreadCount } from './schemas.ts'
import { countUnread, listNotifications, markAllRead, markRead } from './service.ts'

const tags = ['notifications']

const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/notifications', {
    schema: {
      summary: 'My notifications, unread first (newest first within each)',
      tags,
      querystring: NotificationQuery,
      response: { 200: NotificationPage },
    },
    handler: (request) => listNotifications(app.db, request.actor, request.query),
  })

  app.get('/notifications/unread-count', {
    schema: { summary: 'How many of my notifications are unread (for the bell)', tags, response: { 200: UnreadCount } },
    handler: (request) => countUnread(app.db, request.actor),
  })

  app.post('/notifications/:id/read', {
    schema: {
      summary: 'Mark one of my notifications read (idempotent, no If-Match needed)',
      tags,
      params: IdParams,
      response: { 200: Notification, ...problems(404) },
    },
    handler: (request) => markRead(app.db, request.actor, request.params.id, app.env()),
  })

  app.post('/notifications/read-all', {
    schema: { summary: 'Mark all my notifications read', tags, response: { 200: ReadAllResult } },
    handler: (request) => markAllRead(app.db, request.actor, app.env()),
  })
}
export default notificationRoutes
