import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { Nonconformity } from '../nonconformities/schemas.ts'
import { createPlanArea, listPlanAreas, updatePlanArea } from './areas.ts'
import { raiseNcFromTask } from './raise-nc.ts'
import { createRemediationTasks } from './remediation.ts'
import {
  AllPlanTaskQuery,
  CreatePlan,
  CreatePlanArea,
  CreatePlanTask,
  CreateRemediationTasks,
  PlanArea,
  PlanAreaList,
  PlanDetail,
  PlanPage,
  PlanQuery,
  PlanSummary,
  PlanTaskDetail,
  PlanTaskPage,
  PlanTaskList,
  PlanTaskIdParams,
  PlanTaskParams,
  PlanTaskQuery,
  RaiseNcFromTask,
  ReportProgress,
  SummaryQuery,
  UpdatePlan,
  UpdatePlanArea,
  UpdatePlanTask,
} from './schemas.ts'
import { createPlan, getPlan, listPlans, updatePlan } from './service.ts'
import { planSummary } from './summary.ts'
import { createPlanTask, getPlanTask, getPlanTaskById, listAllPlanTasks, listPlanTasks, reportTaskProgress, updatePlanTask } from './tasks.ts'

const tags = ['plans']

const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/plan-areas', {
    schema: { summary: 'The reform areas tasks are grouped by, in their order (retired ones too, marked inactive)', tags, response: { 200: PlanAreaList } },
    handler: (request) => listPlanAreas(app.db, request.actor),
  })

  app.post('/plan-areas', {
    schema: { summary: 'Add a reform area (manager or admin)', tags, body: CreatePlanArea, response: { 201: PlanArea, ...problems(403, 409) } },
    handler: async (request, reply) => {
      const area = await createPlanArea(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('ETag', etag(area.version)).send(area)
    },
  })

  app.patch('/plan-areas/:id', {
    schema: {
      summary: 'Rename, reorder or retire a reform area (a retired area takes no new task; its tasks keep it)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdatePlanArea,
      response: { 200: PlanArea, ...problems(403, 404, 412, 428) },
    },
    handler: async (request, reply) => {
      const area = await updatePlanArea(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(area.version)).send(area)
    },
  })

  app.get('/plans', {
    schema: { summary: 'Plans, newest year first, each with today’s task counts', tags, querystring: PlanQuery, response: { 200: PlanPage } },
    handler: (request) => listPlans(app.db, request.actor, request.query, app.env()),
  })

  app.post('/plans', {
    schema: { summary: 'Record a plan (manager); it starts as a draft', tags, body: CreatePlan, response: { 201: PlanDetail, ...problems(403, 409, 422) } },
    handler: async (request, reply) => {
      const plan = await createPlan(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/plans/${plan.id}`).header('ETag', etag(plan.version)).send(plan)
    },
  })

  app.get('/plans/:id', {
    schema: { summary: 'A plan with its task counts, in all and by reform area', tags, params: IdParams, response: { 200: PlanDetail, ...problems(404) } },
    handler: async (request, reply) => {
      const plan = await getPlan(app.db, request.actor, request.params.id, app.env())
      return reply.header('ETag', etag(plan.version)).send(plan)
    },
  })

  app.patch('/plans/:id', {
    schema: {
      summary: 'Change a plan, or move it: approve (draft → approved), close, reopen (manager). Approving tells the heads of the units that lead its tasks.',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdatePlan,
      response: { 200: PlanDetail, ...problems(403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const plan = await updatePlan(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(plan.version)).send(plan)
    },
  })

  app.get('/plans/:id/summary', {
    schema: {
      summary: 'The plan’s figures on a date (default today): tasks by reform area and status as they stood, and the tasks still open (for the next period)',
      tags,
      params: IdParams,
      querystring: SummaryQuery,
      response: { 200: PlanSummary, ...problems(404) },
    },
    handler: (request) => planSummary(app.db, request.actor, request.params.id, request.query.date, app.env()),
  })

  app.get('/plans/:id/tasks', {
    schema: { summary: 'The tasks of a plan the caller sees, in the plan’s order', tags, params: IdParams, querystring: PlanTaskQuery, response: { 200: PlanTaskPage, ...problems(404) } },
    handler: (request) => listPlanTasks(app.db, request.actor, request.params.id, request.query, app.env()),
  })

  app.post('/plans/:id/tasks', {
    schema: {
      summary: 'Add a task to a draft or approved plan (manager); its source may be a nonconformity, an off-target objective period or a PAR criterion',
      tags,
      params: IdParams,
      body: CreatePlanTask,
      response: { 201: PlanTaskDetail, ...problems(403, 404, 409, 422) },
    },
    handler: async (request, reply) => {
      const task = await createPlanTask(app.db, request.actor, request.params.id, request.body, app.env())
      return reply.code(201).header('Location', `/api/plans/${task.planId}/tasks/${task.id}`).header('ETag', etag(task.version)).send(task)
    },
  })

  app.post('/plans/:id/remediation-tasks', {
    schema: {
      summary: 'Take up criteria that lost points in a PAR self-assessment: one task per criterion (source par_criterion), all or none (manager); a criterion with a live task in the plan is refused',
      tags,
      params: IdParams,
      body: CreateRemediationTasks,
      response: { 201: PlanTaskList, ...problems(403, 404, 409, 422) },
    },
    handler: async (request, reply) => reply.code(201).send(await createRemediationTasks(app.db, request.actor, request.params.id, request.body, app.env())),
  })

  app.get('/plans/:id/tasks/:taskId', {
    schema: { summary: 'A task with its progress notes (newest first), their evidence, and the nonconformities raised from it', tags, params: PlanTaskParams, response: { 200: PlanTaskDetail, ...problems(403, 404) } },
    handler: async (request, reply) => {
      const task = await getPlanTask(app.db, request.actor, request.params.id, request.params.taskId, app.env())
      return reply.header('ETag', etag(task.version)).send(task)
    },
  })

  app.patch('/plans/:id/tasks/:taskId', {
    schema: {
      summary: 'Change what a task is: area, content, output, units, deadline (manager); its status moves by progress updates',
      tags,
      params: PlanTaskParams,
      headers: IfMatchHeaders,
      body: UpdatePlanTask,
      response: { 200: PlanTaskDetail, ...problems(403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const task = await updatePlanTask(app.db, request.actor, request.params.id, request.params.taskId, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(task.version)).send(task)
    },
  })

  app.post('/plans/:id/tasks/:taskId/progress', {
    schema: {
      summary: 'Report progress on a task of an approved plan (head of its lead unit, or manager): a note for the period, evidence, and optionally a new status (done after the deadline is done late)',
      tags,
      params: PlanTaskParams,
      headers: IfMatchHeaders,
      body: ReportProgress,
      response: { 201: PlanTaskDetail, ...problems(400, 403, 404, 409, 412, 422, 428) },
    },
    handler: async (request, reply) => {
      const task = await reportTaskProgress(app.db, request.actor, request.params.id, request.params.taskId, ifMatch(request.headers), request.body, app.env())
      return reply.code(201).header('ETag', etag(task.version)).send(task)
    },
  })

  app.post('/plans/:id/tasks/:taskId/nonconformity', {
    schema: {
      summary: 'Raise a nonconformity from a task (source plan_task, in its lead unit); one live NC per task',
      tags,
      params: PlanTaskParams,
      body: RaiseNcFromTask,
      response: { 201: Nonconformity, ...problems(403, 404, 409, 422) },
    },
    handler: async (request, reply) => {
      const nc = await raiseNcFromTask(app.db, request.actor, request.params, request.body, app.env())
      return reply.code(201).header('Location', `/api/nonconformities/${nc.id}`).header('ETag', etag(nc.version)).send(nc)
    },
  })

  app.get('/plan-tasks/:taskId', {
    schema: {
      summary: 'A task by its id alone, as GET /api/plans/{id}/tasks/{taskId} gives it (for links from records that know only the task)',
      tags,
      params: PlanTaskIdParams,
      response: { 200: PlanTaskDetail, ...problems(403, 404) },
    },
    handler: async (request, reply) => {
      const task = await getPlanTaskById(app.db, request.actor, request.params.taskId, app.env())
      return reply.header('ETag', etag(task.version)).send(task)
    },
  })

  app.get('/plan-tasks', {
    schema: {
      summary: 'Tasks across plans the caller sees, by deadline; filter by plan, year, area, status, unit (with its subtree) and overdue',
      tags,
      querystring: AllPlanTaskQuery,
      response: { 200: PlanTaskPage },
    },
    handler: (request) => listAllPlanTasks(app.db, request.actor, request.query, app.env()),
  })
}
export default planRoutes
