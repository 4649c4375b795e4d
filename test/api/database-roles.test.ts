/**
 * Issue 14, item 4: the server runs as a role that owns no table, so it cannot disable the
 * audit log's triggers and rewrite it. PostgreSQL only: PGlite has a single role.
 */
import { spawn } from 'node:child_process'
import type { FastifyInstance } from 'fastify'
import postgres from 'postgres'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { connectPostgres, queryRows, type DbHandle } from '../../db/client.ts'
import { buildApp } from '../../server/app.ts'
import { loadConfig } from '../../server/config.ts'
import { ApiClient } from '../helpers/app.ts'
import { createTestDatabase, testEngine } from '../helpers/database.ts'
import { sql } from 'drizzle-orm'

const roles = suite('two database roles')

if (testEngine !== 'postgres') {
  roles('skipped: the runtime role test needs PostgreSQL (set TEST_DATABASE_URL); PGlite has a single role', () => {
    console.log('  database-roles: skipped on PGlite (single role); run with TEST_DATABASE_URL')
  })
} else {
  const role = `qms_test_rt_${process.pid}`
  let owner: DbHandle
  let runtime: DbHandle
  let runtimeSql: postgres.Sql
  let app: FastifyInstance

  roles.before(async () => {
    owner = await createTestDatabase('demo')
    const [{ name }] = await queryRows<{ name: string }>(owner.db, sql`select current_database() as name`)
    const ownerUrl = new URL(process.env.TEST_DATABASE_URL!)
    ownerUrl.pathname = `/${name}`
    await owner.db.execute(sql.raw(`drop role if exists ${role}`))
    await owner.db.execute(sql.raw(`create role ${role} login password 'runtime-pw'`))
    const runtimeUrl = new URL(ownerUrl)
    runtimeUrl.username = role
    runtimeUrl.password = 'runtime-pw'
    // The start-up path: migrate (nothing pending) as the owner, which grants the runtime role.
    runtime = connectPostgres(runtimeUrl.toString(), { max: 3, migrationUrl: ownerUrl.toString() })
    await runtime.migrate()
    runtimeSql = postgres(runtimeUrl.toString(), { max: 1, onnotice: () => {} })
    app = await buildApp({ db: runtime.db, engine: runtime.engine, config: loadConfig({}), logger: false })
    await app.ready()
  })

  roles.after(async () => {
    await app?.close()
    await runtimeSql?.end({ timeout: 5 })
    await runtime?.close()
    await owner?.close()
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} })
    await admin.unsafe(`drop role if exists ${role}`)
    await admin.end({ timeout: 5 })
  })

  const refused = async (statement: string) => {
    try {
      await runtimeSql.unsafe(statement)
    } catch (err) {
      return (err as { code?: string }).code
    }
    return 'succeeded'
  }

  roles('the app works through the runtime role and its writes are audited', async () => {
    const admin = new ApiClient(app)
    assert.is((await admin.login('admin')).status, 200)
    const created = await admin.post('/api/org-units', { code: 'RT', name: 'Runtime role' })
    assert.is(created.status, 201, created.text)
    const log = await admin.get(`/api/audit-log?entityType=org_unit&entityId=${created.body.id}`)
    assert.is(log.body.items[0]?.action, 'org_unit.create')
    // The chain trigger (advisory lock, read of the head) works with the runtime role's rights.
    const chain = await admin.get('/api/audit-log/verify')
    assert.is(chain.body.ok, true, chain.text)
    assert.is(await runtime.roleWarning(), null)
  })

  roles('the runtime role cannot disable the trigger, change or remove entries, nor alter tables', async () => {
    for (const statement of [
      'alter table audit_log disable trigger audit_log_no_update_delete',
      'alter table audit_log disable trigger all',
      "update audit_log set action = 'forged'",
      'delete from audit_log',
      'truncate audit_log',
      'alter table users add column forged text',
      'drop table audit_log',
    ]) {
      // 42501: insufficient_privilege; 42P01 would mean the test itself is wrong.
      assert.is(await refused(statement), '42501', statement)
    }
    const tables = await runtimeSql<{ n: number }[]>`select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = current_user`
    assert.is(tables[0]!.n, 0)
  })

  roles('the owner-as-runtime set-up is reported at start', async () => {
    const warning = await owner.roleWarning()
    assert.ok(warning?.includes('DATABASE_MIGRATION_URL'), String(warning))
  })

  roles('npm start on an empty database migrates as the owner and serves as the runtime role', async () => {
    const name = `qms_test_${process.pid}_start`
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} })
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.unsafe(`create database "${name}"`)
    const ownerUrl = new URL(process.env.TEST_DATABASE_URL!)
    ownerUrl.pathname = `/${name}`
    const runtimeUrl = new URL(ownerUrl)
    runtimeUrl.username = role
    runtimeUrl.password = 'runtime-pw'
    const port = 20000 + (process.pid % 20000)
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        QMS_WEB_ROOT: '/nonexistent',
        QMS_JOBS: '0',
        PORT: String(port),
        DATABASE_URL: runtimeUrl.toString(),
        DATABASE_MIGRATION_URL: ownerUrl.toString(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000)
        const read = (d: Buffer) => ((output += d), output.includes('is running at') && (clearTimeout(timer), resolve()))
        child.stdout!.on('data', read)
        child.stderr!.on('data', read)
        child.on('exit', () => (clearTimeout(timer), reject(new Error(`server exited:\n${output}`))))
      })
      assert.is((await fetch(`http://127.0.0.1:${port}/ready`)).status, 200)
      assert.not.match(output, /could disable the audit log/)
      const db = postgres(ownerUrl.toString(), { max: 1, onnotice: () => {} })
      const [row] = await db<{ owned: number; entries: number }[]>`
        select (select count(*)::int from pg_tables where schemaname = 'public' and tableowner = ${role}) as owned,
               (select count(*)::int from audit_log) as entries`
      await db.end({ timeout: 5 })
      assert.is(row!.owned, 0)
      assert.ok(row!.entries > 0, 'the demo data was written, and audited, by the runtime role')
    } finally {
      child.kill('SIGKILL')
      await admin.unsafe(`drop database if exists "${name}" with (force)`)
      await admin.end({ timeout: 5 })
    }
  })
}

roles.run()
