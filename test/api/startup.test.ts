/**
 * `npm start` as a new user runs it: the real entry point in its own process, with the
 * embedded database in a fresh folder.
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { freePort, startServer } from '../helpers/server-process.ts'

const start = startServer

const startup = suite('starting the server')
const dirs: string[] = []
const children: ChildProcess[] = []
startup.after(() => {
  for (const c of children) c.kill('SIGKILL')
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

startup('without demo data, the first administrator comes from the environment; SIGTERM shuts down cleanly', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qms-start-'))
  dirs.push(dir)
  const port = await freePort()
  const server = start({ PORT: String(port), QMS_DATA_DIR: dir, QMS_DEMO: '0', QMS_ADMIN_USERNAME: 'chief', QMS_ADMIN_PASSWORD: 'chief-password' })
  children.push(server.child)
  await server.ready
  const base = `http://127.0.0.1:${port}`
  assert.is((await fetch(`${base}/ready`)).status, 200)
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'chief', password: 'chief-password' }),
  })
  assert.is(login.status, 200)
  const demo = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo1234' }),
  })
  assert.is(demo.status, 401, 'no demo users without QMS_DEMO')
  server.child.kill('SIGTERM')
  assert.is(await server.exited, 0)
})

startup('a bad setting stops the start with a message naming it', async () => {
  const server = start({ PORT: 'eighty', QMS_DATA_DIR: '/tmp/unused' })
  children.push(server.child)
  assert.is(await server.exited, 1)
  assert.match(server.output(), /PORT must be a whole number/)
})

startup('a second server on the same data folder refuses with one line naming the first one\'s pid', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qms-start-'))
  dirs.push(dir)
  const first = start({ PORT: String(await freePort()), QMS_DATA_DIR: dir, QMS_DEMO: '0', QMS_JOBS: '0' })
  children.push(first.child)
  await first.ready
  const second = start({ PORT: String(await freePort()), QMS_DATA_DIR: dir, QMS_DEMO: '0', QMS_JOBS: '0' })
  children.push(second.child)
  assert.is(await second.exited, 1)
  const lines = second.output().trim().split('\n')
  assert.is(lines.length, 1, second.output())
  assert.match(lines[0]!, new RegExp(`in use by another QMS Tracker process \\(pid ${first.child.pid}\\)`))
  first.child.kill('SIGTERM')
  assert.is(await first.exited, 0)
  assert.not.ok(existsSync(path.join(dir, 'qms.lock')), 'the lock is released on a clean stop')
})

startup('an unreachable DATABASE_URL stops the start with one line naming the setting', async () => {
  const closed = await freePort()
  const server = start({ PORT: String(await freePort()), DATABASE_URL: `postgres://postgres@127.0.0.1:${closed}/qms`, QMS_DEMO: '0' })
  children.push(server.child)
  assert.is(await server.exited, 1)
  const lines = server.output().trim().split('\n')
  assert.is(lines.length, 1, server.output())
  assert.match(lines[0]!, /Cannot reach the PostgreSQL server .*DATABASE_URL/)
})

startup('a data folder that cannot be written stops the start with one line naming QMS_DATA_DIR', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qms-start-'))
  dirs.push(dir)
  // A plain file where the folder should be: unwritable even for root, unlike chmod.
  const notADir = path.join(dir, 'file')
  writeFileSync(notADir, 'x')
  const server = start({ PORT: String(await freePort()), QMS_DATA_DIR: path.join(notADir, 'data'), QMS_DEMO: '0' })
  children.push(server.child)
  assert.is(await server.exited, 1)
  const lines = server.output().trim().split('\n')
  assert.is(lines.length, 1, server.output())
  assert.match(lines[0]!, /cannot be written.*QMS_DATA_DIR/)
})

startup.run()
