import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext, type AppContext } from '../helpers/app.ts'
import { assertAll } from '../helpers/assertions.ts'

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
  assertAll(staff, (f: { orgUnit: { code: string } }) => f.orgUnit.code === 'TNTKQ')
  const head = (await (await as('head')).get('/api/findings?limit=500')).body.items
  assertAll(head, (f: { orgUnit: { code: string } }) => ['VP', 'TNTKQ'].includes(f.orgUnit.code))
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
  const reopened = await auditor.patch(`/api/findings/${res.body.id}`, { status: 'open', handling: 'criticism' }, { ifMatch: 2 })
  assert.is(reopened.body.closedAt, null)
  assert.is(reopened.body.handling, 'criticism')
  // nc_raised is not a handling one sets by hand: it comes with a raised nonconformity.
  const byHand = await auditor.patch(`/api/findings/${res.body.id}`, { handling: 'nc_raised' }, { ifMatch: 3 })
  assert.is(byHand.status, 400)
  assert.is(byHand.body.errors[0].path, 'handling')
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

direct('q finds findings by their text or their inspection’s number, within what the caller may read', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const made = await auditor.post('/api/findings', { orgUnitId: await unitId('QLĐT'), category: 'conduct', classification: 'observation', description: 'Bàn làm việc để hồ sơ lộn xộn' })
  assert.is(made.status, 201, made.text)
  const ids = async (who: string, q: string) => ((await (await as(who)).get(`/api/findings?q=${encodeURIComponent(q)}&limit=500`)).body.items as { id: string }[]).map((f) => f.id)
  assert.equal(await ids('auditor', 'ho so lon xon'), [made.body.id])
  assert.equal(await ids('manager', 'HỒ SƠ LỘN'), [made.body.id])
  assert.equal(await ids('head', 'ho so lon xon'), [], 'another unit’s finding is not found by a head')
  const fromInspection = (await auditor.get('/api/findings?limit=500')).body.items.find((f: { inspectionNumber: string | null }) => f.inspectionNumber)
  const byNumber = (await auditor.get(`/api/findings?q=${encodeURIComponent(fromInspection.inspectionNumber)}&limit=500`)).body.items as { inspectionNumber: string }[]
  assert.ok(byNumber.some((f) => f.inspectionNumber === fromInspection.inspectionNumber))
  assertAll(byNumber, (f) => f.inspectionNumber === fromInspection.inspectionNumber)
})

const raising = suite('raising a nonconformity from a finding', ctx)

async function openFinding(auditor: Awaited<ReturnType<AppContext['as']>>, orgUnitId: string, classification = 'minor_nc') {
  const res = await auditor.post('/api/findings', {
    orgUnitId,
    category: 'documented_information',
    clauseNumbers: ['7.5.3'],
    classification,
    description: 'Sổ theo dõi hồ sơ không cập nhật trong tháng 4',
  })
  assert.is(res.status, 201)
  return res.body
}

raising('an auditor raises one; both are linked and the finding is handled nc_raised', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const finding = await openFinding(auditor, await unitId('TNTKQ'), 'major_nc')
  assert.is((await auditor.post(`/api/findings/${finding.id}/raise-nc`, {})).status, 428)
  const res = await auditor.post(`/api/findings/${finding.id}/raise-nc`, { containment: 'Cập nhật ngay sổ theo dõi' }, { ifMatch: finding.version })
  assert.is(res.status, 201, res.text)
  assert.is(res.headers.location, `/api/nonconformities/${res.body.id}`)
  assert.is(res.body.source, 'finding')
  assert.is(res.body.sourceId, finding.id)
  assert.is(res.body.severity, 'major', 'a major nonconformity finding raises a major NC')
  assert.equal(res.body.clauseNumbers, ['7.5.3'])
  assert.is(res.body.orgUnitId, finding.orgUnitId)
  const after = (await auditor.get(`/api/findings/${finding.id}`)).body
  assert.is(after.handling, 'nc_raised')
  assert.is(after.nonconformityId, res.body.id)
  assert.is(after.version, finding.version + 1)
  // Raising again is a conflict, whatever the version.
  const again = await auditor.post(`/api/findings/${finding.id}/raise-nc`, {}, { ifMatch: after.version })
  assert.is(again.status, 409)
  // The link cannot be undone by changing the handling.
  assert.is((await auditor.patch(`/api/findings/${finding.id}`, { handling: 'criticism' }, { ifMatch: after.version })).status, 400)
  const log = await (await as('manager')).get(`/api/audit-log?entityType=finding&entityId=${finding.id}`)
  assert.ok(log.body.items.some((e: { action: string }) => e.action === 'finding.raise_nc'))
})

raising('a stale version is refused and nothing is created', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const finding = await openFinding(auditor, await unitId('QLDN'))
  const res = await auditor.post(`/api/findings/${finding.id}/raise-nc`, {}, { ifMatch: finding.version + 5 })
  assert.is(res.status, 412)
  const ncs = await auditor.get(`/api/nonconformities?source=finding&sourceId=${finding.id}`)
  assert.equal(ncs.body.items, [])
})

raising('staff may not raise one; a head may inside their subtree only', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const desk = await openFinding(auditor, await unitId('TNTKQ'))
  const elsewhere = await openFinding(auditor, await unitId('QLDN'))
  assert.is((await (await as('staff')).post(`/api/findings/${desk.id}/raise-nc`, {}, { ifMatch: desk.version })).status, 403)
  const head = await as('head')
  assert.is((await head.post(`/api/findings/${elsewhere.id}/raise-nc`, {}, { ifMatch: elsewhere.version })).status, 403)
  assert.is((await head.post(`/api/findings/${desk.id}/raise-nc`, { severity: 'minor' }, { ifMatch: desk.version })).status, 201)
})

raising('bad input is refused with the failing fields', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const finding = await openFinding(auditor, await unitId('TNTKQ'))
  const res = await auditor.post(`/api/findings/${finding.id}/raise-nc`, { severity: 'huge', clauseNumbers: ['x'], extra: 1 }, { ifMatch: finding.version })
  assert.is(res.status, 400)
  const paths = res.body.errors.map((e: { path: string }) => e.path)
  for (const p of ['severity', 'extra']) assert.ok(paths.includes(p), p)
  assert.ok(paths.some((p: string) => p.startsWith('clauseNumbers')))
})

ctx.use(demo, direct, raising)
demo.run()
direct.run()
raising.run()
