import { or, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

/**
 * `q` found anywhere in any of the columns, ignoring case and Vietnamese diacritics
 * (`qms_fold`, migration 0002).
 */
export function matchesText(q: string | undefined, ...columns: (AnyPgColumn | SQL)[]): SQL | undefined {
  const needle = q?.trim()
  if (!needle) return undefined
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return or(...columns.map((c) => sql`qms_fold(${c}) like qms_fold(${pattern})`))
}
