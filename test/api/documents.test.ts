import { and, eq, sql } from 'drizzle-orm'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { documentFiles, documentReviewReminders, documentRevisions } from '../../db/schema/index.ts'
import { addDays, agencyToday } from '../../server/lib/clock.ts'
import { sendReviewReminders, type ReviewReminder } from '../../server/modules/documents/reviews.ts'
import { appContext, type ApiClient } from '../helpers/app.ts'
import { docxFile, multipart, pdfFile, pngFile, xlsxFile } from '../helpers/files.ts'
import { assertAll } from '../helpers/assertions.ts'

const PDF = 'application/pdf'
const ctx = appContext()
/** Today in the agency's time zone, as the app sees it. */
const agencyDate = () => agencyToday(ctx.app.env())

let counter = 0
async function newDocument(client: ApiClient, unitId: string, extra: Record<string, unknown> = {}) {
  const res = await client.post('/api/documents', {
    code: `QT-T${++counter}/BQL`,
    title: `Quy trình thử nghiệm ${counter}`,
    type: 'procedure',
    owningUnitId: unitId,
    clauseNumbers: ['8.5', '7.5.3'],
    ...extra,
  })
  assert.is(res.status, 201, res.text)
  return res.body
}

function upload(client: ApiClient, documentId: string, fields: Record<string, string | number> = { changeSummary: 'Ban hành' }, file = { name: 'quy-trình.pdf', type: PDF, bytes: pdfFile(`rev ${++counter}`) }) {
  const form = multipart(fields, file)
  return client.post(`/api/documents/${documentId}/revisions`, form.body, { headers: form.headers })
}

const act = (client: ApiClient, rev: { documentId: string; id: string; version: number }, action: string, body: unknown = {}) =>
  client.post(`/api/documents/${rev.documentId}/revisions/${rev.id}/${action}`, body, { ifMatch: rev.version })

/** Takes a new revision of `documentId` all the way to published: head drafts and publishes, auditor reviews, manager approves. */
async function publishNew(c: typeof ctx, documentId: string, fields: Record<string, string | number> = { changeSummary: 'Ban hành' }) {
  const head = await c.as('head')
  let rev = (await upload(head, documentId, fields)).body
  rev = (await act(head, rev, 'submit', { reviewerId: await c.userId('auditor') })).body
  rev = (await act(await c.as('auditor'), rev, 'review', { approve: true })).body
  rev = (await act(await c.as('manager'), rev, 'approve')).body
  const res = await act(head, rev, 'publish')
  assert.is(res.status, 200, res.text)
  return res.body
}

// ---------------------------------------------------------------------------------------
const register = suite('registering documents', ctx)

register('a manager registers a document; it starts as a draft with no revision', async ({ as, unitId }) => {
  const procedure = (await (await as('manager')).get('/api/procedures?limit=1')).body.items[0].id
  const res = await (await as('manager')).post('/api/documents', {
    code: 'QT-99/BQL',
    title: 'Quy trình cấp phép thử',
    type: 'procedure',
    owningUnitId: await unitId('QLDN'),
    clauseNumbers: ['8.5', '8.1'],
    procedureIds: [procedure],
  })
  assert.is(res.status, 201, res.text)
  assert.is(res.headers.location, `/api/documents/${res.body.id}`)
  assert.is(res.headers.etag, '"1"')
  assert.is(res.body.status, 'draft')
  assert.is(res.body.currentRevision, null)
  assert.is(res.body.standardEdition, '2015')
  assert.is(res.body.reviewIntervalMonths, 12)
  assert.equal(res.body.clauseNumbers, ['8.1', '8.5'])
  assert.equal(res.body.procedureIds, [procedure])
  assert.is(res.body.owningUnit.code, 'QLDN')
})

register('linked procedures must exist', async ({ as, unitId }) => {
  const res = await (await as('manager')).post('/api/documents', {
    code: 'QT-98/BQL',
    title: 'Quy trình với thủ tục không có',
    type: 'procedure',
    owningUnitId: await unitId('QLDN'),
    procedureIds: ['11111111-1111-4111-8111-111111111111'],
  })
  assert.is(res.status, 422)
  assert.is(res.body.type, 'urn:qms:problem:reference')
  assert.is(res.body.errors[0].path, 'procedureIds')
})

register('codes are unique whatever their case', async ({ as, unitId }) => {
  const res = await (await as('manager')).post('/api/documents', { code: 'qt-01/bql', title: 'Trùng', type: 'procedure', owningUnitId: await unitId('VP') })
  assert.is(res.status, 409)
  assert.is(res.body.errors[0].path, 'code')
  assert.is(res.body.errors[0].code, 'duplicate')
})

register('bad input names every field and writes nothing', async ({ as }) => {
  const manager = await as('manager')
  const before = (await manager.get('/api/documents?limit=500')).body.items.length
  const res = await manager.post('/api/documents', { code: '', title: 7, type: 'memo', owningUnitId: 'x', reviewIntervalMonths: 0, colour: 'red' })
  assert.is(res.status, 400)
  const paths = res.body.errors.map((e: { path: string }) => e.path).sort()
  assert.equal(paths, ['code', 'colour', 'owningUnitId', 'reviewIntervalMonths', 'title', 'type'])
  assert.is((await manager.get('/api/documents?limit=500')).body.items.length, before)
})

register('clause numbers must be clauses of ISO 9001:2015', async ({ as, unitId }) => {
  const res = await (await as('manager')).post('/api/documents', { code: 'X-1', title: 'X', type: 'form', owningUnitId: await unitId('VP'), clauseNumbers: ['7.5.3', '11.2', '4.9'] })
  assert.is(res.status, 400)
  assert.equal(res.body.errors.map((e: { path: string }) => e.path), ['clauseNumbers.1', 'clauseNumbers.2'])
})

register('heads of unit register documents for their own units only; staff and auditors not at all', async ({ as, unitId }) => {
  const head = await as('head')
  assert.is((await head.post('/api/documents', { code: 'BM-T1', title: 'Biểu mẫu', type: 'form', owningUnitId: await unitId('TNTKQ') })).status, 201)
  const other = await head.post('/api/documents', { code: 'BM-T2', title: 'Biểu mẫu', type: 'form', owningUnitId: await unitId('QLDN') })
  assert.is(other.status, 403)
  for (const username of ['staff', 'auditor', 'admin']) {
    const res = await (await as(username)).post('/api/documents', { code: `BM-${username}`, title: 'x', type: 'form', owningUnitId: await unitId('TNTKQ') })
    assert.is(res.status, 403, username)
  }
})

register('a change needs If-Match: 428 without, 412 when stale', async ({ as, unitId }) => {
  const manager = await as('manager')
  const doc = await newDocument(manager, await unitId('VP'))
  assert.is((await manager.patch(`/api/documents/${doc.id}`, { title: 'Mới' })).status, 428)
  const ok = await manager.patch(`/api/documents/${doc.id}`, { title: 'Quy trình mới', reviewIntervalMonths: 24, clauseNumbers: ['9.2'] }, { ifMatch: 1 })
  assert.is(ok.status, 200, ok.text)
  assert.is(ok.body.version, 2)
  assert.equal(ok.body.clauseNumbers, ['9.2'])
  const stale = await manager.patch(`/api/documents/${doc.id}`, { title: 'Lost' }, { ifMatch: 1 })
  assert.is(stale.status, 412)
  assert.is(stale.body.currentVersion, 2)
})

register('a head cannot hand a document to a unit outside their subtree', async ({ as, unitId }) => {
  const head = await as('head')
  const doc = await newDocument(head, await unitId('VP'))
  const res = await head.patch(`/api/documents/${doc.id}`, { owningUnitId: await unitId('QLDN') }, { ifMatch: doc.version })
  assert.is(res.status, 403)
})

// ---------------------------------------------------------------------------------------
const listing = suite('the document register', ctx)

listing('search ignores case and Vietnamese diacritics', async ({ as }) => {
  const staff = await as('staff')
  for (const q of ['quy trinh kiem soat tai lieu', 'QUY TRÌNH KIỂM SOÁT TÀI LIỆU', 'Kiểm soát tài liệu']) {
    const res = await staff.get(`/api/documents?q=${encodeURIComponent(q)}`)
    assert.is(res.status, 200)
    assert.equal(res.body.items.map((d: { code: string }) => d.code), ['QT-01/BQL'], q)
  }
  const byCode = await staff.get('/api/documents?q=bm-01/qt-0')
  assert.ok(byCode.body.items.length >= 3)
  assertAll(byCode.body.items, (d: { code: string }) => d.code.startsWith('BM-01/QT-0'))
})

listing('filters: type, unit subtree, clause, status, edition', async ({ as, unitId }) => {
  const staff = await as('staff')
  const get = async (query: string) => (await staff.get(`/api/documents?limit=500&${query}`)).body.items as { code: string; type: string; status: string; standardEdition: string; clauseNumbers: string[]; owningUnit: { code: string } }[]
  const forms = await get('type=form')
  assert.ok(forms.length >= 5 && forms.every((d) => d.type === 'form'))
  const office = await get(`orgUnitId=${await unitId('VP')}`)
  assert.ok(office.some((d) => d.owningUnit.code === 'TNTKQ'), 'the reception desk is inside the Office')
  assertAll(office, (d) => ['VP', 'TNTKQ'].includes(d.owningUnit.code))
  const records = await get('clause=7.5.3')
  assert.ok(records.some((d) => d.code === 'QT-02/BQL'))
  assertAll(records, (d) => d.clauseNumbers.includes('7.5.3'))
  assert.equal((await get('status=obsolete')).map((d) => d.code), ['QT-09/BQL'])
  assert.ok((await get('status=draft')).some((d) => d.code === 'QT-15/BQL'))
  assertAll(await get('status=published'), (d) => d.status === 'published')
  assert.ok((await get('standardEdition=2008')).some((d) => d.code === 'QT-09/BQL'), 'withdrawn, still on 2008')
  const toMove = await get('standardEdition=2008&inUse=true')
  assert.equal(toMove.map((d) => d.code).sort(), ['BM-01/QT-07', 'QT-05/BQL', 'QT-11/BQL', 'QT-13/BQL'])
})

listing('a published document shows its revision in force, the one in work and its next review', async ({ as }) => {
  const [doc] = (await (await as('staff')).get('/api/documents?q=QT-01/BQL')).body.items
  assert.is(doc.status, 'published')
  assert.is(doc.currentRevision.issueNumber, 2)
  assert.is(doc.currentRevision.standardEdition, '2015')
  assert.is(doc.workingRevision.issueNumber, 3)
  assert.is(doc.workingRevision.status, 'in_review')
  assert.match(doc.nextReviewDue, /^\d{4}-\d{2}-\d{2}$/)
  // Publication date + 12 months.
  const effective = new Date(`${doc.currentRevision.effectiveFrom}T00:00:00Z`)
  effective.setUTCMonth(effective.getUTCMonth() + 12)
  assert.is(doc.nextReviewDue, effective.toISOString().slice(0, 10))
})

listing('reviewDueBefore keeps the documents due by that date', async ({ as }) => {
  const staff = await as('staff')
  const until = addDays(agencyDate(), 30)
  const due = (await staff.get(`/api/documents?limit=500&reviewDueBefore=${until}`)).body.items as { code: string; nextReviewDue: string }[]
  assert.ok(due.length >= 3)
  assertAll(due, (d) => d.nextReviewDue <= until)
  assert.ok(due.some((d) => d.code === 'STCL/BQL'))
  assert.not.ok(due.some((d) => d.code === 'QT-07/BQL'))
})

listing('pages follow the cursor without gaps or repeats', async ({ as }) => {
  const staff = await as('staff')
  const all = (await staff.get('/api/documents?limit=500')).body.items.map((d: { id: string }) => d.id)
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const res: any = await staff.get(`/api/documents?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
    seen.push(...res.body.items.map((d: { id: string }) => d.id))
    cursor = res.body.nextCursor
  } while (cursor)
  assert.equal(seen, all)
})

listing('bad filters are a 400 naming the parameter', async ({ as }) => {
  const res = await (await as('staff')).get('/api/documents?status=lost&reviewDueBefore=tomorrow&clause=abc')
  assert.is(res.status, 400)
  const paths = res.body.errors.map((e: { path: string }) => e.path).sort()
  assert.equal(paths, ['query.clause', 'query.reviewDueBefore', 'query.status'])
})

// ---------------------------------------------------------------------------------------
const workflow = suite('the revision workflow', ctx)

workflow('upload → submit → review → approve → publish, with a sign-off for each step', async (c) => {
  const { as, unitId, userId } = c
  const head = await as('head')
  const doc = await newDocument(head, await unitId('VP'))
  const created = await upload(head, doc.id, { changeSummary: 'Ban hành lần đầu', issueNumber: 1 })
  assert.is(created.status, 201, created.text)
  assert.is(created.headers.location, `/api/documents/${doc.id}/revisions/${created.body.id}`)
  assert.is(created.body.status, 'draft')
  assert.is(created.body.issueNumber, 1)
  assert.is(created.body.file.contentType, PDF)
  assert.is(created.body.file.name, 'quy-trình.pdf')
  assert.match(created.body.file.sha256, /^[0-9a-f]{64}$/)
  assert.equal(created.body.actions, ['submit', 'obsolete'])
  assert.is((await head.get(`/api/documents/${doc.id}`)).body.status, 'draft')

  const submitted = await act(head, created.body, 'submit', { reviewerId: await userId('auditor') })
  assert.is(submitted.status, 200, submitted.text)
  assert.is(submitted.body.status, 'in_review')
  assert.is(submitted.body.reviewer.fullName, 'Trần Thị Lan')
  assert.equal(submitted.body.actions, ['obsolete'], 'while the reviewer reads, the drafter may only abandon it')

  const auditor = await as('auditor')
  const seen = (await auditor.get(`/api/documents/${doc.id}/revisions/${created.body.id}`)).body
  assert.equal(seen.actions, ['review'])
  const reviewed = await act(auditor, seen, 'review', { approve: true, comment: 'Đạt' })
  assert.is(reviewed.status, 200, reviewed.text)
  assert.is(reviewed.body.status, 'in_review')

  const manager = await as('manager')
  const forManager = (await manager.get(`/api/documents/${doc.id}/revisions/${created.body.id}`)).body
  assert.equal(forManager.actions, ['approve', 'return', 'obsolete'])
  const approved = await act(manager, forManager, 'approve', { comment: 'Đồng ý ban hành' })
  assert.is(approved.status, 200, approved.text)
  assert.is(approved.body.status, 'approved')

  const published = await act(head, approved.body, 'publish')
  assert.is(published.status, 200, published.text)
  assert.is(published.body.status, 'published')
  assert.is(published.body.effectiveFrom, agencyDate())
  const signoffs = published.body.signoffs.map((s: { meaning: string; decision: string; fullName: string }) => [s.meaning, s.decision, s.fullName])
  assert.equal(signoffs, [
    ['drafted', 'signed', 'Lê Văn Hùng'],
    ['reviewed', 'signed', 'Trần Thị Lan'],
    ['approved', 'signed', 'Nguyễn Văn Minh'],
  ])
  assertAll(published.body.signoffs, (s: { at: string }) => !Number.isNaN(Date.parse(s.at)))

  const after = (await head.get(`/api/documents/${doc.id}`)).body
  assert.is(after.status, 'published')
  assert.is(after.currentRevision.id, created.body.id)
  assert.is(after.workingRevision, null)

  const audit = (await manager.get(`/api/audit-log?entityType=document_revision&entityId=${created.body.id}&limit=50`)).body.items.map((e: { action: string }) => e.action)
  for (const action of ['document_revision.create', 'document_revision.submit', 'document_revision.review', 'document_revision.approve', 'document_revision.publish']) {
    assert.ok(audit.includes(action), action)
  }
  void c
})

workflow('each hand-off tells the next person once: reviewer, approvers, then the drafter; never the one who acted', async (c) => {
  const { as, unitId, userId } = c
  const head = await as('head')
  const auditor = await as('auditor')
  const manager = await as('manager')
  const doc = await newDocument(head, await unitId('VP'))
  const about = async (client: ApiClient) =>
    ((await client.get('/api/notifications?limit=500')).body.items as { kind: string; entityId: string; params: Record<string, unknown>; link: string }[])
      .filter((n) => n.link === `/documents/${doc.id}`)
      .map((n) => n.kind)
      .sort()
  let rev = (await upload(head, doc.id, { changeSummary: 'Ban hành', issueNumber: 1 })).body
  rev = (await act(head, rev, 'submit', { reviewerId: await userId('auditor') })).body
  assert.equal(await about(auditor), ['document.review_requested'])
  assert.equal(await about(manager), [], 'nothing for the approver before the review')
  const returned = (await act(auditor, rev, 'review', { approve: false, comment: 'Bổ sung lưu đồ' })).body
  assert.equal(await about(head), ['document.revision_returned'])
  const note = (await head.get('/api/notifications?limit=500')).body.items.find((n: { kind: string; link: string }) => n.kind === 'document.revision_returned' && n.link === `/documents/${doc.id}`)
  assert.equal([note.params.code, note.params.comment], [doc.code, 'Bổ sung lưu đồ'])
  rev = (await act(head, returned, 'submit', { reviewerId: await userId('auditor') })).body
  assert.equal(await about(auditor), ['document.review_requested', 'document.review_requested'], 'asked again after the return')
  rev = (await act(auditor, rev, 'review', { approve: true })).body
  assert.equal(await about(manager), ['document.approval_requested'])
  rev = (await act(manager, rev, 'approve')).body
  rev = (await act(head, rev, 'publish')).body
  assert.equal(await about(head), ['document.revision_approved', 'document.revision_returned'], 'the drafter hears of the approval, not of his own publishing')
  assert.equal(await about(manager), ['document.approval_requested'], 'nobody is told of their own step')
})

workflow('a new published revision supersedes the one in force, keeping exactly one published', async (c) => {
  const head = await c.as('head')
  const doc = await newDocument(head, await c.unitId('VP'))
  const first = await publishNew(c, doc.id)
  const second = await publishNew(c, doc.id, { changeSummary: 'Sửa đổi bước 3' })
  assert.is(second.issueNumber, 2)
  const history = (await head.get(`/api/documents/${doc.id}/revisions`)).body.items
  assert.equal(history.map((r: { issueNumber: number; status: string }) => [r.issueNumber, r.status]), [[2, 'published'], [1, 'superseded']])
  assert.is(history[1].id, first.id)
  assert.is(history[1].supersededById, second.id)
  assert.ok(history[1].supersededAt)
  const [{ n }] = await c.db.select({ n: sql<number>`count(*)::int` }).from(documentRevisions).where(and(eq(documentRevisions.documentId, doc.id), eq(documentRevisions.status, 'published')))
  assert.is(n, 1)
  assert.is((await head.get(`/api/documents/${doc.id}`)).body.currentRevision.id, second.id)
})

workflow('the database refuses a second published revision, whoever writes', async (c) => {
  const head = await c.as('head')
  const doc = await newDocument(head, await c.unitId('VP'))
  await publishNew(c, doc.id)
  const old = await publishNew(c, doc.id)
  const [superseded] = await c.db.select().from(documentRevisions).where(and(eq(documentRevisions.documentId, doc.id), eq(documentRevisions.status, 'superseded')))
  let error: unknown
  try {
    await c.db.update(documentRevisions).set({ status: 'published' }).where(eq(documentRevisions.id, superseded.id))
  } catch (err) {
    error = err
  }
  assert.ok(error, 'the update must fail')
  assert.match(String((error as { cause?: Error }).cause?.message ?? error), /document_revisions_one_published/)
  assert.is((await head.get(`/api/documents/${doc.id}`)).body.currentRevision.id, old.id)
})

workflow('only one revision is worked on at a time', async ({ as, unitId }) => {
  const head = await as('head')
  const doc = await newDocument(head, await unitId('VP'))
  assert.is((await upload(head, doc.id)).status, 201)
  const second = await upload(head, doc.id)
  assert.is(second.status, 409)
  assert.is(second.body.errors[0].code, 'revision_in_work')
})

workflow('issue numbers only go up', async (c) => {
  const head = await c.as('head')
  const doc = await newDocument(head, await c.unitId('VP'))
  await publishNew(c, doc.id, { changeSummary: 'Lần 3', issueNumber: 3 })
  const res = await upload(head, doc.id, { changeSummary: 'x', issueNumber: 3 })
  assert.is(res.status, 400)
  assert.is(res.body.errors[0].path, 'issueNumber')
  const next = await upload(head, doc.id, { changeSummary: 'Tiếp theo' })
  assert.is(next.body.issueNumber, 4)
})

workflow('steps out of order are a 409 listing what is allowed', async ({ as, unitId }) => {
  const head = await as('head')
  const doc = await newDocument(head, await unitId('VP'))
  const rev = (await upload(head, doc.id)).body
  const res = await act(head, rev, 'publish')
  assert.is(res.status, 409)
  assert.is(res.body.type, 'urn:qms:problem:illegal-transition')
  assert.equal(res.body.allowed, ['submit', 'obsolete'])
})

workflow('only the named reviewer reviews; returning needs a comment and sends the revision back to draft', async ({ as, unitId, userId }) => {
  const head = await as('head')
  const doc = await newDocument(head, await unitId('VP'))
  let rev = (await upload(head, doc.id)).body
  rev = (await act(head, rev, 'submit', { reviewerId: await userId('auditor') })).body
  assert.is((await act(await as('manager'), rev, 'review', { approve: true })).status, 403)
  const auditor = await as('auditor')
  const noComment = await act(auditor, rev, 'review', { approve: false })
  assert.is(noComment.status, 400)
  assert.is(noComment.body.errors[0].path, 'comment')
  const returned = await act(auditor, rev, 'review', { approve: false, comment: 'Bổ sung lưu đồ' })
  assert.is(returned.status, 200)
  assert.is(returned.body.status, 'draft')
  const last = returned.body.signoffs.at(-1)
  assert.equal([last.meaning, last.decision, last.comment], ['reviewed', 'returned', 'Bổ sung lưu đồ'])
  // The drafter fixes it and submits again.
  const again = await act(head, returned.body, 'submit', { reviewerId: await userId('auditor') })
  assert.is(again.status, 200)
  assert.is(again.body.status, 'in_review')
})

workflow('approval needs the review first, and never by the drafter', async ({ as, unitId, userId }) => {
  const manager = await as('manager')
  const doc = await newDocument(manager, await unitId('VP'))
  let rev = (await upload(manager, doc.id)).body
  rev = (await act(manager, rev, 'submit', { reviewerId: await userId('head') })).body
  const early = await act(manager, rev, 'approve')
  assert.is(early.status, 403, 'the manager drafted it')
  rev = (await act(await as('head'), rev, 'review', { approve: true })).body
  const own = await act(manager, rev, 'approve')
  assert.is(own.status, 403)
  assert.match(own.body.detail, /drafted/)
  assert.not.ok(rev.actions.includes('approve'))

  // Someone else's revision, not reviewed yet: 422.
  const head = await as('head')
  const doc2 = await newDocument(head, await unitId('VP'))
  let rev2 = (await upload(head, doc2.id)).body
  rev2 = (await act(head, rev2, 'submit', { reviewerId: await userId('auditor') })).body
  const unreviewed = await act(manager, rev2, 'approve')
  assert.is(unreviewed.status, 422)
})

workflow('the reviewer is someone other than the drafter, active and able to sign in', async ({ as, unitId, userId }) => {
  const head = await as('head')
  const doc = await newDocument(head, await unitId('VP'))
  const rev = (await upload(head, doc.id)).body
  const self = await act(head, rev, 'submit', { reviewerId: await userId('head') })
  assert.is(self.status, 400)
  assert.is(self.body.errors[0].code, 'separation')
  const cannotSignIn = await act(head, rev, 'submit', { reviewerId: await userId('vo.thi.mai') })
  assert.is(cannotSignIn.status, 400)
  assert.is(cannotSignIn.body.errors[0].path, 'reviewerId')
  const nobody = await act(head, rev, 'submit', { reviewerId: '00000000-0000-4000-8000-000000000000' })
  assert.is(nobody.status, 422)
  assert.is(nobody.body.errors[0].path, 'reviewerId')
})

workflow('a manager can send an approved revision back with a comment', async ({ as, unitId, userId }) => {
  const head = await as('head')
  const doc = await newDocument(head, await unitId('VP'))
  let rev = (await upload(head, doc.id)).body
  rev = (await act(head, rev, 'submit', { reviewerId: await userId('auditor') })).body
  rev = (await act(await as('auditor'), rev, 'review', { approve: true })).body
  const manager = await as('manager')
  rev = (await act(manager, rev, 'approve')).body
  assert.is((await act(manager, rev, 'return', {})).status, 400)
  const back = await act(manager, rev, 'return', { comment: 'Điều chỉnh thời hạn' })
  assert.is(back.status, 200)
  assert.is(back.body.status, 'draft')
  assert.equal(back.body.signoffs.at(-1).decision, 'returned')
})

workflow('workflow steps need If-Match: 428 without, 412 when stale', async ({ as, unitId, userId }) => {
  const head = await as('head')
  const doc = await newDocument(head, await unitId('VP'))
  const rev = (await upload(head, doc.id)).body
  const url = `/api/documents/${doc.id}/revisions/${rev.id}/submit`
  assert.is((await head.post(url, { reviewerId: await userId('auditor') })).status, 428)
  const stale = await head.post(url, { reviewerId: await userId('auditor') }, { ifMatch: rev.version + 5 })
  assert.is(stale.status, 412)
  assert.is(stale.body.currentVersion, rev.version)
})

workflow('publishing refuses a future date; a past date is kept', async (c) => {
  const head = await c.as('head')
  const doc = await newDocument(head, await c.unitId('VP'))
  let rev = (await upload(head, doc.id)).body
  rev = (await act(head, rev, 'submit', { reviewerId: await c.userId('auditor') })).body
  rev = (await act(await c.as('auditor'), rev, 'review', { approve: true })).body
  rev = (await act(await c.as('manager'), rev, 'approve')).body
  const future = await act(head, rev, 'publish', { effectiveFrom: addDays(agencyDate(), 3) })
  assert.is(future.status, 400)
  assert.is(future.body.errors[0].path, 'effectiveFrom')
  const past = addDays(agencyDate(), -10)
  const ok = await act(head, rev, 'publish', { effectiveFrom: past })
  assert.is(ok.body.effectiveFrom, past)
})

workflow('making the published revision obsolete withdraws the document (managers only)', async (c) => {
  const head = await c.as('head')
  const doc = await newDocument(head, await c.unitId('VP'))
  const rev = await publishNew(c, doc.id)
  const fresh = (await head.get(`/api/documents/${doc.id}/revisions/${rev.id}`)).body
  assert.not.ok(fresh.actions.includes('obsolete'))
  assert.is((await act(head, fresh, 'obsolete', { reason: 'Không còn áp dụng' })).status, 403)
  const manager = await c.as('manager')
  assert.is((await act(manager, fresh, 'obsolete', {})).status, 400)
  const gone = await act(manager, fresh, 'obsolete', { reason: 'Gộp vào QT-02/BQL' })
  assert.is(gone.status, 200)
  assert.is(gone.body.obsoleteReason, 'Gộp vào QT-02/BQL')
  const after = (await head.get(`/api/documents/${doc.id}`)).body
  assert.is(after.status, 'obsolete')
  assert.is(after.currentRevision, null)
  assert.is(after.nextReviewDue, null)
})

workflow('a drafter can abandon their own draft', async ({ as, unitId }) => {
  const staff = await as('staff')
  const doc = await newDocument(await as('head'), await unitId('TNTKQ'))
  const rev = (await upload(staff, doc.id)).body
  const res = await act(staff, rev, 'obsolete', { reason: 'Tải nhầm tệp' })
  assert.is(res.status, 200)
  assert.is(res.body.status, 'obsolete')
  // Now a new revision may start.
  assert.is((await upload(staff, doc.id)).status, 201)
})

workflow('publishing a 2015 revision moves a 2008 document to the 2015 edition', async (c) => {
  const head = await c.as('head')
  const doc = await newDocument(head, await c.unitId('VP'), { standardEdition: '2008' })
  await publishNew(c, doc.id, { changeSummary: 'Ban hành', standardEdition: '2008' })
  assert.is((await head.get(`/api/documents/${doc.id}`)).body.standardEdition, '2008')
  await publishNew(c, doc.id, { changeSummary: 'Chuyển đổi', standardEdition: '2015' })
  assert.is((await head.get(`/api/documents/${doc.id}`)).body.standardEdition, '2015')
})

// ---------------------------------------------------------------------------------------
const permissions = suite('who may work on revisions', ctx)

permissions('staff draft for their own unit only; auditors and admins do not draft', async ({ as, unitId }) => {
  const head = await as('head')
  const reception = await newDocument(head, await unitId('TNTKQ'))
  const office = await newDocument(head, await unitId('VP'))
  assert.is((await upload(await as('staff'), reception.id)).status, 201)
  assert.is((await upload(await as('staff'), office.id)).status, 403)
  assert.is((await upload(await as('auditor'), office.id)).status, 403)
  assert.is((await upload(await as('admin'), office.id)).status, 403)
})

permissions('only managers approve', async (c) => {
  const head = await c.as('head')
  const doc = await newDocument(head, await c.unitId('VP'))
  let rev = (await upload(head, doc.id)).body
  rev = (await act(head, rev, 'submit', { reviewerId: await c.userId('auditor') })).body
  rev = (await act(await c.as('auditor'), rev, 'review', { approve: true })).body
  for (const username of ['head', 'auditor', 'staff', 'admin']) {
    assert.is((await act(await c.as(username), rev, 'approve')).status, 403, username)
  }
})

permissions('a head of another unit cannot publish', async (c) => {
  const manager = await c.as('manager')
  const doc = await newDocument(manager, await c.unitId('QLDN'))
  const head = await c.as('head')
  assert.is((await upload(head, doc.id)).status, 403)
})

permissions('everyone signed in reads documents and history; nobody anonymous', async ({ as, anonymous }) => {
  const [doc] = (await (await as('staff')).get('/api/documents?q=QT-01/BQL')).body.items
  const history = await (await as('staff')).get(`/api/documents/${doc.id}/revisions`)
  assert.is(history.status, 200)
  assert.equal(history.body.items.map((r: { issueNumber: number }) => r.issueNumber), [3, 2, 1])
  assert.equal(history.body.items[1].signoffs.map((s: { meaning: string }) => s.meaning), ['drafted', 'reviewed', 'approved'])
  assert.is((await anonymous().get('/api/documents')).status, 401)
})

// ---------------------------------------------------------------------------------------
const files = suite('revision files', ctx)

files('the download is the uploaded file, byte for byte', async ({ as, unitId }) => {
  const head = await as('head')
  const doc = await newDocument(head, await unitId('VP'))
  const bytes = pdfFile('byte for byte')
  const rev = (await upload(head, doc.id, { changeSummary: 'x' }, { name: 'Quy trình số 1.pdf', type: PDF, bytes })).body
  const res = await (await as('staff')).request('GET', rev.file.url)
  assert.is(res.status, 200)
  assert.is(res.headers['content-type'], PDF)
  assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''Quy%20tr%C3%ACnh%20s%E1%BB%91%201\.pdf/)
  assert.is(res.headers.etag, `"${rev.file.sha256}"`)
  assert.is(res.text.length, bytes.length)
  assert.ok(Buffer.from(res.text, 'latin1').equals(bytes))
})

files('DOCX and XLSX are accepted; the type comes from the content', async ({ as, unitId }) => {
  const head = await as('head')
  const a = await newDocument(head, await unitId('VP'), { type: 'form' })
  const docx = await upload(head, a.id, { changeSummary: 'Word' }, { name: 'bieu-mau.docx', type: 'application/octet-stream', bytes: docxFile() })
  assert.is(docx.status, 201, docx.text)
  assert.is(docx.body.file.contentType, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  const b = await newDocument(head, await unitId('VP'), { type: 'record_template' })
  const xlsx = await upload(head, b.id, { changeSummary: 'Excel' }, { name: 'so-theo-doi.xlsx', type: 'application/octet-stream', bytes: xlsxFile() })
  assert.is(xlsx.status, 201, xlsx.text)
  assert.is(xlsx.body.file.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
})

files('bad files are refused and nothing is written: wrong type, disguised, empty, missing, not multipart', async ({ as, unitId }) => {
  const head = await as('head')
  const doc = await newDocument(head, await unitId('VP'))
  const png = await upload(head, doc.id, { changeSummary: 'x' }, { name: 'anh.png', type: 'image/png', bytes: pngFile() })
  assert.is(png.status, 415)
  const disguised = await upload(head, doc.id, { changeSummary: 'x' }, { name: 'quy-trinh.pdf', type: PDF, bytes: Buffer.from('just some text, not a PDF') })
  assert.is(disguised.status, 415)
  const empty = await upload(head, doc.id, { changeSummary: 'x' }, { name: 'empty.pdf', type: PDF, bytes: Buffer.alloc(0) })
  assert.is(empty.status, 400)
  assert.is(empty.body.errors[0].code, 'empty')
  const form = multipart({ changeSummary: 'x' })
  const missing = await head.post(`/api/documents/${doc.id}/revisions`, form.body, { headers: form.headers })
  assert.is(missing.status, 400)
  assert.is(missing.body.errors[0].path, 'file')
  const json = await head.post(`/api/documents/${doc.id}/revisions`, { changeSummary: 'x' })
  assert.is(json.status, 415)
  const noSummary = await upload(head, doc.id, { changeSummary: '  ', issueNumber: 'two', standardEdition: '2000', extra: 'y' })
  assert.is(noSummary.status, 400)
  assert.equal(noSummary.body.errors.map((e: { path: string }) => e.path).sort(), ['changeSummary', 'extra', 'issueNumber', 'standardEdition'])
  assert.equal((await head.get(`/api/documents/${doc.id}/revisions`)).body.items, [])
})

files('a file whose bytes no longer match its SHA-256 is never served', async ({ as, unitId, db }) => {
  const head = await as('head')
  const doc = await newDocument(head, await unitId('VP'))
  const rev = (await upload(head, doc.id)).body
  const tampered = pdfFile('tampered')
  await db.update(documentFiles).set({ content: tampered }).where(eq(documentFiles.revisionId, rev.id))
  const res = await head.request('GET', rev.file.url)
  assert.is(res.status, 500)
  assert.match(String(res.headers['content-type']), /problem\+json/)
  assert.not.ok(res.text.includes('%PDF'))
  assert.not.ok(res.text.includes('tampered'))
})

// ---------------------------------------------------------------------------------------
const reviews = suite('periodic reviews', ctx)

reviews('the review-due list: overdue first, with the unit heads to tell', async ({ as }) => {
  const res = await (await as('staff')).get('/api/documents/review-due?limit=500')
  assert.is(res.status, 200)
  const items = res.body.items as { document: { code: string; owningUnit: { code: string } }; nextReviewDue: string; daysLeft: number; reviewState: string; notify: { fullName: string }[] }[]
  assert.ok(items.length >= 4)
  const dates = items.map((i) => i.nextReviewDue)
  assert.equal(dates, [...dates].sort())
  assertAll(items, (i) => i.daysLeft <= 30)
  assertAll(items, (i) => (i.daysLeft < 0 ? i.reviewState === 'overdue' : i.reviewState === 'due_soon'))
  const manual = items.find((i) => i.document.code === 'STCL/BQL')!
  assert.is(manual.reviewState, 'due_soon')
  assert.equal(manual.notify.map((p) => p.fullName), ['Lê Văn Hùng'])
  const labour = items.find((i) => i.document.code === 'QT-13/BQL')!
  assert.is(labour.reviewState, 'overdue')
  assert.equal(labour.notify.map((p) => p.fullName), ['Đặng Quốc Bảo'])
  // The reception desk has no head of its own: the Office's head is told.
  const reception = items.find((i) => i.document.owningUnit.code === 'TNTKQ')!
  assert.equal(reception.notify.map((p) => p.fullName), ['Lê Văn Hùng'])
  // The board has no head: its own documents go to the managers.
  const manager = await (await as('manager')).get('/api/documents/review-due?withinDays=366&limit=500')
  const board = (manager.body.items as typeof items).find((i) => i.document.owningUnit.code === 'BQL')!
  assert.equal(board.notify.map((p) => p.fullName), ['Nguyễn Văn Minh'])
})

reviews('the review-due list pages by due date without gaps or repeats', async ({ as }) => {
  const staff = await as('staff')
  const all = (await staff.get('/api/documents/review-due?withinDays=366&limit=500')).body.items.map((i: { document: { id: string } }) => i.document.id)
  assert.ok(all.length > 5)
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const res: any = await staff.get(`/api/documents/review-due?withinDays=366&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
    assert.is(res.status, 200)
    seen.push(...res.body.items.map((i: { document: { id: string } }) => i.document.id))
    cursor = res.body.nextCursor
  } while (cursor)
  assert.equal(seen, all)
})

reviews('reminders go out once per kind and due date, to the heads of the owning unit', async ({ db }) => {
  const sent: ReviewReminder[] = []
  const deliver = async (_tx: unknown, reminder: ReviewReminder) => {
    sent.push(reminder)
  }
  const first = await sendReviewReminders(db, deliver, ctx.app.env())
  assert.ok(first.length >= 4)
  assert.is(sent.length, first.length)
  const manual = first.find((r) => r.document.code === 'STCL/BQL')!
  assert.is(manual.kind, 'due_soon')
  assert.equal(manual.recipients.map((r) => r.fullName), ['Lê Văn Hùng'])
  assert.ok(first.some((r) => r.kind === 'overdue'))
  assert.equal(await sendReviewReminders(db, deliver, ctx.app.env()), [], 'nothing twice')
  // Once the due date has passed, the "overdue" reminder follows.
  const later = await sendReviewReminders(db, deliver, { ...ctx.app.env(), now: new Date(Date.now() + 40 * 86_400_000) })
  assert.ok(later.some((r) => r.document.code === 'STCL/BQL' && r.kind === 'overdue'))
  const rows = await db.select().from(documentReviewReminders)
  assert.is(rows.length, first.length + later.length)
})

reviews('a failed delivery is not recorded, so the next run tries again', async ({ db, as, unitId }) => {
  // A document of its own, overdue, so other tests' reminders do not matter.
  const manager = await as('manager')
  const doc = await newDocument(manager, await unitId('QLĐT'), { reviewIntervalMonths: 1 })
  const head = await as('head')
  void head
  const [row] = await db
    .insert(documentRevisions)
    .values({ documentId: doc.id, issueNumber: 1, status: 'published', changeSummary: 'x', standardEdition: '2015', fileName: 'x.pdf', contentType: PDF, fileSize: 1, sha256: 'a'.repeat(64), effectiveFrom: addDays(agencyDate(), -60), publishedAt: new Date() })
    .returning()
  const failing = async (_tx: unknown, r: ReviewReminder) => {
    if (r.document.id === doc.id) throw new Error('mail server down')
  }
  let failed = false
  try {
    await sendReviewReminders(db, failing, ctx.app.env())
  } catch {
    failed = true
  }
  assert.ok(failed)
  assert.equal(await db.select().from(documentReviewReminders).where(eq(documentReviewReminders.revisionId, row.id)), [])
  const retried = await sendReviewReminders(db, async () => {}, ctx.app.env())
  assert.ok(retried.some((r) => r.document.id === doc.id && r.kind === 'overdue'))
})

// ---------------------------------------------------------------------------------------
const overview = suite('transition and clause coverage', ctx)

overview('the transition summary counts documents by edition', async ({ as }) => {
  const res = await (await as('manager')).get('/api/documents/transition')
  assert.is(res.status, 200)
  const t = res.body
  assert.is(t.edition2008 + t.edition2015, t.total)
  assert.ok(t.edition2008 >= 4)
  assert.ok(t.inProgress >= 2, 'QT-05 and QT-13 have 2015 revisions in work')
  assert.ok(t.percentDone > 50 && t.percentDone < 100)
  assert.ok(t.byUnit.some((u: { unit: { code: string }; edition2008: number }) => u.unit.code === 'QLDN' && u.edition2008 >= 1))
})

overview('clause coverage lists documents per clause; clauses with no document stand out', async ({ as }) => {
  const res = await (await as('staff')).get('/api/iso-clauses/coverage')
  assert.is(res.status, 200)
  const byNumber = new Map(res.body.items.map((i: { number: string }) => [i.number, i]))
  const records: any = byNumber.get('7.5.3')
  assert.ok(records.documents.some((d: { code: string }) => d.code === 'QT-02/BQL'))
  assert.not.ok(records.documents.some((d: { code: string }) => d.code === 'QT-09/BQL'), 'withdrawn documents do not count')
  assert.is(records.covered, true)
  // The ISO internal-audit checklist checks document control; an open demo nonconformity concerns it too.
  assert.ok(records.checklistItems.some((i: { code: string }) => i.code === 'Đánh giá nội bộ ISO 9001:2015'))
  assert.ok(records.openNonconformities.length > 0)
  assertAll(records.openNonconformities, (n: { code: string; status: string }) => n.code.startsWith('NC-') && !['closed', 'cancelled'].includes(n.status))
  const design: any = byNumber.get('8.3')
  assert.equal(design.documents, [])
  assert.is(design.covered, false)
  assert.ok(res.body.summary.uncovered.includes('8.3'))
  // A clause is covered through its sub-clauses.
  assert.is((byNumber.get('7.5') as any).covered, true)
  assert.is((byNumber.get('7') as any).covered, true)
  assert.is(res.body.summary.clauses, res.body.items.length)
})

ctx.use(register, listing, workflow, permissions, files, reviews, overview)
register.run()
listing.run()
workflow.run()
permissions.run()
files.run()
reviews.run()
overview.run()

// ---------------------------------------------------------------------------------------
const small = appContext({ config: { documentMaxBytes: 2048 } })
const limits = suite('the file size limit', small)

limits('a file over QMS_DOCUMENT_MAX_BYTES is a 413 and nothing is written', async ({ as, unitId }) => {
  const head = await as('head')
  const doc = await newDocument(head, await unitId('VP'))
  const big = Buffer.concat([pdfFile('big'), Buffer.alloc(4096, 32)])
  const res = await upload(head, doc.id, { changeSummary: 'x' }, { name: 'lon.pdf', type: PDF, bytes: big })
  assert.is(res.status, 413)
  assert.match(res.body.detail, /2 KB/)
  assert.equal((await head.get(`/api/documents/${doc.id}/revisions`)).body.items, [])
  assert.is((await upload(head, doc.id)).status, 201, 'a small file still goes through')
})

small.use(limits)
limits.run()
