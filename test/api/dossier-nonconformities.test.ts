import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'

const ctx = appContext()
const raising = suite('raising a nonconformity from a late dossier', ctx)

raising('a dossier resolved late raises one nonconformity (source late_dossier), once', async ({ as }) => {
  const auditor = await as('auditor')
  const late = (await auditor.get('/api/dossiers?timeliness=late&limit=1')).body.items[0]
  assert.ok(late, 'the demo has late dossiers')
  const res = await auditor.post(`/api/dossiers/${late.id}/raise-nc`, {})
  assert.is(res.status, 201, res.text)
  assert.is(res.headers.location, `/api/nonconformities/${res.body.id}`)
  assert.is(res.body.source, 'late_dossier')
  assert.is(res.body.sourceId, late.id)
  assert.is(res.body.orgUnitId, late.orgUnit.id)
  assert.match(res.body.title, late.code)
  assert.equal(res.body.clauseNumbers, ['8.5'])
  const again = await auditor.post(`/api/dossiers/${late.id}/raise-nc`, {})
  assert.is(again.status, 409)
  const listed = await auditor.get(`/api/nonconformities?source=late_dossier&sourceId=${late.id}`)
  assert.equal(listed.body.items.map((n: { id: string }) => n.id), [res.body.id])
})

raising('a dossier handled in time raises none', async ({ as }) => {
  const auditor = await as('auditor')
  const early = (await auditor.get('/api/dossiers?timeliness=early&limit=1')).body.items[0]
  const res = await auditor.post(`/api/dossiers/${early.id}/raise-nc`, {})
  assert.is(res.status, 409)
})

raising('staff may not raise nonconformities; bad input and unknown dossiers are refused', async ({ as }) => {
  const late = (await (await as('auditor')).get('/api/dossiers?timeliness=late&limit=2')).body.items[1]
  assert.is((await (await as('staff')).post(`/api/dossiers/${late.id}/raise-nc`, {})).status, 403)
  const bad = await (await as('auditor')).post(`/api/dossiers/${late.id}/raise-nc`, { severity: 'catastrophic' })
  assert.is(bad.status, 400)
  assert.is(bad.body.errors[0].path, 'severity')
  assert.is((await (await as('auditor')).post('/api/dossiers/00000000-0000-4000-8000-000000000000/raise-nc', {})).status, 404)
})

ctx.use(raising)
raising.run()
