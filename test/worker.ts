/**
 * One `npm test` worker (started by test/run.ts): runs the test files the runner hands
 * it, one at a time, with uvu, and sends back each file's counts and output. Database
 * templates and the browser stay open between files and are closed at the end.
 */
import { pathToFileURL } from 'node:url'
import { closeBrowser } from './helpers/browser.ts'
import { closeTestDatabases } from './helpers/database.ts'
import { receiveWebRoot, type WebRootAnswer } from './helpers/web-build.ts'

export interface FileResult {
  name: string
  /** Everything the file printed, uvu's dots and failure reports included. */
  output: string
  total: number
  passed: number
  skipped: number
  failed: boolean
  /** The worker died (or was stopped) before the file finished. */
  crashed?: boolean
  ms: number
}

export type ToWorker = { type: 'run'; name: string; file: string } | { type: 'close' } | { type: 'dump' } | WebRootAnswer
export type ToParent = { type: 'result'; result: FileResult } | { type: 'web-root' } | { type: 'partial'; output: string }

type UvuRun = () => Promise<[errors: string | true, passed: number, skipped: number, total: number]>
declare global {
  // uvu's own globals: with UVU_DEFER set, suites queue their runs instead of starting.
  var UVU_DEFER: number
  var UVU_INDEX: number
  var UVU_QUEUE: (string | UvuRun | null)[][]
}

const send = (message: ToParent) => process.send!(message)

/** What the file being run has printed so far: sent to the runner when it stops a file that hangs. */
let outputSoFar = () => ''

async function runFile(name: string, file: string): Promise<FileResult> {
  const started = performance.now()
  let output = `${name}\n`
  const write = process.stdout.write.bind(process.stdout)
  const writeErr = process.stderr.write.bind(process.stderr)
  const capture = ((chunk: string | Uint8Array) => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
    return true
  }) as typeof process.stdout.write
  process.stdout.write = capture
  process.stderr.write = capture
  outputSoFar = () => output

  let total = 0
  let passed = 0
  let skipped = 0
  let failed = false
  try {
    globalThis.UVU_DEFER = 1
    globalThis.UVU_INDEX = 0
    globalThis.UVU_QUEUE ??= []
    globalThis.UVU_QUEUE.length = 0
    globalThis.UVU_QUEUE.push([null])
    await import('uvu')
    await import(pathToFileURL(file).href)
    const [group] = globalThis.UVU_QUEUE
    for (const run of group.slice(1) as UvuRun[]) {
      const [errors, ran, skip, max] = await run()
      total += max
      passed += ran
      skipped += skip
      if (errors !== true) {
        failed = true
        output += `\n${errors}\n`
      }
    }
  } catch (err) {
    failed = true
    total += 1
    output += `\n  The file could not run: ${(err as Error)?.stack ?? err}\n`
  } finally {
    process.stdout.write = write
    process.stderr.write = writeErr
    globalThis.UVU_QUEUE.length = 0
  }
  return { name, output, total, passed, skipped, failed, ms: performance.now() - started }
}

process.on('message', async (message: ToWorker) => {
  if (message.type === 'web-root') receiveWebRoot(message)
  else if (message.type === 'run') send({ type: 'result', result: await runFile(message.name, message.file) })
  else if (message.type === 'dump') {
    // The test that hangs (uvu names it in its suite contexts) and what keeps the process
    // waiting, so a stopped file says where it stopped.
    const current = (globalThis as { __qmsCurrentTest?: string }).__qmsCurrentTest
    const waiting = process.getActiveResourcesInfo().join(', ')
    const requests = (globalThis as { __qmsInFlight?: () => string[] }).__qmsInFlight?.() ?? []
    send({
      type: 'partial',
      output: `${outputSoFar()}\n  Running: ${current ?? '(unknown test)'}\n  Requests in flight: ${requests.join('; ') || 'none'}\n  Waiting on: ${waiting}\n`,
    })
  }
  else if (message.type === 'close') {
    await closeBrowser()
    await closeTestDatabases()
    process.exit(0)
  }
})
