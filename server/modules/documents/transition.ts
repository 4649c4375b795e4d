/** The ISO 9001 2008 → 2015 transition: documents in use by edition, overall and per unit. */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client.ts'
import { documents, orgUnits } from '../../../db/schema/index.ts'
import { requirePermission, type Actor } from '../../lib/permissions.ts'
import type { TransitionSummary } from './schemas.ts'
import { notObsolete, pub, work, WORKING } from './records.ts'

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
    // Records (issued papers) are written against no edition of the standard.
    .where(and(notObsolete, sql`${documents.type} <> 'record'`))
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
