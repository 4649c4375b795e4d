/**
 * One agency clock: "today" is the calendar date of the app's clock in QMS_TIMEZONE.
 * The same scenario runs in Hanoi (the default) and in New York at an instant when the
 * two are on different dates; each must see its own dates everywhere.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { addDays } from '../../server/lib/clock.ts'
import { appContext, type ApiClient, type AppContext } from '../helpers/app.ts'
import { multipart, pdfFile } from '../helpers/files.ts'
import { raise } from '../helpers/nonconformities.ts'

/** 09:00 on 10 March in Hanoi; 22:00 on 9 March in New York (summer time has begun). */
const NOW = new Date('2031-03-10T02:00:00Z')
const clock = () => new Date(NOW)

const ZONES = [
  { timeZone: 'Asia/Ho_Chi_Minh', config: {}, today: '2031-03-10', time: '09:00' },
  { timeZone: 'America/New_York', config: { timeZone: 'America/New_York' }, today: '2031-03-09', time: '22:00' },
]

const dmy = (date: string) => date.split('-').reverse().join('/')

async function civilTemplateId(client: ApiClient): Promise<string> {
  const res = await client.get('/api/checklist-templates?q=Kiểm tra công vụ')
  return res.body.items.find((t: { name: string }) => t.name === 'Kiểm tra công vụ').id
}

const act = (client: ApiClient, rev: { documentId: string; id: string; version: number }, action: string, body: unknown = {}) =>
  client.post(`/api/documents/${rev.documentId}/revisions/${rev.id}/${action}`, body, { ifMatch: rev.version })

for (const zone of ZONES) {
  const ctx = appContext({ config: zone.config, clock })
  const today = zone.today
  const dates = suite(`dates in ${zone.timeZone}`, ctx)

  dates('the server says which zone it works in', async ({ as }) => {
    assert.is((await (await as('auditor')).get('/api/auth/me')).body.timeZone, zone.timeZone)
  })

  dates('a finding is found today; an NC raised from it is detected today and due after the major period', async ({ as, unitId }) => {
    const auditor = await as('auditor')
    const finding = await auditor.post('/api/findings', { orgUnitId: await unitId('QLDN'), category: 'on_time_handling', classification: 'major_nc', description: 'Hồ sơ trễ hạn không có văn bản xin lỗi' })
    assert.is(finding.status, 201, finding.text)
    assert.is(finding.body.foundOn, today)
    const nc = await auditor.post(`/api/findings/${finding.body.id}/raise-nc`, {}, { ifMatch: finding.body.version })
    assert.is(nc.status, 201, nc.text)
    assert.is(nc.body.detectedOn, today)
    assert.is(nc.body.dueDate, addDays(today, 30))
  })

  dates('a nonconformity raised directly takes today and the default periods', async ({ as, unitId }) => {
    const auditor = await as('auditor')
    const minor = await raise(auditor, await unitId('TNTKQ'))
    assert.equal([minor.detectedOn, minor.dueDate], [today, addDays(today, 60)])
    const major = await raise(auditor, await unitId('TNTKQ'), { severity: 'major' })
    assert.equal([major.detectedOn, major.dueDate], [today, addDays(today, 30)])
  })

  dates('a revision published today is effective today and falls due for review a year later', async (c: AppContext) => {
    const [manager, head, auditor] = [await c.as('manager'), await c.as('head'), await c.as('auditor')]
    const doc = await manager.post('/api/documents', { code: 'QT-TZ/BQL', title: 'Quy trình múi giờ', type: 'procedure', owningUnitId: await c.unitId('VP') })
    assert.is(doc.status, 201, doc.text)
    const form = multipart({ changeSummary: 'Ban hành' }, { name: 'quy-trình.pdf', type: 'application/pdf', bytes: pdfFile('múi giờ') })
    let rev = (await head.post(`/api/documents/${doc.body.id}/revisions`, form.body, { headers: form.headers })).body
    rev = (await act(head, rev, 'submit', { reviewerId: await c.userId('auditor') })).body
    rev = (await act(auditor, rev, 'review', { approve: true })).body
    rev = (await act(manager, rev, 'approve')).body
    const published = await act(head, rev, 'publish')
    assert.is(published.status, 200, published.text)
    assert.is(published.body.effectiveFrom, today)
    const after = (await manager.get(`/api/documents/${doc.body.id}`)).body
    assert.is(after.nextReviewDue, `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`)
    assert.is(after.reviewState, 'ok')
  })

  dates('an inspection is performed today; its findings and its printed record carry the local date and time', async (c: AppContext) => {
    const auditor = await c.as('auditor')
    const planned = await auditor.post('/api/inspections', {
      templateId: await civilTemplateId(auditor),
      orgUnitId: await c.unitId('TNTKQ'),
      kind: 'internal',
      plannedFor: '2031-03-20',
      personIds: [await c.userId('staff')],
    })
    assert.is(planned.status, 201, planned.text)
    const staff = await c.userId('staff')
    const responses = planned.body.items.flatMap((item: { id: string; perPerson: boolean }) =>
      (item.perPerson ? [staff] : [null]).map((personId: string | null) => ({
        itemId: item.id,
        ...(personId ? { personId } : {}),
        result: 'pass',
        ...(item.id === 'id-badge' ? { result: 'fail', note: 'Quên thẻ', handling: 'on_spot_reminder' } : {}),
      })),
    )
    const recorded = await auditor.put(`/api/inspections/${planned.body.id}/responses`, responses, { ifMatch: planned.body.version })
    assert.is(recorded.status, 200, recorded.text)
    assert.is(recorded.body.performedOn, today)
    const done = await auditor.post(`/api/inspections/${planned.body.id}/complete`, {}, { ifMatch: recorded.body.version })
    assert.is(done.status, 200, done.text)
    assert.is(done.body.performedOn, today)
    assert.ok(done.body.findings.length >= 1)
    for (const f of done.body.findings) assert.is(f.foundOn, today)

    const html = (await auditor.get(`/api/inspections/${planned.body.id}/record?format=html`)).text
    const [y, m, d] = today.split('-')
    assert.ok(html.includes(`Ngày ${d} tháng ${m} năm ${y}`), 'the date line')
    assert.ok(html.includes(`Từ ${zone.time} đến ${zone.time} ngày ${dmy(today)}`), 'the time of the inspection')
  })

  ctx.use(dates)
  dates.run()
}
