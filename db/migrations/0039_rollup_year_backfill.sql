-- Year rows for the three existing rollup tables, summed from their month rows (a
-- calendar year is exactly its twelve months).
INSERT INTO "inspection_result_rollups" ("grain", "start", "org_unit_id", "kind", "category", "inspections", "passed", "failed", "not_applicable", "score_sum")
SELECT 'year', date_trunc('year', "start")::date, "org_unit_id", "kind", "category", sum("inspections"), sum("passed"), sum("failed"), sum("not_applicable"), sum("score_sum")
  FROM "inspection_result_rollups" WHERE "grain" = 'month'
 GROUP BY 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO "nonconformity_rollups" ("grain", "start", "org_unit_id", "raised", "cancelled", "closed", "closed_on_time", "days_to_close_sum", "checked", "effective_first", "closures")
SELECT 'year', date_trunc('year', "start")::date, "org_unit_id", sum("raised"), sum("cancelled"), sum("closed"), sum("closed_on_time"), sum("days_to_close_sum"), sum("checked"), sum("effective_first"), sum("closures")
  FROM "nonconformity_rollups" WHERE "grain" = 'month'
 GROUP BY 2, 3;
--> statement-breakpoint
INSERT INTO "dossier_stat_rollups" ("grain", "start", "org_unit_id", "procedure_id", "channel", "received", "resolved_early", "resolved_on_time", "resolved_late", "returned", "open_delta", "overdue_delta")
SELECT 'year', date_trunc('year', "start")::date, "org_unit_id", "procedure_id", "channel", sum("received"), sum("resolved_early"), sum("resolved_on_time"), sum("resolved_late"), sum("returned"), sum("open_delta"), sum("overdue_delta")
  FROM "dossier_stat_rollups" WHERE "grain" = 'month'
 GROUP BY 2, 3, 4, 5;
--> statement-breakpoint
-- Closed NCs by detection period and days to close.
INSERT INTO "nonconformity_close_days" ("grain", "start", "org_unit_id", "days", "closed")
SELECT g.grain,
       CASE g.grain WHEN 'day' THEN nc."detected_on"
                    WHEN 'dekad' THEN date_trunc('month', nc."detected_on")::date + least((extract(day from nc."detected_on")::int - 1) / 10, 2) * 10
                    WHEN 'month' THEN date_trunc('month', nc."detected_on")::date
                    ELSE date_trunc('year', nc."detected_on")::date END,
       nc."org_unit_id", nc."closed_on" - nc."detected_on", count(*)::int
  FROM "nonconformities" nc CROSS JOIN (VALUES ('day'), ('dekad'), ('month'), ('year')) g(grain)
 WHERE nc."status" = 'closed' AND nc."closed_on" IS NOT NULL
 GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
-- The start of a rollup row of `grain` holding the day `d` (server/lib/rollup-range.ts).
CREATE FUNCTION rollup_start(grain text, d date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE grain WHEN 'day' THEN d
                    WHEN 'dekad' THEN date_trunc('month', d)::date + least((extract(day from d)::int - 1) / 10, 2) * 10
                    WHEN 'month' THEN date_trunc('month', d)::date
                    ELSE date_trunc('year', d)::date END
$$;
--> statement-breakpoint
-- Keeps finding_rollups current from every write to findings, whoever makes it: the
-- difference between the rows before and after the statement, in its transaction.
CREATE FUNCTION finding_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO finding_rollups AS r (grain, start, org_unit_id, classification, handling, status, findings)
    SELECT g.grain, rollup_start(g.grain, x.found_on), x.org_unit_id, x.classification, coalesce(x.handling, 'none'), x.status, count(*)::int
      FROM new_rows x CROSS JOIN (VALUES ('day'), ('dekad'), ('month'), ('year')) g(grain)
     GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (grain, start, org_unit_id, classification, handling, status) DO UPDATE SET findings = r.findings + excluded.findings;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO finding_rollups AS r (grain, start, org_unit_id, classification, handling, status, findings)
    SELECT g.grain, rollup_start(g.grain, x.found_on), x.org_unit_id, x.classification, coalesce(x.handling, 'none'), x.status, -count(*)::int
      FROM old_rows x CROSS JOIN (VALUES ('day'), ('dekad'), ('month'), ('year')) g(grain)
     GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (grain, start, org_unit_id, classification, handling, status) DO UPDATE SET findings = r.findings + excluded.findings;
  ELSE
    INSERT INTO finding_rollups AS r (grain, start, org_unit_id, classification, handling, status, findings)
    SELECT g.grain, rollup_start(g.grain, x.found_on), x.org_unit_id, x.classification, x.handling, x.status, sum(x.n)::int
      FROM (SELECT found_on, org_unit_id, classification, coalesce(handling, 'none') AS handling, status, -1 AS n FROM old_rows
            UNION ALL
            SELECT found_on, org_unit_id, classification, coalesce(handling, 'none'), status, 1 FROM new_rows) x
     CROSS JOIN (VALUES ('day'), ('dekad'), ('month'), ('year')) g(grain)
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(x.n) <> 0
    ON CONFLICT (grain, start, org_unit_id, classification, handling, status) DO UPDATE SET findings = r.findings + excluded.findings;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER findings_rollup_insert AFTER INSERT ON findings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER findings_rollup_update AFTER UPDATE ON findings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER findings_rollup_delete AFTER DELETE ON findings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_rollups_apply();
--> statement-breakpoint
INSERT INTO finding_rollups (grain, start, org_unit_id, classification, handling, status, findings)
SELECT g.grain, rollup_start(g.grain, f.found_on), f.org_unit_id, f.classification, coalesce(f.handling, 'none'), f.status, count(*)::int
  FROM findings f CROSS JOIN (VALUES ('day'), ('dekad'), ('month'), ('year')) g(grain)
 GROUP BY 1, 2, 3, 4, 5, 6;
