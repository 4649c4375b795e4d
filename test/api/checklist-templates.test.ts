import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext } from '../helpers/app.ts'

const ctx = appContext()

const item = (id: string, extra: Record<string, unknown> = {}) => ({ id, text: `Mục ${id}`, category: 'conduct', ...extra })

const builtIn = suite('built-in checklists', ctx)

builtIn('the demo loads "Kiểm tra công vụ" with per-person badge and working-hours items', async ({ as }) => {
  const res = await (await as('staff')).get('/api/checklist-templates?q=kiem tra cong vu')
  assert.is(res.status, 200)
  const civil = res.body.items.find((t: { name: string }) => t.name === 'Kiểm tra công vụ')
  assert.ok(civil)
  const byCategory = Object.fromEntries(civil.items.map((i: { category: string }) => [i.category, i]))
  assert.is(byCategory.id_badge.perPerson, true)
  assert.is(byCategory.attendance.perPerson, true)
  assert.is(byCategory.conduct.perPerson, false)
  assert.is(byCategory.public_posting.photoRequiredOnFail, true)
  assert.ok(byCategory.on_time_handling)
})

builtIn('the ISO internal-audit checklist maps its items to clauses 4 to 10', async ({ as }) => {
  const res = await (await as('auditor')).get('/api/checklist-templates?q=ISO')
  const iso = res.body.items.find((t: { name: string }) => t.name === 'Đánh giá nội bộ ISO 9001:2015')
  assert.ok(iso)
  const top = new Set(iso.items.flatMap((i: { clauseNumbers: string[] }) => i.clauseNumbers.map((c) => c.split('.')[0])))
  assert.equal([...top].sort((a, b) => Number(a) - Number(b)), ['4', '5', '6', '7', '8', '9', '10'])
})

const writing = suite('creating and changing checklists', ctx)

writing('an auditor creates a template; defaults are filled and missing ids generated', async ({ as }) => {
  const res = await (await as('auditor')).post('/api/checklist-templates', {
    name: 'Kiểm tra phòng họp',
    items: [{ text: 'Phòng gọn gàng', category: 'other' }, { text: 'Số ghế', category: 'other', responseType: 'number', weight: 0.5 }],
  })
  assert.is(res.status, 201)
  assert.is(res.headers.etag, '"1"')
  assert.is(res.body.revision, 1)
  assert.is(res.body.inUse, false)
  const [a, b] = res.body.items
  assert.is(a.id, 'item-1')
  assert.is(b.id, 'item-2')
  assert.is(a.responseType, 'pass_fail_na')
  assert.is(a.required, true)
  assert.is(a.createsFindingOnFail, true)
  assert.is(b.weight, 0.5)
})

writing('bad items are refused naming each field, and nothing is written', async ({ as }) => {
  const auditor = await as('auditor')
  const before = (await auditor.get('/api/checklist-templates?limit=500')).body.items.length
  const res = await auditor.post('/api/checklist-templates', {
    name: 'Sai',
    items: [item('a'), item('a'), { id: 'c', text: 'Chọn', category: 'other', responseType: 'choice' }, item('d', { clauseNumbers: ['4.9'] })],
  })
  assert.is(res.status, 400)
  const paths = res.body.errors.map((e: { path: string }) => e.path)
  assert.ok(paths.includes('items.1.id'), paths.join())
  assert.ok(paths.includes('items.2.choices'), paths.join())
  assert.ok(paths.includes('items.3.clauseNumbers.0'), paths.join())
  const schema = await auditor.post('/api/checklist-templates', { name: '', items: [{ text: 'x', category: 'nope' }] })
  assert.is(schema.status, 400)
  assert.ok(schema.body.errors.some((e: { path: string }) => e.path === 'name'))
  assert.ok(schema.body.errors.some((e: { path: string }) => e.path === 'items.0.category'))
  assert.is((await auditor.get('/api/checklist-templates?limit=500')).body.items.length, before)
})

writing('only auditors and managers write templates; everyone reads them', async ({ as }) => {
  for (const username of ['head', 'staff', 'admin']) {
    const res = await (await as(username)).post('/api/checklist-templates', { name: 'X', items: [item('a')] })
    assert.is(res.status, 403, username)
  }
  assert.is((await (await as('manager')).post('/api/checklist-templates', { name: 'Của lãnh đạo', items: [item('a')] })).status, 201)
})

const versioning = suite('template versioning', ctx)

versioning('changing an unused template edits its revision; once used, a change adds a revision and the inspection keeps its own', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const created = (await auditor.post('/api/checklist-templates', { name: 'Kiểm tra kho', items: [item('a'), item('b')] })).body
  const edited = await auditor.patch(`/api/checklist-templates/${created.id}`, { items: [item('a'), item('b', { text: 'Sửa lần 1' })] }, { ifMatch: 1 })
  assert.is(edited.status, 200)
  assert.is(edited.body.revision, 1, 'unused: edited in place')
  assert.is(edited.body.items[1].text, 'Sửa lần 1')

  const planned = await auditor.post('/api/inspections', { templateId: created.id, orgUnitId: await unitId('QLDN'), kind: 'internal', plannedFor: '2026-03-02' })
  assert.is(planned.status, 201)
  assert.is(planned.body.template.revision, 1)

  const inUse = (await auditor.get(`/api/checklist-templates/${created.id}`)).body
  assert.is(inUse.inUse, true)
  const changed = await auditor.patch(`/api/checklist-templates/${created.id}`, { items: [item('a'), item('c', { text: 'Mục mới' })] }, { ifMatch: inUse.version })
  assert.is(changed.status, 200)
  assert.is(changed.body.revision, 2)
  assert.is(changed.body.currentRevision, 2)
  assert.equal(changed.body.items.map((i: { id: string }) => i.id), ['a', 'c'])

  const inspection = (await auditor.get(`/api/inspections/${planned.body.id}`)).body
  assert.is(inspection.template.revision, 1)
  assert.equal(inspection.items.map((i: { id: string; text: string }) => i.text), ['Mục a', 'Sửa lần 1'])
  const old = await auditor.get(`/api/checklist-templates/${created.id}?revision=1`)
  assert.equal(old.body.items.map((i: { id: string }) => i.id), ['a', 'b'])
  assert.is((await auditor.get(`/api/checklist-templates/${created.id}?revision=9`)).status, 404)

  const next = await auditor.post('/api/inspections', { templateId: created.id, orgUnitId: await unitId('QLDN'), kind: 'internal', plannedFor: '2026-03-03' })
  assert.is(next.body.template.revision, 2)
})

versioning('a rename or the same items add no revision; a stale version is refused', async ({ as }) => {
  const auditor = await as('auditor')
  const created = (await auditor.post('/api/checklist-templates', { name: 'Tên cũ', items: [item('a')] })).body
  const renamed = await auditor.patch(`/api/checklist-templates/${created.id}`, { name: 'Tên mới', items: [item('a')] }, { ifMatch: 1 })
  assert.is(renamed.body.revision, 1)
  assert.is(renamed.body.name, 'Tên mới')
  assert.is((await auditor.patch(`/api/checklist-templates/${created.id}`, { name: 'Lạc hậu' }, { ifMatch: 1 })).status, 412)
  assert.is((await auditor.patch(`/api/checklist-templates/${created.id}`, { name: 'Thiếu' })).status, 428)
})

versioning('a retired template cannot be used for new inspections', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const created = (await auditor.post('/api/checklist-templates', { name: 'Sắp bỏ', items: [item('a')] })).body
  await auditor.patch(`/api/checklist-templates/${created.id}`, { active: false }, { ifMatch: 1 })
  const res = await auditor.post('/api/inspections', { templateId: created.id, orgUnitId: await unitId('QLDN'), kind: 'internal', plannedFor: '2026-03-02' })
  assert.is(res.status, 400)
  assert.is(res.body.errors[0].path, 'templateId')
})

ctx.use(builtIn, writing, versioning)
builtIn.run()
writing.run()
versioning.run()
