/**
 * Fault test (issue 14, items 1 and 10): the real server in its own process is killed
 * (`kill -9`) while a background import runs, then started again on the same data. The
 * import the server had accepted (202) must end, taken up again by the new server, with
 * every dossier of the file there exactly once. Runs on the engine the tests use.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { multipartForm } from '../helpers/multipart-form.ts'
import { freePort, HttpClient, scratchServerDatabase, startServer } from '../helpers/server-process.ts'

const ROWS = 3000

function csv(): Buffer {
  const lines = ['code,procedureCode,applicantName,channel,receivedAt,resolvedAt']
  for (let i = 0; i < ROWS; i++) lines.push(`KILL-${i},LD.01,Hộ kinh doanh số ${i},in_person,2019-03-0${4 + (i % 5)} 08:00,${i % 2 ? '2019-03-11 10:00' : ''}`)
  return Buffer.from(lines.join('\r\n'), 'utf8')
}

const fault = suite('kill -9 during a background import')
const cleanups: (() => Promise<void> | void)[] = []
fault.after(async () => {
  for (const c of cleanups.reverse()) await c()
})

fault('the accepted import is taken up again after the restart and ends with every row once', async () => {
  const database = await scratchServerDatabase('qms_fault_import')
  cleanups.push(database.cleanup)
  // On PostgreSQL the new server cannot know the old one died: it waits for the heartbeat to go stale.
  const env = { QMS_DEMO: '1', QMS_JOBS: '0', QMS_IMPORT_STALE_SECONDS: '5', PORT: String(await freePort()), ...database.env }
  const base = `http://127.0.0.1:${env.PORT}`
  let server = startServer(env)
  cleanups.push(() => void server.child.kill('SIGKILL'))
  await server.ready

  const admin = await new HttpClient(base).login('admin')
  const accepted = await admin.postForm('/api/dossiers/imports', multipartForm({ file: { filename: 'kill.csv', contentType: 'text/csv', data: csv() } }))
  assert.is(accepted.status, 202, JSON.stringify(accepted.body))
  const url = `/api/dossiers/imports/${accepted.body.id}`

  // Kill it as soon as it runs: the file is then being read or checked, before it writes.
  let seen: any
  for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 10))) {
    seen = (await admin.call('GET', url)).body
    if (seen.status !== 'queued') break
  }
  assert.is(seen.status, 'running', `the import started: ${JSON.stringify(seen)}`)
  server.child.kill('SIGKILL')
  await server.exited

  server = startServer(env)
  await server.ready
  const again = await new HttpClient(base).login('admin')
  let job: any
  for (const until = Date.now() + 180_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
    job = (await again.call('GET', url)).body
    if (job.status === 'done' || job.status === 'failed') break
  }
  assert.is(job.status, 'done', JSON.stringify(job))
  assert.is(job.attempts, 2, 'the second server ran it again')
  assert.is(job.report.rows, ROWS)

  // The same file as a dry run: every row is there, none twice (nothing to create or update).
  const check = await again.postForm('/api/dossiers/import', multipartForm({ dryRun: 'true', file: { filename: 'kill.csv', contentType: 'text/csv', data: csv() } }))
  assert.is(check.status, 200, JSON.stringify(check.body))
  assert.equal([check.body.created, check.body.updated, check.body.unchanged], [0, 0, ROWS])
  const listed = (await again.call('GET', '/api/dossiers?q=KILL-2999&limit=5')).body.items.filter((d: { code: string }) => d.code === 'KILL-2999')
  assert.is(listed.length, 1)

  server.child.kill('SIGTERM')
  await server.exited
})

fault.run()
