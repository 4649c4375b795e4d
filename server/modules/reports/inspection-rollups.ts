/**
 * Keeps inspection_result_rollups current and reads it for a date range. `inspections`
 * counts the inspections that answered at least one item of the category (so a unit ×
 * criterion cell says how many inspections its rate rests on); passed / failed /
 * notApplicable count responses (one per person for per-person items).
 */
import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { addDays } from '../../lib/clock.ts'

const aggregate = (grain: 'day' | 'month', where: SQL) => sql`
  select ${sql.raw(`'${grain}'`)}, ${grain === 'day' ? sql`i.inspection_date` : sql`date_trunc('month', i.inspection_date)::date`},
         i.org_unit_id, i.kind, it.category,
         count(distinct i.id)::int,
         count(*) filter (where r.result = 'pass')::int,
         count(*) filter (where r.result = 'fail')::int,
         count(*) filter (where r.result = 'na')::int
    from inspections i
    join inspection_responses r on r.inspection_id = i.id
    join checklist_template_items it on it.id = r.item_id
   where ${where}
   group by 2, 3, 4, 5`

const COLUMNS = sql`(grain, start, org_unit_id, kind, category, inspections, passed, failed, not_applicable)`

/** Adds a just-completed inspection's responses; call inside the completing transaction. */
export async function addInspectionToRollups(tx: Db, inspectionId: string): Promise<void> {
  for (const grain of ['day', 'month'] as const) {
    await queryRows(
      tx,
      sql`insert into inspection_result_rollups ${COLUMNS}
          ${aggregate(grain, sql`i.id = ${inspectionId} and i.status = 'completed'`)}
          on conflict (grain, start, org_unit_id, kind, category) do update set
            inspections = inspection_result_rollups.inspections + excluded.inspections,
            passed = inspection_result_rollups.passed + excluded.passed,
            failed = inspection_result_rollups.failed + excluded.failed,
            not_applicable = inspection_result_rollups.not_applicable + excluded.not_applicable`,
    )
  }
}

/** Recomputes the whole table from the completed inspections (after bulk loads or repairs). */
export async function rebuildInspectionRollups(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await queryRows(tx, sql`delete from inspection_result_rollups`)
    for (const grain of ['day', 'month'] as const) {
      await queryRows(tx, sql`insert into inspection_result_rollups ${COLUMNS} ${aggregate(grain, sql`i.status = 'completed'`)}`)
    }
  })
}

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`
const nextMonth = (date: string) => {
  const [y, m] = date.slice(0, 7).split('-').map(Number)
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}

/**
 * The rollup rows that cover [from, to] exactly: month rows for the whole months inside
 * it, day rows for the days before the first and after the last whole month.
 */
export function rollupRange(from: string, to: string, alias = 'r'): SQL {
  const a = sql.raw(alias)
  const fullStart = from === firstOfMonth(from) ? from : nextMonth(from)
  const fullEnd = firstOfMonth(addDays(to, 1)) // exclusive: the month after the last whole one
  if (fullStart >= fullEnd) return sql`(${a}.grain = 'day' and ${a}.start between ${from}::date and ${to}::date)`
  return sql`((${a}.grain = 'month' and ${a}.start >= ${fullStart}::date and ${a}.start < ${fullEnd}::date)
    or (${a}.grain = 'day' and ((${a}.start >= ${from}::date and ${a}.start < ${fullStart}::date) or (${a}.start >= ${fullEnd}::date and ${a}.start <= ${to}::date))))`
}
