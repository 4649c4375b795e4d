/**
 * Scheduled jobs, run by every server instance without ever running one job twice at
 * the same time or more often than its interval across instances.
 *
 * - Modules register their jobs with `registerJob` (see server/jobs/index.ts).
 * - Each instance's `Scheduler` ticks every `QMS_JOB_TICK_SECONDS` and runs the jobs
 *   that are due. A run happens in one transaction that holds the job's `job_runs` row
 *   (`FOR UPDATE SKIP LOCKED`): another instance ticking at the same moment skips the
 *   job, and one ticking later sees `lastStartedAt` and waits for the interval. On the
 *   embedded database there is one process and the same code simply always gets the lock.
 * - Jobs take the service env (`now` from the app's clock, which tests move, and the
 *   configuration) as an argument and must be idempotent:
 *   `notify` deduplicates by key, so even a run that overlapped another could not send
 *   anything twice.
 */
import { eq } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/client.ts'
import { jobRuns } from '../../db/schema/index.ts'
import type { Config } from '../config.ts'
import type { Clock, ServiceEnv } from '../lib/clock.ts'
import { systemActor } from '../lib/permissions.ts'
import { recordAudit } from '../modules/audit-log/service.ts'

/** What a run did, for the log, `job_runs.last_outcome` and the audit log (e.g. `{ created: 3 }`). */
export type JobOutcome = Record<string, unknown>
/** The work of a job: `db` is a transaction; `env.now` is the moment the run stands for. */
export type JobFn = (db: Db, env: ServiceEnv) => Promise<JobOutcome | void>

export interface JobDefinition {
  name: string
  intervalMs: (config: Config) => number
  run: JobFn
}

const registry = new Map<string, JobDefinition>()

/**
 * Adds a job that every instance runs about every `intervalMs` (a number, or read from
 * the configuration). Register at module load, in server/jobs/index.ts.
 */
export function registerJob(name: string, intervalMs: number | ((config: Config) => number), run: JobFn): void {
  if (registry.has(name)) throw new Error(`A job named "${name}" is already registered.`)
  registry.set(name, { name, intervalMs: typeof intervalMs === 'number' ? () => intervalMs : intervalMs, run })
}

export function registeredJobs(): JobDefinition[] {
  return [...registry.values()]
}

export type JobRunResult =
  | { status: 'ran'; outcome: JobOutcome }
  | { status: 'busy' }
  | { status: 'not-due'; nextAt: string }
  | { status: 'failed'; error: string }

/**
 * Runs one job now if it is due (or `force`), unless another instance is running it.
 * The job's writes, its `job_runs` row and its audit entry commit together or not at all.
 */
export async function runJob(db: Db, config: Config, job: JobDefinition, now: Date, options: { force?: boolean } = {}): Promise<JobRunResult> {
  await db.insert(jobRuns).values({ name: job.name }).onConflictDoNothing()
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.select().from(jobRuns).where(eq(jobRuns.name, job.name)).for('update', { skipLocked: true })
      if (!row) return { status: 'busy' } as const
      const interval = job.intervalMs(config)
      if (!options.force && row.lastStartedAt && now.getTime() - row.lastStartedAt.getTime() < interval) {
        return { status: 'not-due', nextAt: new Date(row.lastStartedAt.getTime() + interval).toISOString() } as const
      }
      const started = performance.now()
      const outcome = (await job.run(tx, { now, config })) ?? {}
      // Finished: the run's instant plus how long it took (the app's clock, not the system's).
      const finishedAt = new Date(now.getTime() + Math.round(performance.now() - started))
      await tx
        .update(jobRuns)
        .set({ lastStartedAt: now, lastFinishedAt: finishedAt, lastOutcome: outcome, lastError: null, runs: row.runs + 1 })
        .where(eq(jobRuns.name, job.name))
      // Only runs that changed something are worth an audit entry.
      if (Object.values(outcome).some((v) => typeof v === 'number' && v > 0)) {
        await recordAudit(tx, systemActor, { action: `job.${job.name}`, entityType: 'job', entityId: job.name, after: { now: now.toISOString(), ...outcome } })
      }
      return { status: 'ran', outcome } as const
    })
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err)
    await db.update(jobRuns).set({ lastError: error.slice(0, 2000) }).where(eq(jobRuns.name, job.name))
    return { status: 'failed', error }
  }
}

/** One per app instance: the timer, and `runDue` for tests and operators. */
export class Scheduler {
  private timer?: ReturnType<typeof setInterval>
  private firstTick?: ReturnType<typeof setTimeout>
  private running?: Promise<Record<string, JobRunResult>>

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly log?: FastifyBaseLogger,
  ) {}

  /** Runs every registered job that is due at `now` (the app's clock by default), one after another. */
  runDue(now: Date = this.clock(), options: { force?: boolean } = {}): Promise<Record<string, JobRunResult>> {
    const run = async () => {
      const results: Record<string, JobRunResult> = {}
      for (const job of registeredJobs()) {
        const result = await runJob(this.db, this.config, job, now, options)
        results[job.name] = result
        if (result.status === 'failed') this.log?.error({ job: job.name, error: result.error }, 'scheduled job failed')
        else if (result.status === 'ran') this.log?.info({ job: job.name, outcome: result.outcome }, 'scheduled job ran')
      }
      return results
    }
    // One tick at a time within an instance; a tick that finds one running waits for it.
    const next = (this.running ?? Promise.resolve({})).then(run, run)
    this.running = next
    return next
  }

  /** Runs one job by name, due or not (`force` defaults to true: an operator asked for it). */
  async run(name: string, now: Date = this.clock(), options: { force?: boolean } = { force: true }): Promise<JobRunResult> {
    const job = registry.get(name)
    if (!job) throw new Error(`No job named "${name}". Known: ${[...registry.keys()].join(', ')}`)
    return runJob(this.db, this.config, job, now, options)
  }

  start(): void {
    if (this.timer) return
    const tick = () => {
      this.runDue().catch((err) => this.log?.error({ err }, 'scheduler tick failed'))
    }
    this.timer = setInterval(tick, this.config.jobTickSeconds * 1000)
    this.timer.unref()
    // A first look soon after start, so a restart does not delay reminders by a whole tick.
    this.firstTick = setTimeout(tick, 1000)
    this.firstTick.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    clearTimeout(this.firstTick)
    this.timer = undefined
    await this.running?.catch(() => {})
  }
}
