ALTER TABLE "dossier_stat_rollups" DROP CONSTRAINT "dossier_stat_rollups_grain_valid";--> statement-breakpoint
ALTER TABLE "dossier_stat_rollups" ADD CONSTRAINT "dossier_stat_rollups_grain_valid" CHECK ("dossier_stat_rollups"."grain" in ('day', 'month', 'all'));--> statement-breakpoint
-- One row of all time per unit, procedure and channel: the sum of its month rows.
INSERT INTO "dossier_stat_rollups" ("grain", "start", "org_unit_id", "procedure_id", "channel", "received", "resolved_early", "resolved_on_time", "resolved_late", "returned", "open_delta", "overdue_delta")
SELECT 'all', DATE '0001-01-01', "org_unit_id", "procedure_id", "channel",
       sum("received"), sum("resolved_early"), sum("resolved_on_time"), sum("resolved_late"), sum("returned"), sum("open_delta"), sum("overdue_delta")
  FROM "dossier_stat_rollups"
 WHERE "grain" = 'month'
 GROUP BY 3, 4, 5;
