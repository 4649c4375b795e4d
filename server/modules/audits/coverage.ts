/**
 * The coverage matrix of a programme: clauses 4–10 × units, each cell saying whether an
 * audit of the programme covers that unit and a clause under that one (planned), whether
 * the unit's inspection of such an audit is completed (audited), or neither (uncovered).
 * Counted by the database in one query, the units in a second.
 */
import { and, asc, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { inspections, orgUnits, programmeAudits, programmeAuditUnits } from '../../../db/schema/index.ts'
import type { Actor } from '../../lib/permissions.ts'
import { inUnitScope, unitScope } from '../../lib/unit-scope.ts'
import { listIsoClauses } from '../iso-clauses/service.ts'
import type { CoverageMatrix } from './schemas.ts'
import { programmeRow } from './service.ts'

const TOP_CLAUSES = listIsoClauses().items.filter((c) => c.parent === null)

export async function coverageMatrix(db: Db, actor: Actor, programmeId: string): Promise<CoverageMatrix> {
  const programme = await programmeRow(db, actor, programmeId)
  const scope = unitScope(actor, 'audit_programme.read')
  // Each audit's top-level clauses (7.5.3 → 7), once per audit.
  const tops = db
    .selectDistinct({ auditId: sql<string>`${programmeAudits.id}`.as('audit_id'), clause: sql<string>`split_part(unnest(${programmeAudits.clauseNumbers}), '.', 1)`.as('clause') })
    .from(programmeAudits)
    .where(and(eq(programmeAudits.programmeId, programmeId), ne(programmeAudits.status, 'cancelled')))
    .as('tops')
  const [units, counts] = await Promise.all([
    db
      .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path })
      .from(orgUnits)
      .where(and(eq(orgUnits.active, true), inUnitScope(scope.kind, orgUnits.path, scope.match)))
      .orderBy(asc(orgUnits.path)),
    db
      .select({
        unitId: programmeAuditUnits.orgUnitId,
        clause: sql<string>`tops.clause`,
        planned: sql<number>`count(*)::int`,
        audited: sql<number>`(count(*) filter (where ${inspections.status} = 'completed'))::int`,
      })
      .from(tops)
      .innerJoin(programmeAuditUnits, sql`${programmeAuditUnits.auditId} = tops.audit_id`)
      .leftJoin(inspections, eq(inspections.id, programmeAuditUnits.inspectionId))
      // Qualified by hand: drizzle writes a subquery's aliased columns bare, which the join makes ambiguous.
      .groupBy(programmeAuditUnits.orgUnitId, sql`tops.clause`),
  ])
  const byCell = new Map(counts.map((c) => [`${c.unitId}|${c.clause}`, c]))
  const totals = { cells: 0, audited: 0, planned: 0, uncovered: 0 }
  return {
    programmeId,
    year: programme.year,
    clauses: TOP_CLAUSES.map((c) => ({ number: c.number, en: c.en, vi: c.vi })),
    units: units.map((u) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      depth: u.path.split('/').filter(Boolean).length - 1,
      cells: TOP_CLAUSES.map((c) => {
        const n = byCell.get(`${u.id}|${c.number}`)
        const planned = Number(n?.planned ?? 0)
        const audited = Number(n?.audited ?? 0)
        const state = audited > 0 ? 'audited' : planned > 0 ? 'planned' : 'uncovered'
        totals.cells++
        totals[state]++
        return { clause: c.number, planned, audited, state }
      }),
    })),
    totals,
  }
}
