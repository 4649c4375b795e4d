/**
 * A fresh, migrated database per test file, on PGlite by default or on PostgreSQL when
 * TEST_DATABASE_URL is set. Each engine keeps a migrated template (with or without the
 * demo organisation) per process and copies it, which is much faster than migrating:
 * PGlite clones an instance, PostgreSQL uses CREATE DATABASE … TEMPLATE.
 */
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import { connectPostgres, newPglite, wrapPglite, type DbHandle } from '../../db/client.ts'
import { loadConfig } from '../../server/config.ts'
import { loadDemoData } from '../../server/demo/index.ts'
import { serviceEnv, systemClock } from '../../server/lib/clock.ts'

export type Seed = 'demo' | 'empty'

export const testEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'

/** The demo is loaded once per run, on the system clock and the default configuration. */
const demoEnv = () => serviceEnv(systemClock, loadConfig({}))

const pgliteTemplates = new Map<Seed, Promise<PGlite>>()

function pgliteTemplate(seed: Seed): Promise<PGlite> {
  let template = pgliteTemplates.get(seed)
  if (!template) {
    template = (async () => {
      const client = newPglite()
      const handle = wrapPglite(client)
      await handle.migrate()
      if (seed === 'demo') await loadDemoData(handle.db, demoEnv())
      return client
    })()
    pgliteTemplates.set(seed, template)
  }
  return template
}

const PREFIX = 'qms_test_'
let counter = 0
let adminSql: postgres.Sql | undefined
const pgTemplates = new Map<Seed, Promise<string>>()
let leftoversDropped: Promise<void> | undefined

function admin(): postgres.Sql {
  adminSql ??= postgres(process.env.TEST_DATABASE_URL!, { max: 2, onnotice: () => {} })
  return adminSql
}

function urlFor(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!)
  url.pathname = `/${database}`
  return url.toString()
}

/** Drops databases left behind by test processes that no longer run. */
async function dropLeftovers(sql: postgres.Sql) {
  const rows = await sql<{ datname: string }[]>`select datname from pg_database where datname like ${PREFIX + '%'}`
  for (const { datname } of rows) {
    const pid = Number(/^qms_test_(?:tpl_)?(\d+)_/.exec(datname)?.[1])
    let alive = false
    try {
      alive = pid > 0 && process.kill(pid, 0)
    } catch {
      alive = false
    }
    if (!alive) await sql.unsafe(`drop database if exists "${datname}" with (force)`)
  }
}

function pgTemplate(seed: Seed): Promise<string> {
  let template = pgTemplates.get(seed)
  if (!template) {
    template = (async () => {
      const sql = admin()
      leftoversDropped ??= dropLeftovers(sql)
      await leftoversDropped
      const name = `${PREFIX}tpl_${process.pid}_${seed}`
      await sql.unsafe(`drop database if exists "${name}" with (force)`)
      await sql.unsafe(`create database "${name}"`)
      const handle = connectPostgres(urlFor(name), { max: 2 })
      await handle.migrate()
      if (seed === 'demo') await loadDemoData(handle.db, demoEnv())
      await handle.close()
      return name
    })()
    pgTemplates.set(seed, template)
  }
  return template
}

export async function createTestDatabase(seed: Seed = 'demo'): Promise<DbHandle> {
  if (testEngine === 'pglite') {
    const template = await pgliteTemplate(seed)
    return wrapPglite((await template.clone()) as PGlite)
  }
  const template = await pgTemplate(seed)
  const name = `${PREFIX}${process.pid}_${++counter}`
  await admin().unsafe(`create database "${name}" template "${template}"`)
  const handle = connectPostgres(urlFor(name), { max: 5 })
  return {
    ...handle,
    async close() {
      await handle.close()
      await admin().unsafe(`drop database if exists "${name}" with (force)`)
    },
  }
}

/** Called once at the very end of a test run. */
export async function closeTestDatabases() {
  for (const template of pgliteTemplates.values()) await (await template).close()
  pgliteTemplates.clear()
  if (adminSql) {
    for (const template of pgTemplates.values()) await adminSql.unsafe(`drop database if exists "${await template}" with (force)`)
    pgTemplates.clear()
    await adminSql.end({ timeout: 5 })
    adminSql = undefined
  }
}
