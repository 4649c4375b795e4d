CREATE TABLE "nonconformities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "nonconformities_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"source_id" uuid,
	"org_unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"severity" text NOT NULL,
	"clause_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	"containment" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"detected_on" date NOT NULL,
	"due_date" date NOT NULL,
	"root_cause" jsonb,
	"analyzed_at" timestamp (3) with time zone,
	"analyzed_by_id" uuid,
	"planned_at" timestamp (3) with time zone,
	"planned_by_id" uuid,
	"verification_planned_date" date,
	"started_at" timestamp (3) with time zone,
	"submitted_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"closed_by_id" uuid,
	"closing_note" text,
	"cancelled_at" timestamp (3) with time zone,
	"cancelled_by_id" uuid,
	"cancel_reason" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nonconformities_source_valid" CHECK ("nonconformities"."source" in ('finding','complaint','internal_audit','late_dossier','management_review','other')),
	CONSTRAINT "nonconformities_severity_valid" CHECK ("nonconformities"."severity" in ('major','minor')),
	CONSTRAINT "nonconformities_status_valid" CHECK ("nonconformities"."status" in ('draft','analysis','action_planned','in_progress','pending_verification','verified','closed','cancelled')),
	CONSTRAINT "nonconformities_title_not_blank" CHECK (length(trim("nonconformities"."title")) > 0),
	CONSTRAINT "nonconformities_due_after_detection" CHECK ("nonconformities"."due_date" >= "nonconformities"."detected_on"),
	CONSTRAINT "nonconformities_closed_has_time" CHECK ("nonconformities"."status" <> 'closed' or "nonconformities"."closed_at" is not null),
	CONSTRAINT "nonconformities_cancelled_has_reason" CHECK ("nonconformities"."status" <> 'cancelled' or ("nonconformities"."cancelled_at" is not null and length(trim(coalesce("nonconformities"."cancel_reason", ''))) > 0))
);
--> statement-breakpoint
CREATE TABLE "nonconformity_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nonconformity_id" uuid NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "nonconformity_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "nonconformity_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nonconformity_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"verifier_id" uuid NOT NULL,
	"effective" boolean NOT NULL,
	"note" text NOT NULL,
	"verified_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nonconformity_verifications_round_positive" CHECK ("nonconformity_verifications"."round" >= 1)
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nonconformity_id" uuid NOT NULL,
	"type" text NOT NULL,
	"description" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"completed_by_id" uuid,
	"completion_note" text,
	"attachment_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actions_type_valid" CHECK ("actions"."type" in ('correction', 'corrective', 'preventive', 'improvement')),
	CONSTRAINT "actions_status_valid" CHECK ("actions"."status" in ('open', 'done')),
	CONSTRAINT "actions_description_not_blank" CHECK (length(trim("actions"."description")) > 0),
	CONSTRAINT "actions_done_has_completion" CHECK (("actions"."status" = 'done') = ("actions"."completed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"entity_type" text,
	"entity_id" uuid,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"last_started_at" timestamp (3) with time zone,
	"last_finished_at" timestamp (3) with time zone,
	"last_outcome" jsonb,
	"last_error" text,
	"runs" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_analyzed_by_id_users_id_fk" FOREIGN KEY ("analyzed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_planned_by_id_users_id_fk" FOREIGN KEY ("planned_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_closed_by_id_users_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_cancelled_by_id_users_id_fk" FOREIGN KEY ("cancelled_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD CONSTRAINT "nonconformities_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformity_events" ADD CONSTRAINT "nonconformity_events_nonconformity_id_nonconformities_id_fk" FOREIGN KEY ("nonconformity_id") REFERENCES "public"."nonconformities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformity_events" ADD CONSTRAINT "nonconformity_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformity_verifications" ADD CONSTRAINT "nonconformity_verifications_nonconformity_id_nonconformities_id_fk" FOREIGN KEY ("nonconformity_id") REFERENCES "public"."nonconformities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nonconformity_verifications" ADD CONSTRAINT "nonconformity_verifications_verifier_id_users_id_fk" FOREIGN KEY ("verifier_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_nonconformity_id_nonconformities_id_fk" FOREIGN KEY ("nonconformity_id") REFERENCES "public"."nonconformities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_completed_by_id_users_id_fk" FOREIGN KEY ("completed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "nonconformities_number_key" ON "nonconformities" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "nonconformities_one_per_source_key" ON "nonconformities" USING btree ("source","source_id") WHERE "nonconformities"."source" in ('finding', 'late_dossier') and "nonconformities"."source_id" is not null and "nonconformities"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "nonconformities_status_idx" ON "nonconformities" USING btree ("status");--> statement-breakpoint
CREATE INDEX "nonconformities_org_unit_idx" ON "nonconformities" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "nonconformities_created_idx" ON "nonconformities" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "nonconformities_detected_idx" ON "nonconformities" USING btree ("detected_on");--> statement-breakpoint
CREATE INDEX "nonconformity_events_nc_idx" ON "nonconformity_events" USING btree ("nonconformity_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "nonconformity_verifications_round_key" ON "nonconformity_verifications" USING btree ("nonconformity_id","round");--> statement-breakpoint
CREATE INDEX "actions_nonconformity_idx" ON "actions" USING btree ("nonconformity_id","created_at","id");--> statement-breakpoint
CREATE INDEX "actions_owner_idx" ON "actions" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "actions_open_due_idx" ON "actions" USING btree ("status","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_user_dedupe_key" ON "notifications" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at","id");