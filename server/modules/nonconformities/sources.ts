/**
 * What an NC's `sourceId` may point at, per source. Without these rules a head could
 * attach an NC to another unit's finding (blocking that unit's own NC with a 409 and
 * hiding it from them) or call a dossier handled on time "late". Every check is one
 * query, run inside the caller's transaction; a record the actor cannot read answers
 * exactly like one that does not exist.
 */
import { eq } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { complaints, dossiers, findings, inspections, objectiveIndicators, objectiveIndicatorValues, orgUnits, planTasks, qualityObjectives, type NcSource } from '../../../db/schema/index.ts'
import { can, type Actor } from '../../lib/permissions.ts'
import type { Entity } from '../../lib/problem-words.ts'
import { brokenRule, requireReference } from '../../lib/references.ts'
import { isOverdue } from '../dossiers/workflow.ts'
import { isOnTarget } from '../../lib/targets.ts'

interface NcUnit {
  id: string
  path: string
}

const sameUnit = (what: Entity) => brokenRule('sourceId', 'nonconformity.source-other-unit', { kind: what })

export async function checkNcSource(db: Db, actor: Actor, source: NcSource, sourceId: string | null | undefined, unit: NcUnit, now: Date): Promise<void> {
  if (!sourceId) return
  switch (source) {
    case 'finding': {
      const [row] = await db
        .select({ orgUnitId: findings.orgUnitId, path: orgUnits.path })
        .from(findings)
        .innerJoin(orgUnits, eq(orgUnits.id, findings.orgUnitId))
        .where(eq(findings.id, sourceId))
      const finding = await requireReference('sourceId', 'finding', row, (f) => can(actor, 'finding.read', { orgUnitPath: f.path }))
      if (finding.orgUnitId !== unit.id) throw sameUnit('finding')
      return
    }
    case 'late_dossier': {
      const [row] = await db
        .select({ orgUnitId: dossiers.orgUnitId, status: dossiers.status, dueAt: dossiers.dueAt, pausedAt: dossiers.pausedAt, timeliness: dossiers.timeliness })
        .from(dossiers)
        .where(eq(dossiers.id, sourceId))
      const dossier = await requireReference('sourceId', 'dossier', row, () => can(actor, 'dossier.read'))
      // The same lateness the dossier module shows and raises from (raise-nc.ts).
      if (dossier.timeliness !== 'late' && !isOverdue(dossier, now)) {
        throw brokenRule('sourceId', 'nonconformity.source-not-late')
      }
      if (dossier.orgUnitId !== unit.id) throw sameUnit('dossier')
      return
    }
    case 'internal_audit': {
      const [row] = await db
        .select({ path: orgUnits.path })
        .from(inspections)
        .innerJoin(orgUnits, eq(orgUnits.id, inspections.orgUnitId))
        .where(eq(inspections.id, sourceId))
      const inspection = await requireReference('sourceId', 'inspection', row, (i) => can(actor, 'inspection.read', { orgUnitPath: i.path }))
      // An audit of a unit covers the units below it.
      if (!unit.path.startsWith(inspection.path)) throw brokenRule('sourceId', 'nonconformity.source-inspection-elsewhere')
      return
    }
    case 'complaint': {
      const [row] = await db
        .select({ orgUnitId: complaints.orgUnitId, path: orgUnits.path })
        .from(complaints)
        .leftJoin(orgUnits, eq(orgUnits.id, complaints.orgUnitId))
        .where(eq(complaints.id, sourceId))
      const complaint = await requireReference('sourceId', 'complaint', row, (c) => can(actor, 'complaint.read', { orgUnitPath: c.path ?? '' }))
      if (complaint.orgUnitId !== unit.id) throw sameUnit('complaint')
      return
    }
    case 'objective': {
      // The stored value of an indicator's period (objectives/raise-nc.ts raises from it).
      const [row] = await db
        .select({
          ownerUnitId: qualityObjectives.ownerUnitId,
          path: orgUnits.path,
          value: objectiveIndicatorValues.value,
          targetMin: objectiveIndicators.targetMin,
          targetMax: objectiveIndicators.targetMax,
        })
        .from(objectiveIndicatorValues)
        .innerJoin(objectiveIndicators, eq(objectiveIndicators.id, objectiveIndicatorValues.indicatorId))
        .innerJoin(qualityObjectives, eq(qualityObjectives.id, objectiveIndicators.objectiveId))
        .innerJoin(orgUnits, eq(orgUnits.id, qualityObjectives.ownerUnitId))
        .where(eq(objectiveIndicatorValues.id, sourceId))
      const period = await requireReference('sourceId', 'indicator-period', row, (p) => can(actor, 'objective.read', { orgUnitPath: p.path }))
      if (isOnTarget(period, period.value) !== false) throw brokenRule('sourceId', 'nonconformity.source-not-off-target')
      if (period.ownerUnitId !== unit.id) throw sameUnit('objective')
      return
    }
    case 'plan_task': {
      // A task of a reform plan (plans/raise-nc.ts raises from it): the NC is its lead unit's.
      const [row] = await db
        .select({ leadUnitId: planTasks.leadUnitId, path: orgUnits.path })
        .from(planTasks)
        .innerJoin(orgUnits, eq(orgUnits.id, planTasks.leadUnitId))
        .where(eq(planTasks.id, sourceId))
      const task = await requireReference('sourceId', 'plan-task', row, (t) => can(actor, 'plan.read', { orgUnitPath: t.path }))
      if (task.leadUnitId !== unit.id) throw sameUnit('plan-task')
      return
    }
    default:
      throw brokenRule('sourceId', 'nonconformity.source-takes-no-record', { source })
  }
}
