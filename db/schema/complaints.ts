import { sql } from 'drizzle-orm'
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { id, instant, searchIndex, searchText, timestamps, version } from './columns.ts'
import { dossiers } from './dossiers.ts'
import { orgUnits } from './org-units.ts'
import { procedures } from './procedures.ts'

export const COMPLAINT_KINDS = ['complaint', 'denunciation', 'feedback'] as const
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number]
export const COMPLAINT_STATUSES = ['received', 'processing', 'closed'] as const
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]

/** Complaints (khiếu nại), denunciations (tố cáo) and feedback (phản ánh, kiến nghị) about procedure handling. */
export const complaints = pgTable(
  'complaints',
  {
    id: id(),
    receivedAt: instant('received_at').notNull(),
    kind: text('kind').notNull().$type<ComplaintKind>(),
    dossierId: uuid('dossier_id').references(() => dossiers.id, { onDelete: 'restrict' }),
    procedureId: uuid('procedure_id').references(() => procedures.id, { onDelete: 'restrict' }),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id, { onDelete: 'restrict' }),
    summary: text('summary').notNull(),
    /** What `q` matches (a complaint has no code of its own; its dossier's code and applicant are matched through the dossier). */
    search: searchText('summary'),
    status: text('status').notNull().default('received').$type<ComplaintStatus>(),
    outcome: text('outcome'),
    closedAt: instant('closed_at'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('complaints_received_at_idx').on(t.receivedAt, t.id),
    index('complaints_org_unit_idx').on(t.orgUnitId),
    index('complaints_dossier_idx').on(t.dossierId),
    searchIndex('complaints_search_idx', t.search),
    check('complaints_kind_valid', sql`${t.kind} in ('complaint', 'denunciation', 'feedback')`),
    check('complaints_status_valid', sql`${t.status} in ('received', 'processing', 'closed')`),
    check('complaints_closed_consistent', sql`(${t.status} = 'closed') = (${t.closedAt} is not null and ${t.outcome} is not null)`),
  ],
)

export type ComplaintRow = typeof complaints.$inferSelect
