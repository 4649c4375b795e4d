/**
 * The real app on a real database for API tests, and clients that sign in as the demo
 * users. Set-up happens in uvu hooks (never at import time: uvu imports every test file
 * before it runs any).
 *
 *   const ctx = appContext()
 *   const creating = suite('creating a unit', ctx)
 *   creating('admin creates a unit', async ({ as }) => { … })
 *   ctx.use(creating, updating)   // one app for these suites; closed after the last
 */
import type { FastifyInstance, InjectOptions } from 'fastify'
import type { Test as Suite } from 'uvu'
import type { Db, DbHandle } from '../../db/client.ts'
import { buildApp } from '../../server/app.ts'
import { loadConfig, type Config } from '../../server/config.ts'
import type { Clock } from '../../server/lib/clock.ts'
import { DEMO_PASSWORD } from '../../server/demo/index.ts'
import { createTestDatabase, type Seed } from './database.ts'
import { UNHURRIED } from './unhurried.ts'

export interface Response<T = any> {
  status: number
  body: T
  headers: Record<string, string | string[] | number | undefined>
  text: string
}

type Headers = Record<string, string>

export interface RequestOptions {
  headers?: Headers
  /** Sends `If-Match: "<version>"`. */
  ifMatch?: number | string
}

export class ApiClient {
  cookies: Record<string, string> = {}
  csrfToken?: string

  constructor(
    private readonly app: FastifyInstance,
    private readonly baseHeaders: Headers = {},
  ) {}

  async request<T = any>(method: InjectOptions['method'], url: string, body?: unknown, options: RequestOptions = {}): Promise<Response<T>> {
    const headers: Headers = { ...this.baseHeaders, ...options.headers }
    if (Object.keys(this.cookies).length) headers.cookie = this.cookieHeader()
    if (this.csrfToken && method !== 'GET') headers['x-csrf-token'] ??= this.csrfToken
    if (options.ifMatch !== undefined) headers['if-match'] = typeof options.ifMatch === 'number' ? `"${options.ifMatch}"` : options.ifMatch
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : typeof body === 'string' || Buffer.isBuffer(body) ? { payload: body } : { payload: body as object }),
    })
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) delete this.cookies[c.name]
      else this.cookies[c.name] = c.value
    }
    let parsed: unknown = res.body
    if (String(res.headers['content-type'] ?? '').includes('json') && res.body) parsed = JSON.parse(res.body)
    return { status: res.statusCode, body: parsed as T, headers: res.headers, text: res.body }
  }

  cookieHeader = () => Object.entries(this.cookies).map(([k, v]) => `${k}=${v}`).join('; ')

  /** A GET answered as bytes (`rawPayload`): PDFs, XLSX, DOCX. */
  raw = (url: string) => this.app.inject({ method: 'GET', url, headers: { ...this.baseHeaders, cookie: this.cookieHeader() } })

  get = <T = any>(url: string, options?: RequestOptions) => this.request<T>('GET', url, undefined, options)
  post = <T = any>(url: string, body?: unknown, options?: RequestOptions) => this.request<T>('POST', url, body ?? {}, options)
  put = <T = any>(url: string, body?: unknown, options?: RequestOptions) => this.request<T>('PUT', url, body, options)
  patch = <T = any>(url: string, body?: unknown, options?: RequestOptions) => this.request<T>('PATCH', url, body, options)
  delete = <T = any>(url: string, options?: RequestOptions) => this.request<T>('DELETE', url, undefined, options)

  async login(username: string, password = DEMO_PASSWORD): Promise<Response> {
    const res = await this.post('/api/auth/login', { username, password })
    if (res.status === 200) this.csrfToken = res.body.csrfToken
    return res
  }
}

export interface AppContext {
  app: FastifyInstance
  db: Db
  handle: DbHandle
  config: Config
  /** A client signed in as `username` (demo password unless given), cached per context. */
  as(username: string, password?: string): Promise<ApiClient>
  /** A client with no credentials. */
  anonymous(): ApiClient
  /** A client that sends `Authorization: Bearer <token>`. */
  bearer(token: string): ApiClient
  /** Ids of the demo organisation by code / username. */
  unitId(code: string): Promise<string>
  userId(username: string): Promise<string>
}

export interface ContextOptions {
  seed?: Seed
  config?: Partial<Config>
  /** The app's clock (default: the system clock). */
  clock?: Clock
}

export { UNHURRIED }

export function appContext(options: ContextOptions = {}) {
  const clients = new Map<string, ApiClient>()
  let setupPromise: Promise<void> | undefined
  const ctx = {} as AppContext & { use(...suites: Suite<any>[]): void }

  async function setup() {
    const handle = await createTestDatabase(options.seed ?? 'demo')
    const config = { ...loadConfig({}), ...UNHURRIED, ...options.config }
    const app = await buildApp({ db: handle.db, reportDb: handle.reportDb, engine: handle.engine, config, logger: false, clock: options.clock, backup: handle.backup })
    await app.ready()
    Object.assign(ctx, { app, db: handle.db, handle, config })
  }

  async function teardown() {
    clients.clear()
    await ctx.app?.close()
    await ctx.handle?.close()
    setupPromise = undefined
  }

  Object.assign(ctx, {
    async as(username: string, password?: string) {
      const key = `${username}\u0000${password ?? ''}`
      let client = clients.get(key)
      if (!client) {
        client = new ApiClient(ctx.app)
        const res = await client.login(username, password)
        if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${res.text}`)
        clients.set(key, client)
      }
      return client
    },
    anonymous: () => new ApiClient(ctx.app),
    bearer: (token: string) => new ApiClient(ctx.app, { authorization: `Bearer ${token}` }),
    async unitId(code: string) {
      const res = await (await ctx.as('admin')).get(`/api/org-units?q=${encodeURIComponent(code)}&limit=500`)
      const unit = res.body.items.find((u: { code: string }) => u.code === code)
      if (!unit) throw new Error(`no unit ${code}`)
      return unit.id as string
    },
    async userId(username: string) {
      const res = await (await ctx.as('admin')).get(`/api/users?q=${encodeURIComponent(username)}&limit=500`)
      const user = res.body.items.find((u: { username: string }) => u.username === username)
      if (!user) throw new Error(`no user ${username}`)
      return user.id as string
    },
    use(...suites: Suite<any>[]) {
      // uvu does not print errors thrown in hooks, so say what went wrong here.
      const start = () =>
        (setupPromise ??= setup().catch((err) => {
          console.error('test app set-up failed:', err)
          throw err
        }))
      for (const s of suites) s.before(start)
      suites.at(-1)?.after(teardown)
    },
  })
  return ctx
}
