/**
 * `npm run bench stats | compliance | lists` (after `npm run bench:seed`): read endpoints
 * at province scale, through the real app (buildApp + inject, signed in as the demo
 * manager), each 200 times (BENCH_RUNS) after a warm-up. Prints p50 / p95 and the ratio of the app's
 * p50 to the p50 of the same SQL replayed directly with postgres.js (the statements the
 * app ran for that request, captured by drizzle's logger), sent as the app sent them:
 * statements the app issued side by side (in the same turn of the event loop, so none
 * can wait for another's answer) are replayed side by side, the rest one after the other.
 * App calls and replays alternate, so both meet the same machine noise; each line ends
 * with the machine's load average, as the figures depend on it.
 */
import { loadavg } from 'node:os'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { POSTGRES_SESSION, type Db } from '../db/client.ts'
import * as schema from '../db/schema/index.ts'
import { buildApp } from '../server/app.ts'
import { loadConfig } from '../server/config.ts'
import { DEMO_PASSWORD } from '../server/demo/index.ts'
import { BENCH_URL } from './seed/index.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 200)
/** BENCH_PROFILE=1: also time each statement of a request alone (median of 7) and print the slowest. */
const PROFILE = process.env.BENCH_PROFILE === '1'

interface Captured {
  sql: string
  params: unknown[]
  /** Statements of one wave were issued in the same turn of the event loop. */
  wave: number
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
  let wave = 0
  let waveOpen = false
  const logQuery = (sql: string, params: unknown[]) => {
    if (!recording) return
    // An answer arrives in a later turn of the loop (after setImmediate), so a statement
    // that waited for another always opens a new wave.
    if (!waveOpen) {
      wave++
      waveOpen = true
      setImmediate(() => (waveOpen = false))
    }
    captured.push({ sql, params, wave })
  }
  const db = drizzle({ client, schema, logger: { logQuery } }) as unknown as Db
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
    /** `maxRatio`: the app's p50 against the bare SQL's (Infinity: printed, not a target). */
    async measure(label: string, url: string, targetMs: number, maxRatio = 1.5) {
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
      // Everything the request ran, the session look-up included, wave by wave.
      const statements = [...captured]
      const waves: Captured[][] = []
      for (const st of statements) {
        const last = waves.at(-1)
        if (last && last[0]!.wave === st.wave) last.push(st)
        else waves.push([st])
      }
      const replay = async () => {
        // Sent as a direct client sends a statement (not prepared on the server; the app
        // prepares only its session look-up, a unique-index read), side by side where the
        // app sent them side by side.
        for (const group of waves) await Promise.all(group.map((st) => client.unsafe(st.sql, st.params as never[])))
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
      if (PROFILE) {
        const alone: { ms: number; sql: string }[] = []
        for (const st of statements) {
          const runs: number[] = []
          for (let i = 0; i < 7; i++) runs.push(await timed(() => client.unsafe(st.sql, st.params as never[])))
          alone.push({ ms: percentile(runs, 50), sql: st.sql.replace(/\s+/g, ' ').slice(0, 110) })
        }
        for (const a of alone.sort((x, y) => y.ms - x.ms).slice(0, 8)) console.log(`    ${a.ms.toFixed(1).padStart(6)} ms  ${a.sql}`)
      }
      const ok = p95 < targetMs && p50 <= maxRatio * b50
      const shape = waves.length === statements.length ? `${statements.length} stmt` : `${statements.length} stmt in ${waves.length} waves`
      console.log(
        `${label.padEnd(52)} p50 ${p50.toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  bare SQL p50 ${b50.toFixed(1).padStart(6)} ms (${shape})  ratio ${(p50 / b50).toFixed(2)}  ${ok ? 'PASS' : 'FAIL'} (p95 < ${targetMs} ms${maxRatio === Infinity ? '' : `, ≤ ${maxRatio}× bare`})  load ${loadavg()[0].toFixed(1)}`,
      )
      if (!ok) process.exitCode = 1
      return { p50, p95 }
    },
    close: async () => {
      await app.close()
      await client.end({ timeout: 5 })
    },
  }
}

/** The last twelve whole months, a year that starts and ends mid-month, and the last whole month. */
function years() {
  const now = new Date()
  const y = now.getFullYear()
  const m = now.getMonth()
  const iso = (d: Date) => d.toISOString().slice(0, 10)
  const whole = { from: iso(new Date(Date.UTC(y - 1, m, 1))), to: iso(new Date(Date.UTC(y, m, 0))) }
  const ragged = { from: iso(new Date(Date.UTC(y - 1, m - 1, 15))), to: iso(new Date(Date.UTC(y, m - 1, 14))) }
  const month = { from: iso(new Date(Date.UTC(y, m - 1, 1))), to: iso(new Date(Date.UTC(y, m, 0))) }
  return { whole, ragged, month }
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
    const year = await b.measure(`compliance summary, province, ${whole.from}..${whole.to}`, `/api/reports/compliance?from=${whole.from}&to=${whole.to}`, 50)
    await b.measure(`compliance summary, province, ${ragged.from}..${ragged.to}`, `/api/reports/compliance?from=${ragged.from}&to=${ragged.to}`, 50)
    await b.measure(`compliance summary, one unit, ${whole.from}..${whole.to}`, `/api/reports/compliance?from=${whole.from}&to=${whole.to}&orgUnitId=${b.unit.id}`, 50)
    // Issue 15: the cost must not grow with history. The seed holds three years.
    for (const years of [3, 5]) {
      const from = `${Number(whole.from.slice(0, 4)) - (years - 1)}${whole.from.slice(4)}`
      const longer = await b.measure(`compliance summary, province, ${years} years`, `/api/reports/compliance?from=${from}&to=${whole.to}`, 75)
      const ratio = longer.p50 / year.p50
      const ok = ratio <= 1.5
      console.log(`  ${years} years against 12 months: ${ratio.toFixed(2)}× at p50  ${ok ? 'PASS' : 'FAIL'} (≤ 1.5×: the cost must not grow with history)`)
      if (!ok) process.exitCode = 1
    }
  } finally {
    await b.close()
  }
}

export async function benchLists() {
  const b = await open()
  const { whole, month } = years()
  const u = b.unit.id
  try {
    for (const [label, url] of [
      ['dossiers, first page', '/api/dossiers?limit=50'],
      ['dossiers, one unit, resolved, one year', `/api/dossiers?limit=50&orgUnitId=${u}&status=returned&from=${whole.from}&to=${whole.to}`],
      ['dossiers, one unit, one month', `/api/dossiers?limit=50&orgUnitId=${u}&from=${month.from}&to=${month.to}`],
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

/**
 * `npm run bench search`: the lists' `q=` at province scale (server/lib/search.ts): a whole
 * dossier code, a code prefix, a short term, applicant names with and without diacritics
 * (the seed names applicants as the province's people are named: a full name is shared by
 * a few hundred to a few thousand dossiers, "Nguyễn" by a third of them), a term with no
 * match, a second page, and the NC and document lists. Target: p95 < 50 ms.
 */
export async function benchSearch() {
  const b = await open()
  // A dossier from about a year ago: its code, and the first six characters of it.
  const [d] = await b.client`select code from dossiers where received_at < now() - interval '1 year' order by received_at desc limit 1`
  const code = d.code as string
  const [nc] = await b.client`select number from nonconformities order by number desc offset 100 limit 1`
  const ncCode = `NC-${String(nc.number).padStart(4, '0')}`
  const q = (s: string) => encodeURIComponent(s)
  const first = await b.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'manager', password: DEMO_PASSWORD } })
  const cookie = first.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  const page1 = (await b.app.inject({ method: 'GET', url: `/api/dossiers?limit=50&q=${q('nguyen van an')}`, headers: { cookie } })).json()
  const counts = await b.client`select
      (select count(*)::int from dossiers where search like '%le minh tuan%') as typical,
      (select count(*)::int from dossiers where search like '%nguyen van an%') as name,
      (select count(*)::int from dossiers where search like '%cong ty tnhh thuy san hoa%') as business,
      (select count(*)::int from dossiers where search like '%nguyen%') as family,
      (select count(*)::int from dossiers where search like ${`%${code.slice(0, 6).toLowerCase()}%`}) as prefix`
  console.log(`${b.dossiers.toLocaleString('en')} dossiers; code ${code}; "le minh tuan" matches ${counts[0].typical}, "nguyen van an" ${counts[0].name}, "cong ty tnhh thuy san hoa" ${counts[0].business}, "nguyen" ${counts[0].family}, prefix ${code.slice(0, 6)} ${counts[0].prefix}`)
  try {
    for (const [label, url] of [
      [`dossiers, a whole code (${code})`, `/api/dossiers?limit=50&q=${q(code)}`],
      [`dossiers, a code prefix (${code.slice(0, 6)})`, `/api/dossiers?limit=50&q=${q(code.slice(0, 6))}`],
      [`dossiers, a short term (${code.slice(0, 2)}: code prefix)`, `/api/dossiers?limit=50&q=${q(code.slice(0, 2))}`],
      ['dossiers, "Lê Minh Tuấn"', `/api/dossiers?limit=50&q=${q('Lê Minh Tuấn')}`],
      ['dossiers, "le minh tuan"', `/api/dossiers?limit=50&q=${q('le minh tuan')}`],
      ['dossiers, "Nguyễn Văn An"', `/api/dossiers?limit=50&q=${q('Nguyễn Văn An')}`],
      ['dossiers, "nguyen van an"', `/api/dossiers?limit=50&q=${q('nguyen van an')}`],
      ['dossiers, "nguyen van an", second page', `/api/dossiers?limit=50&q=${q('nguyen van an')}&cursor=${page1.nextCursor}`],
      ['dossiers, "Nguyễn" (a third of all)', `/api/dossiers?limit=50&q=${q('Nguyễn')}`],
      ['dossiers, "Công ty TNHH Thủy sản Hoa"', `/api/dossiers?limit=50&q=${q('Công ty TNHH Thủy sản Hoa')}`],
      ['dossiers, no match ("Trương Vô Kỵ")', `/api/dossiers?limit=50&q=${q('Trương Vô Kỵ')}`],
      ['dossiers, no match, one unit, one status', `/api/dossiers?limit=50&q=${q('Trương Vô Kỵ')}&orgUnitId=${b.unit.id}&status=returned`],
      [`nonconformities, a code (${ncCode})`, `/api/nonconformities?limit=50&q=${q(ncCode)}`],
      ['nonconformities, "khong phu hop so 4242"', `/api/nonconformities?limit=50&q=${q('khong phu hop so 4242')}`],
      ['nonconformities, no match', `/api/nonconformities?limit=50&q=${q('Trương Vô Kỵ')}`],
      ['documents, "quy trinh"', `/api/documents?limit=50&q=${q('quy trinh')}`],
      ['users, "cong chuc so 17"', `/api/users?limit=50&q=${q('cong chuc so 17')}`],
      ['procedures, "thu tuc hanh chinh so 1"', `/api/procedures?limit=50&q=${q('thu tuc hanh chinh so 1')}`],
    ]) {
      // The issue's target is the p95; users and procedures build their query per request (not prepared), ~1 ms.
      await b.measure(`search: ${label}`, url, 50, Infinity)
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
