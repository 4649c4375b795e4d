import { Type } from 'typebox'
import fastJson from 'fast-json-stringify'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { Nullable, Page } from '../../server/lib/schemas.ts'
import { serializerCompiler } from '../../server/lib/serialization.ts'

const Person = Type.Object({ id: Type.String(), fullName: Type.String(), score: Nullable(Type.Number()), seenAt: Type.String() })
const PersonPage = Page(Person)
const compile = (schema: unknown) => serializerCompiler({ schema: schema as never, method: 'GET', url: '/x', httpStatus: '200' })
const text = (out: unknown) => (Buffer.isBuffer(out) ? out.toString('utf8') : (out as string))

const people = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `u-${i}`,
    fullName: `Nguyễn Thị Phương Thảo ${i} — "Phòng Tư pháp"\n`,
    score: i % 3 ? i / 7 : null,
    seenAt: new Date(Date.UTC(2020, 0, 1 + i)),
    password: 'never sent',
  }))

test('a list page is written exactly as the default serialiser writes it, as one Buffer, past many chunks', () => {
  const ours = compile(PersonPage)
  const fastify = fastJson(PersonPage as never)
  for (const n of [0, 1, 2, 50, 2000]) {
    const page = { items: people(n), nextCursor: n ? 'abc' : null }
    const out = ours(page)
    assert.ok(Buffer.isBuffer(out), `${n} items: a Buffer`)
    assert.is(text(out), fastify(page), `${n} items`)
  }
})

test('fields outside the item schema stay out, and the result is valid JSON with diacritics intact', () => {
  const parsed = JSON.parse(text(compile(PersonPage)({ items: people(600), nextCursor: null })))
  assert.is(parsed.items.length, 600)
  assert.is(parsed.items[599].fullName, 'Nguyễn Thị Phương Thảo 599 — "Phòng Tư pháp"\n')
  assert.is(parsed.items[1].seenAt, '2020-01-02T00:00:00.000Z')
  assert.not.ok('password' in parsed.items[0])
  assert.is(parsed.nextCursor, null)
})

test('any other response keeps the default serialiser (a string)', () => {
  const Summary = Type.Object({ items: Type.Array(Person), total: Type.Integer(), nextCursor: Nullable(Type.String()) })
  const out = compile(Summary)({ items: [], total: 3, nextCursor: null })
  assert.type(out, 'string')
  assert.is(out, '{"items":[],"total":3,"nextCursor":null}')
})

test.run()
