/**
 * A throwaway database for a benchmark: the embedded one on disk in a temporary folder
 * (as `npm start` keeps it in ./data), or a new database on the PostgreSQL server that
 * BENCH_DATABASE_URL names. `drop` removes it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { connectPglite, connectPostgres, type DbHandle, type Engine } from '../db/client.ts'

export async function scratchDatabase(label: string, options: { max?: number } = {}): Promise<{ handle: DbHandle; engine: Engine; drop: () => Promise<void> }> {
  const baseUrl = process.env.BENCH_DATABASE_URL
  if (!baseUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), `qms-bench-${label}-`))
    return { handle: connectPglite(dir), engine: 'pglite', drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const name = `qms_bench_${label}_${process.pid}`
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`drop database if exists "${name}" with (force)`)
  await admin.unsafe(`create database "${name}"`)
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return {
    handle: connectPostgres(url.toString(), options),
    engine: 'postgres',
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`)
      await admin.end()
    },
  }
}
