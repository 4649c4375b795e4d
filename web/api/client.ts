/**
 * fetch for the API: JSON in and out, the CSRF header on state changes, If-Match when
 * given, the user's language (Accept-Language: the server writes problems in it), and
 * problem+json turned into an ApiError the pages can show field by field. A request that
 * never reached the server is a NetworkError (an ApiError with status 0) whose detail is
 * a sentence in the user's language, never the browser's "Failed to fetch".
 */
import { msg, str } from '@lit/localize'
import { getLocale } from '../i18n/localization.ts'

export interface FieldError {
  path: string
  message: string
  code?: string
  params?: Record<string, unknown>
}

export interface Problem {
  type: string
  title: string
  status: number
  /** In the language the request asked for (Accept-Language). */
  detail: string
  /** Stable code of the problem, e.g. `not-found`, `stale`. */
  code?: string
  params?: Record<string, unknown>
  errors?: FieldError[]
  allowed?: string[]
  currentVersion?: number
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail || problem.title)
  }

  /** The message for one field, if the server named it. */
  fieldError(path: string): FieldError | undefined {
    return this.problem.errors?.find((e) => e.path === path)
  }
}

/** The request did not reach the server (offline, DNS, connection refused or reset). */
export class NetworkError extends ApiError {
  constructor() {
    const detail =
      typeof navigator !== 'undefined' && navigator.onLine === false
        ? msg('You are offline. Check the network connection and try again.', { id: 'common.offline' })
        : msg('The server could not be reached. Check the network connection and try again.', { id: 'common.networkFailed' })
    super(0, { type: 'urn:qms:problem:network', title: detail, status: 0, detail })
  }
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

let csrfToken: string | undefined

export function setCsrfToken(token: string | undefined) {
  csrfToken = token
}

function csrfFromCookie(): string | undefined {
  return /(?:^|;\s*)qms_csrf=([^;]+)/.exec(document.cookie)?.[1]
}

/** Other parts of the app react to a lost session (e.g. show the sign-in page). */
export const sessionEvents = new EventTarget()

export interface RequestOptions {
  ifMatch?: number
  query?: Record<string, string | number | boolean | undefined | null>
  signal?: AbortSignal
  /** Makes a change safe to retry: the server answers a repeat with the first response. */
  idempotencyKey?: string
  /** Read a successful answer that is not JSON as a Blob (a file to save) instead of text. */
  blob?: boolean
}

export async function api<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': getLocale() }
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json'
  if (method !== 'GET') {
    const token = csrfToken ?? csrfFromCookie()
    if (token) headers['x-csrf-token'] = token
  }
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey
  let url = path
  if (options.query) {
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(options.query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
    const qs = params.toString()
    if (qs) url += `?${qs}`
  }
  let res: Response
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      signal: options.signal,
    })
  } catch (err) {
    // The caller gave up (a newer request, a page left): its AbortError is not a failure to show.
    if (options.signal?.aborted) throw err
    throw new NetworkError()
  }
  if (res.status === 204) return undefined as T
  const isJson = (res.headers.get('content-type') ?? '').includes('json')
  const payload = isJson ? await res.json() : res.ok && options.blob ? await res.blob() : await res.text()
  if (!res.ok) {
    const problem: Problem = isJson
      ? payload
      : // A proxy's or gateway's page, not the API's problem: say so in the user's language.
        { type: 'about:blank', title: res.statusText, status: res.status, detail: msg(str`The server answered with an error (${res.status}). Try again in a moment.`, { id: 'common.serverError' }) }
    if (res.status === 401 && !path.endsWith('/auth/login')) sessionEvents.dispatchEvent(new Event('expired'))
    throw new ApiError(res.status, problem)
  }
  return payload as T
}

export const get = <T>(path: string, options?: RequestOptions) => api<T>('GET', path, undefined, options)
export const post = <T>(path: string, body?: unknown, options?: RequestOptions) => api<T>('POST', path, body ?? {}, options)
export const patch = <T>(path: string, body: unknown, options?: RequestOptions) => api<T>('PATCH', path, body, options)
export const put = <T>(path: string, body: unknown, options?: RequestOptions) => api<T>('PUT', path, body, options)

/**
 * Every record of a paged list: follows `nextCursor` until the last page. For the short
 * lists a page needs whole (units, people, procedures for selects and filters).
 */
export async function getAll<T>(path: string, query: RequestOptions['query'] = {}, options: { signal?: AbortSignal; limit?: number } = {}): Promise<T[]> {
  const items: T[] = []
  let cursor: string | null = null
  do {
    const page: Page<T> = await get<Page<T>>(path, { query: { ...query, limit: options.limit ?? 500, cursor }, signal: options.signal })
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}
