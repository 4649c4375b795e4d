CREATE TABLE "inspection_result_rollups" (
	"grain" text NOT NULL,
	"start" date NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"inspections" integer DEFAULT 0 NOT NULL,
	"passed" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"not_applicable" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "inspection_result_rollups_grain_start_org_unit_id_kind_category_pk" PRIMARY KEY("grain","start","org_unit_id","kind","category"),
	CONSTRAINT "inspection_result_rollups_grain_valid" CHECK ("inspection_result_rollups"."grain" in ('day', 'month')),
	CONSTRAINT "inspection_result_rollups_month_first" CHECK ("inspection_result_rollups"."grain" = 'day' or extract(day from "inspection_result_rollups"."start") = 1)
);
--> statement-breakpoint
ALTER TABLE "inspection_result_rollups" ADD CONSTRAINT "inspection_result_rollups_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_result_rollups_unit_idx" ON "inspection_result_rollups" USING btree ("org_unit_id");