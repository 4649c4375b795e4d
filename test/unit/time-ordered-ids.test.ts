import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { timeOrderedIds } from '../../server/lib/time-ordered-ids.ts'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

test('version-7 uuids with the millisecond first, increasing within a batch', () => {
  const at = new Date('2026-12-07T06:30:00.123Z')
  const ids = timeOrderedIds(10_000, at)
  assert.is(ids.length, 10_000)
  for (const id of ids) assert.ok(UUID_V7.test(id), id)
  assert.is(ids[0].replace('-', '').slice(0, 12), at.getTime().toString(16).padStart(12, '0'))
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1] < ids[i], `${ids[i - 1]} < ${ids[i]}`)
  assert.is(new Set(ids).size, ids.length)
})

test('a later batch sorts after an earlier one; two batches of the same millisecond do not collide', () => {
  const earlier = timeOrderedIds(3, new Date('2026-12-07T06:30:00.000Z'))
  const later = timeOrderedIds(3, new Date('2026-12-07T06:30:00.001Z'))
  assert.ok(earlier[2] < later[0])
  const again = timeOrderedIds(1000, new Date('2026-12-07T06:30:00.000Z'))
  const other = timeOrderedIds(1000, new Date('2026-12-07T06:30:00.000Z'))
  assert.is(new Set([...again, ...other]).size, 2000)
})

test.run()
