/**
 * Keeps the dossier statistics rollups current on write. For the dossiers a write
 * touched, their contribution rows are recomputed from the dossier and its events
 * (back-dated events included) and the rollups are corrected by new − old, in the same
 * transaction. The rule for "pending" and "overdue at a midnight" is the one of the
 * statistics (dossier-stats.ts): a dossier is pending at midnight E when it was received
 * before E and had not ended by then (ended at or after E); it is overdue there when its
 * last event before E says so — after a supplement request the flag stays as it was when
 * the clock stopped (overdue only if its due date had already passed), otherwise it is
 * overdue once its due date is before E.
 *
 * Each event governs the midnights E with at < E ≤ next event's at; in that range the
 * dossier is overdue from the first midnight after its due date (or throughout, or never,
 * while paused). Intersected with the pending range (received, ended], each piece adds
 * +1 on the local day of its first midnight and -1 on the day after its last.
 */
import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { dekadStartSql } from '../../lib/rollup-range.ts'

const ZERO = '0::int'
/** The local date of an instant, and of the first midnight strictly after it. */
const day = (tz: string, instant: string) => `(${instant} at time zone ${tz})::date`
const dayAfter = (tz: string, instant: string) => `((${instant} at time zone ${tz})::date + 1)`

/** SELECT of contribution rows (dossier_id, day, key, counts) for the dossiers matching `where` (alias d). */
function contributions(timeZone: string, where: SQL): SQL {
  const tz = `'${timeZone.replace(/'/g, "''")}'`
  const row = (dayExpr: string, cols: Partial<Record<'received' | 'early' | 'onTime' | 'late' | 'returned' | 'open' | 'overdue', string>>) =>
    `select d.id, ${dayExpr} as day, d.org_unit_id, d.procedure_id, d.channel,
            ${cols.received ?? ZERO}, ${cols.early ?? ZERO}, ${cols.onTime ?? ZERO}, ${cols.late ?? ZERO}, ${cols.returned ?? ZERO}, ${cols.open ?? ZERO}, ${cols.overdue ?? ZERO}`
  return sql`
    with d as (
      select id, org_unit_id, procedure_id, channel, received_at, due_at, timeliness, resolved_at,
             coalesce(rejected_at, withdrawn_at) as returned_at,
             coalesce(resolved_at, rejected_at, withdrawn_at) as ended_at
        from dossiers d
       where ${where}
    ),
    ev as (
      select e.dossier_id, e.at, e.status_after, e.due_at_after,
             lead(e.at) over (partition by e.dossier_id order by e.at, e.seq) as next_at,
             row_number() over (partition by e.dossier_id order by e.at, e.seq) as n
        from dossier_events e
        join d on d.id = e.dossier_id
    ),
    ranges as (
      -- Before the first event no event governs: the dossier's own due date decides.
      select d.id, d.received_at as lo, first.at as hi, false as paused, d.due_at as due, null::timestamptz as at
        from d
        left join ev first on first.dossier_id = d.id and first.n = 1
      union all
      select ev.dossier_id, ev.at, ev.next_at, ev.status_after = 'supplement_requested', ev.due_at_after, ev.at
        from ev
    ),
    overdue as (
      select d.id, greatest(r.lo, d.received_at, case when r.paused then null else r.due end) as lo,
             case when r.hi is null then d.ended_at when d.ended_at is null then r.hi else least(r.hi, d.ended_at) end as hi
        from ranges r
        join d on d.id = r.id
       where not r.paused or r.due < r.at
    ),
    pieces as (
      select id, ${sql.raw(dayAfter(tz, 'lo'))} as first_day, case when hi is null then null else ${sql.raw(dayAfter(tz, 'hi'))} end as end_day
        from overdue
    ),
    rows (id, day, org_unit_id, procedure_id, channel, received, early, on_time, late, returned, open_delta, overdue_delta) as (
      ${sql.raw(row(day(tz, 'd.received_at'), { received: '1' }))} from d
      union all ${sql.raw(row(day(tz, 'd.resolved_at'), { early: "(d.timeliness = 'early')::int", onTime: "(d.timeliness = 'on_time')::int", late: "(d.timeliness = 'late')::int" }))} from d where d.resolved_at is not null
      union all ${sql.raw(row(day(tz, 'd.returned_at'), { returned: '1' }))} from d where d.returned_at is not null and d.resolved_at is null
      union all ${sql.raw(row(dayAfter(tz, 'd.received_at'), { open: '1' }))} from d
      union all ${sql.raw(row(dayAfter(tz, 'd.ended_at'), { open: '-1' }))} from d where d.ended_at is not null
      union all ${sql.raw(row('p.first_day', { overdue: '1' }))} from pieces p join d on d.id = p.id where p.end_day is null or p.first_day < p.end_day
      union all ${sql.raw(row('p.end_day', { overdue: '-1' }))} from pieces p join d on d.id = p.id where p.end_day is not null and p.first_day < p.end_day
    )
    select id, day, org_unit_id, procedure_id, channel, sum(received)::int, sum(early)::int, sum(on_time)::int, sum(late)::int, sum(returned)::int, sum(open_delta)::int, sum(overdue_delta)::int
      from rows
     group by id, day, org_unit_id, procedure_id, channel`
}

const COUNTS = ['received', 'resolved_early', 'resolved_on_time', 'resolved_late', 'returned', 'open_delta', 'overdue_delta'] as const
const COLS = sql.raw(COUNTS.join(', '))

/**
 * Adds `sign` × the contribution rows of the dossiers matching `where` (alias c) to every
 * grain of the rollups (day, dekad, month, year, all time), reading the contributions once.
 */
async function applyToRollups(tx: Db, where: SQL, sign: 1 | -1) {
  const sum = (alias: string) => sql.raw(COUNTS.map((c) => `sum(${alias}.${c})`).join(', '))
  const update = sql.raw(COUNTS.map((c) => `${c} = dossier_stat_rollups.${c} + excluded.${c}`).join(', '))
  await queryRows(
    tx,
    sql`with c as (
          select c.day, c.org_unit_id, c.procedure_id, c.channel, ${sql.raw(COUNTS.map((c) => `${sign} * sum(c.${c}) as ${c}`).join(', '))}
            from dossier_stat_contributions c
           where ${where}
           group by 1, 2, 3, 4
        )
        insert into dossier_stat_rollups (grain, start, org_unit_id, procedure_id, channel, ${COLS})
        select 'day', c.day, c.org_unit_id, c.procedure_id, c.channel, ${COLS} from c
        union all
        select 'dekad', ${dekadStartSql(sql`c.day`)}, c.org_unit_id, c.procedure_id, c.channel, ${sum('c')} from c group by 2, 3, 4, 5
        union all
        select 'month', date_trunc('month', c.day)::date, c.org_unit_id, c.procedure_id, c.channel, ${sum('c')} from c group by 2, 3, 4, 5
        union all
        select 'year', date_trunc('year', c.day)::date, c.org_unit_id, c.procedure_id, c.channel, ${sum('c')} from c group by 2, 3, 4, 5
        union all
        select 'all', date '0001-01-01', c.org_unit_id, c.procedure_id, c.channel, ${sum('c')} from c group by 3, 4, 5
        on conflict (grain, start, org_unit_id, procedure_id, channel) do update set ${update}`,
  )
}

/**
 * Recomputes the contributions of these dossiers and corrects the rollups; call inside
 * the transaction that changed them (after the change). Works in chunks for imports.
 */
export async function refreshDossierStats(tx: Db, dossierIds: string[], timeZone: string): Promise<void> {
  const idList = (ids: string[]) => sql`${sql.raw("'{")}${sql.raw(ids.map((id) => id.replace(/[^0-9a-f-]/gi, '')).join(','))}${sql.raw("}'")}::uuid[]`
  // The rollups are corrected once for all the dossiers, not once per chunk: the rows
  // the chunks share (each month, all time, busy days) are then updated once each.
  const all = sql`c.dossier_id = any(${idList(dossierIds)})`
  await applyToRollups(tx, all, -1)
  for (let i = 0; i < dossierIds.length; i += 5000) {
    const list = idList(dossierIds.slice(i, i + 5000))
    await queryRows(tx, sql`delete from dossier_stat_contributions c where c.dossier_id = any(${list})`)
    await queryRows(tx, sql`insert into dossier_stat_contributions (dossier_id, day, org_unit_id, procedure_id, channel, ${COLS}) ${contributions(timeZone, sql`d.id = any(${list})`)}`)
  }
  await applyToRollups(tx, all, 1)
}

/** Recomputes everything from the dossiers and their events (after bulk loads, or a change of time zone). */
export async function rebuildDossierStats(db: Db, timeZone: string): Promise<void> {
  await db.transaction(async (tx) => {
    await queryRows(tx, sql`delete from dossier_stat_rollups`)
    await queryRows(tx, sql`delete from dossier_stat_contributions`)
    await queryRows(tx, sql`insert into dossier_stat_contributions (dossier_id, day, org_unit_id, procedure_id, channel, ${COLS}) ${contributions(timeZone, sql`true`)}`)
    await applyToRollups(tx, sql`true`, 1)
  })
}
