import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext, type ApiClient } from '../helpers/app.ts'

// Search (server/lib/search.ts, docs/api.md "Search"): folded matching from the trigram
// indexes, the record whose code is the term first, and cursors that page across it.
const ctx = appContext()
const search = suite('search', ctx)

const vn = (local: string) => new Date(`${local}+07:00`).toISOString()

async function dossierProcedure(admin: ApiClient) {
  return (await admin.get('/api/procedures?limit=1')).body.items[0] as { id: string }
}

async function receive(admin: ApiClient, procedureId: string, code: string, applicantName: string, receivedAt: string) {
  const res = await admin.post('/api/dossiers', { code, procedureId, applicantName, channel: 'online', receivedAt })
  assert.is(res.status, 201, res.text)
  return res.body as { id: string; code: string }
}

async function walk(client: ApiClient, url: string, limit: number): Promise<{ id: string; code: string }[]> {
  const seen: { id: string; code: string }[] = []
  let cursor: string | null = null
  do {
    const res: any = await client.get(`${url}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
    assert.is(res.status, 200, res.text)
    seen.push(...res.body.items)
    cursor = res.body.nextCursor
  } while (cursor)
  return seen
}

search('a Vietnamese name is found typed with or without diacritics, in any case', async ({ as }) => {
  const admin = await as('admin')
  const { id: procedureId } = await dossierProcedure(admin)
  const d = await receive(admin, procedureId, 'TK-VN-1', 'Nguyễn Thị Thủy Đoan', vn('2024-03-01T09:00:00'))
  await receive(admin, procedureId, 'TK-VN-2', 'Trần Văn Bình', vn('2024-03-02T09:00:00'))
  for (const q of ['Thủy Đoan', 'thuy doan', 'THUY DOAN', 'nguyễn thị thủy', 'Nguyen Thi Thuy Doan', 'thi thuy do', 'nguyen  thi', 'Đoan', 'uyễn']) {
    const res = await admin.get(`/api/dossiers?q=${encodeURIComponent(q)}`)
    assert.is(res.status, 200, res.text)
    assert.equal(res.body.items.map((i: { id: string }) => i.id), [d.id], q)
  }
  // NFD input (as some keyboards send it) folds the same way.
  const nfd = await admin.get(`/api/dossiers?q=${encodeURIComponent('Thủy Đoan'.normalize('NFD'))}`)
  assert.equal(nfd.body.items.map((i: { id: string }) => i.id), [d.id])
  assert.is((await admin.get(`/api/dossiers?q=${encodeURIComponent('không có ai')}`)).body.items.length, 0)
  // A name of several words starts at a word (the word index, server/lib/search.ts); one word matches anywhere.
  assert.is((await admin.get(`/api/dossiers?q=${encodeURIComponent('guyen thi')}`)).body.items.length, 0)
  // Words in another order are another name.
  assert.is((await admin.get(`/api/dossiers?q=${encodeURIComponent('doan thuy')}`)).body.items.length, 0)
})

search('the dossier whose code is the term comes first, then the other matches newest first', async ({ as }) => {
  const admin = await as('admin')
  const { id: procedureId } = await dossierProcedure(admin)
  // The exact code is the oldest: in list order it would come last.
  const exact = await receive(admin, procedureId, 'XK-77', 'Lê Na', vn('2023-01-05T08:00:00'))
  const others = []
  for (let i = 0; i < 5; i++) others.push(await receive(admin, procedureId, `XK-77${i}`, `Phạm Minh ${i}`, vn(`2024-02-0${i + 1}T08:00:00`)))
  const first = await admin.get('/api/dossiers?q=xk-77')
  assert.equal(
    first.body.items.map((i: { code: string }) => i.code),
    ['XK-77', 'XK-774', 'XK-773', 'XK-772', 'XK-771', 'XK-770'],
  )
  // Every page size walks the same order, the exact match once, nothing skipped.
  for (const limit of [1, 2, 3, 6]) {
    const codes = (await walk(admin, '/api/dossiers?q=xk-77', limit)).map((i) => i.code)
    assert.equal(codes, ['XK-77', 'XK-774', 'XK-773', 'XK-772', 'XK-771', 'XK-770'], `limit ${limit}`)
  }
  // The exact match still obeys the other filters.
  const filtered = await admin.get(`/api/dossiers?q=xk-77&from=2024-01-01`)
  assert.equal(filtered.body.items.map((i: { code: string }) => i.code), ['XK-774', 'XK-773', 'XK-772', 'XK-771', 'XK-770'])
  assert.ok(exact.id && others.length === 5)
})

search('a term without a word of three characters matches codes by their start only', async ({ as }) => {
  const admin = await as('admin')
  const { id: procedureId } = await dossierProcedure(admin)
  await receive(admin, procedureId, 'QZ-1', 'Hà Lỵ', vn('2024-04-01T08:00:00'))
  await receive(admin, procedureId, 'AQZ-2', 'Võ Thị QZ', vn('2024-04-02T08:00:00'))
  const codes = (await admin.get('/api/dossiers?q=qz')).body.items.map((i: { code: string }) => i.code)
  assert.equal(codes, ['QZ-1'])
  // Two short words are enough for a name.
  assert.equal((await admin.get(`/api/dossiers?q=${encodeURIComponent('ha ly')}`)).body.items.map((i: { code: string }) => i.code), ['QZ-1'])
})

search('every searching list ranks the exact code first and folds diacritics', async ({ as, unitId }) => {
  const admin = await as('admin')
  const manager = await as('manager')
  // Documents: in code order "AB-TK-01" would come before "TK-01".
  for (const [code, title] of [['AB-TK-01', 'Biểu mẫu kèm theo'], ['TK-01', 'Quy trình tiếp nhận hồ sơ'], ['TK-01A', 'Hướng dẫn']]) {
    const res = await manager.post('/api/documents', { code, title, type: 'procedure', owningUnitId: await unitId('BQL') })
    assert.is(res.status, 201, res.text)
  }
  const docs = await admin.get('/api/documents?q=tk-01')
  assert.equal(docs.body.items.map((i: { code: string }) => i.code), ['TK-01', 'AB-TK-01', 'TK-01A'])
  assert.equal((await walk(admin, '/api/documents?q=tk-01', 1)).map((i) => i.code), ['TK-01', 'AB-TK-01', 'TK-01A'])
  const byTitle = (await admin.get(`/api/documents?q=${encodeURIComponent('quy trinh tiep nhan ho so')}`)).body.items.map((i: { code: string }) => i.code)
  assert.ok(byTitle.includes('TK-01') && !byTitle.includes('TK-01A'), byTitle.join())

  // Nonconformities: the code NC-0042 is computed from the number.
  const ncs = (await admin.get('/api/nonconformities?limit=500')).body.items as { id: string; code: string }[]
  assert.ok(ncs.length > 0)
  const target = ncs[ncs.length - 1]
  const byCode = await admin.get(`/api/nonconformities?q=${target.code.toLowerCase()}`)
  assert.is(byCode.body.items[0].id, target.id)

  // Procedures and units: exact code first, names without diacritics.
  const procedures = await admin.get('/api/procedures?q=LD.01')
  assert.is(procedures.body.items[0].code, 'LD.01')
  const units = await admin.get('/api/org-units?q=qlđt')
  assert.is(units.body.items[0].code, 'QLĐT')
  const users = await admin.get('/api/users?q=staff')
  assert.is(users.body.items[0].username, 'staff')
})

search('a bad q is still a 400: too long, a NUL byte', async ({ as }) => {
  const admin = await as('admin')
  for (const url of ['/api/dossiers', '/api/documents', '/api/nonconformities', '/api/users', '/api/procedures']) {
    const long = await admin.get(`${url}?q=${'a'.repeat(201)}`)
    assert.is(long.status, 400, `${url}: ${long.text}`)
    assert.is(long.body.errors[0].path, 'query.q')
    const nul = await admin.get(`${url}?q=a%00b`)
    assert.is(nul.status, 400, `${url}: ${nul.text}`)
  }
  // LIKE wildcards are searched for as they are.
  assert.is((await admin.get('/api/dossiers?q=%25%25%25')).body.items.length, 0)
  assert.is((await admin.get('/api/dossiers?q=___')).body.items.length, 0)
})

ctx.use(search)
search.run()
