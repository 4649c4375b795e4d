/**
 * Clause coverage: for each clause of ISO 9001:2015, what in the system references it.
 * Each kind of reference is one source below, returning references by clause number;
 * a new kind (checklist items, nonconformities) is one more source, nothing else changes.
 */
import { and, asc, eq, notInArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { checklistTemplateItems, checklistTemplateRevisions, checklistTemplates, nonconformities } from '../../../db/schema/index.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { documentsByClause } from '../documents/register.ts'
import { ncCode } from '../nonconformities/records.ts'
import { listIsoClauses } from '../iso-clauses/service.ts'
import type { ClauseReference, CoverageReport } from './coverage-schemas.ts'

type ByClause = Map<string, ClauseReference[]>

async function documentReferences(db: Db): Promise<ByClause> {
  return documentsByClause(db)
}

function byClause<T extends { clauses: string[] }>(rows: T[], toRef: (row: T) => ClauseReference): ByClause {
  const out: ByClause = new Map()
  for (const row of rows) for (const clause of row.clauses) out.set(clause, [...(out.get(clause) ?? []), toRef(row)])
  return out
}

/** Items of the current revision of every active checklist template; the reference points at the template. */
async function checklistItemReferences(db: Db): Promise<ByClause> {
  const rows = await db
    .select({ templateId: checklistTemplates.id, template: checklistTemplates.name, text: checklistTemplateItems.text, clauses: checklistTemplateItems.clauseNumbers })
    .from(checklistTemplateItems)
    .innerJoin(checklistTemplateRevisions, eq(checklistTemplateRevisions.id, checklistTemplateItems.revisionId))
    .innerJoin(
      checklistTemplates,
      and(eq(checklistTemplates.id, checklistTemplateRevisions.templateId), eq(checklistTemplates.currentRevision, checklistTemplateRevisions.revision)),
    )
    .where(and(eq(checklistTemplates.active, true), sql`cardinality(${checklistTemplateItems.clauseNumbers}) > 0`))
    .orderBy(asc(checklistTemplates.name), asc(checklistTemplateItems.position))
  return byClause(rows, (r) => ({ id: r.templateId, code: r.template, title: r.text, status: null }))
}

/** Nonconformities not yet closed or cancelled. */
async function openNonconformityReferences(db: Db): Promise<ByClause> {
  const rows = await db
    .select({ id: nonconformities.id, number: nonconformities.number, title: nonconformities.title, status: nonconformities.status, clauses: nonconformities.clauseNumbers })
    .from(nonconformities)
    .where(and(notInArray(nonconformities.status, ['closed', 'cancelled']), sql`cardinality(${nonconformities.clauseNumbers}) > 0`))
    .orderBy(asc(nonconformities.number))
  return byClause(rows, (r) => ({ id: r.id, code: ncCode(r.number), title: r.title, status: r.status }))
}

export async function clauseCoverage(db: Db, actor: Actor): Promise<CoverageReport> {
  requirePermission(actor, 'document.read')
  const documents = await documentReferences(db)
  const checklistItems = await checklistItemReferences(db)
  const openNonconformities = await openNonconformityReferences(db)

  const clauses = listIsoClauses().items
  // A clause is covered when a published document references it or one of its sub-clauses.
  const coveredNumbers = new Set<string>()
  for (const [number, refs] of documents) {
    if (!refs.some((r) => r.status === 'published')) continue
    for (let n: string | null = number; n; n = n.includes('.') ? n.slice(0, n.lastIndexOf('.')) : null) coveredNumbers.add(n)
  }
  const items = clauses.map((c) => ({
    ...c,
    documents: documents.get(c.number) ?? [],
    checklistItems: checklistItems.get(c.number) ?? [],
    openNonconformities: openNonconformities.get(c.number) ?? [],
    covered: coveredNumbers.has(c.number),
  }))
  return {
    items,
    summary: { clauses: items.length, covered: items.filter((i) => i.covered).length, uncovered: items.filter((i) => !i.covered).map((i) => i.number) },
  }
}
