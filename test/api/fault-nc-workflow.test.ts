/**
 * Fault test: the real server in its own process, many parallel NC workflow writes, a
 * `kill -9` in the middle of the burst, a restart on the same data. Every write that was
 * answered 2xx must still be there, and nothing may be half-done: an NC's status agrees
 * with the last workflow entry in its audit log. Runs on the engine the tests use
 * (PGlite: the same QMS_DATA_DIR, which also takes over the dead server's lock;
 * PostgreSQL: a fresh database on TEST_DATABASE_URL's server).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ROOT_CAUSE, addDays, today } from '../helpers/nonconformities.ts'

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port
      server.close(() => resolve(port))
    })
  })

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', QMS_WEB_ROOT: '/nonexistent', QMS_JOBS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
    child.stdout!.on('data', () => output.includes('is running at') && (clearTimeout(timer), resolve()))
    void exited.then(() => (clearTimeout(timer), reject(new Error(`server exited:\n${output}`))))
  })
  ready.catch(() => {})
  return { child, ready, exited }
}

class Client {
  cookie = ''
  csrf = ''
  constructor(readonly base: string) {}
  async call(method: string, url: string, body?: unknown, version?: number): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { cookie: this.cookie }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf
    if (version !== undefined) headers['if-match'] = `"${version}"`
    const res = await fetch(this.base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await res.text()
    return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text }
  }
  async login(username: string) {
    const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo1234' }) })
    assert.is(res.status, 200, `login ${username}`)
    this.cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken
    return this
  }
}

const fault = suite('kill -9 during NC workflow writes')
const cleanups: (() => Promise<void> | void)[] = []
fault.after(async () => {
  for (const c of cleanups.reverse()) await c()
})

fault('every acknowledged write survives, and no NC is half-done', async () => {
  const env: Record<string, string> = { QMS_DEMO: '1' }
  if (process.env.TEST_DATABASE_URL) {
    const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} })
    const name = `qms_fault_${process.pid}`
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.unsafe(`create database "${name}"`)
    cleanups.push(async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`)
      await admin.end({ timeout: 5 })
    })
    const url = new URL(process.env.TEST_DATABASE_URL)
    url.pathname = `/${name}`
    env.DATABASE_URL = url.toString()
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'qms-fault-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    env.QMS_DATA_DIR = dir
  }

  const port = await freePort()
  env.PORT = String(port)
  const base = `http://127.0.0.1:${port}`
  let server = start(env)
  cleanups.push(() => void server.child.kill('SIGKILL'))
  await server.ready

  const auditor = await new Client(base).login('auditor')
  const head = await new Client(base).login('head')
  const units = (await head.call('GET', '/api/org-units?q=TNTKQ&limit=500')).body.items as { id: string; code: string }[]
  const unitId = units.find((u) => u.code === 'TNTKQ')!.id
  const staffId = ((await head.call('GET', '/api/users?q=staff&limit=500')).body.items as { id: string; username: string }[]).find((u) => u.username === 'staff')!.id

  // Acknowledged state: NC id → last status answered 2xx; action ids answered 201.
  const ncStatus = new Map<string, string>()
  const actions = new Map<string, string>()
  const NCS = 12
  const ncs = await Promise.all(
    Array.from({ length: NCS }, async (_, i) => {
      const res = await auditor.call('POST', '/api/nonconformities', { source: 'internal_audit', orgUnitId: unitId, title: `Fault test NC ${i}`, severity: 'minor', clauseNumbers: ['7.5.3'] })
      assert.is(res.status, 201)
      ncStatus.set(res.body.id, res.body.status)
      return res.body as { id: string; version: number }
    }),
  )

  // Each NC walks analyze → actions → plan → start, all NCs at once; kill -9 lands mid-way.
  let killed = false
  const walk = async (first: { id: string; version: number }) => {
    let nc = first
    const ok = (res: { status: number; body: any }) => {
      if (res.status >= 200 && res.status < 300) return true
      if (!killed) assert.unreachable(`unexpected ${res.status} before the kill: ${JSON.stringify(res.body)}`)
      return false
    }
    try {
      let res = await head.call('POST', `/api/nonconformities/${nc.id}/analyze`, { rootCause: ROOT_CAUSE }, nc.version)
      if (!ok(res)) return
      nc = res.body
      ncStatus.set(nc.id, res.body.status)
      const added = await Promise.all(
        [0, 1, 2].map((k) => head.call('POST', `/api/nonconformities/${nc.id}/actions`, { type: 'corrective', description: `Action ${k}`, ownerId: staffId, dueDate: addDays(today(), 14) })),
      )
      for (const a of added) if (ok(a)) actions.set(a.body.id, nc.id)
      if (added.some((a) => a.status !== 201)) return
      for (const op of ['plan', 'start']) {
        res = await head.call('POST', `/api/nonconformities/${nc.id}/${op}`, {}, nc.version)
        if (!ok(res)) return
        nc = res.body
        ncStatus.set(nc.id, res.body.status)
      }
    } catch {
      // The connection died with the server: that write was never acknowledged.
    }
  }
  const burst = Promise.all(ncs.map(walk))
  await new Promise((r) => setTimeout(r, 150 + Math.random() * 200))
  killed = true
  server.child.kill('SIGKILL')
  await server.exited
  await burst

  server = start(env)
  await server.ready
  const admin = await new Client(base).login('admin')
  for (const [id, acknowledged] of ncStatus) {
    const nc = (await admin.call('GET', `/api/nonconformities/${id}`)).body
    const order = ['open', 'analysis', 'planned', 'in_progress']
    assert.ok(order.indexOf(nc.status) >= order.indexOf(acknowledged), `${id}: acknowledged ${acknowledged}, found ${nc.status}`)
    const audit = (await admin.call('GET', `/api/audit-log?entityType=nonconformity&entityId=${id}&limit=100`)).body.items as { action: string; after?: { status?: string }; at?: string }[]
    const statuses = audit.map((e) => e.after?.status).filter(Boolean)
    assert.ok(statuses.includes(nc.status), `${id}: status ${nc.status} has its audit entry (${JSON.stringify(audit.map((e) => e.action))})`)
  }
  for (const [actionId, ncId] of actions) {
    const res = await admin.call('GET', `/api/actions/${actionId}`)
    assert.is(res.status, 200, `acknowledged action ${actionId} of ${ncId} survived`)
  }
  assert.ok(ncStatus.size === NCS)
  server.child.kill('SIGTERM')
  await server.exited
})

fault.run()
