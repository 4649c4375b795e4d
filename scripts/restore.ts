/**
 * `npm run db:restore -- <backup.tar.gz>`: puts a backup downloaded from GET /api/backup
 * into QMS_DATA_DIR (default ./data), which must not hold a database yet. Then `npm start`.
 */
import { loadConfig } from '../server/config.ts'
import { DataDirLockedError } from '../db/data-dir-lock.ts'
import { restoreDataDir, RestoreRefusedError } from '../db/restore.ts'

const file = process.argv[2]
const config = loadConfig()
if (!file) {
  console.error('Usage: npm run db:restore -- <backup.tar.gz>  (into QMS_DATA_DIR, which must be empty)')
  process.exit(2)
}
if (config.databaseUrl) {
  console.error('DATABASE_URL is set: this restores the embedded database only. Restore PostgreSQL with pg_restore (docs/operations.md, Backups).')
  process.exit(2)
}
try {
  const { users, auditEntries } = await restoreDataDir(file, config.dataDir)
  console.log(`Restored ${file} into ${config.dataDir}: ${users} users, ${auditEntries} audit entries. Start the server with npm start.`)
} catch (err) {
  if (err instanceof RestoreRefusedError || err instanceof DataDirLockedError) {
    console.error(err.message)
    process.exit(1)
  }
  throw err
}
