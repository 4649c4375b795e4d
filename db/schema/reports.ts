import { sql } from 'drizzle-orm'
import { check, date, doublePrecision, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { orgUnits } from './org-units.ts'

/** Rollup tables keep a row per day, per dekad (1st–10th, 11th–20th, 21st–end of month) and per month. */
export const ROLLUP_GRAINS = ['day', 'dekad', 'month'] as const
export type RollupGrain = (typeof ROLLUP_GRAINS)[number]

/**
 * Checklist results of completed inspections, summed by inspected unit, period, kind of
 * inspection and checklist category, at three grains: a row per day, per dekad and per month.
 * A report over any date range reads the whole months inside it from the month rows and
 * the days at its ragged ends from the day rows, instead of scanning every response.
 * A completed inspection is read-only, so its responses are added once, in the
 * transaction that completes it; the table can be rebuilt from the responses at any
 * time (server/modules/reports/inspection-rollups.ts).
 */
export const inspectionResultRollups = pgTable(
  'inspection_result_rollups',
  {
    grain: text('grain').$type<RollupGrain>().notNull(),
    /** The day, or the first day of the month, of the inspection date. */
    start: date('start', { mode: 'string' }).notNull(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    /** The kind of inspection; '*' on category rows summed over all kinds. */
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    /** Inspections that answered at least one item of the category. */
    inspections: integer('inspections').notNull().default(0),
    passed: integer('passed').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    notApplicable: integer('not_applicable').notNull().default(0),
    /** On the category '*' rows (one per unit, period and kind: the inspections themselves): the sum of their scores. */
    scoreSum: doublePrecision('score_sum').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.start, t.orgUnitId, t.kind, t.category] }),
    index('inspection_result_rollups_unit_idx').on(t.orgUnitId),
    // The all-kinds category rows of a period together (the criteria table reads only those).
    index('inspection_result_rollups_kind_idx').on(t.grain, t.kind, t.start),
    check('inspection_result_rollups_grain_valid', sql`${t.grain} in ('day', 'dekad', 'month')`),
    check('inspection_result_rollups_month_first', sql`${t.grain} <> 'month' or extract(day from ${t.start}) = 1`),
    check('inspection_result_rollups_dekad_start', sql`${t.grain} <> 'dekad' or extract(day from ${t.start}) in (1, 11, 21)`),
  ],
)

export type InspectionResultRollupRow = typeof inspectionResultRollups.$inferSelect
