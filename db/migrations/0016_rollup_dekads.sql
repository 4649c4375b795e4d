ALTER TABLE "dossier_stat_rollups" DROP CONSTRAINT "dossier_stat_rollups_grain_valid";--> statement-breakpoint
ALTER TABLE "nonconformity_rollups" DROP CONSTRAINT "nonconformity_rollups_grain_valid";--> statement-breakpoint
ALTER TABLE "nonconformity_rollups" DROP CONSTRAINT "nonconformity_rollups_month_first";--> statement-breakpoint
ALTER TABLE "inspection_result_rollups" DROP CONSTRAINT "inspection_result_rollups_grain_valid";--> statement-breakpoint
ALTER TABLE "inspection_result_rollups" DROP CONSTRAINT "inspection_result_rollups_month_first";--> statement-breakpoint
ALTER TABLE "dossier_stat_rollups" ADD CONSTRAINT "dossier_stat_rollups_grain_valid" CHECK ("dossier_stat_rollups"."grain" in ('day', 'dekad', 'month', 'all'));--> statement-breakpoint
ALTER TABLE "nonconformity_rollups" ADD CONSTRAINT "nonconformity_rollups_dekad_start" CHECK ("nonconformity_rollups"."grain" <> 'dekad' or extract(day from "nonconformity_rollups"."start") in (1, 11, 21));--> statement-breakpoint
ALTER TABLE "nonconformity_rollups" ADD CONSTRAINT "nonconformity_rollups_grain_valid" CHECK ("nonconformity_rollups"."grain" in ('day', 'dekad', 'month'));--> statement-breakpoint
ALTER TABLE "nonconformity_rollups" ADD CONSTRAINT "nonconformity_rollups_month_first" CHECK ("nonconformity_rollups"."grain" <> 'month' or extract(day from "nonconformity_rollups"."start") = 1);--> statement-breakpoint
ALTER TABLE "inspection_result_rollups" ADD CONSTRAINT "inspection_result_rollups_dekad_start" CHECK ("inspection_result_rollups"."grain" <> 'dekad' or extract(day from "inspection_result_rollups"."start") in (1, 11, 21));--> statement-breakpoint
ALTER TABLE "inspection_result_rollups" ADD CONSTRAINT "inspection_result_rollups_grain_valid" CHECK ("inspection_result_rollups"."grain" in ('day', 'dekad', 'month'));--> statement-breakpoint
ALTER TABLE "inspection_result_rollups" ADD CONSTRAINT "inspection_result_rollups_month_first" CHECK ("inspection_result_rollups"."grain" <> 'month' or extract(day from "inspection_result_rollups"."start") = 1);--> statement-breakpoint
-- Dekad rows (starting on the 1st, 11th and 21st) summed from the day rows.
INSERT INTO "dossier_stat_rollups" ("grain", "start", "org_unit_id", "procedure_id", "channel", "received", "resolved_early", "resolved_on_time", "resolved_late", "returned", "open_delta", "overdue_delta")
SELECT 'dekad', date_trunc('month', "start")::date + least((extract(day from "start")::int - 1) / 10, 2) * 10, "org_unit_id", "procedure_id", "channel",
       sum("received"), sum("resolved_early"), sum("resolved_on_time"), sum("resolved_late"), sum("returned"), sum("open_delta"), sum("overdue_delta")
  FROM "dossier_stat_rollups" WHERE "grain" = 'day' GROUP BY 2, 3, 4, 5;--> statement-breakpoint
INSERT INTO "inspection_result_rollups" ("grain", "start", "org_unit_id", "kind", "category", "inspections", "passed", "failed", "not_applicable", "score_sum")
SELECT 'dekad', date_trunc('month', "start")::date + least((extract(day from "start")::int - 1) / 10, 2) * 10, "org_unit_id", "kind", "category",
       sum("inspections"), sum("passed"), sum("failed"), sum("not_applicable"), sum("score_sum")
  FROM "inspection_result_rollups" WHERE "grain" = 'day' GROUP BY 2, 3, 4, 5;--> statement-breakpoint
INSERT INTO "nonconformity_rollups" ("grain", "start", "org_unit_id", "raised", "cancelled", "closed", "closed_on_time", "days_to_close_sum", "checked", "effective_first", "closures")
SELECT 'dekad', date_trunc('month', "start")::date + least((extract(day from "start")::int - 1) / 10, 2) * 10, "org_unit_id",
       sum("raised"), sum("cancelled"), sum("closed"), sum("closed_on_time"), sum("days_to_close_sum"), sum("checked"), sum("effective_first"), sum("closures")
  FROM "nonconformity_rollups" WHERE "grain" = 'day' GROUP BY 2, 3;
