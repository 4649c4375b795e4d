/**
 * The server half of `npm run bench load`: the real app on the province-sized database,
 * with the same two pools as `npm start` (or one pool with BENCH_LOAD_ONE_POOL=1, as before
 * issue 15), listening on loopback in its own process so that the load generator does
 * not share its event loop. Tells its parent the port and a signed-in cookie.
 */
import { connectPostgres } from '../db/client.ts'
import { buildApp } from '../server/app.ts'
import { loadConfig } from '../server/config.ts'
import { DEMO_PASSWORD } from '../server/demo/index.ts'
import { BENCH_URL } from './seed/index.ts'

const config = { ...loadConfig(process.env), demo: false, databaseUrl: BENCH_URL, logLevel: 'silent' as const }
const onePool = process.env.BENCH_LOAD_ONE_POOL === '1'
// BENCH_LOAD_NO_PRIORITY=1: the report pool uses all its connections whatever the main pool
// does (QMS_REPORT_POOL_WHILE_BUSY sets any other number).
const noPriority = process.env.BENCH_LOAD_NO_PRIORITY === '1'
const handle = connectPostgres(BENCH_URL, {
  max: config.dbPoolSize,
  reportMax: config.reportPoolSize,
  reportStatementTimeoutMs: config.reportTimeoutMs + 1000,
  reportMaxWhileBusy: noPriority ? config.reportPoolSize : config.reportPoolWhileBusy,
})
const app = await buildApp({ db: handle.db, reportDb: onePool ? handle.db : handle.reportDb, engine: 'postgres', config, logger: false })
await app.ready()
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'manager', password: DEMO_PASSWORD } })
if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`)
const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
await app.listen({ port: 0, host: '127.0.0.1' })
const { port } = app.server.address() as { port: number }
process.send!({ port, cookie, onePool, priority: handle.priority?.heavyWhileBusy, dbPoolSize: config.dbPoolSize, reportPoolSize: config.reportPoolSize })
// The server process's own CPU time, so the bench can tell its share from the database's.
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'cpu') process.send!({ type: 'cpu', ...process.cpuUsage() })
})
process.on('disconnect', async () => {
  await app.close()
  await handle.close()
  process.exit(0)
})
