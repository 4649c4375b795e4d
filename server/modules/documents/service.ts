/**
 * Document control (ISO 9001 clause 7.5): the register of controlled documents, their
 * revisions with files and sign-offs, the workflow draft → in_review → approved →
 * published → superseded (or obsolete), periodic reviews and the 2008 → 2015 transition.
 *
 * Every state change locks the document row first (`select … for update`), so changes
 * to one document's revisions happen one at a time; the partial unique indexes on
 * document_revisions make "one published, one in work" hold whoever writes.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import {
  documentFiles,
  documentReviewReminders,
  documentRevisions,
  documents,
  procedures,
  documentSignoffs,
  orgUnits,
  users,
  type DocumentRevisionRow,
  type DocumentRow,
  type DocumentSignoffRow,
  type SignoffDecision,
  type SignoffMeaning,
  type StandardEdition,
} from '../../../db/schema/index.ts'
import { addDays, agencyToday, daysBetween, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { afterCursor, keyset, textKey } from '../../lib/pagination.ts'
import { can, requirePermission, systemActor, type Actor, type Permission } from '../../lib/permissions.ts'
import { badRequest, conflict, forbidden, illegalTransition, invalidField, notFound, unprocessable, type FieldError } from '../../lib/problems.ts'
import { containsPattern, matchesPattern } from '../../lib/search.ts'
import { sha256Hex, type UploadedFile } from '../../lib/uploads.ts'
import { recordAudit } from '../audit-log/service.ts'
import { isIsoClause } from '../iso-clauses/service.ts'
import { inSubtreeOf } from '../org-units/service.ts'
import {
  type ApproveRevision,
  type CreateDocument,
  type Document,
  type DocumentQuery,
  type DocumentStatus,
  type NewRevisionFields,
  type ObsoleteRevision,
  type PublishRevision,
  type ReviewDueItem,
  type ReviewDueQuery,
  type ReturnRevision,
  type ReviewRevision,
  type Revision,
  type RevisionAction,
  type RevisionQuery,
  type RevisionSummary,
  type Signoff,
  type SubmitRevision,
  type TransitionSummary,
  type UpdateDocument,
  type UserRef,
} from './schemas.ts'
import { REVISION_WORKFLOW } from './workflow.ts'
import { preparedSelect, present } from '../../lib/select-rows.ts'

// ---------------------------------------------------------------------------------------
// Dates: reviews fall due on calendar days in the agency's time zone (agencyToday).

/** Reminders go out this many days before a review falls due. */
export const REVIEW_NOTICE_DAYS = 30

export function reviewState(nextReviewDue: string | null, today: string): 'ok' | 'due_soon' | 'overdue' | null {
  if (!nextReviewDue) return null
  const left = daysBetween(today, nextReviewDue)
  return left < 0 ? 'overdue' : left <= REVIEW_NOTICE_DAYS ? 'due_soon' : 'ok'
}

// ---------------------------------------------------------------------------------------
// Reading documents: the status, the revision in force and the one in work come from SQL.

const WORKING = ['draft', 'in_review', 'approved'] as const
const pub = alias(documentRevisions, 'pub')
const work = alias(documentRevisions, 'work')

const summaryColumns = (r: typeof pub | typeof work) => ({
  id: r.id,
  issueNumber: r.issueNumber,
  status: r.status,
  standardEdition: r.standardEdition,
  effectiveFrom: r.effectiveFrom,
  fileName: r.fileName,
})

/** Derived status: published while a revision is in force, else the working revision's, else obsolete or draft. */
const statusSql = sql<DocumentStatus>`case
  when ${pub.id} is not null then 'published'
  when ${work.id} is not null then ${work.status}
  when exists (select 1 from ${documentRevisions} o where o.document_id = ${documents.id} and o.status = 'obsolete') then 'obsolete'
  else 'draft' end`

/** Publication date + review interval; null while nothing is published. */
const nextReviewSql = sql`(${pub.effectiveFrom} + make_interval(months => ${documents.reviewIntervalMonths}))::date`
const nextReviewText = sql<string | null>`to_char(${nextReviewSql}, 'YYYY-MM-DD')`

function selectDocuments(db: Db) {
  return db
    .select({
      doc: documents,
      unit: { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path },
      pub: summaryColumns(pub),
      work: summaryColumns(work),
      status: statusSql,
      nextReviewDue: nextReviewText,
    })
    .from(documents)
    .innerJoin(orgUnits, eq(orgUnits.id, documents.owningUnitId))
    .leftJoin(pub, and(eq(pub.documentId, documents.id), eq(pub.status, 'published')))
    .leftJoin(work, and(eq(work.documentId, documents.id), inArray(work.status, [...WORKING])))
}

type DocumentSelection = Awaited<ReturnType<ReturnType<typeof selectDocuments>['execute']>>[number]

function toSummary(r: DocumentSelection['pub']): RevisionSummary | null {
  if (!r || !r.id) return null
  return {
    id: r.id,
    issueNumber: r.issueNumber!,
    status: r.status!,
    standardEdition: r.standardEdition!,
    effectiveFrom: r.effectiveFrom,
    fileName: r.fileName!,
  }
}

/** What `actor` may do with the document; none for background jobs. */
function documentActions(actor: Actor | undefined, row: DocumentSelection): Document['actions'] {
  if (!actor) return []
  const target = { orgUnitPath: row.unit.path }
  const actions: Document['actions'] = []
  if (can(actor, 'document.write', target)) actions.push('edit')
  if (!row.work?.id && can(actor, 'document.draft', target)) actions.push('upload')
  return actions
}

export function toDocument(row: DocumentSelection, today: string, actor?: Actor): Document {
  const { doc } = row
  return {
    id: doc.id,
    code: doc.code,
    title: doc.title,
    type: doc.type,
    owningUnitId: doc.owningUnitId,
    owningUnit: { id: row.unit.id, code: row.unit.code, name: row.unit.name },
    clauseNumbers: doc.clauseNumbers,
    procedureIds: doc.procedureIds,
    standardEdition: doc.standardEdition,
    reviewIntervalMonths: doc.reviewIntervalMonths,
    status: row.status,
    currentRevision: toSummary(row.pub),
    workingRevision: toSummary(row.work),
    nextReviewDue: row.nextReviewDue,
    reviewState: reviewState(row.nextReviewDue, today),
    actions: documentActions(actor, row),
    version: doc.version,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  }
}

async function findDocument(db: Db, id: string): Promise<DocumentSelection> {
  const [row] = await selectDocuments(db).where(eq(documents.id, id))
  if (!row) throw notFound('Document', id)
  return row
}

/** Locks the document row: every change to a document or its revisions goes through here first. */
async function lockDocument(db: Db, id: string): Promise<DocumentRow & { unitPath: string }> {
  const [row] = await db
    .select({ doc: documents, unitPath: orgUnits.path })
    .from(documents)
    .innerJoin(orgUnits, eq(orgUnits.id, documents.owningUnitId))
    .where(eq(documents.id, id))
    .for('update', { of: documents })
  if (!row) throw notFound('Document', id)
  return { ...row.doc, unitPath: row.unitPath }
}

const listKeys = [textKey(documents.code, (r: DocumentSelection) => r.doc.code), textKey(documents.id, (r: DocumentSelection) => r.doc.id)]
const FILTERS = ['type', 'orgUnitId', 'clause', 'status', 'standardEdition', 'reviewDueBefore'] as const
const p = sql.placeholder

const documentList = preparedSelect((db, f: Record<(typeof FILTERS)[number], boolean> & { q: boolean; inUse: boolean | undefined; cursor: boolean }) =>
  selectDocuments(db)
    .where(
      and(
        f.q ? matchesPattern(p('q'), documents.code, documents.title) : undefined,
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
  const q = containsPattern(query.q)
  const rows = await documentList(db, { ...present(query, FILTERS), q: q !== undefined, inUse: query.inUse, cursor: page.hasCursor }, { ...query, ...page.params, q })
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
  if (clash) throw conflict(`A document with code "${code}" already exists.`, [{ path: 'code', message: 'is already used by another document', code: 'duplicate' }])
}

async function unitPath(db: Db, unitId: string): Promise<string> {
  const [unit] = await db.select({ path: orgUnits.path, active: orgUnits.active }).from(orgUnits).where(eq(orgUnits.id, unitId))
  if (!unit) throw invalidField('owningUnitId', 'refers to a unit that does not exist', 'exists')
  if (!unit.active) throw invalidField('owningUnitId', 'refers to a deactivated unit', 'active')
  return unit.path
}

function assertClauses(clauseNumbers: string[] | undefined) {
  const errors: FieldError[] = (clauseNumbers ?? []).flatMap((c, i) =>
    isIsoClause(c) ? [] : [{ path: `clauseNumbers.${i}`, message: `"${c}" is not a clause of ISO 9001:2015`, code: 'clause', params: { value: c } }],
  )
  if (errors.length) throw badRequest(`Unknown ISO 9001:2015 clause${errors.length > 1 ? 's' : ''}: ${errors.map((e) => e.params!.value).join(', ')}.`, errors)
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
    throw invalidField('procedureIds', `refers to procedures that do not exist: ${missing.join(', ')}`, 'exists', { missing })
  }
}

export async function createDocument(db: Db, actor: Actor, input: CreateDocument, env: ServiceEnv) {
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
// Revisions: reading, with sign-offs and what the caller may do next.

const createdBy = alias(users, 'created_by')
const reviewer = alias(users, 'reviewer')
const userRefColumns = (u: typeof createdBy | typeof reviewer) => ({ id: u.id, fullName: u.fullName, position: u.position })

function selectRevisions(db: Db) {
  return db
    .select({ rev: documentRevisions, createdBy: userRefColumns(createdBy), reviewer: userRefColumns(reviewer) })
    .from(documentRevisions)
    .leftJoin(createdBy, eq(createdBy.id, documentRevisions.createdById))
    .leftJoin(reviewer, eq(reviewer.id, documentRevisions.reviewerId))
}

type RevisionSelection = Awaited<ReturnType<ReturnType<typeof selectRevisions>['execute']>>[number]

const toUserRef = (u: { id: string | null; fullName: string | null; position: string | null } | null): UserRef | null =>
  u && u.id ? { id: u.id, fullName: u.fullName ?? '', position: u.position } : null

export function toSignoff(row: DocumentSignoffRow): Signoff {
  return {
    id: row.id,
    meaning: row.meaning,
    decision: row.decision,
    userId: row.userId,
    fullName: row.fullName,
    position: row.position,
    comment: row.comment,
    at: row.at.toISOString(),
  }
}

/** What `actor` may do with the revision now; the same rules the actions enforce. */
export function revisionActions(actor: Actor, rev: DocumentRevisionRow, unitPath: string): RevisionAction[] {
  const target = { orgUnitPath: unitPath }
  const actions: RevisionAction[] = []
  const canDraft = can(actor, 'document.draft', target)
  const status = (op: RevisionAction) => REVISION_WORKFLOW.can(op, rev.status)
  if (status('submit') && canDraft) actions.push('submit')
  if (status('review') && !rev.reviewedAt && rev.reviewerId === actor.userId) actions.push('review')
  if (status('approve') && rev.reviewedAt && can(actor, 'document.approve') && !isDrafter(actor, rev)) actions.push('approve')
  if (status('return') && (rev.status !== 'in_review' || rev.reviewedAt) && can(actor, 'document.approve')) actions.push('return')
  if (status('publish') && can(actor, 'document.publish', target)) actions.push('publish')
  if (status('obsolete') && (rev.status === 'published' ? can(actor, 'document.withdraw') : canDraft || can(actor, 'document.approve'))) actions.push('obsolete')
  return actions
}

const isDrafter = (actor: Actor, rev: DocumentRevisionRow) => actor.userId === rev.createdById || actor.userId === rev.submittedById

export function toRevision(row: RevisionSelection, signoffs: DocumentSignoffRow[], actions: RevisionAction[]): Revision {
  const { rev } = row
  return {
    id: rev.id,
    documentId: rev.documentId,
    issueNumber: rev.issueNumber,
    status: rev.status,
    changeSummary: rev.changeSummary,
    standardEdition: rev.standardEdition,
    file: {
      name: rev.fileName,
      contentType: rev.contentType,
      size: rev.fileSize,
      sha256: rev.sha256,
      url: `/api/documents/${rev.documentId}/revisions/${rev.id}/file`,
    },
    createdBy: toUserRef(row.createdBy),
    reviewer: toUserRef(row.reviewer),
    submittedAt: rev.submittedAt?.toISOString() ?? null,
    approvedAt: rev.approvedAt?.toISOString() ?? null,
    effectiveFrom: rev.effectiveFrom,
    publishedAt: rev.publishedAt?.toISOString() ?? null,
    supersededAt: rev.supersededAt?.toISOString() ?? null,
    supersededById: rev.supersededById,
    obsoletedAt: rev.obsoletedAt?.toISOString() ?? null,
    obsoleteReason: rev.obsoleteReason,
    signoffs: signoffs.map(toSignoff),
    actions,
    version: rev.version,
    createdAt: rev.createdAt.toISOString(),
    updatedAt: rev.updatedAt.toISOString(),
  }
}

/** Sign-offs of many revisions in one query, oldest first per revision. */
async function signoffsOf(db: Db, revisionIds: string[]): Promise<Map<string, DocumentSignoffRow[]>> {
  const byRevision = new Map<string, DocumentSignoffRow[]>()
  if (!revisionIds.length) return byRevision
  const rows = await db
    .select()
    .from(documentSignoffs)
    .where(inArray(documentSignoffs.revisionId, revisionIds))
    .orderBy(asc(documentSignoffs.at), asc(documentSignoffs.id))
  for (const row of rows) byRevision.set(row.revisionId, [...(byRevision.get(row.revisionId) ?? []), row])
  return byRevision
}

async function loadRevision(db: Db, actor: Actor, documentId: string, revisionId: string, unitPath: string): Promise<Revision> {
  const [row] = await selectRevisions(db).where(and(eq(documentRevisions.id, revisionId), eq(documentRevisions.documentId, documentId)))
  if (!row) throw notFound('Revision', revisionId)
  const signoffs = await signoffsOf(db, [revisionId])
  return toRevision(row, signoffs.get(revisionId) ?? [], revisionActions(actor, row.rev, unitPath))
}

export async function listRevisions(db: Db, actor: Actor, documentId: string, query: RevisionQuery) {
  requirePermission(actor, 'document.read')
  const doc = await findDocument(db, documentId)
  // Newest issue first: the history reads from the current revision back.
  const page = keyset([{ column: documentRevisions.issueNumber, read: (r: RevisionSelection) => r.rev.issueNumber }], query, 'desc')
  const rows = await selectRevisions(db)
    .where(and(eq(documentRevisions.documentId, documentId), page.where))
    .orderBy(desc(documentRevisions.issueNumber))
    .limit(page.limit)
  const signoffs = await signoffsOf(db, rows.map((r) => r.rev.id))
  return page.page(rows, (r) => toRevision(r, signoffs.get(r.rev.id) ?? [], revisionActions(actor, r.rev, doc.unit.path)))
}

export async function getRevision(db: Db, actor: Actor, documentId: string, revisionId: string) {
  requirePermission(actor, 'document.read')
  const doc = await findDocument(db, documentId)
  return loadRevision(db, actor, documentId, revisionId, doc.unit.path)
}

/** The revision as the audit log keeps it (no per-caller actions). */
const auditView = (rev: DocumentRevisionRow) => ({
  id: rev.id,
  documentId: rev.documentId,
  issueNumber: rev.issueNumber,
  status: rev.status,
  changeSummary: rev.changeSummary,
  standardEdition: rev.standardEdition,
  file: { name: rev.fileName, contentType: rev.contentType, size: rev.fileSize, sha256: rev.sha256 },
  reviewerId: rev.reviewerId,
  effectiveFrom: rev.effectiveFrom,
  obsoleteReason: rev.obsoleteReason,
  version: rev.version,
})

// ---------------------------------------------------------------------------------------
// Files.

export class FileCorruptedError extends Error {
  constructor(readonly revisionId: string, expected: string, actual: string) {
    super(`Document file corrupted: revision ${revisionId} should have SHA-256 ${expected} but the stored bytes hash to ${actual}. The file was not served.`)
    this.name = 'FileCorruptedError'
  }
}

/** The file of a revision, after checking that its bytes still hash to the recorded SHA-256. */
export async function readRevisionFile(db: Db, actor: Actor, documentId: string, revisionId: string) {
  requirePermission(actor, 'document.read')
  const [row] = await db
    .select({ rev: documentRevisions, content: documentFiles.content })
    .from(documentRevisions)
    .innerJoin(documentFiles, eq(documentFiles.revisionId, documentRevisions.id))
    .where(and(eq(documentRevisions.id, revisionId), eq(documentRevisions.documentId, documentId)))
  if (!row) throw notFound('Revision', revisionId)
  const actual = sha256Hex(row.content)
  if (actual !== row.rev.sha256 || row.content.length !== row.rev.fileSize) throw new FileCorruptedError(revisionId, row.rev.sha256, actual)
  return { fileName: row.rev.fileName, contentType: row.rev.contentType, sha256: row.rev.sha256, bytes: row.content }
}

// ---------------------------------------------------------------------------------------
// The workflow.

async function lockRevision(db: Db, documentId: string, revisionId: string): Promise<DocumentRevisionRow> {
  const [row] = await db
    .select()
    .from(documentRevisions)
    .where(and(eq(documentRevisions.id, revisionId), eq(documentRevisions.documentId, documentId)))
    .for('update')
  if (!row) throw notFound('Revision', revisionId)
  return row
}

async function sign(db: Db, actor: Actor, revisionId: string, meaning: SignoffMeaning, decision: SignoffDecision, comment?: string | null) {
  const [person] = await db.select({ fullName: users.fullName, position: users.position }).from(users).where(eq(users.id, actor.userId))
  await db.insert(documentSignoffs).values({
    revisionId,
    meaning,
    decision,
    userId: person ? actor.userId : null,
    fullName: person?.fullName ?? actor.fullName,
    position: person?.position ?? null,
    comment: comment?.trim() || null,
  })
}

/** In review, the table cannot tell whether the reviewer has signed: what is allowed before and after. */
const inReview = (reviewed: boolean) => REVISION_WORKFLOW.movesFrom('in_review').filter((op) => (reviewed ? op !== 'review' : op !== 'approve' && op !== 'return'))

/** Runs one workflow step in a transaction: lock document and revision, check, change, audit, return. */
async function step(
  db: Db,
  actor: Actor,
  documentId: string,
  revisionId: string,
  action: string,
  env: ServiceEnv,
  change: (tx: Db, rev: DocumentRevisionRow, doc: DocumentRow & { unitPath: string }) => Promise<Partial<DocumentRevisionRow>>,
) {
  return db.transaction(async (tx) => {
    const doc = await lockDocument(tx, documentId)
    const rev = await lockRevision(tx, documentId, revisionId)
    const changes = await change(tx, rev, doc)
    const [after] = await tx
      .update(documentRevisions)
      .set({ ...changes, version: rev.version + 1, updatedAt: env.now })
      .where(eq(documentRevisions.id, revisionId))
      .returning()
    await recordAudit(tx, actor, { action: `document_revision.${action}`, entityType: 'document_revision', entityId: revisionId, before: auditView(rev), after: auditView(after) })
    return loadRevision(tx, actor, documentId, revisionId, doc.unitPath)
  })
}

/**
 * A new draft revision from an uploaded file. The permission is checked before the
 * upload is read, and the upload is read before the transaction opens, so a slow
 * upload never holds a lock.
 */
export async function createRevision(
  db: Db,
  actor: Actor,
  documentId: string,
  readForm: () => Promise<{ file: UploadedFile; fields: Record<string, string> }>,
) {
  requirePermission(actor, 'document.draft')
  const before = await findDocument(db, documentId)
  requirePermission(actor, 'document.draft', { orgUnitPath: before.unit.path })
  const { file, fields } = await readForm()
  const input = parseRevisionFields(fields)
  return db.transaction(async (tx) => {
    const doc = await lockDocument(tx, documentId)
    const [working] = await tx
      .select({ issueNumber: documentRevisions.issueNumber, status: documentRevisions.status })
      .from(documentRevisions)
      .where(and(eq(documentRevisions.documentId, documentId), inArray(documentRevisions.status, [...WORKING])))
    if (working) {
      throw conflict(
        `Issue ${working.issueNumber} of this document is still ${working.status.replace('_', ' ')}; publish it or make it obsolete before starting another revision.`,
        [{ path: 'file', message: 'another revision is already being worked on', code: 'revision_in_work', params: { issueNumber: working.issueNumber } }],
      )
    }
    const [{ last }] = await tx
      .select({ last: sql<number>`coalesce(max(${documentRevisions.issueNumber}), 0)::int` })
      .from(documentRevisions)
      .where(eq(documentRevisions.documentId, documentId))
    const issueNumber = input.issueNumber ?? last + 1
    if (issueNumber <= last) {
      throw invalidField('issueNumber', `must be greater than the last issue (${last})`, 'sequence', { last })
    }
    const [row] = await tx
      .insert(documentRevisions)
      .values({
        documentId,
        issueNumber,
        changeSummary: input.changeSummary,
        standardEdition: input.standardEdition ?? doc.standardEdition,
        fileName: file.filename,
        contentType: file.contentType,
        fileSize: file.size,
        sha256: file.sha256,
        createdById: actor.via === 'system' ? null : actor.userId,
      })
      .returning()
    await tx.insert(documentFiles).values({ revisionId: row.id, content: file.bytes })
    await recordAudit(tx, actor, { action: 'document_revision.create', entityType: 'document_revision', entityId: row.id, after: auditView(row) })
    return loadRevision(tx, actor, documentId, row.id, doc.unitPath)
  })
}

const EDITIONS: readonly string[] = ['2008', '2015']
const FORM_FIELDS = new Set(['changeSummary', 'issueNumber', 'standardEdition'])

/** The text fields of the upload form, checked like a JSON body: every failing field is reported. */
export function parseRevisionFields(fields: Record<string, string>): NewRevisionFields {
  const errors: FieldError[] = []
  for (const name of Object.keys(fields)) if (!FORM_FIELDS.has(name)) errors.push({ path: name, message: 'is not a known field', code: 'additionalProperties' })
  const changeSummary = (fields.changeSummary ?? '').trim()
  if (!changeSummary) errors.push({ path: 'changeSummary', message: 'is required', code: 'required' })
  else if (changeSummary.length > 4000) errors.push({ path: 'changeSummary', message: 'must NOT have more than 4000 characters', code: 'maxLength', params: { limit: 4000 } })
  let issueNumber: number | undefined
  const rawIssue = fields.issueNumber?.trim()
  if (rawIssue) {
    issueNumber = Number(rawIssue)
    if (!/^\d{1,3}$/.test(rawIssue) || issueNumber < 1) errors.push({ path: 'issueNumber', message: 'must be a whole number from 1 to 999', code: 'type' })
  }
  const standardEdition = fields.standardEdition?.trim() || undefined
  if (standardEdition && !EDITIONS.includes(standardEdition)) errors.push({ path: 'standardEdition', message: 'must be one of: 2008, 2015', code: 'enum' })
  if (errors.length) throw badRequest(`The form has ${errors.length} invalid field${errors.length > 1 ? 's' : ''}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`, errors)
  return { changeSummary, issueNumber, standardEdition: standardEdition as StandardEdition | undefined }
}

/** draft → in_review, naming the reviewer; the submitter signs as drafter (Soạn thảo). */
export async function submitRevision(db: Db, actor: Actor, documentId: string, revisionId: string, expectedVersion: number | undefined, input: SubmitRevision, env: ServiceEnv) {
  requirePermission(actor, 'document.draft')
  return step(db, actor, documentId, revisionId, 'submit', env, async (tx, rev, doc) => {
    requirePermission(actor, 'document.draft', { orgUnitPath: doc.unitPath })
    assertVersion(rev, expectedVersion)
    REVISION_WORKFLOW.assert('submit', rev.status)
    if (input.reviewerId === actor.userId || input.reviewerId === rev.createdById) {
      throw invalidField('reviewerId', 'must be someone other than the drafter', 'separation')
    }
    const [person] = await tx.select({ active: users.active, canSignIn: sql<boolean>`${users.passwordHash} is not null` }).from(users).where(eq(users.id, input.reviewerId))
    if (!person) throw invalidField('reviewerId', 'refers to a user who does not exist', 'exists')
    if (!person.active || !person.canSignIn) throw invalidField('reviewerId', 'must be an active user who can sign in', 'active')
    await sign(tx, actor, revisionId, 'drafted', 'signed')
    return { status: 'in_review', reviewerId: input.reviewerId, submittedAt: env.now, submittedById: actor.userId, reviewedAt: null }
  })
}

/** The named reviewer signs (Xem xét) or returns the revision to draft with a comment. */
export async function reviewRevision(db: Db, actor: Actor, documentId: string, revisionId: string, expectedVersion: number | undefined, input: ReviewRevision, env: ServiceEnv) {
  requirePermission(actor, 'document.read')
  return step(db, actor, documentId, revisionId, input.approve ? 'review' : 'review_return', env, async (tx, rev) => {
    if (rev.reviewerId !== actor.userId) throw forbidden('Only the reviewer named when the revision was submitted may review it.')
    assertVersion(rev, expectedVersion)
    REVISION_WORKFLOW.assert('review', rev.status)
    if (rev.reviewedAt) throw illegalTransition('revision', 'review', 'already reviewed', inReview(true))
    if (!input.approve && !input.comment?.trim()) throw invalidField('comment', 'is required when returning a revision: say what must change', 'required')
    await sign(tx, actor, revisionId, 'reviewed', input.approve ? 'signed' : 'returned', input.comment)
    return input.approve ? { reviewedAt: env.now } : { status: 'draft', submittedAt: null, submittedById: null, reviewedAt: null }
  })
}

/** A manager approves (Phê duyệt) a reviewed revision; never one they drafted. */
export async function approveRevision(db: Db, actor: Actor, documentId: string, revisionId: string, expectedVersion: number | undefined, input: ApproveRevision, env: ServiceEnv) {
  requirePermission(actor, 'document.approve')
  return step(db, actor, documentId, revisionId, 'approve', env, async (tx, rev) => {
    assertVersion(rev, expectedVersion)
    REVISION_WORKFLOW.assert('approve', rev.status)
    if (isDrafter(actor, rev)) throw forbidden('You drafted this revision, so someone else must approve it.')
    if (!rev.reviewedAt) throw unprocessable('The named reviewer has not reviewed this revision yet.', [{ path: 'reviewedAt', message: 'the review sign-off is missing', code: 'missing' }])
    await sign(tx, actor, revisionId, 'approved', 'signed', input.comment)
    return { status: 'approved', approvedAt: env.now, approvedById: actor.userId }
  })
}

/** A manager sends a reviewed or approved revision back to its drafter, saying why. */
export async function returnRevision(db: Db, actor: Actor, documentId: string, revisionId: string, expectedVersion: number | undefined, input: ReturnRevision, env: ServiceEnv) {
  requirePermission(actor, 'document.approve')
  return step(db, actor, documentId, revisionId, 'return', env, async (tx, rev) => {
    assertVersion(rev, expectedVersion)
    REVISION_WORKFLOW.assert('return', rev.status)
    if (rev.status === 'in_review' && !rev.reviewedAt) {
      throw illegalTransition('revision', 'return', 'waiting for its review', inReview(false))
    }
    await sign(tx, actor, revisionId, 'approved', 'returned', input.comment)
    return { status: 'draft', submittedAt: null, submittedById: null, reviewedAt: null, approvedAt: null, approvedById: null }
  })
}

/**
 * approved → published, effective from today (or the date given, never in the future);
 * the revision in force until now becomes superseded, in the same transaction.
 */
export async function publishRevision(db: Db, actor: Actor, documentId: string, revisionId: string, expectedVersion: number | undefined, input: PublishRevision, env: ServiceEnv) {
  requirePermission(actor, 'document.publish')
  const today = agencyToday(env)
  return step(db, actor, documentId, revisionId, 'publish', env, async (tx, rev, doc) => {
    requirePermission(actor, 'document.publish', { orgUnitPath: doc.unitPath })
    assertVersion(rev, expectedVersion)
    REVISION_WORKFLOW.assert('publish', rev.status)
    const effectiveFrom = input.effectiveFrom ?? today
    if (effectiveFrom > today) throw invalidField('effectiveFrom', 'cannot be in the future', 'future', { today })
    const [previous] = await tx
      .select()
      .from(documentRevisions)
      .where(and(eq(documentRevisions.documentId, documentId), eq(documentRevisions.status, 'published')))
      .for('update')
    if (previous) {
      if (previous.effectiveFrom && effectiveFrom < previous.effectiveFrom) {
        throw invalidField('effectiveFrom', `cannot be before the current revision took effect (${previous.effectiveFrom})`, 'sequence', { previous: previous.effectiveFrom })
      }
      // Supersede first: the unique index allows one published revision at any moment.
      const [superseded] = await tx
        .update(documentRevisions)
        .set({ status: 'superseded', supersededAt: env.now, supersededById: revisionId, version: previous.version + 1, updatedAt: env.now })
        .where(eq(documentRevisions.id, previous.id))
        .returning()
      await recordAudit(tx, actor, { action: 'document_revision.supersede', entityType: 'document_revision', entityId: previous.id, before: auditView(previous), after: auditView(superseded) })
    }
    if (rev.standardEdition !== doc.standardEdition) {
      // The document is on the edition of the revision in force: this is how the 2008 → 2015 move is recorded.
      await tx.update(documents).set({ standardEdition: rev.standardEdition, version: doc.version + 1, updatedAt: env.now }).where(eq(documents.id, documentId))
      await recordAudit(tx, actor, { action: 'document.edition_change', entityType: 'document', entityId: documentId, before: { standardEdition: doc.standardEdition }, after: { standardEdition: rev.standardEdition } })
    }
    return { status: 'published', effectiveFrom, publishedAt: env.now, publishedById: actor.userId }
  })
}

/**
 * Withdraws a revision with a reason: a draft, one in review or an approved one is
 * abandoned (by whoever may draft for the unit, or a manager); the published one is
 * withdrawn (managers only), leaving the document with no revision in force.
 */
export async function obsoleteRevision(db: Db, actor: Actor, documentId: string, revisionId: string, expectedVersion: number | undefined, input: ObsoleteRevision, env: ServiceEnv) {
  requirePermission(actor, 'document.read')
  return step(db, actor, documentId, revisionId, 'obsolete', env, async (_tx, rev, doc) => {
    const permission: Permission = rev.status === 'published' ? 'document.withdraw' : can(actor, 'document.approve') ? 'document.approve' : 'document.draft'
    requirePermission(actor, permission, { orgUnitPath: doc.unitPath })
    assertVersion(rev, expectedVersion)
    REVISION_WORKFLOW.assert('obsolete', rev.status)
    return { status: 'obsolete', obsoletedAt: env.now, obsoleteReason: input.reason.trim() }
  })
}

// ---------------------------------------------------------------------------------------
// Reviews: who is told, the review-due list and the reminder job.

/**
 * For each unit path, who is told about reviews: the active heads of that unit, or of the
 * nearest unit above it that has one; for a unit with no head on its way up (e.g. the
 * board itself), the active managers. One query for all candidates; the walk up the tree
 * is done here.
 */
export async function reviewRecipients(db: Db, unitPaths: string[]): Promise<Map<string, UserRef[]>> {
  const people = await db
    .select({ id: users.id, fullName: users.fullName, position: users.position, roles: users.roles, path: orgUnits.path })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(and(eq(users.active, true), sql`${users.roles} && array['dept_head', 'manager']::text[]`))
    .orderBy(asc(users.fullName))
  const ref = ({ id, fullName, position }: (typeof people)[number]): UserRef => ({ id, fullName, position })
  const heads = people.filter((p) => p.roles.includes('dept_head') && p.path)
  const managers = people.filter((p) => p.roles.includes('manager')).map(ref)
  const result = new Map<string, UserRef[]>()
  for (const path of new Set(unitPaths)) {
    const above = heads.filter((h) => path.startsWith(h.path!))
    const nearest = Math.max(-1, ...above.map((h) => h.path!.length))
    result.set(path, above.length ? above.filter((h) => h.path!.length === nearest).map(ref) : managers)
  }
  return result
}

export async function listReviewsDue(db: Db, actor: Actor, query: ReviewDueQuery, env: ServiceEnv) {
  requirePermission(actor, 'document.read')
  const today = agencyToday(env)
  const until = addDays(today, query.withinDays ?? REVIEW_NOTICE_DAYS)
  const dueKey = { column: nextReviewSql as unknown as typeof documents.code, read: (r: DocumentSelection) => r.nextReviewDue, parse: (v: unknown) => sql`${v}::date` }
  const page = keyset([dueKey, textKey(documents.id, (r) => r.doc.id)], query)
  const rows = await selectDocuments(db)
    .where(and(isNotNull(pub.id), sql`${nextReviewSql} <= ${until}::date`, query.orgUnitId ? inSubtreeOf(documents.owningUnitId, query.orgUnitId) : undefined, page.where))
    .orderBy(asc(nextReviewSql), asc(documents.id))
    .limit(page.limit)
  const recipients = await reviewRecipients(db, rows.map((r) => r.unit.path))
  return page.page(rows, (r): ReviewDueItem => ({
    document: toDocument(r, today, actor),
    nextReviewDue: r.nextReviewDue!,
    daysLeft: daysBetween(today, r.nextReviewDue!),
    reviewState: reviewState(r.nextReviewDue, today)!,
    notify: recipients.get(r.unit.path) ?? [],
  }))
}

export interface ReviewReminder {
  kind: 'due_soon' | 'overdue'
  document: Document
  nextReviewDue: string
  daysLeft: number
  /** The heads of the owning unit (or of the nearest unit above it with one). */
  recipients: UserRef[]
}

/**
 * Delivers a reminder, e.g. through the notification system. It runs inside the
 * transaction that records the reminder, so a failed delivery is retried next run.
 */
export type DeliverReminder = (tx: Db, reminder: ReviewReminder) => Promise<void>

/**
 * The scheduled job: for every published document whose review falls due within 30
 * days, or is overdue, tells the owning unit's heads once per kind ("due soon", then
 * "overdue") and per due date. Safe to run as often as wanted (e.g. daily); returns
 * what it sent.
 */
export async function sendReviewReminders(db: Db, deliver: DeliverReminder, env: ServiceEnv): Promise<ReviewReminder[]> {
  const today = agencyToday(env)
  const rows = await selectDocuments(db)
    .where(and(isNotNull(pub.id), sql`${nextReviewSql} <= ${addDays(today, REVIEW_NOTICE_DAYS)}::date`))
    .orderBy(asc(nextReviewSql), asc(documents.id))
  const recipients = await reviewRecipients(db, rows.map((r) => r.unit.path))
  const sent: ReviewReminder[] = []
  for (const row of rows) {
    const due = row.nextReviewDue!
    const reminder: ReviewReminder = {
      kind: due < today ? 'overdue' : 'due_soon',
      document: toDocument(row, today),
      nextReviewDue: due,
      daysLeft: daysBetween(today, due),
      recipients: recipients.get(row.unit.path) ?? [],
    }
    const delivered = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(documentReviewReminders)
        .values({ revisionId: row.pub!.id!, kind: reminder.kind, dueOn: due, recipientIds: reminder.recipients.map((r) => r.id) })
        .onConflictDoNothing()
        .returning({ kind: documentReviewReminders.kind })
      if (!inserted.length) return false
      await deliver(tx, reminder)
      await recordAudit(tx, systemActor, {
        action: 'document.review_reminder',
        entityType: 'document',
        entityId: row.doc.id,
        after: { kind: reminder.kind, nextReviewDue: due, recipients: reminder.recipients.map((r) => r.id) },
      })
      return true
    })
    if (delivered) sent.push(reminder)
  }
  return sent
}

// ---------------------------------------------------------------------------------------
// The 2008 → 2015 transition and clause references.

const notObsolete = sql`${statusSql} <> 'obsolete'`

export async function transitionSummary(db: Db, actor: Actor): Promise<TransitionSummary> {
  requirePermission(actor, 'document.read')
  const rows = await db
    .select({
      unit: { id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, path: orgUnits.path },
      edition: documents.standardEdition,
      n: count(),
      inProgress: sql<number>`count(*) filter (where ${work.standardEdition} = '2015')::int`,
    })
    .from(documents)
    .innerJoin(orgUnits, eq(orgUnits.id, documents.owningUnitId))
    .leftJoin(pub, and(eq(pub.documentId, documents.id), eq(pub.status, 'published')))
    .leftJoin(work, and(eq(work.documentId, documents.id), inArray(work.status, [...WORKING])))
    .where(notObsolete)
    .groupBy(orgUnits.id, orgUnits.code, orgUnits.name, orgUnits.path, documents.standardEdition)
    .orderBy(asc(orgUnits.path))
  const byUnit = new Map<string, TransitionSummary['byUnit'][number]>()
  let edition2008 = 0
  let edition2015 = 0
  let inProgress = 0
  for (const r of rows) {
    const entry = byUnit.get(r.unit.id) ?? { unit: { id: r.unit.id, code: r.unit.code, name: r.unit.name }, edition2008: 0, edition2015: 0 }
    if (r.edition === '2008') {
      entry.edition2008 += r.n
      edition2008 += r.n
      inProgress += r.inProgress
    } else {
      entry.edition2015 += r.n
      edition2015 += r.n
    }
    byUnit.set(r.unit.id, entry)
  }
  const total = edition2008 + edition2015
  return {
    total,
    edition2015,
    edition2008,
    inProgress,
    percentDone: total ? Math.round((edition2015 / total) * 1000) / 10 : 100,
    byUnit: [...byUnit.values()],
  }
}

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
