import { sql } from 'drizzle-orm'
import { check, date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { id, instant, timestamps, version } from './columns.ts'
import { nonconformities } from './nonconformities.ts'
import { users } from './users.ts'

/** ISO 9001 vocabulary: a correction fixes the instance, a corrective action removes the cause. */
export const ACTION_TYPES = ['correction', 'corrective', 'preventive', 'improvement'] as const
export type ActionType = (typeof ACTION_TYPES)[number]

export const ACTION_STATUSES = ['open', 'done'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

/** Actions planned for a nonconformity, each with one owner and a due date. */
export const actions = pgTable(
  'actions',
  {
    id: id(),
    nonconformityId: uuid('nonconformity_id').notNull().references(() => nonconformities.id, { onDelete: 'restrict' }),
    type: text('type').$type<ActionType>().notNull(),
    description: text('description').notNull(),
    ownerId: uuid('owner_id').notNull().references(() => users.id, { onDelete: 'restrict' }),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').$type<ActionStatus>().notNull().default('open'),
    completedAt: instant('completed_at'),
    completedById: uuid('completed_by_id').references(() => users.id, { onDelete: 'set null' }),
    completionNote: text('completion_note'),
    /** Evidence files (POST /api/attachments); the ids are checked by the attachments module. */
    attachmentIds: uuid('attachment_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('actions_nonconformity_idx').on(t.nonconformityId, t.createdAt, t.id),
    index('actions_owner_idx').on(t.ownerId, t.status),
    // Overdue actions (reports, reminders) by an index-only range; the NC id joins them to their NC.
    index('actions_open_due_idx').on(t.dueDate, t.nonconformityId).where(sql`${t.status} = 'open'`),
    check('actions_type_valid', sql`${t.type} in ('correction', 'corrective', 'preventive', 'improvement')`),
    check('actions_status_valid', sql`${t.status} in ('open', 'done')`),
    check('actions_description_not_blank', sql`length(trim(${t.description})) > 0`),
    check('actions_done_has_completion', sql`(${t.status} = 'done') = (${t.completedAt} is not null)`),
  ],
)

export type ActionRow = typeof actions.$inferSelect
