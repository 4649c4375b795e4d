import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'

const ctx = appContext()
const uuid = () => crypto.randomUUID()
const refs = suite('references in request bodies (issue 14, item 5)', ctx)

type Problem = { status: number; body: { type: string; errors: { path: string; code: string }[] } }
function isReference(res: Problem, path: string, code?: string) {
  assert.is(res.status, 422, JSON.stringify(res.body))
  assert.is(res.body.type, 'urn:qms:problem:reference')
  assert.is(res.body.errors[0].path, path)
  if (code) assert.is(res.body.errors[0].code, code)
}

refs('an NC cannot point at another unit’s finding, nor at a made-up one', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const head = await as('head')
  const all = (await auditor.get('/api/findings?limit=500')).body.items as { id: string; orgUnitId: string }[]
  const mine = new Set(((await head.get('/api/findings?limit=500')).body.items as { id: string }[]).map((f) => f.id))
  const foreign = all.find((f) => !mine.has(f.id))
  assert.ok(foreign, 'the demo has a finding outside the head’s units')
  const body = { source: 'finding', orgUnitId: await unitId('TNTKQ'), title: 'Not mine', severity: 'minor' }
  const hidden = await head.post('/api/nonconformities', { ...body, sourceId: foreign.id })
  const madeUp = await head.post('/api/nonconformities', { ...body, sourceId: uuid() })
  isReference(hidden, 'sourceId', 'reference')
  isReference(madeUp, 'sourceId', 'reference')
  assert.is(hidden.body.errors[0].code, madeUp.body.errors[0].code, 'an unreadable finding answers like a missing one')
  // Even someone who can read it may not file it under another unit.
  const otherUnit = foreign.orgUnitId === (await unitId('VP')) ? await unitId('QLDN') : await unitId('VP')
  isReference(await auditor.post('/api/nonconformities', { ...body, orgUnitId: otherUnit, sourceId: foreign.id }), 'sourceId', 'same_unit')
  // So the finding's own unit can still raise its NC from it.
  const ok = await auditor.post('/api/nonconformities', { ...body, orgUnitId: foreign.orgUnitId, sourceId: foreign.id })
  assert.is(ok.status, 201, ok.text)
})

refs('source late_dossier needs a dossier that is late, of the same unit', async ({ as }) => {
  const auditor = await as('auditor')
  const early = (await auditor.get('/api/dossiers?timeliness=early&limit=1')).body.items[0]
  isReference(await auditor.post('/api/nonconformities', { source: 'late_dossier', sourceId: early.id, orgUnitId: early.orgUnit.id, title: 'On time', severity: 'minor' }), 'sourceId', 'not_late')
  const late = (await auditor.get('/api/dossiers?timeliness=late&limit=1')).body.items[0]
  const units = (await auditor.get('/api/org-units')).body
  const other = (Array.isArray(units) ? units : units.items).find((u: { id: string }) => u.id !== late.orgUnit.id)
  isReference(await auditor.post('/api/nonconformities', { source: 'late_dossier', sourceId: late.id, orgUnitId: other.id, title: 'Elsewhere', severity: 'minor' }), 'sourceId', 'same_unit')
  isReference(await auditor.post('/api/nonconformities', { source: 'late_dossier', sourceId: uuid(), orgUnitId: late.orgUnit.id, title: 'Nothing', severity: 'minor' }), 'sourceId')
})

refs('other sources: an inspection or complaint must exist; no record for other sources; units must exist', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const unit = await unitId('VP')
  for (const source of ['internal_audit', 'complaint']) {
    isReference(await auditor.post('/api/nonconformities', { source, sourceId: uuid(), orgUnitId: unit, title: source, severity: 'minor' }), 'sourceId', 'reference')
  }
  isReference(await auditor.post('/api/nonconformities', { source: 'other', sourceId: uuid(), orgUnitId: unit, title: 'x', severity: 'minor' }), 'sourceId', 'no_record')
  isReference(await auditor.post('/api/nonconformities', { source: 'other', orgUnitId: uuid(), title: 'x', severity: 'minor' }), 'orgUnitId', 'reference')
})

refs('a complaint about a dossier is filed under the dossier’s unit and procedure', async ({ as }) => {
  const manager = await as('manager')
  const dossier = (await manager.get('/api/dossiers?limit=1')).body.items[0]
  const units = (await manager.get('/api/org-units')).body
  const other = (Array.isArray(units) ? units : units.items).find((u: { id: string }) => u.id !== dossier.orgUnit.id)
  const body = { kind: 'complaint', dossierId: dossier.id, summary: 'Trả kết quả chậm.' }
  isReference(await manager.post('/api/complaints', { ...body, orgUnitId: other.id }), 'orgUnitId', 'dossier_unit')
  isReference(await manager.post('/api/complaints', { ...body, dossierId: uuid() }), 'dossierId', 'reference')
  isReference(await manager.post('/api/complaints', { kind: 'complaint', procedureId: uuid(), summary: 'x' }), 'procedureId', 'reference')
  const ok = await manager.post('/api/complaints', body)
  assert.is(ok.status, 201, ok.text)
  assert.is(ok.body.orgUnitId, dossier.orgUnit.id)
})

refs('other foreign ids in bodies: a made-up unit, user or procedure is a 422 naming the field', async ({ as }) => {
  const ghost = uuid()
  isReference(await (await as('admin')).post('/api/api-tokens', { name: 'ghost', userId: ghost }), 'userId', 'reference')
  isReference(await (await as('manager')).post('/api/procedures', { code: 'ref.01', name: 'x', field: 'x', owningUnitId: ghost, processingDays: 1 }), 'owningUnitId', 'reference')
  isReference(await (await as('admin')).post('/api/org-units', { code: 'REF1', name: 'x', parentId: ghost }), 'parentId', 'reference')
})

ctx.use(refs)
refs.run()
