import { and, count, desc, eq, gte, lt, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import { complaints, dossiers, orgUnits, procedures, type ComplaintRow } from '../../../db/schema/index.ts'
import type { ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { dateKey, keyset, textKey } from '../../lib/pagination.ts'
import { can, requirePermission, visibleUnitPaths, type Actor } from '../../lib/permissions.ts'
import { forbidden, invalidField, notFound } from '../../lib/problems.ts'
import { brokenRule, requireReference } from '../../lib/references.ts'
import { parseSearch, searchCondition, type Search } from '../../lib/search.ts'
import { recordAudit } from '../audit-log/service.ts'
import { notify } from '../notifications/service.ts'
import { responsibleHeads } from '../notifications/recipients.ts'
import { localDayRange } from '../calendar/working-days.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import type { Complaint, ComplaintCountQuery, ComplaintQuery, CreateComplaint, UpdateComplaint } from './schemas.ts'

export function toComplaint(row: ComplaintRow, dossierCode: string | null): Complaint {
  return {
    id: row.id,
    receivedAt: row.receivedAt.toISOString(),
    kind: row.kind,
    dossierId: row.dossierId,
    dossierCode,
    procedureId: row.procedureId,
    orgUnitId: row.orgUnitId,
    summary: row.summary,
    status: row.status,
    outcome: row.outcome,
    closedAt: row.closedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

function selectComplaints(db: Db) {
  return db
    .select({ complaint: complaints, dossierCode: dossiers.code, unitPath: orgUnits.path })
    .from(complaints)
    .leftJoin(dossiers, eq(dossiers.id, complaints.dossierId))
    .leftJoin(orgUnits, eq(orgUnits.id, complaints.orgUnitId))
}

async function findComplaint(db: Db, id: string, forUpdate = false) {
  const query = selectComplaints(db).where(eq(complaints.id, id))
  const [row] = forUpdate ? await query.for('update', { of: complaints }) : await query
  if (!row) throw notFound('complaint', id)
  return row
}

/** Complaints without a unit are visible to those who see every unit. */
function visibility(actor: Actor) {
  const paths = visibleUnitPaths(actor, 'complaint.read')
  if (paths === 'all') return undefined
  const conditions = [...paths.prefixes.map((p) => sql`${orgUnits.path} like ${p + '%'}`), ...paths.exact.map((p) => sql`${orgUnits.path} = ${p}`)]
  return conditions.length ? sql`(${sql.join(conditions, sql` or `)})` : sql`false`
}

/**
 * `q`: the complaint's summary, or the code or applicant of its dossier. The dossiers are
 * found from their own index first (`= any(array(…))`, computed once, where `in (select …)`
 * would be checked row by row), so both halves of the `or` read an index. (drizzle writes
 * an aliased table as its alias alone, hence the explicit `from … as`.)
 */
const searchedDossier = alias(dossiers, 'searched_dossier')
function complaintSearch(search: Search | undefined) {
  if (!search) return undefined
  return sql`(${searchCondition(complaints.search, search.pattern)} or ${complaints.dossierId} = any(array(select ${searchedDossier.id} from ${dossiers} as ${sql.identifier('searched_dossier')} where ${searchCondition(searchedDossier.search, search.pattern)})))`
}

export async function listComplaints(db: Db, actor: Actor, query: ComplaintQuery, env: ServiceEnv) {
  requirePermission(actor, 'complaint.read')
  const page = keyset([dateKey(complaints.receivedAt, (r) => r.complaint.receivedAt), textKey(complaints.id, (r) => r.complaint.id)], query, 'desc')
  const range = localDayRange(query.from ?? '1900-01-01', query.to ?? '2999-12-31', env.config.timeZone)
  const rows = await selectComplaints(db)
    .where(
      and(
        visibility(actor),
        complaintSearch(parseSearch(query.q)),
        query.kind ? eq(complaints.kind, query.kind) : undefined,
        query.status ? eq(complaints.status, query.status) : undefined,
        query.orgUnitId ? inSubtreeOf(sql`${complaints.orgUnitId}`, query.orgUnitId) : undefined,
        query.dossierId ? eq(complaints.dossierId, query.dossierId) : undefined,
        query.procedureId ? eq(complaints.procedureId, query.procedureId) : undefined,
        query.from ? gte(complaints.receivedAt, range.start) : undefined,
        query.to ? lt(complaints.receivedAt, range.end) : undefined,
        page.where,
      ),
    )
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(page.limit)
  return page.page(rows, (r) => toComplaint(r.complaint, r.dossierCode))
}

/** Counting needs no access to the texts: whoever sees dossiers may count complaints for the report. */
export async function countComplaints(db: Db, actor: Actor, query: ComplaintCountQuery, env: ServiceEnv) {
  requirePermission(actor, 'dossier.read')
  if (query.from > query.to) throw invalidField('query.to', 'field.range-to-before-from')
  const { start, end } = localDayRange(query.from, query.to, env.config.timeZone)
  const { total, complaint, denunciation, feedback, closed } = await complaintCounts(db, start, end, query)
  return { from: query.from, to: query.to, total, byKind: { complaint, denunciation, feedback }, closed }
}

/**
 * Complaints received in [start, end), of a unit's subtree and/or a procedure, by kind,
 * and how many of them are closed by now. The dossier statistics and the compliance
 * summary count with this too; the caller has checked the permission.
 */
export async function complaintCounts(db: Db, start: Date, end: Date, filter: { orgUnitId?: string; procedureId?: string }) {
  const rows = await db
    .select({ kind: complaints.kind, closed: sql<number>`count(*) filter (where ${complaints.status} = 'closed')::int`, n: count() })
    .from(complaints)
    .where(
      and(
        gte(complaints.receivedAt, start),
        lt(complaints.receivedAt, end),
        filter.orgUnitId ? inSubtreeOf(sql`${complaints.orgUnitId}`, filter.orgUnitId) : undefined,
        filter.procedureId ? eq(complaints.procedureId, filter.procedureId) : undefined,
      ),
    )
    .groupBy(complaints.kind)
  const counts = { total: 0, complaint: 0, denunciation: 0, feedback: 0, closed: 0 }
  for (const r of rows) {
    counts[r.kind] += Number(r.n)
    counts.total += Number(r.n)
    counts.closed += Number(r.closed)
  }
  return counts
}

export async function getComplaint(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'complaint.read')
  const row = await findComplaint(db, id)
  if (!can(actor, 'complaint.read', { orgUnitPath: row.unitPath }) && !(row.unitPath === null && visibleUnitPaths(actor, 'complaint.read') === 'all')) {
    throw forbidden('complaint.forbidden-read')
  }
  return toComplaint(row.complaint, row.dossierCode)
}

function requireWrite(actor: Actor, unitPath: string | null) {
  if (unitPath === null ? visibleUnitPaths(actor, 'complaint.write') !== 'all' : !can(actor, 'complaint.write', { orgUnitPath: unitPath })) {
    throw forbidden('complaint.forbidden-write')
  }
}

export async function createComplaint(db: Db, actor: Actor, input: CreateComplaint, env: ServiceEnv) {
  requirePermission(actor, 'complaint.write')
  const now = env.now
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now
  if (receivedAt > now) throw invalidField('receivedAt', 'field.in-future')
  return db.transaction(async (tx) => {
    let { procedureId = null, orgUnitId = null } = input
    if (input.dossierId) {
      // A complaint about a dossier is about its procedure and handling unit: filing it
      // elsewhere would hide it from that unit and count it against another.
      const [row] = await tx.select({ procedureId: dossiers.procedureId, orgUnitId: dossiers.orgUnitId }).from(dossiers).where(eq(dossiers.id, input.dossierId))
      const dossier = await requireReference('dossierId', 'dossier', row, () => can(actor, 'dossier.read'))
      if (orgUnitId && orgUnitId !== dossier.orgUnitId) throw brokenRule('orgUnitId', 'complaint.dossier-unit', { expected: dossier.orgUnitId })
      if (procedureId && procedureId !== dossier.procedureId) throw brokenRule('procedureId', 'complaint.dossier-procedure', { expected: dossier.procedureId })
      procedureId = dossier.procedureId
      orgUnitId = dossier.orgUnitId
    }
    if (procedureId) {
      const [row] = await tx.select({ owningUnitId: procedures.owningUnitId }).from(procedures).where(eq(procedures.id, procedureId))
      const procedure = await requireReference('procedureId', 'procedure', row)
      orgUnitId ??= procedure.owningUnitId
    }
    let unitPath: string | null = null
    if (orgUnitId) {
      const [row] = await tx.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, orgUnitId))
      unitPath = (await requireReference('orgUnitId', 'unit', row)).path
    }
    requireWrite(actor, unitPath)
    const [row] = await tx
      .insert(complaints)
      .values({ receivedAt, kind: input.kind, dossierId: input.dossierId ?? null, procedureId, orgUnitId, summary: input.summary })
      .returning({ id: complaints.id })
    const found = await findComplaint(tx, row.id)
    const complaint = toComplaint(found.complaint, found.dossierCode)
    await recordAudit(tx, actor, { action: 'complaint.create', entityType: 'complaint', entityId: row.id, after: complaint })
    if (orgUnitId) {
      // The head of the unit the complaint is about hears of it at once (issue 18: a hand-off).
      const heads = (await responsibleHeads(tx, [orgUnitId])).get(orgUnitId) ?? []
      await notify(tx, {
        userIds: heads.filter((id) => id !== actor.userId),
        kind: 'complaint.received',
        title: `A complaint was received${found.dossierCode ? ` about dossier ${found.dossierCode}` : ''}: ${input.summary}`,
        params: { code: found.dossierCode ?? null, title: input.summary },
        link: `/complaints/${row.id}`,
        entityType: 'complaint',
        entityId: row.id,
        dedupeKey: `complaint:${row.id}:received`,
      })
    }
    return complaint
  })
}

export async function updateComplaint(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateComplaint, env: ServiceEnv) {
  requirePermission(actor, 'complaint.write')
  return db.transaction(async (tx) => {
    const current = await findComplaint(tx, id, true)
    requireWrite(actor, current.unitPath)
    assertVersion(current.complaint, expectedVersion)
    const c = current.complaint
    const status = input.status ?? c.status
    const outcome = input.outcome === undefined ? c.outcome : input.outcome
    if (status === 'closed' && !outcome) throw invalidField('outcome', 'complaint.outcome-required')
    const [row] = await tx
      .update(complaints)
      .set({
        kind: input.kind ?? c.kind,
        summary: input.summary ?? c.summary,
        status,
        outcome,
        closedAt: status === 'closed' ? (c.closedAt ?? env.now) : null,
        version: c.version + 1,
        updatedAt: env.now,
      })
      .where(eq(complaints.id, id))
      .returning()
    const after = toComplaint(row, current.dossierCode)
    await recordAudit(tx, actor, { action: 'complaint.update', entityType: 'complaint', entityId: id, before: toComplaint(c, current.dossierCode), after })
    return after
  })
}
