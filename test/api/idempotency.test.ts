import { randomUUID } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { purgeIdempotencyKeys, RETENTION_HOURS } from '../../server/modules/idempotency/service.ts'
import { appContext, type ApiClient } from '../helpers/app.ts'

const ctx = appContext()
const retries = suite('retrying a change with an Idempotency-Key', ctx)

const withKey = (key: string) => ({ headers: { 'idempotency-key': key } })

async function complaintsAbout(client: ApiClient, summary: string) {
  const res = await client.get('/api/complaints?limit=500')
  return res.body.items.filter((c: { summary: string }) => c.summary === summary)
}

retries('a retry gets the first response back and writes nothing', async ({ as }) => {
  const manager = await as('manager')
  const key = randomUUID()
  const body = { kind: 'feedback', summary: `Phản ánh ${key}` }
  const first = await manager.post('/api/complaints', body, withKey(key))
  assert.is(first.status, 201, first.text)
  const again = await manager.post('/api/complaints', body, withKey(key))
  assert.is(again.status, 201)
  assert.is(again.headers['idempotent-replayed'], 'true')
  assert.equal(again.body, first.body)
  assert.is(again.headers.etag, first.headers.etag)
  assert.is((await complaintsAbout(manager, body.summary)).length, 1)
})

retries('two requests with one key at the same time do the work once', async ({ as }) => {
  const manager = await as('manager')
  const key = randomUUID()
  const body = { kind: 'feedback', summary: `Cùng lúc ${key}` }
  const [a, b] = await Promise.all([manager.post('/api/complaints', body, withKey(key)), manager.post('/api/complaints', body, withKey(key))])
  assert.equal([a.status, b.status], [201, 201], `${a.text} ${b.text}`)
  assert.is(a.body.id, b.body.id)
  assert.is((await complaintsAbout(manager, body.summary)).length, 1)
})

retries('the same key with another body is refused with 422 and changes nothing', async ({ as }) => {
  const manager = await as('manager')
  const key = randomUUID()
  const first = await manager.post('/api/complaints', { kind: 'feedback', summary: `Lần đầu ${key}` }, withKey(key))
  assert.is(first.status, 201)
  const other = await manager.post('/api/complaints', { kind: 'feedback', summary: `Lần khác ${key}` }, withKey(key))
  assert.is(other.status, 422, other.text)
  assert.match(String(other.headers['content-type']), 'application/problem+json')
  assert.match(other.body.detail, 'Idempotency-Key')
  assert.is((await complaintsAbout(manager, `Lần khác ${key}`)).length, 0)
})

retries('a change sent again after it succeeded replays its answer instead of a 412', async ({ as }) => {
  const manager = await as('manager')
  const created = await manager.post('/api/complaints', { kind: 'feedback', summary: `Sửa ${randomUUID()}` })
  const key = randomUUID()
  const change = { status: 'processing' }
  const first = await manager.patch(`/api/complaints/${created.body.id}`, change, { ifMatch: 1, ...withKey(key) })
  assert.is(first.status, 200, first.text)
  assert.is(first.body.version, 2)
  const again = await manager.patch(`/api/complaints/${created.body.id}`, change, { ifMatch: 1, ...withKey(key) })
  assert.is(again.status, 200, again.text)
  assert.is(again.body.version, 2)
  const now = await manager.get(`/api/complaints/${created.body.id}`)
  assert.is(now.body.version, 2, 'the record changed once')
})

retries('keys belong to a user: another user with the same key makes their own change', async ({ as, unitId }) => {
  const key = randomUUID()
  const manager = await as('manager')
  const head = await as('head')
  const mine = await manager.post('/api/complaints', { kind: 'feedback', summary: `Người này ${key}` }, withKey(key))
  const theirs = await head.post('/api/complaints', { kind: 'feedback', orgUnitId: await unitId('TNTKQ'), summary: `Người kia ${key}` }, withKey(key))
  assert.equal([mine.status, theirs.status], [201, 201], theirs.text)
  assert.is.not(mine.body.id, theirs.body.id)
})

retries('a refused change is replayed as refused; a malformed key is a 400 naming the header', async ({ as }) => {
  const staff = await as('staff')
  const key = randomUUID()
  const refused = await staff.post('/api/complaints', { kind: 'feedback', summary: 'x' }, withKey(key))
  assert.is(refused.status, 403)
  const again = await staff.post('/api/complaints', { kind: 'feedback', summary: 'x' }, withKey(key))
  assert.is(again.status, 403)
  assert.is(again.headers['idempotent-replayed'], 'true')
  const bad = await staff.post('/api/complaints', { kind: 'feedback', summary: 'x' }, withKey('short'))
  assert.is(bad.status, 400)
  assert.ok(bad.body.errors.some((e: { path: string }) => e.path.includes('idempotency-key')), bad.text)
})

retries('the OpenAPI document declares the header and its answers on every change', async ({ anonymous }) => {
  const doc = (await anonymous().get('/docs/json')).body
  const changes = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method, op]) => ['post', 'put', 'patch', 'delete'].includes(method) && op.security)
      .map(([method, op]) => ({ path, method, op })),
  )
  assert.ok(changes.length > 50, `${changes.length} changes`)
  for (const { path, method, op } of changes) {
    const header = (op.parameters ?? []).find((p: { in: string; name: string }) => p.in === 'header' && p.name === 'idempotency-key')
    assert.ok(header, `${method} ${path} declares Idempotency-Key`)
    assert.ok(op.responses['422'], `${method} ${path} declares 422`)
  }
})

retries(`keys are forgotten after ${RETENTION_HOURS} hours`, async ({ as, db }) => {
  const manager = await as('manager')
  const key = randomUUID()
  const body = { kind: 'feedback', summary: `Cũ ${key}` }
  assert.is((await manager.post('/api/complaints', body, withKey(key))).status, 201)
  const soon = await purgeIdempotencyKeys(db, new Date(Date.now() + (RETENTION_HOURS - 1) * 3600_000))
  assert.is((await manager.post('/api/complaints', body, withKey(key))).headers['idempotent-replayed'], 'true', `kept: ${JSON.stringify(soon)}`)
  const later = await purgeIdempotencyKeys(db, new Date(Date.now() + (RETENTION_HOURS + 1) * 3600_000))
  assert.ok(later.purged >= 1)
})

ctx.use(retries)
retries.run()
