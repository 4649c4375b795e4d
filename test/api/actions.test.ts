import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'
import { addAction, addDays, complete, inProgress, raise, ROOT_CAUSE, step, today } from '../helpers/nonconformities.ts'
import { pngFile } from '../helpers/files.ts'
import { multipartForm } from '../helpers/multipart-form.ts'
import { assertAll } from '../helpers/assertions.ts'

const ctx = appContext()

const adding = suite('adding and changing actions', ctx)

adding('the head adds actions with owner and due date; bad input names the field and writes nothing', async ({ as, unitId, userId }) => {
  const head = await as('head')
  const nc = await raise(await as('auditor'), await unitId('TNTKQ'))
  const res = await head.post(`/api/nonconformities/${nc.id}/actions`, { type: 'correction', description: 'Remove the old forms', ownerId: await userId('staff'), dueDate: addDays(today(), 3) })
  assert.is(res.status, 201)
  assert.is(res.headers.location, `/api/actions/${res.body.id}`)
  assert.is(res.body.owner.fullName, 'Phạm Thị Thu')
  assert.is(res.body.status, 'open')
  assert.is(res.body.overdue, false)
  assert.is(res.body.nonconformityCode, nc.code)

  const bad = await head.post(`/api/nonconformities/${nc.id}/actions`, { type: 'wish', description: '', ownerId: 'me', dueDate: 'tomorrow' })
  assert.is(bad.status, 400)
  assert.equal(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['description', 'dueDate', 'ownerId', 'type'])
  const nobody = await head.post(`/api/nonconformities/${nc.id}/actions`, { type: 'corrective', description: 'x', ownerId: crypto.randomUUID(), dueDate: today() })
  assert.is(nobody.status, 422)
  assert.is(nobody.body.errors[0].path, 'ownerId')
  const early = await head.post(`/api/nonconformities/${nc.id}/actions`, { type: 'corrective', description: 'x', ownerId: await userId('staff'), dueDate: addDays(today(), -1) })
  assert.is(early.status, 400)
  assert.is(early.body.errors[0].path, 'dueDate')
  const list = await head.get(`/api/nonconformities/${nc.id}/actions`)
  assert.is(list.body.items.length, 1)
  assert.is((await head.get(`/api/nonconformities/${crypto.randomUUID()}/actions`)).status, 404)
})

adding('staff and auditors do not add actions', async ({ as, unitId, userId }) => {
  const nc = await raise(await as('auditor'), await unitId('TNTKQ'))
  const body = { type: 'corrective', description: 'x', ownerId: await userId('staff'), dueDate: today() }
  assert.is((await (await as('staff')).post(`/api/nonconformities/${nc.id}/actions`, body)).status, 403)
  assert.is((await (await as('auditor')).post(`/api/nonconformities/${nc.id}/actions`, body)).status, 403)
})

adding('the owner hears of an action once the plan stands, and a new owner when it moves', async (context) => {
  const { as, userId } = context
  const { nc, action } = await inProgress(context)
  const staffNotes = (await (await as('staff')).get('/api/notifications?limit=500')).body.items
  assert.ok(staffNotes.some((n: { kind: string; entityId: string }) => n.kind === 'action.assigned' && n.entityId === action.id))
  const head = await as('head')
  const moved = await head.patch(`/api/actions/${action.id}`, { ownerId: await userId('auditor'), dueDate: addDays(today(), 20) }, { ifMatch: action.version })
  assert.is(moved.status, 200)
  assert.is(moved.body.owner.fullName, 'Trần Thị Lan')
  const auditorNotes = (await (await as('auditor')).get('/api/notifications?limit=500')).body.items
  assert.ok(auditorNotes.some((n: { kind: string; entityId: string }) => n.kind === 'action.assigned' && n.entityId === action.id))
  const timeline = (await head.get(`/api/nonconformities/${nc.id}`)).body.timeline
  const change = timeline.at(-1)
  assert.is(change.action, 'action.update')
  assert.equal(change.details.changes.owner, { from: 'Phạm Thị Thu', to: 'Trần Thị Lan' })
  assert.is((await head.patch(`/api/actions/${action.id}`, { description: 'y' }, { ifMatch: action.version })).status, 412)
  assert.is((await head.patch(`/api/actions/${action.id}`, { description: 'y' })).status, 428)
})

adding('no new actions once the NC went to verification', async (context) => {
  const { as, userId } = context
  const head = await as('head')
  const { nc, action } = await inProgress(context)
  await complete(await as('staff'), action)
  const pending = await step(head, (await head.get(`/api/nonconformities/${nc.id}`)).body, 'submit-verification')
  const res = await head.post(`/api/nonconformities/${pending.id}/actions`, { type: 'corrective', description: 'late idea', ownerId: await userId('staff'), dueDate: today() })
  assert.is(res.status, 409)
  assert.equal(res.body.allowed, ['verify', 'cancel'])
})

const completing = suite('completing actions', ctx)

completing('staff complete only their own actions', async (context) => {
  const { as, userId } = context
  const head = await as('head')
  const { nc, action } = await inProgress(context)
  const others = await addAction(head, nc.id, await userId('vo.thi.mai'), { description: 'Someone else’s' })
  const staff = await as('staff')
  const refused = await staff.post(`/api/actions/${others.id}/complete`, { note: 'I did it' }, { ifMatch: others.version })
  assert.is(refused.status, 403)
  assert.match(refused.body.detail, /only the actions you own/)
  // The head completes on behalf of a colleague who does not sign in.
  const onBehalf = await complete(head, others, { note: 'Done by Võ Thị Mai, recorded by the head' })
  assert.is(onBehalf.completedBy.fullName, 'Lê Văn Hùng')
  // Evidence must be a file that exists and that the owner may use.
  const unknown = await staff.post(`/api/actions/${action.id}/complete`, { note: 'x', attachmentIds: [crypto.randomUUID()] }, { ifMatch: action.version })
  assert.is(unknown.status, 422)
  assert.is(unknown.body.errors[0].path, 'attachmentIds.0')
  const form = multipartForm({ file: { filename: 'evidence.png', contentType: 'image/png', data: pngFile() } })
  const upload = await staff.post('/api/attachments', form.body, { headers: { 'content-type': form.contentType } })
  assert.is(upload.status, 201, upload.text)
  const own = await complete(staff, action, { note: 'Done with evidence', attachmentIds: [upload.body.id] })
  assert.is(own.status, 'done')
  assert.equal(own.attachmentIds, [upload.body.id])
  // The evidence now belongs to the unit: the head of the unit may open it.
  assert.is((await head.get(`/api/attachments/${upload.body.id}`)).status, 200)
  assert.equal(own.allowedActions, [])
  const events = (await head.get(`/api/nonconformities/${nc.id}`)).body.timeline.filter((e: { action: string }) => e.action === 'action.complete')
  assert.is(events.length, 2)
  // The last action done: the head is told the NC can go to verification.
  const headNotes = (await head.get('/api/notifications?limit=500')).body.items
  assert.ok(headNotes.some((n: { kind: string; entityId: string }) => n.kind === 'nonconformity.actions_done' && n.entityId === nc.id))
})

completing('refusals: before the work starts, twice, without a note, without or with a stale If-Match', async ({ as, unitId, userId }) => {
  const head = await as('head')
  const staff = await as('staff')
  let nc = await raise(await as('auditor'), await unitId('TNTKQ'))
  nc = await step(head, nc, 'analyze', { rootCause: ROOT_CAUSE })
  const action = await addAction(head, nc.id, await userId('staff'))
  nc = await step(head, nc, 'plan')
  const early = await staff.post(`/api/actions/${action.id}/complete`, { note: 'x' }, { ifMatch: action.version })
  assert.is(early.status, 409)
  assert.equal(early.body.allowed, ['analyze', 'start', 'cancel'])
  nc = await step(head, nc, 'start')
  assert.is((await staff.post(`/api/actions/${action.id}/complete`, {}, { ifMatch: action.version })).status, 400)
  assert.is((await staff.post(`/api/actions/${action.id}/complete`, { note: 'x', attachmentIds: ['nope'] }, { ifMatch: action.version })).status, 400)
  assert.is((await staff.post(`/api/actions/${action.id}/complete`, { note: 'x' })).status, 428)
  assert.is((await staff.post(`/api/actions/${action.id}/complete`, { note: 'x' }, { ifMatch: action.version + 1 })).status, 412)
  const done = await complete(staff, action)
  const twice = await staff.post(`/api/actions/${action.id}/complete`, { note: 'x' }, { ifMatch: done.version })
  assert.is(twice.status, 409)
  assert.is((await head.patch(`/api/actions/${action.id}`, { description: 'y' }, { ifMatch: done.version })).status, 409)
  assert.is((await staff.post(`/api/actions/${crypto.randomUUID()}/complete`, { note: 'x' }, { ifMatch: 1 })).status, 404)
})

const listing = suite('listing actions', ctx)

listing('my open actions, by due date, with overdue computed', async ({ as, userId }) => {
  const staff = await as('staff')
  const me = await userId('staff')
  const res = await staff.get(`/api/actions?ownerId=${me}&status=open`)
  assert.is(res.status, 200)
  assert.ok(res.body.items.length >= 1)
  assertAll(res.body.items, (a: { ownerId: string; status: string }) => a.ownerId === me && a.status === 'open')
  const dates = res.body.items.map((a: { dueDate: string }) => a.dueDate)
  assert.equal(dates, [...dates].sort())
  const overdue = await staff.get(`/api/actions?ownerId=${me}&overdue=true`)
  assert.ok(overdue.body.items.length >= 1, 'the 2020 demo action is overdue')
  assertAll(overdue.body.items, (a: { overdue: boolean; daysOverdue: number }) => a.overdue && a.daysOverdue > 0)
  const one = await staff.get(`/api/actions/${overdue.body.items[0].id}`)
  assert.is(one.status, 200)
  assert.is(one.headers.etag, `"${one.body.version}"`)
})

listing('an action of an NC one may not see is refused', async ({ as }) => {
  const manager = await as('manager')
  const enterpriseNc = (await manager.get('/api/nonconformities?limit=500')).body.items.find((n: { orgUnit: { code: string } }) => n.orgUnit.code === 'QLDN')
  const head = await as('head')
  assert.is((await head.get(`/api/nonconformities/${enterpriseNc.id}/actions`)).status, 403)
  const visible = (await head.get('/api/actions?limit=500')).body.items
  assert.ok(visible.length >= 1)
  assert.not.ok(visible.some((a: { nonconformityId: string }) => a.nonconformityId === enterpriseNc.id))
})

ctx.use(adding, completing, listing)
adding.run()
completing.run()
listing.run()
