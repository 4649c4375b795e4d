/**
 * Bulk writes for the import: one statement per few thousand rows, each column sent as
 * a single array parameter and spread by `unnest`. Building a 20-column, 1,000-row
 * VALUES list through the query builder costs more than PostgreSQL's work; this does not.
 * Plain SQL that PostgreSQL and PGlite both run.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'

export type BulkType = 'uuid' | 'text' | 'int' | 'timestamptz'

export interface BulkColumn<T> {
  /** SQL column name. */
  column: string
  type: BulkType
  value: (row: T) => string | number | Date | null | undefined
}

/** A PostgreSQL array literal, `{"a","b",NULL}`: every element quoted, so any text is safe. */
export function arrayLiteral(values: (string | number | Date | null | undefined)[]): string {
  let out = '{'
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (i) out += ','
    if (v === null || v === undefined) out += 'NULL'
    else out += `"${(v instanceof Date ? v.toISOString() : String(v)).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
  }
  return `${out}}`
}

/** `insert into <table> (<columns>) select * from unnest(<one array per column>) <suffix>` for each chunk of rows. */
export async function bulkInsert<T>(db: Db, table: string, columns: BulkColumn<T>[], rows: T[], options: { chunk?: number; suffix?: SQL } = {}) {
  const size = options.chunk ?? 5000
  const names = sql.raw(columns.map((c) => c.column).join(', '))
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size)
    const arrays = columns.map((c) => sql`${arrayLiteral(chunk.map(c.value))}::${sql.raw(c.type)}[]`)
    await db.execute(sql`insert into ${sql.raw(table)} (${names}) select * from unnest(${sql.join(arrays, sql`, `)}) ${options.suffix ?? sql``}`)
  }
}
