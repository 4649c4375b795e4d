/**
 * The compliance summary: where the agency (or one unit's subtree) stands over a period.
 * Each part comes from the module that owns the records; pass rates are read from the
 * inspection rollups and the dossier figures from the statistics that reproduce the
 * one-stop-shop report. Every rate is a share between 0 and 1 (null when its base is 0).
 */
import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { CHECKLIST_CATEGORIES, type ChecklistCategory } from '../../../db/schema/checklist-templates.ts'
import { INSPECTION_KINDS, INSPECTION_STATUSES } from '../../../db/schema/inspections.ts'
import { addDays, agencyToday, daysBetween, type ServiceEnv } from '../../lib/clock.ts'
import { requirePermission, visibleUnitPaths, type Actor } from '../../lib/permissions.ts'
import { forbidden, invalidField } from '../../lib/problems.ts'
import { dossierFlowsByMonth, dossierStocksAfter, monthsBetween, periodsBetween, stockSourceFor, type MonthlyFlows } from '../dossiers/dossier-flows.ts'
import { complaintCounts } from '../complaints/service.ts'
import { findingCounts } from '../findings/finding-rollups.ts'
import { localDayRange } from '../calendar/working-days.ts'
import { nonconformityMetrics } from '../nonconformities/metrics.ts'
import { ncCode } from '../nonconformities/records.ts'
import { findOrgUnit, inSubtreeOf } from '../org-units/service.ts'
import { rollupPeriodSql, rollupRange } from '../../lib/rollup-range.ts'
import type { SingleFlight } from '../../lib/single-flight.ts'
import type { ComplianceQuery, ComplianceSummary, CriterionCell, MonthPoint, SeriesGrain, UnitCriteria } from './schemas.ts'

const rate = (part: number, base: number) => (base ? Math.round((part / base) * 10000) / 10000 : null)
const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>

/**
 * The unit the report covers: the requested one (within the reader's scope), a head of
 * unit's own unit by default, or null for the whole organisation.
 */
export async function reportScope(db: Db, actor: Actor, orgUnitId: string | undefined) {
  requirePermission(actor, 'report.read')
  const scope = visibleUnitPaths(actor, 'report.read')
  const id = orgUnitId ?? (scope === 'all' ? undefined : (actor.orgUnitId ?? undefined))
  if (!id) {
    if (scope !== 'all') throw forbidden('report.no-unit')
    return null
  }
  const unit = await findOrgUnit(db, id).catch(() => {
    throw invalidField('query.orgUnitId', 'report.unknown-unit')
  })
  requirePermission(actor, 'report.read', { orgUnitPath: unit.path })
  return { id: unit.id, code: unit.code, name: unit.name }
}

/**
 * The series goes by month up to 24 months and by calendar year beyond: sixty monthly
 * points say less than five yearly ones, and by year the whole years are read from the
 * rollups' year rows, so five years cost about what one does.
 */
export function seriesGrainFor(from: string, to: string): SeriesGrain {
  return monthsBetween(from, to).length > 24 ? 'year' : 'month'
}

export function checkPeriod(from: string, to: string) {
  if (from > to) throw invalidField('query.to', 'field.range-to-before-from')
  if (daysBetween(from, to) > 3700) throw invalidField('query.from', 'report.period-too-long')
}

/**
 * `flights`: readers asking for the same summary at the same moment share one computation
 * (the dashboard opened by many managers at once). The key holds everything the answer
 * depends on: the unit and period, the day, the zone and the reader's scope for NCs
 * (the only part that reads by the reader's own permissions).
 */
export async function complianceSummary(db: Db, actor: Actor, query: ComplianceQuery, env: ServiceEnv, flights?: SingleFlight): Promise<ComplianceSummary> {
  const unit = await reportScope(db, actor, query.orgUnitId)
  checkPeriod(query.from, query.to)
  const asOf = agencyToday(env)
  if (!flights) return summarise(db, actor, unit, query, env, asOf)
  const key = JSON.stringify(['compliance', unit?.id ?? null, query.from, query.to, asOf, env.config.timeZone, visibleUnitPaths(actor, 'nonconformity.read')])
  return flights.run(key, () => summarise(db, actor, unit, query, env, asOf))
}

async function summarise(db: Db, actor: Actor, unit: Awaited<ReturnType<typeof reportScope>>, query: ComplianceQuery, env: ServiceEnv, asOf: string): Promise<ComplianceSummary> {
  const { from, to } = query
  const within = (column: SQL) => (unit ? sql` and ${inSubtreeOf(column, unit.id)}` : sql``)

  const grain = seriesGrainFor(from, to)
  const section = inspectionSection(db, from, to, unit?.id, grain)
  // The dossier figures: the flows by month or year (also the trend) and the stocks at the end.
  const flows = dossierFlowsByMonth(db, { from, to, orgUnitId: unit?.id }, grain)
  const { start, end } = localDayRange(from, to, env.config.timeZone)
  const [{ inspections, criteria }, findings, nonconformities, overdueActions, documents, months, stocks, complaints, monthly, latestActivityOn] = await Promise.all([
    section,
    findingCounts(db, from, to, unit?.id),
    nonconformityMetrics(db, actor, { from, to, orgUnitId: unit?.id }, env),
    overdueActionList(db, asOf, within(sql`nc.org_unit_id`)),
    documentsDue(db, asOf, within(sql`d.owning_unit_id`)),
    flows,
    dossierStocksAfter(db, { day: to, orgUnitId: unit?.id }, stockSourceFor(to, asOf)),
    complaintCounts(db, start, end, { orgUnitId: unit?.id }).then(({ closed: _, ...byKind }) => byKind),
    series(db, from, to, grain, within, section, flows),
    latestActivity(db, asOf, env.config.timeZone, within),
  ])

  const t = { online: 0, received: 0, resolved: 0, onTime: 0 }
  for (const m of months) {
    t.online += m.receivedOnline
    t.received += m.receivedOnline + m.receivedInPerson + m.receivedPostal
    t.resolved += m.resolvedEarly + m.resolvedOnTime + m.resolvedLate
    t.onTime += m.resolvedEarly + m.resolvedOnTime
  }
  return {
    from,
    to,
    orgUnit: unit,
    asOf,
    latestActivityOn,
    inspections,
    criteria,
    findings,
    nonconformities,
    overdueActions,
    documents,
    dossiers: {
      received: t.received,
      receivedOnline: t.online,
      onlineShare: rate(t.online, t.received),
      resolved: t.resolved,
      resolvedOnTime: t.onTime,
      onTimeRate: rate(t.onTime, t.resolved),
      pendingNotDue: stocks.pending - stocks.overdue,
      pendingOverdue: stocks.overdue,
    },
    complaints,
    seriesGrain: grain,
    monthly,
  }
}

export interface InspectionSection {
  inspections: ComplianceSummary['inspections']
  criteria: ComplianceSummary['criteria']
  /** Completed inspections by kind (`inspections.byKind` counts every status). */
  completedByKind: ComplianceSummary['inspections']['byKind']
  /** By month ('YYYY-MM') or year ('YYYY'), as asked: completed inspections, passed and failed responses. */
  monthly: Map<string, { inspections: number; passed: number; failed: number }>
}

/**
 * Everything the reports say about inspections in [from, to], in three reads: the
 * rollups' '*' rows (the completed inspections: by kind, by month and by unit, with their
 * scores), the category rows of all kinds (by unit × criterion, and by month), the few planned,
 * in progress or cancelled inspections from the inspections themselves.
 */
export async function inspectionSection(db: Db, from: string, to: string, unitId: string | undefined, grain: SeriesGrain = 'month'): Promise<InspectionSection> {
  const within = (column: SQL) => (unitId ? sql` and ${inSubtreeOf(column, unitId)}` : sql``)
  const month = sql`${rollupPeriodSql(grain)}`
  const range = rollupRange(from, to, 'r', grain)
  const [done, categories, others] = await Promise.all([
    queryRows<{ kind: string | null; month: string | null; unit_id: string | null; n: number; score_sum: number }>(
      db,
      sql`select r.kind, ${month} as month, r.org_unit_id as unit_id, sum(r.inspections)::int as n, sum(r.score_sum)::float8 as score_sum
            from inspection_result_rollups r
           where r.category = '*' and ${range}${within(sql`r.org_unit_id`)}
           group by grouping sets ((r.kind), (${month}), (r.org_unit_id))`,
    ),
    queryRows<{ unit_id: string | null; code: string | null; name: string | null; category: ChecklistCategory | null; month: string | null; inspections: number; passed: number; failed: number; na: number }>(
      db,
      // Units are named after summing (a few dozen rows), not joined to every rollup row.
      sql`select x.*, u.code, u.name from (
            select r.org_unit_id as unit_id, r.category, ${month} as month,
                   sum(r.inspections)::int as inspections, sum(r.passed)::int as passed, sum(r.failed)::int as failed, sum(r.not_applicable)::int as na
              from inspection_result_rollups r
             where r.kind = '*' and r.category <> '*' and ${range}${within(sql`r.org_unit_id`)}
             group by grouping sets ((r.org_unit_id, r.category), (${month}))
          ) x left join org_units u on u.id = x.unit_id`,
    ),
    queryRows<{ kind: string; status: string; n: number }>(
      db,
      sql`select i.kind, i.status, count(*)::int as n from inspections i
           where i.status in ('planned', 'in_progress', 'cancelled') and i.inspection_date between ${from}::date and ${to}::date${within(sql`i.org_unit_id`)}
           group by 1, 2`,
    ),
  ])
  const monthly: InspectionSection['monthly'] = new Map()
  const monthOf = (m: string) => monthly.get(m) ?? (monthly.set(m, { inspections: 0, passed: 0, failed: 0 }), monthly.get(m)!)

  const byKind = zeros(INSPECTION_KINDS)
  const completedByKind = zeros(INSPECTION_KINDS)
  const byStatus = zeros(INSPECTION_STATUSES)
  let scoreSum = 0
  let unitsInspected = 0
  for (const r of done) {
    if (r.kind !== null) {
      byKind[r.kind as keyof typeof byKind] += r.n
      completedByKind[r.kind as keyof typeof byKind] += r.n
      byStatus.completed += r.n
      scoreSum += Number(r.score_sum)
    } else if (r.month !== null) monthOf(r.month).inspections += r.n
    else if (r.n > 0) unitsInspected++
  }
  for (const r of others) {
    byKind[r.kind as keyof typeof byKind] += r.n
    byStatus[r.status as keyof typeof byStatus] += r.n
  }
  const unitCells: typeof categories = []
  for (const r of categories) {
    if (r.unit_id !== null) unitCells.push(r)
    else if (r.month !== null) {
      const m = monthOf(r.month)
      m.passed += r.passed
      m.failed += r.failed
    }
  }
  return {
    inspections: {
      total: Object.values(byStatus).reduce((x, y) => x + y, 0),
      byKind,
      byStatus,
      unitsInspected,
      averageScore: byStatus.completed ? Math.round((scoreSum / byStatus.completed) * 10) / 10 : null,
    },
    criteria: criteriaTable(unitCells as CriteriaRow[]),
    completedByKind,
    monthly,
  }
}

function cell(category: ChecklistCategory, r: { inspections: number; passed: number; failed: number; na: number }): CriterionCell {
  return { category, inspections: r.inspections, passed: r.passed, failed: r.failed, notApplicable: r.na, passRate: rate(r.passed, r.passed + r.failed) }
}

type CriteriaRow = { unit_id: string; code: string; name: string; category: ChecklistCategory; inspections: number; passed: number; failed: number; na: number }

function criteriaTable(rows: CriteriaRow[]): ComplianceSummary['criteria'] {
  const order = (c: string) => CHECKLIST_CATEGORIES.indexOf(c as ChecklistCategory)
  const units = new Map<string, UnitCriteria>()
  const overall = new Map<ChecklistCategory, { inspections: number; passed: number; failed: number; na: number }>()
  for (const r of rows) {
    let u = units.get(r.unit_id)
    if (!u) units.set(r.unit_id, (u = { orgUnitId: r.unit_id, code: r.code, name: r.name, cells: [], passed: 0, failed: 0, passRate: null }))
    u.cells.push(cell(r.category, r))
    u.passed += r.passed
    u.failed += r.failed
    const o = overall.get(r.category) ?? { inspections: 0, passed: 0, failed: 0, na: 0 }
    o.inspections += r.inspections
    o.passed += r.passed
    o.failed += r.failed
    o.na += r.na
    overall.set(r.category, o)
  }
  for (const u of units.values()) {
    u.passRate = rate(u.passed, u.passed + u.failed)
    u.cells.sort((a, b) => order(a.category) - order(b.category))
  }
  return {
    overall: [...overall.entries()].sort((a, b) => order(a[0]) - order(b[0])).map(([c, r]) => cell(c, r)),
    units: [...units.values()].sort((a, b) => a.code.localeCompare(b.code)),
  }
}

async function overdueActionList(db: Db, asOf: string, unit: SQL): Promise<ComplianceSummary['overdueActions']> {
  // The ten most overdue come straight off the (status, due date) index; the count is separate.
  const scope = sql`a.status = 'open' and a.due_date < ${asOf}::date and nc.status not in ('closed', 'cancelled')${unit}`
  const [rows, [counted]] = await Promise.all([
    queryRows<{ id: string; description: string; due_date: string; nc_id: string; nc_number: number; owner: string; unit_name: string }>(
      db,
      sql`select a.id, a.description, to_char(a.due_date, 'YYYY-MM-DD') as due_date, nc.id as nc_id, nc.number as nc_number,
                 o.full_name as owner, u.name as unit_name
            from actions a
            join nonconformities nc on nc.id = a.nonconformity_id
            join users o on o.id = a.owner_id
            join org_units u on u.id = nc.org_unit_id
           where ${scope}
           order by a.due_date, a.id
           limit 10`,
    ),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from actions a join nonconformities nc on nc.id = a.nonconformity_id where ${scope}`),
  ])
  return {
    total: counted?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      description: r.description,
      dueDate: r.due_date,
      daysOverdue: daysBetween(r.due_date, asOf),
      nonconformityId: r.nc_id,
      nonconformityCode: ncCode(r.nc_number),
      ownerName: r.owner,
      orgUnitName: r.unit_name,
    })),
  }
}

/**
 * The latest day up to `asOf` with a completed inspection or a dossier received: per unit
 * in scope, the last row of its (unit, date) index.
 */
async function latestActivity(db: Db, asOf: string, timeZone: string, within: (c: SQL) => SQL): Promise<string | null> {
  const [row] = await queryRows<{ day: string | null }>(
    db,
    sql`select to_char(greatest(max(i.day), max((d.at at time zone ${timeZone})::date)), 'YYYY-MM-DD') as day
          from org_units u
          left join lateral (
            select x.inspection_date as day from inspections x
             where x.org_unit_id = u.id and x.inspection_date <= ${asOf}::date and x.status = 'completed'
             order by x.inspection_date desc limit 1
          ) i on true
          left join lateral (
            select x.received_at as at from dossiers x
             where x.org_unit_id = u.id and x.received_at < (${addDays(asOf, 1)}::date::timestamp at time zone ${timeZone})
             order by x.received_at desc limit 1
          ) d on true
         where true${within(sql`u.id`)}`,
  )
  return row?.day ?? null
}

async function documentsDue(db: Db, asOf: string, unit: SQL): Promise<ComplianceSummary['documents']> {
  const horizon = addDays(asOf, 30)
  const rows = await queryRows<{ id: string; code: string; title: string; due: string; unit_name: string; total: number; overdue: number }>(
    db,
    sql`with due as (
          select d.id, d.code, d.title, u.name as unit_name,
                 (r.effective_from + make_interval(months => d.review_interval_months))::date as due
            from documents d
            join document_revisions r on r.document_id = d.id and r.status = 'published'
            join org_units u on u.id = d.owning_unit_id
           where d.type <> 'record'${unit}
        )
        select id, code, title, unit_name, to_char(due, 'YYYY-MM-DD') as due,
               count(*) over ()::int as total, (count(*) filter (where due < ${asOf}::date) over ())::int as overdue
          from due where due <= ${horizon}::date
         order by due, code
         limit 10`,
  )
  return {
    dueForReview: rows[0]?.total ?? 0,
    overdue: rows[0]?.overdue ?? 0,
    items: rows.map((r) => ({ id: r.id, code: r.code, title: r.title, nextReviewDue: r.due, overdue: r.due < asOf, owningUnitName: r.unit_name })),
  }
}

async function series(
  db: Db,
  from: string,
  to: string,
  grain: SeriesGrain,
  within: (c: SQL) => SQL,
  section: Promise<InspectionSection>,
  dossierFlows: Promise<MonthlyFlows[]>,
): Promise<MonthPoint[]> {
  const [{ monthly: i }, ncs, flows] = await Promise.all([
    section,
    queryRows<{ month: string; opened: number; closed: number }>(
      db,
      sql`select ${rollupPeriodSql(grain)} as month, sum(r.raised)::int as opened, sum(r.closures)::int as closed
            from nonconformity_rollups r
           where ${rollupRange(from, to, 'r', grain)}${within(sql`r.org_unit_id`)}
           group by 1`,
    ),
    dossierFlows,
  ])
  const byMonth = <T extends { month: string }>(rows: T[]) => new Map(rows.map((r) => [r.month, r]))
  const n = byMonth(ncs)
  const f = byMonth(flows)
  return periodsBetween(from, to, grain).map((month) => {
    const flow = f.get(month)
    const received = flow ? flow.receivedOnline + flow.receivedInPerson + flow.receivedPostal : 0
    const resolved = flow ? flow.resolvedEarly + flow.resolvedOnTime + flow.resolvedLate : 0
    const checks = i.get(month)
    return {
      month,
      inspections: checks?.inspections ?? 0,
      passRate: checks && checks.passed + checks.failed ? rate(checks.passed, checks.passed + checks.failed) : null,
      dossiersReceived: received,
      onlineShare: rate(flow?.receivedOnline ?? 0, received),
      dossiersResolved: resolved,
      onTimeRate: rate(flow ? flow.resolvedEarly + flow.resolvedOnTime : 0, resolved),
      nonconformitiesOpened: n.get(month)?.opened ?? 0,
      nonconformitiesClosed: n.get(month)?.closed ?? 0,
    }
  })
}
