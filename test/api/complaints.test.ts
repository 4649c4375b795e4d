import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'
import { assertAll } from '../helpers/assertions.ts'

const ctx = appContext()

const complaints = suite('complaints, denunciations and feedback', ctx)

complaints('none in the report period; counted per period by kind', async ({ as }) => {
  const client = await as('staff')
  const none = await client.get('/api/complaints/counts?from=2019-11-21&to=2020-05-27')
  assert.equal(none.body.total, 0)
  const later = await client.get('/api/complaints/counts?from=2020-06-01&to=2020-12-31')
  assert.equal([later.body.total, later.body.byKind.feedback, later.body.closed], [1, 1, 1])
})

complaints('a complaint about a dossier takes its procedure and unit; closing needs an outcome', async ({ as }) => {
  const manager = await as('manager')
  const dossier = (await manager.get('/api/dossiers?limit=1')).body.items[0]
  const created = await manager.post('/api/complaints', { kind: 'complaint', dossierId: dossier.id, summary: 'Trả kết quả chậm so với giấy hẹn.' })
  assert.is(created.status, 201, created.text)
  assert.is(created.body.procedureId, dossier.procedureId)
  assert.is(created.body.orgUnitId, dossier.orgUnitId)
  assert.is(created.body.dossierCode, dossier.code)
  const noOutcome = await manager.patch(`/api/complaints/${created.body.id}`, { status: 'closed' }, { ifMatch: 1 })
  assert.is(noOutcome.status, 400)
  const closed = await manager.patch(`/api/complaints/${created.body.id}`, { status: 'closed', outcome: 'Đã xin lỗi và trả kết quả.' }, { ifMatch: 1 })
  assert.is(closed.status, 200)
  assert.ok(closed.body.closedAt)
  const today = new Date().toISOString().slice(0, 10)
  const counts = await manager.get(`/api/complaints/counts?from=2026-01-01&to=${today > '2026-12-31' ? today : '2026-12-31'}`)
  assert.is(counts.body.byKind.complaint, 1)
  const stats = await manager.get(`/api/dossiers/stats?from=2026-01-01&to=2026-12-31`)
  assert.is(stats.body.complaints.complaint, 1)
})

complaints('the head of the unit a complaint is about is told at once; not the person who recorded it', async ({ as, unitId }) => {
  const manager = await as('manager')
  const created = await manager.post('/api/complaints', { kind: 'feedback', orgUnitId: await unitId('TNTKQ'), summary: 'Thái độ tiếp dân chưa niềm nở.' })
  assert.is(created.status, 201, created.text)
  const mine = async (username: string) =>
    ((await (await as(username)).get('/api/notifications?limit=500')).body.items as { kind: string; entityId: string; link: string; params: { title?: string } }[]).filter((n) => n.entityId === created.body.id)
  const told = await mine('head')
  assert.equal(told.map((n) => [n.kind, n.link, n.params.title]), [['complaint.received', `/complaints/${created.body.id}`, 'Thái độ tiếp dân chưa niềm nở.']])
  assert.equal(await mine('manager'), [])
  assert.equal(await mine('staff'), [], 'staff do not handle complaints')
})

complaints('staff cannot read or record complaints; heads only within their unit', async ({ as, unitId }) => {
  assert.is((await (await as('staff')).get('/api/complaints')).status, 403)
  assert.is((await (await as('staff')).post('/api/complaints', { kind: 'feedback', summary: 'x' })).status, 403)
  const head = await as('head')
  const own = await head.post('/api/complaints', { kind: 'feedback', orgUnitId: await unitId('TNTKQ'), summary: 'Ghế chờ không đủ.' })
  assert.is(own.status, 201)
  const other = await head.post('/api/complaints', { kind: 'feedback', orgUnitId: await unitId('QLĐT'), summary: 'x' })
  assert.is(other.status, 403)
  const visible = (await head.get('/api/complaints?limit=500')).body.items
  assertAll(visible, (c: { orgUnitId: string }) => c.orgUnitId)
  assert.ok(visible.some((c: { id: string }) => c.id === own.body.id))
  const future = await (await as('manager')).post('/api/complaints', { kind: 'feedback', summary: 'x', receivedAt: new Date(Date.now() + 86_400_000).toISOString() })
  assert.is(future.status, 400)
})

complaints('q finds complaints by summary, or by the code or applicant of their dossier', async ({ as, unitId }) => {
  const manager = await as('manager')
  const dossier = (await manager.get('/api/dossiers?limit=1')).body.items[0]
  const about = await manager.post('/api/complaints', { kind: 'complaint', dossierId: dossier.id, summary: 'Hẹn trả nhưng không có kết quả.' })
  const other = await manager.post('/api/complaints', { kind: 'feedback', orgUnitId: await unitId('TNTKQ'), summary: 'Bãi giữ xe quá chật.' })
  const ids = async (q: string) => {
    const res = await manager.get(`/api/complaints?q=${encodeURIComponent(q)}&limit=500`)
    assert.is(res.status, 200, res.text)
    return (res.body.items as { id: string }[]).map((c) => c.id)
  }
  assert.equal(await ids('bai giu xe'), [other.body.id])
  assert.equal(await ids('BÃI GIỮ'), [other.body.id])
  assert.ok((await ids(dossier.code)).includes(about.body.id))
  assert.not.ok((await ids(dossier.code)).includes(other.body.id))
  // A head finds only what he may read.
  assert.is((await (await as('head')).get('/api/complaints?q=bai%20giu%20xe')).body.items.length, 1)
})

ctx.use(complaints)
complaints.run()
