import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { localDayRange, WorkingCalendar, zonedInstant } from '../../server/modules/calendar/working-days.ts'
import { DEMO_CALENDAR } from '../../server/demo/calendar.ts'

const HOURS = { timeZone: 'Asia/Ho_Chi_Minh', officeOpen: 7 * 60, officeClose: 17 * 60 }
const calendar = new WorkingCalendar(
  {
    holidays: DEMO_CALENDAR.filter((d) => d.kind === 'holiday').map((d) => d.date),
    workingDays: DEMO_CALENDAR.filter((d) => d.kind === 'working_day').map((d) => d.date),
  },
  HOURS,
)
/** A Vietnamese wall-clock time as an instant. */
const vn = (local: string) => new Date(`${local}+07:00`)
const iso = (d: Date) => d.toISOString()

const due = suite('due dates on working days')

due('a day counts from the next working day; the weekend does not count', () => {
  // Friday morning + 1 working day = Monday, at closing time.
  assert.is(iso(calendar.dueAt(vn('2020-03-06T10:00:00'), 1)), iso(vn('2020-03-09T17:00:00')))
  assert.is(iso(calendar.dueAt(vn('2020-03-06T10:00:00'), 5)), iso(vn('2020-03-13T17:00:00')))
})

due('received after office hours, on a weekend or a holiday: counts from the next working day', () => {
  assert.is(iso(calendar.dueAt(vn('2020-03-06T17:30:00'), 1)), iso(vn('2020-03-10T17:00:00')))
  // Closing time itself is already after hours.
  assert.is(iso(calendar.dueAt(vn('2020-03-06T17:00:00'), 1)), iso(vn('2020-03-10T17:00:00')))
  assert.is(iso(calendar.dueAt(vn('2020-03-06T16:59:00'), 1)), iso(vn('2020-03-09T17:00:00')))
  assert.is(iso(calendar.dueAt(vn('2020-03-07T09:00:00'), 1)), iso(vn('2020-03-10T17:00:00')))
  // Early in the morning of a working day is still that day.
  assert.is(iso(calendar.dueAt(vn('2020-03-09T06:00:00'), 1)), iso(vn('2020-03-10T17:00:00')))
  // Received on Hùng Kings' day (Thursday 2/4/2020): counts from Friday.
  assert.is(iso(calendar.dueAt(vn('2020-04-02T09:00:00'), 1)), iso(vn('2020-04-06T17:00:00')))
})

due('holidays are skipped: 30/4–1/5 and Tết', () => {
  assert.is(iso(calendar.dueAt(vn('2020-04-29T09:00:00'), 2)), iso(vn('2020-05-05T17:00:00')))
  // Tết Canh Tý: 23–29/1/2020 off.
  assert.is(iso(calendar.dueAt(vn('2020-01-22T10:00:00'), 1)), iso(vn('2020-01-30T17:00:00')))
})

due('a compensatory working day counts, the swapped day off does not', () => {
  // Saturday 5/1/2019 was worked in exchange for Monday 31/12/2018.
  assert.is(iso(calendar.dueAt(vn('2019-01-04T10:00:00'), 1)), iso(vn('2019-01-05T17:00:00')))
  assert.is(iso(calendar.dueAt(vn('2018-12-28T10:00:00'), 1)), iso(vn('2019-01-02T17:00:00')))
  assert.is(calendar.effectiveDay(vn('2019-01-05T09:00:00')), '2019-01-05')
  assert.ok(calendar.isWorkingDay('2019-01-05'))
  assert.not.ok(calendar.isWorkingDay('2019-01-06'))
  assert.not.ok(calendar.isWorkingDay('2018-12-31'))
})

const pauses = suite('supplement pauses')

pauses('the clock stops for the working days between request and supplement', () => {
  assert.is(calendar.pausedWorkingDays(vn('2020-03-09T10:00:00'), vn('2020-03-11T09:00:00')), 2)
  assert.is(calendar.pausedWorkingDays(vn('2020-03-09T10:00:00'), vn('2020-03-09T15:00:00')), 0)
  // Over the weekend: Friday → Monday is one working day.
  assert.is(calendar.pausedWorkingDays(vn('2020-03-06T10:00:00'), vn('2020-03-09T10:00:00')), 1)
  // Over 30/4–1/5: only Monday 4/5 is lost.
  assert.is(calendar.pausedWorkingDays(vn('2020-04-29T10:00:00'), vn('2020-05-04T09:00:00')), 1)
  // A supplement arriving after hours counts for the next working day.
  assert.is(calendar.pausedWorkingDays(vn('2020-03-09T10:00:00'), vn('2020-03-10T18:00:00')), 2)
})

pauses('the due date moves by the paused working days, over holidays', () => {
  assert.is(iso(calendar.moveDue(vn('2020-03-13T17:00:00'), 2)), iso(vn('2020-03-17T17:00:00')))
  assert.is(iso(calendar.moveDue(vn('2020-04-29T17:00:00'), 1)), iso(vn('2020-05-04T17:00:00')))
  assert.is(iso(calendar.moveDue(vn('2020-04-29T17:00:00'), 0)), iso(vn('2020-04-29T17:00:00')))
})

const timeliness = suite('timeliness at the boundaries')

timeliness('early before the due date, on time on it up to closing, late after', () => {
  const dueAt = vn('2020-03-10T17:00:00')
  assert.is(calendar.timeliness(vn('2020-03-09T23:59:59'), dueAt), 'early')
  assert.is(calendar.timeliness(vn('2020-03-10T00:00:00'), dueAt), 'on_time')
  assert.is(calendar.timeliness(vn('2020-03-10T17:00:00'), dueAt), 'on_time')
  assert.is(calendar.timeliness(new Date(dueAt.getTime() + 1), dueAt), 'late')
  assert.is(calendar.timeliness(vn('2020-03-11T08:00:00'), dueAt), 'late')
})

const zones = suite('time zones')

zones('day boundaries are local: the period ends at midnight in Vietnam', () => {
  const { start, end } = localDayRange('2019-11-21', '2020-05-27', 'Asia/Ho_Chi_Minh')
  assert.is(iso(start), '2019-11-20T17:00:00.000Z')
  assert.is(iso(end), '2020-05-27T17:00:00.000Z')
})

zones('the zone is configurable: the same instant is in hours in UTC and after hours in Vietnam', () => {
  const instant = new Date('2020-03-06T16:30:00Z')
  const utc = new WorkingCalendar({ holidays: [], workingDays: [] }, { ...HOURS, timeZone: 'UTC' })
  assert.is(utc.effectiveDay(instant), '2020-03-06')
  assert.is(calendar.effectiveDay(instant), '2020-03-09')
})

zones('zones with daylight saving resolve local times correctly', () => {
  // Berlin moved to summer time at 02:00 on 29/3/2020: 03:00 local is 01:00 UTC.
  assert.is(iso(zonedInstant('2020-03-29', 180, 'Europe/Berlin')), '2020-03-29T01:00:00.000Z')
  assert.is(iso(zonedInstant('2020-03-28', 180, 'Europe/Berlin')), '2020-03-28T02:00:00.000Z')
})

due.run()
pauses.run()
timeliness.run()
zones.run()
