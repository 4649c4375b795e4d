/**
 * The units an actor may see under a permission, as the shape and value of a list query
 * over a unit's path column (`unitScope` gives both, `inUnitScope` the condition, with
 * the value inline or as a placeholder of a prepared query).
 */
import { eq, sql, type Placeholder, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { visibleUnitPaths, type Actor, type Permission } from './permissions.ts'

/** everything; a unit and the units below it; one unit; nothing. */
export type ScopeKind = 'all' | 'subtree' | 'unit' | 'none'

export interface UnitScope {
  kind: ScopeKind
  /** The LIKE pattern (subtree) or the path (unit). */
  match: string | undefined
}

export function unitScope(actor: Actor, permission: Permission): UnitScope {
  const visible = visibleUnitPaths(actor, permission)
  if (visible === 'all') return { kind: 'all', match: undefined }
  if (visible.prefixes.length) return { kind: 'subtree', match: `${visible.prefixes[0].replace(/[\\%_]/g, (c) => `\\${c}`)}%` }
  if (visible.exact.length) return { kind: 'unit', match: visible.exact[0] }
  return { kind: 'none', match: undefined }
}

/** The scope as a condition on `pathColumn`; undefined when it is everything. */
export function inUnitScope(kind: ScopeKind, pathColumn: AnyPgColumn, match: string | Placeholder | undefined): SQL | undefined {
  switch (kind) {
    case 'all':
      return undefined
    case 'subtree':
      return sql`${pathColumn} like ${match}`
    case 'unit':
      return eq(pathColumn, match!)
    case 'none':
      return sql`false`
  }
}
