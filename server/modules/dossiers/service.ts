import { and, asc, desc, eq, gte, inArray, lt, max, ne, sql, type Placeholder, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { queryRows, type Db } from '../../../db/client.ts'
import { dossierEvents, dossiers, orgUnits, procedures, type DossierEventRow, type DossierRow } from '../../../db/schema/index.ts'
import { localDate, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { afterCursor, dateKey, keyset, textKey } from '../../lib/pagination.ts'
import { can, requirePermission, type Actor } from '../../lib/permissions.ts'
import { conflict, fieldError, forbidden, invalidField, notFound } from '../../lib/problems.ts'
import { exactFirst, parseSearch, searchCondition, wordsCondition } from '../../lib/search.ts'
import { recordAudit } from '../audit-log/service.ts'
import { loadWorkingCalendar } from '../calendar/service.ts'
import { localDayRange } from '../calendar/working-days.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import type { CreateDossier, Dossier, DossierAction, DossierEvent, DossierQuery, TransitionBody, UpdateDossier } from './schemas.ts'
import { applyAction, DOSSIER_WORKFLOW, isOverdue, PENDING_STATUSES } from './workflow.ts'
import { refreshDossierStats } from './dossier-rollups.ts'
import { preparedSelect, type Shape } from '../../lib/select-rows.ts'
import { missingReference } from '../../lib/references.ts'

type UnitColumns = { id: string; code: string; name: string; path: string }
type ProcedureColumns = { id: string; code: string; name: string; field: string; processingDays: number }

export interface DossierJoined {
  dossier: DossierRow
  procedure: ProcedureColumns
  unit: UnitColumns
  receivingUnit: UnitColumns | null
}

const iso = (v: Date | null) => v?.toISOString() ?? null

/** The dossier as the API shows it; with `actor`, `allowedActions` are the steps this person may record (none when they may only read it). */
export function toDossier(row: DossierJoined, now: Date, actor?: Actor): Dossier {
  const d = row.dossier
  const mayWrite = !actor || canWriteDossier(actor, row.unit.path, row.receivingUnit?.path)
  return {
    id: d.id,
    code: d.code,
    procedureId: d.procedureId,
    procedure: { id: row.procedure.id, code: row.procedure.code, name: row.procedure.name, field: row.procedure.field, processingDays: row.procedure.processingDays },
    orgUnitId: d.orgUnitId,
    orgUnit: { id: row.unit.id, code: row.unit.code, name: row.unit.name },
    receivingUnitId: d.receivingUnitId,
    receivingUnit: row.receivingUnit?.id ? { id: row.receivingUnit.id, code: row.receivingUnit.code, name: row.receivingUnit.name } : null,
    applicantName: d.applicantName,
    applicantPhone: mayWrite ? d.applicantPhone : null,
    applicantIdNumber: mayWrite ? d.applicantIdNumber : null,
    applicantAddress: mayWrite ? d.applicantAddress : null,
    papers: d.papers,
    channel: d.channel,
    receivedAt: d.receivedAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    dueAtReason: d.dueAtReason,
    status: d.status,
    timeliness: d.timeliness,
    overdue: isOverdue(d, now),
    resolvedAt: iso(d.resolvedAt),
    returnedAt: iso(d.returnedAt),
    rejectedAt: iso(d.rejectedAt),
    withdrawnAt: iso(d.withdrawnAt),
    pausedAt: iso(d.pausedAt),
    pausedWorkingDays: d.pausedWorkingDays,
    note: d.note,
    source: d.source,
    allowedActions: mayWrite ? DOSSIER_WORKFLOW.allowedFrom(d.status) : [],
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  }
}

export function toDossierEvent(row: DossierEventRow): DossierEvent {
  return {
    id: row.id,
    seq: row.seq,
    type: row.type,
    at: row.at.toISOString(),
    recordedAt: row.recordedAt.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    reason: row.reason,
    statusAfter: row.statusAfter,
    dueAtAfter: row.dueAtAfter.toISOString(),
    pausedWorkingDays: row.pausedWorkingDays,
    source: row.source,
  }
}

const receivingUnits = alias(orgUnits, 'receiving_unit')

function selectDossiers(db: Db) {
  return db
    .select({
      dossier: dossiers,
      procedure: { id: procedures.id, code: procedures.code, name: procedures.name, field: procedures.field, processingDays: procedures.processingDays },
      unit: { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path },
      receivingUnit: { id: receivingUnits.id, code: receivingUnits.code, name: receivingUnits.name, path: receivingUnits.path },
    })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(orgUnits, eq(orgUnits.id, dossiers.orgUnitId))
    .leftJoin(receivingUnits, eq(receivingUnits.id, dossiers.receivingUnitId))
}

export async function findDossier(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<DossierJoined> {
  const query = selectDossiers(db).where(eq(dossiers.id, id))
  const [row] = options.forUpdate ? await query.for('update', { of: dossiers }) : await query
  if (!row) throw notFound('dossier', id)
  return row as DossierJoined
}

/** May the actor record this dossier? Either its handling unit or the unit that received it must be in scope. */
export function canWriteDossier(actor: Actor, handlingPath: string, receivingPath: string | null | undefined): boolean {
  return can(actor, 'dossier.write', { orgUnitPath: handlingPath }) || Boolean(receivingPath && can(actor, 'dossier.write', { orgUnitPath: receivingPath }))
}

export function requireDossierWrite(actor: Actor, handlingPath: string, receivingPath: string | null | undefined) {
  if (!canWriteDossier(actor, handlingPath, receivingPath)) throw forbidden('dossier.forbidden-write')
}

/** SQL: unresolved and past due at `now` (a supplement request stops the clock). */
function overdueCondition(now: Placeholder): SQL {
  return sql`((${dossiers.status} in ('received', 'processing') and ${dossiers.dueAt} < ${now}::timestamptz)
    or (${dossiers.status} = 'supplement_requested' and ${dossiers.dueAt} < ${dossiers.pausedAt}))`
}

const listKeys = [dateKey(dossiers.receivedAt, (r: DossierJoined) => r.dossier.receivedAt), textKey(dossiers.id, (r: DossierJoined) => r.dossier.id)]
const p = sql.placeholder

const dossierList = preparedSelect((db, f: DossierListShape) =>
  selectDossiers(db)
    .where(
      and(
        f.q === 'exact'
          ? sql`lower(${dossiers.code}) = lower(${p('exact')})`
          : f.q === 'words'
            ? wordsCondition(dossiers.search, p('words'), p('phrase'))
            : f.q
              ? searchCondition(dossiers.search, p('q'))
              : undefined,
        f.exclude ? ne(dossiers.id, p('exclude')) : undefined,
        f.procedureId ? eq(dossiers.procedureId, p('procedureId')) : undefined,
        f.field ? eq(procedures.field, p('field')) : undefined,
        f.orgUnitId ? inSubtreeOf(sql`${dossiers.orgUnitId}`, p('orgUnitId')) : undefined,
        f.channel ? eq(dossiers.channel, p('channel')) : undefined,
        f.statuses ? inArray(dossiers.status, Array.from({ length: f.statuses }, (_, i) => p(`status${i}`))) : undefined,
        f.timeliness ? eq(dossiers.timeliness, p('timeliness')) : undefined,
        f.from ? gte(dossiers.receivedAt, p('from')) : undefined,
        f.to ? lt(dossiers.receivedAt, p('to')) : undefined,
        f.overdue === undefined ? undefined : f.overdue ? overdueCondition(p('now')) : sql`not ${overdueCondition(p('now'))}`,
        f.cursor ? afterCursor(listKeys, 'desc') : undefined,
      ),
    )
    .orderBy(desc(dossiers.receivedAt), desc(dossiers.id))
    .limit(p('limit')),
)

interface DossierListShape extends Shape {
  /** A search: the record whose code is the term (`exact`), or the matches (server/lib/search.ts). */
  q: boolean | 'words' | 'exact'
  /** Leaves out the exact match, shown first. */
  exclude: boolean
  procedureId: boolean
  field: boolean
  orgUnitId: boolean
  channel: boolean
  statuses: number
  timeliness: boolean
  from: boolean
  to: boolean
  overdue: boolean | undefined
  cursor: boolean
}

export async function listDossiers(db: Db, actor: Actor, query: DossierQuery, env: ServiceEnv) {
  const hours = env.config
  requirePermission(actor, 'dossier.read')
  const now = env.now
  const page = keyset(listKeys, query, 'desc')
  if (query.from && query.to && query.from > query.to) throw invalidField('query.to', 'field.range-to-before-from')
  const range = query.from || query.to ? localDayRange(query.from ?? '1900-01-01', query.to ?? '2999-12-31', hours.timeZone) : undefined
  const search = parseSearch(query.q)
  const statuses = query.status ?? []
  const shape: DossierListShape = {
    q: search?.words ? 'words' : search !== undefined,
    exclude: false,
    procedureId: Boolean(query.procedureId),
    field: Boolean(query.field),
    orgUnitId: Boolean(query.orgUnitId),
    channel: Boolean(query.channel),
    statuses: statuses.length,
    timeliness: Boolean(query.timeliness),
    from: Boolean(query.from),
    to: Boolean(query.to),
    overdue: query.overdue,
    cursor: page.hasCursor,
  }
  const values = {
    ...page.params,
    ...Object.fromEntries(statuses.map((s, i) => [`status${i}`, s])),
    q: search?.pattern,
    words: search?.words?.query,
    phrase: search?.words?.phrase,
    procedureId: query.procedureId,
    field: query.field,
    orgUnitId: query.orgUnitId,
    channel: query.channel,
    timeliness: query.timeliness,
    from: range?.start.toISOString(),
    to: range?.end.toISOString(),
    now: now.toISOString(),
  }
  const rows = await exactFirst<DossierJoined>(
    page,
    listKeys.length,
    (r) => r.dossier.id,
    search && (() => dossierList(db, { ...shape, q: 'exact', cursor: false }, { ...values, exact: search.term, limit: 1 }) as Promise<DossierJoined[]>),
    ({ exclude, cursor, limit }) => dossierList(db, { ...shape, exclude: exclude !== undefined, cursor }, { ...values, exclude, limit }) as Promise<DossierJoined[]>,
  )
  return page.page(rows, (r) => toDossier(r, now, actor))
}

export async function getDossier(db: Db, actor: Actor, id: string, env: ServiceEnv) {
  requirePermission(actor, 'dossier.read')
  return toDossier(await findDossier(db, id), env.now, actor)
}

export async function listDossierEvents(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'dossier.read')
  await findDossier(db, id)
  const rows = await db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, id)).orderBy(asc(dossierEvents.seq))
  return { items: rows.map(toDossierEvent) }
}

function notInFuture(path: string, at: Date, now: Date) {
  if (at.getTime() > now.getTime()) throw invalidField(path, 'field.in-future')
}

async function unitPath(db: Db, unitId: string, path: string) {
  const [unit] = await db.select({ path: orgUnits.path, active: orgUnits.active }).from(orgUnits).where(eq(orgUnits.id, unitId))
  if (!unit) throw missingReference(path, 'unit')
  return unit.path
}

export async function createDossier(db: Db, actor: Actor, input: CreateDossier, env: ServiceEnv) {
  const hours = env.config
  requirePermission(actor, 'dossier.write')
  const now = env.now
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now
  notInFuture('receivedAt', receivedAt, now)
  if (input.dueAt !== undefined && !input.dueAtReason) throw invalidField('dueAtReason', 'dossier.due-reason-required')
  if (input.dueAt !== undefined && new Date(input.dueAt) < receivedAt) throw invalidField('dueAt', 'dossier.due-before-received')
  return db.transaction(async (tx) => {
    const [procedure] = await tx
      .select({ id: procedures.id, active: procedures.active, owningUnitId: procedures.owningUnitId, processingDays: procedures.processingDays, path: orgUnits.path })
      .from(procedures)
      .innerJoin(orgUnits, eq(orgUnits.id, procedures.owningUnitId))
      .where(eq(procedures.id, input.procedureId))
    if (!procedure) throw missingReference('procedureId', 'procedure')
    if (!procedure.active) throw invalidField('procedureId', 'dossier.procedure-withdrawn')
    const receivingUnitId = input.receivingUnitId === undefined ? actor.orgUnitId : input.receivingUnitId
    const receivingPath = receivingUnitId ? await unitPath(tx, receivingUnitId, 'receivingUnitId') : null
    requireDossierWrite(actor, procedure.path, receivingPath)
    const code = input.code ?? (await nextDossierCode(tx, receivedAt, env.config))
    const [clash] = await tx.select({ id: dossiers.id }).from(dossiers).where(sql`lower(${dossiers.code}) = lower(${code})`)
    if (clash) throw conflict('code-taken', { entity: 'dossier', code }, [fieldError('code', 'field.code-taken', { entity: 'dossier' })])

    const calendar = await loadWorkingCalendar(tx, hours)
    const dueAt = input.dueAt ? new Date(input.dueAt) : calendar.dueAt(receivedAt, procedure.processingDays)
    const [row] = await tx
      .insert(dossiers)
      .values({
        code,
        procedureId: procedure.id,
        orgUnitId: procedure.owningUnitId,
        receivingUnitId,
        applicantName: input.applicantName,
        ...applicantDetails(input),
        papers: input.papers ?? [],
        channel: input.channel,
        receivedAt,
        dueAt,
        dueAtReason: input.dueAt ? input.dueAtReason! : null,
        status: 'received',
        note: input.note ?? null,
      })
      .returning({ id: dossiers.id })
    await tx.insert(dossierEvents).values({
      dossierId: row.id,
      seq: 1,
      type: 'received',
      at: receivedAt,
      actorId: actor.via === 'system' ? null : actor.userId,
      actorName: actor.fullName,
      reason: input.dueAt ? input.dueAtReason! : null,
      statusAfter: 'received',
      dueAtAfter: dueAt,
    })
    await refreshDossierStats(tx, [row.id], hours.timeZone)
    const dossier = toDossier(await findDossier(tx, row.id), now, actor)
    await recordAudit(tx, actor, { action: 'dossier.create', entityType: 'dossier', entityId: row.id, after: dossier })
    return dossier
  })
}

/** Contact details as given (absent: unchanged), the phone without its spaces, dots and dashes. */
function applicantDetails(input: Pick<CreateDossier, 'applicantPhone' | 'applicantIdNumber' | 'applicantAddress'>) {
  return {
    ...(input.applicantPhone !== undefined ? { applicantPhone: input.applicantPhone?.replace(/[ .-]/g, '') ?? null } : {}),
    ...(input.applicantIdNumber !== undefined ? { applicantIdNumber: input.applicantIdNumber } : {}),
    ...(input.applicantAddress !== undefined ? { applicantAddress: input.applicantAddress?.trim() ?? null } : {}),
  }
}

/**
 * The next code of the day in the one-stop shop's national pattern, agency code –
 * yymmdd (the day received, agency time) – four-digit number: `H57.22-200115-0007`.
 * Codes of one day are given one at a time (a transaction lock on the day), so two desks
 * at the same moment get two numbers.
 */
async function nextDossierCode(db: Db, receivedAt: Date, config: ServiceEnv['config']): Promise<string> {
  const day = localDate(receivedAt, config.timeZone)
  const prefix = `${config.dossierCodePrefix}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-`
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`dossier-code:${prefix}`}))`)
  // The search column starts with the folded (lower-case) code, and its prefix index finds the day's codes;
  // the prefix holds only letters, digits, dots and dashes (checked in the configuration).
  const rows = await queryRows<{ code: string }>(db, sql`select code from dossiers where search like ${`${prefix.toLowerCase()}%`}`)
  const last = Math.max(0, ...rows.map((r) => Number(/-(\d{1,6})$/.exec(r.code)?.[1] ?? 0)))
  return `${prefix}${String(last + 1).padStart(4, '0')}`
}

async function nextSeq(db: Db, dossierId: string) {
  const [{ last }] = await db.select({ last: max(dossierEvents.seq) }).from(dossierEvents).where(eq(dossierEvents.dossierId, dossierId))
  return (last ?? 0) + 1
}

/** When the last step happened (a due-date change is not a step). */
async function lastStepAt(db: Db, dossierId: string): Promise<Date | null> {
  const [{ last }] = await db
    .select({ last: max(dossierEvents.at) })
    .from(dossierEvents)
    .where(and(eq(dossierEvents.dossierId, dossierId), sql`${dossierEvents.type} <> 'due_changed'`))
  return last ? new Date(last) : null
}

export async function updateDossier(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateDossier, env: ServiceEnv) {
  const hours = env.config
  requirePermission(actor, 'dossier.write')
  if (input.dueAt !== undefined && !input.dueAtReason) throw invalidField('dueAtReason', 'dossier.due-change-reason-required')
  if (input.dueAt === undefined && input.dueAtReason !== undefined) throw invalidField('dueAt', 'dossier.due-required-with-reason')
  const now = env.now
  return db.transaction(async (tx) => {
    const current = await findDossier(tx, id, { forUpdate: true })
    requireDossierWrite(actor, current.unit.path, current.receivingUnit?.path)
    assertVersion(current.dossier, expectedVersion)
    const d = current.dossier
    let dueAt = d.dueAt
    if (input.dueAt !== undefined) {
      if (!PENDING_STATUSES.includes(d.status)) {
        throw conflict('dossier.due-fixed', { status: d.status }, [fieldError('dueAt', 'dossier.field-due-fixed')])
      }
      dueAt = new Date(input.dueAt)
      if (dueAt < d.receivedAt) throw invalidField('dueAt', 'dossier.due-before-received')
    }
    await tx
      .update(dossiers)
      .set({
        applicantName: input.applicantName ?? d.applicantName,
        ...applicantDetails(input),
        papers: input.papers ?? d.papers,
        channel: input.channel ?? d.channel,
        note: input.note === undefined ? d.note : input.note,
        dueAt,
        dueAtReason: input.dueAt !== undefined ? input.dueAtReason! : d.dueAtReason,
        version: d.version + 1,
        updatedAt: now,
      })
      .where(eq(dossiers.id, id))
    if (input.dueAt !== undefined) {
      await tx.insert(dossierEvents).values({
        dossierId: id,
        seq: await nextSeq(tx, id),
        type: 'due_changed',
        at: now,
        actorId: actor.via === 'system' ? null : actor.userId,
        actorName: actor.fullName,
        reason: input.dueAtReason!,
        statusAfter: d.status,
        dueAtAfter: dueAt,
      })
    }
    await refreshDossierStats(tx, [id], hours.timeZone)
    const before = toDossier(current, now)
    const after = toDossier(await findDossier(tx, id), now, actor)
    await recordAudit(tx, actor, { action: 'dossier.update', entityType: 'dossier', entityId: id, before, after })
    return after
  })
}

export async function transitionDossier(
  db: Db,
  actor: Actor,
  id: string,
  action: DossierAction,
  expectedVersion: number | undefined,
  input: TransitionBody,
  env: ServiceEnv,
) {
  const hours = env.config
  requirePermission(actor, 'dossier.write')
  const rule = DOSSIER_WORKFLOW.rules[action]
  if (rule.reasonRequired && !input.reason?.trim()) throw invalidField('reason', 'field.required')
  const now = env.now
  const at = input.at ? new Date(input.at) : now
  notInFuture('at', at, now)
  return db.transaction(async (tx) => {
    const current = await findDossier(tx, id, { forUpdate: true })
    requireDossierWrite(actor, current.unit.path, current.receivingUnit?.path)
    assertVersion(current.dossier, expectedVersion)
    const d = current.dossier
    DOSSIER_WORKFLOW.assert(action, d.status)
    const previous = await lastStepAt(tx, id)
    if (previous && at < previous) {
      throw invalidField('at', 'dossier.before-previous-step', { previous: previous.toISOString() })
    }
    const calendar = await loadWorkingCalendar(tx, hours)
    const { state, event } = applyAction(d, action, at, calendar)
    await tx
      .update(dossiers)
      .set({ ...state, version: d.version + 1, updatedAt: now })
      .where(eq(dossiers.id, id))
    await tx.insert(dossierEvents).values({
      dossierId: id,
      seq: await nextSeq(tx, id),
      ...event,
      actorId: actor.via === 'system' ? null : actor.userId,
      actorName: actor.fullName,
      reason: input.reason ?? null,
    })
    await refreshDossierStats(tx, [id], hours.timeZone)
    const before = toDossier(current, now)
    const after = toDossier(await findDossier(tx, id), now, actor)
    await recordAudit(tx, actor, { action: `dossier.${action}`, entityType: 'dossier', entityId: id, before, after })
    return after
  })
}

