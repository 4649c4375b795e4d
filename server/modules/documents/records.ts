/**
 * What the documents module shares: the register's row as SQL builds it (derived status,
 * the revision in force and the one in work, the next review date), its mapping to the
 * API's Document, and the document lock every change takes first.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../db/client.ts'
import { documentRevisions, documents, orgUnits, type DocumentRow } from '../../../db/schema/index.ts'
import { daysBetween } from '../../lib/clock.ts'
import { can, type Actor } from '../../lib/permissions.ts'
import { notFound } from '../../lib/problems.ts'
import type { Document, DocumentStatus, RevisionSummary } from './schemas.ts'

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

export const WORKING = ['draft', 'in_review', 'approved'] as const
export const pub = alias(documentRevisions, 'pub')
export const work = alias(documentRevisions, 'work')

const summaryColumns = (r: typeof pub | typeof work) => ({
  id: r.id,
  issueNumber: r.issueNumber,
  status: r.status,
  standardEdition: r.standardEdition,
  effectiveFrom: r.effectiveFrom,
  fileName: r.fileName,
})

/** Derived status: published while a revision is in force, else the working revision's, else obsolete or draft. */
export const statusSql = sql<DocumentStatus>`case
  when ${pub.id} is not null then 'published'
  when ${work.id} is not null then ${work.status}
  when exists (select 1 from ${documentRevisions} o where o.document_id = ${documents.id} and o.status = 'obsolete') then 'obsolete'
  else 'draft' end`

/** Publication date + review interval; null while nothing is published, and for a record (an issued paper is kept, not reviewed). */
export const nextReviewSql = sql`(case when ${documents.type} <> 'record' then ${pub.effectiveFrom} + make_interval(months => ${documents.reviewIntervalMonths}) end)::date`
const nextReviewText = sql<string | null>`to_char(${nextReviewSql}, 'YYYY-MM-DD')`

export function selectDocuments(db: Db) {
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

export type DocumentSelection = Awaited<ReturnType<ReturnType<typeof selectDocuments>['execute']>>[number]

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

export async function findDocument(db: Db, id: string): Promise<DocumentSelection> {
  const [row] = await selectDocuments(db).where(eq(documents.id, id))
  if (!row) throw notFound('document', id)
  return row
}

/** Locks the document row: every change to a document or its revisions goes through here first. */
export async function lockDocument(db: Db, id: string): Promise<DocumentRow & { unitPath: string }> {
  const [row] = await db
    .select({ doc: documents, unitPath: orgUnits.path })
    .from(documents)
    .innerJoin(orgUnits, eq(orgUnits.id, documents.owningUnitId))
    .where(eq(documents.id, id))
    .for('update', { of: documents })
  if (!row) throw notFound('document', id)
  return { ...row.doc, unitPath: row.unitPath }
}

/** Documents still in use: not withdrawn. */
export const notObsolete = sql`${statusSql} <> 'obsolete'`
