import { and, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'
import { invalidField } from './problems.ts'

export const DEFAULT_LIMIT = 50

export interface PageRequest {
  limit?: number
  cursor?: string
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

type CursorValue = string | number | boolean | null

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

export function decodeCursor(cursor: string, length: number): CursorValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(values) && values.length === length) return values
  } catch {
    // fall through to the 400 below
  }
  throw invalidField('query.cursor', 'field.bad-cursor')
}

const badCursor = () => invalidField('query.cursor', 'field.bad-cursor')
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * A cursor comes back from the client, so it may be forged: each value must fit its
 * column's type, or PostgreSQL would answer a cast error (a 500) instead of our 400.
 */
function checkCursorValue(column: PgColumn, value: unknown): void {
  if (value === null) {
    if (column.notNull) throw badCursor()
    return
  }
  const ok = (() => {
    switch (column.columnType) {
      case 'PgUUID':
        return typeof value === 'string' && UUID.test(value)
      case 'PgInteger':
      case 'PgSmallInt':
      case 'PgSerial':
        return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2147483647
      case 'PgBigInt53':
        return typeof value === 'number' && Number.isSafeInteger(value)
      case 'PgDateString':
      case 'PgDate': {
        if (typeof value !== 'string' || !DATE.test(value)) return false
        const at = new Date(`${value}T00:00:00Z`)
        return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(value) && value >= '0001'
      }
      case 'PgTimestamp':
      case 'PgTimestampString': {
        if (typeof value !== 'string' || value.length > 40) return false
        const at = new Date(value)
        return !Number.isNaN(at.getTime()) && at.getUTCFullYear() >= 1 && at.getUTCFullYear() <= 9999
      }
      case 'PgText':
      case 'PgVarchar':
      case 'PgChar':
        return typeof value === 'string' && value.length <= 1000 && !value.includes('\0')
      default:
        // Other keys keys: bounded, no NUL (PostgreSQL text cannot hold it).
        return (typeof value === 'string' && value.length <= 1000 && !value.includes('\0')) || typeof value === 'number'
    }
  })()
  if (!ok) throw badCursor()
}

interface SortKey {
  column: PgColumn
  /** Turns the cursor's JSON value back into the column's type (e.g. a Date). */
  parse?: (value: CursorValue) => unknown
  /** The value in the cursor for a row. */
  read: (row: any) => CursorValue
}

/**
 * Keyset pagination over a unique sort key (the last key must be unique, e.g. the id).
 * `where` is the condition for rows after the cursor; fetch `limit + 1` rows and pass
 * them to `page()`.
 */
export function keyset(keys: SortKey[], request: PageRequest, direction: 'asc' | 'desc' = 'asc') {
  const limit = request.limit ?? DEFAULT_LIMIT
  const values = request.cursor
    ? decodeCursor(request.cursor, keys.length).map((v, i) => {
        checkCursorValue(keys[i].column, v)
        return keys[i].parse ? keys[i].parse!(v) : v
      })
    : undefined
  const params: Record<string, unknown> = { limit: limit + 1 }
  values?.forEach((v, i) => (params[`cursor${i}`] = v instanceof Date ? v.toISOString() : v))
  return {
    where: values && afterRow(keys, values, direction),
    limit: limit + 1,
    /** Whether the request continues from a cursor (the shape of a prepared list query). */
    hasCursor: values !== undefined,
    /** The values for a prepared list query: `limit`, `cursor0`, `cursor1`, … (see `afterCursor`). */
    params,
    page<R, T>(rows: R[], map: (row: R) => T): Page<T> {
      const more = rows.length > limit
      const shown = more ? rows.slice(0, limit) : rows
      const last = shown.at(-1)
      return {
        items: shown.map(map),
        nextCursor: more && last ? encodeCursor(keys.map((k) => k.read(last))) : null,
      }
    },
  }
}

// (a, b, c) after (x, y, z)  ⇔  a > x or (a = x and (b > y or (b = y and c > z)))
function afterRow(keys: SortKey[], values: unknown[], direction: 'asc' | 'desc'): SQL | undefined {
  const cmp = direction === 'asc' ? gt : lt
  let where: SQL | undefined
  for (let i = keys.length - 1; i >= 0; i--) {
    const after = cmp(keys[i].column, values[i])
    where = where ? or(after, and(eq(keys[i].column, values[i]), where)) : after
  }
  return where
}

/** The keyset condition of a prepared list query, its values as placeholders `cursor0`, `cursor1`, … (`keyset(…).params`). */
export function afterCursor(keys: SortKey[], direction: 'asc' | 'desc' = 'asc'): SQL | undefined {
  return afterRow(keys, keys.map((_, i) => sql.placeholder(`cursor${i}`)), direction)
}

export const dateKey = (column: PgColumn, read: (row: any) => Date): SortKey => ({
  column,
  read: (row) => read(row).toISOString(),
  parse: (v) => {
    const at = new Date(String(v))
    if (Number.isNaN(at.getTime())) throw invalidField('query.cursor', 'field.bad-cursor')
    return at
  },
})

export const textKey = (column: PgColumn, read: (row: any) => string | null): SortKey => ({ column, read })
