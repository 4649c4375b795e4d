/**
 * `npm test`: runs every `*.test.ts` under test/ with uvu, spread over worker processes
 * (test/worker.ts). Each test file already has its own database, so files are
 * independent; a worker keeps its migrated database templates and its browser across
 * the files it runs, which is where most of a file's start-up time goes.
 *
 *   npm test                      # everything, one worker per core
 *   npm test -- org-units         # files whose path matches
 *   QMS_TEST_WORKERS=1 npm test   # one file at a time
 *   QMS_TEST_SKIP=browser/ npm test  # all but the browser files (paths separated by commas)
 *
 * Each file's output is printed whole when it ends (so workers never interleave), then
 * one summary in uvu's own format (Total / Passed / Skipped / Duration), which .ci/run
 * reads. Files are handed out longest first, by the durations of the previous run.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { parse } from 'uvu/parse'
import { browserAvailable, CHROMIUM } from './helpers/browser-host.ts'
import { buildWebInto } from './helpers/web-build.ts'
import type { FileResult, ToParent, ToWorker } from './worker.ts'

/** A file still running after this long is stopped and counted as failed. */
const FILE_TIMEOUT_MS = Number(process.env.QMS_TEST_FILE_TIMEOUT_MS) || 15 * 60_000
const DURATIONS = path.resolve('node_modules/.cache/qms-tests/durations.json')

const started = performance.now()
const filter = process.argv[2]
const { suites: all } = await parse('test', /\.test\.ts$/, { cwd: process.cwd() })
// QMS_TEST_SKIP=browser/ leaves out the files under that path (several paths separated by
// commas), saying so: CI runs the browser journeys, and the start-up test that always
// starts embedded servers, on one database only.
const skip = (process.env.QMS_TEST_SKIP ?? '').split(',').map((p) => p.trim()).filter(Boolean)
const suites = (filter ? all.filter((s) => s.name.includes(filter)) : all).filter((s) => !skip.some((p) => s.name.startsWith(p)))
if (skip.length) console.log(`\nFiles under ${skip.join(', ')} left out (QMS_TEST_SKIP=${process.env.QMS_TEST_SKIP}).\n`)
if (!suites.length) {
  console.error(`No test file matches "${filter}".`)
  process.exit(1)
}

const isBrowserFile = (name: string) => name.startsWith('browser/')
const browserFiles = suites.filter((s) => isBrowserFile(s.name))
if (browserFiles.length && !browserAvailable && process.env.REQUIRE_BROWSER !== '1') {
  console.log(
    `\nBrowser tests skipped: Chromium not found at ${CHROMIUM} (install it with "apt-get install -y chromium"; REQUIRE_BROWSER=1 turns this into a failure).\n`,
  )
}

// Longest first, so the last file to start is a short one; unknown files (new ones)
// first of all, browser files before API files as they are the slow ones.
// A fresh checkout (CI) has no previous run: test/durations.json, a run's figures kept in
// the repository, orders it instead, so a long file never starts last.
let known: Record<string, number> = {}
for (const file of [DURATIONS, path.resolve('test/durations.json')]) {
  try {
    known = JSON.parse(readFileSync(file, 'utf8'))
    break
  } catch {
    known = {}
  }
}
const expected = (name: string) => known[name] ?? (isBrowserFile(name) ? 1e9 : 1e8)
const queue = [...suites].sort((a, b) => expected(b.name) - expected(a.name))

// The web app is built once for the whole run, when the first browser file asks for it.
let webRoot: string | undefined
let webBuild: Promise<string> | undefined
const buildWeb = () => (webBuild ??= buildWebInto().then((root) => (webRoot = root)))

const workerCount = Math.max(1, Math.min(Number(process.env.QMS_TEST_WORKERS) || availableParallelism(), queue.length))
const totals = { total: 0, passed: 0, skipped: 0, failedFiles: [] as string[] }
const durations: Record<string, number> = { ...known }

function report(result: FileResult) {
  process.stdout.write(`${result.output.trimEnd()}\n  (${(result.ms / 1000).toFixed(1)} s)\n\n`)
  totals.total += result.total
  totals.passed += result.passed
  totals.skipped += result.skipped
  if (result.failed || result.crashed) totals.failedFiles.push(result.name)
  // A file that died counts as one failed test even if none of its tests was reached.
  if (result.crashed && result.total === result.passed) totals.total += 1
  durations[result.name] = Math.round(result.ms)
}

function runWorker(): Promise<void> {
  return new Promise((resolve) => {
    const child: ChildProcess = fork(path.resolve('test/worker.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, QMS_TEST_WORKER: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    // Whatever a worker prints outside a file's capture (a crash, say) is kept for the report.
    let stray = ''
    child.stdout!.on('data', (d) => (stray += d))
    child.stderr!.on('data', (d) => (stray += d))
    let current: { name: string; file: string; at: number } | undefined
    let timer: NodeJS.Timeout | undefined
    let partial: string | undefined

    const next = () => {
      const suite = queue.shift()
      if (!suite) {
        current = undefined
        send({ type: 'close' })
        return
      }
      current = { ...suite, at: performance.now() }
      stray = ''
      timer = setTimeout(() => {
        stray += `\n  Stopped: still running after ${Math.round(FILE_TIMEOUT_MS / 1000)} s.\n`
        // Ask the worker what it printed and where it waits, then stop it either way.
        partial = undefined
        send({ type: 'dump' })
        setTimeout(() => child.kill('SIGKILL'), 3000)
      }, FILE_TIMEOUT_MS)
      send({ type: 'run', name: suite.name, file: suite.file })
    }
    const send = (message: ToWorker) => child.send(message)

    child.on('message', (message: ToParent) => {
      if (message.type === 'web-root') {
        buildWeb().then(
          (root) => send({ type: 'web-root', root }),
          (err) => send({ type: 'web-root', error: String(err?.stack ?? err) }),
        )
      } else if (message.type === 'partial') {
        partial = message.output
        child.kill('SIGKILL')
      } else if (message.type === 'result') {
        clearTimeout(timer)
        report(message.result)
        next()
      }
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (current) {
        const { name, at } = current
        report({
          name,
          output: `${partial ?? name}\n${stray}\n  The worker ended (${signal ?? `exit code ${code}`}) before the file finished.`,
          total: 0,
          passed: 0,
          skipped: 0,
          failed: true,
          crashed: true,
          ms: performance.now() - at,
        })
        // Carry on with the files that are left in a fresh worker.
        runWorker().then(resolve)
      } else {
        if (code !== 0) {
          process.stdout.write(`A test worker ended with ${signal ?? `exit code ${code}`} while closing:\n${stray}\n`)
          totals.failedFiles.push('(worker shutdown)')
          totals.total += 1
        }
        resolve()
      }
    })
    next()
  })
}

await Promise.all(Array.from({ length: workerCount }, runWorker))
if (webRoot) rmSync(webRoot, { recursive: true, force: true })

try {
  mkdirSync(path.dirname(DURATIONS), { recursive: true })
  writeFileSync(DURATIONS, JSON.stringify(durations, null, 1))
} catch {
  // Only an ordering hint for the next run.
}

const failed = totals.total - totals.passed
const seconds = ((performance.now() - started) / 1000).toFixed(1)
if (totals.failedFiles.length) process.stdout.write(`Files with failures: ${totals.failedFiles.join(', ')}\n`)
process.stdout.write(
  `\n  Total:     ${totals.total}\n  Passed:    ${totals.passed}\n  Skipped:   ${totals.skipped}\n  Duration:  ${seconds}s (${workerCount} workers)\n\n`,
)
process.exit(failed > 0 || totals.failedFiles.length ? 1 : 0)
