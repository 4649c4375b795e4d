import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { displayDate, displayDateTime, localInstant, parseDate, parseDateTime } from '../../web/app/date-text.ts'

test('a date is read in the forms people type it, day first', () => {
  for (const typed of ['27/05/2020', '27/5/2020', '27.5.2020', '27-05-2020', '27 5 2020', ' 27052020 ', '2020-05-27', '2020-5-27']) {
    assert.is(parseDate(typed), '2020-05-27', typed)
  }
  assert.is(parseDate('01/03/2020'), '2020-03-01', 'day before month, never the American way')
})

test('what is not a whole, real date is not taken for one', () => {
  for (const typed of ['', '27/05', '27/05/20', '27/05/202', '31/02/2020', '29/02/2019', '00/01/2020', '12/13/2020', '2020-02-30', 'hôm nay', '27/05/2020 10:00']) {
    assert.is(parseDate(typed), null, typed)
  }
  assert.is(parseDate('29/02/2020'), '2020-02-29', 'a leap day is a date')
})

test('a date and time is read with the time before or after the date', () => {
  for (const typed of ['27/05/2020 14:30', '27/5/2020 14h30', '14:30 27/05/2020', '14h30 27/5/2020', '2020-05-27T14:30', '270520201430']) {
    assert.is(parseDateTime(typed), '2020-05-27T14:30', typed)
  }
  assert.is(parseDateTime('27/05/2020 7:05'), '2020-05-27T07:05')
  for (const typed of ['27/05/2020', '27/05/2020 24:00', '27/05/2020 10:60', '27/05/2020 10:3', '31/02/2020 10:00']) {
    assert.is(parseDateTime(typed), null, typed)
  }
})

test('values are shown day first; what is not a value is shown as it is', () => {
  assert.is(displayDate('2020-05-27'), '27/05/2020')
  assert.is(displayDate(''), '')
  assert.is(displayDate('27/5'), '27/5')
  assert.is(displayDateTime('2020-05-27T07:05'), '27/05/2020 07:05')
})

test('a date and time becomes an instant in the agency’s zone, whatever the device’s; anything else goes to the server as typed', () => {
  assert.is(localInstant('2020-05-27T14:30', 'Asia/Ho_Chi_Minh'), '2020-05-27T07:30:00.000Z')
  assert.is(localInstant('2020-01-01T03:00', 'Asia/Ho_Chi_Minh'), '2019-12-31T20:00:00.000Z', 'the day before in UTC')
  // Zones that change their clocks: summer and winter time, and the night of the change.
  assert.is(localInstant('2020-07-01T12:00', 'Europe/Berlin'), '2020-07-01T10:00:00.000Z')
  assert.is(localInstant('2020-12-01T12:00', 'Europe/Berlin'), '2020-12-01T11:00:00.000Z')
  assert.is(localInstant('2020-03-29T03:30', 'Europe/Berlin'), '2020-03-29T01:30:00.000Z')
  assert.is(localInstant('2020-05-27T14:30'), new Date(2020, 4, 27, 14, 30).toISOString(), 'without a zone, the device’s')
  assert.is(localInstant(''), undefined)
  assert.is(localInstant('27/05/2020 25:00'), '27/05/2020 25:00')
})

test.run()
