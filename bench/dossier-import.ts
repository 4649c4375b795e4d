/**
 * `npm run bench import`: 50,000 dossiers imported through the real endpoint into
 * PostgreSQL (target: under 30 s), then the same file again (idempotent: nothing
 * changes) and a dry run. Uses BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres, in a temporary database it drops. When the
 * province-sized database of `npm run bench:seed` (qms_bench) is there, the first import
 * is timed again into a copy of it (1M dossiers already recorded; issue 15, item 6).
 * BENCH_IMPORT_TEMPLATE names another database to copy instead (a copy of qms_bench, so
 * that other benches can read qms_bench meanwhile); BENCH_IMPORT_ONLY=empty|copy runs
 * one of the two.
 */
import { sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import postgres from 'postgres'
import { connectPostgres, queryRows } from '../db/client.ts'
import { buildApp } from '../server/app.ts'
import { loadConfig } from '../server/config.ts'
import { DEMO_PASSWORD, loadDemoData } from '../server/demo/index.ts'
import { DEMO_PROCEDURES } from '../server/demo/procedures.ts'
import { serviceEnv, systemClock } from '../server/lib/clock.ts'

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000)
const TARGET_SECONDS = 30
/** The province-sized database copied for the last run. */
const TEMPLATE = process.env.BENCH_IMPORT_TEMPLATE ?? 'qms_bench'

function multipart(name: string, bytes: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----qmsbench'
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/** A one-stop-shop export with Vietnamese headings: mostly finished dossiers, some in progress. */
function generateRows(n: number): string[][] {
  let seed = 42
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  const rows: string[][] = []
  const pad = (v: number) => String(v).padStart(2, '0')
  for (let i = 0; i < n; i++) {
    const p = DEMO_PROCEDURES[Math.floor(rand() * DEMO_PROCEDURES.length)]
    // Weekdays of 2021 (holidays do not matter for the figures: dates only need to be valid).
    const day = new Date(Date.UTC(2021, 0, 4) + Math.floor(rand() * 300) * 86_400_000)
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 2)
    const d = (date: Date, h: number, m: number) => `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()} ${pad(h)}:${pad(m)}`
    const resolvedDay = new Date(day.getTime() + Math.floor(rand() * (p.days + 3)) * 86_400_000)
    const r = rand()
    const status = r < 0.7 ? 'Đã trả kết quả' : r < 0.85 ? 'Đã giải quyết' : 'Đang xử lý'
    rows.push([
      `BENCH-${String(i + 1).padStart(6, '0')}`,
      p.code,
      `Công ty TNHH Thử nghiệm ${i % 997}`,
      rand() < 0.5 ? 'Trực tuyến' : rand() < 0.9 ? 'Trực tiếp' : 'Bưu chính công ích',
      d(day, 8 + Math.floor(rand() * 8), Math.floor(rand() * 60)),
      status === 'Đang xử lý' ? '' : d(resolvedDay, 16, 30),
      status === 'Đã trả kết quả' ? d(new Date(resolvedDay.getTime() + 86_400_000), 16, 45) : '',
      status,
    ])
  }
  return rows
}

const HEADINGS = ['Mã hồ sơ', 'Mã thủ tục', 'Chủ hồ sơ', 'Hình thức nộp', 'Ngày tiếp nhận', 'Ngày có kết quả', 'Ngày trả kết quả', 'Trạng thái']
const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

export async function benchImport() {
  const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const only = process.env.BENCH_IMPORT_ONLY
  if (only !== 'copy') await importInto(baseUrl, null)
  if (only === 'empty') return
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  const [seeded] = await admin`select 1 from pg_database where datname = ${TEMPLATE}`
  await admin.end({ timeout: 5 })
  if (seeded) await importInto(baseUrl, TEMPLATE)
  else console.log(`(no ${TEMPLATE} database: run \`npm run bench:seed\` to time the import into a province-sized database too)`)
}

/** Into an empty database with the demo organisation, or into a copy of `template`. */
async function importInto(baseUrl: string, template: string | null) {
  const name = `qms_bench_import_${process.pid}`
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists "${name}" with (force)`)
  const copying = performance.now()
  await admin.unsafe(template ? `create database "${name}" template "${template}"` : `create database "${name}"`)
  if (template) console.log(`\ninto a copy of ${template} (copied in ${((performance.now() - copying) / 1000).toFixed(0)} s):`)
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  const handle = connectPostgres(url.toString())
  try {
    await handle.migrate()
    if (!template) await loadDemoData(handle.db, serviceEnv(systemClock, loadConfig({})))
    const app = await buildApp({ db: handle.db, engine: 'postgres', config: { ...loadConfig({}), importMaxBytes: 100 * 1024 * 1024, stallSeconds: 0 }, logger: false })
    await app.ready()
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } })
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    const csrf = login.json().csrfToken as string

    const rows = generateRows(ROWS)
    const csv = Buffer.from([HEADINGS, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'), 'utf8')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Hồ sơ')
    sheet.addRow(HEADINGS)
    for (const r of rows) sheet.addRow(r)
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer())
    console.log(`${ROWS.toLocaleString('en')} rows: CSV ${(csv.length / 1e6).toFixed(1)} MB, XLSX ${(xlsx.length / 1e6).toFixed(1)} MB; PostgreSQL, 2 cores`)

    const run = async (label: string, file: string, bytes: Buffer, fields: Record<string, string> = {}) => {
      const body = multipart(file, bytes, fields)
      // Peak resident memory during the import, sampled: the figure docs/dossiers.md quotes.
      const before = process.memoryUsage.rss()
      let peak = before
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage.rss())
      }, 20)
      const started = performance.now()
      const res = await app.inject({ method: 'POST', url: '/api/dossiers/import', headers: { ...body.headers, cookie, 'x-csrf-token': csrf }, payload: body.payload })
      const seconds = (performance.now() - started) / 1000
      clearInterval(sampler)
      const report = res.json()
      if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 500)}`)
      console.log(
        `${label.padEnd(34)} ${seconds.toFixed(2).padStart(6)} s  (${Math.round(ROWS / seconds).toLocaleString('en')} rows/s)  created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}; peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (+${((peak - before) / 2 ** 20).toFixed(0)} MB)`,
      )
      return seconds
    }
    const [{ n: before }] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from dossiers`)
    if (template) console.log(`${before.toLocaleString('en')} dossiers recorded before the import`)
    const first = await run('CSV, first import', 'bench.csv', csv)
    if (template) {
      const verdict = first < TARGET_SECONDS ? 'PASS' : 'FAIL'
      console.log(`${verdict}: target ${TARGET_SECONDS} s for ${ROWS.toLocaleString('en')} rows into ${before.toLocaleString('en')} dossiers`)
      await app.close()
      if (verdict === 'FAIL') process.exitCode = 1
      return
    }
    await run('CSV, same file again (idempotent)', 'bench.csv', csv)
    await run('XLSX, dry run', 'bench.xlsx', xlsx, { dryRun: 'true' })
    const changed = Buffer.from(csv.toString('utf8').replace(/Công ty TNHH Thử nghiệm/g, 'Công ty CP Thử nghiệm'), 'utf8')
    const update = await run('CSV, every row changed (update)', 'bench.csv', changed)
    const counted = await app.inject({ method: 'GET', url: '/api/dossiers/stats?from=2021-01-01&to=2021-12-31', headers: { cookie } })
    console.log(`statistics for 2021 afterwards: received ${counted.json().total.receivedTotal.toLocaleString('en')}`)
    const verdict = Math.max(first, update) < TARGET_SECONDS ? 'PASS' : 'FAIL'
    console.log(`${verdict}: target ${TARGET_SECONDS} s for ${ROWS.toLocaleString('en')} rows`)
    await app.close()
    if (verdict === 'FAIL') process.exitCode = 1
  } finally {
    await handle.close()
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.end({ timeout: 5 })
  }
}
