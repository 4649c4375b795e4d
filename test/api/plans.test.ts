import { and, eq } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { notifications, users } from '../../db/schema/index.ts'
import { planSummary } from '../../server/modules/plans/summary.ts'
import { systemActor } from '../../server/lib/permissions.ts'
import type { ApiClient } from '../helpers/app.ts'
import { appContext } from '../helpers/app.ts'
import { pngFile } from '../helpers/files.ts'
import { multipartForm } from '../helpers/multipart-form.ts'

/** One clock for the file: "today" is 10/03/2030 in the agency (a Sunday morning does not matter: deadlines are calendar days). */
let now = new Date('2030-03-10T09:00:00+07:00')
const ctx = appContext({ clock: () => now })
const morning = (date: string) => new Date(`${date}T09:00:00+07:00`)

/** The planning department leads and supports no demo task: the fixtures below are all there is in it. */
const FIXTURE_UNIT = 'QLQHXD'

async function areaId(client: ApiClient, code: string): Promise<string> {
  const res = await client.get('/api/plan-areas')
  return res.body.items.find((a: { code: string }) => a.code === code).id
}

async function demoPlan(client: ApiClient) {
  const res = await client.get('/api/plans?year=2020')
  return res.body.items.find((p: { number: string }) => p.number === '04/KH-BQL')
}

// ---------------------------------------------------------------------------------------
const demo = suite('the 2020 plan of the seed report', ctx)

demo('04/KH-BQL implements 424/KH-UBND; its figures as of 27/05/2020 and the six directions for the second half-year', async ({ as, db }) => {
  const manager = await as('manager')
  const plan = await demoPlan(manager)
  assert.ok(plan, 'the demo plan is listed')
  assert.equal([plan.kind, plan.issuedOn, plan.basis, plan.status, plan.counts.total], ['annual_reform', '2020-01-06', 'Kế hoạch số 424/KH-UBND ngày 16/12/2019 của Ủy ban nhân dân tỉnh', 'approved', 17])

  // The service the half-year report uses, as of the report's end date: the six directions did not exist yet.
  const may = await planSummary(db, systemActor, plan.id, '2020-05-27', { now, config: ctx.config })
  assert.equal(may.totals, { total: 11, notStarted: 1, inProgress: 6, done: 3, doneLate: 1, cancelled: 0, overdue: 1 })
  assert.equal(may.byArea.map((a) => a.area.code), ['direction', 'institutions', 'procedures', 'apparatus', 'civil_service', 'public_finance', 'e_government'], 'tasks in every area, in the areas’ order')
  assert.equal(may.byArea.find((a) => a.area.code === 'institutions')!.counts.doneLate, 1, 'reported done on 10/04 for a 31/03 deadline')
  assert.equal(may.openTasks.filter((t) => t.overdue).map((t) => t.deadline), ['2020-05-15'])
  // Earlier in the year the same plan stood elsewhere: the figures are read back from the progress history.
  const march = (await manager.get(`/api/plans/${plan.id}/summary?date=2020-03-15`)).body
  assert.equal([march.totals.done, march.totals.doneLate, march.totals.inProgress], [3, 0, 1])
  // After 29/05: the six directions are the open tasks for the next period.
  const june = (await manager.get(`/api/plans/${plan.id}/summary?date=2020-06-01`)).body
  assert.is(june.totals.total, 17)
  assert.is(june.openTasks.filter((t: { deadline: string; status: string }) => t.deadline === '2020-12-31' && t.status === 'not_started').length, 6)

  // The task list page: by area and overdue, across plans; and the plan's own counts by area.
  const overdue = await manager.get(`/api/plan-tasks?year=2020&overdue=true&areaId=${await areaId(manager, 'civil_service')}`)
  // Today (2030) every open task of 2020 is overdue: the direction for the second half-year too, and the remediation of PAR criterion 4.2.
  assert.equal(overdue.body.items.map((t: { deadline: string; overdue: boolean }) => [t.deadline, t.overdue]), [['2020-05-15', true], ['2020-12-31', true], ['2020-12-31', true]])
  const detail = await manager.get(`/api/plans/${plan.id}`)
  assert.is(detail.body.byArea.length, 7)
  // Evidence on a task: the dossier statistics of the report's period.
  const desk = (await manager.get(`/api/plans/${plan.id}/tasks?q=${encodeURIComponent('phần mềm một cửa')}`)).body.items[0]
  const task = await manager.get(`/api/plans/${plan.id}/tasks/${desk.id}`)
  assert.equal(task.body.updates[0].links.map((l: { href: string }) => l.href), ['/dossiers/stats?from=2019-11-21&to=2020-05-27'])
})

// ---------------------------------------------------------------------------------------
const life = suite('a plan’s life: tasks, progress, done late, reminders', ctx)

life('a manager writes and approves a plan; the head reports progress with evidence; done after the deadline is done late', async ({ app, as, unitId, userId, db }) => {
  now = new Date('2030-03-10T09:00:00+07:00')
  const manager = await as('manager')
  const head = await as('head')
  const board = await unitId('BQL')
  const body = { kind: 'annual_reform', number: '12/KH-BQL', issuedOn: '2029-12-28', title: 'Kế hoạch cải cách hành chính năm 2030', year: 2030, issuingUnitId: board }
  assert.is((await head.post('/api/plans', body)).status, 403, 'heads do not write plans')
  const bad = await manager.post('/api/plans', { ...body, issuedOn: '2027-01-05' })
  assert.equal([bad.status, bad.body.errors[0].path], [400, 'issuedOn'])
  const created = await manager.post('/api/plans', body)
  assert.is(created.status, 201, created.text)
  const clash = await manager.post('/api/plans', { ...body, number: '12/kh-bql' })
  assert.equal([clash.status, clash.body.errors[0].path], [409, 'number'])
  let plan = created.body
  assert.equal([plan.status, plan.allowedActions], ['draft', ['update', 'add-task', 'approve']])

  const reception = await unitId('TNTKQ')
  const add = (extra: Record<string, unknown>) =>
    manager.post(`/api/plans/${plan.id}/tasks`, { content: 'Niêm yết thủ tục hành chính', leadUnitId: reception, deadline: '2030-03-01', ...extra })
  const procedures = await areaId(manager, 'procedures')
  const early = await add({ areaId: procedures })
  assert.is(early.status, 201, early.text)
  const badTask = await add({ areaId: crypto.randomUUID(), supportUnitIds: [reception] })
  assert.equal([badTask.status, badTask.body.errors.map((e: { path: string }) => e.path)], [422, ['areaId']])
  const dup = await add({ areaId: procedures, supportUnitIds: [reception] })
  assert.equal([dup.status, dup.body.errors[0].path], [422, 'supportUnitIds.0'])
  const later = await add({ areaId: procedures, content: 'Khảo sát sự hài lòng', deadline: '2030-03-31', supportUnitIds: [await unitId('VP')] })
  assert.equal([later.body.position, later.body.supportUnits.map((u: { code: string }) => u.code)], [2, ['VP']])

  // A draft is not reported on.
  const draftReport = await head.post(`/api/plans/${plan.id}/tasks/${early.body.id}/progress`, { note: 'Bắt đầu' }, { ifMatch: early.body.version })
  assert.is(draftReport.status, 409)
  const approved = await manager.patch(`/api/plans/${plan.id}`, { status: 'approved' }, { ifMatch: plan.version })
  assert.equal([approved.status, approved.body.status, approved.body.approvedBy.fullName], [200, 'approved', 'Nguyễn Văn Minh'])
  plan = approved.body
  const [told] = await db.select({ kind: notifications.kind }).from(notifications).innerJoin(users, eq(users.id, notifications.userId)).where(and(eq(users.username, 'head'), eq(notifications.entityId, early.body.id)))
  assert.is(told?.kind, 'plan_task.assigned', 'approving tells the head of the lead unit')

  const url = (t: { id: string }) => `/api/plans/${plan.id}/tasks/${t.id}/progress`
  assert.is((await head.post(url(early.body), { note: 'x' })).status, 428)
  assert.is((await head.post(url(early.body), { note: 'x' }, { ifMatch: early.body.version + 1 })).status, 412)
  assert.is((await head.post(url(early.body), { note: 'x', status: 'done_late' }, { ifMatch: early.body.version })).status, 400, 'done late is never chosen')

  // Evidence: an uploaded file and a link to the dossier statistics.
  const form = multipartForm({ file: { filename: 'niem-yet.png', contentType: 'image/png', data: pngFile() } })
  const file = await head.post('/api/attachments', form.body, { headers: { 'content-type': form.contentType } })
  const badLink = await head.post(url(early.body), { note: 'x', links: [{ kind: 'document' }] }, { ifMatch: early.body.version })
  assert.equal([badLink.status, badLink.body.errors[0].path], [422, 'links.0'])
  const done = await head.post(
    url(early.body),
    { note: 'Đã niêm yết 40 thủ tục', status: 'done', period: 'Q1', attachmentIds: [file.body.id], links: [{ kind: 'dossier_stats', from: '2030-01-01', to: '2030-03-09' }] },
    { ifMatch: early.body.version },
  )
  assert.is(done.status, 201, done.text)
  assert.equal([done.body.status, done.body.completedOn, done.body.overdue], ['done_late', '2030-03-10', false], 'marked done on 10/03 for a 01/03 deadline')
  assert.equal([done.body.updates[0].fromStatus, done.body.updates[0].toStatus, done.body.updates[0].attachmentIds], ['not_started', 'done_late', [file.body.id]])
  const onTime = await head.post(url(later.body), { note: 'Xong', status: 'done' }, { ifMatch: later.body.version })
  assert.equal([onTime.body.status, onTime.body.lastUpdate.period], ['done', 'H1'])
  // A done task moves only back to in progress.
  const cancel = await head.post(url(onTime.body), { note: 'Hủy', status: 'cancelled' }, { ifMatch: onTime.body.version })
  assert.equal([cancel.status, cancel.body.errors[0].path], [400, 'status'])
  const reopened = await head.post(url(onTime.body), { note: 'Còn phải khảo sát bổ sung', status: 'in_progress' }, { ifMatch: onTime.body.version })
  assert.equal([reopened.body.status, reopened.body.completedOn], ['in_progress', null])

  // Counts on the plan and its audit trail.
  const read = await manager.get(`/api/plans/${plan.id}`)
  assert.equal(read.body.counts, { total: 2, notStarted: 0, inProgress: 1, done: 0, doneLate: 1, cancelled: 0, overdue: 0 })
  const audit = await manager.get(`/api/audit-log?entityId=${early.body.id}`)
  assert.equal(audit.body.items.map((e: { action: string }) => e.action), ['plan_task.report', 'plan_task.create'])

  // A nonconformity raised from the task, in its lead unit; one live NC per task.
  const nc = await head.post(`/api/plans/${plan.id}/tasks/${early.body.id}/nonconformity`, {})
  assert.equal([nc.status, nc.body.source, nc.body.orgUnit?.id ?? nc.body.orgUnitId], [201, 'plan_task', reception])
  assert.is((await head.post(`/api/plans/${plan.id}/tasks/${early.body.id}/nonconformity`, {})).status, 409)
  assert.equal((await head.get(`/api/plans/${plan.id}/tasks/${early.body.id}`)).body.nonconformities.map((n: { code: string }) => n.code), [nc.body.code])
  // The NC knows only its task: the task is found by its id alone, as its plan gives it.
  const byId = await head.get(`/api/plan-tasks/${nc.body.sourceId}`)
  assert.equal([byId.status, byId.body.planId, byId.body.id], [200, plan.id, early.body.id])
  assert.is((await head.get('/api/plan-tasks/00000000-0000-4000-8000-000000000000')).status, 404)
  assert.is((await head.get('/api/plan-tasks/not-a-task')).status, 400)

  // …and a task raised from a nonconformity.
  const fromNc = await add({ areaId: procedures, content: 'Khắc phục sự không phù hợp', deadline: '2030-04-30', source: 'nonconformity', sourceId: nc.body.id })
  assert.equal([fromNc.status, fromNc.body.source, fromNc.body.sourceId], [201, 'nonconformity', nc.body.id])
  const noSource = await add({ areaId: procedures, source: 'objective', sourceId: crypto.randomUUID() })
  assert.equal([noSource.status, noSource.body.errors[0].path], [422, 'sourceId'])
  const par = await add({ areaId: procedures, content: 'Khắc phục tiêu chí chưa đạt', deadline: '2030-06-30', source: 'par_criterion', sourceId: crypto.randomUUID() })
  assert.equal([par.status, par.body.errors?.[0]?.path], [422, 'sourceId'], 'a PAR criterion must exist')

  // Reminders on the escalation's ladder: the head before and after the deadline, managers after ten days.
  const sentFor = async (taskId: string) =>
    (await db.select({ kind: notifications.kind, user: users.username }).from(notifications).innerJoin(users, eq(users.id, notifications.userId)).where(eq(notifications.entityId, taskId)))
      .filter((n) => n.kind !== 'plan_task.assigned')
      .map((n) => `${n.kind}:${n.user}`)
      .sort()
  await app.scheduler.run('plan-task-reminders', morning('2030-04-26'))
  assert.equal(await sentFor(fromNc.body.id), [], 'four days before: nothing')
  await app.scheduler.run('plan-task-reminders', morning('2030-04-27'))
  await app.scheduler.run('plan-task-reminders', morning('2030-04-28'))
  assert.equal(await sentFor(fromNc.body.id), ['plan_task.due_soon:head'], 'three days before, once')
  await app.scheduler.run('plan-task-reminders', morning('2030-05-01'))
  assert.equal(await sentFor(fromNc.body.id), ['plan_task.due_soon:head', 'plan_task.overdue:head'])
  await app.scheduler.run('plan-task-reminders', morning('2030-05-10'))
  assert.equal(await sentFor(fromNc.body.id), ['plan_task.due_soon:head', 'plan_task.overdue:head', 'plan_task.overdue_manager:manager'])
  assert.equal(await sentFor(early.body.id), [], 'a done task reminds no one')

  // Closed: read-only until reopened.
  const closed = await manager.patch(`/api/plans/${plan.id}`, { status: 'closed' }, { ifMatch: plan.version })
  assert.is(closed.status, 200, closed.text)
  assert.is((await add({ areaId: procedures })).status, 409)
  const edit = await manager.patch(`/api/plans/${plan.id}`, { title: 'Sửa' }, { ifMatch: closed.body.version })
  assert.equal([edit.status, edit.body.allowed], [409, ['reopen']])
  void userId
})

// ---------------------------------------------------------------------------------------
const access = suite('who sees and updates tasks', ctx)

access('heads update their subtree’s tasks only; staff read their own unit’s; areas are configurable by managers', async ({ as, unitId }) => {
  now = new Date('2030-03-10T09:00:00+07:00')
  const manager = await as('manager')
  const head = await as('head')
  const staff = await as('staff')
  const plan = (await manager.post('/api/plans', { kind: 'other', number: '99/KH-BQL', issuedOn: '2030-02-01', title: 'Kế hoạch khắc phục', year: 2030, issuingUnitId: await unitId('BQL') })).body
  const area = await areaId(manager, 'direction')
  const planning = await unitId(FIXTURE_UNIT)
  const mk = async (leadUnitId: string, supportUnitIds: string[] = []) =>
    (await manager.post(`/api/plans/${plan.id}/tasks`, { areaId: area, content: 'Nhiệm vụ', leadUnitId, supportUnitIds, deadline: '2030-12-31' })).body
  const elsewhere = await mk(planning)
  const supported = await mk(planning, [await unitId('TNTKQ')])
  const own = await mk(await unitId('VP'))
  const approved = await manager.patch(`/api/plans/${plan.id}`, { status: 'approved' }, { ifMatch: plan.version })
  assert.is(approved.status, 200)

  const ids = async (client: ApiClient) => ((await client.get(`/api/plan-tasks?planId=${plan.id}`)).body.items as { id: string }[]).map((t) => t.id).sort()
  assert.equal(await ids(manager), [elsewhere.id, supported.id, own.id].sort())
  assert.equal(await ids(head), [supported.id, own.id].sort(), 'the head sees what the office subtree leads or supports')
  assert.equal(await ids(staff), [supported.id], 'staff see what their own unit leads or supports')
  assert.is((await staff.get(`/api/plans/${plan.id}/tasks/${elsewhere.id}`)).status, 403)
  assert.is((await staff.get(`/api/plan-tasks/${elsewhere.id}`)).status, 403, 'by its id alone too')
  const supportedRead = await head.get(`/api/plans/${plan.id}/tasks/${supported.id}`)
  assert.equal(supportedRead.body.allowedActions, [], 'a supporting unit reads, the lead unit reports')
  assert.is((await head.post(`/api/plans/${plan.id}/tasks/${supported.id}/progress`, { note: 'x' }, { ifMatch: supported.version })).status, 403)
  assert.is((await staff.post(`/api/plans/${plan.id}/tasks/${supported.id}/progress`, { note: 'x' }, { ifMatch: supported.version })).status, 403)
  assert.is((await head.patch(`/api/plans/${plan.id}/tasks/${own.id}`, { content: 'Sửa' }, { ifMatch: own.version })).status, 403, 'only managers change what a task is')
  const ownRead = await head.get(`/api/plans/${plan.id}/tasks/${own.id}`)
  assert.equal(ownRead.body.allowedActions, ['report', 'raise-nc'])
  assert.is((await head.post(`/api/plans/${plan.id}/tasks/${own.id}/progress`, { note: 'Đang làm', status: 'in_progress' }, { ifMatch: own.version })).status, 201)
  assert.equal((await manager.get(`/api/plan-tasks?planId=${plan.id}&orgUnitId=${await unitId('TNTKQ')}`)).body.items.map((t: { id: string }) => t.id), [supported.id], 'the unit filter counts supporting units')

  // The list of areas: managers add, rename, retire; a retired area takes no new task.
  assert.is((await head.post('/api/plan-areas', { code: 'propaganda', nameVi: 'Tuyên truyền', nameEn: 'Propaganda' })).status, 403)
  const added = await manager.post('/api/plan-areas', { code: 'propaganda', nameVi: 'Công tác tuyên truyền cải cách hành chính', nameEn: 'Propaganda' })
  assert.equal([added.status, added.body.position], [201, 8])
  assert.is((await manager.post('/api/plan-areas', { code: 'propaganda', nameVi: 'x', nameEn: 'x' })).status, 409)
  const retired = await manager.patch(`/api/plan-areas/${added.body.id}`, { active: false }, { ifMatch: added.body.version })
  assert.equal([retired.status, retired.body.active], [200, false])
  const refused = await manager.post(`/api/plans/${plan.id}/tasks`, { areaId: added.body.id, content: 'x', leadUnitId: planning, deadline: '2030-12-31' })
  assert.equal([refused.status, refused.body.errors[0].path], [422, 'areaId'])
})

// ---------------------------------------------------------------------------------------
const remediation = suite('the remediation plan of a PAR self-assessment', ctx)

remediation('a manager takes up criteria that lost points as tasks, all or none; one live task per criterion and plan; the list links them', async ({ as, unitId }) => {
  now = new Date('2030-03-10T09:00:00+07:00')
  const manager = await as('manager')
  const head = await as('head')
  const assessment = (await manager.get('/api/par-index/assessments')).body.items.find((a: { year: number }) => a.year === 2019)
  const url = `/api/par-index/assessments/${assessment.id}/remediation`
  type Candidate = { criterionId: string; code: string; suggestedTask: string; tasks: { id: string; planId: string; planNumber: string; status: string }[] }
  const before: Candidate[] = (await manager.get(url)).body.items
  // The demo's remediation plan took up every criterion that lost points in 2019.
  assert.equal(before.map((c) => c.tasks.map((t) => t.planNumber)), before.map(() => ['KHKP-CCHC-2019']))
  const byCode = (code: string) => before.find((c) => c.code === code)!
  const demoTask = byCode('2.2.3').tasks[0]
  const shown = (await manager.get(`/api/plans/${demoTask.planId}/tasks/${demoTask.id}`)).body
  assert.equal([shown.source, shown.area.code, shown.sourceRef], ['par_criterion', 'procedures', { label: '2.2.3 Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', href: `/par-index/${assessment.id}` }])

  const plan = (await manager.post('/api/plans', { kind: 'other', number: 'KP-2030', issuedOn: '2030-03-01', title: 'Kế hoạch khắc phục', year: 2030, issuingUnitId: await unitId('BQL') })).body
  const planning = await unitId(FIXTURE_UNIT)
  const area = await areaId(manager, 'direction')
  const body = (codes: string[], extra: Record<string, unknown>[] = []) => ({
    assessmentId: assessment.id,
    areaId: area,
    leadUnitId: planning,
    deadline: '2030-12-31',
    items: [...codes.map((code) => ({ criterionId: byCode(code).criterionId })), ...extra],
  })
  const take = (b: unknown, client = manager) => client.post(`/api/plans/${plan.id}/remediation-tasks`, b)
  const count = async () => (await manager.get(`/api/plans/${plan.id}`)).body.counts.total

  assert.is((await take(body(['2.2.1']), head)).status, 403, 'managers write plans')
  const unknown = await take(body(['2.2.1'], [{ criterionId: crypto.randomUUID() }]))
  assert.equal([unknown.status, unknown.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)], [422, ['items.1.criterionId:reference']])
  const sets = (await manager.get('/api/par-index/criteria-sets?year=2019')).body.items
  const full = (await manager.get(`/api/par-index/criteria-sets/${sets[0].id}`)).body.criteria
  const notLost = full.find((c: { code: string }) => c.code === '3.1').id
  const twice = await take(body(['2.2.1', '2.2.1'], [{ criterionId: notLost }]))
  assert.equal(twice.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`), ['items.1.criterionId:duplicate', 'items.2.criterionId:no_points_lost'])
  assert.is(await count(), 0, 'nothing written')

  const created = await take(body(['2.2.1', '6.1.1'], [{ criterionId: byCode('1.3').criterionId, content: 'Tổ chức đủ các hình thức tuyên truyền', deadline: '2030-06-30' }]))
  assert.is(created.status, 201, created.text)
  assert.equal(
    created.body.items.map((t: { position: number; source: string; sourceId: string; content: string; deadline: string }) => [t.position, t.source, t.sourceId, t.content, t.deadline]),
    [
      [1, 'par_criterion', byCode('2.2.1').criterionId, byCode('2.2.1').suggestedTask, '2030-12-31'],
      [2, 'par_criterion', byCode('6.1.1').criterionId, byCode('6.1.1').suggestedTask, '2030-12-31'],
      [3, 'par_criterion', byCode('1.3').criterionId, 'Tổ chức đủ các hình thức tuyên truyền', '2030-06-30'],
    ],
  )
  // Again 6.1.1, with one not taken yet: refused, naming it; nothing written.
  const again = await take(body(['1.1.2', '6.1.1']))
  assert.equal([again.status, again.body.code, again.body.params.codes, again.body.errors[0].path], [409, 'plan.criterion-has-task', ['6.1.1'], 'items.1.criterionId'])
  assert.is(await count(), 3)
  const single = await manager.post(`/api/plans/${plan.id}/tasks`, { areaId: area, content: 'x', leadUnitId: planning, deadline: '2030-12-31', source: 'par_criterion', sourceId: byCode('2.2.1').criterionId })
  assert.equal([single.status, single.body.errors[0].path], [409, 'sourceId'], 'one task at a time follows the same rule')

  // A cancelled task no longer counts: the criterion may be taken up again.
  const approved = await manager.patch(`/api/plans/${plan.id}`, { status: 'approved' }, { ifMatch: plan.version })
  assert.is(approved.status, 200)
  const first = created.body.items[0]
  assert.is((await manager.post(`/api/plans/${plan.id}/tasks/${first.id}/progress`, { note: 'Gộp vào nhiệm vụ khác', status: 'cancelled' }, { ifMatch: first.version })).status, 201)
  const retaken = await take(body(['2.2.1']))
  assert.equal([retaken.status, retaken.body.items[0].position], [201, 4])

  // The remediation list and the task list show the live tasks of each criterion.
  const after: Candidate[] = (await manager.get(url)).body.items
  assert.equal(after.find((c) => c.code === '2.2.1')!.tasks.map((t) => [t.planNumber, t.status]), [['KHKP-CCHC-2019', 'not_started'], ['KP-2030', 'not_started']])
  const raised = await manager.get(`/api/plan-tasks?source=par_criterion&sourceId=${byCode('6.1.1').criterionId}`)
  assert.equal(raised.body.items.map((t: { planId: string }) => t.planId).sort(), [demoTask.planId, plan.id].sort())
  // Staff see only what their unit leads or supports: the reception desk's task, not the planning department's.
  assert.equal((await (await as('staff')).get(url)).body.items.find((c: Candidate) => c.code === '2.2.1').tasks.map((t: { planNumber: string }) => t.planNumber), ['KHKP-CCHC-2019'])
})

ctx.use(demo, life, access, remediation)
demo.run()
life.run()
access.run()
remediation.run()
