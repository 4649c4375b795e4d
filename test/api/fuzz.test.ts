/**
 * Fuzz (issue 14, item 10): requests generated from the app's own OpenAPI document
 * (/docs/json), at least REQUESTS_PER_CLASS per route class (method × module), with
 * bad types, boundary values, NUL / emoji / combining marks, forged ids and forged
 * cursors. Two promises are checked for every request: never a 5xx, and a 4xx writes
 * nothing (the audit log, which every write appends to, does not move, and on a class
 * that answered only 4xx no table gained or lost a row).
 *
 * Replay a failure with the seed it prints: FUZZ_SEED=1234 npm test -- fuzz
 */
import { sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { queryRows } from '../../db/client.ts'
import { ApiClient, appContext } from '../helpers/app.ts'
import { random } from '../helpers/random.ts'

// 200 by default; CI sends fewer (FUZZ_REQUESTS) on each of its two databases to stay in its time budget —
// every run picks a new seed, so the runs together still cover far more than one.
const REQUESTS_PER_CLASS = Number(process.env.FUZZ_REQUESTS) || 200
const SEED = Number(process.env.FUZZ_SEED) || Math.floor(Math.random() * 1e9)

// Sign-out ends the fuzzing session itself; everything else is fair game.
const SKIPPED = new Set(['POST /api/auth/logout'])

const ctx = appContext()
const fuzz = suite('fuzzing every route from /docs/json', ctx)

interface Operation {
  method: string
  path: string
  params: { name: string; in: string; schema?: any }[]
  body?: any
  multipart: boolean
}

function operations(spec: any): Operation[] {
  const ops: Operation[] = []
  for (const [path, item] of Object.entries<any>(spec.paths)) {
    if (!path.startsWith('/api/')) continue
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method]
      if (!op || SKIPPED.has(`${method.toUpperCase()} ${path}`)) continue
      const content = op.requestBody?.content ?? {}
      ops.push({
        method: method.toUpperCase(),
        path,
        params: [...(item.parameters ?? []), ...(op.parameters ?? [])],
        body: content['application/json']?.schema,
        multipart: Boolean(content['multipart/form-data']),
      })
    }
  }
  return ops
}

const classOf = (op: Operation) => `${op.method} ${op.path.split('/')[2]}`

/** Values that are wrong, odd or at the edge; some are right-looking but point nowhere. */
function badValues(rnd: ReturnType<typeof random>): unknown[] {
  const forgedCursor = Buffer.from(JSON.stringify([rnd.pick(['2020-01-01T00:00:00Z', 'zzz', 42, null, '0000-00-00']), rnd.pick(['zzz', 'x'.repeat(2000), -1, '\u0000'])])).toString('base64url')
  return [
    '',
    ' ',
    'x'.repeat(rnd.pick([255, 256, 1001, 20_000])),
    'a\u0000b',
    '\uD800',
    '😀🧪',
    'e\u0301\u0323\u0308',
    'Nguyễn Văn A',
    '00000000-0000-0000-0000-000000000000',
    crypto.randomUUID(),
    'not-a-uuid',
    '0000-01-01',
    '2026-02-30',
    '9999-12-31T23:59:59Z',
    forgedCursor,
    -1,
    0,
    2 ** 53,
    1e308,
    -0.5,
    true,
    null,
    [],
    [null],
    {},
    { $ne: 1 },
    rnd.int(-1000, 1000),
  ]
}

function valueFor(schema: any, rnd: ReturnType<typeof random>): unknown {
  if (rnd.next() < 0.7) return rnd.pick(badValues(rnd))
  // Otherwise something of the right shape, often at its boundary.
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type
  if (schema?.enum) return rnd.pick(schema.enum)
  if (type === 'integer' || type === 'number') return rnd.pick([schema.minimum ?? 0, schema.maximum ?? 1e6, (schema.minimum ?? 0) - 1, (schema.maximum ?? 1e6) + 1])
  if (type === 'boolean') return rnd.next() < 0.5
  if (type === 'array') return Array.from({ length: rnd.int(0, 3) }, () => valueFor(schema.items, rnd))
  if (type === 'object') return bodyFor(schema, rnd)
  if (schema?.format === 'uuid') return crypto.randomUUID()
  if (schema?.format === 'date') return rnd.pick(['2026-12-06', '1900-01-01', '2100-12-31'])
  return 'x'.repeat(Math.max(0, rnd.pick([schema?.minLength ?? 1, schema?.maxLength ?? 10, (schema?.maxLength ?? 10) + 1])))
}

function bodyFor(schema: any, rnd: ReturnType<typeof random>): unknown {
  if (!schema || rnd.next() < 0.05) return rnd.pick(badValues(rnd))
  const props = schema.properties ?? {}
  const body: Record<string, unknown> = {}
  for (const [name, prop] of Object.entries<any>(props)) if (rnd.next() < 0.8) body[name] = valueFor(prop, rnd)
  if (rnd.next() < 0.2) body[rnd.pick(['__proto__', 'constructor', 'x\u0000', 'é'])] = 1
  return body
}

const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v))

/** Percent-encodes, sending a lone surrogate as the bytes a careless client would (WTF-8). */
function encodePart(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return text.split(/([\uD800-\uDFFF])/).map((part) => (/^[\uD800-\uDFFF]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part))).join('')
  }
}

function requestFor(op: Operation, rnd: ReturnType<typeof random>) {
  let url = op.path
  const query = new URLSearchParams()
  for (const p of op.params) {
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodePart(asText(valueFor(p.schema, rnd)) || 'x'))
    else if (p.in === 'query' && rnd.next() < 0.6) query.set(p.name, asText(valueFor(p.schema, rnd)))
  }
  if (rnd.next() < 0.1) query.set('cursor', asText(rnd.pick(badValues(rnd))))
  const qs = query.toString()
  const headers: Record<string, string> = {}
  const ifMatch = rnd.pick([undefined, '"1"', 'W/"1"', '"999999"', '*', '"\u00e9"', 'garbage'])
  if (ifMatch && op.method !== 'GET') headers['if-match'] = ifMatch
  let payload: unknown
  if (op.method !== 'GET' && op.method !== 'DELETE') {
    if (op.multipart) {
      headers['content-type'] = 'multipart/form-data; boundary=fuzz'
      payload = `--fuzz\r\nContent-Disposition: form-data; name="file"; filename="${asText(rnd.pick(badValues(rnd))).slice(0, 300).replace(/"/g, '')}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 fuzz\r\n--fuzz--\r\n`
    } else payload = bodyFor(op.body, rnd)
  }
  return { method: op.method, url: qs ? `${url}?${qs}` : url, payload, headers }
}

const auditHead = async (db: any) => (await queryRows<{ n: string | null }>(db, sql`select max(seq)::text as n from audit_log`))[0]?.n ?? null

async function rowCounts(db: any): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(db, sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)
  // Sign-in attempts, sessions and idempotency records are bookkeeping of the request, not data a user made.
  const counted = tables.map((t) => t.name).filter((n) => !/login|session|idempotency/.test(n))
  const rows = await queryRows<{ name: string; n: number }>(
    db,
    sql.raw(counted.map((n) => `select '${n}' as name, count(*)::int as n from "${n}"`).join(' union all ')),
  )
  return Object.fromEntries(rows.map((r) => [r.name, r.n]))
}

fuzz(`no 5xx, and nothing written on a 4xx (seed ${SEED})`, async ({ app, db, as }) => {
  const spec = JSON.parse((await app.inject({ method: 'GET', url: '/docs/json' })).body)
  const ops = operations(spec)
  const classes = new Map<string, Operation[]>()
  for (const op of ops) classes.set(classOf(op), [...(classes.get(classOf(op)) ?? []), op])
  assert.ok(classes.size >= 20, `expected many route classes, found ${classes.size}`)

  const rnd = random(SEED)
  let admin: ApiClient = await as('admin')
  const failures: string[] = []
  let sent = 0
  for (const [name, members] of classes) {
    let before = await rowCounts(db)
    let only4xx = true
    for (let i = 0; i < REQUESTS_PER_CLASS; i++) {
      const op = members[i % members.length]!
      const req = requestFor(op, rnd)
      const head = await auditHead(db)
      const res = await admin.request(req.method as any, req.url, req.payload as any, { headers: req.headers })
      sent++
      if (res.status >= 500) failures.push(`${res.status} ${req.method} ${req.url} ${JSON.stringify(req.payload)?.slice(0, 300)} → ${res.text.slice(0, 200)}`)
      else if (res.status >= 400) {
        const after = await auditHead(db)
        if (after !== head) failures.push(`${res.status} but audited: ${req.method} ${req.url} ${JSON.stringify(req.payload)?.slice(0, 300)}`)
      } else only4xx = false
      // A fuzzed request may have signed the admin out (a password change, say): sign in again.
      if (res.status === 401) {
        admin = new ApiClient(app)
        await admin.login('admin')
        // Signing in is audited: count from here (the requests before it were checked one by one).
        before = await rowCounts(db)
      }
    }
    if (only4xx) {
      const after = await rowCounts(db)
      for (const [table, n] of Object.entries(after)) if (before[table] !== n) failures.push(`${name}: only 4xx, yet ${table} went from ${before[table]} to ${n} rows`)
    }
  }
  assert.ok(sent >= classes.size * REQUESTS_PER_CLASS)
  if (failures.length) assert.unreachable(`FUZZ_SEED=${SEED}: ${failures.length} of ${sent} requests broke a rule:\n${failures.slice(0, 25).join('\n')}`)
})

ctx.use(fuzz)
fuzz.run()
