/**
 * `npm run bench stats | compliance | lists` (after `npm run bench:seed`): read endpoints
 * at province scale, through the real app (buildApp + inject, signed in as the demo
 * manager), each 200 times (BENCH_RUNS) after a warm-up. Prints p50 / p95 and the ratio of the app's
 * p50 to the p50 of the same SQL replayed directly with postgres.js (the statements the
 * app ran for that request, captured by drizzle's logger, run one after the other); app
 * calls and replays alternate, so both meet the same machine noise.
 */
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { POSTGRES_SESSION, type Db } from '../db/client.ts'
import * as schema from '../db/schema/index.ts'
import { buildApp } from '../server/app.ts'
import { loadConfig } from '../server/config.ts'
import { DEMO_PASSWORD } from '../server/demo/index.ts'
import { BENCH_URL } from './seed/index.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 200)

interface Captured {
  sql: string
  params: unknown[]
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}

async function open() {
  // The same session settings as the app's own pool (db/client.ts).
  const client = postgres(BENCH_URL, { max: 10, onnotice: () => {}, connection: POSTGRES_SESSION })
  const captured: Captured[] = []
  let recording = false
  const db = drizzle({ client, schema, logger: { logQuery: (sql, params) => recording && captured.push({ sql, params }) } }) as unknown as Db
  const probe = await client`select count(*)::int as n from dossiers`.catch(() => null)
  if (!probe || probe[0].n < 1000) throw new Error(`No province-sized data at ${BENCH_URL}: run \`npm run bench:seed\` first.`)
  const app = await buildApp({ db, engine: 'postgres', config: { ...loadConfig({}), demo: false }, logger: false })
  await app.ready()
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'manager', password: DEMO_PASSWORD } })
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  const [unit] = await client`select u.id, u.code, count(*)::int as n from dossiers d join org_units u on u.id = d.org_unit_id group by u.id, u.code order by 3 desc limit 1`
  return {
    client,
    app,
    unit: unit as { id: string; code: string; n: number },
    dossiers: probe[0].n as number,
    async measure(label: string, url: string, targetMs: number) {
      // The app's part ends when it has written the response: the bytes are drained, not
      // decoded back into a string (a real client does that on its own side of the socket).
      const call = async () => {
        const res = await app.inject({ method: 'GET', url, headers: { cookie }, payloadAsStream: true })
        const chunks: Buffer[] = []
        for await (const chunk of res.stream()) if (res.statusCode !== 200) chunks.push(chunk as Buffer)
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 300)}`)
      }
      captured.length = 0
      recording = true
      await call()
      recording = false
      // Everything the request ran, the session look-up included.
      const statements = [...captured]
      const replay = async () => {
        // Sent as a direct client sends a statement (not prepared on the server). The app
        // prepares only its session look-up, a unique-index read.
        for (const st of statements) await client.unsafe(st.sql, st.params as never[])
      }
      const timed = async (f: () => Promise<unknown>) => {
        const t0 = performance.now()
        await f()
        return performance.now() - t0
      }
      for (let i = 0; i < 5; i++) {
        await call()
        await replay()
      }
      // App and replay alternate (in both orders), so both meet the same machine noise.
      const times: number[] = []
      const bare: number[] = []
      for (let i = 0; i < RUNS; i++) {
        if (i % 2) {
          times.push(await timed(call))
          bare.push(await timed(replay))
        } else {
          bare.push(await timed(replay))
          times.push(await timed(call))
        }
      }
      const p50 = percentile(times, 50)
      const p95 = percentile(times, 95)
      const b50 = percentile(bare, 50)
      const ok = p95 < targetMs && p50 <= 1.5 * b50
      console.log(
        `${label.padEnd(52)} p50 ${p50.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  bare SQL p50 ${b50.toFixed(1).padStart(6)} ms (${statements.length} stmt)  ratio ${(p50 / b50).toFixed(2)}  ${ok ? 'PASS' : 'FAIL'} (p95 < ${targetMs} ms, ≤ 1.5× bare)`,
      )
      if (!ok) process.exitCode = 1
    },
    close: async () => {
      await app.close()
      await client.end({ timeout: 5 })
    },
  }
}

/** The last twelve whole months, and a year that starts and ends mid-month. */
function years() {
  const now = new Date()
  const y = now.getFullYear()
  const m = now.getMonth()
  const iso = (d: Date) => d.toISOString().slice(0, 10)
  const whole = { from: iso(new Date(Date.UTC(y - 1, m, 1))), to: iso(new Date(Date.UTC(y, m, 0))) }
  const ragged = { from: iso(new Date(Date.UTC(y - 1, m - 1, 15))), to: iso(new Date(Date.UTC(y, m - 1, 14))) }
  return { whole, ragged }
}

export async function benchStats() {
  const b = await open()
  const { whole, ragged } = years()
  console.log(`${b.dossiers.toLocaleString('en')} dossiers; one unit: ${b.unit.code} (${b.unit.n.toLocaleString('en')} dossiers)`)
  try {
    await b.measure(`stats, province, ${whole.from}..${whole.to}`, `/api/dossiers/stats?from=${whole.from}&to=${whole.to}`, 50)
    await b.measure(`stats, province, ${ragged.from}..${ragged.to}`, `/api/dossiers/stats?from=${ragged.from}&to=${ragged.to}`, 50)
    await b.measure(`stats by procedure, province, ${whole.from}..${whole.to}`, `/api/dossiers/stats?from=${whole.from}&to=${whole.to}&groupBy=procedure`, 50)
    await b.measure(`stats, one unit, ${whole.from}..${whole.to}`, `/api/dossiers/stats?from=${whole.from}&to=${whole.to}&orgUnitId=${b.unit.id}`, 50)
  } finally {
    await b.close()
  }
}

export async function benchCompliance() {
  const b = await open()
  const { whole, ragged } = years()
  try {
    await b.measure(`compliance summary, province, ${whole.from}..${whole.to}`, `/api/reports/compliance?from=${whole.from}&to=${whole.to}`, 50)
    await b.measure(`compliance summary, province, ${ragged.from}..${ragged.to}`, `/api/reports/compliance?from=${ragged.from}&to=${ragged.to}`, 50)
    await b.measure(`compliance summary, one unit, ${whole.from}..${whole.to}`, `/api/reports/compliance?from=${whole.from}&to=${whole.to}&orgUnitId=${b.unit.id}`, 50)
  } finally {
    await b.close()
  }
}

export async function benchLists() {
  const b = await open()
  const { whole } = years()
  const u = b.unit.id
  try {
    for (const [label, url] of [
      ['dossiers, first page', '/api/dossiers?limit=50'],
      ['dossiers, one unit, resolved, one year', `/api/dossiers?limit=50&orgUnitId=${u}&status=returned&from=${whole.from}&to=${whole.to}`],
      ['dossiers, overdue', '/api/dossiers?limit=50&overdue=true'],
      ['inspections, first page', '/api/inspections?limit=50'],
      ['inspections, one unit, internal', `/api/inspections?limit=50&orgUnitId=${u}&kind=internal`],
      ['findings, first page', '/api/findings?limit=50'],
      ['findings, one unit, reminded on the spot', `/api/findings?limit=50&orgUnitId=${u}&handling=on_spot_reminder`],
      ['nonconformities, first page', '/api/nonconformities?limit=50'],
      ['nonconformities, open and overdue', '/api/nonconformities?limit=50&open=true&overdue=true'],
      ['documents, first page', '/api/documents?limit=50'],
    ]) {
      await b.measure(`list: ${label}`, url, 30)
    }
  } finally {
    await b.close()
  }
}

/** "Việc của tôi" for the demo manager, whose scope is the whole province (the widest inbox). */
export async function benchMyWork() {
  const b = await open()
  try {
    await b.measure('my work, manager (20 items a group)', '/api/my-work', 50)
    await b.measure('my work, manager, counts only (the badge)', '/api/my-work?limit=0', 50)
  } finally {
    await b.close()
  }
}
