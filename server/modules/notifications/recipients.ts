/**
 * Who is told: the people a notification goes to by their place in the organisation,
 * shared by every module that sends one (escalation, hand-offs, reminders).
 */
import { and, arrayContains, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import { orgUnits, users } from '../../../db/schema/index.ts'

/**
 * The heads responsible for each unit: the active heads (dept_head, able to sign in) of
 * the unit itself or, when it has none, of the nearest unit above it. One query for all units.
 */
export async function responsibleHeads(db: Db, unitIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>()
  if (!unitIds.length) return result
  const target = alias(orgUnits, 'target')
  const rows = await db
    .select({ unitId: target.id, userId: users.id, depth: sql<number>`length(${orgUnits.path})` })
    .from(target)
    .innerJoin(orgUnits, sql`${target.path} like ${orgUnits.path} || '%'`)
    .innerJoin(users, eq(users.orgUnitId, orgUnits.id))
    .where(and(inArray(target.id, unitIds), eq(users.active, true), isNotNull(users.passwordHash), arrayContains(users.roles, ['dept_head'])))
  const nearest = new Map<string, number>()
  for (const r of rows) nearest.set(r.unitId, Math.max(nearest.get(r.unitId) ?? 0, Number(r.depth)))
  for (const r of rows) {
    if (Number(r.depth) !== nearest.get(r.unitId)) continue
    result.set(r.unitId, [...(result.get(r.unitId) ?? []), r.userId])
  }
  return result
}

/** Active users with a role who can sign in (managers for escalation, auditors for verification). */
export async function usersWithRole(db: Db, role: 'manager' | 'auditor'): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), isNotNull(users.passwordHash), arrayContains(users.roles, [role])))
  return rows.map((r) => r.id)
}
