import { and, eq, sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { connectPostgres, queryRows, type Db, type DbHandle } from '../../db/client.ts'
import { jobRuns, notifications } from '../../db/schema/index.ts'
import { buildApp } from '../../server/app.ts'
import { runJob } from '../../server/jobs/index.ts'
import { localDate } from '../../server/lib/clock.ts'
import { escalateNonconformities } from '../../server/modules/nonconformities/escalation.ts'
import { appContext, type AppContext } from '../helpers/app.ts'
import { testEngine } from '../helpers/database.ts'
import { inProgress, raise } from '../helpers/nonconformities.ts'
import { assertAll } from '../helpers/assertions.ts'

/** 09:00 in Vietnam on `date`. */
const morning = (date: string) => new Date(`${date}T09:00:00+07:00`)

/** Notifications about one record: `kind → usernames`, read straight from the table. */
async function sent(db: Db, entityId: string): Promise<Record<string, string[]>> {
  const rows = await queryRows<{ kind: string; username: string }>(
    db,
    sql`select n.kind, u.username from notifications n join users u on u.id = n.user_id where n.entity_id = ${entityId} order by n.kind, u.username`,
  )
  const out: Record<string, string[]> = {}
  for (const r of rows) (out[r.kind] ??= []).push(r.username)
  return out
}

/** An in-progress NC on the reception desk whose one action (owned by staff) is due `due`. */
async function actionDue(context: AppContext, due: string) {
  const { nc, action } = await inProgress(context, { dueDate: '2035-12-31' })
  const res = await (await context.as('head')).patch(`/api/actions/${action.id}`, { dueDate: due }, { ifMatch: action.version })
  assert.is(res.status, 200)
  return { nc, action: res.body }
}

const ctx = appContext()

// ---------------------------------------------------------------------------------------
const escalation = suite('escalation timing (controllable clock)', ctx)

escalation('owner 3 days before and when overdue, head after 3 days, managers after 10; never twice', async (context) => {
  const { app, db } = context
  const { action } = await actionDue(context, '2031-03-10')
  const run = (date: string) => app.scheduler.runDue(morning(date))
  const counts = async () => Object.fromEntries(Object.entries(await sent(db, action.id)).filter(([k]) => k !== 'action.assigned'))

  await run('2031-03-06')
  assert.equal(await counts(), {}, 'four days before: nothing yet')
  const first = await run('2031-03-07')
  assert.is(first['nonconformity-escalation'].status, 'ran')
  assert.equal(await counts(), { 'action.due_soon': ['staff'] })
  // The same day again (forced past the interval), and on the due date: the reminder is not repeated.
  assert.is((await app.scheduler.run('nonconformity-escalation', morning('2031-03-07'))).status, 'ran')
  await run('2031-03-10')
  assert.equal(await counts(), { 'action.due_soon': ['staff'] })
  await run('2031-03-11')
  assert.equal(await counts(), { 'action.due_soon': ['staff'], 'action.overdue': ['staff'] })
  await run('2031-03-12')
  assert.is(Object.keys(await counts()).length, 2, 'two days overdue: the head is not told yet')
  await run('2031-03-13')
  assert.equal((await counts())['action.overdue_head'], ['head'], 'three days overdue: the head of the Office')
  await run('2031-03-19')
  assert.is((await counts())['action.overdue_manager'], undefined)
  await run('2031-03-20')
  assert.equal((await counts())['action.overdue_manager'], ['manager'], 'ten days overdue: the managers')
  await run('2031-04-30')
  assert.equal(await counts(), {
    'action.due_soon': ['staff'],
    'action.overdue': ['staff'],
    'action.overdue_head': ['head'],
    'action.overdue_manager': ['manager'],
  })
  const note = (await (await context.as('staff')).get('/api/notifications?limit=500')).body.items.find((n: { kind: string; entityId: string }) => n.kind === 'action.overdue' && n.entityId === action.id)
  assert.equal([note.params.dueDate, note.link], ['2031-03-10', `/nonconformities/${action.nonconformityId}`])
})

escalation('the nonconformity’s own due date: heads before and when overdue, managers after 10 days', async ({ app, db, as, unitId }) => {
  const nc = await raise(await as('auditor'), await unitId('TNTKQ'), { dueDate: '2032-06-30' })
  await app.scheduler.runDue(morning('2032-06-26'))
  assert.equal(await sent(db, nc.id), { 'nonconformity.raised': ['head'] })
  await app.scheduler.runDue(morning('2032-06-27'))
  await app.scheduler.runDue(morning('2032-07-01'))
  await app.scheduler.runDue(morning('2032-07-10'))
  assert.equal(await sent(db, nc.id), {
    'nonconformity.due_soon': ['head'],
    'nonconformity.overdue': ['head'],
    'nonconformity.overdue_manager': ['manager'],
    'nonconformity.raised': ['head'],
  })
})

escalation('a management review action: its owner before and when overdue, the managers after 10 days', async ({ app, db, as, unitId, userId }) => {
  const manager = await as('manager')
  const day = localDate(new Date(), 'Asia/Ho_Chi_Minh')
  const created = await manager.post('/api/management-reviews', { title: 'Xem xét thử nhắc việc', orgUnitId: await unitId('VP'), periodFrom: day, periodTo: day, meetingDate: day, chairId: await userId('manager') })
  assert.is(created.status, 201, created.text)
  const held = await manager.post(`/api/management-reviews/${created.body.id}/hold`, {}, { ifMatch: created.body.version })
  assert.is(held.status, 200, held.text)
  const decision = await manager.post(`/api/management-reviews/${created.body.id}/decisions`, { category: 'improvement', description: 'Bổ sung máy quét', ownerId: await userId('staff'), dueDate: '2032-09-10' })
  assert.is(decision.status, 201, decision.text)
  await app.scheduler.runDue(morning('2032-09-06'))
  assert.equal(await sent(db, decision.body.id), {}, 'four days before: nothing')
  await app.scheduler.runDue(morning('2032-09-07'))
  await app.scheduler.runDue(morning('2032-09-11'))
  await app.scheduler.runDue(morning('2032-09-20'))
  assert.equal(await sent(db, decision.body.id), { 'review_action.due_soon': ['staff'], 'review_action.overdue': ['staff'], 'review_action.overdue_manager': ['manager'] })
  const note = (await (await as('staff')).get('/api/notifications?limit=500')).body.items.find((n: { kind: string; entityId: string }) => n.kind === 'review_action.overdue' && n.entityId === decision.body.id)
  assert.equal([note.params.code, note.link], [created.body.code, `/management-reviews/${created.body.id}`])
})

escalation('a moved due date starts the ladder again; a closed or cancelled NC sends nothing', async (context) => {
  const { app, db, as } = context
  const head = await as('head')
  const { nc, action } = await actionDue(context, '2033-01-10')
  await app.scheduler.runDue(morning('2033-01-11'))
  assert.ok((await sent(db, action.id))['action.overdue'])
  const current = (await head.get(`/api/actions/${action.id}`)).body
  await head.patch(`/api/actions/${action.id}`, { dueDate: '2033-02-01' }, { ifMatch: current.version })
  await app.scheduler.runDue(morning('2033-01-29'))
  assert.is((await queryRows(db, sql`select 1 from notifications where entity_id = ${action.id} and kind = 'action.due_soon'`)).length, 1)

  const fresh = (await head.get(`/api/nonconformities/${nc.id}`)).body
  const cancelled = await (await as('auditor')).post(`/api/nonconformities/${nc.id}/cancel`, { reason: 'test' }, { ifMatch: fresh.version })
  assert.is(cancelled.status, 200)
  const before = JSON.stringify(await sent(db, action.id))
  await app.scheduler.runDue(morning('2033-06-01'))
  assert.is(JSON.stringify(await sent(db, action.id)), before)
})

escalation('a job runs at most once per interval; a failing job leaves nothing and records its error', async ({ app, db }) => {
  const now = morning('2034-01-01')
  assert.is((await app.scheduler.runDue(now))['nonconformity-escalation'].status, 'ran')
  const again = await app.scheduler.runDue(new Date(now.getTime() + 5 * 60_000))
  assert.is(again['nonconformity-escalation'].status, 'not-due')
  const later = await app.scheduler.runDue(new Date(now.getTime() + 61 * 60_000))
  assert.is(later['nonconformity-escalation'].status, 'ran')

  const broken = {
    name: 'test-broken-job',
    intervalMs: () => 0,
    run: async (tx: Db) => {
      await tx.insert(notifications).values({ userId: (await queryRows<{ id: string }>(tx, sql`select id from users where username = 'staff'`))[0].id, kind: 'test', title: 't', dedupeKey: 'test-broken' })
      throw new Error('boom')
    },
  }
  const result = await runJob(db, app.config, broken, now)
  assert.equal(result, { status: 'failed', error: 'boom' })
  assert.is((await queryRows(db, sql`select 1 from notifications where dedupe_key = 'test-broken'`)).length, 0)
  const [row] = await db.select().from(jobRuns).where(eq(jobRuns.name, 'test-broken-job'))
  assert.is(row.lastError, 'boom')
  assert.is(row.runs, 0)
})

// ---------------------------------------------------------------------------------------
const twoInstances = suite(`two app instances on one database create no duplicates (${testEngine})`, ctx)

twoInstances('both schedulers tick at the same moment: the job runs once, every notification exists once', async (context) => {
  const { app, db, handle } = context
  const { action } = await actionDue(context, '2036-05-01')
  // A second instance: on PostgreSQL its own connection pool to the same database; on the
  // embedded engine (one process only) a second app on the same handle.
  let second: DbHandle | undefined
  let secondDb = db
  if (testEngine === 'postgres') {
    const [{ name }] = await queryRows<{ name: string }>(db, sql`select current_database() as name`)
    const url = new URL(process.env.TEST_DATABASE_URL!)
    url.pathname = `/${name}`
    second = connectPostgres(url.toString(), { max: 3 })
    secondDb = second.db
  }
  const other = await buildApp({ db: secondDb, engine: handle.engine, config: app.config, logger: false })
  try {
    const now = morning('2036-05-20')
    const [a, b] = await Promise.all([app.scheduler.runDue(now), other.scheduler.runDue(now)])
    const statuses = [a['nonconformity-escalation'].status, b['nonconformity-escalation'].status].sort()
    assert.is(statuses.filter((s) => s === 'ran').length, 1, `exactly one ran: ${statuses}`)
    assert.ok(['busy', 'not-due'].includes(statuses.find((s) => s !== 'ran')!))
    assert.equal(await sent(db, action.id), {
      'action.assigned': ['staff'],
      'action.overdue': ['staff'],
      'action.overdue_head': ['head'],
      'action.overdue_manager': ['manager'],
    })

    // Even the job's work itself, run by both instances at once without the scheduler's
    // lock, cannot create a notification twice: the unique index and ON CONFLICT decide.
    const later = morning('2036-06-30')
    const [x, y] = await Promise.all([
      db.transaction((tx) => escalateNonconformities(tx, { now: later, config: app.config })),
      secondDb.transaction((tx) => escalateNonconformities(tx, { now: later, config: app.config })),
    ])
    assert.ok(x.created + y.created >= 0)
    const duplicates = await queryRows(db, sql`select user_id, dedupe_key from notifications group by user_id, dedupe_key having count(*) > 1`)
    assert.is(duplicates.length, 0, JSON.stringify(duplicates))
    const total = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from notifications where entity_id = ${action.id}`)
    assert.is(Number(total[0].n), 4)
  } finally {
    await other.close()
    await second?.close()
  }
})

// ---------------------------------------------------------------------------------------
const inbox = suite('my notifications', ctx)

inbox('unread first, newest first; mark one or all read; the bell count follows', async ({ app, as, db }) => {
  const head = await as('head')
  await app.scheduler.runDue(morning('2030-01-01'))
  const first = await head.get('/api/notifications?limit=500')
  assert.is(first.status, 200)
  assert.ok(first.body.unreadCount >= 3, 'the demo data left the head several reminders')
  const target = first.body.items[1]
  const read = await head.post(`/api/notifications/${target.id}/read`)
  assert.is(read.status, 200)
  assert.ok(read.body.readAt)
  const again = await head.post(`/api/notifications/${target.id}/read`)
  assert.is(again.body.readAt, read.body.readAt, 'reading twice keeps the first time')
  const after = await head.get('/api/notifications?limit=500')
  assert.is(after.body.unreadCount, first.body.unreadCount - 1)
  assert.is(after.body.items.at(-1).id, target.id, 'read ones come after the unread')
  const unreadOnly = await head.get('/api/notifications?unread=true&limit=500')
  assert.not.ok(unreadOnly.body.items.some((n: { id: string }) => n.id === target.id))
  assert.is((await head.get('/api/notifications/unread-count')).body.unreadCount, after.body.unreadCount)

  // Paging crosses from unread to read without repeating anything.
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const res: { status: number; text: string; body: { items: { id: string }[]; nextCursor: string | null } } = await head.get(`/api/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
    assert.is(res.status, 200, res.text)
    seen.push(...res.body.items.map((n) => n.id))
    cursor = res.body.nextCursor
  } while (cursor)
  assert.equal(seen, after.body.items.map((n: { id: string }) => n.id))

  // Someone else's notification does not exist for me.
  assert.is((await (await as('staff')).post(`/api/notifications/${target.id}/read`)).status, 404)
  const all = await head.post('/api/notifications/read-all')
  assert.is(all.body.marked, after.body.unreadCount)
  assert.is((await head.get('/api/notifications/unread-count')).body.unreadCount, 0)
  const rows = await db.select().from(notifications).where(and(eq(notifications.id, target.id)))
  assert.ok(rows[0].readAt)
  assert.is((await (await as('manager')).get('/api/audit-log?action=notification.read')).body.items.length >= 1, true)
})

const custom = appContext({ config: { remindDaysBeforeDue: 1, escalateToHeadDays: 1, escalateToManagerDays: 2 } })
const thresholds = suite('thresholds come from the configuration', custom)

thresholds('remind 1 day before, head and owner on day 1, managers on day 2', async (context) => {
  const { app, db } = context
  const { action } = await actionDue(context, '2031-09-10')
  const kinds = async () => Object.keys(await sent(db, action.id)).filter((k) => k !== 'action.assigned').sort()
  await app.scheduler.runDue(morning('2031-09-08'))
  assert.equal(await kinds(), [])
  await app.scheduler.runDue(morning('2031-09-09'))
  assert.equal(await kinds(), ['action.due_soon'])
  await app.scheduler.runDue(morning('2031-09-11'))
  assert.equal(await kinds(), ['action.due_soon', 'action.overdue', 'action.overdue_head'])
  await app.scheduler.runDue(morning('2031-09-12'))
  assert.equal(await kinds(), ['action.due_soon', 'action.overdue', 'action.overdue_head', 'action.overdue_manager'])
})

// ---------------------------------------------------------------------------------------
const reviews = suite('document review reminders through the scheduler', ctx)

reviews('documents due for review reach the head of the owning unit as notifications, once', async ({ app, as }) => {
  const now = new Date()
  const result = await app.scheduler.run('document-review-reminders', now)
  assert.is(result.status, 'ran')
  const head = await as('head')
  const list = async () => (await head.get('/api/notifications?limit=500')).body.items.filter((n: { kind: string }) => n.kind.startsWith('document.review_'))
  const first = await list()
  assert.ok(first.length > 0, 'the Office head hears of its documents due for review')
  assertAll(first, (n: { link: string }) => n.link.startsWith('/documents/'))
  await app.scheduler.run('document-review-reminders', now)
  assert.is((await list()).length, first.length, 'nothing twice')
})

ctx.use(escalation, twoInstances, inbox, reviews)
custom.use(thresholds)
escalation.run()
twoInstances.run()
inbox.run()
reviews.run()
thresholds.run()

// ---------------------------------------------------------------------------------------
const backlogCtx = appContext({ config: { notifyDigestAfter: 2 } })
const backlog = suite('a backlog reaches each person as one digest a day', backlogCtx)

backlog('past QMS_NOTIFY_DIGEST_AFTER new reminders, one digest; the items are kept under it and never sent again', async (context) => {
  const { app, db } = context
  const items = [await actionDue(context, '2031-03-10'), await actionDue(context, '2031-03-10'), await actionDue(context, '2031-03-10')]
  await app.scheduler.runDue(morning('2031-03-11'))
  const staff = await context.as('staff')
  const shown = (await staff.get('/api/notifications?limit=500')).body
  const digests = shown.items.filter((n: { kind: string }) => n.kind === 'escalation.digest')
  assert.is(digests.length, 1, 'one digest')
  assert.ok(digests[0].params.count >= 3 && digests[0].params.overdue >= 3, JSON.stringify(digests[0].params))
  assert.is(digests[0].link, '/nonconformities?overdue=true')
  assert.not.ok(shown.items.some((n: { kind: string }) => n.kind === 'action.overdue'), 'the items are not shown one by one')
  assert.is(shown.unreadCount, shown.items.filter((n: { readAt: string | null }) => !n.readAt).length, 'the count is of what is shown')
  for (const { action } of items) {
    const [row] = await db.select().from(notifications).where(and(eq(notifications.entityId, action.id), eq(notifications.kind, 'action.overdue')))
    assert.is(row.digestId, digests[0].id, 'each item is recorded under the digest')
  }
  // The next day nothing new for the owner; three days overdue the head gets a digest of his own.
  await app.scheduler.runDue(morning('2031-03-12'))
  assert.is((await staff.get('/api/notifications?limit=500')).body.items.filter((n: { kind: string }) => n.kind.startsWith('escalation') || n.kind === 'action.overdue').length, 1)
  await app.scheduler.runDue(morning('2031-03-13'))
  const head = (await (await context.as('head')).get('/api/notifications?limit=500')).body.items
  const headDigest = head.find((n: { kind: string; params: { date?: string } }) => n.kind === 'escalation.digest' && n.params.date === '2031-03-13')
  assert.ok(headDigest, 'the head has the digest of that day')
  assert.not.ok(head.some((n: { kind: string }) => n.kind === 'action.overdue_head'))
  for (const { action } of items) {
    const [row] = await db.select().from(notifications).where(and(eq(notifications.entityId, action.id), eq(notifications.kind, 'action.overdue_head')))
    assert.is(row.digestId, headDigest.id)
  }
})

backlogCtx.use(backlog)
backlog.run()

// ---------------------------------------------------------------------------------------
const dossierCtx = appContext()
const dossierDue = suite('dossiers near or past their due date reach the heads of the handling unit', dossierCtx)

dossierDue('due by the next working day or overdue: told once per due date (the demo units have no head: the managers); a backlog comes as one digest', async (context) => {
  const { app, db } = context
  const admin = await context.as('admin')
  const procedure = (await admin.get('/api/procedures?q=TM.01&limit=5')).body.items.find((p: { code: string }) => p.code === 'TM.01')
  const fresh = await admin.post('/api/dossiers', { code: 'DUE-1', procedureId: procedure.id, applicantName: 'Công ty Nhắc Hạn', channel: 'online', receivedAt: new Date(Date.now() - 60_000).toISOString() })
  assert.is(fresh.status, 201, fresh.text)
  const overdue = (await admin.get('/api/dossiers?overdue=true&limit=1')).body.items[0]
  const rows = (id: string) => db.select({ kind: notifications.kind, userId: notifications.userId, digestId: notifications.digestId }).from(notifications).where(eq(notifications.entityId, id))

  const first = await app.scheduler.run('dossier-due-reminders', new Date())
  assert.is(first.status, 'ran')
  const soon = await rows(fresh.body.id)
  assert.ok(soon.length >= 1 && soon.every((r) => r.kind === 'dossier.due_soon'), JSON.stringify(soon))
  const late = await rows(overdue.id)
  assert.ok(late.length >= 1 && late.every((r) => r.kind === 'dossier.overdue'), JSON.stringify(late))
  // The demo's years of overdue dossiers reach each head as one digest, the items kept under it.
  const head = soon[0].userId
  const [digest] = await db.select().from(notifications).where(and(eq(notifications.userId, head), eq(notifications.kind, 'dossier.digest')))
  if (soon[0].digestId) assert.is(soon[0].digestId, digest.id)

  const count = async () => (await db.select({ id: notifications.id }).from(notifications).where(sql`${notifications.kind} like 'dossier.%'`)).length
  const before = await count()
  await app.scheduler.run('dossier-due-reminders', new Date(Date.now() + 60_000))
  assert.is(await count(), before, 'nothing twice')
})

dossierCtx.use(dossierDue)
dossierDue.run()
