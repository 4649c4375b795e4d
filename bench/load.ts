/**
 * `npm run bench load` (after `npm run bench:seed`): many clients at once, over HTTP on
 * loopback with autocannon, which one-request-at-a-time benches cannot show. The app runs
 * in its own process (bench/load-server.ts) on the province-sized database, with its
 * production pools; clients send `Accept-Encoding: gzip, deflate, br` as browsers do.
 *
 * Phases of BENCH_SECONDS (20) each: list pages with one client, the dashboard summary
 * with one client, the summary with 10 clients, list pages with 5 clients, then 10 summary
 * and 5 list clients at once. Target (issue 15): under the mixed load the list p95 stays
 * under 50 ms and the summary keeps its throughput (10 clients alone vs mixed).
 * The 10 summary clients run twice: all on the same summary (the dashboard everyone opens,
 * where requests in progress share one computation) and each on a period of its own
 * (twelve months starting on ten different days), where nothing is shared.
 * BENCH_LOAD_ONE_POOL=1 runs the heavy reads on the main pool, as before.
 * BENCH_LOAD_NO_PRIORITY=1 lets the report pool use all its connections while the main pool
 * has work (db/pool-priority.ts); BENCH_LOAD_PROFILE=<dir> writes a CPU profile of the server.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { loadavg } from 'node:os'
import autocannon from 'autocannon'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)

interface Figures {
  /** Every response time, sorted. */
  times: number[]
  requests: number
  perSecond: number
  p50: number
  p95: number
  errors: number
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN

/** Runs autocannon over `paths` (each client cycles through them) and times every response itself (autocannon has no p95). */
async function load(base: string, cookie: string, paths: string[], connections: number): Promise<Figures> {
  const times: number[] = []
  let errors = 0
  const instance = autocannon({
    url: base,
    connections,
    duration: SECONDS,
    headers: { cookie, accept: 'application/json', 'accept-encoding': process.env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br' },
    requests: paths.map((path) => ({ method: 'GET', path })),
  })
  // autocannon 9 emits (client, statusCode, bytes, ms).
  ;(instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status !== 200) errors++
    times.push(ms)
  })
  const result = await instance
  times.sort((a, b) => a - b)
  return { times, requests: times.length, perSecond: times.length / SECONDS, p50: percentile(times, 50), p95: percentile(times, 95), errors: errors + result.errors + result.timeouts }
}

/** One client on each path at once, as one figure. */
async function loadEach(base: string, cookie: string, paths: string[]): Promise<Figures> {
  const each = await Promise.all(paths.map((path) => load(base, cookie, [path], 1)))
  const times = each.flatMap((f) => f.times).sort((a, b) => a - b)
  const errors = each.reduce((n, f) => n + f.errors, 0)
  return { times, requests: times.length, perSecond: times.length / SECONDS, p50: percentile(times, 50), p95: percentile(times, 95), errors }
}

const row = (label: string, f: Figures & { cpu?: number }) =>
  `| ${label} | ${f.p50.toFixed(1)} ms | ${f.p95.toFixed(1)} ms | ${f.perSecond.toFixed(1)} | ${f.errors} | ${f.cpu === undefined ? '' : `${f.cpu.toFixed(0)} %`} |`

/** The server process's CPU time (user + system), in ms. */
async function serverCpu(server: ChildProcess): Promise<number> {
  server.send({ type: 'cpu' })
  for (;;) {
    const [m] = (await once(server, 'message')) as [{ type?: string; user: number; system: number }]
    if (m.type === 'cpu') return (m.user + m.system) / 1000
  }
}

export async function benchLoad() {
  const server: ChildProcess = fork(new URL('./load-server.ts', import.meta.url), [], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_LOAD_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_LOAD_PROFILE}`] : [])], stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
  try {
    const [info] = (await Promise.race([once(server, 'message'), once(server, 'exit').then(() => Promise.reject(new Error('the bench server stopped: is the seeded database there (`npm run bench:seed`)?')))])) as [
      { port: number; cookie: string; onePool: boolean; priority?: number; dbPoolSize: number; reportPoolSize: number },
    ]
    const base = `http://127.0.0.1:${info.port}`
    const now = new Date()
    const iso = (d: Date) => d.toISOString().slice(0, 10)
    const from = iso(new Date(Date.UTC(now.getFullYear() - 1, now.getMonth(), 1)))
    const to = iso(new Date(Date.UTC(now.getFullYear(), now.getMonth(), 0)))
    const summary = [`/api/reports/compliance?from=${from}&to=${to}`]
    const day = (d: string, n: number) => iso(new Date(Date.parse(d) + n * 86_400_000))
    const tenPeriods = Array.from({ length: 10 }, (_, k) => `/api/reports/compliance?from=${day(from, k)}&to=${day(to, k)}`)
    const lists = ['/api/dossiers?limit=50', '/api/inspections?limit=50', '/api/findings?limit=50', '/api/nonconformities?limit=50', '/api/documents?limit=50']
    console.log(
      `pools: ${info.onePool ? `one of ${info.dbPoolSize} (heavy reads share it)` : `main ${info.dbPoolSize}, reports ${info.reportPoolSize}${info.priority ? ` (${info.priority} statement${info.priority > 1 ? 's' : ''} at a time while the main pool has work)` : ''}`}; ${SECONDS} s a phase; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    )
    // Warm-up: plans, caches, the JIT.
    await load(base, info.cookie, [...lists, ...summary], 2).catch(() => undefined)

    /** One phase, with the share of one core the server process used during it. */
    const phase = async <T extends Figures | Figures[]>(run: () => Promise<T>): Promise<{ figures: T; cpu: number }> => {
      const cpu0 = await serverCpu(server)
      const figures = await run()
      return { figures, cpu: ((await serverCpu(server)) - cpu0) / (SECONDS * 10) }
    }
    const listAlone = await phase(() => load(base, info.cookie, lists, 1))
    const summaryAlone = await phase(() => load(base, info.cookie, summary, 1))
    const summaryTen = await phase(() => load(base, info.cookie, summary, 10))
    const distinctTen = await phase(() => loadEach(base, info.cookie, tenPeriods))
    const listFive = await phase(() => load(base, info.cookie, lists, 5))
    const mixed = await phase(() => Promise.all([load(base, info.cookie, summary, 10), load(base, info.cookie, lists, 5)]))
    const [mixedSummary, mixedList] = mixed.figures
    const mixedDistinct = await phase(() => Promise.all([loadEach(base, info.cookie, tenPeriods), load(base, info.cookie, lists, 5)]))
    const [distinctSummary, distinctList] = mixedDistinct.figures

    console.log(`\n| phase | p50 | p95 | req/s | errors | server process CPU |\n| --- | ---: | ---: | ---: | ---: | ---: |`)
    console.log(row('list pages, 1 client', { ...listAlone.figures, cpu: listAlone.cpu }))
    console.log(row('summary, 1 client', { ...summaryAlone.figures, cpu: summaryAlone.cpu }))
    console.log(row('summary, 10 clients, the same one', { ...summaryTen.figures, cpu: summaryTen.cpu }))
    console.log(row('summary, 10 clients, 10 periods', { ...distinctTen.figures, cpu: distinctTen.cpu }))
    console.log(row('list pages, 5 clients', { ...listFive.figures, cpu: listFive.cpu }))
    console.log(row('mixed (same summary): list pages, 5 clients', { ...mixedList, cpu: mixed.cpu }))
    console.log(row('mixed (same summary): summary, 10 clients', mixedSummary))
    console.log(row('mixed (10 periods): list pages, 5 clients', { ...distinctList, cpu: mixedDistinct.cpu }))
    console.log(row('mixed (10 periods): summary, 10 clients', distinctSummary))
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
    for (const [label, list, summaryMixed, alone] of [
      ['the same summary', mixedList, mixedSummary, summaryTen.figures],
      ['10 periods', distinctList, distinctSummary, distinctTen.figures],
    ] as const) {
      const kept = summaryMixed.perSecond / alone.perSecond
      console.log(
        `\n${label}: list p95 under mixed load ${list.p95.toFixed(1)} ms (target < 50 ms): ${list.p95 < 50 ? 'met' : 'NOT met'}; summary throughput ${(kept * 100).toFixed(0)} % of its 10-client figure alone`,
      )
    }
  } finally {
    server.disconnect?.()
    await once(server, 'exit').catch(() => undefined)
  }
}
