import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { ApiClient } from '../helpers/app.ts'
import { appContext } from '../helpers/app.ts'
import { pdfText } from '../helpers/pdf-text.ts'
import { addDays, today } from '../helpers/nonconformities.ts'

const ctx = appContext()

async function prepare(manager: ApiClient, body: Record<string, unknown>) {
  const res = await manager.post('/api/management-reviews', {
    title: 'Họp xem xét của lãnh đạo tháng này',
    periodFrom: addDays(today(), -30),
    periodTo: today(),
    meetingDate: today(),
    chairId: await ctx.userId('manager'),
    ...body,
  })
  assert.is(res.status, 201, res.text)
  return res.body
}

const demo = suite('the demo review of 2019', ctx)

demo('was held, approved and is read-only; its minutes print in Vietnamese; its actions are still tracked', async ({ as }) => {
  const manager = await as('manager')
  const list = await manager.get('/api/management-reviews?year=2020')
  assert.is(list.status, 200, list.text)
  const [summary] = list.body.items
  assert.equal([summary.code, summary.status, summary.periodFrom, summary.periodTo, summary.openActions], ['XXLĐ-0001', 'approved', '2019-01-01', '2019-12-31', 1])
  const review = (await manager.get(`/api/management-reviews/${summary.id}`)).body
  assert.ok(review.inputs.frozen)
  assert.is(review.inputs.asOf, '2020-01-15', 'frozen on the day it was held, by the clock of that request')
  assert.equal(review.inputs.audits.items, [], 'no internal audit in 2019')
  assert.ok(review.inputs.processPerformance.inspections.total >= 3, 'the late-2019 inspections')
  assert.equal(review.decisions.map((d: { status: string | null }) => d.status), ['done', 'open', null])
  assert.equal(review.allowedActions, ['minutes'], 'approved: only the minutes')
  const edit = await manager.patch(`/api/management-reviews/${review.id}`, { title: 'Sửa' }, { ifMatch: review.version })
  assert.equal([edit.status, edit.body.code], [409, 'illegal-transition'])
  assert.is((await manager.post(`/api/management-reviews/${review.id}/decisions`, { category: 'improvement', description: 'x' })).status, 409)

  const pdf = await manager.raw(`/api/management-reviews/${review.id}/minutes?format=pdf`)
  assert.is(pdf.statusCode, 200)
  assert.is(pdf.headers['content-type'], 'application/pdf')
  const text = pdfText(pdf.rawPayload).replace(/\s+/g, ' ')
  for (const words of ['BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Sự thỏa đáng của các nguồn lực', 'Chuyển đổi hệ thống quản lý chất lượng', 'Nguyễn Văn Minh', 'Đã phê duyệt ngày 20/01/2020']) {
    assert.ok(text.includes(words), words)
  }
  assert.not.ok(text.includes('DỰ THẢO'))
  const html = await manager.get(`/api/management-reviews/${review.id}/minutes`)
  assert.equal([html.status, String(html.headers['content-type']).startsWith('text/html')], [200, true])
  assert.match(html.text, /Tình trạng các hành động từ các cuộc xem xét trước/)
})

const frozen = suite('the inputs are frozen when the review is held', ctx)

frozen('a draft reads the period live; once held, later records change nothing; earlier reviews’ open actions are listed', async ({ as, unitId }) => {
  const manager = await as('manager')
  const board = await unitId('BQL')
  const complain = async (summary: string) => {
    const res = await manager.post('/api/complaints', { kind: 'feedback', orgUnitId: await unitId('TNTKQ'), summary })
    assert.is(res.status, 201, res.text)
  }
  const draft = await prepare(manager, { orgUnitId: board })
  assert.equal([draft.status, draft.inputs.frozen, draft.allowedActions], ['draft', false, ['update', 'hold']])
  const before = draft.inputs.complaints.feedback
  // The 2019 review's open action (the ISO 9001:2015 transition), not its done one (done before this period).
  assert.equal(draft.inputs.previousActions.items.map((a: { reviewCode: string; status: string; overdue: boolean }) => [a.reviewCode, a.status, a.overdue]), [['XXLĐ-0001', 'open', true]])

  await complain('Đề nghị bố trí thêm ghế chờ tại quầy')
  const live = (await manager.get(`/api/management-reviews/${draft.id}`)).body
  assert.is(live.inputs.complaints.feedback, before + 1, 'a draft counts as of now')

  assert.is((await manager.post(`/api/management-reviews/${draft.id}/hold`)).status, 428)
  assert.is((await manager.post(`/api/management-reviews/${draft.id}/hold`, {}, { ifMatch: live.version + 1 })).status, 412)
  const held = await manager.post(`/api/management-reviews/${draft.id}/hold`, {}, { ifMatch: live.version })
  assert.is(held.status, 200, held.text)
  assert.equal([held.body.status, held.body.inputs.frozen, held.body.inputs.complaints.feedback], ['held', true, before + 1])

  await complain('Phản ánh thời gian chờ kéo dài')
  const later = (await manager.get(`/api/management-reviews/${draft.id}`)).body
  assert.equal(later.inputs, held.body.inputs, 'the minutes keep the figures of the day it was held')
  const other = await prepare(manager, { orgUnitId: board, title: 'Bản nháp khác cùng kỳ' })
  assert.is(other.inputs.complaints.feedback, before + 2, 'while a draft of the same period sees the new one')

  // The period belongs to the frozen figures.
  const moved = await manager.patch(`/api/management-reviews/${draft.id}`, { periodFrom: addDays(today(), -60) }, { ifMatch: later.version })
  assert.equal([moved.status, moved.body.code], [409, 'illegal-transition'])
  const noted = await manager.patch(`/api/management-reviews/${draft.id}`, { resources: 'Đủ nhân lực' }, { ifMatch: later.version })
  assert.equal([noted.status, noted.body.resources], [200, 'Đủ nhân lực'])

  const audit = await manager.get(`/api/audit-log?entityId=${draft.id}`)
  assert.equal(audit.body.items.map((e: { action: string }) => e.action), ['management_review.update', 'management_review.hold', 'management_review.create'])
})

const people = suite('who may prepare, read, decide and approve', ctx)

people('managers hold reviews; the chair approves; action owners read and complete their actions; others see their scope only', async ({ as, unitId, userId }) => {
  const manager = await as('manager')
  const auditor = await as('auditor')
  const head = await as('head')
  const staff = await as('staff')
  const planning = await unitId('QLQHXD')

  assert.is((await head.post('/api/management-reviews', { title: 'x', orgUnitId: planning, periodFrom: today(), periodTo: today(), meetingDate: today(), chairId: await userId('head') })).status, 403)
  const backwards = await manager.post('/api/management-reviews', { title: 'x', orgUnitId: planning, periodFrom: today(), periodTo: addDays(today(), -1), meetingDate: today(), chairId: await userId('manager') })
  assert.equal([backwards.status, backwards.body.errors?.[0]?.path], [400, 'periodTo'])
  const nobody = await manager.post('/api/management-reviews', { title: 'x', orgUnitId: planning, periodFrom: today(), periodTo: today(), meetingDate: today(), chairId: '00000000-0000-4000-8000-000000000000' })
  assert.equal([nobody.status, nobody.body.errors?.[0]?.path], [422, 'chairId'])

  const future = await prepare(manager, { orgUnitId: planning, meetingDate: addDays(today(), 3) })
  const early = await manager.post(`/api/management-reviews/${future.id}/hold`, {}, { ifMatch: future.version })
  assert.equal([early.status, early.body.errors?.[0]?.path], [400, 'meetingDate'])

  const review = await prepare(manager, { orgUnitId: planning, attendeeIds: [await userId('auditor')] })
  assert.is((await manager.post(`/api/management-reviews/${review.id}/decisions`, { category: 'improvement', description: 'Quá sớm' })).status, 409, 'decisions come from the meeting')
  assert.is((await head.get(`/api/management-reviews/${review.id}`)).status, 403, 'not the head’s subtree, not invited')
  assert.is((await staff.get(`/api/management-reviews/${review.id}`)).status, 403)
  assert.is((await auditor.post(`/api/management-reviews/${review.id}/hold`, {}, { ifMatch: review.version })).status, 403)
  const held = (await manager.post(`/api/management-reviews/${review.id}/hold`, {}, { ifMatch: review.version })).body

  const half = await manager.post(`/api/management-reviews/${review.id}/decisions`, { category: 'resources', description: 'x', ownerId: await userId('staff') })
  assert.equal([half.status, half.body.errors?.[0]?.path], [400, 'dueDate'])
  const action = await manager.post(`/api/management-reviews/${review.id}/decisions`, { category: 'improvement', description: 'Số hóa hồ sơ lưu trữ của phòng', ownerId: await userId('staff'), dueDate: addDays(today(), 10) })
  assert.is(action.status, 201, action.text)
  assert.equal([action.body.status, action.body.owner.fullName], ['open', 'Phạm Thị Thu'])
  const note = await manager.post(`/api/management-reviews/${review.id}/decisions`, { category: 'qms_change', description: 'Bổ sung quy trình lưu trữ vào sổ tay chất lượng' })
  assert.equal([note.status, note.body.status], [201, null])

  // The action's owner now reads the review and finds the action in their work.
  assert.is((await staff.get(`/api/management-reviews/${review.id}`)).status, 200)
  assert.ok((await staff.get('/api/management-reviews')).body.items.some((r: { id: string }) => r.id === review.id))
  const work = (await staff.get('/api/my-work')).body
  assert.ok(work.groups.actions.items.some((i: { id: string; link: string }) => i.id === action.body.id && i.link === `/management-reviews/${review.id}`))

  const current = (await manager.get(`/api/management-reviews/${review.id}`)).body
  const notChair = await auditor.post(`/api/management-reviews/${review.id}/approve`, {}, { ifMatch: current.version })
  assert.equal([notChair.status, notChair.body.code], [403, 'management-review.chair-only'])
  const approved = await manager.post(`/api/management-reviews/${review.id}/approve`, {}, { ifMatch: current.version })
  assert.equal([approved.status, approved.body.status, approved.body.approvedBy.fullName], [200, 'approved', 'Nguyễn Văn Minh'])
  assert.is((await manager.patch(`/api/management-reviews/${review.id}/decisions/${action.body.id}`, { description: 'y' }, { ifMatch: action.body.version })).status, 409)
  assert.is((await staff.post(`/api/management-reviews/${review.id}/decisions/${note.body.id}/complete`, { note: 'x' }, { ifMatch: note.body.version })).status, 403)
  assert.is((await manager.post(`/api/management-reviews/${review.id}/decisions/${note.body.id}/complete`, { note: 'x' }, { ifMatch: note.body.version })).status, 409, 'not an action')
  const done = await staff.post(`/api/management-reviews/${review.id}/decisions/${action.body.id}/complete`, { note: 'Đã số hóa 1.200 hồ sơ' }, { ifMatch: action.body.version })
  assert.equal([done.status, done.body.status, done.body.completedBy.fullName], [200, 'done', 'Phạm Thị Thu'])
  assert.not.ok((await staff.get('/api/my-work')).body.groups.actions.items.some((i: { id: string }) => i.id === action.body.id))
  assert.ok(held.inputs.frozen)
})

ctx.use(demo, frozen, people)
demo.run()
frozen.run()
people.run()
