CREATE TABLE "plan_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_areas_code_valid" CHECK ("plan_areas"."code" ~ '^[a-z][a-z0-9_]{1,39}$'),
	CONSTRAINT "plan_areas_names_not_blank" CHECK (length(trim("plan_areas"."name_vi")) > 0 and length(trim("plan_areas"."name_en")) > 0)
);
--> statement-breakpoint
CREATE TABLE "plan_task_units" (
	"task_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	CONSTRAINT "plan_task_units_task_id_org_unit_id_pk" PRIMARY KEY("task_id","org_unit_id")
);
--> statement-breakpoint
CREATE TABLE "plan_task_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"period" text NOT NULL,
	"reported_on" date NOT NULL,
	"note" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"attachment_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_task_updates_period_valid" CHECK ("plan_task_updates"."period" ~ '^(M(0[1-9]|1[0-2])|Q[1-4]|H[12]|Y)$'),
	CONSTRAINT "plan_task_updates_from_valid" CHECK ("plan_task_updates"."from_status" in ('not_started','in_progress','done','done_late','cancelled')),
	CONSTRAINT "plan_task_updates_to_valid" CHECK ("plan_task_updates"."to_status" in ('not_started','in_progress','done','done_late','cancelled')),
	CONSTRAINT "plan_task_updates_note_not_blank" CHECK (length(trim("plan_task_updates"."note")) > 0)
);
--> statement-breakpoint
CREATE TABLE "plan_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"area_id" uuid NOT NULL,
	"content" text NOT NULL,
	"expected_output" text,
	"search" text GENERATED ALWAYS AS (qms_fold(content || ' ' || coalesce(expected_output, ''))) STORED,
	"lead_unit_id" uuid NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"completed_on" date,
	"source" text,
	"source_id" uuid,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_tasks_status_valid" CHECK ("plan_tasks"."status" in ('not_started','in_progress','done','done_late','cancelled')),
	CONSTRAINT "plan_tasks_source_valid" CHECK ("plan_tasks"."source" is null or "plan_tasks"."source" in ('nonconformity','objective','par_criterion')),
	CONSTRAINT "plan_tasks_source_id_with_source" CHECK ("plan_tasks"."source_id" is null or "plan_tasks"."source" is not null),
	CONSTRAINT "plan_tasks_content_not_blank" CHECK (length(trim("plan_tasks"."content")) > 0),
	CONSTRAINT "plan_tasks_completed_on" CHECK (("plan_tasks"."status" in ('done', 'done_late', 'cancelled')) = ("plan_tasks"."completed_on" is not null)),
	CONSTRAINT "plan_tasks_done_late_after_deadline" CHECK ("plan_tasks"."status" <> 'done_late' or "plan_tasks"."completed_on" > "plan_tasks"."deadline"),
	CONSTRAINT "plan_tasks_done_by_deadline" CHECK ("plan_tasks"."status" <> 'done' or "plan_tasks"."completed_on" <= "plan_tasks"."deadline")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"basis" text,
	"issuing_unit_id" uuid NOT NULL,
	"attachment_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"approved_at" timestamp (3) with time zone,
	"approved_by_id" uuid,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_kind_valid" CHECK ("plans"."kind" in ('annual_reform','other')),
	CONSTRAINT "plans_status_valid" CHECK ("plans"."status" in ('draft','approved','closed')),
	CONSTRAINT "plans_year_valid" CHECK ("plans"."year" between 2000 and 2100),
	CONSTRAINT "plans_number_not_blank" CHECK (length(trim("plans"."number")) > 0),
	CONSTRAINT "plans_title_not_blank" CHECK (length(trim("plans"."title")) > 0),
	CONSTRAINT "plans_approved_has_time" CHECK ("plans"."status" = 'draft' or "plans"."approved_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "nonconformities" DROP CONSTRAINT "nonconformities_source_valid";--> statement-breakpoint
DROP INDEX "nonconformities_one_per_source_key";--> statement-breakpoint
ALTER TABLE "plan_task_units" ADD CONSTRAINT "plan_task_units_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_units" ADD CONSTRAINT "plan_task_units_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_updates" ADD CONSTRAINT "plan_task_updates_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_updates" ADD CONSTRAINT "plan_task_updates_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_area_id_plan_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."plan_areas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_lead_unit_id_org_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_issuing_unit_id_org_units_id_fk" FOREIGN KEY ("issuing_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_areas_code_key" ON "plan_areas" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "plan_task_units_unit_idx" ON "plan_task_units" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "plan_task_updates_task_idx" ON "plan_task_updates" USING btree ("task_id","reported_on","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_tasks_position_key" ON "plan_tasks" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "plan_tasks_lead_unit_idx" ON "plan_tasks" USING btree ("lead_unit_id","status");--> statement-breakpoint
CREATE INDEX "plan_tasks_area_idx" ON "plan_tasks" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "plan_tasks_search_idx" ON "plan_tasks" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "plan_tasks_deadline_idx" ON "plan_tasks" USING btree ("deadline","id");--> statement-breakpoint
CREATE INDEX "plan_tasks_open_deadline_idx" ON "plan_tasks" USING btree ("deadline") WHERE "plan_tasks"."status" in ('not_started', 'in_progress');--> statement-breakpoint
CREATE INDEX "plan_tasks_source_idx" ON "plan_tasks" USING btree ("source","source_id") WHERE "plan_tasks"."source_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "plans_number_key" ON "plans" USING btree ("year",lower("number"));--> statement-breakpoint
CREATE INDEX "plans_year_idx" ON "plans" USING btree ("year","issued_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "nonconformities_one_per_source_key" ON "nonconformities" USING btree ("source","source_id") WHERE "nonconformities"."source" in ('finding', 'late_dossier', 'objective', 'plan_task') and "nonconformities"."source_id" is not null and "nonconformities"."status" <> 'cancelled';--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_source_valid" CHECK ("nonconformities"."source" in ('finding','complaint','internal_audit','late_dossier','management_review','objective','plan_task','other'));