/**
 * Revisions of controlled documents: their files and sign-offs, and the workflow
 * draft → in_review → approved → published → superseded (or obsolete).
 *
 * Every state change locks the document row first (`select … for update`), so changes
 * to one document's revisions happen one at a time; the partial unique indexes on
 * document_revisions make "one published, one in work" hold whoever writes.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import {
  documentFiles,
  documentRevisions,
  documents,
  documentSignoffs,
  users,
  type DocumentRevisionRow,
  type DocumentRow,
  type DocumentSignoffRow,
  type SignoffDecision,
  type SignoffMeaning,
  type StandardEdition,
} from '../../../db/schema/index.ts'
import { agencyToday, type ServiceEnv } from '../../lib/clock.ts'
import { assertVersion } from '../../lib/concurrency.ts'
import { keyset } from '../../lib/pagination.ts'
import { can, requirePermission, type Actor, type Permission } from '../../lib/permissions.ts'
import { badRequest, conflict, fieldError, forbidden, illegalTransition, invalidField, notFound, unprocessable, type FieldError } from '../../lib/problems.ts'
import { sha256Hex, type UploadedFile } from '../../lib/uploads.ts'
import { recordAudit } from '../audit-log/service.ts'
import type {
  ApproveRevision,
  NewRevisionFields,
  ObsoleteRevision,
  PublishRevision,
  ReturnRevision,
  ReviewRevision,
  Revision,
  RevisionAction,
  RevisionQuery,
  Signoff,
  SubmitRevision,
  UserRef,
} from './schemas.ts'
import { findDocument, lockDocument, WORKING } from './records.ts'
import { REVISION_WORKFLOW } from './workflow.ts'
import { notifyRevisionHandOff } from './hand-offs.ts'
import { missingReference } from '../../lib/references.ts'
import { createDocument } from './register.ts'

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
  if (!row) throw notFound('revision', revisionId)
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
  if (!row) throw notFound('revision', revisionId)
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
  if (!row) throw notFound('revision', revisionId)
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
  /** The step's comment, passed on to whoever is told of it. */
  comment?: string,
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
    await notifyRevisionHandOff(tx, actor, action, rev, after, doc, comment?.trim() || undefined)
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
  if (before.doc.type === 'record') throw recordReadOnly(before.doc.code)
  const { file, fields } = await readForm()
  const input = parseRevisionFields(fields)
  return db.transaction(async (tx) => {
    const doc = await lockDocument(tx, documentId)
    const [working] = await tx
      .select({ issueNumber: documentRevisions.issueNumber, status: documentRevisions.status })
      .from(documentRevisions)
      .where(and(eq(documentRevisions.documentId, documentId), inArray(documentRevisions.status, [...WORKING])))
    if (working) {
      throw conflict('document.revision-in-work', { issueNumber: working.issueNumber, status: working.status }, [
        fieldError('file', 'document.field-revision-in-work', { issueNumber: working.issueNumber }),
      ])
    }
    const [{ last }] = await tx
      .select({ last: sql<number>`coalesce(max(${documentRevisions.issueNumber}), 0)::int` })
      .from(documentRevisions)
      .where(eq(documentRevisions.documentId, documentId))
    const issueNumber = input.issueNumber ?? last + 1
    if (issueNumber <= last) {
      throw invalidField('issueNumber', 'document.issue-not-after-last', { last })
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
  for (const name of Object.keys(fields)) if (!FORM_FIELDS.has(name)) errors.push(fieldError(name, 'field.unknown'))
  const changeSummary = (fields.changeSummary ?? '').trim()
  if (!changeSummary) errors.push(fieldError('changeSummary', 'field.required'))
  else if (changeSummary.length > 4000) errors.push(fieldError('changeSummary', 'schema.maxLength', { limit: 4000 }))
  let issueNumber: number | undefined
  const rawIssue = fields.issueNumber?.trim()
  if (rawIssue) {
    issueNumber = Number(rawIssue)
    if (!/^\d{1,3}$/.test(rawIssue) || issueNumber < 1) errors.push(fieldError('issueNumber', 'document.issue-number-type'))
  }
  const standardEdition = fields.standardEdition?.trim() || undefined
  if (standardEdition && !EDITIONS.includes(standardEdition)) errors.push(fieldError('standardEdition', 'schema.enum', { allowedValues: [...EDITIONS] }))
  if (errors.length) throw badRequest('document.invalid-form', { count: errors.length }, errors)
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
      throw invalidField('reviewerId', 'document.reviewer-is-drafter')
    }
    const [person] = await tx.select({ active: users.active, canSignIn: sql<boolean>`${users.passwordHash} is not null` }).from(users).where(eq(users.id, input.reviewerId))
    if (!person) throw missingReference('reviewerId', 'user')
    if (!person.active || !person.canSignIn) throw invalidField('reviewerId', 'document.reviewer-inactive')
    await sign(tx, actor, revisionId, 'drafted', 'signed')
    return { status: 'in_review', reviewerId: input.reviewerId, submittedAt: env.now, submittedById: actor.userId, reviewedAt: null }
  })
}

/** The named reviewer signs (Xem xét) or returns the revision to draft with a comment. */
export async function reviewRevision(db: Db, actor: Actor, documentId: string, revisionId: string, expectedVersion: number | undefined, input: ReviewRevision, env: ServiceEnv) {
  requirePermission(actor, 'document.read')
  return step(db, actor, documentId, revisionId, input.approve ? 'review' : 'review_return', env, async (tx, rev) => {
    if (rev.reviewerId !== actor.userId) throw forbidden('document.only-named-reviewer')
    assertVersion(rev, expectedVersion)
    REVISION_WORKFLOW.assert('review', rev.status)
    if (rev.reviewedAt) throw illegalTransition('revision', 'review', 'already-reviewed', inReview(true))
    if (!input.approve && !input.comment?.trim()) throw invalidField('comment', 'document.return-comment-required')
    await sign(tx, actor, revisionId, 'reviewed', input.approve ? 'signed' : 'returned', input.comment)
    return input.approve ? { reviewedAt: env.now } : { status: 'draft', submittedAt: null, submittedById: null, reviewedAt: null }
  }, input.comment)
}

/** A manager approves (Phê duyệt) a reviewed revision; never one they drafted. */
export async function approveRevision(db: Db, actor: Actor, documentId: string, revisionId: string, expectedVersion: number | undefined, input: ApproveRevision, env: ServiceEnv) {
  requirePermission(actor, 'document.approve')
  return step(db, actor, documentId, revisionId, 'approve', env, async (tx, rev) => {
    assertVersion(rev, expectedVersion)
    REVISION_WORKFLOW.assert('approve', rev.status)
    if (isDrafter(actor, rev)) throw forbidden('document.drafter-cannot-approve')
    if (!rev.reviewedAt) throw unprocessable('document.not-reviewed-yet', undefined, [fieldError('reviewedAt', 'document.field-review-missing')])
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
      throw illegalTransition('revision', 'return', 'waiting-for-review', inReview(false))
    }
    await sign(tx, actor, revisionId, 'approved', 'returned', input.comment)
    return { status: 'draft', submittedAt: null, submittedById: null, reviewedAt: null, approvedAt: null, approvedById: null }
  }, input.comment)
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
    if (effectiveFrom > today) throw invalidField('effectiveFrom', 'document.effective-in-future', { today })
    const [previous] = await tx
      .select()
      .from(documentRevisions)
      .where(and(eq(documentRevisions.documentId, documentId), eq(documentRevisions.status, 'published')))
      .for('update')
    if (previous) {
      if (previous.effectiveFrom && effectiveFrom < previous.effectiveFrom) {
        throw invalidField('effectiveFrom', 'document.effective-before-current', { previous: previous.effectiveFrom })
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
    if (doc.type === 'record') throw recordReadOnly(doc.code)
    const permission: Permission = rev.status === 'published' ? 'document.withdraw' : can(actor, 'document.approve') ? 'document.approve' : 'document.draft'
    requirePermission(actor, permission, { orgUnitPath: doc.unitPath })
    assertVersion(rev, expectedVersion)
    REVISION_WORKFLOW.assert('obsolete', rev.status)
    return { status: 'obsolete', obsoletedAt: env.now, obsoleteReason: input.reason.trim() }
  })
}

// ---------------------------------------------------------------------------------------
// Records: issued papers kept as evidence.

/** A record (type `record`) is kept as issued: no new revision, no withdrawal, no edit. */
export const recordReadOnly = (code: string) => conflict('document.record-read-only', { code })

export interface NewRecord {
  code: string
  title: string
  owningUnitId: string
  /** The day it was issued: the revision is in force from then. */
  effectiveFrom: string
  changeSummary: string
  file: { name: string; contentType: string; bytes: Buffer }
}

/**
 * Registers an issued paper (a half-year report, …) as a record: the document (through
 * `createDocument`, with its checks) and its first revision, published at once from the
 * file and signed as approved by the issuer. Call it inside the issuing transaction, so
 * the paper and its record are one change.
 */
export async function registerRecord(db: Db, actor: Actor, input: NewRecord, env: ServiceEnv) {
  requirePermission(actor, 'document.write')
  const document = await createDocument(db, actor, { code: input.code, title: input.title, type: 'record', owningUnitId: input.owningUnitId, reviewIntervalMonths: 120 }, env)
  const [row] = await db
    .insert(documentRevisions)
    .values({
      documentId: document.id,
      issueNumber: 1,
      status: 'published',
      changeSummary: input.changeSummary,
      standardEdition: '2015',
      fileName: input.file.name,
      contentType: input.file.contentType,
      fileSize: input.file.bytes.length,
      sha256: sha256Hex(input.file.bytes),
      createdById: actor.via === 'system' ? null : actor.userId,
      approvedAt: env.now,
      approvedById: actor.userId,
      effectiveFrom: input.effectiveFrom,
      publishedAt: env.now,
      publishedById: actor.userId,
    })
    .returning()
  await db.insert(documentFiles).values({ revisionId: row.id, content: input.file.bytes })
  await sign(db, actor, row.id, 'approved', 'signed')
  await recordAudit(db, actor, { action: 'document_revision.record', entityType: 'document_revision', entityId: row.id, after: auditView(row) })
  return { documentId: document.id, revisionId: row.id }
}
