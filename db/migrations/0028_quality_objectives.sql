CREATE TABLE "objective_indicator_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"kind" text NOT NULL,
	"value" double precision,
	"numerator" integer,
	"denominator" integer,
	"frozen_at" timestamp (3) with time zone,
	"entered_by_id" uuid,
	"entered_at" timestamp (3) with time zone,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "objective_indicator_values_kind_valid" CHECK ("objective_indicator_values"."kind" in ('computed','manual')),
	CONSTRAINT "objective_indicator_values_period_valid" CHECK ("objective_indicator_values"."period" ~ '^(M(0[1-9]|1[0-2])|Q[1-4]|H[12]|Y)$'),
	CONSTRAINT "objective_indicator_values_dates_ordered" CHECK ("objective_indicator_values"."period_start" <= "objective_indicator_values"."period_end"),
	CONSTRAINT "objective_indicator_values_computed_frozen" CHECK ("objective_indicator_values"."kind" <> 'computed' or "objective_indicator_values"."frozen_at" is not null),
	CONSTRAINT "objective_indicator_values_manual_entered" CHECK ("objective_indicator_values"."kind" <> 'manual' or ("objective_indicator_values"."value" is not null and "objective_indicator_values"."entered_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "objective_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"objective_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"measure" text NOT NULL,
	"target_min" double precision,
	"target_max" double precision,
	"frequency" text NOT NULL,
	"source" text NOT NULL,
	"metric" text,
	"category" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "objective_indicators_name_not_blank" CHECK (length(trim("objective_indicators"."name")) > 0),
	CONSTRAINT "objective_indicators_measure_valid" CHECK ("objective_indicators"."measure" in ('percent','count')),
	CONSTRAINT "objective_indicators_frequency_valid" CHECK ("objective_indicators"."frequency" in ('month','quarter','half_year','year')),
	CONSTRAINT "objective_indicators_source_valid" CHECK ("objective_indicators"."source" in ('computed','manual')),
	CONSTRAINT "objective_indicators_metric_valid" CHECK ("objective_indicators"."metric" is null or "objective_indicators"."metric" in ('dossiers_on_time','dossiers_online','complaints_received','inspection_pass_rate','ncs_closed_on_time','documents_reviewed_on_time')),
	CONSTRAINT "objective_indicators_category_valid" CHECK ("objective_indicators"."category" is null or "objective_indicators"."category" in ('attendance','id_badge','conduct','on_time_handling','public_posting','documented_information','other')),
	CONSTRAINT "objective_indicators_has_target" CHECK ("objective_indicators"."target_min" is not null or "objective_indicators"."target_max" is not null),
	CONSTRAINT "objective_indicators_target_order" CHECK ("objective_indicators"."target_min" is null or "objective_indicators"."target_max" is null or "objective_indicators"."target_min" <= "objective_indicators"."target_max"),
	CONSTRAINT "objective_indicators_computed_has_metric" CHECK (("objective_indicators"."source" = 'computed') = ("objective_indicators"."metric" is not null)),
	CONSTRAINT "objective_indicators_category_with_pass_rate" CHECK (("objective_indicators"."metric" is not distinct from 'inspection_pass_rate') = ("objective_indicators"."category" is not null))
);
--> statement-breakpoint
CREATE TABLE "quality_objectives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"policy_statement" text NOT NULL,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quality_objectives_year_valid" CHECK ("quality_objectives"."year" between 2000 and 2100),
	CONSTRAINT "quality_objectives_title_not_blank" CHECK (length(trim("quality_objectives"."title")) > 0),
	CONSTRAINT "quality_objectives_policy_not_blank" CHECK (length(trim("quality_objectives"."policy_statement")) > 0)
);
--> statement-breakpoint
ALTER TABLE "nonconformities" DROP CONSTRAINT "nonconformities_source_valid";--> statement-breakpoint
DROP INDEX "nonconformities_one_per_source_key";--> statement-breakpoint
ALTER TABLE "objective_indicator_values" ADD CONSTRAINT "objective_indicator_values_indicator_id_objective_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."objective_indicators"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objective_indicator_values" ADD CONSTRAINT "objective_indicator_values_entered_by_id_users_id_fk" FOREIGN KEY ("entered_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objective_indicators" ADD CONSTRAINT "objective_indicators_objective_id_quality_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."quality_objectives"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_objectives" ADD CONSTRAINT "quality_objectives_owner_unit_id_org_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_objectives" ADD CONSTRAINT "quality_objectives_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "objective_indicator_values_period_key" ON "objective_indicator_values" USING btree ("indicator_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "objective_indicators_position_key" ON "objective_indicators" USING btree ("objective_id","position");--> statement-breakpoint
CREATE INDEX "quality_objectives_year_idx" ON "quality_objectives" USING btree ("year","created_at","id");--> statement-breakpoint
CREATE INDEX "quality_objectives_owner_unit_idx" ON "quality_objectives" USING btree ("owner_unit_id","year");--> statement-breakpoint
CREATE INDEX "nonconformities_due_idx" ON "nonconformities" USING btree ("due_date","org_unit_id","closed_on") WHERE "nonconformities"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "nonconformities_one_per_source_key" ON "nonconformities" USING btree ("source","source_id") WHERE "nonconformities"."source" in ('finding', 'late_dossier', 'objective') and "nonconformities"."source_id" is not null and "nonconformities"."status" <> 'cancelled';--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_source_valid" CHECK ("nonconformities"."source" in ('finding','complaint','internal_audit','late_dossier','management_review','objective','other'));