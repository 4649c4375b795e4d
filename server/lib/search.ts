import { or, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

/**
 * `q` found anywhere in any of the columns, ignoring case and Vietnamese diacritics
 * (`qms_fold`, migration 0002).
 */
export function matchesText(q: string | undefined, ...columns: (AnyPgColumn | SQL)[]): SQL | undefined {
  const pattern = containsPattern(q)
  return pattern === undefined ? undefined : matchesPattern(pattern, ...columns)
}

/** The LIKE pattern `matchesText` looks for; undefined for a blank query. */
export function containsPattern(q: string | undefined): string | undefined {
  const needle = q?.trim()
  return needle ? `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined
}

/** `matchesText` with the pattern given (a placeholder in a prepared query: see `containsPattern`). */
export function matchesPattern(pattern: string | Placeholder, ...columns: (AnyPgColumn | SQL)[]): SQL | undefined {
  return or(...columns.map((c) => sql`qms_fold(${c}) like qms_fold(${pattern})`))
}
