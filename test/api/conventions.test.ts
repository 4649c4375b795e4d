import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'

const ctx = appContext({ config: { bodyLimit: 4096 } })

const errors = suite('errors are problem+json', ctx)

errors('an unknown API path is a 404 problem', async ({ as }) => {
  const res = await (await as('admin')).get('/api/no-such-thing')
  assert.is(res.status, 404)
  assert.match(String(res.headers['content-type']), /application\/problem\+json/)
  assert.is(res.body.title, 'Not found')
})

errors('a body that is not JSON is a 415; broken JSON is a 400', async ({ as }) => {
  const admin = await as('admin')
  const text = await admin.post('/api/org-units', 'code=X', { headers: { 'content-type': 'text/plain' } })
  assert.is(text.status, 415)
  assert.is(text.body.status, 415)
  const broken = await admin.post('/api/org-units', '{"code":', { headers: { 'content-type': 'application/json' } })
  assert.is(broken.status, 400)
  assert.is(broken.body.type, 'urn:qms:problem:validation')
})

errors('a body over the limit is a 413', async ({ as }) => {
  const res = await (await as('admin')).post('/api/org-units', { code: 'BIG', name: 'x'.repeat(10_000) })
  assert.is(res.status, 413)
  assert.is(res.body.status, 413)
})

errors('a server error hides its details', async ({ app, handle, as }) => {
  const admin = await as('admin')
  // Break the database under the app: the answer is a bare 500 with a request id.
  const original = app.db.select.bind(app.db)
  ;(app.db as any).select = () => {
    throw new Error('relation "secret_table" does not exist at SELECT * FROM secret_table')
  }
  try {
    const res = await admin.get('/api/org-units')
    assert.is(res.status, 500)
    assert.not.ok(res.text.includes('secret_table'))
    assert.not.ok(res.text.includes('at '))
    assert.ok(res.body.requestId)
  } finally {
    ;(app.db as any).select = original
  }
  assert.ok(handle)
})

const operations = suite('operations endpoints', ctx)

operations('health and readiness', async ({ anonymous }) => {
  const health = await anonymous().get('/health')
  assert.equal(health.body, { status: 'ok' })
  const ready = await anonymous().get('/ready')
  assert.is(ready.status, 200)
  assert.is(ready.body.migrations.applied, ready.body.migrations.expected)
})

operations('security headers are set', async ({ anonymous }) => {
  const res = await anonymous().get('/health')
  assert.match(String(res.headers['content-security-policy']), /script-src 'self'/)
  assert.is(res.headers['x-content-type-options'], 'nosniff')
  assert.ok(res.headers['x-request-id'])
})

operations('the reference clause outline is served', async ({ as }) => {
  const res = await (await as('staff')).get('/api/iso-clauses')
  assert.is(res.status, 200)
  const clause = res.body.items.find((c: { number: string }) => c.number === '7.5.3')
  assert.ok(clause)
  assert.is(clause.parent, '7.5')
  assert.ok(clause.vi.length > 0)
})

operations('the clause tree goes to the deepest numbered level, and auditors\' everyday citations are accepted', async ({ as, unitId }) => {
  const items = (await (await as('staff')).get('/api/iso-clauses')).body.items as { number: string; parent: string | null; vi: string; en: string; described: boolean }[]
  const byNumber = new Map(items.map((c) => [c.number, c]))
  // The standard's numbering: every subclause of 4–10 (ISO 9001:2015 has 91 numbered headings and paragraphs).
  const expected = [
    '4.4.1', '4.4.2', '6.1.1', '6.1.2', '6.2.1', '6.2.2', '7.1.5.1', '7.1.5.2', '7.5.3.1', '7.5.3.2', '8.2.1', '8.2.2', '8.2.3', '8.2.3.1', '8.2.3.2', '8.2.4',
    '8.3.1', '8.3.2', '8.3.3', '8.3.4', '8.3.5', '8.3.6', '8.4.1', '8.4.2', '8.4.3', '8.5.1', '8.5.2', '8.5.3', '8.5.4', '8.5.5', '8.5.6', '8.7.1', '8.7.2',
    '9.2.1', '9.2.2', '9.3.1', '9.3.2', '9.3.3', '10.2.1', '10.2.2',
  ]
  for (const n of expected) assert.ok(byNumber.get(n)?.vi, `${n} is in the tree with a Vietnamese title`)
  assert.is(items.length, 91)
  for (const c of items) if (c.parent) assert.ok(byNumber.has(c.parent), `${c.number}'s parent ${c.parent} exists`)
  assert.equal([byNumber.get('7.1.5.2')!.vi, byNumber.get('7.1.5.2')!.described], ['Liên kết chuẩn đo lường', false])
  assert.is(byNumber.get('10.2.1')!.described, true, 'an untitled paragraph says so')

  const auditor = await as('auditor')
  const nc = await auditor.post('/api/nonconformities', { source: 'internal_audit', orgUnitId: await unitId('TNTKQ'), title: 'Sổ theo dõi không ghi đủ', severity: 'minor', clauseNumbers: ['8.2.1', '8.5.1', '9.2.2', '10.2.1'] })
  assert.is(nc.status, 201, nc.text)
  assert.equal(nc.body.clauseNumbers, ['8.2.1', '8.5.1', '9.2.2', '10.2.1'])
  const bad = await auditor.post('/api/nonconformities', { source: 'internal_audit', orgUnitId: await unitId('TNTKQ'), title: 'X', severity: 'minor', clauseNumbers: ['8.5.7'] })
  assert.equal([bad.status, bad.body.errors?.[0]?.path], [400, 'clauseNumbers.0'])
})

const openapi = suite('the OpenAPI document', ctx)

openapi('is OpenAPI 3.1 and every API operation declares its responses', async ({ anonymous }) => {
  const res = await anonymous().get('/docs/json')
  assert.is(res.status, 200)
  assert.is(res.body.openapi, '3.1.0')
  const paths = Object.entries(res.body.paths) as [string, Record<string, any>][]
  assert.ok(paths.length > 10)
  for (const [path, operations] of paths) {
    if (!path.startsWith('/api/')) continue
    for (const [method, op] of Object.entries(operations)) {
      const statuses = Object.keys(op.responses ?? {})
      assert.ok(statuses.some((s) => s.startsWith('2')), `${method} ${path} has a success response`)
      assert.ok(statuses.includes('500'), `${method} ${path} declares 500`)
      if (path !== '/api/auth/login') assert.ok(statuses.includes('401'), `${method} ${path} declares 401`)
      const problem = op.responses['500'].content['application/problem+json']
      assert.ok(problem, `${method} ${path}: problems are application/problem+json`)
      if (['patch'].includes(method)) {
        for (const s of ['412', '428']) assert.ok(statuses.includes(s), `${method} ${path} declares ${s}`)
      }
    }
  }
})

openapi('Swagger UI is served at /docs', async ({ anonymous }) => {
  const res = await anonymous().get('/docs/')
  assert.is(res.status, 200)
  assert.match(res.text, /swagger/i)
})

ctx.use(errors, operations, openapi)
errors.run()
operations.run()
openapi.run()
