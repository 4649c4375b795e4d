/**
 * `npm run bench objectives`: computing every indicator of 50 units' quality objectives
 * for a year — one objective per unit with the six computed figures (dossiers on time and
 * online, complaints, ID-badge checks passed, NCs closed by their due date, document
 * reviews), quarterly: 300 indicators, 1,200 periods, each over its unit's subtree.
 * Target: p95 < 100 ms (issue 16).
 *
 * Runs on DATABASE_URL when given, else on the province-sized database of `npm run
 * bench:seed` (BENCH_DATABASE_URL, else qms_bench), migrating it if needed; when that does
 * not answer or holds no dossiers, on a scratch database (embedded, or a new one on the
 * BENCH_DATABASE_URL server) with the demo organisation and units added up to 50. The
 * objectives it adds are removed at the end; nothing is frozen (the timing is the
 * computation a read does for periods not frozen yet).
 */
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { connectPostgres, queryRows, type Db, type DbHandle } from '../db/client.ts'
import { objectiveIndicators, orgUnits, qualityObjectives, type IndicatorMetric } from '../db/schema/index.ts'
import { loadConfig } from '../server/config.ts'
import { loadDemoData } from '../server/demo/index.ts'
import { serviceEnv, systemClock } from '../server/lib/clock.ts'
import { evaluateIndicators, type IndicatorInScope } from '../server/modules/objectives/evaluation.ts'
import { scratchDatabase } from './scratch-database.ts'
import { BENCH_URL } from './seed/index.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 100)
const UNITS = 50
const TARGET_MS = 100

const METRICS: { metric: IndicatorMetric; category: string | null; min: number | null; max: number | null }[] = [
  { metric: 'dossiers_on_time', category: null, min: 100, max: null },
  { metric: 'dossiers_online', category: null, min: 50, max: null },
  { metric: 'complaints_received', category: null, min: null, max: 0 },
  { metric: 'inspection_pass_rate', category: 'id_badge', min: 100, max: null },
  { metric: 'ncs_closed_on_time', category: null, min: 90, max: null },
  { metric: 'documents_reviewed_on_time', category: null, min: 100, max: null },
]

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}

/** Whether the database answers and holds the app's records (never migrate a database that is not the app's). */
async function holdsRecords(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 3 })
  try {
    const [row] = await probe`select to_regclass('public.dossiers') is not null as app`
    if (!row.app) return false
    const [{ n }] = await probe`select count(*)::int as n from (select 1 from dossiers limit 1) d`
    return n > 0
  } catch {
    return false
  } finally {
    await probe.end()
  }
}

/** The database to measure on, and how to let it go. */
async function database(): Promise<{ handle: DbHandle; label: string; done: () => Promise<void> }> {
  const url = process.env.DATABASE_URL ?? BENCH_URL
  if (await holdsRecords(url)) {
    const handle = connectPostgres(url, { max: 4 })
    await handle.migrate()
    return { handle, label: url.replace(/\/\/[^@]*@/, '//'), done: () => handle.close() }
  }
  console.log(`${url.replace(/\/\/[^@]*@/, '//')} does not answer or holds no records (run \`npm run bench:seed\`, or set DATABASE_URL): using a scratch database with the demo data.`)
  const { handle, drop } = await scratchDatabase('objectives')
  await handle.migrate()
  await loadDemoData(handle.db, serviceEnv(systemClock, loadConfig({})))
  return {
    handle,
    label: 'scratch database (demo organisation)',
    done: async () => {
      await handle.close()
      await drop()
    },
  }
}

/** 50 units, the tree's first ones; on a small organisation, units are added under the top one. */
async function fiftyUnits(db: Db, scratch: boolean): Promise<string[]> {
  let units = await queryRows<{ id: string }>(db, sql`select id from org_units where active order by path limit ${UNITS}`)
  if (units.length < UNITS && scratch) {
    const [root] = await queryRows<{ id: string; path: string }>(db, sql`select id, path from org_units where parent_id is null order by path limit 1`)
    for (let i = units.length; i < UNITS; i++) {
      const id = crypto.randomUUID()
      await db.insert(orgUnits).values({ id, code: `BENCH-${i}`, name: `Đơn vị ${i}`, parentId: root.id, path: `${root.path}${id}/` })
    }
    units = await queryRows<{ id: string }>(db, sql`select id from org_units where active order by path limit ${UNITS}`)
  }
  return units.map((u) => u.id)
}

export async function benchObjectives() {
  const { handle, label, done } = await database()
  const db = handle.db
  const env = serviceEnv(systemClock, loadConfig({}))
  const objectiveIds: string[] = []
  try {
    const units = await fiftyUnits(db, label.startsWith('scratch'))
    const [latest] = await queryRows<{ year: number | null }>(db, sql`select extract(year from max(received_at))::int as year from dossiers`)
    // The last whole year with records (the latest year is usually under way).
    const year = latest?.year ? latest.year - 1 : Number(env.now.toISOString().slice(0, 4)) - 1
    const items: IndicatorInScope[] = []
    for (const unitId of units) {
      const [objective] = await db
        .insert(qualityObjectives)
        .values({ year, title: `bench ${process.pid}`, ownerUnitId: unitId, policyStatement: 'bench' })
        .returning()
      objectiveIds.push(objective.id)
      const indicators = await db
        .insert(objectiveIndicators)
        .values(
          METRICS.map((m, i) => ({
            objectiveId: objective.id,
            position: i + 1,
            name: m.metric,
            measure: m.metric === 'complaints_received' ? ('count' as const) : ('percent' as const),
            targetMin: m.min,
            targetMax: m.max,
            frequency: 'quarter' as const,
            source: 'computed' as const,
            metric: m.metric,
            category: m.category,
          })),
        )
        .returning()
      for (const indicator of indicators) items.push({ indicator, year, ownerUnitId: unitId })
    }
    const [{ dossiers }] = await queryRows<{ dossiers: number }>(db, sql`select count(*)::int as dossiers from dossiers`)
    console.log(`${label}: ${units.length} units, ${dossiers.toLocaleString('en')} dossiers; year ${year}, ${items.length} indicators, ${items.length * 4} periods`)

    const run = () => evaluateIndicators(db, items, env, { freeze: false })
    for (let i = 0; i < 5; i++) await run()
    const times: number[] = []
    let periods = 0
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now()
      const result = await run()
      times.push(performance.now() - t0)
      periods = [...result.values()].reduce((n, list) => n + list.length, 0)
    }
    const p50 = percentile(times, 50)
    const p95 = percentile(times, 95)
    console.log(
      `all indicators of ${units.length} units for ${year} (${periods} periods), ${RUNS} runs: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms — target p95 < ${TARGET_MS} ms: ${p95 < TARGET_MS ? 'met' : 'NOT MET'}`,
    )
  } finally {
    if (objectiveIds.length) {
      const list = sql`${`{${objectiveIds.join(',')}}`}::uuid[]`
      await db.execute(sql`delete from objective_indicators where objective_id = any(${list})`)
      await db.execute(sql`delete from quality_objectives where id = any(${list})`)
    }
    await done()
  }
}
