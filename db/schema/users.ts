import { sql } from 'drizzle-orm'
import { boolean, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps, version, instant, searchIndex, searchText } from './columns.ts'
import { orgUnits } from './org-units.ts'

export const ROLES = ['admin', 'manager', 'auditor', 'dept_head', 'staff'] as const
export type Role = (typeof ROLES)[number]

/**
 * Everyone the system knows: people who sign in and people who are only inspected
 * (those have no password and cannot sign in).
 */
export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    search: searchText(`username || ' ' || full_name`),
    position: text('position'),
    email: text('email'),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    roles: text('roles').array().$type<Role[]>().notNull().default(sql`'{}'::text[]`),
    passwordHash: text('password_hash'),
    active: boolean('active').notNull().default(true),
    lastLoginAt: instant('last_login_at'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    index('users_org_unit_idx').on(t.orgUnitId),
    searchIndex('users_search_idx', t.search),
    check('users_roles_valid', sql`${t.roles} <@ ARRAY['admin','manager','auditor','dept_head','staff']::text[]`),
    check('users_username_format', sql`${t.username} ~ '^[A-Za-z0-9._-]{2,64}$'`),
  ],
)

export type UserRow = typeof users.$inferSelect
