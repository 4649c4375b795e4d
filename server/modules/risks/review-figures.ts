/**
 * What the register says about a period, for a management review (ISO 9001:2015 clause
 * 9.3.2 e: the effectiveness of actions taken to address risks and opportunities): the
 * treatment actions due and done in it, the re-assessments made in it and whether they
 * lowered or raised the score, the register's current spread by level, and the
 * opportunities recorded. One query; the caller has checked its own permission.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { RISK_LEVELS, type RiskLevel } from '../../../db/schema/index.ts'
import type { RiskLevelThresholds } from '../../config.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import { riskLevel } from './service.ts'

export interface RiskPeriodFigures {
  actionsDue: number
  actionsDoneOnTime: number
  actionsDone: number
  actionsOverdue: number
  reassessed: number
  lowered: number
  raised: number
  /** Risks not closed, by the level of their current score. */
  byLevel: Record<RiskLevel, number>
  opportunitiesRecorded: number
  opportunitiesOpen: number
}

/**
 * The figures of [from, to] (dates; `start`–`end` the same days as instants in the agency's
 * time zone) for the risks of a unit's subtree; `withoutUnit` adds the risks that belong to
 * a process only (when the subtree is the whole agency). `today` dates the overdue actions.
 */
export async function riskPeriodFigures(
  db: Db,
  scope: { unitId: string; withoutUnit: boolean },
  period: { from: string; to: string; start: Date; end: Date; today: string },
  config: { riskLevels: RiskLevelThresholds; timeZone: string },
): Promise<RiskPeriodFigures> {
  const { riskLevels: thresholds, timeZone } = config
  const inScope = sql`(${inSubtreeOf(sql`r.org_unit_id`, scope.unitId)}${scope.withoutUnit ? sql` or r.org_unit_id is null` : sql``})`
  const { from, to, start, end, today } = period
  const [[actions], [assessed], levels] = await Promise.all([
    queryRows<{ due: number; on_time: number; done: number; overdue: number }>(
      db,
      sql`select count(*) filter (where a.due_date between ${from}::date and ${to}::date)::int as due,
                 count(*) filter (where a.due_date between ${from}::date and ${to}::date and a.status = 'done' and (a.completed_at at time zone ${timeZone})::date <= a.due_date)::int as on_time,
                 count(*) filter (where a.completed_at >= ${start.toISOString()}::timestamptz and a.completed_at < ${end.toISOString()}::timestamptz)::int as done,
                 count(*) filter (where a.status = 'open' and a.due_date < ${today}::date and r.status <> 'closed')::int as overdue
            from risk_actions a join risks r on r.id = a.risk_id
           where ${inScope}`,
    ),
    // Each re-assessment of the period against the assessment before it (the first assessment is the registration, not a re-assessment).
    queryRows<{ reassessed: number; lowered: number; raised: number }>(
      db,
      sql`select count(*)::int as reassessed, count(*) filter (where x.score < x.previous)::int as lowered, count(*) filter (where x.score > x.previous)::int as raised
            from (select s.score, lag(s.score) over (partition by s.risk_id order by s.assessed_at, s.id) as previous, s.assessed_at
                    from risk_assessments s join risks r on r.id = s.risk_id where ${inScope}) x
           where x.previous is not null and x.assessed_at >= ${start.toISOString()}::timestamptz and x.assessed_at < ${end.toISOString()}::timestamptz`,
    ),
    queryRows<{ score: number; kind: string; status: string; recorded: boolean; n: number }>(
      db,
      sql`select r.score, r.kind, r.status, (r.created_at >= ${start.toISOString()}::timestamptz and r.created_at < ${end.toISOString()}::timestamptz) as recorded, count(*)::int as n
            from risks r where ${inScope} group by 1, 2, 3, 4`,
    ),
  ])
  const byLevel = Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as Record<RiskLevel, number>
  let opportunitiesRecorded = 0
  let opportunitiesOpen = 0
  for (const r of levels) {
    if (r.status !== 'closed') byLevel[riskLevel(r.score, thresholds)] += r.n
    if (r.kind === 'opportunity') {
      if (r.recorded) opportunitiesRecorded += r.n
      if (r.status === 'open') opportunitiesOpen += r.n
    }
  }
  return {
    actionsDue: actions?.due ?? 0,
    actionsDoneOnTime: actions?.on_time ?? 0,
    actionsDone: actions?.done ?? 0,
    actionsOverdue: actions?.overdue ?? 0,
    reassessed: assessed?.reassessed ?? 0,
    lowered: assessed?.lowered ?? 0,
    raised: assessed?.raised ?? 0,
    byLevel,
    opportunitiesRecorded,
    opportunitiesOpen,
  }
}
