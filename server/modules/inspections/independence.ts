/**
 * Auditors are independent of what they audit (ISO 9001:2015 clause 9.2.2 c): nobody is
 * lead or member of the team of an internal audit of their own unit, or of a unit above
 * theirs (their unit is "within" the audited unit's subtree). Checked where an internal
 * audit's people are set: an internal_audit inspection (inspections/service.ts) and an
 * audit of the programme (audits/service.ts).
 */
import { and, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import { orgUnits, users } from '../../../db/schema/index.ts'
import { fieldError, unprocessable } from '../../lib/problems.ts'

const audited = alias(orgUnits, 'audited_unit')
const own = alias(orgUnits, 'own_unit')

/** One person put on the audit, and the request field that put them there (`leadAuditorId`, `teamIds.2`). */
export interface AuditPerson {
  field: string
  userId: string
}

/**
 * 422 `audit.not-independent` naming the first person whose unit is one of `unitIds`
 * or below one, with a field error for each such person. One query.
 */
export async function assertIndependent(db: Db, unitIds: string[], people: AuditPerson[]): Promise<void> {
  if (!unitIds.length || !people.length) return
  const rows = await db
    .select({ userId: users.id, person: users.fullName, unit: audited.name })
    .from(users)
    .innerJoin(own, sql`${own.id} = ${users.orgUnitId}`)
    .innerJoin(audited, and(inArray(audited.id, unitIds), sql`starts_with(${own.path}, ${audited.path})`))
    .where(inArray(users.id, [...new Set(people.map((p) => p.userId))]))
    .orderBy(sql`length(${audited.path})`)
  if (!rows.length) return
  const byUser = new Map<string, { person: string; unit: string }>()
  for (const r of rows) if (!byUser.has(r.userId)) byUser.set(r.userId, { person: r.person, unit: r.unit })
  const errors = people.flatMap((p) => {
    const hit = byUser.get(p.userId)
    return hit ? [fieldError(p.field, 'audit.field-not-independent', hit)] : []
  })
  throw unprocessable('audit.not-independent', errors[0].params as { person: string; unit: string }, errors)
}
