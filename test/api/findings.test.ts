import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'

const ctx = appContext()

const demo = suite('findings in the demo data', ctx)

demo('the report period has a very few badge findings, reminded on the spot', async ({ as }) => {
  const res = await (await as('manager')).get('/api/findings?from=2019-11-21&to=2020-05-27&limit=500')
  assert.is(res.status, 200)
  const items = res.body.items
  assert.is(items.length, 2)
  for (const f of items) {
    assert.is(f.category, 'id_badge')
    assert.is(f.handling, 'on_spot_reminder')
    assert.is(f.status, 'closed')
    assert.ok(f.person, 'a badge finding names the person')
    assert.ok(f.inspectionNumber)
  }
  const filtered = await (await as('manager')).get('/api/findings?category=id_badge&handling=on_spot_reminder&classification=observation&status=closed')
  assert.is(filtered.body.items.length, 2)
  assert.is((await (await as('manager')).get('/api/findings?handling=none&from=2019-11-21&to=2020-05-27')).body.items.length, 0)
})

demo('staff see findings of their own unit only; a head sees their subtree', async ({ as }) => {
  const staff = (await (await as('staff')).get('/api/findings?limit=500')).body.items
  assert.ok(staff.length >= 1)
  assert.ok(staff.every((f: { orgUnit: { code: string } }) => f.orgUnit.code === 'TNTKQ'))
  const head = (await (await as('head')).get('/api/findings?limit=500')).body.items
  assert.ok(head.every((f: { orgUnit: { code: string } }) => ['VP', 'TNTKQ'].includes(f.orgUnit.code)))
  const investment = (await (await as('manager')).get('/api/findings?limit=500')).body.items.find((f: { orgUnit: { code: string } }) => f.orgUnit.code === 'QLĐT')
  assert.ok(investment)
  assert.is((await (await as('staff')).get(`/api/findings/${investment.id}`)).status, 403)
  assert.is((await (await as('admin')).get('/api/findings')).status, 403)
})

const direct = suite('findings raised directly', ctx)

direct('an auditor records a finding at a briefing meeting; it can be classified, handled and closed', async ({ as, unitId, userId }) => {
  const auditor = await as('auditor')
  const res = await auditor.post('/api/findings', {
    orgUnitId: await unitId('QLDN'),
    personId: await userId('bui.thi.hoa'),
    category: 'on_time_handling',
    classification: 'minor_nc',
    description: 'Hồ sơ công việc tháng 4 cập nhật chậm 2 ngày',
    foundOn: '2026-04-06',
  })
  assert.is(res.status, 201)
  assert.is(res.headers.location, `/api/findings/${res.body.id}`)
  assert.is(res.body.status, 'open')
  assert.is(res.body.handling, null)
  assert.is(res.body.person.fullName, 'Bùi Thị Hoa')
  assert.is((await auditor.patch(`/api/findings/${res.body.id}`, { handling: 'self_review' })).status, 428)
  const handled = await auditor.patch(`/api/findings/${res.body.id}`, { handling: 'self_review', status: 'closed' }, { ifMatch: 1 })
  assert.is(handled.status, 200)
  assert.is(handled.body.status, 'closed')
  assert.ok(handled.body.closedAt)
  assert.is((await auditor.patch(`/api/findings/${res.body.id}`, { status: 'open' }, { ifMatch: 1 })).status, 412)
  const reopened = await auditor.patch(`/api/findings/${res.body.id}`, { status: 'open', handling: 'nc_raised' }, { ifMatch: 2 })
  assert.is(reopened.body.closedAt, null)
  assert.is(reopened.body.handling, 'nc_raised')
})

direct('a head records findings inside their subtree only; staff record none', async ({ as, unitId }) => {
  const body = (orgUnitId: string) => ({ orgUnitId, category: 'conduct', classification: 'observation', handling: 'on_spot_reminder', description: 'Trang phục chưa đúng quy định' })
  const head = await as('head')
  const mine = await head.post('/api/findings', body(await unitId('TNTKQ')))
  assert.is(mine.status, 201)
  assert.is(mine.body.status, 'closed', 'reminded on the spot')
  assert.is((await head.post('/api/findings', body(await unitId('QLDN')))).status, 403)
  assert.is((await (await as('staff')).post('/api/findings', body(await unitId('TNTKQ')))).status, 403)
})

direct('bad input names each field and writes nothing', async ({ as, unitId, userId }) => {
  const auditor = await as('auditor')
  const before = (await auditor.get('/api/findings?limit=500')).body.items.length
  const schema = await auditor.post('/api/findings', { category: 'smoking', classification: 'bad', description: '', handling: 'fine' })
  assert.is(schema.status, 400)
  assert.equal(schema.body.errors.map((e: { path: string }) => e.path).sort(), ['category', 'classification', 'description', 'handling'])
  const noUnit = await auditor.post('/api/findings', { category: 'conduct', classification: 'observation', description: 'x' })
  assert.is(noUnit.body.errors[0].path, 'orgUnitId')
  const outside = await auditor.post('/api/findings', { orgUnitId: await unitId('QLDN'), personId: await userId('staff'), category: 'conduct', classification: 'observation', description: 'x' })
  assert.is(outside.status, 400)
  assert.is(outside.body.errors[0].code, 'scope')
  const clause = await auditor.post('/api/findings', { orgUnitId: await unitId('QLDN'), category: 'other', classification: 'minor_nc', description: 'x', clauseNumbers: ['7.9'] })
  assert.is(clause.status, 400)
  assert.is(clause.body.errors[0].path, 'clauseNumbers.0')
  assert.is((await auditor.get('/api/findings?limit=500')).body.items.length, before)
})

direct('a finding linked to an inspection takes its unit and date', async ({ as }) => {
  const auditor = await as('auditor')
  const briefing = (await auditor.get('/api/inspections?kind=briefing&limit=1')).body.items[0]
  const res = await auditor.post('/api/findings', { inspectionId: briefing.id, category: 'attendance', classification: 'observation', handling: 'criticism', description: 'Đến muộn họp giao ban' })
  assert.is(res.status, 201)
  assert.is(res.body.orgUnitId, briefing.orgUnitId)
  assert.is(res.body.foundOn, briefing.inspectionDate)
  assert.is(res.body.inspectionNumber, briefing.number)
})

ctx.use(demo, direct)
demo.run()
direct.run()
