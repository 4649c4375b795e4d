import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { DataDirLockedError, lockDataDir } from '../../db/data-dir-lock.ts'

const dirs: string[] = []
const fresh = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qms-lock-'))
  dirs.push(dir)
  return dir
}
test.after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

test('the lock holds our pid, refuses a second taker and is gone after release', () => {
  const dir = fresh()
  const lock = lockDataDir(dir)
  assert.is(readFileSync(path.join(dir, 'qms.lock'), 'utf8').trim(), String(process.pid))
  try {
    lockDataDir(dir)
    assert.unreachable('second lock taken')
  } catch (err) {
    assert.instance(err, DataDirLockedError)
    assert.match((err as Error).message, new RegExp(`pid ${process.pid}`))
  }
  lock.release()
  assert.not.ok(existsSync(path.join(dir, 'qms.lock')))
  lockDataDir(dir).release()
})

test('a live process holding it refuses; a dead one is taken over', () => {
  const dir = fresh()
  // pid 1 is always alive (init), whoever owns it.
  writeFileSync(path.join(dir, 'qms.lock'), '1\n')
  assert.throws(() => lockDataDir(dir), /pid 1\b/)
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString()
  writeFileSync(path.join(dir, 'qms.lock'), `${dead}\n`)
  const lock = lockDataDir(dir)
  assert.is(readFileSync(path.join(dir, 'qms.lock'), 'utf8').trim(), String(process.pid))
  lock.release()
})

test('an empty lock file (crash between create and write) is stale', () => {
  const dir = fresh()
  writeFileSync(path.join(dir, 'qms.lock'), '')
  lockDataDir(dir).release()
})

test.run()
