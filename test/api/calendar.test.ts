import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'

const ctx = appContext()
const vn = (local: string) => new Date(`${local}+07:00`).toISOString()

const holidays = suite('the working-day calendar', ctx)

holidays('Vietnamese holidays 2019–2021 are preloaded, with compensatory days', async ({ as }) => {
  const client = await as('staff')
  const y2020 = (await client.get('/api/calendar/holidays?year=2020')).body.items
  assert.equal(y2020.map((d: { date: string }) => d.date), ['2020-01-01', '2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29', '2020-04-02', '2020-04-30', '2020-05-01', '2020-09-02'])
  const worked = (await client.get('/api/calendar/holidays?kind=working_day')).body.items
  assert.equal(worked.map((d: { date: string }) => d.date), ['2019-01-05', '2019-05-04'])
})

holidays('admins add a holiday and new dossiers skip it; others may not', async ({ as }) => {
  const admin = await as('admin')
  const refused = await (await as('manager')).post('/api/calendar/holidays', { date: '2022-01-03', kind: 'holiday', name: 'x' })
  assert.is(refused.status, 403)
  // Tết Nhâm Dần 2022 is not preloaded: Monday 31/1 – Friday 4/2.
  const days = ['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04']
  for (const date of days) {
    const res = await admin.post('/api/calendar/holidays', { date, kind: 'holiday', name: 'Tết Nguyên đán Nhâm Dần' })
    assert.is(res.status, 201, res.text)
  }
  const procedure = (await admin.get('/api/procedures?q=TM.01')).body.items[0]
  const d = await admin.post('/api/dossiers', { code: 'CAL-1', procedureId: procedure.id, applicantName: 'A', channel: 'online', receivedAt: vn('2022-01-28T10:00:00') })
  assert.is(d.body.dueAt, vn('2022-02-07T17:00:00'))
  const duplicate = await admin.post('/api/calendar/holidays', { date: '2022-01-31', kind: 'holiday', name: 'again' })
  assert.is(duplicate.status, 409)
  const weekday = await admin.post('/api/calendar/holidays', { date: '2022-02-08', kind: 'working_day', name: 'Làm bù' })
  assert.is(weekday.status, 400)
  assert.is(weekday.body.errors[0].code, 'weekday')
})

holidays('entries change and are removed with If-Match', async ({ as }) => {
  const admin = await as('admin')
  const created = (await admin.post('/api/calendar/holidays', { date: '2022-04-11', kind: 'holiday', name: 'Giỗ Tổ' })).body
  const changed = await admin.patch(`/api/calendar/holidays/${created.id}`, { name: 'Giỗ Tổ Hùng Vương' }, { ifMatch: 1 })
  assert.is(changed.status, 200)
  assert.is((await admin.delete(`/api/calendar/holidays/${created.id}`)).status, 428)
  assert.is((await admin.delete(`/api/calendar/holidays/${created.id}`, { ifMatch: 1 })).status, 412)
  assert.is((await admin.delete(`/api/calendar/holidays/${created.id}`, { ifMatch: 2 })).status, 204)
  assert.is((await admin.get(`/api/calendar/holidays/${created.id}`)).status, 404)
  const audit = (await admin.get(`/api/audit-log?entityType=calendar_day&entityId=${created.id}`)).body.items
  assert.equal(audit.map((a: { action: string }) => a.action), ['calendar_day.delete', 'calendar_day.update', 'calendar_day.create'])
})

ctx.use(holidays)
holidays.run()
