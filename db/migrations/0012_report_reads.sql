CREATE TABLE "nonconformity_rollups" (
	"grain" text NOT NULL,
	"start" date NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"raised" integer DEFAULT 0 NOT NULL,
	"cancelled" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"closed_on_time" integer DEFAULT 0 NOT NULL,
	"days_to_close_sum" integer DEFAULT 0 NOT NULL,
	"checked" integer DEFAULT 0 NOT NULL,
	"effective_first" integer DEFAULT 0 NOT NULL,
	"closures" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "nonconformity_rollups_grain_start_org_unit_id_pk" PRIMARY KEY("grain","start","org_unit_id"),
	CONSTRAINT "nonconformity_rollups_grain_valid" CHECK ("nonconformity_rollups"."grain" in ('day', 'month')),
	CONSTRAINT "nonconformity_rollups_month_first" CHECK ("nonconformity_rollups"."grain" = 'day' or extract(day from "nonconformity_rollups"."start") = 1)
);
--> statement-breakpoint
ALTER TABLE "nonconformities" DROP CONSTRAINT "nonconformities_closed_has_time";--> statement-breakpoint
DROP INDEX "actions_open_due_idx";--> statement-breakpoint
ALTER TABLE "nonconformities" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD COLUMN "first_check_effective" boolean;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD COLUMN "next_action_due" date;--> statement-breakpoint
ALTER TABLE "nonconformity_rollups" ADD CONSTRAINT "nonconformity_rollups_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nonconformity_rollups_unit_idx" ON "nonconformity_rollups" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "nonconformities_closed_days_idx" ON "nonconformities" USING btree ("detected_on","org_unit_id","closed_on") WHERE "nonconformities"."status" = 'closed';--> statement-breakpoint
CREATE INDEX "nonconformities_open_due_idx" ON "nonconformities" USING btree ("detected_on","org_unit_id","due_date","next_action_due") WHERE "nonconformities"."status" not in ('closed', 'cancelled');--> statement-breakpoint
CREATE INDEX "nonconformities_live_idx" ON "nonconformities" USING btree ("id","org_unit_id") WHERE "nonconformities"."status" not in ('closed', 'cancelled');--> statement-breakpoint
CREATE INDEX "findings_report_idx" ON "findings" USING btree ("found_on","org_unit_id","classification","handling","status","category");--> statement-breakpoint
CREATE INDEX "actions_open_due_idx" ON "actions" USING btree ("due_date","nonconformity_id") WHERE "actions"."status" = 'open';--> statement-breakpoint
-- Back-fill the facts reports read. Closing days are taken in the default time zone;
-- `npm run db:rebuild-rollups` recomputes them (and the rollups) for QMS_TIMEZONE.
UPDATE "nonconformities" SET "closed_on" = ("closed_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date WHERE "closed_at" IS NOT NULL;--> statement-breakpoint
UPDATE "nonconformities" nc SET "first_check_effective" = (SELECT v."effective" FROM "nonconformity_verifications" v WHERE v."nonconformity_id" = nc."id" ORDER BY v."round" LIMIT 1);--> statement-breakpoint
UPDATE "nonconformities" nc SET "next_action_due" = a."due" FROM (SELECT "nonconformity_id", min("due_date") AS "due" FROM "actions" WHERE "status" = 'open' GROUP BY 1) a WHERE a."nonconformity_id" = nc."id";--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_closed_has_time" CHECK ("nonconformities"."status" <> 'closed' or ("nonconformities"."closed_at" is not null and "nonconformities"."closed_on" is not null));--> statement-breakpoint
INSERT INTO "nonconformity_rollups" ("grain", "start", "org_unit_id", "raised", "cancelled", "closed", "closed_on_time", "days_to_close_sum", "checked", "effective_first", "closures")
SELECT g.grain, CASE WHEN g.grain = 'day' THEN x.day ELSE date_trunc('month', x.day)::date END, x.org_unit_id,
       sum(x.raised), sum(x.cancelled), sum(x.closed), sum(x.on_time), sum(x.days), sum(x.checked), sum(x.effective), sum(x.closures)
  FROM (
    SELECT "detected_on" AS day, "org_unit_id",
           ("status" <> 'cancelled')::int AS raised, ("status" = 'cancelled')::int AS cancelled, ("status" = 'closed')::int AS closed,
           ("status" = 'closed' AND "closed_on" <= "due_date")::int AS on_time,
           CASE WHEN "status" = 'closed' THEN "closed_on" - "detected_on" ELSE 0 END AS days,
           ("status" <> 'cancelled' AND "first_check_effective" IS NOT NULL)::int AS checked,
           ("status" <> 'cancelled' AND "first_check_effective" IS TRUE)::int AS effective,
           0 AS closures
      FROM "nonconformities"
    UNION ALL
    SELECT "closed_on", "org_unit_id", 0, 0, 0, 0, 0, 0, 0, 1 FROM "nonconformities" WHERE "status" = 'closed'
  ) x
  CROSS JOIN (VALUES ('day'), ('month')) g(grain)
 GROUP BY 1, 2, 3;

