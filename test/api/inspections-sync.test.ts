/**
 * Answers synced from devices that were offline: each answer carries the revision the
 * device last saw, its device time and the device's id. Replays and out-of-order
 * deliveries converge on what the auditor last saw; an answer someone else changed
 * meanwhile is refused with both versions, never overwritten.
 */
import { randomUUID } from 'node:crypto'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext, type ApiClient, type AppContext } from '../helpers/app.ts'
import { multipartForm, PNG_1X1 } from '../helpers/multipart-form.ts'
import { pdfText } from '../helpers/pdf-text.ts'

const ctx = appContext()

async function planReception(c: AppContext) {
  const auditor = await c.as('auditor')
  const templates = await auditor.get('/api/checklist-templates?q=Kiểm tra công vụ')
  const templateId = templates.body.items.find((t: { name: string }) => t.name === 'Kiểm tra công vụ').id
  const res = await auditor.post('/api/inspections', {
    templateId,
    orgUnitId: await c.unitId('TNTKQ'),
    kind: 'internal',
    plannedFor: '2026-05-04',
    personIds: [await c.userId('staff'), await c.userId('hoang.van.nam')],
  })
  assert.is(res.status, 201, res.text)
  return res.body
}

const unitItem = (inspection: any) => inspection.items.find((i: { perPerson: boolean }) => !i.perPerson)
const badgeItem = (inspection: any) => inspection.items.find((i: { perPerson: boolean }) => i.perPerson)
const answerOf = (inspection: any, itemId: string, personId: string | null = null) =>
  inspection.responses.find((r: { itemId: string; personId: string | null }) => r.itemId === itemId && r.personId === personId)

function put(client: ApiClient, id: string, batch: unknown[], key = randomUUID()) {
  return client.put(`/api/inspections/${id}/responses`, batch, { headers: { 'idempotency-key': key } })
}

const sync = suite('syncing answers made offline', ctx)

sync('answers guarded by their base revision need no If-Match; each change counts a revision', async (c) => {
  const inspection = await planReception(c)
  const auditor = await c.as('auditor')
  const item = unitItem(inspection)
  const first = await put(auditor, inspection.id, [{ itemId: item.id, result: 'pass', baseRevision: 0, clientId: 'phone-a', answeredAt: '2026-05-04T02:00:00.000Z' }])
  assert.is(first.status, 200, first.text)
  assert.is(answerOf(first.body, item.id).revision, 1)
  assert.is(answerOf(first.body, item.id).answeredAt, '2026-05-04T02:00:00.000Z')
  const second = await put(auditor, inspection.id, [{ itemId: item.id, result: 'fail', note: 'Chưa niêm yết', baseRevision: 1, clientId: 'phone-a' }])
  assert.is(second.status, 200, second.text)
  assert.is(answerOf(second.body, item.id).revision, 2)
  assert.is(answerOf(second.body, item.id).result, 'fail')
  const unguarded = await auditor.put(`/api/inspections/${inspection.id}/responses`, [{ itemId: item.id, result: 'pass' }])
  assert.is(unguarded.status, 428, 'without If-Match or base revisions the batch is refused')
})

sync('the same device delivering out of order: the answer it gave last wins', async (c) => {
  const inspection = await planReception(c)
  const auditor = await c.as('auditor')
  const item = unitItem(inspection)
  const later = { itemId: item.id, result: 'fail', note: 'sau', baseRevision: 0, clientId: 'phone-a', answeredAt: '2026-05-04T02:05:00.000Z' }
  const earlier = { itemId: item.id, result: 'pass', baseRevision: 0, clientId: 'phone-a', answeredAt: '2026-05-04T02:01:00.000Z' }
  assert.is((await put(auditor, inspection.id, [later])).status, 200)
  const stale = await put(auditor, inspection.id, [earlier])
  assert.is(stale.status, 200, stale.text)
  const answer = answerOf(stale.body, item.id)
  assert.equal([answer.result, answer.note, answer.revision], ['fail', 'sau', 1])
})

sync('a replay with its Idempotency-Key writes nothing and returns the first answer', async (c) => {
  const inspection = await planReception(c)
  const auditor = await c.as('auditor')
  const item = unitItem(inspection)
  const key = randomUUID()
  const body = [{ itemId: item.id, result: 'pass', baseRevision: 0, clientId: 'phone-a' }]
  const first = await put(auditor, inspection.id, body, key)
  const again = await put(auditor, inspection.id, body, key)
  assert.is(again.headers['idempotent-replayed'], 'true')
  assert.is(again.body.version, first.body.version)
  const now = await auditor.get(`/api/inspections/${inspection.id}`)
  assert.is(now.body.version, first.body.version, 'the inspection changed once')
  assert.is(answerOf(now.body, item.id).revision, 1)
})

sync('another member changed the answer meanwhile: 409 naming it with both versions, nothing of the batch saved', async (c) => {
  const inspection = await planReception(c)
  const auditor = await c.as('auditor')
  const manager = await c.as('manager')
  const item = unitItem(inspection)
  const badge = badgeItem(inspection)
  const staffId = await c.userId('staff')
  assert.is((await put(auditor, inspection.id, [{ itemId: item.id, result: 'pass', baseRevision: 0, clientId: 'phone-a' }])).status, 200)
  // The manager's phone saw no answer when it went offline.
  const theirs = await put(manager, inspection.id, [
    { itemId: badge.id, personId: staffId, result: 'pass', baseRevision: 0, clientId: 'phone-m' },
    { itemId: item.id, result: 'fail', note: 'Thiếu bảng', baseRevision: 0, clientId: 'phone-m' },
  ])
  assert.is(theirs.status, 409, theirs.text)
  assert.is(theirs.body.type, 'urn:qms:problem:answer-conflict')
  assert.match(theirs.body.detail, item.text)
  assert.is(theirs.body.conflicts.length, 1)
  const [conflict] = theirs.body.conflicts
  assert.is(conflict.itemId, item.id)
  assert.is(conflict.yours.result, 'fail')
  assert.is(conflict.theirs.result, 'pass')
  assert.is(conflict.theirs.revision, 1)
  assert.ok(conflict.changedBy)
  const now = (await auditor.get(`/api/inspections/${inspection.id}`)).body
  assert.is(answerOf(now, item.id).result, 'pass', 'not overwritten')
  assert.is(answerOf(now, badge.id, staffId), undefined, 'nothing of the refused batch was saved')
  // Having seen both, the manager keeps theirs: sent against revision 1 it is saved.
  const chosen = await put(manager, inspection.id, [{ itemId: item.id, result: 'fail', note: 'Thiếu bảng', baseRevision: 1, clientId: 'phone-m' }])
  assert.is(chosen.status, 200, chosen.text)
  assert.is(answerOf(chosen.body, item.id).revision, 2)
})

sync('two devices giving the same answer is no conflict', async (c) => {
  const inspection = await planReception(c)
  const item = unitItem(inspection)
  assert.is((await put(await c.as('auditor'), inspection.id, [{ itemId: item.id, result: 'pass', baseRevision: 0, clientId: 'phone-a' }])).status, 200)
  const same = await put(await c.as('manager'), inspection.id, [{ itemId: item.id, result: 'pass', baseRevision: 0, clientId: 'phone-m' }])
  assert.is(same.status, 200, same.text)
  assert.is(answerOf(same.body, item.id).revision, 1)
})

sync('a device clock a day ahead is refused, naming the field', async (c) => {
  const inspection = await planReception(c)
  const item = unitItem(inspection)
  const res = await put(await c.as('auditor'), inspection.id, [{ itemId: item.id, result: 'pass', baseRevision: 0, answeredAt: new Date(Date.now() + 3 * 86_400_000).toISOString() }])
  assert.is(res.status, 400)
  assert.equal(res.body.errors.map((e: { path: string }) => e.path), ['0.answeredAt'])
})

sync('the same photo attached twice is kept once; completing twice with one key creates the findings once', async (c) => {
  const inspection = await planReception(c)
  const auditor = await c.as('auditor')
  const form = multipartForm({ file: { filename: 'photo.png', contentType: 'image/png', data: PNG_1X1 } })
  const upload = () => auditor.post('/api/attachments', form.body, { headers: { 'content-type': form.contentType } })
  const [a, b] = [(await upload()).body.id, (await upload()).body.id]
  const badge = badgeItem(inspection)
  const staffId = await c.userId('staff')
  const batch = inspection.items.flatMap((item: { id: string; perPerson: boolean }) =>
    (item.perPerson ? inspection.personIds : [null]).map((personId: string | null) => {
      const failing = item.id === badge.id && personId === staffId
      return { itemId: item.id, ...(personId ? { personId } : {}), result: failing ? 'fail' : 'pass', ...(failing ? { attachmentIds: [a, b], note: 'Không đeo thẻ' } : {}), baseRevision: 0, clientId: 'phone-a' }
    }),
  )
  const saved = await put(auditor, inspection.id, batch)
  assert.is(saved.status, 200, saved.text)
  assert.is(answerOf(saved.body, badge.id, staffId).attachments.length, 1)
  const key = randomUUID()
  const complete = () => auditor.post(`/api/inspections/${inspection.id}/complete`, {}, { ifMatch: saved.body.version, headers: { 'idempotency-key': key } })
  const [first, second] = await Promise.all([complete(), complete()])
  assert.equal([first.status, second.status], [200, 200], `${first.text} ${second.text}`)
  const done = (await auditor.get(`/api/inspections/${inspection.id}`)).body
  assert.is(done.status, 'completed')
  assert.is(done.findings.length, 1, 'one failure, one finding')
})

const signing = suite('signing the record on the screen', ctx)

async function uploadPng(client: ApiClient) {
  const form = multipartForm({ file: { filename: 'signature.png', contentType: 'image/png', data: PNG_1X1 } })
  return (await client.post('/api/attachments', form.body, { headers: { 'content-type': form.contentType } })).body.id as string
}

signing('the lead signs, the representative refuses with a reason; both print in the record, each block once', async (c) => {
  const inspection = await planReception(c)
  const auditor = await c.as('auditor')
  const planned = await auditor.get(`/api/inspections/${inspection.id}`)
  const answered = await auditor.put(
    `/api/inspections/${inspection.id}/responses`,
    inspection.items.flatMap((item: { id: string; perPerson: boolean }) =>
      (item.perPerson ? inspection.personIds : [null]).map((personId: string | null) => ({ itemId: item.id, ...(personId ? { personId } : {}), result: 'pass' })),
    ),
    { ifMatch: planned.body.version },
  )
  const done = await auditor.post(`/api/inspections/${inspection.id}/complete`, {}, { ifMatch: answered.body.version })
  assert.is(done.status, 200, done.text)

  const png = await uploadPng(auditor)
  const lead = await auditor.put(`/api/inspections/${inspection.id}/signatures/lead_inspector`, { signerName: 'Trần Thị Kiểm', attachmentId: png, signedAt: '2026-05-04T03:30:00.000Z' })
  assert.is(lead.status, 200, lead.text)
  assert.equal(lead.body.signatures.map((x: { role: string }) => x.role), ['lead_inspector'])
  assert.is(lead.body.signatures[0].signerId, inspection.leadInspector.id)
  const refused = await auditor.put(`/api/inspections/${inspection.id}/signatures/unit_representative`, { signerName: 'Lê Văn Đại', refusalReason: 'Chưa đồng ý với nội dung số 2' })
  assert.is(refused.status, 200, refused.text)
  assert.is(refused.body.signatures.length, 2)

  const again = await auditor.put(`/api/inspections/${inspection.id}/signatures/lead_inspector`, { signerName: 'Ai đó', attachmentId: png })
  assert.is(again.status, 409, 'a signature is never replaced')

  const html = (await auditor.get(`/api/inspections/${inspection.id}/record?format=html`)).text
  assert.ok(html.includes(`src="/api/attachments/${png}"`), 'the drawn signature is shown')
  assert.ok(html.includes('Ký lúc 10:30 04/05/2026'), 'signed at, in the agency zone')
  assert.ok(html.includes('Lê Văn Đại từ chối ký'), 'the refusal is printed')
  assert.ok(html.includes('Chưa đồng ý với nội dung số 2'))
  const cookie = auditor.cookieHeader()
  const pdf = await c.app.inject({ method: 'GET', url: `/api/inspections/${inspection.id}/record?format=pdf`, headers: { cookie } })
  assert.ok(pdf.rawPayload.includes('/Subtype /Image'), 'the PDF embeds the signature')
  const text = pdfText(pdf.rawPayload).replace(/\s+/g, ' ')
  for (const expected of ['Trần Thị Kiểm', 'Lê Văn Đại từ chối ký', 'Chưa đồng ý với nội dung số 2']) assert.ok(text.includes(expected), `PDF text has "${expected}"`)
})

signing('bad signatures are refused, naming the field, and change nothing', async (c) => {
  const inspection = await planReception(c)
  const auditor = await c.as('auditor')
  const png = await uploadPng(auditor)
  const planned = await auditor.put(`/api/inspections/${inspection.id}/signatures/lead_inspector`, { signerName: 'X', attachmentId: png })
  assert.is(planned.status, 409, 'a planned inspection is not signed yet')
  await put(auditor, inspection.id, [{ itemId: unitItem(inspection).id, result: 'pass', baseRevision: 0 }])
  const both = await auditor.put(`/api/inspections/${inspection.id}/signatures/unit_representative`, { signerName: 'X', attachmentId: png, refusalReason: 'y' })
  assert.is(both.status, 400)
  const neither = await auditor.put(`/api/inspections/${inspection.id}/signatures/unit_representative`, { signerName: 'X' })
  assert.is(neither.status, 400)
  const leadRefuses = await auditor.put(`/api/inspections/${inspection.id}/signatures/lead_inspector`, { signerName: 'X', refusalReason: 'không' })
  assert.equal([leadRefuses.status, leadRefuses.body.errors?.[0]?.path], [400, 'refusalReason'])
  const role = await auditor.put(`/api/inspections/${inspection.id}/signatures/mayor`, { signerName: 'X', attachmentId: png })
  assert.is(role.status, 400)
  const staff = await (await c.as('staff')).put(`/api/inspections/${inspection.id}/signatures/unit_representative`, { signerName: 'X', refusalReason: 'y' })
  assert.is(staff.status, 403)
  assert.equal((await auditor.get(`/api/inspections/${inspection.id}`)).body.signatures, [])
})

ctx.use(sync, signing)
sync.run()
signing.run()
