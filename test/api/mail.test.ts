/**
 * E-mail: notifications reach people by mail through the outbox, sent to a real SMTP
 * server on loopback, at once or in the morning digest as each person chose.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import type { Config } from '../../server/config.ts'
import { zonedInstant } from '../../server/modules/calendar/working-days.ts'
import { MailSender } from '../../server/modules/mail/sender.ts'
import { notifyMany } from '../../server/modules/notifications/service.ts'
import { addDays, localDate } from '../../server/lib/clock.ts'
import { appContext, type ApiClient, type AppContext } from '../helpers/app.ts'
import { multipart, pdfFile } from '../helpers/files.ts'
import { startSmtpServer } from '../helpers/smtp.ts'

const ZONE = 'Asia/Ho_Chi_Minh'
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let now = new Date()
// Filled in once the SMTP server listens, before the app is built.
const config: Partial<Config> = { mailFrom: 'QMS Tracker <qms@agency.test>', publicUrl: 'https://qms.agency.test', sessionHours: 24 * 90, sessionMaxDays: 365 }
const ctx = appContext({ config, clock: () => now })

const handOffs = suite('mail for hand-offs', ctx)
const digests = suite('the morning digest', ctx)
const failures = suite('a failing SMTP server', ctx)
const choices = suite('mail preferences and the outbox', ctx)
handOffs.before(async () => {
  smtp = await startSmtpServer()
  config.smtpUrl = smtp.url
})
ctx.use(handOffs, digests, failures, choices)
choices.after(() => smtp.close())

async function setEmail(c: AppContext, username: string, email: string) {
  const admin = await c.as('admin')
  const id = await c.userId(username)
  const user = await admin.get(`/api/users/${id}`)
  const res = await admin.patch(`/api/users/${id}`, { email }, { ifMatch: user.body.version })
  assert.is(res.status, 200, res.text)
  return id
}

async function setPreferences(client: ApiClient, change: Record<string, string>) {
  const current = await client.get('/api/me/mail-preferences')
  const res = await client.put('/api/me/mail-preferences', change, { ifMatch: current.headers.etag as string })
  assert.is(res.status, 200, res.text)
  return res.body
}

handOffs('an approval request reaches the approver once, in the language they chose', async (c) => {
  now = new Date()
  await setEmail(c, 'auditor', 'auditor@agency.test')
  await setEmail(c, 'manager', 'manager@agency.test')
  await setPreferences(await c.as('manager'), { language: 'en' })
  const head = await c.as('head')
  const code = `QT-MAIL${Date.now()}`
  const doc = await head.post('/api/documents', { code, title: 'Quy trình gửi thư', type: 'procedure', owningUnitId: await c.unitId('VP') })
  assert.is(doc.status, 201, doc.text)
  const form = multipart({ changeSummary: 'Ban hành lần đầu' }, { name: 'qt.pdf', type: 'application/pdf', bytes: pdfFile('mail') })
  let rev = (await head.post(`/api/documents/${doc.body.id}/revisions`, form.body, { headers: form.headers })).body
  const act = async (client: ApiClient, action: string, body: unknown = {}) => {
    const res = await client.post(`/api/documents/${rev.documentId}/revisions/${rev.id}/${action}`, body, { ifMatch: rev.version })
    assert.is(res.status, 200, res.text)
    rev = res.body
  }

  await act(head, 'submit', { reviewerId: await c.userId('auditor') })
  assert.is(smtp.to('auditor@agency.test').length, 0, 'nothing is sent inside the request')
  const first = await c.app.mail.runOnce()
  assert.ok(first.sent >= 1, JSON.stringify(first))
  const review = smtp.to('auditor@agency.test').filter((m) => m.subject.includes(code))
  assert.is(review.length, 1)
  assert.match(review[0].subject, /xem xét/)
  assert.match(review[0].text, /Kính gửi/)
  assert.match(review[0].text, new RegExp(`https://qms\\.agency\\.test/documents/${doc.body.id}`))
  assert.match(review[0].html, new RegExp(`href="https://qms\\.agency\\.test/documents/${doc.body.id}"`))
  assert.match(review[0].messageId, /@qms-tracker>?$/)

  await act(await c.as('auditor'), 'review', { approve: true })
  await c.app.mail.runOnce()
  await c.app.mail.runOnce()
  const approval = smtp.to('manager@agency.test').filter((m) => m.subject.includes(code))
  assert.is(approval.length, 1, 'one mail, however often the sender runs')
  assert.match(approval[0].subject, /waits for approval/)
  assert.match(approval[0].text, /^Dear /)
  assert.is(smtp.to('auditor@agency.test').filter((m) => m.subject.includes(code)).length, 1, 'the reviewer is not mailed again')
})

digests('reminders wait for 07:00 and arrive as one mail, once', async (c) => {
  now = new Date()
  const staffId = await setEmail(c, 'staff', 'staff@agency.test')
  const reminders = ['action.overdue', 'action.due_soon', 'document.review_overdue'].map((kind, i) => ({
    userIds: [staffId],
    kind,
    title: `Reminder ${i}`,
    params: { code: `NC-DIGEST-${i}`, action: `Việc số ${i}`, title: `Việc số ${i}`, dueDate: '2026-12-01' },
    link: `/nonconformities/digest-${i}`,
    dedupeKey: `digest-test:${i}:${Date.now()}`,
  }))
  await notifyMany(c.db, reminders)
  await c.app.mail.runOnce()
  assert.is(smtp.to('staff@agency.test').length, 0, 'reminders wait for the digest')

  // The next morning, just after 07:00 agency time.
  const tomorrow = addDays(localDate(now, ZONE), 1)
  now = zonedInstant(tomorrow, 7 * 60 + 5, ZONE)
  const run = await c.app.mail.runOnce()
  assert.ok(run.digests >= 1, 'one digest per person with reminders waiting')
  const mails = smtp.to('staff@agency.test')
  assert.is(mails.length, 1)
  assert.match(mails[0].subject, /3 thông báo ngày/)
  for (let i = 0; i < 3; i++) assert.match(mails[0].text, new RegExp(`NC-DIGEST-${i}`))
  assert.match(mails[0].text, /01\/12\/2026/, 'dates as dd/MM/yyyy')
  await c.app.mail.runOnce()
  assert.is(smtp.to('staff@agency.test').length, 1, 'the digest is sent once')
})

failures('mails stay queued while the server refuses them, and go out once it answers', async (c) => {
  now = new Date()
  const auditorId = await c.userId('auditor')
  smtp.failWith(421)
  await notifyMany(c.db, [{ userIds: [auditorId], kind: 'inspection.assigned', title: 'Inspection', params: { code: 'KT-RETRY', unit: 'VP', dueDate: '2026-12-10' }, dedupeKey: `retry:${Date.now()}` }])
  const refused = await c.app.mail.runOnce()
  assert.is(refused.retried, 1)
  const queued = await (await c.as('admin')).get('/api/mail/outbox?status=queued')
  const mail = queued.body.items.find((m: { subject: string }) => m.subject.includes('KT-RETRY'))
  assert.ok(mail, 'the mail is kept')
  assert.is(mail.attempts, 1)
  assert.match(mail.lastError, /421/)
  assert.is(smtp.to('auditor@agency.test').filter((m) => m.subject.includes('KT-RETRY')).length, 0)

  smtp.failWith(null)
  assert.is((await c.app.mail.runOnce()).sent, 0, 'not before its retry time')
  now = new Date(now.getTime() + 5 * 60_000)
  assert.is((await c.app.mail.runOnce()).sent, 1)
  assert.is(smtp.to('auditor@agency.test').filter((m) => m.subject.includes('KT-RETRY')).length, 1)
  const sent = await (await c.as('admin')).get('/api/mail/outbox?status=sent&limit=500')
  assert.ok(sent.body.items.some((m: { subject: string; attempts: number }) => m.subject.includes('KT-RETRY') && m.attempts === 2))
})

failures('two instances send each mail once', async (c) => {
  now = new Date()
  const auditorId = await c.userId('auditor')
  const batch = `PAR-${Date.now()}`
  await notifyMany(
    c.db,
    Array.from({ length: 30 }, (_, i) => ({ userIds: [auditorId], kind: 'inspection.assigned', title: 'Inspection', params: { code: `${batch}-${i}`, unit: 'VP', dueDate: '2026-12-10' }, dedupeKey: `${batch}:${i}` })),
  )
  // A second sender on the same database: on PostgreSQL its queries run on other connections, like another server's.
  const other = new MailSender(c.db, c.config, () => now)
  await Promise.all([c.app.mail.runOnce(), other.runOnce(), c.app.mail.runOnce(), other.runOnce()])
  await other.stop()
  const got = smtp.to('auditor@agency.test').filter((m) => m.subject.includes(batch))
  assert.is(got.length, 30)
  assert.is(new Set(got.map((m) => m.messageId)).size, 30)
})

choices('defaults, changes guarded by If-Match, bad values refused, "off" means no mail', async (c) => {
  now = new Date()
  const head = await c.as('head')
  const fresh = await head.get('/api/me/mail-preferences')
  assert.is(fresh.status, 200)
  assert.equal({ ...fresh.body, email: undefined }, { language: 'vi', assignment: 'immediate', update: 'digest', reminder: 'digest', email: undefined, mailEnabled: true, version: 1 })
  assert.is((await head.put('/api/me/mail-preferences', { assignment: 'off' })).status, 428)
  assert.is((await head.put('/api/me/mail-preferences', { assignment: 'off' }, { ifMatch: 7 })).status, 412)
  const bad = await head.put('/api/me/mail-preferences', { assignment: 'hourly', colour: 'red' }, { ifMatch: 1 })
  assert.is(bad.status, 400)
  assert.ok(bad.body.errors.some((e: { path: string }) => e.path.includes('assignment')), bad.text)
  assert.is((await head.get('/api/me/mail-preferences')).body.version, 1, 'nothing changed')

  const headId = await setEmail(c, 'head', 'head@agency.test')
  const off = await setPreferences(head, { assignment: 'off' })
  assert.is(off.version, 2)
  await notifyMany(c.db, [{ userIds: [headId], kind: 'complaint.received', title: 'Complaint', params: { title: 'Không gửi' }, dedupeKey: `off:${Date.now()}` }])
  await c.app.mail.runOnce()
  assert.is(smtp.to('head@agency.test').length, 0)
  const audit = await (await c.as('admin')).get(`/api/audit-log?entityId=${headId}&limit=50`)
  assert.ok(audit.body.items.some((e: { action: string }) => e.action === 'mail_preferences.update'), audit.text)
})

choices('only administrators read the outbox', async (c) => {
  const admin = await c.as('admin')
  const page = await admin.get('/api/mail/outbox?limit=2')
  assert.is(page.status, 200, page.text)
  assert.is(page.body.mailEnabled, true)
  assert.ok(page.body.counts.sent >= 1)
  assert.is(page.body.items.length, 2)
  const next = await admin.get(`/api/mail/outbox?limit=2&cursor=${page.body.nextCursor}`)
  assert.is(next.status, 200)
  assert.not.equal(next.body.items[0].id, page.body.items[0].id)
  assert.is((await admin.get('/api/mail/outbox?status=lost')).status, 400)
  for (const who of ['manager', 'auditor', 'head', 'staff']) assert.is((await (await c.as(who)).get('/api/mail/outbox')).status, 403, who)
})

handOffs.run()
digests.run()
failures.run()
choices.run()
