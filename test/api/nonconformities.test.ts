import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { systemClock } from '../../server/lib/clock.ts'
import { raiseNonconformity } from '../../server/modules/nonconformities/service.ts'
import { appContext } from '../helpers/app.ts'
import { pdfFile } from '../helpers/files.ts'
import { multipartForm } from '../helpers/multipart-form.ts'
import { addAction, addDays, complete, inProgress, pendingVerification, raise, ROOT_CAUSE, step, today } from '../helpers/nonconformities.ts'
import { assertAll } from '../helpers/assertions.ts'
import { pdfText } from '../helpers/pdf-text.ts'

const ctx = appContext()
const uuid = () => crypto.randomUUID()

// ---------------------------------------------------------------------------------------
const creating = suite('raising nonconformities', ctx)

creating('an auditor raises one from every source; it starts as a draft with a code, a due date and a timeline', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const unit = await unitId('TNTKQ')
  // finding and late_dossier need a real record of the unit: findings.test.ts, dossier-nonconformities.test.ts, references.test.ts.
  for (const source of ['complaint', 'internal_audit', 'management_review', 'other']) {
    const res = await auditor.post('/api/nonconformities', { source, orgUnitId: unit, title: `From ${source}`, severity: 'minor' })
    assert.is(res.status, 201, `${source}: ${res.text}`)
    assert.is(res.body.status, 'draft')
    assert.is(res.body.source, source)
    assert.match(res.body.code, /^NC-\d{4}$/)
    assert.is(res.headers.location, `/api/nonconformities/${res.body.id}`)
    assert.is(res.headers.etag, '"1"')
    assert.is(res.body.detectedOn, today())
    assert.is(res.body.dueDate, addDays(today(), 60), 'minor: 60 days by default')
    assert.equal(res.body.timeline.map((e: { action: string }) => e.action), ['create'])
    assert.is(res.body.timeline[0].actor.fullName, 'Trần Thị Lan')
    assert.is(res.body.createdBy.fullName, 'Trần Thị Lan')
  }
  const major = await raise(auditor, unit, { severity: 'major' })
  assert.is(major.dueDate, addDays(today(), 30), 'major: 30 days by default')
})

creating('the head of the unit hears of it; nobody hears of their own doing', async ({ as, unitId }) => {
  const nc = await raise(await as('auditor'), await unitId('TNTKQ'), { title: 'Unique title for the bell' })
  const head = await as('head')
  const mine = await head.get('/api/notifications?unread=true&limit=500')
  const note = mine.body.items.find((n: { entityId: string }) => n.entityId === nc.id)
  assert.ok(note, 'the head of the Office (the desk’s parent unit) is told')
  assert.is(note.kind, 'nonconformity.raised')
  assert.is(note.link, `/nonconformities/${nc.id}`)
  const auditorNotes = await (await as('auditor')).get('/api/notifications?limit=500')
  assert.not.ok(auditorNotes.body.items.some((n: { entityId: string }) => n.entityId === nc.id))
})

/** A finding with no nonconformity yet, and its unit. */
async function freeFinding(client: Awaited<ReturnType<Parameters<Parameters<typeof creating>[1]>[0]['as']>>, pick: 'first' | 'last' = 'first') {
  const items = (await client.get('/api/findings?limit=500')).body.items as { id: string; orgUnitId: string; nonconformityId: string | null }[]
  const free = items.filter((f) => !f.nonconformityId)
  // Two tests each take a different one: an NC raised directly does not mark its finding.
  const found = pick === 'first' ? free[0] : free.at(-1)
  assert.ok(found, 'the demo has a finding without a nonconformity')
  return found
}

creating('a finding or late dossier needs its record and has one live nonconformity', async ({ as }) => {
  const auditor = await as('auditor')
  const finding = await freeFinding(auditor)
  const unit = finding.orgUnitId
  const missing = await auditor.post('/api/nonconformities', { source: 'finding', orgUnitId: unit, title: 'No finding', severity: 'major' })
  assert.is(missing.status, 400)
  assert.is(missing.body.errors[0].path, 'sourceId')

  const findingId = finding.id
  const first = await raise(auditor, unit, { source: 'finding', sourceId: findingId })
  const second = await auditor.post('/api/nonconformities', { source: 'finding', sourceId: findingId, orgUnitId: unit, title: 'Again', severity: 'minor' })
  assert.is(second.status, 409)
  assert.is(second.body.errors[0].code, 'duplicate')
  assert.is(second.body.errors[0].params.existingId, first.id)
  await step(auditor, first, 'cancel', { reason: 'Raised against the wrong finding' })
  await raise(auditor, unit, { source: 'finding', sourceId: findingId })
  // Internal audits raise many NCs from one audit.
  const audit = (await auditor.get('/api/inspections?limit=1')).body.items[0]
  await raise(auditor, audit.orgUnitId, { sourceId: audit.id })
  await raise(auditor, audit.orgUnitId, { sourceId: audit.id })
})

creating('bad input names every failing field and writes nothing', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const before = (await auditor.get('/api/nonconformities?limit=500')).body.items.length
  const res = await auditor.post('/api/nonconformities', { source: 'rumour', orgUnitId: 'not-a-uuid', title: '', severity: 'huge', clauseNumbers: ['7.5.3', 'x'], colour: 'red' })
  assert.is(res.status, 400)
  assert.match(String(res.headers['content-type']), /application\/problem\+json/)
  const paths = res.body.errors.map((e: { path: string }) => e.path)
  for (const p of ['source', 'orgUnitId', 'title', 'severity', 'clauseNumbers.1', 'colour']) assert.ok(paths.includes(p), `${p} in ${paths}`)

  const rules = await auditor.post('/api/nonconformities', {
    source: 'other', orgUnitId: await unitId('VP'), title: 'Rules', severity: 'minor', clauseNumbers: ['7.9'],
    detectedOn: addDays(today(), 2), dueDate: addDays(today(), 1),
  })
  assert.is(rules.status, 400)
  assert.equal(rules.body.errors.map((e: { path: string }) => e.path).sort(), ['clauseNumbers.0', 'detectedOn', 'dueDate'])
  const unknownUnit = await auditor.post('/api/nonconformities', { source: 'other', orgUnitId: uuid(), title: 'Nowhere', severity: 'minor' })
  assert.is(unknownUnit.status, 422)
  assert.is(unknownUnit.body.type, 'urn:qms:problem:reference')
  assert.is(unknownUnit.body.errors[0].path, 'orgUnitId')
  assert.is((await auditor.get('/api/nonconformities?limit=500')).body.items.length, before)
})

creating('staff cannot raise one; a head of unit only within their unit', async ({ as, unitId }) => {
  const body = { source: 'other', title: 'Self-reported', severity: 'minor' }
  assert.is((await (await as('staff')).post('/api/nonconformities', { ...body, orgUnitId: await unitId('TNTKQ') })).status, 403)
  const head = await as('head')
  assert.is((await head.post('/api/nonconformities', { ...body, orgUnitId: await unitId('QLDN') })).status, 403)
  assert.is((await head.post('/api/nonconformities', { ...body, orgUnitId: await unitId('TNTKQ') })).status, 201)
})

creating('raiseNonconformity joins the caller’s transaction: a failure later leaves nothing behind', async ({ app, as, unitId }) => {
  const auditor = await as('auditor')
  const me = (await auditor.get('/api/auth/me')).body.user
  const actor = { userId: me.id, username: me.username, fullName: me.fullName, roles: me.roles, orgUnitId: me.orgUnitId, orgUnitPath: null, via: 'session' as const }
  const finding = await freeFinding(auditor, 'last')
  const sourceId = finding.id
  const office = finding.orgUnitId
  let raisedId = ''
  try {
    // Nothing else may touch the database meanwhile: the embedded engine has one connection.
    await app.db.transaction(async (tx) => {
      const nc = await raiseNonconformity(tx, actor, { source: 'finding', sourceId, orgUnitId: office, title: 'From a finding', severity: 'major' }, { now: systemClock(), config: app.config })
      raisedId = nc.id
      assert.is(nc.status, 'draft')
      throw new Error('the finding could not be updated')
    })
  } catch (err) {
    assert.is((err as Error).message, 'the finding could not be updated')
  }
  assert.ok(raisedId)
  assert.is((await auditor.get(`/api/nonconformities/${raisedId}`)).status, 404)
  assert.is((await auditor.get(`/api/nonconformities?sourceId=${sourceId}`)).body.items.length, 0)
})

// ---------------------------------------------------------------------------------------
const listing = suite('listing nonconformities', ctx)

listing('the demo board: 2020 NCs in several states, the open ones overdue', async ({ as }) => {
  const res = await (await as('manager')).get('/api/nonconformities?to=2020-12-31&limit=100')
  const byStatus = new Map(res.body.items.map((n: { status: string }) => [n.status, n]))
  for (const s of ['closed', 'in_progress', 'pending_verification', 'analysis', 'draft']) assert.ok(byStatus.has(s), s)
  const docControl = res.body.items.find((n: { clauseNumbers: string[] }) => n.clauseNumbers.includes('7.5.2'))
  assert.is(docControl.status, 'in_progress')
  assert.ok(docControl.overdue)
  assert.is(docControl.actionsTotal, 3)
  assert.is(docControl.actionsOpen, 2)
  assert.is(docControl.actionsOverdue, 2)
  assert.ok(docControl.daysOverdue > 365)
  const closed = byStatus.get('closed') as { overdue: boolean; closedAt: string }
  assert.is(closed.overdue, false)
  assert.ok(closed.closedAt.startsWith('2020-04-24'))
})

listing('filters by status, unit subtree, severity, period, overdue, text and action owner', async ({ as, unitId, userId }) => {
  const manager = await as('manager')
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((n) => n.id)
  const fresh = await raise(await as('auditor'), await unitId('QLMT'), { severity: 'major', title: 'Hazardous waste log not kept' })

  const drafts = await manager.get('/api/nonconformities?status=draft&limit=500')
  assertAll(drafts.body.items, (n: { status: string }) => n.status === 'draft')
  assert.ok(ids(drafts).includes(fresh.id))
  const twoStates = await manager.get('/api/nonconformities?status=closed&status=analysis&limit=500')
  assert.equal([...new Set(twoStates.body.items.map((n: { status: string }) => n.status))].sort(), ['analysis', 'closed'])

  const office = await manager.get(`/api/nonconformities?orgUnitId=${await unitId('VP')}&limit=500`)
  assert.ok(office.body.items.some((n: { orgUnit: { code: string } }) => n.orgUnit.code === 'TNTKQ'), 'the desk is inside the Office')
  assert.not.ok(ids(office).includes(fresh.id))

  const major = await manager.get('/api/nonconformities?severity=major&limit=500')
  assertAll(major.body.items, (n: { severity: string }) => n.severity === 'major')
  const h1 = await manager.get('/api/nonconformities?from=2020-01-01&to=2020-06-30&limit=500')
  assert.ok(h1.body.items.length >= 3)
  assertAll(h1.body.items, (n: { detectedOn: string }) => n.detectedOn >= '2020-01-01' && n.detectedOn <= '2020-06-30')

  const overdue = await manager.get('/api/nonconformities?overdue=true&limit=500')
  assert.ok(overdue.body.items.length >= 4)
  assertAll(overdue.body.items, (n: { overdue: boolean }) => n.overdue)
  assert.not.ok(ids(overdue).includes(fresh.id))
  assert.ok(ids(await manager.get('/api/nonconformities?overdue=false&limit=500')).includes(fresh.id))

  assert.equal(ids(await manager.get(`/api/nonconformities?q=hazardous WASTE`)), [fresh.id])
  assert.equal(ids(await manager.get(`/api/nonconformities?q=${fresh.code}`)), [fresh.id])
  const staffOwned = await manager.get(`/api/nonconformities?actionOwnerId=${await userId('staff')}&limit=500`)
  assert.ok(staffOwned.body.items.length >= 3)
  const open = await manager.get('/api/nonconformities?open=false&limit=500')
  assertAll(open.body.items, (n: { status: string }) => ['closed', 'cancelled'].includes(n.status))
})

listing('pages by cursor without repeating or skipping', async ({ as }) => {
  const manager = await as('manager')
  const all = (await manager.get('/api/nonconformities?limit=500')).body.items.map((n: { id: string }) => n.id)
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await manager.get(`/api/nonconformities?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
    seen.push(...res.body.items.map((n) => n.id))
    cursor = res.body.nextCursor
  } while (cursor)
  assert.equal(seen, all)
  assert.is((await manager.get('/api/nonconformities?cursor=garbage')).status, 400)
})

listing('each sees what their role and unit allow', async ({ as }) => {
  const codes = async (who: string) => (await (await as(who)).get('/api/nonconformities?to=2020-12-31&limit=500')).body.items.map((n: { orgUnit: { code: string } }) => n.orgUnit.code)
  const head = await codes('head')
  assert.ok(head.length >= 4)
  assertAll(head, (c: string) => ['VP', 'TNTKQ'].includes(c), `head sees only the Office subtree: ${head}`)
  const staff = await (await as('staff')).get('/api/nonconformities?to=2020-12-31&limit=500')
  // Staff see their unit (the desk) and the Office NC in which they own actions, not the Office draft.
  assert.ok(staff.body.items.some((n: { orgUnit: { code: string } }) => n.orgUnit.code === 'VP'))
  assert.not.ok(staff.body.items.some((n: { status: string; orgUnit: { code: string } }) => n.orgUnit.code === 'VP' && n.status === 'draft'))
  assert.not.ok(staff.body.items.some((n: { orgUnit: { code: string } }) => n.orgUnit.code === 'QLDN'))
  const qldn = (await (await as('manager')).get('/api/nonconformities?to=2020-12-31&limit=500')).body.items.find((n: { orgUnit: { code: string } }) => n.orgUnit.code === 'QLDN')
  assert.is((await (await as('head')).get(`/api/nonconformities/${qldn.id}`)).status, 403)
  assert.is((await (await as('staff')).get(`/api/nonconformities/${qldn.id}`)).status, 403)
  assert.is((await (await as('auditor')).get(`/api/nonconformities/${qldn.id}`)).status, 200)
  assert.is((await (await as('auditor')).get(`/api/nonconformities/${uuid()}`)).status, 404)
})

// ---------------------------------------------------------------------------------------
listing('the register downloads as XLSX: the rows and filters of the list, in Vietnamese; staff get only what they read', async ({ as, unitId, app }) => {
  const manager = await as('manager')
  const unit = await unitId('TNTKQ')
  const listed = (await manager.get(`/api/nonconformities?orgUnitId=${unit}&limit=500`)).body.items as { code: string; title: string }[]
  const res = await manager.raw(`/api/nonconformities/register?orgUnitId=${unit}`)
  assert.is(res.statusCode, 200, res.body)
  assert.match(String(res.headers['content-type']), 'spreadsheetml')
  assert.match(String(res.headers['content-disposition']), /so-theo-doi-khong-phu-hop_\d{4}-\d{2}-\d{2}\.xlsx/)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]
  const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1).map((v) => String(v ?? ''))
  assert.is(values(1)[0], 'SỔ THEO DÕI SỰ KHÔNG PHÙ HỢP VÀ HÀNH ĐỘNG KHẮC PHỤC')
  assert.equal(values(3).slice(0, 5), ['STT', 'Số', 'Ngày phát hiện', 'Đơn vị', 'Nội dung'])
  const codes = Array.from({ length: sheet.rowCount - 3 }, (_, i) => values(i + 4)[1])
  assert.equal(codes, listed.map((n) => n.code), 'the same NCs in the same order as the list')
  assert.match(values(4)[2], /^\d{2}\/\d{2}\/\d{4}$/, 'dates as dd/MM/yyyy')

  const staff = await as('staff')
  const staffCsv = await staff.get('/api/nonconformities/register?format=csv&lang=en')
  assert.is(staffCsv.status, 200)
  const [heading, ...staffRows] = parse(staffCsv.text.replace(/^\uFEFF/, '')) as string[][]
  assert.equal(heading.slice(0, 3), ['No.', 'Code', 'Detected'])
  assert.equal(staffRows.map((r) => r[1]), (await staff.get('/api/nonconformities?limit=500')).body.items.map((n: { code: string }) => n.code), 'staff: only the NCs they may read')
  assert.is((await manager.get('/api/nonconformities/register?format=pdf')).status, 400)
  assert.is((await manager.get('/api/nonconformities/register?limit=5')).status, 400, 'no paging: the register is whole')
})

const workflow = suite('the workflow, step by step', ctx)

workflow('draft → analysis → action_planned → in_progress → pending_verification → verified → closed', async ({ app, as, unitId, userId }) => {
  const auditor = await as('auditor')
  const head = await as('head')
  const staff = await as('staff')
  let nc = await raise(auditor, await unitId('TNTKQ'))
  assert.equal(nc.allowedActions, ['update', 'cancel'], 'the auditor may edit and cancel a draft, not analyse it')
  nc = (await head.get(`/api/nonconformities/${nc.id}`)).body
  assert.equal(nc.allowedActions, ['update', 'add-action', 'analyze'])

  nc = await step(head, nc, 'analyze', { rootCause: ROOT_CAUSE })
  assert.is(nc.status, 'analysis')
  assert.equal(nc.rootCause, ROOT_CAUSE)
  assert.is(nc.analyzedBy.fullName, 'Lê Văn Hùng')
  const action = await addAction(head, nc.id, await userId('staff'))
  assert.equal(action.allowedActions, ['update'], 'nothing to complete before the work starts')
  nc = await step(head, nc, 'plan', { verificationPlannedDate: addDays(today(), 30) })
  assert.is(nc.status, 'action_planned')
  assert.is(nc.verificationPlannedDate, addDays(today(), 30))
  nc = await step(head, nc, 'start')
  assert.is(nc.status, 'in_progress')
  assert.ok(nc.allowedActions.includes('submit-verification'))

  const staffView = (await staff.get(`/api/nonconformities/${nc.id}`)).body
  assert.equal(staffView.actions[0].allowedActions, ['complete'])
  assert.equal(staffView.allowedActions, [], 'staff do not run the workflow')
  const evidence = []
  for (const text of ['list', 'photo']) {
    const form = multipartForm({ file: { filename: `${text}.pdf`, contentType: 'application/pdf', data: pdfFile(text) } })
    const upload = await staff.post('/api/attachments', form.body, { headers: { 'content-type': form.contentType } })
    assert.is(upload.status, 201, upload.text)
    evidence.push(upload.body.id)
  }
  const done = await complete(staff, action, { note: 'Distribution list kept at the desk', attachmentIds: evidence })
  assert.is(done.status, 'done')
  assert.is(done.completedBy.fullName, 'Phạm Thị Thu')
  assert.is(done.attachmentIds.length, 2)

  nc = (await head.get(`/api/nonconformities/${nc.id}`)).body
  nc = await step(head, nc, 'submit-verification')
  assert.is(nc.status, 'pending_verification')
  assert.not.ok(nc.allowedActions.includes('verify'), 'a head of unit does not verify')
  nc = (await auditor.get(`/api/nonconformities/${nc.id}`)).body
  assert.ok(nc.allowedActions.includes('verify'))
  nc = await step(auditor, nc, 'verify', { effective: true, note: 'Checked three desks: no outdated forms.' })
  assert.is(nc.status, 'verified')
  assert.not.ok(nc.allowedActions.includes('close'), 'the verifier is not offered to close')
  nc = (await head.get(`/api/nonconformities/${nc.id}`)).body
  assert.ok(nc.allowedActions.includes('close'))
  nc = await step(head, nc, 'close', { note: 'Closed after an effective check.' })
  assert.is(nc.status, 'closed')
  assert.is(nc.closedBy.fullName, 'Lê Văn Hùng')
  assert.is(nc.closingNote, 'Closed after an effective check.')
  assert.equal(nc.allowedActions, [])
  assert.equal(
    nc.timeline.map((e: { action: string }) => e.action),
    ['create', 'analyze', 'action.add', 'plan', 'start', 'action.complete', 'submit-verification', 'verify', 'close'],
  )
  const verify = nc.timeline.find((e: { action: string }) => e.action === 'verify')
  assert.equal([verify.fromStatus, verify.toStatus, verify.actorName, verify.details.effective], ['pending_verification', 'verified', 'Trần Thị Lan', true])

  const audit = await (await as('manager')).get(`/api/audit-log?entityType=nonconformity&entityId=${nc.id}`)
  assert.equal(
    audit.body.items.map((e: { action: string }) => e.action).reverse(),
    ['nonconformity.create', 'nonconformity.analyze', 'nonconformity.plan', 'nonconformity.start', 'nonconformity.submit-verification', 'nonconformity.verify', 'nonconformity.close'],
  )

  // The corrective-action request form, printed: every stage as recorded, then the signatures.
  const form = await staff.raw(`/api/nonconformities/${nc.id}/form`)
  assert.is(form.statusCode, 200, form.body)
  assert.is(form.headers['content-type'], 'application/pdf')
  const text = pdfText(form.rawPayload).replace(/\s+/g, ' ')
  for (const expected of ['PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC', `Số: ${nc.code}`, 'BM-01/QT-04', nc.title, ROOT_CAUSE.summary, 'Phạm Thị Thu', 'Distribution list kept at the desk', 'Có hiệu lực', 'Checked three desks', 'Lê Văn Hùng', 'NGƯỜI KIỂM TRA']) {
    assert.ok(text.includes(expected.replace(/\s+/g, ' ')), `the form shows "${expected}"`)
  }
  assert.match(text, /Ngày phát hiện: \d\d\/\d\d\/\d{4}/)
})

workflow('a check that finds the actions not effective sends it back to in_progress and stays on record', async (context) => {
  const { as, userId } = context
  const auditor = await as('auditor')
  const head = await as('head')
  let nc = await pendingVerification(context)
  nc = await step(auditor, nc, 'verify', { effective: false, note: 'Old forms found again in a drawer.' })
  assert.is(nc.status, 'in_progress')
  assert.is(nc.verifications.length, 1)
  assert.is(nc.verifications[0].effective, false)
  assert.is(nc.verifications[0].verifier.fullName, 'Trần Thị Lan')
  const staffNotes = await (await as('staff')).get('/api/notifications?limit=500')
  assert.ok(staffNotes.body.items.some((n: { kind: string; entityId: string }) => n.kind === 'nonconformity.not_effective' && n.entityId === nc.id))

  // More action, done, checked again: effective this time; both checks stay.
  const more = await addAction(head, nc.id, await userId('staff'), { description: 'Lock the old forms away' })
  await complete(await as('staff'), more)
  nc = await step(head, (await head.get(`/api/nonconformities/${nc.id}`)).body, 'submit-verification')
  nc = await step(auditor, nc, 'verify', { effective: true, note: 'No old forms anywhere.' })
  assert.is(nc.status, 'verified')
  assert.equal(nc.verifications.map((v: { round: number; effective: boolean }) => [v.round, v.effective]), [[1, false], [2, true]])
})

workflow('an illegal transition is a 409 that names the allowed ones', async ({ as, unitId }) => {
  const head = await as('head')
  const nc = await raise(await as('auditor'), await unitId('TNTKQ'))
  const res = await head.post(`/api/nonconformities/${nc.id}/plan`, {}, { ifMatch: nc.version })
  assert.is(res.status, 409)
  assert.is(res.body.type, 'urn:qms:problem:illegal-transition')
  assert.equal(res.body.allowed, ['analyze', 'cancel'])
  assert.match(res.body.detail, /Allowed now: analyze, cancel/)
  for (const op of ['start', 'submit-verification', 'close']) {
    const r = await head.post(`/api/nonconformities/${nc.id}/${op}`, {}, { ifMatch: nc.version })
    assert.is(r.status, 409, op)
  }
  const verify = await (await as('auditor')).post(`/api/nonconformities/${nc.id}/verify`, { effective: true, note: 'x' }, { ifMatch: nc.version })
  assert.is(verify.status, 409)
  const unchanged = (await head.get(`/api/nonconformities/${nc.id}`)).body
  assert.is(unchanged.version, nc.version)
  assert.is(unchanged.status, 'draft')
})

workflow('planning needs a complete root cause and a corrective action (422 lists what is missing)', async ({ as, unitId, userId }) => {
  const head = await as('head')
  let nc = await raise(await as('auditor'), await unitId('TNTKQ'))
  nc = await step(head, nc, 'analyze', { rootCause: { whys: [{ why: 'Why?', because: '' }], categories: [], summary: '' } })
  await addAction(head, nc.id, await userId('staff'), { type: 'correction', description: 'Remove the old forms' })
  const res = await head.post(`/api/nonconformities/${nc.id}/plan`, {}, { ifMatch: nc.version })
  assert.is(res.status, 422)
  assert.equal(res.body.errors.map((e: { path: string }) => e.path), ['rootCause.whys', 'rootCause.summary', 'rootCause.categories', 'actions'])
  assert.is((await head.get(`/api/nonconformities/${nc.id}`)).body.status, 'analysis')

  nc = await step(head, nc, 'analyze', { rootCause: ROOT_CAUSE })
  const still = await head.post(`/api/nonconformities/${nc.id}/plan`, {}, { ifMatch: nc.version })
  assert.is(still.status, 422)
  assert.equal(still.body.errors.map((e: { code: string }) => e.code), ['corrective_required'])
  await addAction(head, nc.id, await userId('staff'))
  assert.is((await step(head, nc, 'plan')).status, 'action_planned')
  const bad = await head.post(`/api/nonconformities/${nc.id}/analyze`, { rootCause: { whys: [], categories: ['luck'], summary: 'x' } }, { ifMatch: nc.version + 1 })
  assert.is(bad.status, 400)
  assert.equal(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['rootCause.categories.0', 'rootCause.whys'])
})

workflow('verification waits until every action is done', async (context) => {
  const head = await context.as('head')
  const { nc } = await inProgress(context)
  await addAction(head, nc.id, await context.userId('vo.thi.mai'), { description: 'Second action' })
  const res = await head.post(`/api/nonconformities/${nc.id}/submit-verification`, {}, { ifMatch: nc.version })
  assert.is(res.status, 422)
  assert.is(res.body.errors[0].code, 'open_actions')
  assert.is(res.body.errors[0].params.open.length, 2)
})

workflow('wrong role: staff do not analyse, auditors do not plan, heads do not verify', async (context) => {
  const { as, unitId } = context
  const nc = await raise(await as('auditor'), await unitId('TNTKQ'))
  const staffTry = await (await as('staff')).post(`/api/nonconformities/${nc.id}/analyze`, { rootCause: ROOT_CAUSE }, { ifMatch: nc.version })
  assert.is(staffTry.status, 403)
  const auditorTry = await (await as('auditor')).post(`/api/nonconformities/${nc.id}/analyze`, { rootCause: ROOT_CAUSE }, { ifMatch: nc.version })
  assert.is(auditorTry.status, 403)
  const pending = await pendingVerification(context)
  const headTry = await (await as('head')).post(`/api/nonconformities/${pending.id}/verify`, { effective: true, note: 'Looks fine' }, { ifMatch: pending.version })
  assert.is(headTry.status, 403)
  assert.match(headTry.body.detail, /auditor or a manager/)
  const staffClose = await (await as('staff')).post(`/api/nonconformities/${pending.id}/cancel`, { reason: 'Done anyway' }, { ifMatch: pending.version })
  assert.is(staffClose.status, 403)
})

workflow('wrong unit: a head of unit acts only inside their subtree', async ({ as, unitId, userId }) => {
  const manager = await as('manager')
  const head = await as('head')
  let nc = await raise(await as('auditor'), await unitId('QLDN'))
  assert.is((await head.post(`/api/nonconformities/${nc.id}/analyze`, { rootCause: ROOT_CAUSE }, { ifMatch: nc.version })).status, 403)
  nc = await step(manager, nc, 'analyze', { rootCause: ROOT_CAUSE })
  assert.is((await head.post(`/api/nonconformities/${nc.id}/actions`, { type: 'corrective', description: 'x', ownerId: await userId('staff'), dueDate: addDays(today(), 5) })).status, 403)
  await addAction(manager, nc.id, await userId('bui.thi.hoa'))
  assert.is((await head.post(`/api/nonconformities/${nc.id}/plan`, {}, { ifMatch: nc.version })).status, 403)
  assert.is((await head.post(`/api/nonconformities/${nc.id}/close`, {}, { ifMatch: nc.version })).status, 403)
  assert.is((await head.patch(`/api/nonconformities/${nc.id}`, { containment: 'x' }, { ifMatch: nc.version })).status, 403)
})

workflow('self-verification is refused: an auditor who owns an action of the NC cannot verify it', async ({ as, unitId, userId }) => {
  const head = await as('head')
  const auditor = await as('auditor')
  let nc = await raise(auditor, await unitId('VP'))
  nc = await step(head, nc, 'analyze', { rootCause: ROOT_CAUSE })
  const mine = await addAction(head, nc.id, await userId('auditor'), { description: 'Auditor trains the desk' })
  nc = await step(head, nc, 'plan')
  nc = await step(head, nc, 'start')
  await complete(auditor, mine)
  nc = await step(head, (await head.get(`/api/nonconformities/${nc.id}`)).body, 'submit-verification')
  assert.not.ok((await auditor.get(`/api/nonconformities/${nc.id}`)).body.allowedActions.includes('verify'))
  const res = await auditor.post(`/api/nonconformities/${nc.id}/verify`, { effective: true, note: 'I did it well' }, { ifMatch: nc.version })
  assert.is(res.status, 403)
  assert.match(res.body.detail, /own an action/)
  // The auditor was not even asked to verify.
  const asked = (await auditor.get('/api/notifications?limit=500')).body.items.filter((n: { kind: string; entityId: string }) => n.kind === 'nonconformity.verification_requested' && n.entityId === nc.id)
  assert.is(asked.length, 0)
  assert.is((await step(await as('manager'), nc, 'verify', { effective: true, note: 'Training records seen.' })).status, 'verified')
})

workflow('the verifier does not close', async (context) => {
  const manager = await context.as('manager')
  let nc = await pendingVerification(context)
  nc = await step(manager, nc, 'verify', { effective: true, note: 'Checked' })
  const res = await manager.post(`/api/nonconformities/${nc.id}/close`, {}, { ifMatch: nc.version })
  assert.is(res.status, 403)
  assert.match(res.body.detail, /You verified/)
  assert.is((await step(await context.as('head'), nc, 'close')).status, 'closed')
})

workflow('cancel needs a reason, works from any open state, and not after closing', async (context) => {
  const { as, unitId } = context
  const auditor = await as('auditor')
  const nc = await raise(auditor, await unitId('TNTKQ'))
  assert.is((await auditor.post(`/api/nonconformities/${nc.id}/cancel`, {}, { ifMatch: nc.version })).status, 400)
  const cancelled = await step(auditor, nc, 'cancel', { reason: 'Duplicate of an earlier one' })
  assert.is(cancelled.status, 'cancelled')
  assert.is(cancelled.cancelReason, 'Duplicate of an earlier one')
  assert.is(cancelled.cancelledBy.fullName, 'Trần Thị Lan')
  const again = await auditor.post(`/api/nonconformities/${nc.id}/cancel`, { reason: 'again' }, { ifMatch: cancelled.version })
  assert.is(again.status, 409)
  assert.equal(again.body.allowed, [])

  const { nc: running } = await inProgress(context)
  assert.is((await step(await as('manager'), running, 'cancel', { reason: 'Unit merged' })).status, 'cancelled')
  // A head may cancel what they raised themselves.
  const head = await as('head')
  const own = await raise(head, await unitId('TNTKQ'))
  assert.is((await step(head, own, 'cancel', { reason: 'Raised twice' })).status, 'cancelled')
  const other = await raise(auditor, await unitId('TNTKQ'))
  assert.is((await head.post(`/api/nonconformities/${other.id}/cancel`, { reason: 'Disagree' }, { ifMatch: other.version })).status, 403)
})

workflow('analysing again from in progress sends it back to analysis (e.g. after a failed check)', async (context) => {
  const head = await context.as('head')
  let { nc } = await inProgress(context)
  nc = await step(head, nc, 'analyze', { rootCause: { ...ROOT_CAUSE, summary: 'The real cause: no owner for the forms.' } })
  assert.is(nc.status, 'analysis')
  nc = await step(head, nc, 'plan')
  assert.is((await step(head, nc, 'start')).status, 'in_progress')
})

workflow('without If-Match a step is a 428; with a stale version a 412', async ({ as, unitId }) => {
  const head = await as('head')
  const nc = await raise(await as('auditor'), await unitId('TNTKQ'))
  const body = { rootCause: ROOT_CAUSE }
  assert.is((await head.post(`/api/nonconformities/${nc.id}/analyze`, body)).status, 428)
  const stale = await head.post(`/api/nonconformities/${nc.id}/analyze`, body, { ifMatch: nc.version + 5 })
  assert.is(stale.status, 412)
  assert.is(stale.body.currentVersion, nc.version)
  const res = await head.post(`/api/nonconformities/${nc.id}/analyze`, body, { ifMatch: nc.version })
  assert.is(res.status, 200)
  assert.is(res.headers.etag, `"${nc.version + 1}"`)
})

workflow('a step without any body is accepted where none is needed', async (context) => {
  const head = await context.as('head')
  let nc = await raise(await context.as('auditor'), await context.unitId('TNTKQ'))
  nc = await step(head, nc, 'analyze', { rootCause: ROOT_CAUSE })
  await addAction(head, nc.id, await context.userId('staff'))
  nc = await step(head, nc, 'plan')
  const res = await context.app.inject({
    method: 'POST',
    url: `/api/nonconformities/${nc.id}/start`,
    headers: { cookie: head.cookieHeader(), 'x-csrf-token': head.csrfToken!, 'if-match': `"${nc.version}"` },
  })
  assert.is(res.statusCode, 200, res.body)
})

// ---------------------------------------------------------------------------------------
const updating = suite('changing a nonconformity', ctx)

updating('an auditor changes the fields; the change is on the timeline with before and after', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const nc = await raise(auditor, await unitId('TNTKQ'))
  const res = await auditor.patch(`/api/nonconformities/${nc.id}`, { title: 'Outdated forms at two desks', severity: 'major', clauseNumbers: ['7.5.2', '7.5.3'] }, { ifMatch: nc.version })
  assert.is(res.status, 200)
  assert.is(res.body.severity, 'major')
  const event = res.body.timeline.at(-1)
  assert.is(event.action, 'update')
  assert.equal(event.details.changes.severity, { from: 'minor', to: 'major' })
  assert.is((await auditor.patch(`/api/nonconformities/${nc.id}`, { title: 'x' })).status, 428)
  assert.is((await auditor.patch(`/api/nonconformities/${nc.id}`, { title: 'x' }, { ifMatch: nc.version })).status, 412)
  assert.is((await auditor.patch(`/api/nonconformities/${nc.id}`, {}, { ifMatch: res.body.version })).status, 400)
})

updating('the head of the unit records containment but cannot re-word or downgrade it', async ({ as, unitId }) => {
  const head = await as('head')
  const nc = await raise(await as('auditor'), await unitId('TNTKQ'), { severity: 'major' })
  const ok = await head.patch(`/api/nonconformities/${nc.id}`, { containment: 'Old forms removed from the counter' }, { ifMatch: nc.version })
  assert.is(ok.status, 200)
  assert.is(ok.body.containment, 'Old forms removed from the counter')
  const downgrade = await head.patch(`/api/nonconformities/${nc.id}`, { severity: 'minor' }, { ifMatch: ok.body.version })
  assert.is(downgrade.status, 403)
  assert.match(downgrade.body.detail, /containment only/)
  assert.is((await (await as('staff')).patch(`/api/nonconformities/${nc.id}`, { containment: 'x' }, { ifMatch: ok.body.version })).status, 403)
})

updating('the unit changes only while draft; a closed NC does not change', async (context) => {
  const { as, unitId } = context
  const auditor = await as('auditor')
  const nc = await raise(auditor, await unitId('TNTKQ'))
  const moved = await auditor.patch(`/api/nonconformities/${nc.id}`, { orgUnitId: await unitId('QLDN') }, { ifMatch: nc.version })
  assert.is(moved.status, 200)
  assert.is(moved.body.orgUnit.code, 'QLDN')
  const { nc: running } = await inProgress(context)
  const late = await auditor.patch(`/api/nonconformities/${running.id}`, { orgUnitId: await unitId('QLDN') }, { ifMatch: running.version })
  assert.is(late.status, 400)
  assert.is(late.body.errors[0].path, 'orgUnitId')
  const cancelled = await step(auditor, running, 'cancel', { reason: 'test' })
  const res = await auditor.patch(`/api/nonconformities/${running.id}`, { title: 'after' }, { ifMatch: cancelled.version })
  assert.is(res.status, 409)
})

// ---------------------------------------------------------------------------------------
const metrics = suite('metrics for reports', ctx)

metrics('days to close, closed on time and effective at the first check, for a unit and period', async ({ as, unitId, userId }) => {
  const auditor = await as('auditor')
  const manager = await as('manager')
  const unit = await unitId('QLQHXD')
  const owner = await userId('duong.minh.tuan')
  const empty = await manager.get(`/api/nonconformities/metrics?orgUnitId=${unit}`)
  assert.is(empty.status, 200)
  assert.is(empty.body.raised, 0)
  assert.is(empty.body.closedOnTime.share, null)

  // Closed on time (detected 5 days ago, due in 10), closed late (detected 40 days ago, due 10 days ago),
  // one still open, one cancelled; the late one needed a second check.
  async function closeAfter(nc: { id: string; version: number }, checks: boolean[]) {
    nc = await step(manager, nc, 'analyze', { rootCause: ROOT_CAUSE })
    let action = await addAction(manager, nc.id, owner)
    nc = await step(manager, nc, 'plan')
    nc = await step(manager, nc, 'start')
    for (const effective of checks) {
      await complete(manager, action)
      nc = await step(manager, (await manager.get(`/api/nonconformities/${nc.id}`)).body, 'submit-verification')
      nc = await step(auditor, nc, 'verify', { effective, note: effective ? 'effective' : 'not effective' })
      if (!effective) action = await addAction(manager, nc.id, owner, { description: 'Try again' })
    }
    return step(manager, nc, 'close')
  }
  const onTime = await raise(auditor, unit, { detectedOn: addDays(today(), -5), dueDate: addDays(today(), 10) })
  const late = await raise(auditor, unit, { detectedOn: addDays(today(), -40), dueDate: addDays(today(), -10) })
  await raise(auditor, unit, { detectedOn: addDays(today(), -3) })
  const dropped = await raise(auditor, unit, { detectedOn: addDays(today(), -3) })
  await step(auditor, dropped, 'cancel', { reason: 'Duplicate' })
  // The manager verifies nothing here (the auditor does), so the manager may close.
  assert.is((await closeAfter(onTime, [true])).status, 'closed')
  assert.is((await closeAfter(late, [false, true])).status, 'closed')

  const res = await manager.get(`/api/nonconformities/metrics?orgUnitId=${unit}&from=${addDays(today(), -60)}&to=${today()}`)
  assert.is(res.status, 200)
  assert.equal(
    { raised: res.body.raised, open: res.body.open, closed: res.body.closed, cancelled: res.body.cancelled, overdue: res.body.overdue },
    { raised: 3, open: 1, closed: 2, cancelled: 1, overdue: 0 },
  )
  assert.equal(res.body.daysToClose, { average: 22.5, median: 22.5, max: 40 })
  assert.equal(res.body.closedOnTime, { count: 1, base: 2, share: 0.5 })
  assert.equal(res.body.effectiveAtFirstCheck, { count: 1, base: 2, share: 0.5 })

  const narrow = await manager.get(`/api/nonconformities/metrics?orgUnitId=${unit}&from=${addDays(today(), -10)}`)
  assert.is(narrow.body.raised, 2, 'the late one was detected before the period')
  assert.is((await manager.get('/api/nonconformities/metrics?from=yesterday')).status, 400)
  // A head of unit gets the figures of their own subtree only.
  assert.is((await (await as('head')).get(`/api/nonconformities/metrics?orgUnitId=${unit}`)).body.raised, 0)
})

ctx.use(creating, listing, workflow, updating, metrics)
creating.run()
listing.run()
workflow.run()
updating.run()
metrics.run()
