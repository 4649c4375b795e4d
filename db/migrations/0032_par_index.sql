CREATE TABLE "par_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"set_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp (3) with time zone,
	"submitted_by_id" uuid,
	"appraised_at" timestamp (3) with time zone,
	"appraised_by_id" uuid,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "par_assessments_status_valid" CHECK ("par_assessments"."status" in ('draft','submitted','appraised')),
	CONSTRAINT "par_assessments_submitted" CHECK ("par_assessments"."status" = 'draft' or "par_assessments"."submitted_at" is not null),
	CONSTRAINT "par_assessments_appraised" CHECK ("par_assessments"."status" <> 'appraised' or "par_assessments"."appraised_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "par_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"depth" integer NOT NULL,
	"title" text NOT NULL,
	"max_points" numeric(6, 2) NOT NULL,
	"scoring" text,
	"is_leaf" boolean NOT NULL,
	"data_source" text,
	CONSTRAINT "par_criteria_code_format" CHECK ("par_criteria"."code" ~ '^[0-9]+(\.[0-9]+)*$'),
	CONSTRAINT "par_criteria_max_points_positive" CHECK ("par_criteria"."max_points" >= 0),
	CONSTRAINT "par_criteria_title_not_blank" CHECK (length(trim("par_criteria"."title")) > 0),
	CONSTRAINT "par_criteria_data_source_valid" CHECK ("par_criteria"."data_source" is null or "par_criteria"."data_source" in ('dossiers_on_time_pct','dossiers_online_pct','complaints_handled_pct','inspections_held','iso_maintained'))
);
--> statement-breakpoint
CREATE TABLE "par_criteria_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"issued_by" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"max_points" numeric(7, 2) NOT NULL,
	"source_filename" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "par_criteria_sets_name_not_blank" CHECK (length(trim("par_criteria_sets"."name")) > 0),
	CONSTRAINT "par_criteria_sets_year_range" CHECK ("par_criteria_sets"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "par_scores" (
	"assessment_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"self_score" numeric(6, 2),
	"evidence_text" text,
	"evidence_url" text,
	"attachment_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"note" text,
	"appraised_score" numeric(6, 2),
	"appraisal_note" text,
	"updated_by_id" uuid,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "par_scores_assessment_id_criterion_id_pk" PRIMARY KEY("assessment_id","criterion_id"),
	CONSTRAINT "par_scores_self_not_negative" CHECK ("par_scores"."self_score" is null or "par_scores"."self_score" >= 0),
	CONSTRAINT "par_scores_appraised_not_negative" CHECK ("par_scores"."appraised_score" is null or "par_scores"."appraised_score" >= 0),
	CONSTRAINT "par_scores_evidence_for_points" CHECK (coalesce("par_scores"."self_score", 0) = 0 or cardinality("par_scores"."attachment_ids") > 0 or length(trim(coalesce("par_scores"."evidence_text", ''))) > 0 or length(trim(coalesce("par_scores"."evidence_url", ''))) > 0)
);
--> statement-breakpoint
ALTER TABLE "par_assessments" ADD CONSTRAINT "par_assessments_set_id_par_criteria_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."par_criteria_sets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_assessments" ADD CONSTRAINT "par_assessments_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_assessments" ADD CONSTRAINT "par_assessments_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_assessments" ADD CONSTRAINT "par_assessments_appraised_by_id_users_id_fk" FOREIGN KEY ("appraised_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_assessments" ADD CONSTRAINT "par_assessments_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_criteria" ADD CONSTRAINT "par_criteria_set_id_par_criteria_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."par_criteria_sets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_criteria" ADD CONSTRAINT "par_criteria_parent_id_par_criteria_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."par_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_criteria_sets" ADD CONSTRAINT "par_criteria_sets_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_scores" ADD CONSTRAINT "par_scores_assessment_id_par_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."par_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_scores" ADD CONSTRAINT "par_scores_criterion_id_par_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."par_criteria"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "par_scores" ADD CONSTRAINT "par_scores_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "par_assessments_year_key" ON "par_assessments" USING btree ("year");--> statement-breakpoint
CREATE INDEX "par_assessments_set_idx" ON "par_assessments" USING btree ("set_id");--> statement-breakpoint
CREATE UNIQUE INDEX "par_criteria_set_code_key" ON "par_criteria" USING btree ("set_id","code");--> statement-breakpoint
CREATE INDEX "par_criteria_set_position_idx" ON "par_criteria" USING btree ("set_id","position");--> statement-breakpoint
CREATE INDEX "par_criteria_parent_idx" ON "par_criteria" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "par_criteria_sets_name_year_key" ON "par_criteria_sets" USING btree (lower("name"),"year");--> statement-breakpoint
CREATE INDEX "par_criteria_sets_year_idx" ON "par_criteria_sets" USING btree ("year","created_at","id");--> statement-breakpoint
CREATE INDEX "par_scores_criterion_idx" ON "par_scores" USING btree ("criterion_id");