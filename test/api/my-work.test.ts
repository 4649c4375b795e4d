import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { addDays, localDate } from '../../server/lib/clock.ts'
import { appContext, type ApiClient, type AppContext } from '../helpers/app.ts'
import { multipart, pdfFile } from '../helpers/files.ts'
import { addAction, complete, raise, ROOT_CAUSE, step } from '../helpers/nonconformities.ts'

interface Item {
  id: string
  code: string
  title: string
  waitingFor: string
  dueDate: string | null
  overdue: boolean
  daysLate: number
  urgency: string
  link: string
}
interface Group {
  count: number
  overdue: number
  items: Item[]
}
type Groups = Record<'revisions' | 'inspections' | 'audits' | 'nonconformities' | 'actions' | 'dossiers', Group>

// A clock the tests move (sessions last long enough to survive the moves).
let now = new Date()
const longSessions = { sessionHours: 24 * 90, sessionMaxDays: 365 }
const ctx = appContext({ clock: () => now, config: longSessions })
const today = () => localDate(now, 'Asia/Ho_Chi_Minh')

async function work(client: ApiClient, query = 'limit=100') {
  const res = await client.get(`/api/my-work?${query}`)
  assert.is(res.status, 200, res.text)
  return res.body as { asOf: string; total: number; overdue: number; groups: Groups }
}
const find = (group: Group, id: string) => group.items.find((i) => i.id === id)

let created = 0
async function newUser(c: AppContext, roles: string[], unitCode: string) {
  const username = `mywork.${++created}.${roles[0]}`
  const res = await (await c.as('admin')).post('/api/users', { username, fullName: `Người thử ${created}`, orgUnitId: await c.unitId(unitCode), roles, password: 'mywork-pass-1' })
  assert.is(res.status, 201, res.text)
  return { id: res.body.id as string, client: await c.as(username, 'mywork-pass-1') }
}

const shape = suite('the inbox: shape, counts and bad input', ctx)

shape('every role gets every group; the total adds the counts; limit cuts items, never counts', async ({ as }) => {
  for (const who of ['admin', 'manager', 'auditor', 'head', 'staff']) {
    const body = await work(await as(who))
    assert.is(body.asOf, today())
    assert.equal(Object.keys(body.groups).sort(), ['actions', 'audits', 'dossiers', 'inspections', 'nonconformities', 'revisions'])
    const groups = Object.values(body.groups)
    assert.is(body.total, groups.reduce((n, g) => n + g.count, 0), who)
    assert.is(body.overdue, groups.reduce((n, g) => n + g.overdue, 0), who)
    for (const g of groups) {
      assert.ok(g.items.length <= g.count, who)
      assert.ok(g.overdue <= g.count, who)
    }
    const one = await work(await as(who), 'limit=1')
    const none = await work(await as(who), 'limit=0')
    for (const key of Object.keys(body.groups) as (keyof Groups)[]) {
      assert.is(one.groups[key].count, body.groups[key].count, `${who} ${key} limit=1`)
      assert.ok(one.groups[key].items.length <= 1)
      assert.is(none.groups[key].count, body.groups[key].count, `${who} ${key} limit=0`)
      assert.is(none.groups[key].items.length, 0)
    }
    const defaults = await work(await as(who), '')
    for (const g of Object.values(defaults.groups)) assert.ok(g.items.length <= 20)
  }
})

shape('a bad query is a 400 naming the field; signed out is a 401', async ({ as, anonymous }) => {
  const staff = await as('staff')
  for (const q of ['limit=abc', 'limit=-1', 'limit=101', 'limit=1.5']) {
    const res = await staff.get(`/api/my-work?${q}`)
    assert.is(res.status, 400, q)
    assert.is(res.body.errors[0].path, 'query.limit', q)
  }
  const unknown = await staff.get('/api/my-work?owner=someone')
  assert.is(unknown.status, 400)
  assert.is((await anonymous().get('/api/my-work')).status, 401)
})

const ncs = suite('nonconformities wait for the role and unit of their next step', ctx)

ncs('analysis, plan, start, sending for verification: the head of the unit and managers; not staff, auditors or other units', async (c) => {
  now = new Date()
  const { as, unitId, userId } = c
  const head = await as('head')
  const manager = await as('manager')
  const auditor = await as('auditor')
  const staff = await as('staff')
  const otherHead = await newUser(c, ['dept_head'], 'QLDN')
  let nc = await raise(auditor, await unitId('TNTKQ'))

  const expect = async (client: ApiClient, waitingFor: string | undefined, who: string) => {
    const item = find((await work(client)).groups.nonconformities, nc.id)
    assert.is(item?.waitingFor, waitingFor, `${who} at ${nc.status}`)
    if (item) {
      assert.is(item.code, nc.code)
      assert.is(item.link, `/nonconformities/${nc.id}`)
    }
  }
  await expect(head, 'analysis', 'head')
  await expect(manager, 'analysis', 'manager')
  await expect(staff, undefined, 'staff')
  await expect(auditor, undefined, 'auditor')
  await expect(otherHead.client, undefined, 'head of another unit')
  assert.is((await work(staff)).groups.nonconformities.count, 0, 'staff take no NC step')
  assert.is((await work(await as('admin'))).groups.nonconformities.count, 0, 'nor do administrators')

  nc = await step(head, nc, 'analyze', { rootCause: ROOT_CAUSE })
  await expect(head, 'plan', 'head')
  const action = await addAction(head, nc.id, await userId('staff'))
  nc = await step(head, nc, 'plan')
  await expect(head, 'start_actions', 'head')
  nc = await step(head, nc, 'start')
  // While an action is open, the NC waits for its owner, not the head.
  await expect(head, undefined, 'head')
  const mine = find((await work(staff)).groups.actions, action.id)
  assert.ok(mine, 'the owner has the action')
  assert.is(mine!.waitingFor, 'complete_action')
  assert.is(mine!.link, `/nonconformities/${nc.id}`)
  await complete(staff, action)
  assert.not.ok(find((await work(staff)).groups.actions, action.id), 'a done action leaves the inbox')
  await expect(head, 'submit_verification', 'head')
})

ncs('verification: auditors and managers who own no action of it; closing: the head or a manager who did not verify', async (c) => {
  now = new Date()
  const { as, unitId, userId } = c
  const head = await as('head')
  const manager = await as('manager')
  const auditor = await as('auditor')
  let nc = await raise(auditor, await unitId('TNTKQ'))
  nc = await step(head, nc, 'analyze', { rootCause: ROOT_CAUSE })
  const a1 = await addAction(head, nc.id, await userId('staff'))
  const a2 = await addAction(head, nc.id, await userId('auditor'))
  nc = await step(head, nc, 'plan')
  nc = await step(head, nc, 'start')
  await complete(await as('staff'), a1)
  await complete(auditor, a2)
  nc = await step(head, (await head.get(`/api/nonconformities/${nc.id}`)).body, 'submit-verification')

  const waiting = async (client: ApiClient) => find((await work(client)).groups.nonconformities, nc.id)?.waitingFor
  assert.is(await waiting(manager), 'verification')
  assert.is(await waiting(auditor), undefined, 'the auditor owns an action of it')
  assert.is(await waiting(head), undefined, 'heads do not verify')

  nc = await step(manager, nc, 'verify', { effective: true, note: 'Checked the list' })
  assert.is(await waiting(head), 'closing')
  assert.is(await waiting(manager), undefined, 'the verifier does not close')
  await step(head, nc, 'close', {})
  assert.is(await waiting(head), undefined)
})

const mine = suite('actions and inspections of my own, by urgency', ctx)

mine('actions: overdue first (most late first), then soonest due, with days late', async (c) => {
  now = new Date()
  const { as, unitId } = c
  const head = await as('head')
  const owner = await newUser(c, ['staff'], 'TNTKQ')
  let nc = await raise(await as('auditor'), await unitId('TNTKQ'))
  nc = await step(head, nc, 'analyze', { rootCause: ROOT_CAUSE })
  const d = today()
  const late5 = await addAction(head, nc.id, owner.id, { dueDate: addDays(d, 2), description: 'five days late' })
  const late2 = await addAction(head, nc.id, owner.id, { dueDate: addDays(d, 5), description: 'two days late' })
  const soon = await addAction(head, nc.id, owner.id, { dueDate: addDays(d, 9), description: 'due soon' })
  const later = await addAction(head, nc.id, owner.id, { dueDate: addDays(d, 30), description: 'later' })
  // Before the plan stands, the owner is not asked for anything yet.
  assert.is((await work(owner.client)).groups.actions.count, 0)
  nc = await step(head, nc, 'plan')

  now = new Date(now.getTime() + 7 * 86_400_000)
  const body = await work(owner.client)
  const g = body.groups.actions
  assert.is(g.count, 4)
  assert.is(g.overdue, 2)
  assert.equal(
    g.items.map((i) => [i.id, i.urgency, i.daysLate, i.overdue]),
    [
      [late5.id, 'overdue', 5, true],
      [late2.id, 'overdue', 2, true],
      [soon.id, 'soon', 0, false],
      [later.id, 'later', 0, false],
    ],
  )
  assert.is(g.items[0].title, 'five days late')
  assert.is(g.items[0].code, nc.code)
  assert.is(body.overdue >= 2, true)
  // The NC itself now waits for the head to start it, overdue by its earliest action.
  const forHead = find((await work(head)).groups.nonconformities, nc.id)!
  assert.is(forHead.waitingFor, 'start_actions')
  assert.is(forHead.daysLate, 5)
  const firstTwo = await work(owner.client, 'limit=2')
  assert.equal(firstTwo.groups.actions.items.map((i) => i.id), [late5.id, late2.id])
  assert.is(firstTwo.groups.actions.count, 4)
})

mine('inspections I lead or am on: overdue, today, this week; not next month, not finished ones, not other people’s', async (c) => {
  now = new Date()
  const { as, unitId, userId } = c
  const auditor = await as('auditor')
  const lead = await newUser(c, ['auditor'], 'BQL')
  const member = await newUser(c, ['staff'], 'VP')
  const template = (await auditor.get('/api/checklist-templates?q=Kiểm tra công vụ')).body.items.find((t: { name: string }) => t.name === 'Kiểm tra công vụ').id
  const d = today()
  const plan = async (plannedFor: string, extra: Record<string, unknown> = {}) => {
    const res = await lead.client.post('/api/inspections', { templateId: template, orgUnitId: await unitId('TNTKQ'), kind: 'internal', plannedFor, teamIds: [member.id], location: 'Quầy 1', ...extra })
    assert.is(res.status, 201, res.text)
    return res.body
  }
  const overdue = await plan(addDays(d, -3))
  const now0 = await plan(d)
  const week = await plan(addDays(d, 4))
  const nextMonth = await plan(addDays(d, 30))
  const cancelled = await plan(d)
  assert.is((await lead.client.post(`/api/inspections/${cancelled.id}/cancel`, { reason: 'Trùng lịch' }, { ifMatch: cancelled.version })).status, 200)
  const others = await plan(d, { leadInspectorId: await userId('auditor'), teamIds: [] })

  const g = (await work(lead.client)).groups.inspections
  assert.equal(
    g.items.map((i) => [i.id, i.urgency, i.waitingFor]),
    [
      [overdue.id, 'overdue', 'lead_inspection'],
      [now0.id, 'today', 'lead_inspection'],
      [week.id, 'soon', 'lead_inspection'],
    ],
  )
  assert.is(g.count, 3)
  assert.is(g.overdue, 1)
  assert.is(g.items[0].daysLate, 3)
  assert.is(g.items[0].link, `/inspections/${overdue.id}`)
  assert.is(g.items[0].code, overdue.number)
  const onTeam = (await work(member.client)).groups.inspections
  assert.equal(onTeam.items.map((i) => [i.id, i.waitingFor]), [
    [overdue.id, 'join_inspection'],
    [now0.id, 'join_inspection'],
    [week.id, 'join_inspection'],
  ])
  assert.ok(!find((await work(member.client)).groups.inspections, nextMonth.id))
  assert.ok(find((await work(auditor)).groups.inspections, others.id), 'the auditor leads that one')
  assert.ok(!find(g, others.id))
})

mine('revisions: the named reviewer, then an approver who did not draft it', async (c) => {
  now = new Date()
  const { as, unitId, userId } = c
  const head = await as('head')
  const auditor = await as('auditor')
  const manager = await as('manager')
  const doc = await head.post('/api/documents', { code: `QT-MW${Date.now()}`, title: 'Quy trình thử hộp việc', type: 'procedure', owningUnitId: await unitId('VP') })
  assert.is(doc.status, 201, doc.text)
  const form = multipart({ changeSummary: 'Ban hành lần đầu' }, { name: 'qt.pdf', type: 'application/pdf', bytes: pdfFile('my work') })
  let rev = (await head.post(`/api/documents/${doc.body.id}/revisions`, form.body, { headers: form.headers })).body
  const act = async (client: ApiClient, action: string, body: unknown = {}) => {
    const res = await client.post(`/api/documents/${rev.documentId}/revisions/${rev.id}/${action}`, body, { ifMatch: rev.version })
    assert.is(res.status, 200, res.text)
    rev = res.body
  }
  const waiting = async (client: ApiClient) => find((await work(client)).groups.revisions, rev.id)
  assert.is(await waiting(auditor), undefined, 'a draft waits for nobody')
  await act(head, 'submit', { reviewerId: await userId('auditor') })
  const review = (await waiting(auditor))!
  assert.is(review.waitingFor, 'review')
  assert.is(review.link, `/documents/${doc.body.id}`)
  assert.is(review.title, 'Quy trình thử hộp việc')
  assert.is(await waiting(manager), undefined, 'not reviewed yet')
  assert.is(await waiting(head), undefined, 'the drafter waits for nobody')
  await act(auditor, 'review', { approve: true })
  assert.is(await waiting(auditor), undefined)
  assert.is((await waiting(manager))?.waitingFor, 'approval')
  await act(manager, 'approve')
  assert.is(await waiting(manager), undefined)

  // A revision the manager drafted waits for another approver, not for them.
  const form2 = multipart({ changeSummary: 'Sửa đổi' }, { name: 'qt2.pdf', type: 'application/pdf', bytes: pdfFile('my work 2') })
  await act(head, 'publish')
  rev = (await manager.post(`/api/documents/${doc.body.id}/revisions`, form2.body, { headers: form2.headers })).body
  await act(manager, 'submit', { reviewerId: await userId('head') })
  assert.is((await waiting(head))?.waitingFor, 'review')
  await act(head, 'review', { approve: true })
  assert.is(await waiting(manager), undefined, 'the drafter does not approve')
})

mine('programme audits to schedule: their lead and the managers, approved programmes, within 30 days, until scheduled', async (c) => {
  now = new Date()
  const { as, unitId, userId } = c
  const manager = await as('manager')
  const lead = await newUser(c, ['auditor'], 'BQL')
  const d = today()
  const year = Number(d.slice(0, 4))
  const template = (await manager.get('/api/audit-programmes?year=2020')).body.items[0]
  const templateId = (await manager.get(`/api/audit-programmes/${template.id}`)).body.audits[0].template.id
  const programme = async (number: string) => {
    const res = await manager.post('/api/audit-programmes', { year, number, title: `Chương trình ${number}` })
    assert.is(res.status, 201, res.text)
    return res.body
  }
  const planAudit = async (programmeId: string, plannedFrom: string, leadAuditorId: string) => {
    const res = await lead.client.post(`/api/audit-programmes/${programmeId}/audits`, {
      title: `Đánh giá ${plannedFrom}`, orgUnitIds: [await unitId('QLMT')], clauseNumbers: ['9.2'], plannedFrom, plannedTo: plannedFrom, leadAuditorId, templateId,
    })
    assert.is(res.status, 201, res.text)
    return res.body
  }
  const approved = await programme(`MW-${year}-A`)
  const draft = await programme(`MW-${year}-D`)
  const mineToday = await planAudit(approved.id, d, lead.id)
  const someoneElses = await planAudit(approved.id, d, await userId('auditor'))
  const inDraft = await planAudit(draft.id, d, lead.id)
  const far = addDays(d, 45).startsWith(String(year)) ? await planAudit(approved.id, addDays(d, 45), lead.id) : undefined
  assert.is((await work(lead.client)).groups.audits.count, 0, 'a draft programme’s audits are not scheduled yet')
  const p = (await manager.get(`/api/audit-programmes/${approved.id}`)).body
  assert.is((await manager.post(`/api/audit-programmes/${approved.id}/approve`, undefined, { ifMatch: p.version })).status, 200)

  const g = (await work(lead.client)).groups.audits
  assert.equal(g.items.map((i) => [i.id, i.waitingFor, i.urgency, i.code, i.link]), [[mineToday.id, 'schedule_audit', 'today', `MW-${year}-A #1`, `/audit-programmes/${approved.id}`]])
  const forManager = (await work(manager)).groups.audits
  assert.ok(find(forManager, someoneElses.id) && find(forManager, mineToday.id), 'the managers see every audit of the programme')
  assert.ok(!find(forManager, inDraft.id) && (!far || !find(forManager, far.id)))
  assert.is((await work(await as('head'))).groups.audits.count, 0, 'heads of unit plan no audit')
  // Scheduled, it leaves the inbox (its inspections come in instead).
  const scheduled = await lead.client.post(`/api/audit-programmes/${approved.id}/audits/${mineToday.id}/schedule`, undefined, { ifMatch: mineToday.version })
  assert.is(scheduled.status, 200, scheduled.text)
  assert.is((await work(lead.client)).groups.audits.count, 0)
  assert.ok(find((await work(lead.client)).groups.inspections, scheduled.body.units[0].inspection.id))
})

ctx.use(shape, ncs, mine)
shape.run()
ncs.run()
mine.run()

// Dossiers, on a pinned Wednesday: 13/01/2027 09:00 in Viet Nam.
const WEDNESDAY = new Date('2027-01-13T02:00:00Z')
const pinned = appContext({ clock: () => WEDNESDAY, config: longSessions })
const dossierInbox = suite('dossiers of my unit due within one working day or overdue', pinned)

const at = (date: string, time = '17:00') => new Date(`${date}T${time}:00+07:00`).toISOString()
let codeSeq = 0
async function dossier(client: ApiClient, procedureId: string, dueAt: string) {
  const res = await client.post('/api/dossiers', {
    code: `MW-${++codeSeq}-${Date.now()}`,
    procedureId,
    applicantName: 'Công ty TNHH Thử nghiệm',
    channel: 'online',
    receivedAt: at('2027-01-04', '09:00'),
    dueAt,
    dueAtReason: 'Hẹn theo phiếu',
  })
  assert.is(res.status, 201, res.text)
  return res.body
}

dossierInbox('the handling unit sees them, overdue first; the next working day counts, the calendar decides which that is', async (c) => {
  const { as } = c
  const manager = await as('manager')
  const procedure = (await manager.get('/api/procedures?q=DT.02')).body.items.find((p: { code: string }) => p.code === 'DT.02')
  assert.ok(procedure, 'DT.02 is handled by the investment department')
  const lateTue = await dossier(manager, procedure.id, at('2027-01-12'))
  const late4 = await dossier(manager, procedure.id, at('2027-01-08'))
  const todayWed = await dossier(manager, procedure.id, at('2027-01-13'))
  const thu = await dossier(manager, procedure.id, at('2027-01-14'))
  const fri = await dossier(manager, procedure.id, at('2027-01-15'))
  const resolved = await dossier(manager, procedure.id, at('2027-01-12'))
  assert.is((await manager.post(`/api/dossiers/${resolved.id}/resolve`, {}, { ifMatch: resolved.version })).status, 200)

  const investment = await newUser(c, ['staff'], 'QLĐT')
  const body = await work(investment.client)
  const g = body.groups.dossiers
  const ids = g.items.map((i) => i.id)
  const mineOnly = [late4.id, lateTue.id, todayWed.id, thu.id]
  assert.equal(ids.filter((id) => mineOnly.includes(id)), mineOnly, 'overdue (most late first), then soonest due')
  assert.not.ok(ids.includes(fri.id), 'Friday is two working days away')
  assert.not.ok(ids.includes(resolved.id), 'resolved dossiers wait for nobody')
  assert.is(g.count, g.items.length)
  const item = (id: string) => g.items.find((i) => i.id === id)!
  assert.equal([item(late4.id).urgency, item(late4.id).daysLate, item(late4.id).overdue], ['overdue', 5, true])
  assert.equal([item(lateTue.id).urgency, item(lateTue.id).daysLate], ['overdue', 1])
  assert.equal([item(todayWed.id).urgency, item(todayWed.id).daysLate, item(todayWed.id).overdue], ['today', 0, false])
  assert.equal([item(thu.id).urgency, item(thu.id).dueDate], ['soon', '2027-01-14'])
  assert.is(item(thu.id).link, `/dossiers/${thu.id}`)
  assert.is(item(thu.id).code, thu.code)
  assert.is(g.overdue, g.items.filter((i) => i.overdue).length)

  // Other units' people do not see them; the manager sees every unit's.
  for (const who of ['staff', 'head', 'auditor']) {
    const theirs = (await work(await as(who))).groups.dossiers
    assert.not.ok(theirs.items.some((i) => mineOnly.includes(i.id)), who)
  }
  assert.is((await work(await as('auditor'))).groups.dossiers.count, 0, 'auditors do not record dossiers')
  const managers = (await work(manager)).groups.dossiers
  assert.ok(managers.count >= 4)

  // Thursday becomes a holiday: the next working day is Friday.
  const holiday = await (await as('admin')).post('/api/calendar/holidays', { date: '2027-01-14', kind: 'holiday', name: 'Nghỉ bù' })
  assert.is(holiday.status, 201, holiday.text)
  const after = (await work(investment.client)).groups.dossiers.items.map((i) => i.id)
  assert.ok(after.includes(fri.id), 'Friday is now the next working day')
  assert.ok(after.includes(thu.id))
})

pinned.use(dossierInbox)
dossierInbox.run()
