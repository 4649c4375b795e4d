/**
 * Clause coverage: for each clause of ISO 9001:2015, what in the system references it.
 * Each kind of reference is one source below, returning references by clause number;
 * a new kind (checklist items, nonconformities) is one more source, nothing else changes.
 */
import type { Db } from '../../../db/client.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import { documentsByClause } from '../documents/service.ts'
import type { ClauseReference, CoverageReport } from './schemas.ts'
import { listIsoClauses } from './service.ts'

type ByClause = Map<string, ClauseReference[]>

async function documentReferences(db: Db): Promise<ByClause> {
  return documentsByClause(db)
}

// Checklist items (issue 3) and nonconformities (issue 4) are built on other branches:
// once merged, each of these becomes one query returning references by clause number.
async function checklistItemReferences(_db: Db): Promise<ByClause> {
  return new Map()
}

async function openNonconformityReferences(_db: Db): Promise<ByClause> {
  return new Map()
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
