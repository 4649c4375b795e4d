/**
 * Identical reads in progress share one computation (request coalescing). When ten
 * managers open the dashboard in the same second they ask for the same summary: the first
 * request computes it, the nine that arrive while it runs wait for that answer instead of
 * sending fifteen statements each to the report pool.
 *
 * Never stale past a write: every write the server accepts moves a generation counter on
 * (`noteWrite`), and a request joins a computation only if no write was accepted since
 * that computation started. A joiner therefore gets an answer computed after its own
 * request began or, at worst, one that saw every write accepted before it arrived.
 * Nothing is kept once the computation ends: this is not a cache.
 */
import { currentQueryScope, QueryStopped } from '../../db/query-scope.ts'

export class SingleFlight {
  private generation = 0
  private readonly flights = new Map<string, { generation: number; answer: Promise<unknown> }>()

  /** A write was accepted: computations already running no longer take new joiners. */
  noteWrite() {
    this.generation++
  }

  /** How many computations are running (tests and diagnostics). */
  get inProgress() {
    return this.flights.size
  }

  /**
   * The answer of `compute`, shared with every caller that asks for the same key while it
   * runs. A failure is not shared: a joiner whose computation failed computes its own, so
   * one request's timeout or cancellation never becomes another's error.
   */
  async run<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const running = this.flights.get(key)
    if (running && running.generation === this.generation) {
      // A joiner keeps its own time limit and its own client: it stops waiting when its
      // request does (503 or gone), whatever the computation it waits for does.
      const scope = currentQueryScope()
      try {
        return (await (scope ? Promise.race([running.answer, scope.whenStopped()]) : running.answer)) as T
      } catch (err) {
        if (err instanceof QueryStopped && scope?.stopped) throw err
        return compute()
      }
    }
    const flight = { generation: this.generation, answer: compute() }
    this.flights.set(key, flight)
    try {
      return await flight.answer
    } finally {
      if (this.flights.get(key) === flight) this.flights.delete(key)
    }
  }
}
