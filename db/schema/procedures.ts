import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, instant, timestamps, version, searchIndex, searchText } from './columns.ts'
import { orgUnits } from './org-units.ts'

/** Decree 42/2022 online modes: fully online (toàn trình), partly online (một phần), or not online. */
export const ONLINE_MODES = ['full', 'partial', 'none'] as const
export type OnlineMode = (typeof ONLINE_MODES)[number]

/**
 * The agency's catalogue of administrative procedures (thủ tục hành chính, TTHC).
 * The online level (Decree 43/2011, 1–4) and the online mode (Decree 42/2022) change
 * over time, so they live in `procedure_online_history` with the date each applies from.
 */
export const procedures = pgTable(
  'procedures',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    search: searchText(`code || ' ' || name`),
    /** Lĩnh vực, e.g. "Đầu tư", "Lao động", "Xây dựng". */
    field: text('field').notNull(),
    owningUnitId: uuid('owning_unit_id').notNull().references(() => orgUnits.id, { onDelete: 'restrict' }),
    /** Legal processing time in working days. */
    processingDays: integer('processing_days').notNull(),
    /** Fee in VND; null when the procedure is free. */
    fee: integer('fee'),
    active: boolean('active').notNull().default(true),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('procedures_code_key').on(sql`lower(${t.code})`),
    index('procedures_owning_unit_idx').on(t.owningUnitId),
    index('procedures_field_idx').on(t.field),
    searchIndex('procedures_search_idx', t.search),
    check('procedures_code_not_blank', sql`length(trim(${t.code})) > 0`),
    check('procedures_processing_days_positive', sql`${t.processingDays} between 1 and 365`),
    check('procedures_fee_not_negative', sql`${t.fee} is null or ${t.fee} >= 0`),
  ],
)

/** One row per change of online level or online mode, with the date it applies from. */
export const procedureOnlineHistory = pgTable(
  'procedure_online_history',
  {
    id: id(),
    procedureId: uuid('procedure_id').notNull().references(() => procedures.id, { onDelete: 'cascade' }),
    /** `level` (onlineLevel 1–4) or `mode` (onlineMode). */
    attribute: text('attribute').notNull().$type<'level' | 'mode'>(),
    level: integer('level'),
    mode: text('mode').$type<OnlineMode>(),
    effectiveFrom: date('effective_from').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('procedure_online_history_key').on(t.procedureId, t.attribute, t.effectiveFrom),
    check(
      'procedure_online_history_value',
      sql`(${t.attribute} = 'level' and ${t.level} between 1 and 4 and ${t.mode} is null)
        or (${t.attribute} = 'mode' and ${t.mode} in ('full', 'partial', 'none') and ${t.level} is null)`,
    ),
  ],
)

export type ProcedureRow = typeof procedures.$inferSelect
export type ProcedureOnlineHistoryRow = typeof procedureOnlineHistory.$inferSelect
