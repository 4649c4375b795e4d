/**
 * Issue 14, item 4: the audit log is a hash chain, so an entry changed or removed behind
 * the append-only triggers' back (by the table's owner, as here) is found.
 */
import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { queryRows } from '../../db/client.ts'
import { systemActor } from '../../server/lib/permissions.ts'
import { verifyAuditChain } from '../../server/modules/audit-log/chain.ts'
import { appContext } from '../helpers/app.ts'
import { testEngine } from '../helpers/database.ts'

const ctx = appContext()
const chain = suite(`the audit log's hash chain (${testEngine})`, ctx)

const count = async (db: typeof ctx.db) =>
  (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log`))[0]!.n

chain('the chain is intact after writes, concurrent ones included, and verified in batches', async ({ as, db }) => {
  const admin = await as('admin')
  const writes = await Promise.all(
    Array.from({ length: 8 }, (_, i) => admin.post('/api/org-units', { code: `CH${i}`, name: `Chain ${i}` })),
  )
  for (const w of writes) assert.is(w.status, 201, w.text)
  const report = await admin.get('/api/audit-log/verify')
  assert.is(report.status, 200, report.text)
  const total = await count(db)
  assert.equal({ ok: report.body.ok, checked: report.body.checked, firstBroken: report.body.firstBroken }, { ok: true, checked: total, firstBroken: null })
  assert.is(report.body.head.seq, total)
  assert.match(report.body.head.hash, /^[0-9a-f]{64}$/)
  // Small batches cross batch boundaries and give the same answer.
  assert.equal(await verifyAuditChain(db, systemActor, 3), report.body)
})

chain('the writer cannot choose the sequence number or hash', async ({ db }) => {
  await db.execute(sql`insert into audit_log (action, entity_type, seq, prev_hash, hash) values ('forged', 'x', 1, null, 'forged')`)
  const [row] = await queryRows<{ seq: string; hash: string }>(db, sql`select seq, hash from audit_log where action = 'forged'`)
  assert.is(Number(row!.seq), await count(db))
  assert.is.not(row!.hash, 'forged')
  assert.ok((await verifyAuditChain(db, systemActor)).ok)
})

chain('verify reports the first entry changed or removed by the owner', async ({ as, db }) => {
  const admin = await as('admin')
  const [target] = await queryRows<{ seq: string; id: string; action: string }>(db, sql`select seq, id, action from audit_log order by seq limit 1 offset 4`)
  const seq = Number(target!.seq)
  const tamper = async (statement: ReturnType<typeof sql>) => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`)
      await tx.execute(statement)
      await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`)
    })
  }

  await tamper(sql`update audit_log set action = 'forged.action' where id = ${target!.id}`)
  let report = (await admin.get('/api/audit-log/verify')).body
  assert.is(report.ok, false)
  assert.is(report.checked, seq - 1)
  assert.equal({ seq: report.firstBroken.seq, id: report.firstBroken.id, reason: report.firstBroken.reason }, { seq, id: target!.id, reason: 'hash' })

  // Changing the hash too only moves the break to the next entry's link.
  await tamper(sql`update audit_log set hash = audit_log_entry_hash(audit_log) where id = ${target!.id}`)
  report = (await admin.get('/api/audit-log/verify')).body
  assert.equal({ seq: report.firstBroken.seq, reason: report.firstBroken.reason }, { seq: seq + 1, reason: 'link' })

  await tamper(sql`delete from audit_log where id = ${target!.id}`)
  report = (await admin.get('/api/audit-log/verify')).body
  assert.equal({ seq: report.firstBroken.seq, reason: report.firstBroken.reason }, { seq: seq + 1, reason: 'gap' })
})

chain('only administrators verify', async ({ as, anonymous }) => {
  for (const u of ['manager', 'auditor', 'head', 'staff']) assert.is((await (await as(u)).get('/api/audit-log/verify')).status, 403, u)
  assert.is((await anonymous().get('/api/audit-log/verify')).status, 401)
})

ctx.use(chain)
chain.run()
