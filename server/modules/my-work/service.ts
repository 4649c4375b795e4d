/**
 * "Việc của tôi": what waits for the caller, gathered from the records' own workflows.
 * Each group is one query (count, overdue count and the first items together, by window
 * functions), so the cost does not grow with the number of items; the groups run side by
 * side on the pool. Who waits for whom follows the rules the modules enforce: the named
 * reviewer, an approver who did not draft, the lead and team of an inspection, the role
 * and unit that may take an NC's next step (separation of duties included), the owner of
 * an action, the units whose dossiers the caller may record.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { actions, auditProgrammes, documentRevisions, documents, dossiers, inspections, managementReviewDecisions, managementReviews, nonconformities, orgUnits, procedures, programmeAudits } from '../../../db/schema/index.ts'
import { addDays, agencyToday, daysBetween, localDate, type ServiceEnv } from '../../lib/clock.ts'
import { can, type Actor, type Permission } from '../../lib/permissions.ts'
import { inUnitScope, unitScope } from '../../lib/unit-scope.ts'
import { loadWorkingCalendar } from '../calendar/service.ts'
import { reviewCode } from '../management-reviews/inputs.ts'
import { ncCode } from '../nonconformities/records.ts'
import { MY_WORK_GROUPS, type MyWork, type MyWorkGroup, type MyWorkGroupKey, type MyWorkItem, type MyWorkQuery, type Urgency } from './schemas.ts'

export const DEFAULT_LIMIT = 20

/** The days an inspection counts as "this week": today and the six after it, as on the auditor's day. */
const WEEK_DAYS = 6

/** How far ahead a programme audit still to be scheduled shows: its inspections need planning. */
const AUDIT_DAYS = 30

interface Ctx {
  actor: Actor
  env: ServiceEnv
  today: string
  /** Rows to fetch: at least one, so the window counts arrive even when only counts are asked for. */
  fetch: number
}

const total = sql<number>`count(*) over ()`.mapWith(Number)
const overdueWhere = (cond: SQL) => sql<number>`count(*) filter (where ${cond}) over ()`.mapWith(Number)

const empty = (): MyWorkGroup => ({ count: 0, overdue: 0, items: [] })

function group<T extends { total: number; overdueCount: number }>(rows: T[], limit: number, toItem: (row: T) => MyWorkItem): MyWorkGroup {
  if (!rows.length) return empty()
  return { count: rows[0].total, overdue: rows[0].overdueCount, items: rows.slice(0, limit).map(toItem) }
}

/** Urgency of a calendar due date: past, today, within `soonDays`, later. */
function dateUrgency(dueDate: string, today: string, soonDays: number): { urgency: Urgency; overdue: boolean; daysLate: number } {
  const late = daysBetween(dueDate, today)
  if (late > 0) return { urgency: 'overdue', overdue: true, daysLate: late }
  if (late === 0) return { urgency: 'today', overdue: false, daysLate: 0 }
  return { urgency: -late <= soonDays ? 'soon' : 'later', overdue: false, daysLate: 0 }
}

/** The unit scope of a permission as a condition on org_units.path; `true` when it is everywhere. */
function scopeOf(actor: Actor, permission: Permission): SQL {
  const scope = unitScope(actor, permission)
  return inUnitScope(scope.kind, orgUnits.path, scope.match) ?? sql`true`
}

/** Revisions waiting for the caller's review (as the named reviewer) or approval (a manager who did not draft it). */
async function revisionsGroup(db: Db, { actor, fetch }: Ctx, limit: number): Promise<MyWorkGroup> {
  const me = actor.userId
  const approver = can(actor, 'document.approve')
  const review = and(sql`${documentRevisions.reviewedAt} is null`, eq(documentRevisions.reviewerId, me))
  const approval = approver
    ? sql`(${documentRevisions.reviewedAt} is not null and ${documentRevisions.createdById} is distinct from ${me} and ${documentRevisions.submittedById} is distinct from ${me})`
    : sql`false`
  const rows = await db
    .select({
      id: documentRevisions.id,
      documentId: documentRevisions.documentId,
      code: documents.code,
      title: documents.title,
      issueNumber: documentRevisions.issueNumber,
      changeSummary: documentRevisions.changeSummary,
      submittedAt: documentRevisions.submittedAt,
      reviewedAt: documentRevisions.reviewedAt,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      total,
      overdueCount: sql<number>`0`.mapWith(Number),
    })
    .from(documentRevisions)
    .innerJoin(documents, eq(documents.id, documentRevisions.documentId))
    .innerJoin(orgUnits, eq(orgUnits.id, documents.owningUnitId))
    .where(and(eq(documentRevisions.status, 'in_review'), sql`(${review} or ${approval})`))
    .orderBy(sql`coalesce(${documentRevisions.reviewedAt}, ${documentRevisions.submittedAt}) asc nulls last`, asc(documents.code))
    .limit(fetch)
  return group(rows, limit, (r) => ({
    id: r.id,
    code: `${r.code} (${r.issueNumber})`,
    title: r.title,
    detail: r.changeSummary,
    waitingFor: r.reviewedAt ? 'approval' : 'review',
    unit: { id: r.unitId, name: r.unitName },
    dueDate: null,
    dueAt: null,
    since: (r.reviewedAt ?? r.submittedAt)?.toISOString() ?? null,
    overdue: false,
    daysLate: 0,
    urgency: 'none',
    link: `/documents/${r.documentId}`,
  }))
}

/** Open inspections the caller leads or is on the team of: overdue, today and the rest of the week. */
async function inspectionsGroup(db: Db, { actor, today, fetch }: Ctx, limit: number): Promise<MyWorkGroup> {
  const me = actor.userId
  const rows = await db
    .select({
      id: inspections.id,
      number: inspections.number,
      location: inspections.location,
      plannedFor: inspections.plannedFor,
      lead: sql<boolean>`${inspections.leadInspectorId} = ${me}`,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      total,
      overdueCount: overdueWhere(sql`${inspections.plannedFor} < ${today}`),
    })
    .from(inspections)
    .innerJoin(orgUnits, eq(orgUnits.id, inspections.orgUnitId))
    .where(
      and(
        inArray(inspections.status, ['planned', 'in_progress']),
        sql`${inspections.plannedFor} <= ${addDays(today, WEEK_DAYS)}`,
        sql`(${inspections.leadInspectorId} = ${me} or exists (select 1 from inspection_team t where t.inspection_id = ${inspections.id} and t.user_id = ${me}))`,
      ),
    )
    .orderBy(asc(inspections.plannedFor), asc(inspections.number))
    .limit(fetch)
  return group(rows, limit, (r) => ({
    id: r.id,
    code: r.number,
    title: r.unitName,
    detail: r.location,
    waitingFor: r.lead ? 'lead_inspection' : 'join_inspection',
    unit: { id: r.unitId, name: r.unitName },
    dueDate: r.plannedFor,
    dueAt: null,
    since: null,
    ...dateUrgency(r.plannedFor, today, WEEK_DAYS),
    link: `/inspections/${r.id}`,
  }))
}

/**
 * Audits of an approved programme still to be scheduled (no inspection yet) that start
 * within AUDIT_DAYS days or should have started: for their lead auditor, and for the
 * managers (who manage the programme).
 */
async function auditsGroup(db: Db, { actor, today, fetch }: Ctx, limit: number): Promise<MyWorkGroup> {
  if (!can(actor, 'audit.plan')) return empty()
  const mine = can(actor, 'audit_programme.write') ? sql`true` : eq(programmeAudits.leadAuditorId, actor.userId)
  const rows = await db
    .select({
      id: programmeAudits.id,
      seq: programmeAudits.seq,
      title: programmeAudits.title,
      plannedFrom: programmeAudits.plannedFrom,
      programmeId: auditProgrammes.id,
      number: auditProgrammes.number,
      programmeTitle: auditProgrammes.title,
      total,
      overdueCount: overdueWhere(sql`${programmeAudits.plannedFrom} < ${today}`),
    })
    .from(programmeAudits)
    .innerJoin(auditProgrammes, eq(auditProgrammes.id, programmeAudits.programmeId))
    .where(and(eq(programmeAudits.status, 'planned'), eq(auditProgrammes.status, 'approved'), sql`${programmeAudits.plannedFrom} <= ${addDays(today, AUDIT_DAYS)}`, mine))
    .orderBy(asc(programmeAudits.plannedFrom), asc(auditProgrammes.number), asc(programmeAudits.seq))
    .limit(fetch)
  return group(rows, limit, (r) => ({
    id: r.id,
    code: `${r.number} #${r.seq}`,
    title: r.title,
    detail: r.programmeTitle,
    waitingFor: 'schedule_audit',
    unit: null,
    dueDate: r.plannedFrom,
    dueAt: null,
    since: null,
    ...dateUrgency(r.plannedFrom, today, WEEK_DAYS),
    link: `/audit-programmes/${r.programmeId}`,
  }))
}

const NC_STEP = {
  draft: 'analysis',
  analysis: 'plan',
  action_planned: 'start_actions',
  in_progress: 'submit_verification',
  pending_verification: 'verification',
  verified: 'closing',
} as const

/**
 * NCs whose next step is the caller's: analysis (draft), plan (analysis), start
 * (action_planned), sending for verification once every action is done (in_progress),
 * for the head of the NC's unit or a manager; verification for an auditor or manager who
 * owns no action of it; closing for the head or a manager who did not verify it.
 */
async function nonconformitiesGroup(db: Db, { actor, env, today, fetch }: Ctx, limit: number): Promise<MyWorkGroup> {
  const steps: SQL[] = []
  if (can(actor, 'nonconformity.analyze')) steps.push(sql`(${nonconformities.status} = 'draft' and ${scopeOf(actor, 'nonconformity.analyze')})`)
  if (can(actor, 'nonconformity.plan')) {
    // In progress, the NC waits for the head only once no action is open (next_action_due is kept by every action write).
    steps.push(
      sql`((${nonconformities.status} in ('analysis', 'action_planned') or (${nonconformities.status} = 'in_progress' and ${nonconformities.nextActionDue} is null)) and ${scopeOf(actor, 'nonconformity.plan')})`,
    )
  }
  if (can(actor, 'nonconformity.verify')) {
    steps.push(
      sql`(${nonconformities.status} = 'pending_verification' and ${scopeOf(actor, 'nonconformity.verify')} and ${nonconformities.id} not in (select a.nonconformity_id from actions a where a.owner_id = ${actor.userId}))`,
    )
  }
  if (can(actor, 'nonconformity.close')) {
    steps.push(
      sql`(${nonconformities.status} = 'verified' and ${scopeOf(actor, 'nonconformity.close')} and ${nonconformities.id} not in (
        select v.nonconformity_id from nonconformities vn join nonconformity_verifications v on v.nonconformity_id = vn.id
        where vn.status = 'verified' and v.verifier_id = ${actor.userId}
          and not exists (select 1 from nonconformity_verifications later where later.nonconformity_id = v.nonconformity_id and later.round > v.round)))`,
    )
  }
  if (!steps.length) return empty()
  // The separation-of-duties tests are uncorrelated sets (the NCs I own an action of, the
  // NCs whose last check is mine), computed once: a per-row subquery made PostgreSQL cost
  // the query for every open NC and compile it (JIT) at province scale, ten times slower.
  // Due as the board counts it: the NC's own date, or an open action's when earlier.
  const due = sql<string>`least(${nonconformities.dueDate}, coalesce(${nonconformities.nextActionDue}, ${nonconformities.dueDate}))`
  const rows = await db
    .select({
      id: nonconformities.id,
      number: nonconformities.number,
      title: nonconformities.title,
      status: nonconformities.status,
      due: sql<string>`${due}::text`,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      total,
      overdueCount: overdueWhere(sql`${due} < ${today}`),
    })
    .from(nonconformities)
    .innerJoin(orgUnits, eq(orgUnits.id, nonconformities.orgUnitId))
    .where(and(inArray(nonconformities.status, Object.keys(NC_STEP) as (keyof typeof NC_STEP)[]), sql`(${sql.join(steps, sql` or `)})`))
    .orderBy(sql`${due} asc`, asc(nonconformities.number))
    .limit(fetch)
  return group(rows, limit, (r) => ({
    id: r.id,
    code: ncCode(r.number),
    title: r.title,
    detail: null,
    waitingFor: NC_STEP[r.status as keyof typeof NC_STEP],
    unit: { id: r.unitId, name: r.unitName },
    dueDate: r.due,
    dueAt: null,
    since: null,
    ...dateUrgency(r.due, today, env.config.remindDaysBeforeDue),
    link: `/nonconformities/${r.id}`,
  }))
}

/**
 * Open actions the caller owns: corrective actions once their NC's plan stands (as the
 * reminders count them), and the actions decided by management reviews. Two queries,
 * merged by due date.
 */
async function actionsGroup(db: Db, { actor, env, today, fetch }: Ctx, limit: number): Promise<MyWorkGroup> {
  const [ncRows, reviewRows] = await Promise.all([
    db
      .select({
        id: actions.id,
        description: actions.description,
        dueDate: actions.dueDate,
        ncId: nonconformities.id,
        number: nonconformities.number,
        ncTitle: nonconformities.title,
        unitId: orgUnits.id,
        unitName: orgUnits.name,
        total,
        overdueCount: overdueWhere(sql`${actions.dueDate} < ${today}`),
      })
      .from(actions)
      .innerJoin(nonconformities, eq(nonconformities.id, actions.nonconformityId))
      .innerJoin(orgUnits, eq(orgUnits.id, nonconformities.orgUnitId))
      .where(and(eq(actions.ownerId, actor.userId), eq(actions.status, 'open'), inArray(nonconformities.status, ['action_planned', 'in_progress'])))
      .orderBy(asc(actions.dueDate), asc(nonconformities.number), asc(actions.id))
      .limit(fetch),
    db
      .select({
        id: managementReviewDecisions.id,
        description: managementReviewDecisions.description,
        dueDate: sql<string>`${managementReviewDecisions.dueDate}::text`,
        reviewId: managementReviews.id,
        number: managementReviews.number,
        reviewTitle: managementReviews.title,
        unitId: orgUnits.id,
        unitName: orgUnits.name,
        total,
        overdueCount: overdueWhere(sql`${managementReviewDecisions.dueDate} < ${today}`),
      })
      .from(managementReviewDecisions)
      .innerJoin(managementReviews, eq(managementReviews.id, managementReviewDecisions.reviewId))
      .innerJoin(orgUnits, eq(orgUnits.id, managementReviews.orgUnitId))
      .where(and(eq(managementReviewDecisions.ownerId, actor.userId), eq(managementReviewDecisions.status, 'open')))
      .orderBy(asc(managementReviewDecisions.dueDate), asc(managementReviewDecisions.id))
      .limit(fetch),
  ])
  const item = (r: { id: string; description: string; dueDate: string; unitId: string; unitName: string }, code: string, detail: string, link: string): MyWorkItem => ({
    id: r.id,
    code,
    title: r.description,
    detail,
    waitingFor: 'complete_action',
    unit: { id: r.unitId, name: r.unitName },
    dueDate: r.dueDate,
    dueAt: null,
    since: null,
    ...dateUrgency(r.dueDate, today, env.config.remindDaysBeforeDue),
    link,
  })
  const items = [
    ...ncRows.map((r) => item(r, ncCode(r.number), r.ncTitle, `/nonconformities/${r.ncId}`)),
    ...reviewRows.map((r) => item(r, reviewCode(r.number), r.reviewTitle, `/management-reviews/${r.reviewId}`)),
  ].sort((a, b) => (a.dueDate! < b.dueDate! ? -1 : a.dueDate! > b.dueDate! ? 1 : 0))
  return {
    count: (ncRows[0]?.total ?? 0) + (reviewRows[0]?.total ?? 0),
    overdue: (ncRows[0]?.overdueCount ?? 0) + (reviewRows[0]?.overdueCount ?? 0),
    items: items.slice(0, limit),
  }
}

/**
 * Unresolved dossiers handled by the units whose dossiers the caller records, due by the
 * close of the next working day (after the one now counts for) or overdue. A dossier
 * waiting for a supplement has its clock stopped: it appears only if it was already
 * overdue when the supplement was asked for (the dossier list's rule).
 */
async function dossiersGroup(db: Db, { actor, env, today, fetch }: Ctx, limit: number): Promise<MyWorkGroup> {
  if (!can(actor, 'dossier.write')) return empty()
  const calendar = await loadWorkingCalendar(db, env.config)
  const horizon = calendar.dueAt(env.now, 1)
  const now = env.now.toISOString()
  const overdue = sql`((${dossiers.status} in ('received', 'processing') and ${dossiers.dueAt} < ${now}::timestamptz) or (${dossiers.status} = 'supplement_requested' and ${dossiers.dueAt} < ${dossiers.pausedAt}))`
  const rows = await db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      applicant: dossiers.applicantName,
      procedure: procedures.name,
      dueAt: dossiers.dueAt,
      overdue: sql<boolean>`${overdue}`,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      total,
      overdueCount: overdueWhere(overdue),
    })
    .from(dossiers)
    .innerJoin(orgUnits, eq(orgUnits.id, dossiers.orgUnitId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(
      and(
        // Two sets, each from its own index (the second from dossiers_overdue_paused_idx): as one
        // OR the planner read every dossier waiting for a supplement (15,000 at province scale).
        sql`${dossiers.id} in (
          select d.id from dossiers d where d.status in ('received', 'processing') and d.due_at <= ${horizon.toISOString()}::timestamptz
          union all
          select d.id from dossiers d where d.status = 'supplement_requested' and d.due_at < d.paused_at)`,
        scopeOf(actor, 'dossier.write'),
      ),
    )
    .orderBy(asc(dossiers.dueAt), asc(dossiers.code))
    .limit(fetch)
  return group(rows, limit, (r) => {
    const dueDate = localDate(r.dueAt, env.config.timeZone)
    const daysLate = r.overdue ? Math.max(0, daysBetween(dueDate, today)) : 0
    return {
      id: r.id,
      code: r.code,
      title: r.procedure,
      detail: r.applicant,
      waitingFor: 'handle_dossier',
      unit: { id: r.unitId, name: r.unitName },
      dueDate,
      dueAt: r.dueAt.toISOString(),
      since: null,
      overdue: r.overdue,
      daysLate,
      urgency: r.overdue ? 'overdue' : dueDate === today ? 'today' : 'soon',
      link: `/dossiers/${r.id}`,
    }
  })
}

const GROUPS: Record<MyWorkGroupKey, (db: Db, ctx: Ctx, limit: number) => Promise<MyWorkGroup>> = {
  revisions: revisionsGroup,
  inspections: inspectionsGroup,
  audits: auditsGroup,
  nonconformities: nonconformitiesGroup,
  actions: actionsGroup,
  dossiers: dossiersGroup,
}

/**
 * Everything waiting for the caller. Every signed-in user has an inbox; each group checks
 * the permission its step needs (a role without it gets an empty group and no query) and
 * narrows to the units that role acts on, like the lists do.
 */
export async function myWork(db: Db, actor: Actor, query: MyWorkQuery, env: ServiceEnv): Promise<MyWork> {
  const limit = query.limit ?? DEFAULT_LIMIT
  const ctx: Ctx = { actor, env, today: agencyToday(env), fetch: Math.max(1, limit) }
  const results = await Promise.all(MY_WORK_GROUPS.map((key) => GROUPS[key](db, ctx, limit)))
  const groups = Object.fromEntries(MY_WORK_GROUPS.map((key, i) => [key, results[i]])) as Record<MyWorkGroupKey, MyWorkGroup>
  return {
    asOf: ctx.today,
    total: results.reduce((n, g) => n + g.count, 0),
    overdue: results.reduce((n, g) => n + g.overdue, 0),
    groups,
  }
}
