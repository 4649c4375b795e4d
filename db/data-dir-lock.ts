/**
 * One process at a time on an embedded data folder. PGlite has no locking of its own:
 * two servers on one QMS_DATA_DIR both start, and whatever the second writes is lost
 * when the first one's files win. A `qms.lock` file created with O_EXCL holds the
 * owner's pid; a lock whose pid is no longer alive (a crash, kill -9) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import path from 'node:path'

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`The data folder ${dataDir} is in use by another QMS Tracker process (pid ${pid}); stop it first or set QMS_DATA_DIR to another folder.`)
    this.name = 'DataDirLockedError'
  }
}

export interface DataDirLock {
  readonly file: string
  release(): void
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: the process exists but belongs to someone else — still a live owner.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function holder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/** Takes the lock or throws DataDirLockedError naming the live holder. */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, 'qms.lock')
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644)
      try {
        writeSync(fd, `${process.pid}\n`)
      } finally {
        closeSync(fd)
      }
      let released = false
      const release = () => {
        if (released) return
        released = true
        // Only remove a lock that is still ours (a takeover after a long pause is not).
        if (holder(file) === process.pid) rmSync(file, { force: true })
      }
      process.once('exit', release)
      return { file, release: () => (process.off('exit', release), release()) }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const pid = holder(file)
      if (pid !== undefined && pid !== process.pid && alive(pid)) throw new DataDirLockedError(dataDir, pid)
      if (pid === process.pid) throw new DataDirLockedError(dataDir, pid)
      // Stale (dead pid, or an empty file from a crash between create and write): take it over.
      rmSync(file, { force: true })
    }
  }
  throw new DataDirLockedError(dataDir, holder(file) ?? 0)
}
