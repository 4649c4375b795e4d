/**
 * Stopping the reads of one request: when it runs out of time, or when its client has
 * gone away, the statements it still has in the database are cancelled there, and any
 * it starts afterwards are refused at once, so an abandoned request stops costing the
 * database anything.
 *
 * A request runs inside a `QueryScope` (server/plugins/query-limits.ts); the database
 * clients are wrapped (`scopePostgres`, `scopePglite`) so that each statement sent
 * outside a transaction joins the scope it was sent from. Statements inside a
 * transaction are left alone: a write either commits whole or is rolled back by the
 * database, never half-cancelled from here, and scheduled jobs run in no scope at all.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { PGlite } from '@electric-sql/pglite'
import type { Sql } from 'postgres'
import { pgError } from './pg-errors.ts'

export type StopReason = 'timeout' | 'client-gone'

/** What a statement refused or abandoned by its scope rejects with; `57014` is PostgreSQL's query_canceled. */
export class QueryStopped extends Error {
  readonly code = '57014'
  constructor(readonly reason: StopReason) {
    super(reason === 'timeout' ? 'canceling statement: the request ran out of time' : 'canceling statement: the client went away')
  }
}

export class QueryScope {
  stopped?: StopReason
  private readonly cancels = new Set<() => void>()
  private stopping?: Promise<never>

  /**
   * Rejects with `QueryStopped` when the scope stops: for a request that waits on work
   * other than its own statements (an answer another request computes).
   */
  whenStopped(): Promise<never> {
    this.stopping ??= new Promise<never>((_, reject) => this.track(() => reject(new QueryStopped(this.stopped ?? 'timeout'))))
    this.stopping.catch(() => {})
    return this.stopping
  }

  /** Registers a way to cancel a statement; cancels it at once when the scope has already stopped. */
  track(cancel: () => void): () => void {
    if (this.stopped) {
      cancel()
      return () => {}
    }
    this.cancels.add(cancel)
    return () => this.cancels.delete(cancel)
  }

  stop(reason: StopReason) {
    if (this.stopped) return
    this.stopped = reason
    for (const cancel of this.cancels) cancel()
    this.cancels.clear()
  }
}

const scopes = new AsyncLocalStorage<QueryScope>()

export const currentQueryScope = (): QueryScope | undefined => scopes.getStore()

/** Runs `fn` (and everything it starts) inside `scope`. */
export const runInQueryScope = <T>(scope: QueryScope, fn: () => T): T => scopes.run(scope, fn)

/**
 * Runs `fn` outside any request's scope: for background work a request only starts (a
 * queued import), which must not stop when that request's client goes away.
 */
export const outsideQueryScope = <T>(fn: () => T): T => scopes.exit(fn)

/** How many times a statement stopped by cancel requests meant for others is sent again. */
const STRAY_RETRIES = 3

/**
 * postgres.js: drizzle sends every statement outside a transaction through
 * `client.unsafe`, which returns the pending query. Cancelling it asks the server to stop
 * it (a cancel request on a new connection, PostgreSQL's own mechanism) when it is
 * running, or drops it when it still waits for a connection. A query that has already
 * finished is left as it is.
 *
 * A cancel request names a connection, not a statement: one sent as a statement ends can
 * reach its connection after the pool gave it to another request, and stop that
 * request's statement instead (57014 "due to user request" on a request nobody
 * stopped). Such a statement is sent again once the cancel requests then on their way
 * have arrived (`cancels`), so that they cannot stop it a second time, and at most
 * STRAY_RETRIES times: a cancelled statement has done nothing (PostgreSQL rolled it
 * back), so this holds for the odd single-statement write too.
 */
export function scopePostgres(client: Sql, cancels: CancelRequests): Sql {
  const unsafe = client.unsafe.bind(client)
  ;(client as { unsafe: Sql['unsafe'] }).unsafe = ((...args: Parameters<Sql['unsafe']>) => {
    const scope = currentQueryScope()
    const send = () => {
      const query = unsafe(...args)
      scope?.track(() => cancels.send(query))
      return query
    }
    const query = send()
    const then = query.then
    const rows = (sent: typeof query, attempt: number): Promise<unknown> =>
      new Promise((resolve, reject) => then.call(sent, resolve, reject)).catch(async (err: unknown) => {
        if (attempt > STRAY_RETRIES || !strayCancel(err, scope)) throw err
        await cancels.arrived()
        if (scope?.stopped) throw new QueryStopped(scope.stopped)
        const again = send()
        // drizzle asks for rows as arrays with `.values()` after sending: keep the form.
        ;(again as unknown as { isRaw?: unknown }).isRaw = (query as unknown as { isRaw?: unknown }).isRaw
        return rows(again, attempt + 1)
      })
    Object.defineProperty(query, 'then', {
      value(this: typeof query, onFulfilled?: (rows: unknown) => unknown, onRejected?: (err: unknown) => unknown) {
        return rows(this, 1).then(onFulfilled, onRejected)
      },
    })
    return query
  }) as Sql['unsafe']
  return client
}

/** A cancellation this statement's own request (or no request) asked for? If not, it was meant for another. */
export function strayCancel(err: unknown, scope: QueryScope | undefined): boolean {
  if (scope?.stopped) return false
  const cancelled = pgError(err, '57014')
  return !!cancelled && !(cancelled instanceof QueryStopped) && /user request/.test(String(cancelled.message ?? ''))
}

/** What postgres.js keeps on a pending query (3.4.9), read here to cancel it safely. */
interface PendingPgQuery {
  canceller?: ((q: object) => Promise<void>) | null
  /** Set once the query is handed to a connection. */
  state?: unknown
  /** True while the connection runs it. */
  active?: boolean
}

/**
 * The cancel requests one client has sent and not yet seen arrive, so that a statement one
 * of them stopped by mistake is sent again only once none of them can stop it again.
 *
 * `query.cancel()` starts the cancel request and drops its promise, so a cancel that
 * cannot reach the server (it is down) would be an unhandled rejection; the pool's
 * canceller returns that promise, which is kept here and its failure ignored (the
 * statement then ends with its connection anyway). It settles when PostgreSQL closes the
 * cancel request's connection, once it has signalled the statement's backend.
 *
 * A statement pipelined on a busy connection (handed to it, waiting behind the one it
 * runs) is left to run: postgres.js cannot cancel it — its promise would never settle, a
 * request awaiting it would never be answered and the app could not close — and PostgreSQL
 * runs pipelined statements back to back, so a cancel request sent at its turn can land on
 * the statement after it, perhaps another request's (postgres.js 3.4.9, seen in
 * test/api/query-limits.test.ts). It is short work behind a cancelled one; the request
 * still stops, as its next statement is refused at once.
 */
export class CancelRequests {
  private readonly pending = new Set<Promise<void>>()

  /** Cancels `query` (a pending postgres.js query) in the database, or drops it while it waits for a connection. */
  send(query: object) {
    const q = query as PendingPgQuery
    // Just sent, a query may not yet be handed to the pool (postgres.js does so a microtask
    // later): cancelled then, it would still take a connection, find itself cancelled and
    // leave that connection marked busy for ever. By the next turn it waits in the pool's
    // queue (no state: taken off and rejected), runs (cancelled in the database), or waits
    // pipelined (left to run, above).
    const sent: Promise<void> = new Promise<void>((resolve) =>
      setImmediate(() => {
        const canceller = q.canceller
        if (!canceller || (q.state && !q.active)) return resolve()
        q.canceller = null
        Promise.resolve(canceller(q)).then(() => resolve(), () => resolve())
      }),
    ).finally(() => this.pending.delete(sent))
    this.pending.add(sent)
  }

  /**
   * Resolves once the cancel requests sent so far have arrived, or after `waitMs` (a server
   * that takes no cancel request stops no statement with one either).
   */
  async arrived(waitMs = 1000): Promise<void> {
    if (!this.pending.size) return
    let timer: NodeJS.Timeout | undefined
    await Promise.race([Promise.all(this.pending), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))])
    clearTimeout(timer)
  }
}

/**
 * PGlite runs one statement at a time in this process and cannot interrupt one
 * (PostgreSQL's statement_timeout needs signals the WebAssembly build does not have):
 * here a stopped scope answers its waiting statements at once with `QueryStopped` and
 * refuses new ones. A statement already running finishes, and one still queued behind
 * another runs later with nobody waiting for its rows; the request is answered on time
 * either way.
 */
export function scopePglite(client: PGlite): PGlite {
  const query = client.query.bind(client)
  ;(client as { query: PGlite['query'] }).query = ((...args: Parameters<PGlite['query']>) => {
    const scope = currentQueryScope()
    if (!scope) return query(...args)
    return new Promise<Awaited<ReturnType<PGlite['query']>>>((resolve, reject) => {
      const untrack = scope.track(() => reject(new QueryStopped(scope.stopped ?? 'timeout')))
      if (scope.stopped) return
      query(...args).then(resolve, reject).finally(untrack)
    })
  }) as PGlite['query']
  return client
}
