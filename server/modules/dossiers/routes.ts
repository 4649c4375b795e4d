import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { etag, ifMatch } from '../../lib/concurrency.ts'
import { IdParams, IfMatchHeaders, problems } from '../../lib/schemas.ts'
import { languageOf } from '../../lib/problem-messages.ts'
import { invalidField } from '../../lib/problems.ts'
import { MIME, multipartBody, readUpload } from '../../lib/uploads.ts'
import { dossierStats } from './dossier-stats.ts'
import { renderReceipt } from './receipt.ts'
import type { ImportUpload } from './dossier-import.ts'
import { getImport, jobIn, listImports, MAX_WAITING_PER_USER, problemOf, submitImport } from './import-jobs.ts'
import {
  CreateDossier,
  Dossier,
  DossierEventList,
  DossierPage,
  DossierQuery,
  DossierStats,
  ImportJob,
  ImportJobPage,
  ImportJobQuery,
  ImportProblem,
  ImportReport,
  StatsExportQuery,
  StatsQuery,
  TransitionBody,
  TransitionParams,
  UpdateDossier,
} from './schemas.ts'
import { createDossier, getDossier, listDossierEvents, listDossiers, transitionDossier, updateDossier } from './service.ts'
import { exportStats } from './stats-export.ts'
import { Nonconformity, RaiseNonconformity } from '../nonconformities/schemas.ts'
import { raiseNcFromDossier } from './raise-nc.ts'

const tags = ['dossiers']

/** The import form: the file (CSV or XLSX, at most `maxBytes`), `dryRun` and `receivingUnitId`. */
async function readImportUpload(request: FastifyRequest, maxBytes: number): Promise<ImportUpload> {
  const { file, fields } = await readUpload(request, { allowed: [MIME.csv, MIME.xlsx], maxBytes })
  const dryRun = (fields.dryRun ?? 'false').toLowerCase()
  if (!['true', 'false', '1', '0', ''].includes(dryRun)) throw invalidField('dryRun', 'field.not-boolean')
  const receivingUnitId = fields.receivingUnitId?.trim() || undefined
  if (receivingUnitId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(receivingUnitId)) {
    throw invalidField('receivingUnitId', 'field.not-unit-id')
  }
  return { file, dryRun: dryRun === 'true' || dryRun === '1', receivingUnitId }
}

/** The import form's fields besides the file, the same for the synchronous and the background import. */
const ImportForm = multipartBody({
  dryRun: Type.Optional(Type.String({ enum: ['true', 'false'], description: 'true: check only, write nothing' })),
  receivingUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'The unit that received the dossiers (default: yours)' })),
})

const dossierRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/dossiers', {
    schema: {
      summary: 'List dossiers, newest received first',
      description: '`from`/`to` filter the receipt date in the agency time zone; `orgUnitId` includes the units below it.',
      tags,
      querystring: DossierQuery,
      response: { 200: DossierPage },
    },
    handler: (request) => listDossiers(app.db, request.actor, request.query, app.env()),
  })

  app.post('/dossiers', {
    schema: {
      summary: 'Record a dossier received at the one-stop shop',
      description: 'dueAt is computed from the procedure\'s working days on the holiday calendar (docs/dossiers.md); a given dueAt overrides it and needs dueAtReason.',
      tags,
      body: CreateDossier,
      response: { 201: Dossier, ...problems(409) },
    },
    handler: async (request, reply) => {
      const dossier = await createDossier(app.db, request.actor, request.body, app.env())
      return reply.code(201).header('Location', `/api/dossiers/${dossier.id}`).header('ETag', etag(dossier.version)).send(dossier)
    },
  })

  app.get('/dossiers/stats', {
    config: { queryClass: 'report' },
    schema: {
      summary: 'The one-stop-shop statistics table for a period',
      description:
        'Per group and in total: received (carried over + online + in person + postal), resolved (early + on time + late), in progress at the end of the period (not yet due + overdue, as of that date), returned or withdrawn, and the on-time rate; plus procedures by online level and mode in force on `to`, and complaints received.',
      tags,
      querystring: StatsQuery,
      response: { 200: DossierStats },
    },
    handler: (request) => dossierStats(app.reportDb, request.actor, request.query, app.env()),
  })

  app.get('/dossiers/stats/export', {
    config: { queryClass: 'report' },
    schema: {
      summary: 'The statistics table as CSV or XLSX, with the two-level headings',
      tags,
      querystring: StatsExportQuery,
      response: {
        200: {
          description: 'The file (text/csv or XLSX)',
          content: {
            'text/csv': { schema: Type.String() },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: Type.String({ format: 'binary' }) },
          },
        },
      },
    },
    handler: async (request, reply) => {
      const { query } = request
      const stats = await dossierStats(app.reportDb, request.actor, query, app.env())
      const file = await exportStats(stats, query.format, query.lang ?? 'vi')
      return reply.header('Content-Type', file.contentType).header('Content-Disposition', `attachment; filename="${file.filename}"`).send(file.body as unknown as string)
    },
  })

  app.post('/dossiers/import', {
    config: { queryClass: 'unbounded' },
    schema: {
      summary: 'Import dossiers from a one-stop-shop export (CSV or XLSX)',
      description:
        'Columns and accepted Vietnamese headings: docs/dossiers.md. Idempotent by dossier code (a re-import updates, never duplicates); all or nothing per file. Form field `dryRun=true` checks the file and returns the report without writing. Errors: 422 with `rowErrors` (row, column, message); 422 `import-too-many-rows` past QMS_IMPORT_MAX_ROWS and 413 `import-too-large` past QMS_IMPORT_MAX_UNCOMPRESSED_BYTES, both with `limit` and `setting`.',
      tags,
      consumes: ['multipart/form-data'],
      body: ImportForm,
      response: {
        200: ImportReport,
        413: { description: 'The file is larger than QMS_IMPORT_MAX_BYTES, or than QMS_IMPORT_MAX_UNCOMPRESSED_BYTES once unzipped', content: { 'application/problem+json': { schema: ImportProblem } } },
        422: { description: 'The file has errors, or more rows than QMS_IMPORT_MAX_ROWS; nothing was written', content: { 'application/problem+json': { schema: ImportProblem } } },
        ...problems(415, 429),
      },
    },
    handler: async (request) => {
      const upload = await readImportUpload(request, app.config.importMaxBytes)
      // The same queue as the background import (one heavy import per instance at a time); this route waits for it.
      const job = await submitImport(app.db, request.actor, upload)
      app.imports.kick()
      await app.imports.waitFor(job.id)
      const done = jobIn(await getImport(app.db, request.actor, job.id), languageOf(request.headers['accept-language']))
      if (done.status !== 'done' || !done.report) throw problemOf(done)
      return done.report
    },
  })

  app.post('/dossiers/imports', {
    schema: {
      summary: 'Start a dossier import in the background (CSV or XLSX)',
      description:
        'The same file and fields as POST /dossiers/import, answered at once with 202 and the job (Location: its URL). Follow it with GET /dossiers/imports/{id}: status queued → running (phase and progress) → done (report) or failed (problem, as the synchronous import would answer it). One import runs at a time per server; the others wait in the queue (queuePosition). A job cut short by a stopped server is taken up again (the import is all or nothing and idempotent by dossier code). 429 `import-queue-full` when you already have ' +
        `${MAX_WAITING_PER_USER} imports waiting.`,
      tags,
      consumes: ['multipart/form-data'],
      body: ImportForm,
      response: {
        202: ImportJob,
        413: { description: 'The file is larger than QMS_IMPORT_MAX_BYTES', content: { 'application/problem+json': { schema: ImportProblem } } },
        ...problems(415, 429),
      },
    },
    handler: async (request, reply) => {
      const upload = await readImportUpload(request, app.config.importMaxBytes)
      const job = await submitImport(app.db, request.actor, upload)
      app.imports.kick()
      return reply.code(202).header('Location', `/api/dossiers/imports/${job.id}`).send(job)
    },
  })

  app.get('/dossiers/imports', {
    schema: {
      summary: 'My dossier imports, newest first (admins and managers: everyone\'s)',
      tags,
      querystring: ImportJobQuery,
      response: { 200: ImportJobPage },
    },
    handler: async (request) => {
      const page = await listImports(app.db, request.actor, request.query)
      const lang = languageOf(request.headers['accept-language'])
      return { ...page, items: page.items.map((job) => jobIn(job, lang)) }
    },
  })

  app.get('/dossiers/imports/:id', {
    schema: {
      summary: 'A dossier import: status, progress and, once ended, its report or problem',
      description: 'Readable by the person who submitted it, admins and managers (404 for anyone else).',
      tags,
      params: IdParams,
      response: { 200: ImportJob, ...problems(404) },
    },
    handler: async (request) => jobIn(await getImport(app.db, request.actor, request.params.id), languageOf(request.headers['accept-language'])),
  })

  app.get('/dossiers/:id', {
    schema: { summary: 'Get a dossier', tags, params: IdParams, response: { 200: Dossier, ...problems(404) } },
    handler: async (request, reply) => {
      const dossier = await getDossier(app.db, request.actor, request.params.id, app.env())
      return reply.header('ETag', etag(dossier.version)).send(dossier)
    },
  })

  app.get('/dossiers/:id/receipt', {
    schema: {
      summary: 'The receipt and appointment slip (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) to print at the desk, as an A4 PDF',
      description: 'Mẫu số 01 of Thông tư 01/2018/TT-VPCP in the layout of Nghị định 30/2020/NĐ-CP: the applicant (name, CCCD/CMND, address, phone), the procedure, the papers handed in, when it was received and when the result is due, both signatures. It holds personal data: only those who may record the dossier get it (403 otherwise).',
      tags,
      params: IdParams,
      response: {
        200: { description: 'The slip', content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } } },
        ...problems(403, 404),
      },
    },
    handler: async (request, reply) => {
      const { code, pdf } = await renderReceipt(app.db, request.actor, request.params.id, app.env())
      return reply.type('application/pdf').header('Content-Disposition', `inline; filename="giay-tiep-nhan-${code}.pdf"`).send(pdf as unknown as string)
    },
  })

  app.post('/dossiers/:id/raise-nc', {
    schema: {
      summary: 'Raise a nonconformity from a dossier that is overdue or was resolved late (source late_dossier)',
      description: 'The dossier is not changed (no If-Match). One dossier has at most one nonconformity that is not cancelled (409 otherwise).',
      tags,
      params: IdParams,
      body: RaiseNonconformity,
      response: { 201: Nonconformity, ...problems(404, 409) },
    },
    handler: async (request, reply) => {
      const nc = await raiseNcFromDossier(app.db, request.actor, request.params.id, request.body, app.env())
      return reply.code(201).header('Location', `/api/nonconformities/${nc.id}`).header('ETag', etag(nc.version)).send(nc)
    },
  })

  app.get('/dossiers/:id/events', {
    schema: { summary: 'The timeline of a dossier: every state change, when it happened and who recorded it', tags, params: IdParams, response: { 200: DossierEventList, ...problems(404) } },
    handler: (request) => listDossierEvents(app.db, request.actor, request.params.id),
  })

  app.patch('/dossiers/:id', {
    schema: {
      summary: 'Change a dossier: applicant, channel, note, or the due date (with a reason)',
      tags,
      params: IdParams,
      headers: IfMatchHeaders,
      body: UpdateDossier,
      response: { 200: Dossier, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const dossier = await updateDossier(app.db, request.actor, request.params.id, ifMatch(request.headers), request.body, app.env())
      return reply.header('ETag', etag(dossier.version)).send(dossier)
    },
  })

  app.post('/dossiers/:id/:action', {
    schema: {
      summary: 'Move a dossier on: start-processing, request-supplement { reason }, supplement-received, resolve, return-result, reject { reason }, withdraw',
      description:
        '`at` records when it happened (default now; never in the future nor before the previous step). A supplement request stops the clock; when the supplement arrives the due date moves by the paused working days. Resolving sets timeliness.',
      tags,
      params: TransitionParams,
      headers: IfMatchHeaders,
      body: TransitionBody,
      response: { 200: Dossier, ...problems(404, 409, 412, 428) },
    },
    handler: async (request, reply) => {
      const { id, action } = request.params
      const dossier = await transitionDossier(app.db, request.actor, id, action, ifMatch(request.headers), request.body ?? {}, app.env())
      return reply.header('ETag', etag(dossier.version)).send(dossier)
    },
  })
}
export default dossierRoutes
