/**
 * The real server in its own process (`server/main.ts`, as `npm start` runs it), for tests
 * that kill, restart or start it wrongly on purpose; a fetch client that signs in like
 * the web app; and a scratch database for it on the engine the tests use.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import * as assert from 'uvu/assert'
import { DEMO_PASSWORD } from '../../server/demo/index.ts'
import { UNHURRIED } from './unhurried.ts'

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port
      server.close(() => resolve(port))
    })
  })

/**
 * The tests' unhurried time limits (test/helpers/app.ts) as settings: on a busy CI machine
 * a sign-in queued behind a running import on the embedded database (one connection) can
 * wait longer than the 5 s a read may take in production; these tests are about
 * surviving crashes, not speed.
 */
const UNHURRIED_ENV = { QMS_QUERY_TIMEOUT_SECONDS: String(UNHURRIED.queryTimeoutMs / 1000), QMS_REPORT_TIMEOUT_SECONDS: String(UNHURRIED.reportTimeoutMs / 1000) }

/** Starts the server with `env` on top of this process's; `ready` resolves when it listens. */
export function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', QMS_WEB_ROOT: '/nonexistent', ...UNHURRIED_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 180_000)
    child.stdout!.on('data', () => output.includes('is running at') && (clearTimeout(timer), resolve()))
    void exited.then(() => (clearTimeout(timer), reject(new Error(`server exited:\n${output}`))))
  })
  // Not every caller waits for readiness (a start meant to fail); never leave the rejection unhandled.
  ready.catch(() => {})
  return { child, ready, exited, output: () => output }
}

/**
 * Settings for a server on a database of its own: a fresh database on TEST_DATABASE_URL's
 * server, or a fresh QMS_DATA_DIR for the embedded one. `cleanup` removes it.
 */
export async function scratchServerDatabase(prefix: string): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) {
    const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} })
    const name = `${prefix}_${process.pid}`
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.unsafe(`create database "${name}"`)
    const url = new URL(process.env.TEST_DATABASE_URL)
    url.pathname = `/${name}`
    return {
      env: { DATABASE_URL: url.toString() },
      cleanup: async () => {
        await admin.unsafe(`drop database if exists "${name}" with (force)`)
        await admin.end({ timeout: 5 })
      },
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`))
  return { env: { QMS_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
}

/** A client over real HTTP that signs in with a session cookie and sends the CSRF token, as the web app does. */
export class HttpClient {
  cookie = ''
  csrf = ''
  constructor(readonly base: string) {}

  async call(method: string, url: string, body?: unknown, version?: number): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { cookie: this.cookie }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf
    if (version !== undefined) headers['if-match'] = `"${version}"`
    const res = await fetch(this.base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    return this.read(res)
  }

  /** POSTs a multipart form (the body and its content type, e.g. from test/helpers/multipart-form.ts). */
  async postForm(url: string, form: { body: Buffer; contentType: string }): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(this.base + url, { method: 'POST', headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'content-type': form.contentType }, body: new Uint8Array(form.body) })
    return { ...(await this.read(res)), headers: res.headers }
  }

  async login(username: string, password = DEMO_PASSWORD) {
    const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })
    assert.is(res.status, 200, `login ${username}`)
    this.cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken
    return this
  }

  private async read(res: Response) {
    const text = await res.text()
    return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text }
  }
}
