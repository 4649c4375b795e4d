import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { sql, type SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { pgError } from './pg-errors.ts'
import { countOrdinary, PoolPriority, waitForTurn } from './pool-priority.ts'
import { CancelRequests, scopePglite, scopePostgres, strayCancel } from './query-scope.ts'
import { checkRuntimeRole, grantRuntimeRole, roleWarning } from './roles.ts'
import * as schema from './schema/index.ts'

export type Schema = typeof schema
/** The database or a transaction on it: services accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Engine = 'postgres' | 'pglite'

export interface DbHandle {
  db: Db
  /**
   * Where the heavy reads go (summaries, reports, statistics, exports): on PostgreSQL a
   * second, small pool, so that however many of them run they cannot take the
   * connections ordinary requests need; on PGlite the same single connection as `db`.
   */
  reportDb: Db
  /** On PostgreSQL, how the report pool gives way to the main one (db/pool-priority.ts). */
  priority?: PoolPriority
  engine: Engine
  /** Applies pending drizzle-kit migrations; safe when several instances start at once. */
  migrate(): Promise<void>
  /** A start-up warning when the server's role could rewrite the audit log (owner or superuser). */
  roleWarning(): Promise<string | null>
  /**
   * The embedded database's whole data folder as a gzipped tar, taken while it runs
   * (PostgreSQL has pg_dump instead, so it has none).
   */
  backup?: () => Promise<Blob>
  close(): Promise<void>
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

/**
 * Session settings for the app's connections. The app runs many small queries for many
 * users at once; parallel workers only add their start-up time to each (measured: a
 * statistics query of 25 ms took 95 ms with two workers on a 2-core server), so they
 * are off — the cores serve concurrent requests instead.
 */
export const POSTGRES_SESSION = { max_parallel_workers_per_gather: '0' }

export interface PostgresOptions {
  /** Connections of the main pool (ordinary requests, writes, jobs). */
  max?: number
  migrationUrl?: string
  /** Connections of the report pool (`reportDb`). */
  reportMax?: number
  /**
   * PostgreSQL's own statement_timeout on the report pool's connections, in ms (0: none).
   * The app stops a request's statements at its class's limit itself
   * (server/plugins/query-limits.ts); this is the database's backstop for the heavy reads,
   * which are the only statements on that pool.
   */
  reportStatementTimeoutMs?: number
  /**
   * Report statements at a time while the main pool has statements in the database or a
   * transaction open (db/pool-priority.ts); 1 unless told. `reportMax` or more turns the
   * priority off.
   */
  reportMaxWhileBusy?: number
}

/**
 * PostgreSQL through two postgres.js pools: the main one and a small one for heavy reads.
 * `migrationUrl` connects as the role that owns the tables; when it differs from `url`,
 * migrating also grants the runtime role its rights.
 */
export function connectPostgres(url: string, options: PostgresOptions = {}): DbHandle {
  const migrationUrl = options.migrationUrl ?? url
  const reportMax = options.reportMax ?? 3
  const reportMaxWhileBusy = options.reportMaxWhileBusy ?? 1
  const priority = reportMaxWhileBusy < reportMax ? new PoolPriority(reportMax, reportMaxWhileBusy) : undefined
  const cancels = new CancelRequests()
  const client = scopePostgres(postgres(url, { max: options.max ?? 10, onnotice: () => {}, connection: POSTGRES_SESSION }), cancels)
  const db = retryDeadlocks(drizzlePostgres({ client: priority ? countOrdinary(client, priority) : client, schema }) as unknown as Db, cancels)
  // Lazy like every postgres.js pool: it opens its connections on its first statements.
  const reportClient = scopePostgres(
    postgres(url, {
      max: reportMax,
      onnotice: () => {},
      connection: { ...POSTGRES_SESSION, ...(options.reportStatementTimeoutMs ? { statement_timeout: options.reportStatementTimeoutMs } : {}) },
    }),
    new CancelRequests(),
  )
  const reportDb = drizzlePostgres({ client: priority ? waitForTurn(reportClient, priority) : reportClient, schema }) as unknown as Db
  return {
    db,
    reportDb,
    priority,
    engine: 'postgres',
    async migrate() {
      // A single-connection client holds an advisory lock for the whole run, so a second
      // instance starting at the same moment waits instead of migrating twice.
      const single = postgres(migrationUrl, { max: 1, onnotice: () => {} })
      try {
        await single`select pg_advisory_lock(7310045)`
        await migratePostgres(drizzlePostgres({ client: single }), { migrationsFolder })
        const [runtime] = await client<{ role: string }[]>`select current_user as role`
        const [migrator] = await single<{ role: string }[]>`select current_user as role`
        if (runtime!.role !== migrator!.role) await grantRuntimeRole(single, runtime!.role)
        await single`select pg_advisory_unlock(7310045)`
      } finally {
        await single.end({ timeout: 5 })
      }
    },
    roleWarning: async () => roleWarning(await checkRuntimeRole(client)),
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), reportClient.end({ timeout: 5 })])
    },
  }
}

const DEADLOCK_RETRIES = 3

const isDeadlock = (err: unknown): boolean => !!pgError(err, '40P01')

/**
 * The audit chain's lock is held from a transaction's audit entry to its commit, so two
 * transactions that touch the same row on either side of their audit entry can deadlock;
 * PostgreSQL then rolls one back whole. Running that outermost transaction again is safe
 * (nothing of it was kept) and is what a person would otherwise do by pressing Save twice.
 * The same for a transaction stopped by a cancel request meant for another request's
 * statement (db/query-scope.ts): the app never cancels statements inside transactions;
 * it runs again once the cancel requests then on their way (`cancels`) have arrived.
 */
function retryDeadlocks(db: Db, cancels: CancelRequests): Db {
  const transaction = db.transaction.bind(db)
  ;(db as { transaction: Db['transaction'] }).transaction = (async (fn: any, config?: any) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(fn, config)
      } catch (err) {
        if (attempt >= DEADLOCK_RETRIES) throw err
        if (strayCancel(err, undefined)) await cancels.arrived()
        else if (!isDeadlock(err)) throw err
      }
    }
  }) as Db['transaction']
  return db
}

/** The embedded engine; `dataDir` undefined keeps it in memory (tests). */
export function connectPglite(dataDir?: string, options: { sharedBuffersMb?: number } = {}): DbHandle {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  return wrapPglite(newPglite(dataDir, options))
}

/**
 * A PGlite instance with the extensions the migrations create (pg_trgm, for search).
 * PGlite's own shared_buffers (160 MB) sits inside the WebAssembly heap, which never gives
 * memory back: 32 MB keeps the idle server near 200 MB instead of 330 MB, and the
 * operating system still caches the data files (QMS_PGLITE_SHARED_BUFFERS_MB).
 */
export function newPglite(dataDir?: string, options: { sharedBuffersMb?: number } = {}): PGlite {
  return new PGlite({ dataDir, extensions: { pg_trgm }, postgresqlconf: `shared_buffers = ${options.sharedBuffersMb ?? 32}MB` })
}

export function wrapPglite(client: PGlite): DbHandle {
  const db = drizzlePglite({ client: scopePglite(client), schema }) as unknown as Db
  return {
    db,
    // One connection in this process: a second "pool" would only queue behind the first.
    reportDb: db,
    engine: 'pglite',
    migrate: () => migratePglite(drizzlePglite({ client }), { migrationsFolder }),
    // One embedded user, in the server's own process: there is no second role to run as.
    roleWarning: async () => null,
    backup: () => backupPglite(client),
    close: () => client.close(),
  }
}

/**
 * A consistent copy of a running embedded database. The files are copied between
 * transactions (PGlite's transaction lock waits for the open one to end and holds every
 * other statement back meanwhile), just after a CHECKPOINT, so the copy opens with
 * little to replay; requests wait the seconds it takes. The tar is built in memory:
 * about the data folder's size.
 */
export async function backupPglite(client: PGlite): Promise<Blob> {
  await client.exec('CHECKPOINT')
  // Not the CHECKPOINT inside: every statement takes this lock, so it would wait on itself.
  return client._runExclusiveTransaction(() => client.dumpDataDir('gzip'))
}

/**
 * Opens a backup made by `backupPglite` as a database of its own (in memory without
 * `dataDir`); the caller closes it. `npm run db:restore` and the tests use it.
 */
export async function openPgliteBackup(backup: Blob, dataDir?: string): Promise<PGlite> {
  const client = new PGlite({ dataDir, loadDataDir: backup, extensions: { pg_trgm } })
  await client.waitReady
  return client
}

export interface ConnectConfig {
  databaseUrl?: string
  databaseMigrationUrl?: string
  dataDir: string
  dbPoolSize?: number
  reportPoolSize?: number
  reportPoolWhileBusy?: number
  reportTimeoutMs?: number
  pgliteSharedBuffersMb?: number
}

export function connect(config: ConnectConfig): DbHandle {
  return config.databaseUrl
    ? connectPostgres(config.databaseUrl, {
        migrationUrl: config.databaseMigrationUrl,
        max: config.dbPoolSize,
        reportMax: config.reportPoolSize,
        reportMaxWhileBusy: config.reportPoolWhileBusy,
        // A little past the app's own limit, so the app's clearer answer comes first.
        reportStatementTimeoutMs: config.reportTimeoutMs ? config.reportTimeoutMs + 1000 : undefined,
      })
    : connectPglite(path.join(config.dataDir, 'pgdata'), { sharedBuffersMb: config.pgliteSharedBuffersMb })
}

/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[]
}

interface JournalEntry { tag: string; when: number }

/** Compares the migrations applied to the database with those shipped in db/migrations. */
export async function migrationStatus(db: Db): Promise<{ current: boolean; applied: number; expected: number }> {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] }
  const expected = journal.entries.length
  const latest = journal.entries.at(-1)?.when ?? 0
  try {
    const rows = await queryRows<{ applied: number | string; last: number | string | null }>(
      db,
      sql`select count(*)::int as applied, max(created_at) as last from drizzle.__drizzle_migrations`,
    )
    const applied = Number(rows[0]?.applied ?? 0)
    return { current: Number(rows[0]?.last ?? 0) >= latest, applied, expected }
  } catch {
    return { current: false, applied: 0, expected }
  }
}
