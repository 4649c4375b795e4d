CREATE TABLE "nonconformity_close_days" (
	"grain" text NOT NULL,
	"start" date NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"days" integer NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "nonconformity_close_days_grain_start_org_unit_id_days_pk" PRIMARY KEY("grain","start","org_unit_id","days"),
	CONSTRAINT "nonconformity_close_days_grain_valid" CHECK ("nonconformity_close_days"."grain" in ('day', 'dekad', 'month', 'year'))
);
--> statement-breakpoint
CREATE TABLE "finding_rollups" (
	"grain" text NOT NULL,
	"start" date NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"classification" text NOT NULL,
	"handling" text NOT NULL,
	"status" text NOT NULL,
	"findings" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "finding_rollups_grain_start_org_unit_id_classification_handling_status_pk" PRIMARY KEY("grain","start","org_unit_id","classification","handling","status"),
	CONSTRAINT "finding_rollups_grain_valid" CHECK ("finding_rollups"."grain" in ('day', 'dekad', 'month', 'year'))
);
--> statement-breakpoint
ALTER TABLE "nonconformity_close_days" ADD CONSTRAINT "nonconformity_close_days_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_rollups" ADD CONSTRAINT "finding_rollups_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nonconformity_close_days_unit_idx" ON "nonconformity_close_days" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "finding_rollups_unit_idx" ON "finding_rollups" USING btree ("org_unit_id");