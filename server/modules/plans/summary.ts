/**
 * A plan's figures on a date, for the half-year and annual reports: the tasks by reform
 * area and status as they stood that day, and the tasks still open, which the report
 * lists as the work of the next period ("Một là … Sáu là …").
 *
 * A task's status on a day is the `toStatus` of its last progress update on or before
 * that day (not started without one); a task created after the day does not count. Done
 * is done late when its update came after the deadline (the deadline as it is now).
 * Overdue: open on the day and past its deadline.
 */
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { orgUnits, planAreas, planTasks, type PlanTaskStatus } from '../../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { toPlanArea } from './areas.ts'
import type { PlanSummary, TaskCounts } from './schemas.ts'
import { EMPTY_COUNTS, findPlan } from './service.ts'
import { isOpen, visibleTasks } from './tasks.ts'
import { alias } from 'drizzle-orm/pg-core'

const lead = alias(orgUnits, 'lead_unit')

const KEY: Record<PlanTaskStatus, keyof TaskCounts> = { not_started: 'notStarted', in_progress: 'inProgress', done: 'done', done_late: 'doneLate', cancelled: 'cancelled' }

/** The plan's figures on `date` (default: today in the agency's time zone), within the tasks the actor sees. */
export async function planSummary(db: Db, actor: Actor, planId: string, date: string | undefined, env: ServiceEnv): Promise<PlanSummary> {
  requirePermission(actor, 'plan.read')
  const day = date ?? agencyToday(env)
  const { plan } = await findPlan(db, planId)
  const rows = await db
    .select({
      id: planTasks.id,
      position: planTasks.position,
      content: planTasks.content,
      deadline: planTasks.deadline,
      area: planAreas,
      leadUnit: lead.name,
      last: sql<{ status: PlanTaskStatus; on: string } | null>`(select json_build_object('status', x.to_status, 'on', x.reported_on) from plan_task_updates x
        where x.task_id = ${planTasks.id} and x.reported_on <= ${day}::date order by x.reported_on desc, x.created_at desc limit 1)`,
    })
    .from(planTasks)
    .innerJoin(planAreas, eq(planAreas.id, planTasks.areaId))
    .innerJoin(lead, eq(lead.id, planTasks.leadUnitId))
    .where(and(eq(planTasks.planId, planId), sql`(${planTasks.createdAt} at time zone ${env.config.timeZone})::date <= ${day}::date`, visibleTasks(actor)))
    .orderBy(asc(planAreas.position), asc(planTasks.position))

  const totals: TaskCounts = { ...EMPTY_COUNTS }
  const byArea = new Map<string, { area: PlanSummary['byArea'][number]['area']; counts: TaskCounts }>()
  const openTasks: PlanSummary['openTasks'] = []
  for (const r of rows) {
    const last = typeof r.last === 'string' ? (JSON.parse(r.last) as { status: PlanTaskStatus; on: string }) : r.last
    let status: PlanTaskStatus = last?.status ?? 'not_started'
    if (status === 'done' || status === 'done_late') status = String(last!.on).slice(0, 10) > r.deadline ? 'done_late' : 'done'
    const overdue = isOpen(status) && r.deadline < day
    const group = byArea.get(r.area.id) ?? { area: toPlanArea(r.area), counts: { ...EMPTY_COUNTS } }
    byArea.set(r.area.id, group)
    for (const counts of [totals, group.counts]) {
      counts.total++
      counts[KEY[status]]++
      if (overdue) counts.overdue++
    }
    if (isOpen(status)) openTasks.push({ id: r.id, position: r.position, area: r.area.nameVi, content: r.content, leadUnit: r.leadUnit, deadline: r.deadline, status, overdue })
  }
  openTasks.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.position - b.position)
  return {
    plan: { id: plan.id, number: plan.number, issuedOn: plan.issuedOn, title: plan.title, year: plan.year, basis: plan.basis },
    date: day,
    totals,
    byArea: [...byArea.values()],
    openTasks,
  }
}
