/**
 * The reform areas tasks are grouped by: reference data with defaults from the migration
 * (Nghị quyết 76/NQ-CP's areas plus direction), which the agency may rename, reorder,
 * retire (a retired area takes no new task; its tasks keep it) or extend.
 */
import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { planAreas, type PlanAreaRow } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { conflict, fieldError, notFound } from '../../lib/problems.ts'
import { recordAudit } from '../audit-log/service.ts'
import type { CreatePlanArea, PlanArea, UpdatePlanArea } from './schemas.ts'

export function toPlanArea(row: PlanAreaRow): PlanArea {
  return { id: row.id, code: row.code, nameVi: row.nameVi, nameEn: row.nameEn, position: row.position, active: row.active, version: row.version }
}

export async function listPlanAreas(db: Db, actor: Actor): Promise<{ items: PlanArea[] }> {
  requirePermission(actor, 'plan.read')
  const rows = await db.select().from(planAreas).orderBy(asc(planAreas.position), asc(planAreas.code))
  return { items: rows.map(toPlanArea) }
}

export async function createPlanArea(db: Db, actor: Actor, input: CreatePlanArea, env: ServiceEnv): Promise<PlanArea> {
  requirePermission(actor, 'plan.areas')
  return db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: planAreas.id }).from(planAreas).where(sql`lower(${planAreas.code}) = lower(${input.code})`)
    if (clash) throw conflict('plan.area-code-taken', { code: input.code }, [fieldError('code', 'field.code-taken', { entity: 'plan-area' })])
    const [{ last }] = await tx.select({ last: sql<number>`coalesce(max(${planAreas.position}), 0)::int` }).from(planAreas)
    const [row] = await tx
      .insert(planAreas)
      .values({ code: input.code, nameVi: input.nameVi.trim(), nameEn: input.nameEn.trim(), position: input.position ?? Number(last) + 1, createdAt: env.now, updatedAt: env.now })
      .returning()
    const area = toPlanArea(row)
    await recordAudit(tx, actor, { action: 'plan_area.create', entityType: 'plan_area', entityId: row.id, after: area })
    return area
  })
}

export async function updatePlanArea(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdatePlanArea, env: ServiceEnv): Promise<PlanArea> {
  requirePermission(actor, 'plan.areas')
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(planAreas).where(eq(planAreas.id, id)).for('update')
    if (!current) throw notFound('plan-area', id)
    assertVersion(current, expectedVersion)
    const [row] = await tx
      .update(planAreas)
      .set({
        nameVi: input.nameVi?.trim() ?? current.nameVi,
        nameEn: input.nameEn?.trim() ?? current.nameEn,
        position: input.position ?? current.position,
        active: input.active ?? current.active,
        version: current.version + 1,
        updatedAt: env.now,
      })
      .where(eq(planAreas.id, id))
      .returning()
    const area = toPlanArea(row)
    await recordAudit(tx, actor, { action: 'plan_area.update', entityType: 'plan_area', entityId: id, before: toPlanArea(current), after: area })
    return area
  })
}
