import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import {
  ChecklistTemplate,
  ChecklistTemplatePage,
  ChecklistTemplateQuery,
  CreateChecklistTemplate,
  RevisionQuery,
  UpdateChecklistTemplate,
} from './schemas.ts'
import { createChecklistTemplate, getChecklistTemplate, listChecklistTemplates, updateChecklistTemplate } from './service.ts'

const tags = ['checklist-templates']

const checklistTemplateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/checklist-templates', {
    schema: {
      summary: 'List checklist templates, each with the items of its current revision',
      tags,
      querystring: ChecklistTemplateQuery,
      response: { 200: ChecklistTemplatePage },
    },
    handler: (request) => listChecklistTemplates(app.db, request.actor, request.query),
  })

  app.post('/checklist-templates', {
    schema: {
      summary: 'Create a checklist template (auditor, manager)',
      description: 'Item ids may be given (letters, digits, `._-`) or are generated; they stay the same across revisions.',
      tags,
      body: CreateChecklistTemplate,
      response: { 201: ChecklistTemplate },
    },
    handler: async (request, reply) => {
      const template = await createChecklistTemplate(app.db, request.actor, request.body)
      return reply.code(201).header('Location', `/api/checklist-templates/${template.id}`).header('ETag', etag(template.version)).send(template)
    },
  })

  app.get('/checklist-templates/:id', {
    schema: {
      summary: 'Get a checklist template: its current revision, or `?revision=N`',
      tags,
      params: IdParams,
      querystring: RevisionQuery,
      response: { 200: ChecklistTemplate, ...problems(404) },
    },
    handler: async (request, reply) => {
      const template = await getChecklistTemplate(app.db, request.actor, request.params.id, request.query.revision)
      return reply.header('ETag', etag(template.version)).send(template)
    },
  })

  app.patch('/checklist-templates/:id', {
    schema: {
      summary: 'Change a checklist template (auditor, manager)',
      description:
        'New `items` replace the items of the current revision while no inspection uses it; once one does, they become a new revision and existing inspections keep theirs. `active: false` retires the template.',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateChecklistTemplate,
      response: { 200: ChecklistTemplate, ...problems(404, 412, 428) },
    },
    handler: async (request, reply) => {
      const template = await updateChecklistTemplate(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(template.version)).send(template)
    },
  })
}
export default checklistTemplateRoutes
