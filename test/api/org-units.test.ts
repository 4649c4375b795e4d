import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'

const ctx = appContext()

const creating = suite('creating org units', ctx)

creating('an admin creates a unit under a parent; the answer has Location and ETag', async ({ as, unitId }) => {
  const admin = await as('admin')
  const res = await admin.post('/api/org-units', { code: 'TT', name: 'Thanh tra', parentId: await unitId('BQL') })
  assert.is(res.status, 201)
  assert.is(res.headers.location, `/api/org-units/${res.body.id}`)
  assert.is(res.headers.etag, '"1"')
  assert.is(res.body.depth, 1)
  assert.is(res.body.version, 1)
  const read = await admin.get(`/api/org-units/${res.body.id}`)
  assert.is(read.status, 200)
  assert.is(read.headers.etag, '"1"')
  assert.is(read.body.name, 'Thanh tra')
})

creating('a duplicate code is a 409 naming the field, whatever its case', async ({ as }) => {
  const res = await (await as('admin')).post('/api/org-units', { code: 'vp', name: 'Another office' })
  assert.is(res.status, 409)
  assert.is(res.body.errors[0].path, 'code')
  assert.is(res.body.errors[0].code, 'duplicate')
})

creating('bad input lists every failing field and writes nothing', async ({ as }) => {
  const admin = await as('admin')
  const before = (await admin.get('/api/org-units?limit=500')).body.items.length
  const res = await admin.post('/api/org-units', { code: '', name: 42, parentId: 'not-a-uuid', colour: 'red' })
  assert.is(res.status, 400)
  const paths = res.body.errors.map((e: { path: string }) => e.path).sort()
  assert.equal(paths, ['code', 'colour', 'name', 'parentId'])
  assert.is((await admin.get('/api/org-units?limit=500')).body.items.length, before)
})

creating('a parent that does not exist is refused', async ({ as }) => {
  const res = await (await as('admin')).post('/api/org-units', { code: 'X1', name: 'X', parentId: '00000000-0000-4000-8000-000000000000' })
  assert.is(res.status, 422)
  assert.is(res.body.type, 'urn:qms:problem:reference')
  assert.is(res.body.errors[0].path, 'parentId')
})

creating('only admins write org units', async ({ as }) => {
  for (const username of ['manager', 'auditor', 'head', 'staff']) {
    const res = await (await as(username)).post('/api/org-units', { code: `N-${username}`, name: 'Nope' })
    assert.is(res.status, 403, username)
    assert.is(res.body.type, 'urn:qms:problem:forbidden')
  }
})

const updating = suite('changing org units', ctx)

updating('a change needs If-Match: 428 without it, 412 when stale, 200 with the current version', async ({ as, unitId }) => {
  const admin = await as('admin')
  const id = await unitId('QLMT')
  assert.is((await admin.patch(`/api/org-units/${id}`, { name: 'Phòng Môi trường' })).status, 428)
  const ok = await admin.patch(`/api/org-units/${id}`, { name: 'Phòng Môi trường' }, { ifMatch: 1 })
  assert.is(ok.status, 200)
  assert.is(ok.body.version, 2)
  assert.is(ok.headers.etag, '"2"')
  const stale = await admin.patch(`/api/org-units/${id}`, { name: 'Lost update' }, { ifMatch: 1 })
  assert.is(stale.status, 412)
  assert.is(stale.body.currentVersion, 2)
  assert.is((await admin.get(`/api/org-units/${id}`)).body.name, 'Phòng Môi trường')
})

updating('a malformed If-Match is a 400', async ({ as, unitId }) => {
  const res = await (await as('admin')).patch(`/api/org-units/${await unitId('QLMT')}`, { name: 'x' }, { headers: { 'if-match': 'banana' } })
  assert.is(res.status, 400)
  assert.is(res.body.errors[0].path, 'headers.if-match')
})

updating('moving a unit moves its subtree; a unit cannot move below itself', async ({ as, unitId }) => {
  const admin = await as('admin')
  const office = await unitId('VP')
  const reception = await unitId('TNTKQ')
  const officeNow = (await admin.get(`/api/org-units/${office}`)).body
  const cycle = await admin.patch(`/api/org-units/${office}`, { parentId: reception }, { ifMatch: officeNow.version })
  assert.is(cycle.status, 400)
  assert.is(cycle.body.errors[0].code, 'cycle')

  const holder = (await admin.post('/api/org-units', { code: 'KHOI', name: 'Khối văn phòng' })).body
  const moved = await admin.patch(`/api/org-units/${office}`, { parentId: holder.id }, { ifMatch: officeNow.version })
  assert.is(moved.status, 200)
  assert.is(moved.body.depth, 1)
  assert.is((await admin.get(`/api/org-units/${reception}`)).body.depth, 2)
  const within = await admin.get(`/api/org-units?within=${holder.id}`)
  assert.equal(within.body.items.map((u: { code: string }) => u.code).sort(), ['KHOI', 'TNTKQ', 'VP'])
})

updating('a unit with active members cannot be deactivated; an empty one can', async ({ as, unitId }) => {
  const admin = await as('admin')
  const reception = (await admin.get(`/api/org-units/${await unitId('TNTKQ')}`)).body
  const refused = await admin.patch(`/api/org-units/${reception.id}`, { active: false }, { ifMatch: reception.version })
  assert.is(refused.status, 409)
  const empty = (await admin.post('/api/org-units', { code: 'TMP', name: 'Tạm' })).body
  const ok = await admin.patch(`/api/org-units/${empty.id}`, { active: false }, { ifMatch: empty.version })
  assert.is(ok.status, 200)
  assert.is(ok.body.active, false)
})

const listing = suite('listing org units', ctx)

listing('pages follow the cursor without gaps or repeats', async ({ as }) => {
  const admin = await as('admin')
  const all = (await admin.get('/api/org-units?limit=500')).body.items.map((u: { id: string }) => u.id)
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const res: any = await admin.get(`/api/org-units?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
    assert.is(res.status, 200)
    assert.ok(res.body.items.length <= 3)
    seen.push(...res.body.items.map((u: { id: string }) => u.id))
    cursor = res.body.nextCursor
  } while (cursor)
  assert.equal(seen, all)
})

listing('search ignores case and Vietnamese diacritics', async ({ as }) => {
  const res = await (await as('staff')).get('/api/org-units?q=tiep nhan')
  assert.is(res.status, 200)
  assert.equal(res.body.items.map((u: { code: string }) => u.code), ['TNTKQ'])
})

listing('a bad cursor or limit is a 400', async ({ as }) => {
  const admin = await as('admin')
  assert.is((await admin.get('/api/org-units?cursor=zzz')).status, 400)
  assert.is((await admin.get('/api/org-units?limit=501')).status, 400)
  assert.is((await admin.get('/api/org-units?limit=0')).status, 400)
})

listing('an unknown id is a 404 problem', async ({ as }) => {
  const res = await (await as('admin')).get('/api/org-units/00000000-0000-4000-8000-000000000000')
  assert.is(res.status, 404)
  assert.is(res.body.status, 404)
})

ctx.use(creating, updating, listing)
creating.run()
updating.run()
listing.run()
