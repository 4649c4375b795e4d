import { and, asc, count, eq, inArray, ne, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { orgUnits, procedureOnlineHistory, procedures, type OnlineMode, type ProcedureOnlineHistoryRow, type ProcedureRow } from '../../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { keyset, textKey } from '../../lib/pagination.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { conflict, fieldError, invalidField, notFound } from '../../lib/problems.ts'
import { exactFirst, matchesSearch, parseSearch } from '../../lib/search.ts'
import { recordAudit } from '../audit-log/service.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import type { CreateProcedure, Procedure, ProcedureQuery, UpdateProcedure } from './schemas.ts'
import { missingReference } from '../../lib/references.ts'

type UnitColumns = { id: string; code: string; name: string }

/** The entry in force on `date`: the latest whose effectiveFrom is on or before it. */
function inForce(history: ProcedureOnlineHistoryRow[], attribute: 'level' | 'mode', date: string) {
  let found: ProcedureOnlineHistoryRow | undefined
  for (const h of history) if (h.attribute === attribute && h.effectiveFrom <= date && (!found || h.effectiveFrom > found.effectiveFrom)) found = h
  return found
}

/** `today` decides which level and mode are in force; later ones stay in `onlineHistory`. */
export function toProcedure(row: ProcedureRow, unit: UnitColumns, history: ProcedureOnlineHistoryRow[], today: string): Procedure {
  const sorted = [...history].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.attribute.localeCompare(b.attribute))
  const level = inForce(sorted, 'level', today)
  const mode = inForce(sorted, 'mode', today)
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    field: row.field,
    owningUnitId: row.owningUnitId,
    owningUnit: { id: unit.id, code: unit.code, name: unit.name },
    processingDays: row.processingDays,
    fee: row.fee,
    onlineLevel: level?.level ?? null,
    onlineLevelFrom: level?.effectiveFrom ?? null,
    onlineMode: mode?.mode ?? null,
    onlineModeFrom: mode?.effectiveFrom ?? null,
    onlineHistory: sorted.map((h) => ({ attribute: h.attribute, level: h.level, mode: h.mode, effectiveFrom: h.effectiveFrom })),
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

const unitColumns = { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name }

function selectProcedures(db: Db) {
  return db.select({ procedure: procedures, unit: unitColumns }).from(procedures).innerJoin(orgUnits, eq(orgUnits.id, procedures.owningUnitId))
}

async function historyOf(db: Db, ids: string[]) {
  const byProcedure = new Map<string, ProcedureOnlineHistoryRow[]>()
  if (!ids.length) return byProcedure
  const rows = await db.select().from(procedureOnlineHistory).where(inArray(procedureOnlineHistory.procedureId, ids))
  for (const row of rows) byProcedure.set(row.procedureId, [...(byProcedure.get(row.procedureId) ?? []), row])
  return byProcedure
}

/** SQL: the value of `attribute` in force on `date` for the procedure row. */
export function onlineValueOn(attribute: 'level' | 'mode', date: string): SQL {
  const column = attribute === 'level' ? sql.raw('h.level::text') : sql.raw('h.mode')
  return sql`(select ${column} from ${procedureOnlineHistory} h where h.procedure_id = ${procedures.id} and h.attribute = ${attribute} and h.effective_from <= ${date} order by h.effective_from desc limit 1)`
}

/**
 * SQL: a derived table (procedure_id, level, mode) of the values in force on `date`, a
 * row per procedure with any history: one pass over the history, for reports that count
 * many procedures (a subquery per procedure costs a scan each).
 */
export function onlineValuesOn(date: string): SQL {
  return sql`(select h.procedure_id,
       (array_agg(h.level::text order by h.effective_from desc) filter (where h.attribute = 'level'))[1] as level,
       (array_agg(h.mode order by h.effective_from desc) filter (where h.attribute = 'mode'))[1] as mode
      from ${procedureOnlineHistory} h
     where h.effective_from <= ${date}::date
     group by h.procedure_id)`
}

export async function loadProcedure(db: Db, id: string, today: string): Promise<Procedure> {
  const [row] = await selectProcedures(db).where(eq(procedures.id, id))
  if (!row) throw notFound('procedure', id)
  return toProcedure(row.procedure, row.unit, (await historyOf(db, [id])).get(id) ?? [], today)
}

export async function listProcedures(db: Db, actor: Actor, query: ProcedureQuery, env: ServiceEnv) {
  const today = agencyToday(env)
  requirePermission(actor, 'procedure.read')
  const page = keyset([textKey(procedures.code, (r) => r.procedure.code), textKey(procedures.id, (r) => r.procedure.id)], query)
  const search = parseSearch(query.q)
  const filters = and(
    query.field ? eq(procedures.field, query.field) : undefined,
    query.owningUnitId ? inSubtreeOf(sql`${procedures.owningUnitId}`, query.owningUnitId) : undefined,
    query.onlineLevel ? sql`${onlineValueOn('level', today)} = ${String(query.onlineLevel)}` : undefined,
    query.onlineMode ? sql`${onlineValueOn('mode', today)} = ${query.onlineMode}` : undefined,
    query.active === undefined ? undefined : eq(procedures.active, query.active),
  )
  const select = (where: SQL | undefined, limit: number) => selectProcedures(db).where(and(filters, where)).orderBy(asc(procedures.code), asc(procedures.id)).limit(limit)
  // The procedure whose code is the term comes first (server/lib/search.ts).
  const rows = await exactFirst(
    page,
    2,
    (r) => r.procedure.id,
    search && (() => select(sql`lower(${procedures.code}) = lower(${search.term})`, 1)),
    ({ exclude, cursor, limit }) =>
      select(and(matchesSearch(search, procedures.search), exclude ? ne(procedures.id, exclude) : undefined, cursor ? page.where : undefined), limit),
  )
  const history = await historyOf(db, rows.map((r) => r.procedure.id))
  return page.page(rows, (r) => toProcedure(r.procedure, r.unit, history.get(r.procedure.id) ?? [], today))
}

export async function listProcedureFields(db: Db, actor: Actor) {
  requirePermission(actor, 'procedure.read')
  const rows = await db.select({ field: procedures.field, procedures: count() }).from(procedures).groupBy(procedures.field).orderBy(asc(procedures.field))
  return { items: rows }
}

export async function getProcedure(db: Db, actor: Actor, id: string, env: ServiceEnv) {
  const today = agencyToday(env)
  requirePermission(actor, 'procedure.read')
  return loadProcedure(db, id, today)
}

async function assertCodeFree(db: Db, code: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: procedures.id })
    .from(procedures)
    .where(and(sql`lower(${procedures.code}) = lower(${code})`, exceptId ? sql`${procedures.id} <> ${exceptId}` : undefined))
  if (clash) throw conflict('code-taken', { entity: 'procedure', code }, [fieldError('code', 'field.code-taken', { entity: 'procedure' })])
}

async function assertUnitUsable(db: Db, unitId: string) {
  const [unit] = await db.select({ active: orgUnits.active }).from(orgUnits).where(eq(orgUnits.id, unitId))
  if (!unit) throw missingReference('owningUnitId', 'unit')
  if (!unit.active) throw invalidField('owningUnitId', 'field.unit-deactivated')
}

/** Records a level or mode from a date; the same date again replaces that entry. */
async function setOnline(db: Db, procedureId: string, input: { onlineLevel?: number; onlineLevelFrom?: string; onlineMode?: OnlineMode; onlineModeFrom?: string }, today: string) {
  const entries: (typeof procedureOnlineHistory.$inferInsert)[] = []
  if (input.onlineLevel !== undefined) entries.push({ procedureId, attribute: 'level', level: input.onlineLevel, mode: null, effectiveFrom: input.onlineLevelFrom ?? today })
  else if (input.onlineLevelFrom !== undefined) throw invalidField('onlineLevelFrom', 'procedure.level-from-needs-level')
  if (input.onlineMode !== undefined) entries.push({ procedureId, attribute: 'mode', level: null, mode: input.onlineMode, effectiveFrom: input.onlineModeFrom ?? today })
  else if (input.onlineModeFrom !== undefined) throw invalidField('onlineModeFrom', 'procedure.mode-from-needs-mode')
  for (const entry of entries) {
    await db
      .insert(procedureOnlineHistory)
      .values(entry)
      .onConflictDoUpdate({
        target: [procedureOnlineHistory.procedureId, procedureOnlineHistory.attribute, procedureOnlineHistory.effectiveFrom],
        set: { level: entry.level, mode: entry.mode },
      })
  }
  return entries.length > 0
}

export async function createProcedure(db: Db, actor: Actor, input: CreateProcedure, env: ServiceEnv) {
  const today = agencyToday(env)
  requirePermission(actor, 'procedure.write')
  return db.transaction(async (tx) => {
    await assertCodeFree(tx, input.code)
    await assertUnitUsable(tx, input.owningUnitId)
    const [row] = await tx
      .insert(procedures)
      .values({
        code: input.code,
        name: input.name,
        field: input.field,
        owningUnitId: input.owningUnitId,
        processingDays: input.processingDays,
        fee: input.fee ?? null,
        active: input.active ?? true,
      })
      .returning({ id: procedures.id })
    await setOnline(tx, row.id, input, today)
    const procedure = await loadProcedure(tx, row.id, today)
    await recordAudit(tx, actor, { action: 'procedure.create', entityType: 'procedure', entityId: row.id, after: procedure })
    return procedure
  })
}

export async function updateProcedure(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateProcedure, env: ServiceEnv) {
  const today = agencyToday(env)
  requirePermission(actor, 'procedure.write')
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(procedures).where(eq(procedures.id, id)).for('update')
    if (!current) throw notFound('procedure', id)
    assertVersion(current, expectedVersion)
    const before = await loadProcedure(tx, id, today)
    if (input.code !== undefined && input.code.toLowerCase() !== current.code.toLowerCase()) await assertCodeFree(tx, input.code, id)
    if (input.owningUnitId !== undefined && input.owningUnitId !== current.owningUnitId) await assertUnitUsable(tx, input.owningUnitId)
    await setOnline(tx, id, input, today)
    await tx
      .update(procedures)
      .set({
        code: input.code ?? current.code,
        name: input.name ?? current.name,
        field: input.field ?? current.field,
        owningUnitId: input.owningUnitId ?? current.owningUnitId,
        processingDays: input.processingDays ?? current.processingDays,
        fee: input.fee === undefined ? current.fee : input.fee,
        active: input.active ?? current.active,
        version: current.version + 1,
        updatedAt: env.now,
      })
      .where(eq(procedures.id, id))
    const after = await loadProcedure(tx, id, today)
    await recordAudit(tx, actor, { action: 'procedure.update', entityType: 'procedure', entityId: id, before, after })
    return after
  })
}
