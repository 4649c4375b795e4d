import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { CreateUser, UpdateUser, User, UserPage, UserQuery } from './schemas.ts'
import { createUser, getUser, listUsers, updateUser } from './service.ts'

const tags = ['users']

const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/users', {
    schema: {
      summary: 'List users (including people who only get inspected)',
      description: '`orgUnitId` includes the units below it.',
      tags,
      querystring: UserQuery,
      response: { 200: UserPage },
    },
    handler: (request) => listUsers(app.db, request.actor, request.query),
  })

  app.post('/users', {
    schema: {
      summary: 'Create a user (admin); without a password the user cannot sign in',
      tags,
      body: CreateUser,
      response: { 201: User, ...problems(409) },
    },
    handler: async (request, reply) => {
      const user = await createUser(app.db, request.actor, request.body)
      return reply.code(201).header('Location', `/api/users/${user.id}`).header('ETag', etag(user.version)).send(user)
    },
  })

  app.get('/users/:id', {
    schema: { summary: 'Get a user', tags, params: IdParams, response: { 200: User, ...problems(404) } },
    handler: async (request, reply) => {
      const user = await getUser(app.db, request.actor, request.params.id)
      return reply.header('ETag', etag(user.version)).send(user)
    },
  })

  app.patch('/users/:id', {
    schema: {
      summary: 'Change a user (admin); `active: false` deactivates, `password: null` removes sign-in',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateUser,
      response: { 200: User, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const user = await updateUser(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(user.version)).send(user)
    },
  })
}
export default userRoutes
