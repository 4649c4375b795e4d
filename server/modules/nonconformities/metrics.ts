/**
 * The figures periodic reports use, computed in one SQL query over the NCs the caller
 * may see, detected in a period (inclusive dates), optionally within a unit's subtree:
 * - days to close: calendar days from detection to closure (in the agency's time zone);
 * - closed on time: closed on or before the NC's due date, over closed NCs;
 * - effective at the first check: the first effectiveness check found the actions
 *   effective, over NCs with at least one check.
 * Cancelled NCs count only in `cancelled`.
 */
import { and, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { queryRows } from '../../../db/client.ts'
import { actions, nonconformities, nonconformityVerifications, orgUnits } from '../../../db/schema/index.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import { todayOf, visibleNonconformities, type NcEnv } from './records.ts'
import type { MetricsQuery, NonconformityMetrics } from './schemas.ts'

interface Row {
  raised: number
  open: number
  overdue: number
  closed: number
  cancelled: number
  avg_days: string | number | null
  median_days: string | number | null
  max_days: number | null
  closed_on_time: number
  checked: number
  effective_first: number
}

const share = (count: number, base: number) => (base ? count / base : null)
const num = (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 10) / 10)

export async function nonconformityMetrics(db: Db, actor: Actor, query: MetricsQuery, env: NcEnv): Promise<NonconformityMetrics> {
  requirePermission(actor, 'nonconformity.read')
  const today = todayOf(env)
  const tz = env.config.timeZone
  const where = and(
    visibleNonconformities(actor),
    query.orgUnitId ? inSubtreeOf(sql`${nonconformities.orgUnitId}`, query.orgUnitId) : undefined,
    query.from ? sql`${nonconformities.detectedOn} >= ${query.from}::date` : undefined,
    query.to ? sql`${nonconformities.detectedOn} <= ${query.to}::date` : undefined,
  )
  const closedDay = sql`(${nonconformities.closedAt} at time zone ${tz})::date`
  const daysToClose = sql`(${closedDay} - ${nonconformities.detectedOn})`
  const isClosed = sql`${nonconformities.status} = 'closed'`
  const isOpen = sql`${nonconformities.status} not in ('closed', 'cancelled')`
  const late = sql`(${nonconformities.dueDate} < ${today}::date or exists (select 1 from ${actions} where ${actions.nonconformityId} = ${nonconformities.id} and ${actions.status} = 'open' and ${actions.dueDate} < ${today}::date))`
  const firstCheck = sql`(select ${nonconformityVerifications.effective} from ${nonconformityVerifications} where ${nonconformityVerifications.nonconformityId} = ${nonconformities.id} order by ${nonconformityVerifications.round} limit 1)`
  const [row] = await queryRows<Row>(
    db,
    sql`select
      count(*) filter (where ${nonconformities.status} <> 'cancelled')::int as raised,
      count(*) filter (where ${isOpen})::int as open,
      count(*) filter (where ${isOpen} and ${late})::int as overdue,
      count(*) filter (where ${isClosed})::int as closed,
      count(*) filter (where ${nonconformities.status} = 'cancelled')::int as cancelled,
      avg(${daysToClose}) filter (where ${isClosed}) as avg_days,
      percentile_cont(0.5) within group (order by ${daysToClose}) filter (where ${isClosed}) as median_days,
      max(${daysToClose}) filter (where ${isClosed}) as max_days,
      count(*) filter (where ${isClosed} and ${closedDay} <= ${nonconformities.dueDate})::int as closed_on_time,
      count(*) filter (where ${nonconformities.status} <> 'cancelled' and ${firstCheck} is not null)::int as checked,
      count(*) filter (where ${nonconformities.status} <> 'cancelled' and ${firstCheck} = true)::int as effective_first
    from ${nonconformities}
    inner join ${orgUnits} on ${orgUnits.id} = ${nonconformities.orgUnitId}
    ${where ? sql`where ${where}` : sql``}`,
  )
  const closed = Number(row.closed)
  const onTime = Number(row.closed_on_time)
  const checked = Number(row.checked)
  const effective = Number(row.effective_first)
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    orgUnitId: query.orgUnitId ?? null,
    raised: Number(row.raised),
    open: Number(row.open),
    overdue: Number(row.overdue),
    closed,
    cancelled: Number(row.cancelled),
    daysToClose: { average: num(row.avg_days), median: num(row.median_days), max: row.max_days === null ? null : Number(row.max_days) },
    closedOnTime: { count: onTime, base: closed, share: share(onTime, closed) },
    effectiveAtFirstCheck: { count: effective, base: checked, share: share(effective, checked) },
  }
}
