CREATE TABLE "dossier_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"phase" text DEFAULT 'queued' NOT NULL,
	"dry_run" boolean NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"receiving_unit_id" uuid,
	"file" "bytea",
	"actor" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_total" integer,
	"progress" real DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"problem" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"heartbeat_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	CONSTRAINT "dossier_imports_status_check" CHECK ("dossier_imports"."status" in ('queued','running','done','failed')),
	CONSTRAINT "dossier_imports_phase_check" CHECK ("dossier_imports"."phase" in ('queued','reading','checking','planning','writing','finished'))
);
--> statement-breakpoint
ALTER TABLE "dossier_imports" ADD CONSTRAINT "dossier_imports_receiving_unit_id_org_units_id_fk" FOREIGN KEY ("receiving_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_imports" ADD CONSTRAINT "dossier_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_imports_waiting_idx" ON "dossier_imports" USING btree ("created_at") WHERE "dossier_imports"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "dossier_imports_created_by_idx" ON "dossier_imports" USING btree ("created_by","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);