/**
 * Keeps the figures reports read about nonconformities current on write:
 * - nonconformity_rollups and nonconformity_close_days (see db/schema/nonconformities.ts):
 *   every write to an NC applies the difference between its contribution before and
 *   after, in the same transaction;
 * - nonconformities.next_action_due: the earliest due date of the NC's open actions,
 *   refreshed by every action write, so "overdue" is a property of the NC row.
 * Both can be rebuilt from the records (`npm run db:rebuild-rollups`).
 */
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import type { NonconformityRow } from '../../../db/schema/index.ts'
import type { RollupGrain } from '../../../db/schema/reports.ts'
import { daysBetween } from '../../lib/clock.ts'
import { dekadStart, dekadStartSql, firstOfMonth, firstOfYear } from '../../lib/rollup-range.ts'

/** What of an NC the rollups depend on. */
export type NcFacts = Pick<NonconformityRow, 'orgUnitId' | 'status' | 'detectedOn' | 'dueDate' | 'closedOn' | 'firstCheckEffective'>

const FIGURES = ['raised', 'cancelled', 'closed', 'closed_on_time', 'days_to_close_sum', 'checked', 'effective_first', 'closures'] as const
type Figure = (typeof FIGURES)[number]
type Figures = Record<Figure, number>

const none = (): Figures => Object.fromEntries(FIGURES.map((f) => [f, 0])) as Figures

/** The rows an NC adds to: its detection day (the cohort figures) and, once closed, its closing day. */
function contribution(nc: NcFacts): { day: string; figures: Partial<Figures> }[] {
  const live = nc.status !== 'cancelled'
  const closed = nc.status === 'closed' && nc.closedOn !== null
  const cohort: Partial<Figures> = {
    raised: live ? 1 : 0,
    cancelled: live ? 0 : 1,
    closed: closed ? 1 : 0,
    closed_on_time: closed && nc.closedOn! <= nc.dueDate ? 1 : 0,
    days_to_close_sum: closed ? daysBetween(nc.detectedOn, nc.closedOn!) : 0,
    checked: live && nc.firstCheckEffective !== null ? 1 : 0,
    effective_first: live && nc.firstCheckEffective === true ? 1 : 0,
  }
  const rows = [{ day: nc.detectedOn, figures: cohort }]
  if (closed) rows.push({ day: nc.closedOn!, figures: { closures: 1 } })
  return rows
}

/**
 * Applies an NC's change to the rollups: `before` null for a new NC. Call in the
 * transaction that writes the NC, after the write.
 */
export async function applyNcChange(tx: Db, before: NcFacts | null, after: NcFacts | null): Promise<void> {
  const deltas = new Map<string, { grain: RollupGrain; start: string; unit: string; figures: Figures }>()
  const add = (nc: NcFacts | null, sign: 1 | -1) => {
    if (!nc) return
    for (const { day, figures } of contribution(nc)) {
      for (const [grain, start] of [['day', day], ['dekad', dekadStart(day)], ['month', firstOfMonth(day)], ['year', firstOfYear(day)]] as const) {
        const key = `${grain}|${start}|${nc.orgUnitId}`
        let d = deltas.get(key)
        if (!d) deltas.set(key, (d = { grain, start, unit: nc.orgUnitId, figures: none() }))
        for (const [f, v] of Object.entries(figures) as [Figure, number][]) d.figures[f] += sign * v
      }
    }
  }
  add(before, -1)
  add(after, 1)
  await applyCloseDaysChange(tx, before, after)
  const changed = [...deltas.values()].filter((d) => FIGURES.some((f) => d.figures[f] !== 0))
  if (!changed.length) return
  const values = sql.join(
    changed.map((d) => sql`(${d.grain}, ${d.start}::date, ${d.unit}::uuid, ${sql.join(FIGURES.map((f) => sql`${d.figures[f]}::int`), sql`, `)})`),
    sql`, `,
  )
  await queryRows(
    tx,
    sql`insert into nonconformity_rollups (grain, start, org_unit_id, ${sql.raw(FIGURES.join(', '))})
        values ${values}
        on conflict (grain, start, org_unit_id) do update set
        ${sql.raw(FIGURES.map((f) => `${f} = nonconformity_rollups.${f} + excluded.${f}`).join(', '))}`,
  )
}

/** A closed NC's place in nonconformity_close_days: its detection day, unit and days to close. */
function closeDays(nc: NcFacts | null) {
  return nc && nc.status === 'closed' && nc.closedOn !== null ? { day: nc.detectedOn, unit: nc.orgUnitId, days: daysBetween(nc.detectedOn, nc.closedOn) } : null
}

async function applyCloseDaysChange(tx: Db, before: NcFacts | null, after: NcFacts | null): Promise<void> {
  const was = closeDays(before)
  const is = closeDays(after)
  if (was && is && was.day === is.day && was.unit === is.unit && was.days === is.days) return
  const rows = [...(was ? [{ ...was, n: -1 }] : []), ...(is ? [{ ...is, n: 1 }] : [])]
  if (!rows.length) return
  const values = sql.join(
    rows.flatMap((r) =>
      ([['day', r.day], ['dekad', dekadStart(r.day)], ['month', firstOfMonth(r.day)], ['year', firstOfYear(r.day)]] as const).map(
        ([grain, start]) => sql`(${grain}, ${start}::date, ${r.unit}::uuid, ${r.days}::int, ${r.n}::int)`,
      ),
    ),
    sql`, `,
  )
  // Summed per key first: the same key may be both left and entered (a reopened NC closed again).
  await queryRows(
    tx,
    sql`insert into nonconformity_close_days as r (grain, start, org_unit_id, days, closed)
        select grain, start, org_unit_id, days, sum(n)::int from (values ${values}) v(grain, start, org_unit_id, days, n)
         group by 1, 2, 3, 4 having sum(n) <> 0
        on conflict (grain, start, org_unit_id, days) do update set closed = r.closed + excluded.closed`,
  )
}

/** Sets the NC's next_action_due from its open actions; call after any write to its actions. */
export async function refreshNextActionDue(tx: Db, nonconformityId: string): Promise<void> {
  await queryRows(
    tx,
    sql`update nonconformities set next_action_due = (select min(a.due_date) from actions a where a.nonconformity_id = ${nonconformityId} and a.status = 'open')
         where id = ${nonconformityId}`,
  )
}

/**
 * Recomputes what the writes keep: the closing days in `timeZone`, the first checks, the
 * next action due dates and the rollups (after a bulk load, or a change of QMS_TIMEZONE).
 */
export async function rebuildNonconformityRollups(db: Db, timeZone: string): Promise<void> {
  await db.transaction(async (tx) => {
    await queryRows(tx, sql`update nonconformities set closed_on = (closed_at at time zone ${timeZone})::date where closed_at is not null`)
    await queryRows(
      tx,
      sql`update nonconformities nc set first_check_effective =
            (select v.effective from nonconformity_verifications v where v.nonconformity_id = nc.id order by v.round limit 1)`,
    )
    await queryRows(
      tx,
      sql`update nonconformities nc set next_action_due =
            (select min(a.due_date) from actions a where a.nonconformity_id = nc.id and a.status = 'open')`,
    )
    await queryRows(tx, sql`delete from nonconformity_close_days`)
    await queryRows(
      tx,
      sql`insert into nonconformity_close_days (grain, start, org_unit_id, days, closed)
          select g.grain, rollup_start(g.grain, nc.detected_on), nc.org_unit_id, nc.closed_on - nc.detected_on, count(*)::int
            from nonconformities nc cross join (values ('day'), ('dekad'), ('month'), ('year')) g(grain)
           where nc.status = 'closed' and nc.closed_on is not null
           group by 1, 2, 3, 4`,
    )
    await queryRows(tx, sql`delete from nonconformity_rollups`)
    await queryRows(
      tx,
      sql`insert into nonconformity_rollups (grain, start, org_unit_id, ${sql.raw(FIGURES.join(', '))})
          select g.grain, case g.grain when 'day' then x.day when 'dekad' then ${dekadStartSql(sql`x.day`)} when 'month' then date_trunc('month', x.day)::date else date_trunc('year', x.day)::date end, x.org_unit_id,
                 ${sql.raw(FIGURES.map((f) => `sum(x.${f})`).join(', '))}
            from (
              select detected_on as day, org_unit_id,
                     (status <> 'cancelled')::int as raised, (status = 'cancelled')::int as cancelled, (status = 'closed')::int as closed,
                     (status = 'closed' and closed_on <= due_date)::int as closed_on_time,
                     case when status = 'closed' then closed_on - detected_on else 0 end as days_to_close_sum,
                     (status <> 'cancelled' and first_check_effective is not null)::int as checked,
                     (status <> 'cancelled' and first_check_effective is true)::int as effective_first,
                     0 as closures
                from nonconformities
              union all
              select closed_on, org_unit_id, 0, 0, 0, 0, 0, 0, 0, 1 from nonconformities where status = 'closed'
            ) x
            cross join (values ('day'), ('dekad'), ('month'), ('year')) g(grain)
           group by 1, 2, 3`,
    )
  })
}
