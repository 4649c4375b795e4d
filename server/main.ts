/**
 * `npm start`: configuration → database (migrated) → demo data or first admin → HTTP.
 */
import { buildApp } from './app.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { createFirstAdmin, DEMO_PASSWORD, DEMO_USERS, isEmpty, loadDemoData } from './demo/index.ts'
import { serviceEnv, systemClock } from './lib/clock.ts'
import { exitOnStartupError, openDatabase } from './start-up.ts'

function readConfig(): Config {
  try {
    return loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
}

const config = readConfig()
const handle = await openDatabase(config).catch((err) => exitOnStartupError(err, config))

const empty = await isEmpty(handle.db)
if (empty && config.demo) await loadDemoData(handle.db, serviceEnv(systemClock, config))
else if (empty && config.adminUsername && config.adminPassword) await createFirstAdmin(handle.db, config.adminUsername, config.adminPassword)

const app = await buildApp({ db: handle.db, reportDb: handle.reportDb, engine: handle.engine, config, jobs: config.jobs, backup: handle.backup })
const roleWarning = await handle.roleWarning()
if (roleWarning) app.log.warn(roleWarning)
if (empty && !config.demo && !config.adminUsername) {
  app.log.warn('The database has no users. Restart with QMS_ADMIN_USERNAME and QMS_ADMIN_PASSWORD to create the first administrator.')
}

let closing = false
async function shutdown(signal: string) {
  if (closing) return
  closing = true
  app.log.info({ signal }, 'shutting down')
  const timer = setTimeout(() => process.exit(1), 10_000).unref()
  try {
    await app.close()
    await handle.close()
  } finally {
    clearTimeout(timer)
    process.exit(0)
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))

await app.listen({ port: config.port, host: config.host }).catch(async (err) => {
  await handle.close().catch(() => {})
  throw err
})
const where = handle.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'
const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`
console.log(`\nQMS Tracker is running at ${url} (${where}). API docs: ${url}/docs`)
if (config.demo) {
  console.log(`Demo users (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.username} (${u.description})`).join(', ')}\n`)
}
