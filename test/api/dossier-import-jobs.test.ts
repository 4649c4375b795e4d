/**
 * Dossier imports in the background (issue 14, item 1): 202 and a job to follow, one import
 * at a time per server, the same report or problem as the synchronous import.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { appContext, type ApiClient } from '../helpers/app.ts'
import { multipartForm } from '../helpers/multipart-form.ts'

const ctx = appContext()

/** A CSV of `n` valid dossiers received on working days of 2018, codes `<prefix>-0…`. */
function csv(prefix: string, n: number, extra: string[] = []): Buffer {
  const lines = ['code,procedureCode,applicantName,channel,receivedAt']
  for (let i = 0; i < n; i++) lines.push(`${prefix}-${i},LD.01,Công ty TNHH số ${i},online,2018-10-0${1 + (i % 5)} 09:00`)
  return Buffer.from([...lines, ...extra].join('\r\n'), 'utf8')
}

async function submit(client: ApiClient, name: string, bytes: Buffer, fields: Record<string, string> = {}) {
  const form = multipartForm({ ...fields, file: { filename: name, contentType: 'text/csv', data: bytes } })
  return client.post('/api/dossiers/imports', form.body, { headers: { 'content-type': form.contentType } })
}

/** Follows a job until it ends, calling `seen` with each state read. */
async function follow(client: ApiClient, id: string, seen: (job: any) => void = () => {}) {
  const until = Date.now() + 120_000
  for (;;) {
    const res = await client.get(`/api/dossiers/imports/${id}`)
    assert.is(res.status, 200, res.text)
    seen(res.body)
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body
    if (Date.now() > until) assert.unreachable(`import ${id} still ${res.body.status} after 2 minutes`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

const background = suite('importing in the background', ctx)

background('the answer comes at once (202 + Location); the job shows its progress and ends with the report', async ({ as }) => {
  const admin = await as('admin')
  const res = await submit(admin, 'jobs.csv', csv('JOB', 2000))
  assert.is(res.status, 202, res.text)
  assert.is(res.headers.location, `/api/dossiers/imports/${res.body.id}`)
  assert.ok(['queued', 'running'].includes(res.body.status))
  assert.equal([res.body.filename, res.body.dryRun, res.body.report, res.body.problem], ['jobs.csv', false, null, null])

  const progress: number[] = []
  const phases = new Set<string>()
  const job = await follow(admin, res.body.id, (j) => {
    progress.push(j.progress)
    phases.add(j.phase)
  })
  assert.is(job.status, 'done')
  assert.equal([job.report.committed, job.report.rows, job.report.created, job.report.errors.length], [true, 2000, 2000, 0])
  assert.equal([job.progress, job.rowsRead, job.rowsTotal, job.attempts, job.phase], [1, 2000, 2000, 1, 'finished'])
  assert.ok(job.startedAt && job.finishedAt)
  assert.ok(progress.every((p, i) => i === 0 || p >= progress[i - 1]), `progress never goes back: ${progress.join(' ')}`)
  assert.ok(phases.has('finished'))

  const dossiers = await admin.get('/api/dossiers?q=JOB-1999&limit=5')
  assert.ok(dossiers.body.items.some((d: { code: string }) => d.code === 'JOB-1999'))
  const mine = await admin.get('/api/dossiers/imports?limit=1')
  assert.is(mine.body.items[0].id, job.id)
  const audit = await admin.get('/api/audit-log?action=dossier.import&limit=5')
  assert.ok(audit.body.items.some((e: { after?: { jobId?: string } }) => e.after?.jobId === job.id), 'the audit entry names the job')
})

background('a file with errors ends failed, with the problem the synchronous import gives, and writes nothing', async ({ as }) => {
  const admin = await as('admin')
  const res = await submit(admin, 'bad.csv', csv('BADJOB', 5, ['BADJOB-X,NO.SUCH,Ai đó,online,2018-10-01 09:00']))
  assert.is(res.status, 202, res.text)
  const job = await follow(admin, res.body.id)
  assert.is(job.status, 'failed')
  assert.equal([job.problem.status, job.problem.type], [422, 'urn:qms:problem:import-invalid'])
  assert.is(job.problem.rowErrors[0].row, 7)
  assert.is(job.report, null)
  assert.is((await admin.get('/api/dossiers?q=BADJOB&limit=5')).body.items.length, 0)

  const dry = await follow(admin, (await submit(admin, 'bad.csv', csv('BADJOB', 5, ['BADJOB-X,NO.SUCH,Ai đó,online,2018-10-01 09:00']), { dryRun: 'true' })).body.id)
  assert.equal([dry.status, dry.dryRun, dry.report.committed, dry.report.errors.length], ['done', true, false, 1])
})

background('imports wait their turn: one runs at a time, the others show their place in the queue', async ({ as, app }) => {
  const admin = await as('admin')
  const manager = await as('manager')
  // The queue is held while the three are submitted, so all three wait.
  await app.imports.stop()
  const ids: string[] = []
  try {
    for (const [client, prefix] of [[admin, 'QA'], [manager, 'QB'], [admin, 'QC']] as const) {
      const res = await submit(client, `${prefix}.csv`, csv(prefix, 1500), { dryRun: 'true' })
      assert.is(res.status, 202, res.text)
      ids.push(res.body.id)
    }
    const waiting = await Promise.all(ids.map(async (id) => (await admin.get(`/api/dossiers/imports/${id}`)).body))
    assert.equal(waiting.map((j) => [j.status, j.queuePosition]), [['queued', 0], ['queued', 1], ['queued', 2]])
  } finally {
    await app.imports.start()
  }
  let mostRunning = 0
  for (;;) {
    const jobs = await Promise.all(ids.map(async (id) => (await admin.get(`/api/dossiers/imports/${id}`)).body))
    mostRunning = Math.max(mostRunning, jobs.filter((j) => j.status === 'running').length)
    if (jobs.every((j) => j.status === 'done')) {
      const started = jobs.map((j) => j.startedAt)
      assert.equal([...started].sort(), started, 'in the order they came')
      break
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  assert.is(mostRunning, 1, 'never two imports at once')
})

background('each person has at most three imports waiting', async ({ as, app }) => {
  const staff = await as('staff')
  await app.imports.stop()
  const answers: number[] = []
  try {
    for (let i = 0; i < 4; i++) answers.push((await submit(staff, `s${i}.csv`, csv(`ST${i}`, 10), { dryRun: 'true' })).status)
  } finally {
    await app.imports.start()
  }
  assert.equal(answers, [202, 202, 202, 429])
  const listed = (await staff.get('/api/dossiers/imports?limit=10')).body.items
  for (const job of listed) assert.is((await follow(staff, job.id)).status, 'done')
  assert.is((await submit(staff, 'after.csv', csv('STA', 10), { dryRun: 'true' })).status, 202, 'once they ended, there is room again')
})

const reading = suite('who reads an import', ctx)

reading('the person who submitted it, admins and managers; nobody else learns it exists', async ({ as, anonymous }) => {
  const staff = await as('staff')
  const res = await submit(staff, 'mine.csv', csv('MINE', 3), { dryRun: 'true' })
  assert.is(res.status, 202, res.text)
  const url = `/api/dossiers/imports/${res.body.id}`
  await follow(staff, res.body.id)
  assert.is((await (await as('head')).get(url)).status, 404)
  assert.is((await (await as('auditor')).get(url)).status, 404)
  assert.is((await (await as('manager')).get(url)).status, 200)
  assert.is((await (await as('admin')).get(url)).status, 200)
  assert.is((await anonymous().get(url)).status, 401)
  assert.ok(!(await (await as('head')).get('/api/dossiers/imports?limit=50')).body.items.some((j: { id: string }) => j.id === res.body.id))
})

reading('bad requests are refused and queue nothing', async ({ as }) => {
  const admin = await as('admin')
  const before = (await admin.get('/api/dossiers/imports?limit=500')).body.items.length
  assert.is((await admin.get('/api/dossiers/imports/not-a-uuid')).status, 400)
  assert.is((await admin.get('/api/dossiers/imports/00000000-0000-4000-8000-000000000000')).status, 404)
  assert.is((await admin.post('/api/dossiers/imports', { file: 'x' })).status, 415)
  const png = multipartForm({ file: { filename: 'a.png', contentType: 'image/png', data: Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex') } })
  assert.is((await admin.post('/api/dossiers/imports', png.body, { headers: { 'content-type': png.contentType } })).status, 415)
  const form = multipartForm({ dryRun: 'maybe', file: { filename: 'a.csv', contentType: 'text/csv', data: csv('X', 1) } })
  const bad = await admin.post('/api/dossiers/imports', form.body, { headers: { 'content-type': form.contentType } })
  assert.equal([bad.status, bad.body.errors?.[0]?.path], [400, 'dryRun'])
  assert.is((await admin.get('/api/dossiers/imports?cursor=Zm9v')).status, 400)
  assert.is((await admin.get('/api/dossiers/imports?limit=500')).body.items.length, before)
})

ctx.use(background, reading)
background.run()
reading.run()

const tight = appContext({ config: { importMaxHeapMb: 64 } })
const memory = suite('the memory ceiling', tight)

memory('an import that needs more memory than QMS_IMPORT_MAX_HEAP_MB stops with 413, naming the setting', async ({ as }) => {
  const admin = await as('admin')
  const res = await submit(admin, 'heavy.csv', csv('HEAVY', 500))
  assert.is(res.status, 202, res.text)
  const job = await follow(admin, res.body.id)
  assert.equal([job.status, job.problem.status, job.problem.type, job.problem.setting, job.problem.limit], ['failed', 413, 'urn:qms:problem:import-too-large', 'QMS_IMPORT_MAX_HEAP_MB', 64])
  assert.is((await admin.get('/api/dossiers?q=HEAVY&limit=5')).body.items.length, 0)
})

tight.use(memory)
memory.run()
