import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'

const ctx = appContext()
const audit = suite('the audit log', ctx)

audit('every write records actor, action, before and after, and the request id', async ({ as }) => {
  const admin = await as('admin')
  const created = await admin.post('/api/org-units', { code: 'AL', name: 'Audit one' })
  const updated = await admin.patch(`/api/org-units/${created.body.id}`, { name: 'Audit two' }, { ifMatch: 1 })
  const log = await admin.get(`/api/audit-log?entityType=org_unit&entityId=${created.body.id}`)
  assert.is(log.status, 200)
  const [update, create] = log.body.items
  assert.is(update.action, 'org_unit.update')
  assert.is(update.before.name, 'Audit one')
  assert.is(update.after.name, 'Audit two')
  assert.is(update.actorUsername, 'admin')
  assert.is(update.requestId, updated.headers['x-request-id'])
  assert.is(create.action, 'org_unit.create')
  assert.is(create.before, null)
})

audit('a refused write leaves no trace', async ({ as }) => {
  const admin = await as('admin')
  const before = (await admin.get('/api/audit-log?entityType=org_unit&limit=500')).body.items.length
  await admin.post('/api/org-units', { code: 'VP', name: 'Duplicate' })
  await (await as('staff')).post('/api/org-units', { code: 'NEW', name: 'Not allowed' })
  assert.is((await admin.get('/api/audit-log?entityType=org_unit&limit=500')).body.items.length, before)
})

audit('passwords never reach the log', async ({ as }) => {
  const admin = await as('admin')
  await admin.post('/api/users', { username: 'secret.keeper', fullName: 'Secret Keeper', password: 'very-secret-pw' })
  const log = await admin.get('/api/audit-log?entityType=user&limit=500')
  assert.not.ok(JSON.stringify(log.body).includes('very-secret-pw'))
  assert.not.ok(JSON.stringify(log.body).includes('scrypt$'))
})

audit('managers read it; auditors, heads and staff do not', async ({ as }) => {
  assert.is((await (await as('manager')).get('/api/audit-log')).status, 200)
  for (const u of ['auditor', 'head', 'staff']) assert.is((await (await as(u)).get('/api/audit-log')).status, 403, u)
})

audit('the database refuses to change or delete entries', async ({ db }) => {
  for (const statement of [sql`update audit_log set action = 'forged'`, sql`delete from audit_log`, sql`truncate audit_log`]) {
    let failed = false
    try {
      await db.execute(statement)
    } catch {
      failed = true
    }
    assert.ok(failed, 'the statement should fail')
  }
})

audit('no API changes the log', async ({ as }) => {
  const admin = await as('admin')
  assert.is((await admin.delete('/api/audit-log')).status, 404)
  assert.is((await admin.post('/api/audit-log', { action: 'x' })).status, 404)
})

ctx.use(audit)
audit.run()
