/**
 * Restoring a backup of the embedded database (GET /api/backup) into a data folder.
 * Only into an empty one: a restore never overwrites what is there, the operator moves
 * the old folder aside first. The folder's lock is held throughout, so a server cannot
 * start on it half-way.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { openPgliteBackup } from './client.ts'
import { lockDataDir } from './data-dir-lock.ts'

export class RestoreRefusedError extends Error {
  override name = 'RestoreRefusedError'
}

/** Restores `file` into `dataDir`/pgdata; answers how many users and audit entries it holds. */
export async function restoreDataDir(file: string, dataDir: string): Promise<{ users: number; auditEntries: number }> {
  if (!existsSync(file)) throw new RestoreRefusedError(`No backup file at ${file}.`)
  const pgdata = path.join(dataDir, 'pgdata')
  const lock = lockDataDir(dataDir)
  try {
    if (existsSync(pgdata) && readdirSync(pgdata).length > 0) {
      throw new RestoreRefusedError(`${pgdata} already holds a database; move the folder aside (or set QMS_DATA_DIR to an empty folder) and run the restore again.`)
    }
    const client = await openPgliteBackup(new Blob([readFileSync(file)]), pgdata)
    try {
      const users = await client.query<{ n: number }>('select count(*)::int as n from users')
      const audit = await client.query<{ n: number }>('select count(*)::int as n from audit_log')
      return { users: users.rows[0]!.n, auditEntries: audit.rows[0]!.n }
    } finally {
      await client.close()
    }
  } finally {
    lock.release()
  }
}
