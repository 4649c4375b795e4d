/**
 * Nonconformities: raising one (also from other modules, inside their transaction),
 * listing with computed overdue figures, the full record with its actions, checks and
 * timeline, and changes to its fields. The workflow is in workflow.ts.
 */
import { and, asc, desc, eq, inArray, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import {
  actions,
  nonconformities,
  nonconformityEvents,
  nonconformityVerifications,
  orgUnits,
  users,
  type NonconformityRow,
} from '../../../db/schema/index.ts'
import { addDays, agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { afterCursor, dateKey, keyset, textKey } from '../../lib/pagination.ts'
import { can, hasRole, requirePermission, type Actor } from '../../lib/permissions.ts'
import { badRequest, conflict, fieldError, forbidden, type FieldError } from '../../lib/problems.ts'
import { exactFirst, parseSearch, searchCondition } from '../../lib/search.ts'
import { actionsOf } from './actions/service.ts'
import { recordAudit } from '../audit-log/service.ts'
import { isIsoClause } from '../iso-clauses/service.ts'
import { notify } from '../notifications/service.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import { assertCanRead, except, findNonconformity, ncCode, recordNcEvent, ncScope } from './records.ts'
import { responsibleHeads } from '../notifications/recipients.ts'
import { applyNcChange } from './nonconformity-rollups.ts'
import { checkNcSource } from './sources.ts'
import { brokenRule, missingReference } from '../../lib/references.ts'
import { allowedOperations, loadFacts, refusal } from './rules.ts'
import type { CreateNonconformity, Nonconformity, NonconformityQuery, NonconformitySummary, UpdateNonconformity } from './schemas.ts'
import { NC_WORKFLOW } from './transitions.ts'
import { preparedSelect, present } from '../../lib/select-rows.ts'
import { unitScope, type ScopeKind } from '../../lib/unit-scope.ts'

const creator = alias(users, 'creator')

/**
 * SQL: days the NC is late today, by its own due date or its earliest open action's
 * (`next_action_due`, kept by every action write); 0 when closed, cancelled or on time.
 */
function daysLate(today: string | Placeholder): SQL<number> {
  return sql<number>`(case when ${nonconformities.status} in ('closed', 'cancelled') then 0 else greatest(0, ${today}::date - ${nonconformities.dueDate}, ${today}::date - ${nonconformities.nextActionDue}) end)`
}

function selectSummaries(db: Db, today: string | Placeholder) {
  return db
    .select({
      nc: nonconformities,
      unit: { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path },
      creator: { id: creator.id, fullName: creator.fullName },
      actionsTotal: sql<number>`(select count(*)::int from ${actions} where ${actions.nonconformityId} = ${nonconformities.id})`,
      actionsOpen: sql<number>`(select count(*)::int from ${actions} where ${actions.nonconformityId} = ${nonconformities.id} and ${actions.status} = 'open')`,
      actionsOverdue: sql<number>`(select count(*)::int from ${actions} where ${actions.nonconformityId} = ${nonconformities.id} and ${actions.status} = 'open' and ${actions.dueDate} < ${today}::date and ${nonconformities.status} not in ('closed', 'cancelled'))`,
      daysLate: daysLate(today),
    })
    .from(nonconformities)
    .innerJoin(orgUnits, eq(orgUnits.id, nonconformities.orgUnitId))
    .leftJoin(creator, eq(creator.id, nonconformities.createdById))
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['execute']>>[number]

export function toNonconformitySummary(r: SummaryRow): NonconformitySummary {
  const late = Number(r.daysLate)
  return {
    id: r.nc.id,
    number: r.nc.number,
    code: ncCode(r.nc.number),
    source: r.nc.source,
    sourceId: r.nc.sourceId,
    orgUnitId: r.nc.orgUnitId,
    orgUnit: { id: r.unit.id, code: r.unit.code, name: r.unit.name },
    title: r.nc.title,
    severity: r.nc.severity,
    status: r.nc.status,
    clauseNumbers: r.nc.clauseNumbers,
    detectedOn: r.nc.detectedOn,
    dueDate: r.nc.dueDate,
    overdue: late > 0,
    daysOverdue: late,
    actionsTotal: Number(r.actionsTotal),
    actionsOpen: Number(r.actionsOpen),
    actionsOverdue: Number(r.actionsOverdue),
    createdBy: r.creator?.id ? r.creator : null,
    closedAt: r.nc.closedAt?.toISOString() ?? null,
    version: r.nc.version,
    createdAt: r.nc.createdAt.toISOString(),
    updatedAt: r.nc.updatedAt.toISOString(),
  }
}

/** The NC's own fields as the audit log keeps them (before/after a change). */
export function ncRecord(row: NonconformityRow) {
  return {
    ...row,
    code: ncCode(row.number),
    analyzedAt: row.analyzedAt?.toISOString() ?? null,
    plannedAt: row.plannedAt?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** The whole record as the API shows it to `actor` (with what they may do now). */
export async function loadNonconformity(db: Db, actor: Actor, id: string, env: ServiceEnv): Promise<Nonconformity> {
  const found = await findNonconformity(db, id)
  const [[summary], actionList, checks, events, facts] = await Promise.all([
    selectSummaries(db, agencyToday(env)).where(eq(nonconformities.id, id)),
    actionsOf(db, actor, id, env),
    db
      .select({ check: nonconformityVerifications, verifier: { id: users.id, fullName: users.fullName } })
      .from(nonconformityVerifications)
      .innerJoin(users, eq(users.id, nonconformityVerifications.verifierId))
      .where(eq(nonconformityVerifications.nonconformityId, id))
      .orderBy(asc(nonconformityVerifications.round)),
    db
      .select({ event: nonconformityEvents, actor: { id: users.id, fullName: users.fullName } })
      .from(nonconformityEvents)
      .leftJoin(users, eq(users.id, nonconformityEvents.actorId))
      .where(eq(nonconformityEvents.nonconformityId, id))
      .orderBy(asc(nonconformityEvents.seq)),
    loadFacts(db, found),
  ])
  const nc = found.nc
  const personIds = [nc.analyzedById, nc.plannedById, nc.closedById, nc.cancelledById].filter((x): x is string => Boolean(x))
  const people = new Map(
    personIds.length ? (await db.select({ id: users.id, fullName: users.fullName }).from(users).where(inArray(users.id, personIds))).map((p) => [p.id, p]) : [],
  )
  const person = (userId: string | null) => (userId ? people.get(userId) ?? null : null)
  return {
    ...toNonconformitySummary(summary),
    description: nc.description,
    containment: nc.containment,
    rootCause: nc.rootCause,
    analyzedAt: nc.analyzedAt?.toISOString() ?? null,
    analyzedBy: person(nc.analyzedById),
    plannedAt: nc.plannedAt?.toISOString() ?? null,
    plannedBy: person(nc.plannedById),
    verificationPlannedDate: nc.verificationPlannedDate,
    startedAt: nc.startedAt?.toISOString() ?? null,
    submittedAt: nc.submittedAt?.toISOString() ?? null,
    closedBy: person(nc.closedById),
    closingNote: nc.closingNote,
    cancelledAt: nc.cancelledAt?.toISOString() ?? null,
    cancelledBy: person(nc.cancelledById),
    cancelReason: nc.cancelReason,
    actions: actionList,
    verifications: checks.map((c) => ({
      id: c.check.id,
      round: c.check.round,
      verifier: c.verifier,
      effective: c.check.effective,
      note: c.check.note,
      verifiedAt: c.check.verifiedAt.toISOString(),
    })),
    timeline: events.map((e) => ({
      id: e.event.id,
      at: e.event.at.toISOString(),
      actor: e.actor?.id ? e.actor : null,
      actorName: e.event.actorName,
      action: e.event.action,
      fromStatus: e.event.fromStatus,
      toStatus: e.event.toStatus,
      details: e.event.details,
    })),
    allowedActions: allowedOperations(actor, facts),
  }
}

export async function getNonconformity(db: Db, actor: Actor, id: string, env: ServiceEnv) {
  await assertCanRead(db, actor, await findNonconformity(db, id))
  return loadNonconformity(db, actor, id, env)
}

const listKeys = [dateKey(nonconformities.createdAt, (r: SummaryRow) => r.nc.createdAt), textKey(nonconformities.id, (r: SummaryRow) => r.nc.id)]
const FILTERS = ['orgUnitId', 'severity', 'source', 'sourceId', 'actionOwnerId', 'from', 'to'] as const
const p = sql.placeholder

type NcListShape = Record<(typeof FILTERS)[number], boolean> & { scope: ScopeKind; statuses: number; open: boolean | undefined; overdue: boolean | undefined; q: boolean | 'exact'; exclude: boolean; cursor: boolean }

const ncList = preparedSelect((db, f: NcListShape) =>
  selectSummaries(db, p('today'))
    .where(
      and(
        ncScope(f.scope, p('scope'), p('actorId')),
        f.statuses ? inArray(nonconformities.status, Array.from({ length: f.statuses }, (_, i) => p(`status${i}`))) : undefined,
        f.open === undefined
          ? undefined
          : f.open
            ? sql`${nonconformities.status} not in ('closed', 'cancelled')`
            : sql`${nonconformities.status} in ('closed', 'cancelled')`,
        f.orgUnitId ? inSubtreeOf(sql`${nonconformities.orgUnitId}`, p('orgUnitId')) : undefined,
        f.overdue === undefined ? undefined : f.overdue ? sql`${daysLate(p('today'))} > 0` : sql`${daysLate(p('today'))} = 0`,
        f.severity ? eq(nonconformities.severity, p('severity')) : undefined,
        f.source ? eq(nonconformities.source, p('source')) : undefined,
        f.sourceId ? eq(nonconformities.sourceId, p('sourceId')) : undefined,
        f.actionOwnerId
          ? sql`exists (select 1 from ${actions} where ${actions.nonconformityId} = ${nonconformities.id} and ${actions.ownerId} = ${p('actionOwnerId')})`
          : undefined,
        f.from ? sql`${nonconformities.detectedOn} >= ${p('from')}::date` : undefined,
        f.to ? sql`${nonconformities.detectedOn} <= ${p('to')}::date` : undefined,
        f.q === 'exact'
          ? eq(nonconformities.number, p('exact'))
          : f.q
            ? searchCondition(nonconformities.search, p('q'))
            : undefined,
        f.exclude ? ne(nonconformities.id, p('exclude')) : undefined,
        f.cursor ? afterCursor(listKeys, 'desc') : undefined,
      ),
    )
    .orderBy(desc(nonconformities.createdAt), desc(nonconformities.id))
    .limit(p('limit')),
)

export async function listNonconformities(db: Db, actor: Actor, query: NonconformityQuery, env: ServiceEnv) {
  requirePermission(actor, 'nonconformity.read')
  const page = keyset(listKeys, query, 'desc')
  const scope = unitScope(actor, 'nonconformity.read')
  const search = parseSearch(query.q)
  const statuses = query.status ?? []
  const shape: NcListShape = {
    ...present(query, FILTERS),
    scope: scope.kind,
    statuses: statuses.length,
    open: query.open,
    overdue: query.overdue,
    q: search !== undefined,
    exclude: false,
    cursor: page.hasCursor,
  }
  const values = {
    ...query,
    ...page.params,
    ...Object.fromEntries(statuses.map((s, i) => [`status${i}`, s])),
    scope: scope.match,
    actorId: actor.userId,
    today: agencyToday(env),
    q: search?.pattern,
  }
  // The exact match is the NC whose code (NC-0042) is the term.
  const number = search && /^NC-(\d{4,9})$/i.exec(search.term)?.[1]
  const exact = number && ncCode(Number(number)).toLowerCase() === search.term.toLowerCase() ? Number(number) : undefined
  const rows = await exactFirst(
    page,
    listKeys.length,
    (r) => r.nc.id,
    exact === undefined ? undefined : () => ncList(db, { ...shape, q: 'exact', cursor: false }, { ...values, exact, limit: 1 }),
    ({ exclude, cursor, limit }) => ncList(db, { ...shape, exclude: exclude !== undefined, cursor }, { ...values, exclude, limit }),
  )
  return page.page(rows, toNonconformitySummary)
}

function clauseErrors(numbers: string[] | undefined): FieldError[] {
  return (numbers ?? []).flatMap((n, i) => (isIsoClause(n) ? [] : [fieldError(`clauseNumbers.${i}`, 'nonconformity.not-a-clause', { value: n })]))
}

async function unitForNc(db: Db, orgUnitId: string) {
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, orgUnitId))
  if (!unit) throw missingReference('orgUnitId', 'unit')
  if (!unit.active) throw brokenRule('orgUnitId', 'field.unit-deactivated')
  return unit
}

const SOURCES_WITH_RECORD = ['finding', 'late_dossier', 'objective', 'plan_task'] as const

/**
 * Raises a nonconformity. Other modules (findings, dossiers) call this inside their own
 * transaction, after their own checks, e.g.
 *
 *   await db.transaction(async (tx) => {
 *     const nc = await raiseNonconformity(tx, actor, { source: 'finding', sourceId: finding.id, … }, { now, config })
 *     await tx.update(findings).set({ handling: 'nc_raised', nonconformityId: nc.id })…
 *   })
 *
 * It checks `nonconformity.create` for the unit, validates, writes the NC with its first
 * timeline entry and audit record, and tells the heads of the unit. A finding, a late
 * dossier or an indicator's period can have one live (not cancelled) NC: a second is a 409 naming the first.
 */
export async function raiseNonconformity(db: Db, actor: Actor, input: CreateNonconformity, env: ServiceEnv): Promise<Nonconformity> {
  requirePermission(actor, 'nonconformity.create')
  const unit = await unitForNc(db, input.orgUnitId)
  requirePermission(actor, 'nonconformity.create', { orgUnitPath: unit.path })

  const today = agencyToday(env)
  const detectedOn = input.detectedOn ?? today
  const dueDate = input.dueDate ?? addDays(detectedOn, input.severity === 'major' ? env.config.ncDueDaysMajor : env.config.ncDueDaysMinor)
  const errors: FieldError[] = [...clauseErrors(input.clauseNumbers)]
  if ((SOURCES_WITH_RECORD as readonly string[]).includes(input.source) && !input.sourceId) {
    errors.push(fieldError('sourceId', 'nonconformity.source-record-required', { source: input.source }))
  }
  if (detectedOn > today) errors.push(fieldError('detectedOn', 'field.date-in-future', { max: today }))
  if (dueDate < detectedOn) errors.push(fieldError('dueDate', 'nonconformity.due-before-detection', { min: detectedOn }))
  if (errors.length) throw badRequest('nonconformity.invalid-fields', { count: errors.length }, errors)
  await checkNcSource(db, actor, input.source, input.sourceId, unit, env.now)

  if (input.sourceId && (SOURCES_WITH_RECORD as readonly string[]).includes(input.source)) {
    const [existing] = await db
      .select({ id: nonconformities.id, number: nonconformities.number })
      .from(nonconformities)
      .where(and(eq(nonconformities.source, input.source), eq(nonconformities.sourceId, input.sourceId), sql`${nonconformities.status} <> 'cancelled'`))
    if (existing) {
      throw conflict('nonconformity.source-has-nc', { source: input.source, existingCode: ncCode(existing.number) }, [
        fieldError('sourceId', 'nonconformity.field-source-has-nc', { existingId: existing.id, existingCode: ncCode(existing.number) }),
      ])
    }
  }

  const [row] = await db
    .insert(nonconformities)
    .values({
      source: input.source,
      sourceId: input.sourceId ?? null,
      orgUnitId: unit.id,
      title: input.title.trim(),
      description: input.description ?? '',
      severity: input.severity,
      clauseNumbers: input.clauseNumbers ?? [],
      containment: input.containment?.trim() || null,
      detectedOn,
      dueDate,
      createdById: actor.via === 'system' ? null : actor.userId,
      createdAt: env.now,
      updatedAt: env.now,
    })
    .returning()
  await applyNcChange(db, null, row)
  await recordNcEvent(db, actor, row.id, env.now, { action: 'create', to: 'draft', details: { source: row.source, severity: row.severity } })
  await recordAudit(db, actor, { action: 'nonconformity.create', entityType: 'nonconformity', entityId: row.id, after: ncRecord(row) })
  const code = ncCode(row.number)
  await notify(db, {
    userIds: except(actor, (await responsibleHeads(db, [unit.id])).get(unit.id) ?? []),
    kind: 'nonconformity.raised',
    title: `${code} raised against ${unit.name}: ${row.title}`,
    params: { code, title: row.title, unit: unit.name, severity: row.severity, dueDate: row.dueDate },
    link: `/nonconformities/${row.id}`,
    entityType: 'nonconformity',
    entityId: row.id,
    dedupeKey: `nc:${row.id}:raised`,
  })
  return loadNonconformity(db, actor, row.id, env)
}

export function createNonconformity(db: Db, actor: Actor, input: CreateNonconformity, env: ServiceEnv) {
  return db.transaction((tx) => raiseNonconformity(tx, actor, input, env))
}

const HEAD_EDITABLE = new Set(['containment'])

export async function updateNonconformity(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateNonconformity, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const found = await findNonconformity(tx, id, { forUpdate: true })
    const facts = await loadFacts(tx, found)
    const reason = refusal(actor, 'update', facts)
    if (reason) throw forbidden(reason)
    // The audited unit's head may record containment, but not re-word or downgrade what an auditor raised.
    const fullEditor = hasRole(actor, 'auditor', 'manager') || found.nc.createdById === actor.userId
    const restricted = Object.keys(input).filter((k) => !HEAD_EDITABLE.has(k))
    if (!fullEditor && restricted.length) {
      throw forbidden('nonconformity.head-containment-only', { fields: restricted })
    }
    assertVersion(found.nc, expectedVersion)
    NC_WORKFLOW.assert('update', found.nc.status, { action: 'change' })

    const errors: FieldError[] = [...clauseErrors(input.clauseNumbers)]
    let orgUnitId = found.nc.orgUnitId
    if (input.orgUnitId !== undefined && input.orgUnitId !== found.nc.orgUnitId) {
      if (found.nc.status !== 'draft') errors.push(fieldError('orgUnitId', 'nonconformity.unit-fixed'))
      else {
        const unit = await unitForNc(tx, input.orgUnitId)
        if (!can(actor, 'nonconformity.create', { orgUnitPath: unit.path })) throw forbidden('nonconformity.move-forbidden')
        orgUnitId = unit.id
      }
    }
    const detectedOn = input.detectedOn ?? found.nc.detectedOn
    const dueDate = input.dueDate ?? found.nc.dueDate
    if (detectedOn > agencyToday(env)) errors.push(fieldError('detectedOn', 'field.date-in-future', { max: agencyToday(env) }))
    if (dueDate < detectedOn) errors.push(fieldError('dueDate', 'nonconformity.due-before-detection', { min: detectedOn }))
    if (errors.length) throw badRequest('nonconformity.invalid-change', { count: errors.length }, errors)

    const [row] = await tx
      .update(nonconformities)
      .set({
        title: input.title?.trim() ?? found.nc.title,
        description: input.description ?? found.nc.description,
        severity: input.severity ?? found.nc.severity,
        clauseNumbers: input.clauseNumbers ?? found.nc.clauseNumbers,
        containment: input.containment === undefined ? found.nc.containment : input.containment?.trim() || null,
        detectedOn,
        dueDate,
        orgUnitId,
        version: found.nc.version + 1,
        updatedAt: env.now,
      })
      .where(eq(nonconformities.id, id))
      .returning()
    await applyNcChange(tx, found.nc, row)
    const before = ncRecord(found.nc)
    const after = ncRecord(row)
    const changes: Record<string, { from: unknown; to: unknown }> = {}
    for (const key of ['title', 'description', 'severity', 'clauseNumbers', 'containment', 'detectedOn', 'dueDate', 'orgUnitId'] as const) {
      if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: before[key], to: after[key] }
    }
    await recordNcEvent(tx, actor, id, env.now, { action: 'update', details: { changes } })
    await recordAudit(tx, actor, { action: 'nonconformity.update', entityType: 'nonconformity', entityId: id, before, after })
    return loadNonconformity(tx, actor, id, env)
  })
}
