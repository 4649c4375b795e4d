import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'
import { multipartForm, PNG_1X1 } from '../helpers/multipart-form.ts'
import { ifMatch } from '../../server/lib/concurrency.ts'
import { loggableError } from '../../server/lib/safe-log.ts'
import { validatorCompiler } from '../../server/lib/validation.ts'

// Issue 14, item 7: each reproduction of a 500 (or a silent acceptance) for bad input.
const ctx = appContext({ config: { bodyLimit: 4096 } })
const bad = suite('bad input is a 4xx problem, never a 500', ctx)

const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url')
const lists = [
  '/api/users',
  '/api/audit-log',
  '/api/documents',
  '/api/dossiers',
  '/api/inspections',
  '/api/findings',
  '/api/nonconformities',
  '/api/complaints',
  '/api/procedures',
  '/api/checklist-templates',
]

bad('a forged cursor whose values do not fit the sort key is a 400 naming cursor', async ({ as }) => {
  const admin = await as('admin')
  const manager = await as('manager')
  for (const url of lists) {
    for (const cursor of [forged(['2020-01-01T00:00:00Z', 'zzz']), forged([1, 2]), forged(['x\u0000', null])]) {
      let res = await admin.get(`${url}?cursor=${cursor}`)
      if (res.status === 403) res = await manager.get(`${url}?cursor=${cursor}`)
      assert.is(res.status, 400, `${url}: ${res.text}`)
      assert.is(res.body.errors?.[0]?.path, 'query.cursor', url)
    }
  }
})

bad('a NUL byte in a JSON field is a 400 naming the field, nothing stored', async ({ as }) => {
  const res = await (await as('admin')).post('/api/org-units', { code: 'NUL', name: 'a\u0000b' })
  assert.is(res.status, 400, res.text)
  assert.is(res.body.errors[0].path, 'name')
})

bad('a NUL byte or a lone surrogate in the query is a 400', async ({ as }) => {
  const admin = await as('admin')
  const nul = await admin.get('/api/dossiers?q=a%00b')
  assert.is(nul.status, 400, nul.text)
  assert.is(nul.body.errors[0].path, 'query.q')
  const surrogate = await admin.get('/api/dossiers?q=%ED%A0%80')
  assert.is(surrogate.status, 400, surrogate.text)
})

bad('a NUL byte in an upload filename is a 400', async ({ as }) => {
  const form = multipartForm({ file: { filename: 'a\u0000.png', contentType: 'image/png', data: PNG_1X1 } })
  const res = await (await as('auditor')).post('/api/attachments', form.body, { headers: { 'content-type': form.contentType } })
  assert.is(res.status, 400, res.text)
  assert.is(res.body.errors[0].path, 'filename')
})

bad('a failed query is logged without its parameters', () => {
  const error = Object.assign(new Error('Failed query: insert into "attachments" ("bytes") values ($1)\nparams: SECRET-FILE-BYTES'), {
    query: 'insert into "attachments" ("bytes") values ($1)',
    params: ['SECRET-FILE-BYTES'],
    cause: Object.assign(new Error('invalid byte sequence'), { code: '22021' }),
  })
  const logged = JSON.stringify(loggableError(error))
  assert.not.ok(logged.includes('SECRET'), logged)
  assert.ok(logged.includes('insert into'))
  assert.ok(logged.includes('22021'))
})

bad('a weak ETag in If-Match is a 400 asking for the strong one', async () => {
  assert.is(ifMatch({ 'if-match': '"3"' }), 3)
  try {
    ifMatch({ 'if-match': 'W/"1"' })
    assert.unreachable()
  } catch (err: any) {
    assert.is(err.status, 400)
    assert.match(err.detail, /strong ETag/)
  }
})

bad('JSON in another charset is a 415; invalid UTF-8 is a 400', async ({ as }) => {
  const admin = await as('admin')
  const utf16 = await admin.post('/api/org-units', Buffer.from('{"code":"U16","name":"x"}', 'utf16le'), { headers: { 'content-type': 'application/json; charset=utf-16' } })
  assert.is(utf16.status, 415, utf16.text)
  assert.match(String(utf16.headers['content-type']), /problem\+json/)
  const broken = await admin.post('/api/org-units', Buffer.concat([Buffer.from('{"code":"BAD","name":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), { headers: { 'content-type': 'application/json' } })
  assert.is(broken.status, 400, broken.text)
  assert.is(broken.body.errors[0].path, 'body')
})

bad('text is stored in NFC, so two spellings of one name are one name', async ({ as }) => {
  const res = await (await as('admin')).post('/api/org-units', { code: 'NFC', name: 'Phòng Ke\u0323\u0302 hoạch' })
  assert.is(res.status, 201, res.text)
  assert.is(res.body.name, 'Phòng Kệ hoạch'.normalize('NFC'))
  assert.is(res.body.name, res.body.name.normalize('NFC'))
})

bad('a year-0000 date is a 400 from validation, not a database error', () => {
  const check = validatorCompiler({ schema: { type: 'object', properties: { on: { type: 'string', format: 'date' }, at: { type: 'string', format: 'date-time' } } }, httpPart: 'body' } as any) as (v: unknown) => boolean
  assert.not.ok(check({ on: '0000-01-01' }))
  assert.not.ok(check({ at: '0000-01-01T00:00:00Z' }))
  assert.ok(check({ on: '2024-02-29', at: '2024-02-29T10:00:00Z' }))
})

/** One raw HTTP/1.1 exchange against a listening app; returns the answer text. */
async function raw(port: number, head: string, body?: { chunk: Buffer; times: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.on('data', (d) => (answer += d.toString('latin1')))
    socket.on('end', () => resolve(answer))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
    socket.write(head)
    if (body) {
      let sent = 0
      const next = () => {
        while (sent < body.times) {
          sent++
          if (!socket.write(body.chunk)) return void socket.once('drain', next)
        }
      }
      next()
    }
  })
}

bad('a 100 KB cursor gets a 431 problem; an oversize body is a 413 a client still sending can read', async ({ app }) => {
  await app.listen({ port: 0, host: '127.0.0.1' })
  try {
    const port = (app.server.address() as AddressInfo).port
    const big = await raw(port, `GET /api/users?cursor=${'A'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)
    assert.match(big, /^HTTP\/1\.1 431/)
    assert.match(big, /application\/problem\+json/)
    // 12 KB against a 4 KB limit, sent in pieces: the whole body is read before the 413, so no EPIPE.
    const chunk = Buffer.alloc(1024, 'a')
    const huge = await raw(port, `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${12 * 1024}\r\n\r\n`, { chunk, times: 12 })
    assert.match(huge, /^HTTP\/1\.1 413/, huge.slice(0, 300))
    assert.match(huge, /application\/problem\+json/)
  } finally {
    // The context closes the app; only stop listening here.
    await new Promise<void>((r) => app.server.close(() => r()))
  }
})

ctx.use(bad)
bad.run()
