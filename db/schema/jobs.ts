import { integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { instant } from './columns.ts'

/**
 * One row per scheduled job. An instance that runs a job holds this row's lock for the
 * run (SELECT … FOR UPDATE SKIP LOCKED), so a job never runs twice at once across
 * instances, and `lastStartedAt` keeps the interval across instances.
 */
export const jobRuns = pgTable('job_runs', {
  name: text('name').primaryKey(),
  lastStartedAt: instant('last_started_at'),
  lastFinishedAt: instant('last_finished_at'),
  lastOutcome: jsonb('last_outcome').$type<Record<string, unknown>>(),
  lastError: text('last_error'),
  runs: integer('runs').notNull().default(0),
})

export type JobRunRow = typeof jobRuns.$inferSelect
