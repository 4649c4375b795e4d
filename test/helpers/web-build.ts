/**
 * The built web app for browser tests. Under `npm test` the runner builds it once for
 * all its workers (a worker asks over IPC); a file run any other way builds its own.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export type WebRootAnswer = { type: 'web-root'; root?: string; error?: string }

/** Builds the web app into a new temporary folder; returns the folder. */
export async function buildWebInto(): Promise<string> {
  const { build } = await import('vite')
  const root = mkdtempSync(path.join(tmpdir(), 'qms-web-'))
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'warn', build: { outDir: root, emptyOutDir: true } })
  return root
}

let webRoot: Promise<string> | undefined
let answer: ((message: WebRootAnswer) => void) | undefined

export function builtWebRoot(): Promise<string> {
  webRoot ??= process.send
    ? new Promise((resolve, reject) => {
        answer = (m) => (m.root ? resolve(m.root) : reject(new Error(m.error ?? 'the web build failed')))
        process.send!({ type: 'web-root' })
      })
    : buildWebInto()
  return webRoot
}

/** The runner's answer to a worker's `web-root` request. */
export function receiveWebRoot(message: WebRootAnswer) {
  answer?.(message)
}
