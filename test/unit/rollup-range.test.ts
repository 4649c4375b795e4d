import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { addDays } from '../../server/lib/clock.ts'
import { dekadStart, firstOfMonth, firstOfYear, nextDekad, nextMonth, nextYear, rangeParts, type Coarsest } from '../../server/lib/rollup-range.ts'
import { random } from '../helpers/random.ts'

/** Each part's rows are whole periods of its grain, the parts follow one another and cover [from, to] exactly. */
function assertExact(from: string, to: string, coarsest: Coarsest) {
  const parts = rangeParts(from, to, coarsest)
  const where = `${from}..${to} (${coarsest})`
  let cur = from
  for (const p of parts) {
    assert.is(p.from, cur, `${where}: contiguous`)
    assert.ok(p.from < p.until, `${where}: not empty`)
    const aligned = { day: (d: string) => d, dekad: dekadStart, month: firstOfMonth, year: firstOfYear }[p.grain as 'day']
    const next = { day: (d: string) => addDays(d, 1), dekad: nextDekad, month: nextMonth, year: nextYear }[p.grain as 'day']
    assert.is(aligned(p.from), p.from, `${where}: ${p.grain} part starts on a ${p.grain}`)
    // Whole periods: stepping from the start lands exactly on the end.
    let at = p.from
    while (at < p.until) at = next(at)
    assert.is(at, p.until, `${where}: ${p.grain} part ends on a ${p.grain} boundary`)
    if (coarsest === 'month') assert.is.not(p.grain, 'year', `${where}: no year rows for readers by month`)
    cur = p.until
  }
  assert.is(cur, addDays(to, 1), `${where}: covers the last day`)
  return parts
}

test('a period is covered exactly, whichever grains it may use', () => {
  const rng = random(20261207)
  for (let i = 0; i < 400; i++) {
    const from = addDays('2018-01-01', rng.int(0, 3000))
    const to = addDays(from, rng.int(0, 2200))
    assertExact(from, to, 'month')
    assertExact(from, to, 'year')
  }
})

test('five years to the end of November read year rows for the whole years, months around them', () => {
  const parts = assertExact('2021-12-01', '2026-11-30', 'year')
  assert.equal(parts, [
    { grain: 'month', from: '2021-12-01', until: '2022-01-01' },
    { grain: 'year', from: '2022-01-01', until: '2026-01-01' },
    { grain: 'month', from: '2026-01-01', until: '2026-12-01' },
  ])
  // A reader that groups by month gets month rows throughout.
  assert.equal(rangeParts('2021-12-01', '2026-11-30'), [{ grain: 'month', from: '2021-12-01', until: '2026-12-01' }])
})

test('ragged ends are read by dekad and day', () => {
  assert.equal(rangeParts('2025-11-15', '2026-11-14', 'year'), [
    { grain: 'day', from: '2025-11-15', until: '2025-11-21' },
    { grain: 'dekad', from: '2025-11-21', until: '2025-12-01' },
    { grain: 'month', from: '2025-12-01', until: '2026-11-01' },
    { grain: 'dekad', from: '2026-11-01', until: '2026-11-11' },
    { grain: 'day', from: '2026-11-11', until: '2026-11-15' },
  ])
})
test.run()
