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
 * BENCH_LOAD_ONE_POOL=1 runs the heavy reads on the main pool, as before.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { loadavg } from 'node:os'
import autocannon from 'autocannon'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)

interface Figures {
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
  return { requests: times.length, perSecond: times.length / SECONDS, p50: percentile(times, 50), p95: percentile(times, 95), errors: errors + result.errors + result.timeouts }
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
  const server: ChildProcess = fork(new URL('./load-server.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
  try {
    const [info] = (await Promise.race([once(server, 'message'), once(server, 'exit').then(() => Promise.reject(new Error('the bench server stopped: is the seeded database there (`npm run bench:seed`)?')))])) as [
      { port: number; cookie: string; onePool: boolean; dbPoolSize: number; reportPoolSize: number },
    ]
    const base = `http://127.0.0.1:${info.port}`
    const now = new Date()
    const iso = (d: Date) => d.toISOString().slice(0, 10)
    const from = iso(new Date(Date.UTC(now.getFullYear() - 1, now.getMonth(), 1)))
    const to = iso(new Date(Date.UTC(now.getFullYear(), now.getMonth(), 0)))
    const summary = [`/api/reports/compliance?from=${from}&to=${to}`]
    const lists = ['/api/dossiers?limit=50', '/api/inspections?limit=50', '/api/findings?limit=50', '/api/nonconformities?limit=50', '/api/documents?limit=50']
    console.log(
      `pools: ${info.onePool ? `one of ${info.dbPoolSize} (heavy reads share it)` : `main ${info.dbPoolSize}, reports ${info.reportPoolSize}`}; ${SECONDS} s a phase; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
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
    const listFive = await phase(() => load(base, info.cookie, lists, 5))
    const mixed = await phase(() => Promise.all([load(base, info.cookie, summary, 10), load(base, info.cookie, lists, 5)]))
    const [mixedSummary, mixedList] = mixed.figures

    console.log(`\n| phase | p50 | p95 | req/s | errors | server process CPU |\n| --- | ---: | ---: | ---: | ---: | ---: |`)
    console.log(row('list pages, 1 client', { ...listAlone.figures, cpu: listAlone.cpu }))
    console.log(row('summary, 1 client', { ...summaryAlone.figures, cpu: summaryAlone.cpu }))
    console.log(row('summary, 10 clients', { ...summaryTen.figures, cpu: summaryTen.cpu }))
    console.log(row('list pages, 5 clients', { ...listFive.figures, cpu: listFive.cpu }))
    console.log(row('mixed: list pages, 5 clients', { ...mixedList, cpu: mixed.cpu }))
    console.log(row('mixed: summary, 10 clients', mixedSummary))
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
    const listOk = mixedList.p95 < 50
    const kept = mixedSummary.perSecond / summaryTen.figures.perSecond
    console.log(`\nlist p95 under mixed load ${mixedList.p95.toFixed(1)} ms (target < 50 ms): ${listOk ? 'met' : 'NOT met'}`)
    console.log(`summary throughput under mixed load ${(kept * 100).toFixed(0)} % of its 10-client figure alone`)
  } finally {
    server.disconnect?.()
    await once(server, 'exit').catch(() => undefined)
  }
}
