import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { addDays, daysBetween, localDate } from '../../server/lib/clock.ts'
import { escalationSteps } from '../../server/modules/nonconformities/escalation.ts'

const defaults = { timeZone: 'Asia/Ho_Chi_Minh', remindDaysBeforeDue: 3, escalateToHeadDays: 3, escalateToManagerDays: 10 }
const on = (daysOverdue: number, t = defaults) => escalationSteps({ daysOverdue, dueDate: '2030-01-10' }, t)

test('the ladder by days overdue (negative: before the due date)', () => {
  assert.equal(on(-4), [])
  assert.equal(on(-3), ['due_soon'])
  assert.equal(on(0), ['due_soon'])
  assert.equal(on(1), ['overdue'])
  assert.equal(on(2), ['overdue'])
  assert.equal(on(3), ['overdue', 'head'])
  assert.equal(on(9), ['overdue', 'head'])
  assert.equal(on(10), ['overdue', 'head', 'manager'])
})

test('a zero threshold still waits until something is actually overdue', () => {
  const eager = { ...defaults, remindDaysBeforeDue: 0, escalateToHeadDays: 0, escalateToManagerDays: 0 }
  assert.equal(on(-1, eager), [])
  assert.equal(on(0, eager), ['due_soon'])
  assert.equal(on(1, eager), ['overdue', 'head', 'manager'])
})

test('"today" is the date in the agency’s time zone, not the server’s', () => {
  // 18:00 UTC on 9 January is already 10 January in Vietnam (UTC+7).
  assert.is(localDate(new Date('2030-01-09T18:00:00Z'), 'Asia/Ho_Chi_Minh'), '2030-01-10')
  assert.is(localDate(new Date('2030-01-09T16:00:00Z'), 'Asia/Ho_Chi_Minh'), '2030-01-09')
  assert.is(addDays('2030-12-30', 3), '2031-01-02')
  assert.is(daysBetween('2030-02-27', '2030-03-01'), 2)
})

test.run()
