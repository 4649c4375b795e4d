/**
 * Keeps inspection_result_rollups current (server/lib/rollup-range.ts reads it). `inspections`
 * counts the inspections that answered at least one item of the category (so a unit ×
 * criterion cell says how many inspections its rate rests on); passed / failed /
 * notApplicable count responses (one per person for per-person items). Category rows
 * come per kind of inspection and summed over all kinds (kind '*'); the '*' category rows
 * (the inspections themselves, with their scores) per kind only.
 */
import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Db } from '../../../db/client.ts'
import { ROLLUP_GRAINS, type RollupGrain } from '../../../db/schema/reports.ts'
import { dekadStartSql } from '../../lib/rollup-range.ts'

const START: Record<RollupGrain, SQL> = {
  day: sql`i.inspection_date`,
  dekad: dekadStartSql(sql`i.inspection_date`),
  month: sql`date_trunc('month', i.inspection_date)::date`,
  year: sql`date_trunc('year', i.inspection_date)::date`,
}

const aggregate = (grain: RollupGrain, where: SQL) => {
  const g = sql.raw(`'${grain}'`)
  const start = START[grain]
  // Per kind, and over all kinds (the kind's column is null in that grouping: '*').
  return sql`
  select ${g}, ${start}, i.org_unit_id, coalesce(i.kind, '*'), it.category,
         count(distinct i.id)::int,
         count(*) filter (where r.result = 'pass')::int,
         count(*) filter (where r.result = 'fail')::int,
         count(*) filter (where r.result = 'na')::int,
         0::float8
    from inspections i
    join inspection_responses r on r.inspection_id = i.id
    join checklist_template_items it on it.id = r.item_id
   where ${where}
   group by grouping sets ((${start}, i.org_unit_id, i.kind, it.category), (${start}, i.org_unit_id, it.category))
  union all
  select ${g}, ${start}, i.org_unit_id, i.kind, '*', count(*)::int, 0, 0, 0, coalesce(sum(i.score), 0)::float8
    from inspections i
   where ${where}
   group by 2, 3, 4`
}

const COLUMNS = sql`(grain, start, org_unit_id, kind, category, inspections, passed, failed, not_applicable, score_sum)`

/** Adds a just-completed inspection's responses; call inside the completing transaction. */
export async function addInspectionToRollups(tx: Db, inspectionId: string): Promise<void> {
  for (const grain of ROLLUP_GRAINS) {
    await queryRows(
      tx,
      sql`insert into inspection_result_rollups ${COLUMNS}
          ${aggregate(grain, sql`i.id = ${inspectionId} and i.status = 'completed'`)}
          on conflict (grain, start, org_unit_id, kind, category) do update set
            inspections = inspection_result_rollups.inspections + excluded.inspections,
            passed = inspection_result_rollups.passed + excluded.passed,
            failed = inspection_result_rollups.failed + excluded.failed,
            not_applicable = inspection_result_rollups.not_applicable + excluded.not_applicable,
            score_sum = inspection_result_rollups.score_sum + excluded.score_sum`,
    )
  }
}

/** Recomputes the whole table from the completed inspections (after bulk loads or repairs). */
export async function rebuildInspectionRollups(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await queryRows(tx, sql`delete from inspection_result_rollups`)
    for (const grain of ROLLUP_GRAINS) {
      await queryRows(tx, sql`insert into inspection_result_rollups ${COLUMNS} ${aggregate(grain, sql`i.status = 'completed'`)}`)
    }
  })
}
