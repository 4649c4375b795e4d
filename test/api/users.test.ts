import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'

const ctx = appContext()

const creating = suite('creating users', ctx)

creating('an admin creates a user with a password, who can then sign in', async ({ as, anonymous, unitId }) => {
  const admin = await as('admin')
  const res = await admin.post('/api/users', {
    username: 'le.thi.nga',
    fullName: 'Lê Thị Ngà',
    orgUnitId: await unitId('QLDN'),
    roles: ['staff'],
    password: 'nga-secret-1',
  })
  assert.is(res.status, 201)
  assert.is(res.headers.etag, '"1"')
  assert.is(res.body.canSignIn, true)
  assert.is(res.body.orgUnit.code, 'QLDN')
  assert.not.ok('password' in res.body)
  assert.not.ok('passwordHash' in res.body)
  assert.is((await anonymous().login('le.thi.nga', 'nga-secret-1')).status, 200)
})

creating('a user without a password exists but cannot sign in', async ({ as, anonymous }) => {
  const res = await (await as('admin')).post('/api/users', { username: 'inspected.only', fullName: 'Chỉ được kiểm tra' })
  assert.is(res.status, 201)
  assert.is(res.body.canSignIn, false)
  assert.is((await anonymous().login('inspected.only', 'anything-1')).status, 401)
})

creating('duplicate usernames are refused regardless of case', async ({ as }) => {
  const res = await (await as('admin')).post('/api/users', { username: 'Auditor', fullName: 'Clash' })
  assert.is(res.status, 409)
  assert.is(res.body.errors[0].path, 'username')
})

creating('bad input names each field', async ({ as }) => {
  const res = await (await as('admin')).post('/api/users', {
    username: 'has space',
    fullName: '',
    roles: ['king'],
    password: 'short',
    email: 'not-an-email',
  })
  assert.is(res.status, 400)
  const paths = res.body.errors.map((e: { path: string }) => e.path)
  for (const p of ['username', 'fullName', 'password', 'email']) assert.ok(paths.includes(p), `${p} in ${paths}`)
  assert.ok(paths.some((p: string) => p.startsWith('roles')))
})

creating('only admins create users', async ({ as }) => {
  for (const username of ['manager', 'auditor', 'head', 'staff']) {
    const res = await (await as(username)).post('/api/users', { username: `x-${username}`, fullName: 'X' })
    assert.is(res.status, 403, username)
  }
})

const updating = suite('changing users', ctx)

updating('deactivating a user ends their sessions and refuses new ones', async ({ as, anonymous, userId }) => {
  const staffClient = anonymous()
  await staffClient.login('staff')
  const admin = await as('admin')
  const id = await userId('staff')
  const current = await admin.get(`/api/users/${id}`)
  const res = await admin.patch(`/api/users/${id}`, { active: false }, { ifMatch: current.body.version })
  assert.is(res.status, 200)
  assert.is(res.body.active, false)
  assert.is((await staffClient.get('/api/auth/me')).status, 401)
  assert.is((await anonymous().login('staff')).status, 401)
  const back = await admin.patch(`/api/users/${id}`, { active: true }, { ifMatch: res.body.version })
  assert.is(back.status, 200)
  assert.is((await anonymous().login('staff')).status, 200)
})

updating('password: null removes sign-in', async ({ as, anonymous, userId }) => {
  const admin = await as('admin')
  const id = await userId('head')
  const current = (await admin.get(`/api/users/${id}`)).body
  const res = await admin.patch(`/api/users/${id}`, { password: null }, { ifMatch: current.version })
  assert.is(res.status, 200)
  assert.is(res.body.canSignIn, false)
  assert.is((await anonymous().login('head')).status, 401)
})

updating('stale and missing versions are refused', async ({ as, userId }) => {
  const admin = await as('admin')
  const id = await userId('vo.thi.mai')
  assert.is((await admin.patch(`/api/users/${id}`, { position: 'Văn thư' })).status, 428)
  assert.is((await admin.patch(`/api/users/${id}`, { position: 'Văn thư' }, { ifMatch: 7 })).status, 412)
  const ok = await admin.patch(`/api/users/${id}`, { position: 'Văn thư' }, { ifMatch: 1 })
  assert.is(ok.status, 200)
  assert.is(ok.body.position, 'Văn thư')
})

updating('an admin cannot lock themselves out', async ({ as, userId }) => {
  const admin = await as('admin')
  const me = (await admin.get(`/api/users/${await userId('admin')}`)).body
  const res = await admin.patch(`/api/users/${me.id}`, { roles: ['staff'] }, { ifMatch: me.version })
  assert.is(res.status, 409)
})

updating('others may read but not change users', async ({ as, userId }) => {
  const id = await userId('auditor')
  const staff = await as('auditor')
  assert.is((await staff.get(`/api/users/${id}`)).status, 200)
  assert.is((await staff.patch(`/api/users/${id}`, { fullName: 'Me' }, { ifMatch: 1 })).status, 403)
})

const listing = suite('listing users', ctx)

listing('filters by unit subtree, role and text without diacritics', async ({ as, unitId }) => {
  const client = await as('manager')
  const office = await client.get(`/api/users?orgUnitId=${await unitId('VP')}`)
  const names = office.body.items.map((u: { username: string }) => u.username)
  assert.ok(names.includes('staff'), 'the reception desk is inside the Office')
  assert.ok(names.includes('head'))
  assert.not.ok(names.includes('manager'))
  const auditors = await client.get('/api/users?role=auditor')
  assert.equal(auditors.body.items.map((u: { username: string }) => u.username), ['auditor'])
  const found = await client.get('/api/users?q=pham thi thu')
  assert.equal(found.body.items.map((u: { username: string }) => u.username), ['staff'])
})

ctx.use(creating, updating, listing)
creating.run()
updating.run()
listing.run()
