/**
 * The whole application in one place: plugins first, then every domain module.
 * `buildApp` takes the database and configuration so tests can pass their own.
 */
import compress from '@fastify/compress'
import cookie from '@fastify/cookie'
import multipart from '@fastify/multipart'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { randomUUID } from 'node:crypto'
import { constants as zlib } from 'node:zlib'
import type { Db, Engine } from '../db/client.ts'
import type { Config } from './config.ts'
import { Scheduler } from './jobs/index.ts'
import { ImportQueue } from './modules/dossiers/import-jobs.ts'
import mailRoutes from './modules/mail/routes.ts'
import { MailSender } from './modules/mail/sender.ts'
import { serviceEnv, systemClock, type Clock, type ServiceEnv } from './lib/clock.ts'
import { validatorCompiler } from './lib/validation.ts'
import { serializerCompiler } from './lib/serialization.ts'
import apiTokenRoutes from './modules/api-tokens/routes.ts'
import attachmentRoutes from './modules/attachments/routes.ts'
import auditLogRoutes from './modules/audit-log/routes.ts'
import documentRoutes from './modules/documents/routes.ts'
import authRoutes from './modules/auth/routes.ts'
import actionRoutes from './modules/nonconformities/actions/routes.ts'
import checklistTemplateRoutes from './modules/checklist-templates/routes.ts'
import findingRoutes from './modules/findings/routes.ts'
import healthRoutes from './modules/health/routes.ts'
import inspectionRoutes from './modules/inspections/routes.ts'
import isoClauseRoutes from './modules/iso-clauses/routes.ts'
import nonconformityRoutes from './modules/nonconformities/routes.ts'
import notificationRoutes from './modules/notifications/routes.ts'
import orgUnitRoutes from './modules/org-units/routes.ts'
import userRoutes from './modules/users/routes.ts'
import procedureRoutes from './modules/procedures/routes.ts'
import calendarRoutes from './modules/calendar/routes.ts'
import dossierRoutes from './modules/dossiers/routes.ts'
import complaintRoutes from './modules/complaints/routes.ts'
import reportRoutes from './modules/reports/routes.ts'
import reportDraftRoutes from './modules/reports/drafts/routes.ts'
import myWorkRoutes from './modules/my-work/routes.ts'
import objectiveRoutes from './modules/objectives/routes.ts'
import riskRoutes from './modules/risks/routes.ts'
import managementReviewRoutes from './modules/management-reviews/routes.ts'
import parIndexRoutes from './modules/par-index/routes.ts'
import planRoutes from './modules/plans/routes.ts'
import auditRoutes from './modules/audits/routes.ts'
import authPlugin from './plugins/auth.ts'
import errorsPlugin from './plugins/errors.ts'
import inputRulesPlugin from './plugins/input-rules.ts'
import { clientErrorHandler } from './lib/safe-log.ts'
import idempotencyPlugin from './plugins/idempotency.ts'
import openapiPlugin from './plugins/openapi.ts'
import securityPlugin from './plugins/security.ts'
import storageGuardPlugin from './plugins/storage-guard.ts'
import stallWatchdog from './lib/stall-watchdog.ts'
import queryLimits from './plugins/query-limits.ts'
import webAppPlugin from './plugins/web-app.ts'
import { SingleFlight } from './lib/single-flight.ts'
import backupRoutes from './modules/backup/routes.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    /** For heavy reads (summaries, reports, statistics, exports): a second small pool on PostgreSQL, `db` on PGlite. */
    reportDb: Db
    dbEngine: Engine
    config: Config
    /** The current time; tests pass a clock they can move. */
    clock: Clock
    /** What services get besides the database and the actor: "now" from `clock` and the configuration (agency time zone). Call once per request. */
    env(): ServiceEnv
    /** The dossier imports this instance runs in the background, one at a time. */
    imports: ImportQueue
    /** Scheduled jobs of this instance (server/jobs). */
    scheduler: Scheduler
    /** The mail outbox's sender of this instance (runs with the scheduled jobs). */
    mail: MailSender
    /** Identical heavy reads in progress computed once (server/lib/single-flight.ts); every accepted write is noted on it. */
    flights: SingleFlight
  }
}

/** Text: JSON (problems, the OpenAPI document), CSV, HTML, JavaScript, CSS, SVG. */
const COMPRESSIBLE = /^text\/(?!event-stream)|^application\/javascript|[+/](?:json|xml)(?:;|$)/

export interface AppOptions {
  db: Db
  /** Where heavy reads go (`DbHandle.reportDb`); `db` when not given. */
  reportDb?: Db
  engine: Engine
  config: Config
  /** Pass `false` to silence logs (tests). */
  logger?: boolean
  /** The current time (default: the system clock). */
  clock?: Clock
  /** The embedded database's online backup (`DbHandle.backup`); PostgreSQL has none. */
  backup?: () => Promise<Blob>
  /** Start the scheduled-jobs timer (server/main.ts does, from QMS_JOBS); tests run jobs by hand. */
  jobs?: boolean
}

export async function buildApp({ db, reportDb = db, engine, config, logger = true, clock = systemClock, jobs = false, backup }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger
      ? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] }
      : false,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
    // Honour a request id from the proxy so one id follows a request through every layer.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { allErrors: true } },
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  // The API speaks JSON (and multipart where a route says so); anything else is a 415.
  app.removeContentTypeParser('text/plain')
  await app.register(stallWatchdog, { seconds: config.stallSeconds })
  await app.register(queryLimits, { config })
  if (engine === 'pglite') await app.register(storageGuardPlugin, { dataDir: config.dataDir, minFreeMb: config.minFreeMb })
  const flights = new SingleFlight()
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    // Before the answer leaves: a read that starts once the client has it never joins a
    // computation that began before the write.
    if (request.method !== 'GET' && request.method !== 'HEAD') flights.noteWrite()
  })

  const imports = new ImportQueue(db, config, clock, app.log, engine === 'pglite')
  await app.register(
    fp(async (instance) => {
      instance.decorate('db', db)
      instance.decorate('reportDb', reportDb)
      instance.decorate('dbEngine', engine)
      instance.decorate('config', config)
      instance.decorate('clock', clock)
      instance.decorate('env', () => serviceEnv(clock, config))
      instance.decorate('imports', imports)
      instance.decorate('flights', flights)
    }, { name: 'db' }),
  )
  app.addHook('onReady', async () => imports.start())
  app.addHook('onClose', async () => imports.stop())
  // Before every route: it adds itself to each route as it is declared. Brotli at quality 4
  // (the plugin's default: 11 costs ~20× the CPU for a few % less) or gzip, for text over
  // 1 KB; files already compressed (PDF, XLSX, images) are not text and pass as they are;
  // the built web app is sent precompressed (plugins/web-app.ts). Request bodies are not
  // decompressed: the body limits count what the client sends.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
    globalDecompression: false,
  })
  await app.register(errorsPlugin)
  await app.register(inputRulesPlugin)
  await app.register(securityPlugin)
  await app.register(cookie)
  // Uploads are read per route with readUpload (server/lib/uploads.ts), which sets the limits.
  await app.register(multipart, { limits: { files: 1, fields: 50 } })
  await app.register(openapiPlugin)

  await app.register(healthRoutes)
  await app.register(
    async (api) => {
      await api.register(authPlugin)
      await api.register(idempotencyPlugin)
      await api.register(authRoutes)
      await api.register(apiTokenRoutes)
      await api.register(orgUnitRoutes)
      await api.register(userRoutes)
      await api.register(auditLogRoutes)
      await api.register(isoClauseRoutes)
      await api.register(documentRoutes)
      await api.register(procedureRoutes)
      await api.register(calendarRoutes)
      await api.register(dossierRoutes)
      await api.register(complaintRoutes)
      await api.register(nonconformityRoutes)
      await api.register(actionRoutes)
      await api.register(notificationRoutes)
      await api.register(checklistTemplateRoutes)
      await api.register(inspectionRoutes)
      await api.register(findingRoutes)
      await api.register(attachmentRoutes)
      await api.register(objectiveRoutes)
      await api.register(riskRoutes)
      await api.register(managementReviewRoutes)
      await api.register(parIndexRoutes)
      await api.register(planRoutes)
      await api.register(auditRoutes)
      await api.register(reportRoutes)
      await api.register(reportDraftRoutes)
      await api.register(myWorkRoutes)
      await api.register(mailRoutes)
      await api.register(backupRoutes, { backup })
    },
    { prefix: '/api' },
  )
  const scheduler = new Scheduler(db, config, clock, app.log)
  app.decorate('scheduler', scheduler)
  if (jobs) app.addHook('onReady', async () => scheduler.start())
  app.addHook('onClose', async () => scheduler.stop())
  const mail = new MailSender(db, config, clock, app.log)
  app.decorate('mail', mail)
  if (jobs) app.addHook('onReady', async () => mail.start())
  app.addHook('onClose', async () => mail.stop())
  await app.register(webAppPlugin, { root: config.webRoot })
  return app
}
