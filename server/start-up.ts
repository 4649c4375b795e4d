/**
 * Opening the database for the server and the scripts: the data-folder lock first (the
 * embedded engine only), then connect and migrate. Any failure becomes one line naming
 * the cause and the setting to change, instead of a stack trace.
 */
import path from 'node:path'
import { connect, type DbHandle } from '../db/client.ts'
import { DataDirLockedError, lockDataDir, type DataDirLock } from '../db/data-dir-lock.ts'
import type { Config } from './config.ts'

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'databaseMigrationUrl' | 'dataDir'> & Partial<Pick<Config, 'dbPoolSize' | 'reportPoolSize' | 'reportPoolWhileBusy' | 'reportTimeoutMs'>>): Promise<DbHandle> {
  let lock: DataDirLock | undefined
  if (!config.databaseUrl) lock = lockDataDir(config.dataDir)
  try {
    const handle = connect(config)
    await handle.migrate()
    return {
      ...handle,
      async close() {
        try {
          await handle.close()
        } finally {
          lock?.release()
        }
      },
    }
  } catch (err) {
    lock?.release()
    throw err
  }
}

function codes(err: unknown): string[] {
  const out: string[] = []
  for (let e = err as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') out.push(e.code)
    if (Array.isArray(e.errors)) for (const inner of e.errors) out.push(...codes(inner))
  }
  return out
}

/** One line for the operator, or undefined when the error is not a known start-up cause. */
export function describeStartupError(err: unknown, config: Pick<Config, 'databaseUrl' | 'dataDir'>): string | undefined {
  if (err instanceof DataDirLockedError) return err.message
  const found = codes(err)
  const message = String((err as Error)?.message ?? err)
  const where = config.databaseUrl ? 'the PostgreSQL server' : `the data folder ${config.dataDir}`
  if (found.includes('ENOSPC') || /no space left/i.test(message)) {
    return `The disk holding ${where} is full; free some space (or set QMS_DATA_DIR to a folder on another disk) and start again.`
  }
  if (!config.databaseUrl && (['EROFS', 'EACCES', 'EPERM', 'ENOTDIR'].some((c) => found.includes(c)))) {
    return `The data folder ${config.dataDir} cannot be written (read-only or wrong permissions); fix its permissions or set QMS_DATA_DIR to a writable folder.`
  }
  if (config.databaseUrl) {
    const host = safeHost(config.databaseUrl)
    if (found.some((c) => ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'CONNECT_TIMEOUT', '57P03'].includes(c))) {
      return `Cannot reach the PostgreSQL server at ${host}: is it running? Check DATABASE_URL (or unset it to use the embedded database).`
    }
    if (found.includes('28P01') || found.includes('28000')) return `PostgreSQL at ${host} refused the user name or password; check DATABASE_URL.`
    if (found.includes('3D000')) return `The database named in DATABASE_URL does not exist on ${host}; create it or fix DATABASE_URL.`
  }
  return undefined
}

function safeHost(url: string): string {
  try {
    const u = new URL(url)
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`
  } catch {
    return path.basename(url)
  }
}

/** Prints the one line (or the error itself when unknown) and ends the process. */
export function exitOnStartupError(err: unknown, config: Pick<Config, 'databaseUrl' | 'dataDir'>): never {
  const line = describeStartupError(err, config)
  console.error(line ?? err)
  process.exit(1)
}
