/**
 * The documents that changed in a period (ISO 9001:2015 clause 9.3.2 b, changes relevant
 * to the QMS): revisions published and revisions made obsolete between two instants, of
 * the documents a unit's subtree owns. For a management review's inputs; the caller has
 * checked its own permission.
 */
import { sql } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { localDate } from '../../lib/clock.ts'
import { inSubtreeOf } from '../org-units/service.ts'

export interface DocumentChange {
  documentId: string
  code: string
  title: string
  issueNumber: number
  change: 'published' | 'obsoleted'
  /** The day of the change in the agency's time zone. */
  on: string
}

export interface DocumentChanges {
  published: number
  obsoleted: number
  /** The earliest first, at most `limit`. */
  items: DocumentChange[]
}

/** Changes to the system's documents (records of issued papers are not changes to it). */
export async function documentChanges(db: Db, unitId: string, start: Date, end: Date, timeZone: string, limit = 30): Promise<DocumentChanges> {
  const within = (column: string) => sql`r.${sql.raw(column)} >= ${start.toISOString()}::timestamptz and r.${sql.raw(column)} < ${end.toISOString()}::timestamptz`
  const rows = await queryRows<{ document_id: string; code: string; title: string; issue_number: number; change: 'published' | 'obsoleted'; at: Date | string }>(
    db,
    sql`select * from (
          select d.id as document_id, d.code, d.title, r.issue_number, 'published' as change, r.published_at as at
            from document_revisions r join documents d on d.id = r.document_id
           where d.type <> 'record' and ${within('published_at')} and ${inSubtreeOf(sql`d.owning_unit_id`, unitId)}
          union all
          select d.id, d.code, d.title, r.issue_number, 'obsoleted', r.obsoleted_at
            from document_revisions r join documents d on d.id = r.document_id
           where d.type <> 'record' and ${within('obsoleted_at')} and ${inSubtreeOf(sql`d.owning_unit_id`, unitId)}
        ) x order by x.at, x.code`,
  )
  return {
    published: rows.filter((r) => r.change === 'published').length,
    obsoleted: rows.filter((r) => r.change === 'obsoleted').length,
    items: rows.slice(0, limit).map((r) => ({
      documentId: r.document_id,
      code: r.code,
      title: r.title,
      issueNumber: r.issue_number,
      change: r.change,
      on: localDate(new Date(r.at), timeZone),
    })),
  }
}
