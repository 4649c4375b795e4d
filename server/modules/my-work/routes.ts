import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problems } from '../../lib/schemas.ts'
import { MyWork, MyWorkQuery } from './schemas.ts'
import { myWork } from './service.ts'

const tags = ['my-work']

const myWorkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/my-work', {
    schema: {
      summary: 'What waits for me ("Việc của tôi"): revisions to review or approve, my inspections, NC steps, my actions, dossiers near or past due; counted and sorted by urgency',
      tags,
      querystring: MyWorkQuery,
      response: { 200: MyWork, ...problems(400) },
    },
    handler: (request) => myWork(app.db, request.actor, request.query, app.env()),
  })
}
export default myWorkRoutes
