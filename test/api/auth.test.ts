import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'

const ctx = appContext({ config: { loginMaxFailuresPerUser: 3, loginMaxFailuresPerIp: 1000 } })

const signingIn = suite('signing in', ctx)

signingIn('a demo user signs in and gets a session cookie', async ({ anonymous }) => {
  const client = anonymous()
  const res = await client.login('manager')
  assert.is(res.status, 200)
  assert.is(res.body.user.username, 'manager')
  assert.equal(res.body.user.roles, ['manager'])
  assert.not.ok('passwordHash' in res.body.user)
  const setCookie = String(res.headers['set-cookie'])
  assert.match(setCookie, /qms_session=[^;]+;.*HttpOnly/i)
  assert.match(setCookie, /SameSite=Lax/i)
  const me = await client.get('/api/auth/me')
  assert.is(me.status, 200)
  assert.is(me.body.user.username, 'manager')
  assert.ok(me.body.permissions.includes('audit_log.read'))
  // The agency's zone, in which the app shows and takes times.
  assert.is(res.body.timeZone, 'Asia/Ho_Chi_Minh')
  assert.is(me.body.timeZone, 'Asia/Ho_Chi_Minh')
})

signingIn('an unknown user and a wrong password get the same 401', async ({ anonymous }) => {
  const unknown = await anonymous().login('nobody-here', 'whatever1')
  const wrong = await anonymous().login('auditor', 'not-the-password')
  assert.is(unknown.status, 401)
  assert.is(wrong.status, 401)
  assert.is(unknown.body.detail, wrong.body.detail)
  assert.is(unknown.headers['content-type'], 'application/problem+json; charset=utf-8')
})

signingIn('a user without a password cannot sign in', async ({ anonymous }) => {
  const res = await anonymous().login('hoang.van.nam', '')
  assert.is(res.status, 400)
  const res2 = await anonymous().login('hoang.van.nam', 'demo1234')
  assert.is(res2.status, 401)
})

signingIn('usernames are matched without regard to case', async ({ anonymous }) => {
  assert.is((await anonymous().login('HEAD')).status, 200)
})

signingIn('repeated failures for one username are refused with 429 and Retry-After', async ({ anonymous }) => {
  for (let i = 0; i < 3; i++) assert.is((await anonymous().login('staff', 'wrong-password')).status, 401)
  const blocked = await anonymous().login('staff')
  assert.is(blocked.status, 429)
  assert.ok(Number(blocked.headers['retry-after']) > 0)
  // Other users are not affected.
  assert.is((await anonymous().login('auditor')).status, 200)
})

const sessions = suite('sessions', ctx)

sessions('without a session the API answers 401 problem+json', async ({ anonymous }) => {
  const res = await anonymous().get('/api/users')
  assert.is(res.status, 401)
  assert.is(res.body.status, 401)
  assert.is(res.body.type, 'urn:qms:problem:unauthorized')
})

sessions('a forged session cookie is not accepted', async ({ anonymous }) => {
  const client = anonymous()
  client.cookies.qms_session = 'forged-token'
  const res = await client.get('/api/auth/me')
  assert.is(res.status, 401)
})

sessions('state changes with the cookie need the CSRF token', async ({ anonymous }) => {
  const client = anonymous()
  await client.login('admin')
  const token = client.csrfToken
  client.csrfToken = undefined
  const refused = await client.post('/api/org-units', { code: 'CSRF1', name: 'Test' })
  assert.is(refused.status, 403)
  const wrong = await client.post('/api/org-units', { code: 'CSRF1', name: 'Test' }, { headers: { 'x-csrf-token': 'nope' } })
  assert.is(wrong.status, 403)
  client.csrfToken = token
  const ok = await client.post('/api/org-units', { code: 'CSRF1', name: 'Test' })
  assert.is(ok.status, 201)
})

sessions('logout ends the session', async ({ anonymous }) => {
  const client = anonymous()
  await client.login('auditor')
  const cookie = client.cookies.qms_session
  const out = await client.post('/api/auth/logout')
  assert.is(out.status, 204)
  client.cookies.qms_session = cookie
  assert.is((await client.get('/api/auth/me')).status, 401)
})

sessions('a session slides forward when used after a while, and ends when it expires or its user is deactivated', async ({ anonymous, db }) => {
  const { sessions, users } = await import('../../db/schema/index.ts')
  const { eq } = await import('drizzle-orm')
  const { sha256 } = await import('../../server/lib/tokens.ts')
  const client = anonymous()
  const login = await client.login('auditor')
  const userId = login.body.user.id
  const mine = eq(sessions.tokenHash, sha256(client.cookies.qms_session))
  const idle = new Date(Date.now() - 10 * 60_000)
  await db.update(sessions).set({ lastSeenAt: idle, expiresAt: new Date(Date.now() + 60_000) }).where(mine)
  assert.is((await client.get('/api/auth/me')).status, 200)
  const [touched] = await db.select().from(sessions).where(mine)
  assert.ok(touched.lastSeenAt > idle, 'last seen moved')
  assert.ok(touched.expiresAt.getTime() > Date.now() + 3600_000, 'expiry extended')

  await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(mine)
  assert.is((await client.get('/api/auth/me')).status, 401)

  const again = anonymous()
  await again.login('auditor')
  assert.is((await again.get('/api/auth/me')).status, 200)
  await db.update(users).set({ active: false }).where(eq(users.id, userId))
  assert.is((await again.get('/api/auth/me')).status, 401)
  await db.update(users).set({ active: true }).where(eq(users.id, userId))
})

sessions('sessions live in the database, so a second app instance accepts them', async ({ app, db, handle, config, anonymous }) => {
  const { buildApp } = await import('../../server/app.ts')
  const other = await buildApp({ db, engine: handle.engine, config, logger: false })
  try {
    const client = anonymous()
    await client.login('manager')
    const res = await other.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `qms_session=${client.cookies.qms_session}` } })
    assert.is(res.statusCode, 200)
    assert.is(JSON.parse(res.body).user.username, 'manager')
  } finally {
    await other.close()
  }
  assert.ok(app)
})

sessions('changing one’s password keeps this session and ends the others', async ({ anonymous }) => {
  const first = anonymous()
  await first.login('head')
  const second = anonymous()
  await second.login('head')
  const bad = await first.post('/api/auth/password', { currentPassword: 'wrong', newPassword: 'new-password-1' })
  assert.is(bad.status, 400)
  assert.is(bad.body.errors[0].path, 'currentPassword')
  const short = await first.post('/api/auth/password', { currentPassword: 'demo1234', newPassword: 'short' })
  assert.is(short.status, 400)
  assert.is(short.body.errors[0].path, 'newPassword')
  const ok = await first.post('/api/auth/password', { currentPassword: 'demo1234', newPassword: 'new-password-1' })
  assert.is(ok.status, 204)
  assert.is((await first.get('/api/auth/me')).status, 200)
  assert.is((await second.get('/api/auth/me')).status, 401)
  assert.is((await anonymous().login('head', 'demo1234')).status, 401)
  assert.is((await anonymous().login('head', 'new-password-1')).status, 200)
})

const strict = appContext({ config: { loginMaxFailuresPerUser: 100, loginMaxFailuresPerIp: 2 } })
const perAddress = suite('sign-in limit per client address', strict)

perAddress('failures from one address are limited across usernames', async ({ anonymous }) => {
  assert.is((await anonymous().login('manager', 'wrong-1')).status, 401)
  assert.is((await anonymous().login('auditor', 'wrong-2')).status, 401)
  assert.is((await anonymous().login('head')).status, 429)
})

sessions('a session ends at its absolute lifetime however active it is; the cookie lasts to that end', async ({ anonymous, db }) => {
  const client = anonymous()
  const res = await client.login('auditor')
  const cookie = (res as any).headers['set-cookie'] as string[] | string
  const expires = /qms_session=[^;]+;[^,]*?Expires=([^;]+)/i.exec(String(cookie))
  assert.ok(expires, String(cookie))
  const days = (new Date(expires![1]).getTime() - Date.now()) / 86_400_000
  assert.ok(days > 6.9 && days <= 7, `cookie lasts ${days} days`)
  assert.is((await client.get('/api/auth/me')).status, 200)
  const { sessions: table, users } = await import('../../db/schema/index.ts')
  const { eq, and } = await import('drizzle-orm')
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'auditor'))
  // Created 7 days ago, used a minute ago: still idle-valid, but past its absolute end.
  await db
    .update(table)
    .set({ createdAt: new Date(Date.now() - 7 * 86_400_000), lastSeenAt: new Date(Date.now() - 60_000) })
    .where(and(eq(table.userId, user.id)))
  assert.is((await client.get('/api/auth/me')).status, 401)
})

ctx.use(signingIn, sessions)
strict.use(perAddress)
signingIn.run()
sessions.run()
perAddress.run()
