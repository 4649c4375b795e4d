/**
 * The register of controlled documents (ISO 9001 clause 7.5): listing, reading,
 * registering and changing documents, and which documents reference which clauses.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { documents, orgUnits, procedures, type DocumentType } from '../../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { afterCursor, keyset, textKey } from '../../lib/pagination.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { badRequest, conflict, fieldError, invalidField, type FieldError } from '../../lib/problems.ts'
import { exactFirst, parseSearch, searchCondition } from '../../lib/search.ts'
import { preparedSelect, present } from '../../lib/select-rows.ts'
import { recordAudit } from '../audit-log/service.ts'
import { isIsoClause } from '../iso-clauses/service.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import type { CreateDocument, DocumentQuery, DocumentStatus, UpdateDocument } from './schemas.ts'
import { findDocument, lockDocument, nextReviewSql, notObsolete, pub, selectDocuments, statusSql, toDocument, work, WORKING, type DocumentSelection } from './records.ts'
import { brokenRule, missingReference } from '../../lib/references.ts'

// ---------------------------------------------------------------------------------------
// Listing and reading the register.

const listKeys = [textKey(documents.code, (r: DocumentSelection) => r.doc.code), textKey(documents.id, (r: DocumentSelection) => r.doc.id)]
const FILTERS = ['type', 'orgUnitId', 'clause', 'status', 'standardEdition', 'reviewDueBefore'] as const
const p = sql.placeholder

type DocumentListShape = Record<(typeof FILTERS)[number], boolean> & { q: boolean | 'exact'; exclude: boolean; inUse: boolean | undefined; cursor: boolean }

const documentList = preparedSelect((db, f: DocumentListShape) =>
  selectDocuments(db)
    .where(
      and(
        f.q === 'exact'
          ? sql`lower(${documents.code}) = lower(${p('exact')})`
          : f.q
            ? searchCondition(documents.search, p('q'))
            : undefined,
        f.exclude ? ne(documents.id, p('exclude')) : undefined,
        f.type ? eq(documents.type, p('type')) : undefined,
        f.orgUnitId ? inSubtreeOf(documents.owningUnitId, p('orgUnitId')) : undefined,
        f.clause ? sql`${documents.clauseNumbers} @> array[${p('clause')}]::text[]` : undefined,
        f.status ? sql`${statusSql} = ${p('status')}` : undefined,
        f.standardEdition ? eq(documents.standardEdition, p('standardEdition')) : undefined,
        f.inUse === undefined ? undefined : f.inUse ? sql`${statusSql} <> 'obsolete'` : sql`${statusSql} = 'obsolete'`,
        f.reviewDueBefore ? sql`${nextReviewSql} <= ${p('reviewDueBefore')}::date` : undefined,
        f.cursor ? afterCursor(listKeys) : undefined,
      ),
    )
    .orderBy(asc(documents.code), asc(documents.id))
    .limit(p('limit')),
)

export async function listDocuments(db: Db, actor: Actor, query: DocumentQuery, env: ServiceEnv) {
  requirePermission(actor, 'document.read')
  const page = keyset(listKeys, query)
  const search = parseSearch(query.q)
  const shape: DocumentListShape = { ...present(query, FILTERS), q: search !== undefined, exclude: false, inUse: query.inUse, cursor: page.hasCursor }
  const values = { ...query, ...page.params, q: search?.pattern }
  const rows = await exactFirst(
    page,
    listKeys.length,
    (r) => r.doc.id,
    search && (() => documentList(db, { ...shape, q: 'exact', cursor: false }, { ...values, exact: search.term, limit: 1 })),
    ({ exclude, cursor, limit }) => documentList(db, { ...shape, exclude: exclude !== undefined, cursor }, { ...values, exclude, limit }),
  )
  const today = agencyToday(env)
  return page.page(rows, (r) => toDocument(r, today, actor))
}

export async function getDocument(db: Db, actor: Actor, id: string, env: ServiceEnv) {
  requirePermission(actor, 'document.read')
  return toDocument(await findDocument(db, id), agencyToday(env), actor)
}

// ---------------------------------------------------------------------------------------
// Registering and changing documents.

async function assertCodeFree(db: Db, code: string, exceptId?: string) {
  const [clash] = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(sql`lower(${documents.code}) = lower(${code})`, exceptId ? sql`${documents.id} <> ${exceptId}` : undefined))
  if (clash) throw conflict('code-taken', { entity: 'document', code }, [fieldError('code', 'field.code-taken', { entity: 'document' })])
}

async function unitPath(db: Db, unitId: string): Promise<string> {
  const [unit] = await db.select({ path: orgUnits.path, active: orgUnits.active }).from(orgUnits).where(eq(orgUnits.id, unitId))
  if (!unit) throw missingReference('owningUnitId', 'unit')
  if (!unit.active) throw invalidField('owningUnitId', 'field.unit-deactivated')
  return unit.path
}

function assertClauses(clauseNumbers: string[] | undefined) {
  const errors: FieldError[] = (clauseNumbers ?? []).flatMap((c, i) =>
    isIsoClause(c) ? [] : [fieldError(`clauseNumbers.${i}`, 'document.not-a-clause', { value: c })],
  )
  if (errors.length) throw badRequest('document.unknown-clauses', { values: errors.map((e) => String(e.params!.value)) }, errors)
}

/** Clause numbers in the outline's order, so lists read 4.1, 7.5.3, 10.2 rather than as text. */
const sortClauses = (clauses: string[]) =>
  [...clauses].sort((a, b) => {
    const x = a.split('.').map(Number)
    const y = b.split('.').map(Number)
    for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1)
    return 0
  })

/** Every linked administrative procedure must exist. */
async function assertProceduresExist(db: Db, ids: string[] | undefined) {
  if (!ids?.length) return
  const unique = [...new Set(ids)]
  const found = await db.select({ id: procedures.id }).from(procedures).where(inArray(procedures.id, unique))
  const known = new Set(found.map((r) => r.id))
  const missing = unique.filter((id) => !known.has(id))
  if (missing.length) {
    throw brokenRule('procedureIds', 'document.procedures-missing', { missing })
  }
}

/** `type: 'record'` only from `registerRecord` (revisions.ts): the API's CreateDocument refuses it. */
export async function createDocument(db: Db, actor: Actor, input: Omit<CreateDocument, 'type'> & { type: DocumentType }, env: ServiceEnv) {
  requirePermission(actor, 'document.write')
  assertClauses(input.clauseNumbers)
  return db.transaction(async (tx) => {
    requirePermission(actor, 'document.write', { orgUnitPath: await unitPath(tx, input.owningUnitId) })
    await assertCodeFree(tx, input.code)
    await assertProceduresExist(tx, input.procedureIds)
    const [row] = await tx
      .insert(documents)
      .values({
        code: input.code,
        title: input.title,
        type: input.type,
        owningUnitId: input.owningUnitId,
        clauseNumbers: sortClauses(input.clauseNumbers ?? []),
        procedureIds: input.procedureIds ?? [],
        standardEdition: input.standardEdition ?? '2015',
        reviewIntervalMonths: input.reviewIntervalMonths ?? 12,
      })
      .returning({ id: documents.id })
    const document = toDocument(await findDocument(tx, row.id), agencyToday(env), actor)
    await recordAudit(tx, actor, { action: 'document.create', entityType: 'document', entityId: document.id, after: document })
    return document
  })
}

export async function updateDocument(db: Db, actor: Actor, id: string, expectedVersion: number | undefined, input: UpdateDocument, env: ServiceEnv) {
  requirePermission(actor, 'document.write')
  assertClauses(input.clauseNumbers)
  return db.transaction(async (tx) => {
    const current = await lockDocument(tx, id)
    requirePermission(actor, 'document.write', { orgUnitPath: current.unitPath })
    assertVersion(current, expectedVersion)
    if (current.type === 'record') throw conflict('document.record-read-only', { code: current.code })
    if (input.owningUnitId && input.owningUnitId !== current.owningUnitId) {
      // Handing a document to another unit needs the right on that unit too.
      requirePermission(actor, 'document.write', { orgUnitPath: await unitPath(tx, input.owningUnitId) })
    }
    if (input.code !== undefined && input.code.toLowerCase() !== current.code.toLowerCase()) await assertCodeFree(tx, input.code, id)
    await assertProceduresExist(tx, input.procedureIds)
    const before = toDocument(await findDocument(tx, id), agencyToday(env), actor)
    await tx
      .update(documents)
      .set({
        code: input.code ?? current.code,
        title: input.title ?? current.title,
        type: input.type ?? current.type,
        owningUnitId: input.owningUnitId ?? current.owningUnitId,
        clauseNumbers: input.clauseNumbers ? sortClauses(input.clauseNumbers) : current.clauseNumbers,
        procedureIds: input.procedureIds ?? current.procedureIds,
        standardEdition: input.standardEdition ?? current.standardEdition,
        reviewIntervalMonths: input.reviewIntervalMonths ?? current.reviewIntervalMonths,
        version: current.version + 1,
        updatedAt: env.now,
      })
      .where(eq(documents.id, id))
    const after = toDocument(await findDocument(tx, id), agencyToday(env), actor)
    await recordAudit(tx, actor, { action: 'document.update', entityType: 'document', entityId: id, before, after })
    return after
  })
}

// ---------------------------------------------------------------------------------------
// Clause references.

export interface DocumentClauseReference {
  id: string
  code: string
  title: string
  status: DocumentStatus
}

/** Every document not withdrawn, by the clauses it references (for the coverage matrix). */
export async function documentsByClause(db: Db): Promise<Map<string, DocumentClauseReference[]>> {
  const rows = await db
    .select({ id: documents.id, code: documents.code, title: documents.title, clauses: documents.clauseNumbers, status: statusSql })
    .from(documents)
    .leftJoin(pub, and(eq(pub.documentId, documents.id), eq(pub.status, 'published')))
    .leftJoin(work, and(eq(work.documentId, documents.id), inArray(work.status, [...WORKING])))
    .where(and(notObsolete, sql`cardinality(${documents.clauseNumbers}) > 0`))
    .orderBy(asc(documents.code))
  const byClause = new Map<string, DocumentClauseReference[]>()
  for (const r of rows) {
    for (const clause of r.clauses) byClause.set(clause, [...(byClause.get(clause) ?? []), { id: r.id, code: r.code, title: r.title, status: r.status }])
  }
  return byClause
}
