import { sql } from 'drizzle-orm'
import { boolean, check, index, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { id, timestamps, version, searchIndex, searchText } from './columns.ts'

/**
 * The agency's tree of units (board → departments → sub-units).
 * `path` is the chain of ids from the root, `/root/…/self/`, kept by the service
 * so that "this unit and everything below it" is a prefix match in SQL.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    search: searchText(`code || ' ' || name`),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id, { onDelete: 'restrict' }),
    path: text('path').notNull(),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('org_units_code_key').on(sql`lower(${t.code})`),
    index('org_units_parent_idx').on(t.parentId),
    index('org_units_path_idx').on(t.path.op('text_pattern_ops')),
    searchIndex('org_units_search_idx', t.search),
    check('org_units_code_not_blank', sql`length(trim(${t.code})) > 0`),
  ],
)

export type OrgUnitRow = typeof orgUnits.$inferSelect
