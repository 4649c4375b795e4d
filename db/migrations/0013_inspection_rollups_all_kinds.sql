-- Checklist results summed over every kind of inspection (kind '*'), next to the rows per
-- kind: the unit × criterion table and the monthly pass rates read a third of the rows.
INSERT INTO "inspection_result_rollups" ("grain", "start", "org_unit_id", "kind", "category", "inspections", "passed", "failed", "not_applicable", "score_sum")
SELECT "grain", "start", "org_unit_id", '*', "category", sum("inspections"), sum("passed"), sum("failed"), sum("not_applicable"), 0
  FROM "inspection_result_rollups"
 WHERE "category" <> '*' AND "kind" <> '*'
 GROUP BY 1, 2, 3, 5;
