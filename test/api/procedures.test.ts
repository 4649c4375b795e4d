import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'

const ctx = appContext()

const catalogue = suite('the procedure catalogue', ctx)

catalogue('the demo board has 40 procedures: 34 at level 4 and 6 at level 3, in force today with their history', async ({ as }) => {
  const client = await as('staff')
  const all = (await client.get('/api/procedures?limit=500')).body.items
  assert.is(all.length, 40)
  assert.is(all.filter((p: { onlineLevel: number }) => p.onlineLevel === 4).length, 34)
  assert.is(all.filter((p: { onlineLevel: number }) => p.onlineLevel === 3).length, 6)
  const permit = all.find((p: { code: string }) => p.code === 'LD.05')
  assert.equal(permit.onlineHistory.filter((h: { attribute: string }) => h.attribute === 'level').map((h: { level: number; effectiveFrom: string }) => [h.level, h.effectiveFrom]), [[3, '2018-10-01'], [4, '2019-09-01']])
  assert.is(permit.onlineMode, 'full')
  assert.is(permit.onlineModeFrom, '2022-08-01')
  const level3 = await client.get('/api/procedures?onlineLevel=3&limit=500')
  assert.is(level3.body.items.length, 6)
  const partial = await client.get('/api/procedures?onlineMode=partial&limit=500')
  assert.is(partial.body.items.length, 6)
  const search = await client.get('/api/procedures?q=giay phep lao dong')
  assert.ok(search.body.items.some((p: { code: string }) => p.code === 'LD.01'))
  const fields = (await client.get('/api/procedures/fields')).body.items
  assert.is(fields.reduce((s: number, f: { procedures: number }) => s + f.procedures, 0), 40)
})

catalogue('managers add and change procedures; a new level is added to the history from its date', async ({ as, unitId }) => {
  const manager = await as('manager')
  const created = await manager.post('/api/procedures', {
    code: 'XD.08',
    name: 'Cấp giấy phép di dời công trình',
    field: 'Hoạt động xây dựng',
    owningUnitId: await unitId('QLQHXD'),
    processingDays: 15,
    fee: 150000,
    onlineLevel: 3,
    onlineLevelFrom: '2020-06-24',
  })
  assert.is(created.status, 201, created.text)
  assert.is(created.body.onlineLevel, 3)
  const changed = await manager.patch(`/api/procedures/${created.body.id}`, { onlineLevel: 4, onlineLevelFrom: '2021-01-01', onlineMode: 'full', onlineModeFrom: '2022-08-01' }, { ifMatch: 1 })
  assert.is(changed.status, 200, changed.text)
  assert.is(changed.body.onlineLevel, 4)
  assert.is(changed.body.onlineHistory.length, 3)
  // The statistics count it by the level in force on the last day of the period.
  const stats2020 = await manager.get('/api/dossiers/stats?from=2020-07-01&to=2020-12-31')
  assert.equal([stats2020.body.procedures.total, stats2020.body.procedures.byOnlineLevel.level3], [41, 7])
  const stale = await manager.patch(`/api/procedures/${created.body.id}`, { name: 'x' }, { ifMatch: 1 })
  assert.is(stale.status, 412)
  const duplicate = await manager.post('/api/procedures', { code: 'xd.08', name: 'x', field: 'x', owningUnitId: await unitId('QLQHXD'), processingDays: 1 })
  assert.is(duplicate.status, 409)
})

catalogue('staff and auditors only read; bad input lists every field', async ({ as, unitId }) => {
  for (const username of ['staff', 'auditor', 'head']) {
    const res = await (await as(username)).post('/api/procedures', { code: 'N1', name: 'x', field: 'x', owningUnitId: await unitId('VP'), processingDays: 1 })
    assert.is(res.status, 403, username)
  }
  const bad = await (await as('admin')).post('/api/procedures', { code: '', name: 'x', field: 'x', owningUnitId: 'nope', processingDays: 0, onlineLevel: 5 })
  assert.is(bad.status, 400)
  assert.equal(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['code', 'onlineLevel', 'owningUnitId', 'processingDays'])
})

ctx.use(catalogue)
catalogue.run()
