/**
 * Ordinary requests before heavy reads, on PostgreSQL.
 *
 * The report pool keeps summaries, statistics and exports from taking the connections
 * list pages, forms and sign-ins need, but on a server of two cores both kinds of work
 * still share the CPU: three report statements running beside five list pages' made each
 * list page wait its turn for a core behind them. So while any statement of the main
 * pool is in the database (sent or waiting for a connection) or a transaction of it is
 * open, the report pool sends its statements one at a time; when the main pool is idle
 * it uses all its connections again. Heavy reads are slowed, never stopped: one of them
 * always makes progress.
 */
import type { Sql } from 'postgres'
import { currentQueryScope, QueryStopped, type QueryScope } from './query-scope.ts'

export class PoolPriority {
  private ordinary = 0
  private heavy = 0
  private readonly waiting = new Set<() => void>()

  /**
   * @param heavyMax report statements at a time while the main pool is idle (its size)
   * @param heavyWhileBusy report statements at a time while the main pool has work
   */
  constructor(
    readonly heavyMax: number,
    readonly heavyWhileBusy = 1,
  ) {}

  /** Main-pool statements and transactions in the database now; report statements running and waiting. */
  get state() {
    return { ordinary: this.ordinary, heavy: this.heavy, waiting: this.waiting.size }
  }

  ordinaryStarted() {
    this.ordinary++
  }

  ordinaryEnded() {
    this.ordinary--
    this.admit()
  }

  /**
   * Resolves with the release of a turn for one heavy statement, once it may be sent; a
   * scope that stops meanwhile rejects it with `QueryStopped` and takes no turn.
   */
  heavyTurn(scope?: QueryScope): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const start = () => {
        untrack()
        this.heavy++
        let released = false
        resolve(() => {
          if (released) return
          released = true
          this.heavy--
          this.admit()
        })
      }
      const untrack = scope?.track(() => {
        this.waiting.delete(start)
        reject(new QueryStopped(scope.stopped ?? 'timeout'))
      }) ?? (() => {})
      if (scope?.stopped) return
      this.waiting.add(start)
      this.admit()
    })
  }

  private admit() {
    const limit = this.ordinary > 0 ? this.heavyWhileBusy : this.heavyMax
    for (const start of this.waiting) {
      if (this.heavy >= limit) return
      this.waiting.delete(start)
      start()
    }
  }
}

/**
 * What drizzle does with `client.unsafe(…)`: optionally `.values()` (rows as arrays), then
 * await it. The statement is only made when awaited, so that it can wait for its turn.
 */
class DeferredQuery<T = unknown> implements PromiseLike<T> {
  private raw = false
  private running?: Promise<T>
  constructor(private readonly run: (raw: boolean) => Promise<T>) {}
  values(): this {
    this.raw = true
    return this
  }
  then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    this.running ??= this.run(this.raw)
    return this.running.then(onFulfilled, onRejected)
  }
}

type Unsafe = Sql['unsafe']

/**
 * `client` as drizzle sees it, with some of its methods replaced. A proxy, not a change to
 * the client: postgres.js sends its own `begin` through `unsafe` and needs a real query back.
 */
const replacing = (client: Sql, replaced: Partial<Record<'unsafe' | 'begin', unknown>>): Sql =>
  new Proxy(client, { get: (target, key) => (key in replaced ? replaced[key as keyof typeof replaced] : Reflect.get(target, key)) })

/** `unsafe` (how drizzle sends a statement outside transactions), sent by `around` when it calls `send`. */
function statementsAround(client: Sql, around: (send: () => Promise<unknown>) => Promise<unknown>) {
  const unsafe = client.unsafe.bind(client) as Unsafe
  return (...args: Parameters<Unsafe>) =>
    new DeferredQuery((raw) =>
      around(async () => {
        const query = unsafe(...args)
        return raw ? query.values() : query
      }),
    )
}

/** Counts the main pool's statements and transactions in the database for `priority`. */
export function countOrdinary(client: Sql, priority: PoolPriority): Sql {
  const counted = async <T>(work: () => Promise<T>): Promise<T> => {
    priority.ordinaryStarted()
    try {
      return await work()
    } finally {
      priority.ordinaryEnded()
    }
  }
  const begin = client.begin.bind(client) as (...args: unknown[]) => Promise<unknown>
  return replacing(client, {
    unsafe: statementsAround(client, counted),
    // A write is a transaction: it counts from its `begin` to its end, whatever it runs.
    begin: (...args: unknown[]) => counted(() => begin(...args)),
  })
}

/** Sends the report pool's statements when `priority` gives them a turn. */
export const waitForTurn = (client: Sql, priority: PoolPriority): Sql =>
  replacing(client, {
    unsafe: statementsAround(client, async (send) => {
      const release = await priority.heavyTurn(currentQueryScope())
      try {
        return await send()
      } finally {
        release()
      }
    }),
  })
