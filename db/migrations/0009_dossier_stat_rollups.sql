CREATE TABLE "dossier_stat_contributions" (
	"dossier_id" uuid NOT NULL,
	"day" date NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"resolved_early" integer DEFAULT 0 NOT NULL,
	"resolved_on_time" integer DEFAULT 0 NOT NULL,
	"resolved_late" integer DEFAULT 0 NOT NULL,
	"returned" integer DEFAULT 0 NOT NULL,
	"open_delta" integer DEFAULT 0 NOT NULL,
	"overdue_delta" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dossier_stat_contributions_dossier_id_day_pk" PRIMARY KEY("dossier_id","day")
);
--> statement-breakpoint
CREATE TABLE "dossier_stat_rollups" (
	"grain" text NOT NULL,
	"start" date NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"resolved_early" integer DEFAULT 0 NOT NULL,
	"resolved_on_time" integer DEFAULT 0 NOT NULL,
	"resolved_late" integer DEFAULT 0 NOT NULL,
	"returned" integer DEFAULT 0 NOT NULL,
	"open_delta" integer DEFAULT 0 NOT NULL,
	"overdue_delta" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dossier_stat_rollups_grain_start_org_unit_id_procedure_id_channel_pk" PRIMARY KEY("grain","start","org_unit_id","procedure_id","channel"),
	CONSTRAINT "dossier_stat_rollups_grain_valid" CHECK ("dossier_stat_rollups"."grain" in ('day', 'month'))
);
--> statement-breakpoint
ALTER TABLE "dossier_stat_contributions" ADD CONSTRAINT "dossier_stat_contributions_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_stat_rollups_unit_idx" ON "dossier_stat_rollups" USING btree ("org_unit_id","grain","start");