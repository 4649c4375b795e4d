/**
 * Dossier imports as background jobs: the upload is stored and answered at once (202),
 * and a queue in each instance runs one import at a time, so a large file neither holds a
 * request open nor runs beside another large file in the same process.
 *
 * - Jobs live in `dossier_imports`, file included, until they end; any instance may take
 *   the oldest queued one (SELECT … FOR UPDATE SKIP LOCKED), so nothing waits on one server.
 * - A running job renews `heartbeat_at`; one whose heartbeat stopped (its server was killed)
 *   is taken up again, at most MAX_ATTEMPTS times. That is safe: the import is idempotent
 *   by dossier code and writes in one transaction, so a run cut short wrote nothing.
 * - Liveness is judged on the database's clock (now()), not the app's clock: it is about
 *   processes being alive in real time, which a test's pinned business clock is not.
 */
import { and, asc, count, desc, eq, getTableColumns, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../../db/client.ts'
import { dossierImports, type DossierImportRow, type ImportPhase } from '../../../db/schema/index.ts'
import type { Config } from '../../config.ts'
import { serviceEnv, type Clock } from '../../lib/clock.ts'
import { dateKey, keyset, textKey } from '../../lib/pagination.ts'
import { hasRole, requirePermission, type Actor } from '../../lib/permissions.ts'
import { isProblemCode, type Lang } from '../../lib/problem-messages.ts'
import { HttpProblem, notFound, problemBody } from '../../lib/problems.ts'
import type { Mime } from '../../lib/uploads.ts'
import { loadActiveActor } from '../auth/service.ts'
import { importDossiers, type ImportProgress, type ImportUpload } from './dossier-import.ts'
import { rowErrorsIn, type RowError } from './import-file.ts'
import type { ImportJob, ImportJobQuery, ImportReport } from './schemas.ts'
import { outsideQueryScope } from '../../../db/query-scope.ts'

const HEARTBEAT_MS = 2_000
const MAX_ATTEMPTS = 3
/** Imports one person may have queued or running at once: each holds its file in the database. */
export const MAX_WAITING_PER_USER = 3
const POLL_MS = 5_000

/** Every column but the file, which only the runner reads. */
const JOB_COLUMNS = (() => {
  const { file: _file, ...rest } = getTableColumns(dossierImports)
  return rest
})()
type JobRow = Omit<DossierImportRow, 'file'>

// ---- the API's side ---------------------------------------------------------------

export async function submitImport(db: Db, actor: Actor, upload: ImportUpload): Promise<ImportJob> {
  requirePermission(actor, 'dossier.write')
  const [{ waiting }] = await db
    .select({ waiting: count() })
    .from(dossierImports)
    .where(and(eq(dossierImports.createdBy, actor.userId), inArray(dossierImports.status, ['queued', 'running'])))
  if (waiting >= MAX_WAITING_PER_USER) {
    throw new HttpProblem(429, 'import-queue-full', 'Too many imports waiting', 'import.queue-full', { waiting, max: MAX_WAITING_PER_USER }, undefined, { 'Retry-After': '30' })
  }
  const { requestId: _requestId, ...who } = actor
  const [row] = await db
    .insert(dossierImports)
    .values({
      dryRun: upload.dryRun,
      filename: upload.file.filename,
      contentType: upload.file.contentType,
      sha256: upload.file.sha256,
      size: upload.file.size,
      receivingUnitId: upload.receivingUnitId ?? null,
      file: upload.file.bytes,
      actor: who as unknown as Record<string, unknown>,
      createdBy: actor.userId,
    })
    .returning(JOB_COLUMNS)
  return toJob(row, await queuePositions(db, [row]))
}

/** One job: its owner, an admin or a manager may read it; to anyone else it does not exist. */
export async function getImport(db: Db, actor: Actor, id: string): Promise<ImportJob> {
  requirePermission(actor, 'dossier.read')
  const [row] = await db.select(JOB_COLUMNS).from(dossierImports).where(eq(dossierImports.id, id))
  if (!row || !mayRead(actor, row)) throw notFound('import', id)
  return toJob(row, await queuePositions(db, [row]))
}

/** The caller's imports, newest first (an admin's or manager's: everyone's). */
export async function listImports(db: Db, actor: Actor, query: ImportJobQuery) {
  requirePermission(actor, 'dossier.read')
  const page = keyset([dateKey(dossierImports.createdAt, (r: JobRow) => r.createdAt), textKey(dossierImports.id, (r: JobRow) => r.id)], query, 'desc')
  const rows = await db
    .select(JOB_COLUMNS)
    .from(dossierImports)
    .where(and(seesAll(actor) ? undefined : eq(dossierImports.createdBy, actor.userId), page.where))
    .orderBy(desc(dossierImports.createdAt), desc(dossierImports.id))
    .limit(page.limit)
  const positions = await queuePositions(db, rows)
  return page.page(rows, (row) => toJob(row, positions))
}

const seesAll = (actor: Actor) => hasRole(actor, 'admin', 'manager')
const mayRead = (actor: Actor, row: JobRow) => row.createdBy === actor.userId || seesAll(actor)

/** Place in the queue of each queued job among `rows`: one query over the (short) queue. */
async function queuePositions(db: Db, rows: JobRow[]): Promise<Map<string, number>> {
  const positions = new Map<string, number>()
  if (!rows.some((r) => r.status === 'queued')) return positions
  const queue = await db
    .select({ id: dossierImports.id })
    .from(dossierImports)
    .where(eq(dossierImports.status, 'queued'))
    .orderBy(asc(dossierImports.createdAt), asc(dossierImports.id))
  queue.forEach((q, i) => positions.set(q.id, i))
  return positions
}

function toJob(row: JobRow, positions: Map<string, number>): ImportJob {
  return {
    id: row.id,
    status: row.status,
    phase: row.phase,
    progress: Math.round(row.progress * 1000) / 1000,
    rowsRead: row.rowsRead,
    rowsTotal: row.rowsTotal,
    dryRun: row.dryRun,
    filename: row.filename,
    size: row.size,
    receivingUnitId: row.receivingUnitId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    attempts: row.attempts,
    queuePosition: row.status === 'queued' ? (positions.get(row.id) ?? null) : null,
    report: (row.report as ImportReport | null) ?? null,
    problem: (row.problem as ImportJob['problem']) ?? null,
  }
}

/** The job with its problem's detail in `lang` (the job keeps the problem's code and params; the stored detail is English). */
export function jobIn(job: ImportJob, lang: Lang): ImportJob {
  if (lang === 'en') return job
  const { report, problem } = job
  return {
    ...job,
    report: report ? { ...report, errors: rowErrorsIn(report.errors, lang) } : report,
    problem: problem
      ? { ...problem, detail: problemOf(job).detailIn(lang), ...(Array.isArray(problem.rowErrors) ? { rowErrors: rowErrorsIn(problem.rowErrors as RowError[], lang) } : {}) }
      : problem,
  }
}

/** The problem a finished-with-failure job holds, thrown again (the synchronous route answers with it). */
export function problemOf(job: ImportJob): HttpProblem {
  const { type, title, status, detail, code, params, errors, instance: _instance, requestId: _requestId, ...extensions } = job.problem!
  // Jobs stored before problems had codes keep their English detail.
  if (!code || !isProblemCode(code)) return new HttpProblem(status, type.replace(/^urn:qms:problem:/, ''), title, 'stored-detail', { detail }, errors, {}, extensions)
  return new HttpProblem(status, type.replace(/^urn:qms:problem:/, ''), title, code, params as never, errors, {}, extensions)
}

// ---- the runner's side --------------------------------------------------------------

/** Why a run stopped before its end: the server is stopping; the job goes back to the queue. */
class Stopping extends Error {}

/**
 * The queue of one instance: runs the oldest waiting import, one at a time, until none is
 * left; looks again when an import is submitted here and every few seconds (for jobs
 * submitted elsewhere or left by a server that stopped).
 */
export class ImportQueue {
  private draining?: Promise<void>
  private timer?: ReturnType<typeof setInterval>
  private stopped = true
  private abort = new AbortController()
  private readonly finished = new Map<string, Set<() => void>>()

  private started = false
  private wanted = false

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    /** The embedded database has one server (the data-dir lock): a job left running at start was cut short. */
    private readonly sole: boolean,
  ) {}

  async start(): Promise<void> {
    this.stopped = false
    this.abort = new AbortController()
    if (this.sole && !this.started) {
      this.started = true
      await this.db.update(dossierImports).set({ heartbeatAt: null }).where(eq(dossierImports.status, 'running'))
    }
    this.timer = setInterval(() => this.kick(), POLL_MS)
    this.timer.unref()
    this.kick()
  }

  /** Stops taking jobs; a job being read or checked goes back to the queue, one being written finishes. */
  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.timer)
    this.abort.abort(new Stopping('the server is stopping'))
    await this.draining?.catch(() => undefined)
  }


  kick(): void {
    // Asked while a drain is ending (its last look found nothing): it looks once more.
    this.wanted = true
    if (this.draining || this.stopped) return
    // A request may be what kicks the queue; the jobs are not that request's work.
    this.draining = outsideQueryScope(() => this.drain())
      .catch((err) => this.log.error({ err }, 'dossier import queue'))
      .finally(() => {
        this.draining = undefined
      })
  }

  /** Resolves when the job has ended (here or on another instance). */
  async waitFor(id: string): Promise<void> {
    for (;;) {
      const [row] = await this.db.select({ status: dossierImports.status }).from(dossierImports).where(eq(dossierImports.id, id))
      if (!row || row.status === 'done' || row.status === 'failed') return
      await new Promise<void>((resolve) => {
        const waiters = this.finished.get(id) ?? new Set()
        this.finished.set(id, waiters)
        const done = () => {
          clearTimeout(timeout)
          waiters.delete(done)
          if (!waiters.size) this.finished.delete(id)
          resolve()
        }
        // Another instance may run it: look at the row again now and then.
        const timeout = setTimeout(done, 1_000)
        waiters.add(done)
      })
    }
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      this.wanted = false
      const job = await this.claim()
      if (!job) {
        if (this.wanted) continue
        return
      }
      await this.run(job)
      for (const done of this.finished.get(job.id) ?? []) done()
    }
  }

  /** Takes the oldest waiting job; first gives up on jobs cut short too often. */
  private async claim(): Promise<DossierImportRow | undefined> {
    const staleAfter = sql`now() - make_interval(secs => ${this.config.importStaleSeconds})`
    const stale = and(eq(dossierImports.status, 'running'), or(isNull(dossierImports.heartbeatAt), lt(dossierImports.heartbeatAt, staleAfter)))
    await this.db
      .update(dossierImports)
      .set({
        status: 'failed',
        phase: 'finished',
        file: null,
        finishedAt: this.clock(),
        problem: problemBody(
          new HttpProblem(503, 'import-interrupted', 'Import interrupted', 'import.interrupted', { attempts: MAX_ATTEMPTS }),
        ),
      })
      .where(and(stale, sql`${dossierImports.attempts} >= ${MAX_ATTEMPTS}`))
    const next = this.db
      .select({ id: dossierImports.id })
      .from(dossierImports)
      .where(or(eq(dossierImports.status, 'queued'), stale))
      .orderBy(asc(dossierImports.createdAt), asc(dossierImports.id))
      .limit(1)
      .for('update', { skipLocked: true })
    const [job] = await this.db
      .update(dossierImports)
      .set({ status: 'running', phase: 'reading', attempts: sql`${dossierImports.attempts} + 1`, startedAt: this.clock(), heartbeatAt: sql`now()`, progress: 0, rowsRead: 0 })
      .where(inArray(dossierImports.id, next))
      .returning()
    return job
  }

  private async run(job: DossierImportRow): Promise<void> {
    const env = serviceEnv(this.clock, this.config)
    const mine = and(eq(dossierImports.id, job.id), eq(dossierImports.status, 'running'), eq(dossierImports.attempts, job.attempts))
    let latest: ImportProgress = { phase: 'reading', rowsRead: 0, fraction: 0 }
    let saving: Promise<unknown> | undefined
    // Progress and heartbeat in one small update, never more than one in flight.
    const beat = () => {
      if (saving) return
      const p = latest
      saving = this.db
        .update(dossierImports)
        .set({ heartbeatAt: sql`now()`, phase: p.phase as ImportPhase, progress: p.fraction, rowsRead: p.rowsRead, rowsTotal: p.rowsTotal ?? null })
        .where(mine)
        .catch((err) => this.log.warn({ err, importId: job.id }, 'dossier import heartbeat'))
        .finally(() => {
          saving = undefined
        })
    }
    const heartbeat = setInterval(beat, HEARTBEAT_MS)
    const memoryCap = this.config.importMaxHeapMb * 1024 * 1024
    const own = new AbortController()
    const onStop = () => own.abort(this.abort.signal.reason)
    this.abort.signal.addEventListener('abort', onStop)
    let outcome: { report: ImportReport } | { problem: HttpProblem } | undefined
    try {
      const actor = await loadActiveActor(this.db, job.createdBy, (job.actor as { via?: Actor['via'] }).via ?? 'session')
      if (!actor) throw new HttpProblem(403, 'forbidden', 'Not allowed', 'import.submitter-inactive', undefined)
      const upload: ImportUpload = {
        file: { filename: job.filename, contentType: job.contentType as Mime, bytes: job.file ?? Buffer.alloc(0), size: job.size, sha256: job.sha256 },
        dryRun: job.dryRun,
        receivingUnitId: job.receivingUnitId ?? undefined,
      }
      const report = await importDossiers(this.db, { ...actor, requestId: `import:${job.id}` }, upload, env, {
        jobId: job.id,
        signal: own.signal,
        progress: (p) => {
          const newPhase = p.phase !== latest.phase
          latest = p
          // A new phase shows at once; within one, the heartbeat carries the progress.
          if (newPhase) beat()
          if (process.memoryUsage().heapUsed > memoryCap && !own.signal.aborted) own.abort(memoryLimit(this.config.importMaxHeapMb))
        },
      })
      outcome = { report }
    } catch (err) {
      const reason = own.signal.aborted ? own.signal.reason : err
      if (reason instanceof Stopping) {
        // Back to the queue as it was: the next start (here or elsewhere) runs it again.
        await this.settle(saving)
        await this.db.update(dossierImports).set({ status: 'queued', phase: 'queued', progress: 0, rowsRead: 0, heartbeatAt: null }).where(mine)
        return
      }
      if (reason instanceof HttpProblem) outcome = { problem: reason }
      else {
        this.log.error({ err: reason, importId: job.id }, 'dossier import failed')
        outcome = { problem: new HttpProblem(500, 'import-failed', 'Import failed', 'import.failed', undefined) }
      }
    } finally {
      clearInterval(heartbeat)
      this.abort.signal.removeEventListener('abort', onStop)
    }
    await this.settle(saving)
    if (!outcome) return
    const rowsTotal = 'report' in outcome ? outcome.report.rows : latest.rowsTotal ?? null
    await this.db
      .update(dossierImports)
      .set({
        status: 'report' in outcome ? 'done' : 'failed',
        phase: 'finished',
        progress: 1,
        rowsRead: rowsTotal ?? latest.rowsRead,
        rowsTotal,
        file: null,
        finishedAt: this.clock(),
        report: 'report' in outcome ? (outcome.report as unknown as Record<string, unknown>) : null,
        problem: 'problem' in outcome ? problemBody(outcome.problem) : null,
      })
      .where(mine)
  }

  private async settle(saving: Promise<unknown> | undefined) {
    await saving?.catch(() => undefined)
  }
}

const memoryLimit = (mb: number) =>
  new HttpProblem(413, 'import-too-large', 'Import needs too much memory', 'import.too-much-memory', { limit: mb, setting: 'QMS_IMPORT_MAX_HEAP_MB' }, undefined, {}, {
    limit: mb,
    setting: 'QMS_IMPORT_MAX_HEAP_MB',
  })
