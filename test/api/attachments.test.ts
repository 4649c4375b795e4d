import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { createHash } from 'node:crypto'
import { appContext, type ApiClient } from '../helpers/app.ts'
import { multipartForm, PNG_1X1 } from '../helpers/multipart-form.ts'

const ctx = appContext({ config: { attachmentMaxMb: 1 } })

async function upload(client: ApiClient, data: Buffer, filename = 'anh.png', contentType = 'image/png') {
  const form = multipartForm({ file: { filename, contentType, data } })
  return client.post('/api/attachments', form.body, { headers: { 'content-type': form.contentType } })
}

const uploading = suite('uploading evidence', ctx)

uploading('a photo is stored with its SHA-256 and the type sniffed from the bytes', async ({ as, app }) => {
  const auditor = await as('auditor')
  const res = await upload(auditor, PNG_1X1, 'niêm yết.jpg', 'image/jpeg')
  assert.is(res.status, 201)
  assert.is(res.body.contentType, 'image/png', 'the header said JPEG; the bytes say PNG')
  assert.is(res.body.size, PNG_1X1.length)
  assert.is(res.body.sha256, createHash('sha256').update(PNG_1X1).digest('hex'))
  assert.is(res.body.filename, 'niêm yết.jpg')
  // The bytes come back unchanged (read raw: the test client decodes bodies as text).
  const cookie = auditor.cookieHeader()
  const file = await app.inject({ method: 'GET', url: `/api/attachments/${res.body.id}`, headers: { cookie } })
  assert.is(file.statusCode, 200)
  assert.is(file.headers['content-type'], 'image/png')
  assert.ok(file.rawPayload.equals(PNG_1X1))
})

uploading('a text file named .png is refused with 415; so is a JSON body', async ({ as }) => {
  const auditor = await as('auditor')
  const res = await upload(auditor, Buffer.from('just some text, not a picture'), 'fake.png')
  assert.is(res.status, 415)
  assert.is(res.body.type, 'urn:qms:problem:unsupported-file-type')
  assert.is((await auditor.post('/api/attachments', { file: 'x' })).status, 415)
})

uploading('a file over the configured limit is a 413', async ({ as }) => {
  const big = Buffer.concat([PNG_1X1, Buffer.alloc(1024 * 1024 + 10)])
  const res = await upload(await as('auditor'), big)
  assert.is(res.status, 413)
  assert.match(res.body.detail, /1 MB/)
})

uploading('a form without the file is a 400 naming the field', async ({ as }) => {
  const form = multipartForm({ note: 'no file' })
  const res = await (await as('auditor')).post('/api/attachments', form.body, { headers: { 'content-type': form.contentType } })
  assert.is(res.status, 400)
  assert.is(res.body.errors[0].path, 'file')
})

const reading = suite('who may read a file', ctx)

reading('an unlinked file: its uploader and roles that see everything; not a head of unit', async ({ as }) => {
  const id = (await upload(await as('staff'), PNG_1X1)).body.id
  assert.is((await (await as('staff')).get(`/api/attachments/${id}`)).status, 200)
  assert.is((await (await as('manager')).get(`/api/attachments/${id}`)).status, 200)
  assert.is((await (await as('head')).get(`/api/attachments/${id}`)).status, 403)
  assert.is((await (await as('auditor')).get('/api/attachments/00000000-0000-4000-8000-000000000000')).status, 404)
})

reading('evidence of an inspection response is readable by those who may read that unit', async ({ as, unitId }) => {
  const auditor = await as('auditor')
  const file = (await upload(auditor, PNG_1X1)).body
  const civil = (await auditor.get('/api/checklist-templates?q=Kiểm tra công vụ')).body.items[0]
  const planned = (await auditor.post('/api/inspections', { templateId: civil.id, orgUnitId: await unitId('TNTKQ'), kind: 'internal', plannedFor: '2026-04-01' })).body
  const saved = await auditor.put(`/api/inspections/${planned.id}/responses`, [{ itemId: 'public-posting', result: 'fail', note: 'Bảng niêm yết cũ', attachmentIds: [file.id] }], { ifMatch: planned.version })
  assert.is(saved.status, 200)
  assert.is(saved.body.responses[0].attachments[0].id, file.id)
  assert.is(saved.body.responses[0].attachments[0].orgUnitId, await unitId('TNTKQ'))
  // The reception desk's staff and the Office's head see it; another unit's head does not.
  assert.is((await (await as('staff')).get(`/api/attachments/${file.id}`)).status, 200)
  assert.is((await (await as('head')).get(`/api/attachments/${file.id}`)).status, 200)

  // A file already evidence for one unit cannot be linked to another unit's record.
  const other = (await auditor.post('/api/inspections', { templateId: civil.id, orgUnitId: await unitId('QLDN'), kind: 'internal', plannedFor: '2026-04-02' })).body
  const refused = await auditor.put(`/api/inspections/${other.id}/responses`, [{ itemId: 'conduct', result: 'fail', attachmentIds: [file.id] }], { ifMatch: other.version })
  assert.is(refused.status, 400)
  assert.is(refused.body.errors[0].path, '0.attachmentIds.0')
  assert.is(refused.body.errors[0].code, 'scope')
})

reading('someone cannot link a file they may not see', async ({ as, unitId }) => {
  const staffFile = (await upload(await as('staff'), PNG_1X1)).body
  const head = await as('head')
  const civil = (await head.get('/api/checklist-templates?q=Kiểm tra công vụ')).body.items[0]
  const planned = (await head.post('/api/inspections', { templateId: civil.id, orgUnitId: await unitId('VP'), kind: 'self', plannedFor: '2026-04-03' })).body
  const res = await head.put(`/api/inspections/${planned.id}/responses`, [{ itemId: 'conduct', result: 'fail', attachmentIds: [staffFile.id] }], { ifMatch: planned.version })
  assert.is(res.status, 400)
  assert.is(res.body.errors[0].code, 'forbidden')
})

ctx.use(uploading, reading)
uploading.run()
reading.run()
