/**
 * The figures behind computed indicators, month by month, for many (unit, metric) pairs
 * at once: one query per family of metrics, whatever the number of indicators, each over
 * the owner units' subtrees. Dossiers and inspections are read from their statistics
 * rollups (whole months from the month rows, the ragged end of the current month from
 * the dekad and day rows); complaints, nonconformities and document reviews, a few
 * hundred rows a year, from their records through their indexes.
 *
 * A month's figure is a part and a base: dossiers resolved early or on time of those
 * resolved, received online of those received, checklist items passed of those passed
 * or failed (not applicable ones are left out), nonconformities closed by their due date
 * of those due, document reviews done by their review date of those due; for the
 * complaint count, the part is the count. Periods sum their months (periods.ts), so a
 * quarter is exactly its three months.
 *
 * "Due in a period" counts due dates up to the day before today: an NC or a review due
 * today is not late yet. Once a period has ended, its figures no longer change with
 * time, only with records entered late, which is why ended periods are frozen.
 */
import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import type { IndicatorMetric } from '../../../db/schema/objectives.ts'
import { addDays } from '../../lib/clock.ts'
import { rollupPeriodSql, rollupRange } from '../../lib/rollup-range.ts'
import { localDayRange } from '../calendar/working-days.ts'

export interface MetricRequest {
  unitId: string
  metric: IndicatorMetric
  category: string | null
}

export interface Figure {
  part: number
  base: number
}

/** 'YYYY-MM' → the month's figure (months without records are absent). */
export type MonthlyFigures = Map<string, Figure>

export const metricKey = (r: MetricRequest) => `${r.metric}|${r.category ?? ''}|${r.unitId}`

/** A list of UUIDs as one array parameter (ids come from the database, not from a request). */
const uuids = (ids: Iterable<string>) => sql`${`{${[...new Set(ids)].join(',')}}`}::uuid[]`
const texts = (values: Iterable<string>) => sql`${`{${[...new Set(values)].map((v) => `"${v}"`).join(',')}}`}::text[]`

/** The owner units (alias t) joined to every unit of their subtree (alias d). */
const SUBTREES = sql`org_units t join org_units d on d.path like t.path || '%'`

interface Row {
  unit_id: string
  month: string
  category?: string
}

/**
 * Monthly figures of each requested metric, over [from, to] (whole days in the agency's
 * time zone). `today` bounds the due-date metrics (see above).
 */
export async function monthlyFigures(db: Db, requests: MetricRequest[], from: string, to: string, today: string, timeZone: string): Promise<Map<string, MonthlyFigures>> {
  const out = new Map<string, MonthlyFigures>(requests.map((r) => [metricKey(r), new Map()]))
  if (!requests.length || from > to) return out
  const unitsOf = (...metrics: IndicatorMetric[]) => requests.filter((r) => metrics.includes(r.metric)).map((r) => r.unitId)
  const put = (metric: IndicatorMetric, row: Row, part: number, base: number, category: string | null = null) => {
    const figures = out.get(metricKey({ metric, category, unitId: row.unit_id }))
    if (figures && (part || base)) figures.set(row.month, { part, base })
  }
  const dueUntil = to < today ? to : addDays(today, -1)
  const jobs: Promise<void>[] = []

  const dossierUnits = unitsOf('dossiers_on_time', 'dossiers_online')
  if (dossierUnits.length) {
    jobs.push(
      queryRows<Row & { on_time: number; resolved: number; online: number; received: number }>(
        db,
        sql`select t.id as unit_id, ${rollupPeriodSql('month')} as month,
                   coalesce(sum(r.resolved_early + r.resolved_on_time), 0)::int as on_time,
                   coalesce(sum(r.resolved_early + r.resolved_on_time + r.resolved_late), 0)::int as resolved,
                   coalesce(sum(r.received) filter (where r.channel = 'online'), 0)::int as online,
                   coalesce(sum(r.received), 0)::int as received
              from ${SUBTREES} join dossier_stat_rollups r on r.org_unit_id = d.id
             where t.id = any(${uuids(dossierUnits)}) and ${rollupRange(from, to)}
             group by 1, 2`,
      ).then((rows) => {
        for (const r of rows) {
          put('dossiers_on_time', r, r.on_time, r.resolved)
          put('dossiers_online', r, r.online, r.received)
        }
      }),
    )
  }

  const inspectionRequests = requests.filter((r) => r.metric === 'inspection_pass_rate' && r.category)
  if (inspectionRequests.length) {
    jobs.push(
      queryRows<Row & { category: string; passed: number; judged: number }>(
        db,
        sql`select t.id as unit_id, r.category, ${rollupPeriodSql('month')} as month,
                   sum(r.passed)::int as passed, sum(r.passed + r.failed)::int as judged
              from ${SUBTREES} join inspection_result_rollups r on r.org_unit_id = d.id
             where t.id = any(${uuids(inspectionRequests.map((r) => r.unitId))})
               and r.kind = '*' and r.category = any(${texts(inspectionRequests.map((r) => r.category!))})
               and ${rollupRange(from, to)}
             group by 1, 2, 3`,
      ).then((rows) => {
        for (const r of rows) put('inspection_pass_rate', r, r.passed, r.judged, r.category)
      }),
    )
  }

  const complaintUnits = unitsOf('complaints_received')
  if (complaintUnits.length) {
    const { start, end } = localDayRange(from, to, timeZone)
    jobs.push(
      queryRows<Row & { n: number }>(
        db,
        // The top unit's objectives count the complaints filed against no unit too.
        sql`select t.id as unit_id, to_char(c.received_at at time zone ${timeZone}, 'YYYY-MM') as month, count(*)::int as n
              from org_units t
              join complaints c on (t.parent_id is null or c.org_unit_id in (select d.id from org_units d where d.path like t.path || '%'))
             where t.id = any(${uuids(complaintUnits)}) and c.received_at >= ${start.toISOString()}::timestamptz and c.received_at < ${end.toISOString()}::timestamptz
             group by 1, 2`,
      ).then((rows) => {
        for (const r of rows) put('complaints_received', r, r.n, 0)
      }),
    )
  }

  const ncUnits = unitsOf('ncs_closed_on_time')
  if (ncUnits.length && from <= dueUntil) {
    jobs.push(
      queryRows<Row & { on_time: number; due: number }>(
        db,
        sql`select t.id as unit_id, to_char(nc.due_date, 'YYYY-MM') as month,
                   count(*) filter (where nc.closed_on <= nc.due_date)::int as on_time, count(*)::int as due
              from ${SUBTREES} join nonconformities nc on nc.org_unit_id = d.id
             where t.id = any(${uuids(ncUnits)}) and nc.status <> 'cancelled'
               and nc.due_date between ${from}::date and ${dueUntil}::date
             group by 1, 2`,
      ).then((rows) => {
        for (const r of rows) put('ncs_closed_on_time', r, r.on_time, r.due)
      }),
    )
  }

  const documentUnits = unitsOf('documents_reviewed_on_time')
  if (documentUnits.length && from <= dueUntil) {
    const local = (column: SQL) => sql`(${column} at time zone ${timeZone})::date`
    jobs.push(
      queryRows<Row & { on_time: number; due: number }>(
        db,
        // A published issue is due for review its interval after it took effect; publishing
        // the next issue is the review (documents/reviews.ts). A document withdrawn before
        // the date was no longer due.
        sql`with due as (
              select doc.owning_unit_id as unit_id, (r.effective_from + make_interval(months => doc.review_interval_months))::date as due_on,
                     r.superseded_at, r.obsoleted_at
                from document_revisions r join documents doc on doc.id = r.document_id
               where r.effective_from is not null and r.status in ('published', 'superseded', 'obsolete') and doc.type <> 'record'
            )
            select t.id as unit_id, to_char(due.due_on, 'YYYY-MM') as month,
                   count(*) filter (where due.superseded_at is not null and ${local(sql`due.superseded_at`)} <= due.due_on)::int as on_time,
                   count(*)::int as due
              from ${SUBTREES} join due on due.unit_id = d.id
             where t.id = any(${uuids(documentUnits)}) and due.due_on between ${from}::date and ${dueUntil}::date
               and (due.obsoleted_at is null or ${local(sql`due.obsoleted_at`)} > due.due_on)
             group by 1, 2`,
      ).then((rows) => {
        for (const r of rows) put('documents_reviewed_on_time', r, r.on_time, r.due)
      }),
    )
  }

  await Promise.all(jobs)
  return out
}

/** The figure of a period: the sum of its months. */
export function sumMonths(figures: MonthlyFigures | undefined, months: string[]): Figure {
  const total = { part: 0, base: 0 }
  for (const m of months) {
    const f = figures?.get(m)
    if (f) {
      total.part += f.part
      total.base += f.base
    }
  }
  return total
}
