/**
 * Fault test: the real server in its own process, many parallel NC workflow writes, a
 * `kill -9` in the middle of the burst, a restart on the same data. Every write that was
 * answered 2xx must still be there, and nothing may be half-done: an NC's status agrees
 * with the last workflow entry in its audit log. Runs on the engine the tests use
 * (PGlite: the same QMS_DATA_DIR, which also takes over the dead server's lock;
 * PostgreSQL: a fresh database on TEST_DATABASE_URL's server).
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ROOT_CAUSE, addDays, today } from '../helpers/nonconformities.ts'
import { freePort, HttpClient as Client, scratchServerDatabase, startServer } from '../helpers/server-process.ts'

const start = (env: Record<string, string>) => startServer({ QMS_JOBS: '0', ...env })

const fault = suite('kill -9 during NC workflow writes')
const cleanups: (() => Promise<void> | void)[] = []
fault.after(async () => {
  for (const c of cleanups.reverse()) await c()
})

fault('every acknowledged write survives, and no NC is half-done', async () => {
  const database = await scratchServerDatabase('qms_fault')
  cleanups.push(database.cleanup)
  const env: Record<string, string> = { QMS_DEMO: '1', ...database.env }

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
