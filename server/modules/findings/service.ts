import { and, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import { findings, inspections, orgUnits, users, type FindingRow, type OrgUnitRow, type UserRow } from '../../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { afterCursor, keyset, textKey } from '../../lib/pagination.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { inUnitScope, unitScope, type ScopeKind } from '../../lib/unit-scope.ts'
import { badRequest, conflict, fieldError, invalidField, notFound } from '../../lib/problems.ts'
import { recordAudit } from '../audit-log/service.ts'
import { isIsoClause } from '../iso-clauses/service.ts'
import type { Nonconformity, RaiseNonconformity } from '../nonconformities/schemas.ts'
import { raiseNonconformity } from '../nonconformities/service.ts'
import type { CreateFinding, Finding, FindingQuery, PersonRef, UpdateFinding } from './schemas.ts'
import { preparedSelect, present } from '../../lib/select-rows.ts'
import { parseSearch, searchCondition } from '../../lib/search.ts'
import { pathInSubtreeOf } from '../org-units/service.ts'
import { missingReference } from '../../lib/references.ts'

export const toPersonRef = (row: Pick<UserRow, 'id' | 'fullName' | 'position' | 'orgUnitId'>): PersonRef => ({
  id: row.id,
  fullName: row.fullName,
  position: row.position,
  orgUnitId: row.orgUnitId,
})

type UnitColumns = Pick<OrgUnitRow, 'id' | 'code' | 'name'>
type PersonColumns = Pick<UserRow, 'id' | 'fullName' | 'position' | 'orgUnitId'>

export function toFinding(row: FindingRow, unit: UnitColumns, person: PersonColumns | null, inspectionNumber: string | null): Finding {
  return {
    id: row.id,
    inspectionId: row.inspectionId,
    inspectionNumber,
    responseId: row.responseId,
    orgUnitId: row.orgUnitId,
    orgUnit: { id: unit.id, code: unit.code, name: unit.name },
    personId: row.personId,
    person: person?.id ? toPersonRef(person) : null,
    category: row.category,
    clauseNumbers: row.clauseNumbers,
    classification: row.classification,
    handling: row.handling,
    nonconformityId: row.nonconformityId,
    description: row.description,
    status: row.status,
    foundOn: row.foundOn,
    closedAt: row.closedAt?.toISOString() ?? null,
    createdById: row.createdById,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

const person = alias(users, 'finding_person')

function selectFindings(db: Db) {
  return db
    .select({
      finding: findings,
      unit: { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path },
      person: { id: person.id, fullName: person.fullName, position: person.position, orgUnitId: person.orgUnitId },
      inspectionNumber: inspections.number,
    })
    .from(findings)
    .innerJoin(orgUnits, eq(orgUnits.id, findings.orgUnitId))
    .leftJoin(person, eq(person.id, findings.personId))
    .leftJoin(inspections, eq(inspections.id, findings.inspectionId))
}

type SelectedFinding = Awaited<ReturnType<ReturnType<typeof selectFindings>['execute']>>[number]
const mapSelected = (r: SelectedFinding) => toFinding(r.finding, r.unit, r.person, r.inspectionNumber)

async function findFinding(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  const query = selectFindings(db).where(eq(findings.id, id))
  const [row] = options.forUpdate ? await query.for('update', { of: findings }) : await query
  if (!row) throw notFound('finding', id)
  return row
}

const listKeys = [textKey(findings.foundOn, (r: SelectedFinding) => r.finding.foundOn), textKey(findings.id, (r: SelectedFinding) => r.finding.id)]
const FILTERS = ['orgUnitId', 'inspectionId', 'personId', 'category', 'classification', 'status', 'from', 'to'] as const
const p = sql.placeholder

/**
 * `q`: the finding's text, or the number of its inspection. The inspections are found from
 * their own index first (`= any(array(…))`, computed once), so both halves read an index
 * (trigram on the text, the inspection index on `inspection_id`) and the planner can OR
 * the two bitmaps. (drizzle writes an aliased table as its alias alone, hence `from … as`.)
 */
const searchedInspection = alias(inspections, 'searched_inspection')
const findingSearch = (pattern: ReturnType<typeof p>) =>
  sql`(${searchCondition(findings.search, pattern)} or ${findings.inspectionId} = any(array(select ${searchedInspection.id} from ${inspections} as ${sql.identifier('searched_inspection')} where ${searchCondition(searchedInspection.search, pattern)})))`

const findingList = preparedSelect((db, f: Record<(typeof FILTERS)[number], boolean> & { q: boolean; scope: ScopeKind; unhandled: boolean; handling: boolean; cursor: boolean }) =>
  selectFindings(db)
    .where(
      and(
        inUnitScope(f.scope, orgUnits.path, p('scope')),
        f.q ? findingSearch(p('q')) : undefined,
        f.orgUnitId ? pathInSubtreeOf(orgUnits.path, p('orgUnitId')) : undefined,
        f.inspectionId ? eq(findings.inspectionId, p('inspectionId')) : undefined,
        f.personId ? eq(findings.personId, p('personId')) : undefined,
        f.category ? eq(findings.category, p('category')) : undefined,
        f.classification ? eq(findings.classification, p('classification')) : undefined,
        f.unhandled ? isNull(findings.handling) : f.handling ? eq(findings.handling, p('handling')) : undefined,
        f.status ? eq(findings.status, p('status')) : undefined,
        f.from ? gte(findings.foundOn, p('from')) : undefined,
        f.to ? lte(findings.foundOn, p('to')) : undefined,
        f.cursor ? afterCursor(listKeys, 'desc') : undefined,
      ),
    )
    .orderBy(desc(findings.foundOn), desc(findings.id))
    .limit(p('limit')),
)

export async function listFindings(db: Db, actor: Actor, query: FindingQuery) {
  requirePermission(actor, 'finding.read')
  const page = keyset(listKeys, query, 'desc')
  const scope = unitScope(actor, 'finding.read')
  const search = parseSearch(query.q)
  const rows = await findingList(
    db,
    {
      ...present(query, FILTERS),
      q: search !== undefined,
      scope: scope.kind,
      unhandled: query.handling === 'none',
      handling: query.handling !== undefined && query.handling !== 'none',
      cursor: page.hasCursor,
    },
    { ...query, ...page.params, q: search?.pattern, scope: scope.match },
  )
  return page.page(rows, mapSelected)
}

/** Every finding of one inspection, in checklist order (no permission check: callers have one). */
export async function findingsOfInspection(db: Db, inspectionId: string): Promise<Finding[]> {
  const rows = await selectFindings(db)
    .where(eq(findings.inspectionId, inspectionId))
    // In checklist order: by the position of the item whose failure raised the finding.
    .orderBy(
      sql`(select ti.position from checklist_template_items ti join inspection_responses r on r.item_id = ti.id where r.id = findings.response_id) nulls last`,
      findings.createdAt,
      findings.id,
    )
  return rows.map(mapSelected)
}

export async function getFinding(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'finding.read')
  const row = await findFinding(db, id)
  requirePermission(actor, 'finding.read', { orgUnitPath: row.unit.path })
  return mapSelected(row)
}

async function unitById(db: Db, id: string, field: string) {
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, id))
  if (!unit) throw missingReference(field, 'unit')
  return unit
}

/** The person must exist and belong to the unit or a unit below it. */
async function assertPersonInUnit(db: Db, personId: string, unitPath: string, field: string) {
  const [found] = await db
    .select({ id: users.id, path: orgUnits.path })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, personId))
  if (!found) throw missingReference(field, 'user')
  if (!found.path?.startsWith(unitPath)) throw invalidField(field, 'finding.person-outside-unit')
}

function assertClauses(clauses: string[] | undefined) {
  const bad = (clauses ?? []).map((c, i) => [c, i] as const).filter(([c]) => !isIsoClause(c))
  if (bad.length) {
    throw badRequest(
      'not-clauses',
      { values: bad.map(([c]) => c) },
      bad.map(([c, i]) => fieldError(`clauseNumbers.${i}`, 'field.not-a-clause', { value: c })),
    )
  }
}

export async function createFinding(db: Db, actor: Actor, input: CreateFinding, env: ServiceEnv) {
  requirePermission(actor, 'finding.write')
  return db.transaction(async (tx) => {
    let orgUnitId = input.orgUnitId
    let foundOn = input.foundOn
    if (input.inspectionId) {
      const [inspection] = await tx.select().from(inspections).where(eq(inspections.id, input.inspectionId))
      if (!inspection) throw missingReference('inspectionId', 'inspection')
      orgUnitId ??= inspection.orgUnitId
      foundOn ??= inspection.inspectionDate
    }
    if (!orgUnitId) throw invalidField('orgUnitId', 'finding.unit-required')
    const unit = await unitById(tx, orgUnitId, 'orgUnitId')
    requirePermission(actor, 'finding.write', { orgUnitPath: unit.path })
    if (input.personId) await assertPersonInUnit(tx, input.personId, unit.path, 'personId')
    assertClauses(input.clauseNumbers)
    const [created] = await insertFindings(tx, actor, [
      {
        inspectionId: input.inspectionId ?? null,
        orgUnitId,
        personId: input.personId ?? null,
        category: input.category,
        clauseNumbers: input.clauseNumbers ?? [],
        classification: input.classification,
        handling: input.handling ?? null,
        description: input.description.trim(),
        foundOn: foundOn ?? agencyToday(env),
      },
    ], env.now)
    return created
  })
}

export type NewFinding = Omit<typeof findings.$inferInsert, 'id' | 'status' | 'closedAt' | 'createdById' | 'version' | 'createdAt' | 'updatedAt'>

/**
 * Inserts findings (one audit entry each) inside the caller's transaction. A finding
 * reminded on the spot is handled there and then, so it starts closed.
 */
export async function insertFindings(db: Db, actor: Actor, values: NewFinding[], now: Date): Promise<Finding[]> {
  if (!values.length) return []
  const rows = await db
    .insert(findings)
    .values(
      values.map((v) => ({
        ...v,
        status: v.handling === 'on_spot_reminder' ? ('closed' as const) : ('open' as const),
        closedAt: v.handling === 'on_spot_reminder' ? now : null,
        createdById: actor.via === 'system' ? null : actor.userId,
      })),
    )
    .returning({ id: findings.id })
  const created = (await selectFindings(db).where(inArray(findings.id, rows.map((r) => r.id)))).map(mapSelected)
  const byId = new Map(created.map((f) => [f.id, f]))
  const ordered = rows.map((r) => byId.get(r.id)!)
  for (const finding of ordered) {
    await recordAudit(db, actor, { action: 'finding.create', entityType: 'finding', entityId: finding.id, after: finding })
  }
  return ordered
}

export async function updateFinding(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateFinding, env: ServiceEnv) {
  requirePermission(actor, 'finding.write')
  return db.transaction(async (tx) => {
    const current = await findFinding(tx, id, { forUpdate: true })
    requirePermission(actor, 'finding.write', { orgUnitPath: current.unit.path })
    assertVersion(current.finding, expectedVersion)
    if (input.personId) await assertPersonInUnit(tx, input.personId, current.unit.path, 'personId')
    assertClauses(input.clauseNumbers)
    const f = current.finding
    if (input.handling !== undefined && input.handling !== f.handling && f.nonconformityId) {
      throw invalidField('handling', 'finding.handling-nc-raised')
    }
    const status = input.status ?? f.status
    await tx
      .update(findings)
      .set({
        personId: input.personId === undefined ? f.personId : input.personId,
        category: input.category ?? f.category,
        clauseNumbers: input.clauseNumbers ?? f.clauseNumbers,
        classification: input.classification ?? f.classification,
        handling: input.handling === undefined ? f.handling : input.handling,
        description: input.description?.trim() ?? f.description,
        status,
        closedAt: status === 'closed' ? (f.closedAt ?? env.now) : null,
        version: f.version + 1,
        updatedAt: env.now,
      })
      .where(eq(findings.id, id))
    const before = mapSelected(current)
    const after = mapSelected(await findFinding(tx, id))
    await recordAudit(tx, actor, { action: 'finding.update', entityType: 'finding', entityId: id, before, after })
    return after
  })
}

const TITLE_LENGTH = 200

/**
 * Raises a nonconformity from a finding, in one transaction: the NC (source `finding`)
 * and the finding's link to it, with handling `nc_raised`. Severity follows the
 * classification unless given (a major nonconformity finding → major).
 */
export async function raiseNcFromFinding(
  db: Db,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  input: RaiseNonconformity,
  env: ServiceEnv,
): Promise<{ nonconformity: Nonconformity; finding: Finding }> {
  requirePermission(actor, 'nonconformity.create')
  return db.transaction(async (tx) => {
    const current = await findFinding(tx, id, { forUpdate: true })
    requirePermission(actor, 'finding.read', { orgUnitPath: current.unit.path })
    requirePermission(actor, 'nonconformity.create', { orgUnitPath: current.unit.path })
    assertVersion(current.finding, expectedVersion)
    const f = current.finding
    if (f.nonconformityId) throw conflict('finding.nc-exists', undefined, [fieldError('id', 'finding.field-nc-exists', { existingId: f.nonconformityId })])
    const description = f.description.trim()
    const nonconformity = await raiseNonconformity(
      tx,
      actor,
      {
        source: 'finding',
        sourceId: f.id,
        orgUnitId: f.orgUnitId,
        title: input.title ?? (description.length > TITLE_LENGTH ? `${description.slice(0, TITLE_LENGTH - 1)}…` : description),
        description: input.description ?? description,
        severity: input.severity ?? (f.classification === 'major_nc' ? 'major' : 'minor'),
        clauseNumbers: input.clauseNumbers ?? f.clauseNumbers,
        containment: input.containment,
        detectedOn: f.foundOn,
        dueDate: input.dueDate,
      },
      env,
    )
    await tx
      .update(findings)
      .set({ handling: 'nc_raised', nonconformityId: nonconformity.id, version: f.version + 1, updatedAt: env.now })
      .where(eq(findings.id, id))
    const before = mapSelected(current)
    const after = mapSelected(await findFinding(tx, id))
    await recordAudit(tx, actor, { action: 'finding.raise_nc', entityType: 'finding', entityId: id, before, after })
    return { nonconformity, finding: after }
  })
}
