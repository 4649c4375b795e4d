import { and, asc, desc, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import {
  checklistTemplateItems,
  checklistTemplateRevisions,
  checklistTemplates,
  inspectionPeople,
  inspectionResponseAttachments,
  inspectionResponses,
  inspections,
  inspectionSignatures,
  inspectionTeam,
  orgUnits,
  users,
  type ChecklistTemplateItemRow,
  type InspectionKind,
  type InspectionRow,
  INSPECTION_STATUSES,
} from '../../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { afterCursor, keyset, textKey } from '../../lib/pagination.ts'
import { can, requirePermission, type Actor } from '../../lib/permissions.ts'
import { badRequest, conflict, fieldError, forbidden, invalidField, notFound, type FieldError } from '../../lib/problems.ts'
import { exactFirst, parseSearch, searchCondition } from '../../lib/search.ts'
import { defineWorkflow } from '../../lib/workflow.ts'
import { recordAudit } from '../audit-log/service.ts'
import { notify } from '../notifications/service.ts'
import { attachmentsByIds } from '../attachments/service.ts'
import { currentRevisionFor, itemsOfRevisions, toChecklistItem } from '../checklist-templates/service.ts'
import type { PersonRef } from '../findings/schemas.ts'
import { findingsOfInspection, toPersonRef } from '../findings/service.ts'
import type {
  CreateInspection,
  Inspection,
  InspectionQuery,
  InspectionResponse,
  InspectionSummary,
  Signature,
  UpdateInspection,
} from './schemas.ts'
import { missingResponses, progressOf, type ScoringItem } from './scoring.ts'
import { preparedSelect, present } from '../../lib/select-rows.ts'
import { pathInSubtreeOf } from '../org-units/service.ts'
import { inUnitScope, unitScope, type ScopeKind } from '../../lib/unit-scope.ts'
import { missingReference, referenceProblem } from '../../lib/references.ts'
import { assertIndependent } from './independence.ts'

// ---------------------------------------------------------------------------------------
// Permissions

/**
 * Auditors and managers plan and perform any inspection; a head of unit only
 * self-inspections inside their own subtree.
 */
function assertMayWrite(actor: Actor, kind: InspectionKind, unitPath: string) {
  if (can(actor, 'inspection.write', { orgUnitPath: unitPath })) return
  if (can(actor, 'inspection.self_inspect', { orgUnitPath: unitPath })) {
    if (kind === 'self') return
    throw forbidden('inspection.head-self-only')
  }
  if (can(actor, 'inspection.self_inspect')) throw forbidden('inspection.self-own-unit')
  throw forbidden('inspection.forbidden')
}

function assertMayWriteSomewhere(actor: Actor) {
  if (!can(actor, 'inspection.write') && !can(actor, 'inspection.self_inspect')) {
    throw forbidden('inspection.forbidden')
  }
}

/** planned → in_progress (started, or by the first recorded answer) → completed; cancelled. */
export const INSPECTION_WORKFLOW = defineWorkflow('inspection', INSPECTION_STATUSES, {
  update: { from: ['planned', 'in_progress'] },
  start: { from: ['planned'], to: 'in_progress' },
  record: { from: ['planned', 'in_progress'], to: 'in_progress' },
  complete: { from: ['planned', 'in_progress'], to: 'completed' },
  cancel: { from: ['planned', 'in_progress'], to: 'cancelled' },
})

export function assertAllowed(row: InspectionRow, action: keyof typeof INSPECTION_WORKFLOW.rules) {
  INSPECTION_WORKFLOW.assert(action, row.status, row.status === 'completed' ? { status: 'completed-read-only' } : undefined)
}

// ---------------------------------------------------------------------------------------
// Reading

const lead = alias(users, 'lead_inspector')

function selectInspections<Extra extends Record<string, SQL.Aliased | SQL>>(db: Db, extra = {} as Extra) {
  return db
    .select({
      ...extra,
      inspection: inspections,
      unit: { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path },
      lead: { id: lead.id, fullName: lead.fullName, position: lead.position, orgUnitId: lead.orgUnitId },
      template: { id: checklistTemplates.id, name: checklistTemplates.name },
      revision: checklistTemplateRevisions.revision,
      // Qualified by hand: inside a subquery drizzle may render a column without its table.
      findingCount: sql<number>`(select count(*) from findings f where f.inspection_id = inspections.id)::int`,
    })
    .from(inspections)
    .innerJoin(orgUnits, eq(orgUnits.id, inspections.orgUnitId))
    .innerJoin(lead, eq(lead.id, inspections.leadInspectorId))
    .innerJoin(checklistTemplates, eq(checklistTemplates.id, inspections.templateId))
    .innerJoin(checklistTemplateRevisions, eq(checklistTemplateRevisions.id, inspections.templateRevisionId))
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectInspections>['execute']>>[number]

async function findInspection(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Selected> {
  const query = selectInspections(db).where(eq(inspections.id, id))
  const [row] = options.forUpdate ? await query.for('update', { of: inspections }) : await query
  if (!row) throw notFound('inspection', id)
  return row
}

/** Team members and people inspected of several inspections, two queries in all. */
async function membersOf(db: Db, ids: string[]) {
  const team = new Map<string, PersonRef[]>(ids.map((id) => [id, []]))
  const people = new Map<string, PersonRef[]>(ids.map((id) => [id, []]))
  if (!ids.length) return { team, people }
  const columns = { id: users.id, fullName: users.fullName, position: users.position, orgUnitId: users.orgUnitId }
  const [teamRows, peopleRows] = await Promise.all([
    db
      .select({ inspectionId: inspectionTeam.inspectionId, user: columns })
      .from(inspectionTeam)
      .innerJoin(users, eq(users.id, inspectionTeam.userId))
      .where(inArray(inspectionTeam.inspectionId, ids))
      .orderBy(asc(users.fullName), asc(users.id)),
    db
      .select({ inspectionId: inspectionPeople.inspectionId, user: columns })
      .from(inspectionPeople)
      .innerJoin(users, eq(users.id, inspectionPeople.userId))
      .where(inArray(inspectionPeople.inspectionId, ids))
      .orderBy(asc(users.fullName), asc(users.id)),
  ])
  for (const r of teamRows) team.get(r.inspectionId)!.push(toPersonRef(r.user))
  for (const r of peopleRows) people.get(r.inspectionId)!.push(toPersonRef(r.user))
  return { team, people }
}

export function toInspectionSummary(row: Selected, team: PersonRef[], people: PersonRef[]): InspectionSummary {
  const i = row.inspection
  return {
    id: i.id,
    number: i.number,
    template: { id: row.template.id, name: row.template.name, revision: row.revision },
    orgUnitId: i.orgUnitId,
    orgUnit: { id: row.unit.id, code: row.unit.code, name: row.unit.name },
    kind: i.kind,
    status: i.status,
    plannedFor: i.plannedFor,
    performedOn: i.performedOn,
    inspectionDate: i.inspectionDate,
    leadInspectorId: i.leadInspectorId,
    leadInspector: toPersonRef(row.lead),
    teamIds: team.map((p) => p.id),
    team,
    personIds: people.map((p) => p.id),
    people,
    basis: i.basis,
    location: i.location,
    conclusion: i.conclusion,
    score: i.score,
    findingCount: row.findingCount,
    startedAt: i.startedAt?.toISOString() ?? null,
    completedAt: i.completedAt?.toISOString() ?? null,
    cancelledAt: i.cancelledAt?.toISOString() ?? null,
    cancelReason: i.cancelReason,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  }
}

interface Recorded {
  items: ChecklistTemplateItemRow[]
  responses: InspectionResponse[]
  /** Responses with the item row id, for scoring. */
  scoring: { itemId: string; personId: string | null; result: InspectionResponse['result']; attachmentCount: number }[]
}

/** The items of the inspection's revision and its responses with their evidence. */
export async function recordedOf(db: Db, inspection: InspectionRow): Promise<Recorded> {
  const items = (await itemsOfRevisions(db, [inspection.templateRevisionId])).get(inspection.templateRevisionId)!
  const rows = await db
    .select({ response: inspectionResponses, itemKey: checklistTemplateItems.key })
    .from(inspectionResponses)
    .innerJoin(checklistTemplateItems, eq(checklistTemplateItems.id, inspectionResponses.itemId))
    .where(eq(inspectionResponses.inspectionId, inspection.id))
    .orderBy(asc(checklistTemplateItems.position), asc(inspectionResponses.createdAt), asc(inspectionResponses.id))
  const links = rows.length
    ? await db
        .select()
        .from(inspectionResponseAttachments)
        .where(inArray(inspectionResponseAttachments.responseId, rows.map((r) => r.response.id)))
        .orderBy(asc(inspectionResponseAttachments.position))
    : []
  const files = await attachmentsByIds(db, [...new Set(links.map((l) => l.attachmentId))])
  const byResponse = new Map<string, string[]>()
  for (const l of links) byResponse.set(l.responseId, [...(byResponse.get(l.responseId) ?? []), l.attachmentId])
  const responses = rows.map(({ response: r, itemKey }): InspectionResponse => ({
    id: r.id,
    itemId: itemKey,
    personId: r.personId,
    result: r.result,
    value: r.value ?? null,
    note: r.note,
    classification: r.classification as InspectionResponse['classification'],
    handling: r.handling as InspectionResponse['handling'],
    attachments: (byResponse.get(r.id) ?? []).map((id) => files.get(id)!).filter(Boolean),
    answeredById: r.answeredById,
    revision: r.revision,
    answeredAt: (r.answeredAt ?? r.updatedAt).toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }))
  const scoring = rows.map(({ response: r }) => ({ itemId: r.itemId, personId: r.personId, result: r.result, attachmentCount: byResponse.get(r.id)?.length ?? 0 }))
  return { items, responses, scoring }
}

export const scoringItems = (items: ChecklistTemplateItemRow[]): ScoringItem[] =>
  items.map((i) => ({ id: i.id, key: i.key, weight: i.weight, perPerson: i.perPerson, required: i.required, photoRequiredOnFail: i.photoRequiredOnFail }))

/** The signature blocks signed so far (signatures.ts signs them). */
export async function signaturesOf(db: Db, inspectionId: string): Promise<Signature[]> {
  const rows = await db.select().from(inspectionSignatures).where(eq(inspectionSignatures.inspectionId, inspectionId)).orderBy(asc(inspectionSignatures.role))
  return rows.map((r) => ({
    role: r.role,
    signerName: r.signerName,
    signerId: r.signerId,
    attachmentId: r.attachmentId,
    refusalReason: r.refusalReason,
    signedAt: r.signedAt.toISOString(),
    recordedById: r.recordedById,
  }))
}

/** The whole inspection: summary, items, responses, progress, what is missing, findings. */
export async function loadInspection(db: Db, id: string): Promise<Inspection> {
  const row = await findInspection(db, id)
  const [{ team, people }, recorded, found, signatures] = await Promise.all([membersOf(db, [id]), recordedOf(db, row.inspection), findingsOfInspection(db, id), signaturesOf(db, id)])
  const summary = toInspectionSummary(row, team.get(id)!, people.get(id)!)
  const items = scoringItems(recorded.items)
  return {
    ...summary,
    items: recorded.items.map(toChecklistItem),
    responses: recorded.responses,
    progress: progressOf(items, summary.personIds, recorded.scoring),
    missing: row.inspection.status === 'completed' || row.inspection.status === 'cancelled' ? [] : missingResponses(items, summary.personIds, recorded.scoring),
    findings: found,
    signatures,
  }
}

export async function getInspection(db: Db, actor: Actor, id: string): Promise<Inspection> {
  requirePermission(actor, 'inspection.read')
  const row = await findInspection(db, id)
  requirePermission(actor, 'inspection.read', { orgUnitPath: row.unit.path })
  return loadInspection(db, id)
}

/** Team members or people inspected of the inspection in the row, as JSON, ordered as membersOf orders them. */
const membersJson = (table: 'inspection_team' | 'inspection_people') =>
  sql<PersonRef[]>`(select coalesce(json_agg(json_build_object('id', u.id, 'fullName', u.full_name, 'position', u.position, 'orgUnitId', u.org_unit_id) order by u.full_name, u.id), '[]'::json)
    from ${sql.raw(table)} m join users u on u.id = m.user_id where m.inspection_id = inspections.id)`

/**
 * Newest first (by inspection date). The team and the people of each inspection come
 * with the page (subqueries that run for the rows returned only), not in a second round
 * of queries after it.
 */
type ListedInspection = Selected & { team: PersonRef[]; people: PersonRef[] }
const listKeys = [textKey(inspections.inspectionDate, (r: ListedInspection) => r.inspection.inspectionDate), textKey(inspections.id, (r: ListedInspection) => r.inspection.id)]
const FILTERS = ['orgUnitId', 'kind', 'status', 'templateId', 'from', 'to', 'assignedTo'] as const
const p = sql.placeholder

type InspectionListShape = Record<(typeof FILTERS)[number], boolean> & {
  /** A search on the number: the inspection whose number is the term (`exact`), or the matches (server/lib/search.ts). */
  q: boolean | 'exact'
  /** Leaves out the exact match, shown first. */
  exclude: boolean
  scope: ScopeKind
  cursor: boolean
}

const inspectionList = preparedSelect((db, f: InspectionListShape) =>
  selectInspections(db, { team: membersJson('inspection_team'), people: membersJson('inspection_people') })
    .where(
      and(
        inUnitScope(f.scope, orgUnits.path, p('scope')),
        // The search text is the folded number: equality reads the prefix index.
        f.q === 'exact' ? sql`${inspections.search} = qms_fold(${p('exact')})` : f.q ? searchCondition(inspections.search, p('q')) : undefined,
        f.exclude ? ne(inspections.id, p('exclude')) : undefined,
        f.orgUnitId ? pathInSubtreeOf(orgUnits.path, p('orgUnitId')) : undefined,
        f.kind ? eq(inspections.kind, p('kind')) : undefined,
        f.status ? eq(inspections.status, p('status')) : undefined,
        f.templateId ? eq(inspections.templateId, p('templateId')) : undefined,
        f.from ? gte(inspections.inspectionDate, p('from')) : undefined,
        f.to ? lte(inspections.inspectionDate, p('to')) : undefined,
        f.assignedTo
          ? sql`(${inspections.leadInspectorId} = ${p('assignedTo')} or exists (select 1 from inspection_team t where t.inspection_id = ${inspections.id} and t.user_id = ${p('assignedTo')}))`
          : undefined,
        f.cursor ? afterCursor(listKeys, 'desc') : undefined,
      ),
    )
    .orderBy(desc(inspections.inspectionDate), desc(inspections.id))
    .limit(p('limit')),
)

export async function listInspections(db: Db, actor: Actor, query: InspectionQuery) {
  requirePermission(actor, 'inspection.read')
  const page = keyset(listKeys, query, 'desc')
  const scope = unitScope(actor, 'inspection.read')
  const search = parseSearch(query.q)
  const shape: InspectionListShape = { ...present(query, FILTERS), q: search !== undefined, exclude: false, scope: scope.kind, cursor: page.hasCursor }
  const values = { ...query, ...page.params, q: search?.pattern, scope: scope.match }
  const rows = await exactFirst<ListedInspection>(
    page,
    listKeys.length,
    (r) => r.inspection.id,
    search && (() => inspectionList(db, { ...shape, q: 'exact', cursor: false }, { ...values, exact: search.term, limit: 1 }) as Promise<ListedInspection[]>),
    ({ exclude, cursor, limit }) => inspectionList(db, { ...shape, exclude: exclude !== undefined, cursor }, { ...values, exclude, limit }) as Promise<ListedInspection[]>,
  )
  return page.page(rows, (r) => toInspectionSummary(r, r.team.map(toPersonRef), r.people.map(toPersonRef)))
}

// ---------------------------------------------------------------------------------------
// Validation helpers

async function usableUnit(db: Db, id: string, field: string) {
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, id))
  if (!unit) throw missingReference(field, 'unit')
  if (!unit.active) throw invalidField(field, 'field.unit-deactivated')
  return unit
}

/** Every id is an active user; with `unitPath`, also a member of that unit or a unit below it. */
async function assertUsers(db: Db, ids: string[], field: string, options: { unitPath?: string; list?: boolean } = {}) {
  if (!ids.length) return
  const rows = await db
    .select({ id: users.id, active: users.active, path: orgUnits.path })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(inArray(users.id, ids))
  const byId = new Map(rows.map((r) => [r.id, r]))
  const errors: FieldError[] = []
  const missing: FieldError[] = []
  ids.forEach((id, i) => {
    const path = options.list ? `${field}.${i}` : field
    const user = byId.get(id)
    if (!user) missing.push(fieldError(path, 'field.reference', { kind: 'user' }))
    else if (!user.active) errors.push(fieldError(path, 'field.user-deactivated'))
    else if (options.unitPath && !user.path?.startsWith(options.unitPath)) {
      errors.push(fieldError(path, 'inspection.person-outside-unit'))
    }
  })
  if (missing.length) throw referenceProblem(missing)
  if (errors.length) throw badRequest('inspection.invalid-people', {}, errors)
}

/** The next record number of a year, e.g. `03/2020/BB-KT`; numbers are handed out one at a time. */
async function nextNumber(db: Db, year: number) {
  await db.execute(sql`select pg_advisory_xact_lock(7310046, ${year}::int)`)
  const [{ seq }] = await db
    .select({ seq: sql<number>`(coalesce(max(${inspections.seq}), 0) + 1)::int` })
    .from(inspections)
    .where(eq(inspections.year, year))
  return { seq, number: `${String(seq).padStart(2, '0')}/${year}/BB-KT` }
}

async function replaceMembers(db: Db, table: typeof inspectionTeam | typeof inspectionPeople, inspectionId: string, userIds: string[]) {
  await db.delete(table).where(eq(table.inspectionId, inspectionId))
  if (userIds.length) await db.insert(table).values(userIds.map((userId) => ({ inspectionId, userId })))
}

/** An internal audit's lead and team are independent of its unit (independence.ts). */
async function assertAuditorsIndependent(db: Db, unitId: string, leadId: string, leadField: string, teamIds: string[], teamUnchanged = false) {
  await assertIndependent(db, [unitId], [
    { field: leadField, userId: leadId },
    ...teamIds.map((userId, i) => ({ field: teamUnchanged ? 'teamIds' : `teamIds.${i}`, userId })),
  ])
}

export const summaryForAudit = async (db: Db, id: string) => {
  const row = await findInspection(db, id)
  const { team, people } = await membersOf(db, [id])
  return toInspectionSummary(row, team.get(id)!, people.get(id)!)
}

// ---------------------------------------------------------------------------------------
// Planning

export async function createInspection(db: Db, actor: Actor, input: CreateInspection) {
  assertMayWriteSomewhere(actor)
  return db.transaction(async (tx) => {
    const unit = await usableUnit(tx, input.orgUnitId, 'orgUnitId')
    assertMayWrite(actor, input.kind, unit.path)
    const { template, revisionId } = await currentRevisionFor(tx, input.templateId)
    const leadId = input.leadInspectorId ?? actor.userId
    await assertUsers(tx, [leadId], 'leadInspectorId')
    const teamIds = (input.teamIds ?? []).filter((id) => id !== leadId)
    await assertUsers(tx, input.teamIds ?? [], 'teamIds', { list: true })
    await assertUsers(tx, input.personIds ?? [], 'personIds', { list: true, unitPath: unit.path })
    if (input.kind === 'internal_audit') await assertAuditorsIndependent(tx, unit.id, leadId, 'leadInspectorId', input.teamIds ?? [])
    const year = Number(input.plannedFor.slice(0, 4))
    const { seq, number } = await nextNumber(tx, year)
    const [row] = await tx
      .insert(inspections)
      .values({
        number,
        year,
        seq,
        templateId: template.id,
        templateRevisionId: revisionId,
        orgUnitId: unit.id,
        kind: input.kind,
        plannedFor: input.plannedFor,
        leadInspectorId: leadId,
        basis: input.basis?.trim() || null,
        location: input.location?.trim() || null,
        createdById: actor.via === 'system' ? null : actor.userId,
      })
      .returning({ id: inspections.id })
    await replaceMembers(tx, inspectionTeam, row.id, teamIds)
    await replaceMembers(tx, inspectionPeople, row.id, input.personIds ?? [])
    await recordAudit(tx, actor, { action: 'inspection.create', entityType: 'inspection', entityId: row.id, after: await summaryForAudit(tx, row.id) })
    await notifyTeam(tx, actor, { id: row.id, number, plannedFor: input.plannedFor, unitName: unit.name }, [leadId, ...teamIds], 'inspection.assigned')
    return loadInspection(tx, row.id)
  })
}

/** Locks the inspection and checks, in order: it exists, the actor may write it, the version. */
/**
 * Locks the inspection and checks, in order: it exists, the actor may write it, the
 * version. `'per-answer'`: the caller guards each answer by its own revision instead.
 */
export async function lockForWrite(db: Db, actor: Actor, id: string, expectedVersion: number | undefined | 'per-answer') {
  assertMayWriteSomewhere(actor)
  const current = await findInspection(db, id, { forUpdate: true })
  assertMayWrite(actor, current.inspection.kind, current.unit.path)
  if (expectedVersion !== 'per-answer') assertVersion(current.inspection, expectedVersion)
  return current
}

export async function updateInspection(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateInspection, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const current = await lockForWrite(tx, actor, id, expectedVersion)
    const i = current.inspection
    assertAllowed(i, 'update')
    const before = await summaryForAudit(tx, id)

    const changesSetUp =
      (input.templateId !== undefined && input.templateId !== i.templateId) ||
      (input.orgUnitId !== undefined && input.orgUnitId !== i.orgUnitId) ||
      (input.kind !== undefined && input.kind !== i.kind)
    let unitPath = current.unit.path
    let templateRevisionId = i.templateRevisionId
    if (changesSetUp) {
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(inspectionResponses).where(eq(inspectionResponses.inspectionId, id))
      if (i.status !== 'planned' || n > 0) {
        throw conflict('inspection.locked', undefined, [
          fieldError(input.templateId !== undefined ? 'templateId' : input.orgUnitId !== undefined ? 'orgUnitId' : 'kind', 'inspection.field-locked'),
        ])
      }
      if (input.orgUnitId !== undefined && input.orgUnitId !== i.orgUnitId) unitPath = (await usableUnit(tx, input.orgUnitId, 'orgUnitId')).path
      assertMayWrite(actor, input.kind ?? i.kind, unitPath)
      if (input.templateId !== undefined && input.templateId !== i.templateId) templateRevisionId = (await currentRevisionFor(tx, input.templateId)).revisionId
    }

    const leadId = input.leadInspectorId ?? i.leadInspectorId
    if (input.leadInspectorId !== undefined) await assertUsers(tx, [leadId], 'leadInspectorId')
    if (input.teamIds !== undefined || input.leadInspectorId !== undefined) {
      if (input.teamIds) await assertUsers(tx, input.teamIds, 'teamIds', { list: true })
      const teamIds = (input.teamIds ?? before.teamIds).filter((t) => t !== leadId)
      await replaceMembers(tx, inspectionTeam, id, teamIds)
    }
    const kind = input.kind ?? i.kind
    const auditorsChange = input.leadInspectorId !== undefined || input.teamIds !== undefined || input.kind !== undefined || input.orgUnitId !== undefined
    if (kind === 'internal_audit' && auditorsChange) {
      await assertAuditorsIndependent(tx, input.orgUnitId ?? i.orgUnitId, leadId, 'leadInspectorId', input.teamIds ?? before.teamIds, input.teamIds === undefined)
    }
    const personIds = input.personIds ?? before.personIds
    if (input.personIds !== undefined || unitPath !== current.unit.path) {
      await assertUsers(tx, personIds, 'personIds', { list: true, unitPath })
      const removed = before.personIds.filter((p) => !personIds.includes(p))
      // Someone no longer counted as present takes their answers with them.
      if (removed.length) {
        await tx.delete(inspectionResponses).where(and(eq(inspectionResponses.inspectionId, id), inArray(inspectionResponses.personId, removed)))
      }
      await replaceMembers(tx, inspectionPeople, id, personIds)
    }

    const text = (value: string | null | undefined, fallback: string | null) => (value === undefined ? fallback : value?.trim() || null)
    await tx
      .update(inspections)
      .set({
        templateId: input.templateId ?? i.templateId,
        templateRevisionId,
        orgUnitId: input.orgUnitId ?? i.orgUnitId,
        kind: input.kind ?? i.kind,
        plannedFor: input.plannedFor ?? i.plannedFor,
        leadInspectorId: leadId,
        basis: text(input.basis, i.basis),
        location: text(input.location, i.location),
        conclusion: text(input.conclusion, i.conclusion),
        version: i.version + 1,
        updatedAt: env.now,
      })
      .where(eq(inspections.id, id))
    await recordAudit(tx, actor, { action: 'inspection.update', entityType: 'inspection', entityId: id, before, after: await summaryForAudit(tx, id) })
    const loaded = await loadInspection(tx, id)
    const now = { id, number: i.number, plannedFor: input.plannedFor ?? i.plannedFor, unitName: loaded.orgUnit.name }
    const onItNow = [leadId, ...loaded.teamIds]
    const onItBefore = new Set([i.leadInspectorId, ...before.teamIds])
    await notifyTeam(tx, actor, now, onItNow.filter((u) => !onItBefore.has(u)), 'inspection.assigned')
    if (now.plannedFor !== i.plannedFor) await notifyTeam(tx, actor, now, onItNow.filter((u) => onItBefore.has(u)), 'inspection.rescheduled')
    return loaded
  })
}

export const startValues = (i: InspectionRow, env: ServiceEnv) => ({
  status: 'in_progress' as const,
  startedAt: i.startedAt ?? env.now,
  performedOn: i.performedOn ?? agencyToday(env),
})

export async function startInspection(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const current = await lockForWrite(tx, actor, id, expectedVersion)
    assertAllowed(current.inspection, 'start')
    const before = await summaryForAudit(tx, id)
    await tx
      .update(inspections)
      .set({ ...startValues(current.inspection, env), version: current.inspection.version + 1, updatedAt: env.now })
      .where(eq(inspections.id, id))
    await recordAudit(tx, actor, { action: 'inspection.start', entityType: 'inspection', entityId: id, before, after: await summaryForAudit(tx, id) })
    return loadInspection(tx, id)
  })
}

export async function cancelInspection(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, reason: string, env: ServiceEnv) {
  return db.transaction(async (tx) => {
    const current = await lockForWrite(tx, actor, id, expectedVersion)
    assertAllowed(current.inspection, 'cancel')
    const trimmed = reason.trim()
    if (!trimmed) throw invalidField('reason', 'inspection.cancel-reason-required')
    const before = await summaryForAudit(tx, id)
    await tx
      .update(inspections)
      .set({ status: 'cancelled', cancelledAt: env.now, cancelReason: trimmed, version: current.inspection.version + 1, updatedAt: env.now })
      .where(eq(inspections.id, id))
    await recordAudit(tx, actor, { action: 'inspection.cancel', entityType: 'inspection', entityId: id, before, after: await summaryForAudit(tx, id) })
    return loadInspection(tx, id)
  })
}

/** Tells the people put on an inspection (or whose inspection moved to another day), never the one who did it. */
async function notifyTeam(tx: Db, actor: Actor, i: { id: string; number: string; plannedFor: string; unitName: string }, userIds: string[], kind: 'inspection.assigned' | 'inspection.rescheduled') {
  const step = kind === 'inspection.assigned' ? 'assigned' : 'rescheduled'
  await notify(tx, {
    userIds: userIds.filter((u) => u !== actor.userId),
    kind,
    title: kind === 'inspection.assigned' ? `You are on inspection ${i.number} of ${i.unitName} on ${i.plannedFor}` : `Inspection ${i.number} of ${i.unitName} moved to ${i.plannedFor}`,
    params: { code: i.number, unit: i.unitName, dueDate: i.plannedFor },
    link: `/inspections/${i.id}`,
    entityType: 'inspection',
    entityId: i.id,
    dedupeKey: `inspection:${i.id}:${step}:${i.plannedFor}`,
  })
}
