/**
 * The one-stop-shop statistics table, computed from the dossiers. Everything that
 * answers GET /api/dossiers/stats lives here, so a rollup table kept current on write
 * can replace the scan behind the same function.
 *
 * Figures are as of the end of the period [from 00:00, to + 1 day 00:00) in the agency's
 * time zone:
 * - carriedOver: received before the period and not resolved, rejected or withdrawn before it;
 * - received*: received in the period, by channel;
 * - resolved*: resolved in the period, by the timeliness set at resolution;
 * - pending*: unresolved at the end of the period, overdue or not as of that moment (the
 *   last event before it says which status and due date were in force), whatever
 *   happened later;
 * - returnedOrWithdrawn: rejected (returned to the applicant unresolved) or withdrawn in the period.
 *
 * receivedTotal = carriedOver + received in the period = resolvedTotal + pendingTotal + returnedOrWithdrawn.
 */
import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { invalidField } from '../../lib/problems.ts'
import { addDays, agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { rangeParts, upToParts } from '../../lib/rollup-range.ts'
import { localDayRange, type OfficeHours } from '../calendar/working-days.ts'
import { complaintCounts } from '../complaints/service.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import { onlineValuesOn } from '../procedures/service.ts'
import { ALL_TIME, LATEST, stockSourceFor, type StockSource } from './dossier-flows.ts'
import type { DossierStats, StatsGroup, StatsQuery, StatsRow } from './schemas.ts'

const COUNTS = [
  'carriedOver',
  'receivedOnline',
  'receivedInPerson',
  'receivedPostal',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'pendingNotDue',
  'pendingOverdue',
  'returnedOrWithdrawn',
] as const
type Counts = Record<(typeof COUNTS)[number], number>

const CHANNEL_LABELS: Record<string, string> = { online: 'Trực tuyến', in_person: 'Trực tiếp', postal: 'Bưu chính công ích' }

function groupColumns(groupBy: StatsGroup, alias: 'd' | 'r'): { key: SQL; code: SQL; label: SQL } {
  const a = sql.raw(alias)
  switch (groupBy) {
    case 'orgUnit':
      return { key: sql`${a}.org_unit_id::text`, code: sql`u.code`, label: sql`u.name` }
    case 'field':
      return { key: sql`p.field`, code: sql`null::text`, label: sql`p.field` }
    case 'procedure':
      return { key: sql`p.id::text`, code: sql`p.code`, label: sql`p.name` }
    case 'channel':
      return { key: sql`${a}.channel`, code: sql`${a}.channel`, label: sql`${a}.channel` }
  }
}

export function withTotals(counts: Counts, key: string | null, code: string | null, label: string): StatsRow {
  const receivedTotal = counts.carriedOver + counts.receivedOnline + counts.receivedInPerson + counts.receivedPostal
  const resolvedTotal = counts.resolvedEarly + counts.resolvedOnTime + counts.resolvedLate
  return {
    key,
    code,
    label,
    ...counts,
    receivedTotal,
    resolvedTotal,
    pendingTotal: counts.pendingNotDue + counts.pendingOverdue,
    onTimeRate: resolvedTotal ? Math.round(((counts.resolvedEarly + counts.resolvedOnTime) / resolvedTotal) * 10000) / 100 : null,
  }
}

type CountRow = Record<string, string | number | null>

/**
 * The statistics table, read from the rollups kept current on write
 * (dossier-rollups.ts): flows from the rows covering the period, the pending and
 * overdue stocks from the deltas up to its first and last midnights.
 */
export function dossierStats(db: Db, actor: Actor, query: StatsQuery, env: ServiceEnv, stock?: StockSource): Promise<DossierStats> {
  return statsFrom((d, q, g) => rollupRows(d, q, g, stock ?? stockSourceFor(q.to, agencyToday(env))), db, actor, query, env.config)
}

/** The same table computed by scanning the dossiers and their events: the reference the rollups are tested against. */
export function dossierStatsScan(db: Db, actor: Actor, query: StatsQuery, hours: OfficeHours): Promise<DossierStats> {
  return statsFrom(scanRows, db, actor, query, hours)
}

type RowSource = (db: Db, query: StatsQuery, groupBy: StatsGroup, start: Date, end: Date) => Promise<CountRow[]>

function filtersOf(query: StatsQuery, unit: SQL, procedure: SQL, channel: SQL): SQL {
  const filters: SQL[] = []
  if (query.orgUnitId) filters.push(inSubtreeOf(unit, query.orgUnitId))
  if (query.field) filters.push(sql`p.field = ${query.field}`)
  if (query.procedureId) filters.push(sql`${procedure} = ${query.procedureId}`)
  if (query.channel) filters.push(sql`${channel} = ${query.channel}`)
  return filters.length ? sql` and ${sql.join(filters, sql` and `)}` : sql``
}

async function rollupRows(db: Db, query: StatsQuery, groupBy: StatsGroup, stock: StockSource): Promise<CountRow[]> {
  const g = groupColumns(groupBy, 'r')
  // Unit, procedure and channel narrow the rollup rows as they are read; the field needs the procedure joined.
  const inner = filtersOf({ ...query, field: undefined }, sql`x.org_unit_id`, sql`x.procedure_id`, sql`x.channel`)
  const extra = query.field ? sql` and p.field = ${query.field}` : sql``
  // p: the rows of the period (flows, and the deltas of its days); f and x: the day rows
  // of `from` and of the day after `to`. With S the deltas up to `from` (history: s), the
  // stock carried over is S and the stock at the midnight after `to` is S + p − f + x.
  // From the recent side S = a − p + f − t (a: all time, t: everything after `to`), so
  // the stock at the end is a − t + x. Each part is a plain index range.
  const dayAfter = addDays(query.to, 1)
  const parts = [
    // Only sums are read here, so whole years come from the year rows.
    ...rangeParts(query.from, query.to, 'year').map((r) => ({ tag: 'p', ...r })),
    { tag: 'f', grain: 'day', from: query.from, until: addDays(query.from, 1) },
    { tag: 'x', grain: 'day', from: dayAfter, until: addDays(dayAfter, 1) },
    ...(stock === 'history'
      ? upToParts(query.from, 'year').map((r) => ({ tag: 's', ...r }))
      : [{ tag: 'a', ...ALL_TIME }, ...rangeParts(dayAfter, LATEST, 'year').map((r) => ({ tag: 't', ...r }))]),
  ]
  const weights = (w: Record<string, number>) => sql.raw(`case part ${Object.entries(w).map(([tag, k]) => `when '${tag}' then ${k}`).join(' ')} else 0 end`)
  const carried = stock === 'history' ? weights({ s: 1 }) : weights({ a: 1, p: -1, f: 1, t: -1 })
  const atEnd = stock === 'history' ? weights({ s: 1, p: 1, f: -1, x: 1 }) : weights({ a: 1, t: -1, x: 1 })
  const rows = sql.join(
    parts.map(
      (r) => sql`select ${sql.raw(`'${r.tag}'`)} as part, x.org_unit_id, x.procedure_id, x.channel, x.received, x.resolved_early, x.resolved_on_time, x.resolved_late, x.returned, x.open_delta, x.overdue_delta
        from dossier_stat_rollups x where x.grain = ${sql.raw(`'${r.grain}'`)} and x.start >= ${r.from}::date and x.start < ${r.until}::date${inner}`,
    ),
    sql` union all `,
  )
  return queryRows<CountRow>(
    db,
    sql`
    with x as (${rows}),
    -- Summed per unit, procedure and channel first (a few hundred rows), then grouped.
    r as (
      select org_unit_id, procedure_id, channel,
             coalesce(sum(open_delta * ${carried}), 0) as carried,
             coalesce(sum(received) filter (where part = 'p'), 0) as received,
             coalesce(sum(resolved_early) filter (where part = 'p'), 0) as early,
             coalesce(sum(resolved_on_time) filter (where part = 'p'), 0) as on_time,
             coalesce(sum(resolved_late) filter (where part = 'p'), 0) as late,
             coalesce(sum(returned) filter (where part = 'p'), 0) as returned,
             coalesce(sum(open_delta * ${atEnd}), 0) as open_end,
             coalesce(sum(overdue_delta * ${atEnd}), 0) as overdue_end
        from x
       group by org_unit_id, procedure_id, channel
    )
    select ${g.key} as key, min(${g.code}) as code, min(${g.label}) as label,
      sum(r.carried)::int as "carriedOver",
      coalesce(sum(r.received) filter (where r.channel = 'online'), 0)::int as "receivedOnline",
      coalesce(sum(r.received) filter (where r.channel = 'in_person'), 0)::int as "receivedInPerson",
      coalesce(sum(r.received) filter (where r.channel = 'postal'), 0)::int as "receivedPostal",
      sum(r.early)::int as "resolvedEarly",
      sum(r.on_time)::int as "resolvedOnTime",
      sum(r.late)::int as "resolvedLate",
      sum(r.open_end - r.overdue_end)::int as "pendingNotDue",
      sum(r.overdue_end)::int as "pendingOverdue",
      sum(r.returned)::int as "returnedOrWithdrawn"
    from r
    join procedures p on p.id = r.procedure_id
    join org_units u on u.id = r.org_unit_id
    where (r.carried <> 0 or r.open_end <> 0 or r.received + r.early + r.on_time + r.late + r.returned <> 0)${extra}
    group by ${g.key}
    order by min(${g.label}), ${g.key}`,
  )
}

async function scanRows(db: Db, query: StatsQuery, groupBy: StatsGroup, start: Date, end: Date): Promise<CountRow[]> {
  const s = start.toISOString()
  const e = end.toISOString()
  const g = groupColumns(groupBy, 'd')
  const extra = filtersOf(query, sql`d.org_unit_id`, sql`d.procedure_id`, sql`d.channel`)
  return queryRows<CountRow>(
    db,
    sql`
    with base as (
      select d.id, ${g.key} as key, ${g.code} as code, ${g.label} as label,
             d.channel, d.received_at, d.resolved_at, d.timeliness, d.rejected_at, d.withdrawn_at, d.due_at,
             coalesce(d.resolved_at, d.rejected_at, d.withdrawn_at) as ended_at
        from dossiers d
        join procedures p on p.id = d.procedure_id
        join org_units u on u.id = d.org_unit_id
       where d.received_at < ${e}::timestamptz
         and (coalesce(d.resolved_at, d.rejected_at, d.withdrawn_at) is null
              or coalesce(d.resolved_at, d.rejected_at, d.withdrawn_at) >= ${s}::timestamptz)
         ${extra}
    ),
    pending as (
      select b.id,
             case when ev.status_after = 'supplement_requested' then ev.due_at_after < ev.at
                  else coalesce(ev.due_at_after, b.due_at) < ${e}::timestamptz end as overdue
        from base b
        left join lateral (
          select x.status_after, x.due_at_after, x.at
            from dossier_events x
           where x.dossier_id = b.id and x.at < ${e}::timestamptz
           order by x.at desc, x.seq desc
           limit 1
        ) ev on true
       where b.ended_at is null or b.ended_at >= ${e}::timestamptz
    )
    select b.key, min(b.code) as code, min(b.label) as label,
      count(*) filter (where b.received_at < ${s}::timestamptz)::int as "carriedOver",
      count(*) filter (where b.received_at >= ${s}::timestamptz and b.channel = 'online')::int as "receivedOnline",
      count(*) filter (where b.received_at >= ${s}::timestamptz and b.channel = 'in_person')::int as "receivedInPerson",
      count(*) filter (where b.received_at >= ${s}::timestamptz and b.channel = 'postal')::int as "receivedPostal",
      count(*) filter (where b.resolved_at >= ${s}::timestamptz and b.resolved_at < ${e}::timestamptz and b.timeliness = 'early')::int as "resolvedEarly",
      count(*) filter (where b.resolved_at >= ${s}::timestamptz and b.resolved_at < ${e}::timestamptz and b.timeliness = 'on_time')::int as "resolvedOnTime",
      count(*) filter (where b.resolved_at >= ${s}::timestamptz and b.resolved_at < ${e}::timestamptz and b.timeliness = 'late')::int as "resolvedLate",
      count(pd.id) filter (where not pd.overdue)::int as "pendingNotDue",
      count(pd.id) filter (where pd.overdue)::int as "pendingOverdue",
      count(*) filter (where (b.rejected_at >= ${s}::timestamptz and b.rejected_at < ${e}::timestamptz)
                          or (b.withdrawn_at >= ${s}::timestamptz and b.withdrawn_at < ${e}::timestamptz))::int as "returnedOrWithdrawn"
    from base b
    left join pending pd on pd.id = b.id
    group by b.key
    order by min(b.label), b.key`,
  )
}

async function statsFrom(source: RowSource, db: Db, actor: Actor, query: StatsQuery, hours: OfficeHours): Promise<DossierStats> {
  requirePermission(actor, 'dossier.read')
  if (query.from > query.to) throw invalidField('query.to', 'field.range-to-before-from')
  const groupBy = query.groupBy ?? 'orgUnit'
  const { start, end } = localDayRange(query.from, query.to, hours.timeZone)
  // Three independent reads: on a pool they run side by side.
  const [rows, procedureFigures, complaintFigures] = await Promise.all([source(db, query, groupBy, start, end), procedureCounts(db, query), complaintCounts(db, start, end, query).then(({ closed: _, ...byKind }) => byKind)])

  const total = Object.fromEntries(COUNTS.map((c) => [c, 0])) as Counts
  const out: StatsRow[] = rows.map((r) => {
    const counts = Object.fromEntries(COUNTS.map((c) => [c, Number(r[c] ?? 0)])) as Counts
    for (const c of COUNTS) total[c] += counts[c]
    const key = r.key === null ? null : String(r.key)
    const label = groupBy === 'channel' ? (CHANNEL_LABELS[String(r.key)] ?? String(r.key)) : String(r.label ?? '')
    return withTotals(counts, key, r.code === null ? null : String(r.code), label)
  })

  return {
    from: query.from,
    to: query.to,
    groupBy,
    rows: out,
    total: withTotals(total, null, null, 'Tổng cộng'),
    procedures: procedureFigures,
    complaints: complaintFigures,
  }
}

/** Active procedures by the online level and mode in force on `to`. */
async function procedureCounts(db: Db, query: StatsQuery): Promise<DossierStats['procedures']> {
  const filters = [
    query.orgUnitId ? sql` and ${inSubtreeOf(sql`p.owning_unit_id`, query.orgUnitId)}` : sql``,
    query.field ? sql` and p.field = ${query.field}` : sql``,
    query.procedureId ? sql` and p.id = ${query.procedureId}` : sql``,
  ]
  const rows = await queryRows<{ level: string | null; mode: string | null; n: number }>(
    db,
    sql`select o.level, o.mode, count(*)::int as n
          from procedures p
          left join ${onlineValuesOn(query.to)} o on o.procedure_id = p.id
         where p.active${sql.join(filters, sql``)}
         group by 1, 2`,
  )
  const result: DossierStats['procedures'] = {
    total: 0,
    byOnlineLevel: { level1: 0, level2: 0, level3: 0, level4: 0, none: 0 },
    byOnlineMode: { full: 0, partial: 0, none: 0, notSet: 0 },
  }
  for (const r of rows) {
    const n = Number(r.n)
    result.total += n
    const levelKey = r.level ? (`level${r.level}` as keyof typeof result.byOnlineLevel) : 'none'
    result.byOnlineLevel[levelKey] += n
    const modeKey = r.mode ? (r.mode as keyof typeof result.byOnlineMode) : 'notSet'
    result.byOnlineMode[modeKey] += n
  }
  return result
}
