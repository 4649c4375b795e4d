ALTER TABLE "inspection_result_rollups" ADD COLUMN "score_sum" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The inspections themselves (category '*'), for databases whose rollups predate them.
INSERT INTO "inspection_result_rollups" ("grain", "start", "org_unit_id", "kind", "category", "inspections", "score_sum")
SELECT 'day', "inspection_date", "org_unit_id", "kind", '*', count(*), coalesce(sum("score"), 0) FROM "inspections" WHERE "status" = 'completed' GROUP BY 2, 3, 4
UNION ALL
SELECT 'month', date_trunc('month', "inspection_date")::date, "org_unit_id", "kind", '*', count(*), coalesce(sum("score"), 0) FROM "inspections" WHERE "status" = 'completed' GROUP BY 2, 3, 4;
