import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'

const ctx = appContext()
const tokens = suite('API tokens', ctx)

tokens('an admin creates a token for a user; the secret is shown once and works as Bearer', async ({ as, bearer, userId }) => {
  const admin = await as('admin')
  const res = await admin.post('/api/api-tokens', { name: 'one-stop-shop sync', userId: await userId('auditor') })
  assert.is(res.status, 201)
  assert.match(res.body.token, /^qms_/)
  const read = await admin.get(`/api/api-tokens/${res.body.id}`)
  assert.not.ok('token' in read.body)
  assert.is(read.body.username, 'auditor')

  const integration = bearer(res.body.token)
  const me = await integration.get('/api/auth/me')
  assert.is(me.status, 200)
  assert.is(me.body.user.username, 'auditor')
  // The token carries the user's rights, no more: an auditor cannot create org units.
  assert.is((await integration.post('/api/org-units', { code: 'TK', name: 'Token unit' })).status, 403)
})

tokens('a bearer token needs no CSRF header and writes with its user’s rights', async ({ as, bearer }) => {
  const admin = await as('admin')
  const created = await admin.post('/api/api-tokens', { name: 'admin automation' })
  const res = await bearer(created.body.token).post('/api/org-units', { code: 'AUTO', name: 'Created by a script' })
  assert.is(res.status, 201)
  const log = await admin.get(`/api/audit-log?entityType=org_unit&entityId=${res.body.id}`)
  assert.is(log.body.items[0].actorUsername, 'admin')
})

tokens('a revoked token stops working at once', async ({ as, bearer }) => {
  const admin = await as('admin')
  const created = (await admin.post('/api/api-tokens', { name: 'short-lived' })).body
  assert.is((await bearer(created.token).get('/api/auth/me')).status, 200)
  assert.is((await admin.post(`/api/api-tokens/${created.id}/revoke`)).status, 428)
  const revoked = await admin.post(`/api/api-tokens/${created.id}/revoke`, {}, { ifMatch: created.version })
  assert.is(revoked.status, 200)
  assert.ok(revoked.body.revokedAt)
  const refused = await bearer(created.token).get('/api/auth/me')
  assert.is(refused.status, 401)
  assert.is(refused.body.type, 'urn:qms:problem:bad-token')
  assert.is((await admin.post(`/api/api-tokens/${created.id}/revoke`, {}, { ifMatch: revoked.body.version })).status, 409)
})

tokens('a token stops working when it expires; without an expiry it gets the default one', async ({ as, bearer, db }) => {
  const admin = await as('admin')
  const expiring = (await admin.post('/api/api-tokens', { name: 'expiring', expiresAt: new Date(Date.now() + 3600_000).toISOString() })).body
  const lasting = (await admin.post('/api/api-tokens', { name: 'lasting' })).body
  const days = (new Date(lasting.expiresAt).getTime() - Date.now()) / 86_400_000
  assert.ok(days > 89.9 && days <= 90, `lasts ${days} days`)
  assert.is(lasting.scope, 'read_write')
  assert.is((await bearer(expiring.token).get('/api/auth/me')).status, 200)
  const { apiTokens } = await import('../../db/schema/index.ts')
  const { eq } = await import('drizzle-orm')
  await db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expiring.id))
  assert.is((await bearer(expiring.token).get('/api/auth/me')).status, 401)
  assert.is((await bearer(lasting.token).get('/api/auth/me')).status, 200)
})

tokens('an expiry beyond the maximum is refused; the limits are published for the form', async ({ as }) => {
  const admin = await as('admin')
  const limits = await admin.get('/api/api-tokens/limits')
  assert.equal(limits.body, { defaultDays: 90, maxDays: 365 })
  const tooLate = await admin.post('/api/api-tokens', { name: 'forever', expiresAt: new Date(Date.now() + 366 * 86_400_000).toISOString() })
  assert.is(tooLate.status, 400)
  assert.is(tooLate.body.errors[0].path, 'expiresAt')
  assert.is((await (await as('manager')).get('/api/api-tokens/limits')).status, 403)
})

tokens('a read token may read but gets 403 problem on any change', async ({ as, bearer }) => {
  const admin = await as('admin')
  const created = (await admin.post('/api/api-tokens', { name: 'report reader', scope: 'read' })).body
  assert.is(created.scope, 'read')
  const reader = bearer(created.token)
  assert.is((await reader.get('/api/org-units')).status, 200)
  const refused = await reader.post('/api/org-units', { code: 'RO', name: 'Not allowed' })
  assert.is(refused.status, 403)
  assert.is(refused.headers['content-type'], 'application/problem+json; charset=utf-8')
  assert.is((await reader.post(`/api/api-tokens/${created.id}/revoke`, {}, { ifMatch: created.version })).status, 403)
})

tokens('tokens are stored hashed', async ({ as, db }) => {
  const created = (await (await as('admin')).post('/api/api-tokens', { name: 'hash check' })).body
  const { apiTokens } = await import('../../db/schema/index.ts')
  const { eq } = await import('drizzle-orm')
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, created.id))
  assert.is.not(row.tokenHash, created.token)
  assert.not.ok(JSON.stringify(row).includes(created.token))
})

tokens('only admins manage tokens; an expiry in the past is refused', async ({ as }) => {
  assert.is((await (await as('manager')).post('/api/api-tokens', { name: 'x' })).status, 403)
  assert.is((await (await as('manager')).get('/api/api-tokens')).status, 403)
  const past = await (await as('admin')).post('/api/api-tokens', { name: 'x', expiresAt: '2020-01-01T00:00:00Z' })
  assert.is(past.status, 400)
  assert.is(past.body.errors[0].path, 'expiresAt')
})

tokens('a password reset and a deactivation end a user’s tokens; reactivation does not revive them', async ({ as, bearer, userId }) => {
  const admin = await as('admin')
  const id = await userId('staff')
  const beforeReset = (await admin.post('/api/api-tokens', { name: 'staff sync 1', userId: id })).body
  assert.is((await bearer(beforeReset.token).get('/api/auth/me')).status, 200)
  let user = (await admin.get(`/api/users/${id}`)).body
  user = (await admin.patch(`/api/users/${id}`, { password: 'demo1234' }, { ifMatch: user.version })).body
  assert.is((await bearer(beforeReset.token).get('/api/auth/me')).status, 401)

  const beforeDeactivation = (await admin.post('/api/api-tokens', { name: 'staff sync 2', userId: id })).body
  user = (await admin.patch(`/api/users/${id}`, { active: false }, { ifMatch: user.version })).body
  assert.is((await bearer(beforeDeactivation.token).get('/api/auth/me')).status, 401)
  const reactivated = await admin.patch(`/api/users/${id}`, { active: true }, { ifMatch: user.version })
  assert.is(reactivated.status, 200)
  assert.is((await bearer(beforeDeactivation.token).get('/api/auth/me')).status, 401)
  assert.ok((await admin.get(`/api/api-tokens/${beforeDeactivation.id}`)).body.revokedAt)
})

tokens('changing one’s own password ends one’s tokens', async ({ as, bearer, userId }) => {
  const admin = await as('admin')
  const token = (await admin.post('/api/api-tokens', { name: 'auditor sync', userId: await userId('auditor') })).body
  const auditor = await as('auditor')
  assert.is((await auditor.post('/api/auth/password', { currentPassword: 'demo1234', newPassword: 'demo1234-new' })).status, 204)
  assert.is((await bearer(token.token).get('/api/auth/me')).status, 401)
})

ctx.use(tokens)
tokens.run()
