import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext, type ApiClient } from '../helpers/app.ts'
import { assertAll } from '../helpers/assertions.ts'

// The five main lists run prepared queries: built once per combination of filters, then
// run with each request's values (server/lib/select-rows.ts, preparedSelect).
const ctx = appContext()
const pages = suite('list pages: one prepared query per combination of filters', ctx)

type Item = { id: string; orgUnit: { code: string } }

async function walk(client: ApiClient, url: string, limit: number): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const res: any = await client.get(`${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
    assert.is(res.status, 200, res.text)
    seen.push(...res.body.items.map((i: Item) => i.id))
    cursor = res.body.nextCursor
  } while (cursor)
  return seen
}

const lists = [
  '/api/dossiers',
  '/api/dossiers?status=returned&status=resolved&channel=in_person',
  '/api/inspections',
  '/api/inspections?kind=internal',
  '/api/findings',
  '/api/findings?handling=on_spot_reminder',
  '/api/nonconformities',
  '/api/nonconformities?open=true',
  '/api/documents',
  '/api/documents?inUse=true',
]

pages('following the cursor in small pages gives exactly the one large page, with and without filters', async ({ as }) => {
  const manager = await as('manager')
  for (const url of lists) {
    const res = await manager.get(`${url}${url.includes('?') ? '&' : '?'}limit=500`)
    assert.is(res.status, 200, `${url}: ${res.text}`)
    const all = res.body.items.map((i: Item) => i.id)
    assert.ok(all.length >= 2, `${url} has rows to page through`)
    assert.equal(await walk(manager, url, 3), all, url)
  }
})

pages('requests of the same shape get their own values: each unit its own rows, each head their own subtree', async ({ as, unitId }) => {
  const manager = await as('manager')
  const units = (await manager.get('/api/org-units?limit=500')).body.items as { id: string; code: string; parentId: string | null }[]
  const byId = new Map(units.map((u) => [u.id, u]))
  const isBelow = (id: string | null, top: string): boolean => id !== null && (id === top || isBelow(byId.get(id)!.parentId, top))
  const all = (await manager.get('/api/findings?limit=500')).body.items as (Item & { orgUnitId: string })[]
  const used = [...new Set(all.map((f) => f.orgUnitId))]
  assert.ok(used.length >= 2, 'findings in two units or more')
  for (const id of used) {
    const unit = byId.get(id)!
    const below = new Set(units.filter((u) => isBelow(u.id, id)).map((u) => u.code))
    const items = (await manager.get(`/api/findings?orgUnitId=${id}&limit=500`)).body.items as Item[]
    assert.ok(items.length >= 1)
    assertAll(items, (f) => below.has(f.orgUnit.code), `findings of ${unit.code} and below only`)
  }

  // Two heads of different units: the same shape (a subtree), different values.
  const office = (await (await as('head')).get('/api/inspections?limit=500')).body.items as Item[]
  const elsewhere = ((await manager.get('/api/inspections?limit=500')).body.items as Item[]).find((i) => !['VP', 'TNTKQ'].includes(i.orgUnit.code))!
  const created = await (await as('admin')).post('/api/users', {
    username: 'other.head',
    fullName: 'Trưởng đơn vị khác',
    orgUnitId: await unitId(elsewhere.orgUnit.code),
    roles: ['dept_head'],
    password: 'other-head-pw-1',
  })
  assert.is(created.status, 201, created.text)
  const other = (await (await as('other.head', 'other-head-pw-1')).get('/api/inspections?limit=500')).body.items as Item[]
  assert.ok(office.length >= 1 && other.length >= 1)
  assertAll(office, (i) => ['VP', 'TNTKQ'].includes(i.orgUnit.code), 'the Office head sees the Office and below')
  assert.ok(other.some((i) => i.id === elsewhere.id), 'the other head sees their unit')
  const officeIds = new Set(office.map((i) => i.id))
  assert.not.ok(other.some((i) => officeIds.has(i.id)), 'and none of the Office')
})

pages('a text search, several statuses and a date range are values, not new queries: each request is answered for its own', async ({ as }) => {
  const manager = await as('manager')
  const dossiers = (await manager.get('/api/dossiers?limit=500')).body.items as { id: string; code: string; status: string }[]
  for (const d of dossiers.slice(0, 3)) {
    const found = (await manager.get(`/api/dossiers?q=${encodeURIComponent(d.code)}&limit=500`)).body.items as { code: string }[]
    assert.ok(found.some((x) => x.code === d.code), `searching ${d.code} finds it`)
  }
  for (const statuses of [['returned'], ['returned', 'resolved'], ['received', 'processing', 'supplement_requested']]) {
    const res = await manager.get(`/api/dossiers?${statuses.map((s) => `status=${s}`).join('&')}&limit=500`)
    assert.equal(
      res.body.items.map((d: { id: string }) => d.id),
      dossiers.filter((d) => statuses.includes(d.status)).map((d) => d.id),
      statuses.join(','),
    )
  }
})

pages('a cursor that does not decode to the sort key is a 400 naming the cursor', async ({ as }) => {
  const manager = await as('manager')
  const bad = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url')
  for (const url of ['/api/dossiers', '/api/nonconformities']) {
    const res = await manager.get(`${url}?cursor=${bad}`)
    assert.is(res.status, 400, `${url}: ${res.text}`)
    assert.is(res.body.errors[0].path, 'query.cursor')
  }
})

ctx.use(pages)
pages.run()
