CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"org_unit_id" uuid,
	"uploaded_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_content_type_valid" CHECK ("attachments"."content_type" in ('image/jpeg','image/png','image/webp','application/pdf')),
	CONSTRAINT "attachments_size_matches" CHECK ("attachments"."size" = octet_length("attachments"."bytes"))
);
--> statement-breakpoint
CREATE TABLE "checklist_template_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"revision_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"category" text NOT NULL,
	"clause_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	"response_type" text DEFAULT 'pass_fail_na' NOT NULL,
	"choices" text[],
	"weight" double precision DEFAULT 1 NOT NULL,
	"per_person" boolean DEFAULT false NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"photo_required_on_fail" boolean DEFAULT false NOT NULL,
	"creates_finding_on_fail" boolean DEFAULT true NOT NULL,
	CONSTRAINT "checklist_template_items_category_valid" CHECK ("checklist_template_items"."category" in ('attendance','id_badge','conduct','on_time_handling','public_posting','documented_information','other')),
	CONSTRAINT "checklist_template_items_response_type_valid" CHECK ("checklist_template_items"."response_type" in ('pass_fail_na','number','text','choice')),
	CONSTRAINT "checklist_template_items_weight_valid" CHECK ("checklist_template_items"."weight" >= 0),
	CONSTRAINT "checklist_template_items_choices" CHECK (("checklist_template_items"."response_type" = 'choice') = ("checklist_template_items"."choices" is not null))
);
--> statement-breakpoint
CREATE TABLE "checklist_template_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklist_template_revisions_positive" CHECK ("checklist_template_revisions"."revision" >= 1)
);
--> statement-breakpoint
CREATE TABLE "checklist_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"active" boolean DEFAULT true NOT NULL,
	"current_revision" integer DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checklist_templates_name_not_blank" CHECK (length(trim("checklist_templates"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "inspection_people" (
	"inspection_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "inspection_people_inspection_id_user_id_pk" PRIMARY KEY("inspection_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_response_attachments" (
	"response_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "inspection_response_attachments_response_id_attachment_id_pk" PRIMARY KEY("response_id","attachment_id")
);
--> statement-breakpoint
CREATE TABLE "inspection_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"person_id" uuid,
	"result" text NOT NULL,
	"value" jsonb,
	"note" text,
	"classification" text,
	"handling" text,
	"answered_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_responses_result_valid" CHECK ("inspection_responses"."result" in ('pass','fail','na')),
	CONSTRAINT "inspection_responses_classification_valid" CHECK ("inspection_responses"."classification" is null or "inspection_responses"."classification" in ('major_nc','minor_nc','observation','improvement_opportunity')),
	CONSTRAINT "inspection_responses_handling_valid" CHECK ("inspection_responses"."handling" is null or "inspection_responses"."handling" in ('on_spot_reminder','criticism','self_review','nc_raised'))
);
--> statement-breakpoint
CREATE TABLE "inspection_team" (
	"inspection_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "inspection_team_inspection_id_user_id_pk" PRIMARY KEY("inspection_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"template_id" uuid NOT NULL,
	"template_revision_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"planned_for" date NOT NULL,
	"performed_on" date,
	"inspection_date" date GENERATED ALWAYS AS (coalesce(performed_on, planned_for)) STORED NOT NULL,
	"lead_inspector_id" uuid NOT NULL,
	"basis" text,
	"location" text,
	"conclusion" text,
	"score" double precision,
	"started_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"cancelled_at" timestamp (3) with time zone,
	"cancel_reason" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspections_kind_valid" CHECK ("inspections"."kind" in ('self','internal','briefing','unannounced','internal_audit')),
	CONSTRAINT "inspections_status_valid" CHECK ("inspections"."status" in ('planned','in_progress','completed','cancelled')),
	CONSTRAINT "inspections_score_range" CHECK ("inspections"."score" is null or ("inspections"."score" >= 0 and "inspections"."score" <= 100)),
	CONSTRAINT "inspections_cancel_reason" CHECK (("inspections"."status" = 'cancelled') = ("inspections"."cancel_reason" is not null)),
	CONSTRAINT "inspections_completed_score" CHECK ("inspections"."status" <> 'completed' or "inspections"."completed_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid,
	"response_id" uuid,
	"org_unit_id" uuid NOT NULL,
	"person_id" uuid,
	"category" text NOT NULL,
	"clause_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	"classification" text NOT NULL,
	"handling" text,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"found_on" date NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "findings_category_valid" CHECK ("findings"."category" in ('attendance','id_badge','conduct','on_time_handling','public_posting','documented_information','other')),
	CONSTRAINT "findings_classification_valid" CHECK ("findings"."classification" in ('major_nc','minor_nc','observation','improvement_opportunity')),
	CONSTRAINT "findings_handling_valid" CHECK ("findings"."handling" is null or "findings"."handling" in ('on_spot_reminder','criticism','self_review','nc_raised')),
	CONSTRAINT "findings_status_valid" CHECK ("findings"."status" in ('open','closed')),
	CONSTRAINT "findings_closed_at" CHECK (("findings"."status" = 'closed') = ("findings"."closed_at" is not null)),
	CONSTRAINT "findings_description_not_blank" CHECK (length(trim("findings"."description")) > 0)
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_template_items" ADD CONSTRAINT "checklist_template_items_revision_id_checklist_template_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."checklist_template_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_template_revisions" ADD CONSTRAINT "checklist_template_revisions_template_id_checklist_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."checklist_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_template_revisions" ADD CONSTRAINT "checklist_template_revisions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_people" ADD CONSTRAINT "inspection_people_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_people" ADD CONSTRAINT "inspection_people_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_response_attachments" ADD CONSTRAINT "inspection_response_attachments_response_id_inspection_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."inspection_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_response_attachments" ADD CONSTRAINT "inspection_response_attachments_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_responses" ADD CONSTRAINT "inspection_responses_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_responses" ADD CONSTRAINT "inspection_responses_item_id_checklist_template_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."checklist_template_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_responses" ADD CONSTRAINT "inspection_responses_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_responses" ADD CONSTRAINT "inspection_responses_answered_by_id_users_id_fk" FOREIGN KEY ("answered_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_team" ADD CONSTRAINT "inspection_team_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_team" ADD CONSTRAINT "inspection_team_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_template_id_checklist_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."checklist_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_template_revision_id_checklist_template_revisions_id_fk" FOREIGN KEY ("template_revision_id") REFERENCES "public"."checklist_template_revisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_lead_inspector_id_users_id_fk" FOREIGN KEY ("lead_inspector_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_response_id_inspection_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."inspection_responses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_person_id_users_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_org_unit_idx" ON "attachments" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "attachments_uploaded_by_idx" ON "attachments" USING btree ("uploaded_by_id");--> statement-breakpoint
CREATE INDEX "attachments_sha256_idx" ON "attachments" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_template_items_key" ON "checklist_template_items" USING btree ("revision_id","key");--> statement-breakpoint
CREATE INDEX "checklist_template_items_category_idx" ON "checklist_template_items" USING btree ("category");--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_template_revisions_key" ON "checklist_template_revisions" USING btree ("template_id","revision");--> statement-breakpoint
CREATE INDEX "inspection_people_user_idx" ON "inspection_people" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "inspection_response_attachments_attachment_idx" ON "inspection_response_attachments" USING btree ("attachment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_responses_item_key" ON "inspection_responses" USING btree ("inspection_id","item_id") WHERE person_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_responses_person_key" ON "inspection_responses" USING btree ("inspection_id","item_id","person_id") WHERE person_id is not null;--> statement-breakpoint
CREATE INDEX "inspection_responses_item_idx" ON "inspection_responses" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "inspection_responses_person_idx" ON "inspection_responses" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "inspection_team_user_idx" ON "inspection_team" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_number_key" ON "inspections" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_year_seq_key" ON "inspections" USING btree ("year","seq");--> statement-breakpoint
CREATE INDEX "inspections_org_unit_date_idx" ON "inspections" USING btree ("org_unit_id","inspection_date");--> statement-breakpoint
CREATE INDEX "inspections_date_idx" ON "inspections" USING btree ("inspection_date","id");--> statement-breakpoint
CREATE INDEX "inspections_kind_date_idx" ON "inspections" USING btree ("kind","inspection_date");--> statement-breakpoint
CREATE INDEX "inspections_status_idx" ON "inspections" USING btree ("status");--> statement-breakpoint
CREATE INDEX "inspections_template_idx" ON "inspections" USING btree ("template_id");--> statement-breakpoint
CREATE INDEX "inspections_revision_idx" ON "inspections" USING btree ("template_revision_id");--> statement-breakpoint
CREATE INDEX "inspections_lead_idx" ON "inspections" USING btree ("lead_inspector_id");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_response_key" ON "findings" USING btree ("response_id");--> statement-breakpoint
CREATE INDEX "findings_inspection_idx" ON "findings" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "findings_org_unit_date_idx" ON "findings" USING btree ("org_unit_id","found_on");--> statement-breakpoint
CREATE INDEX "findings_date_idx" ON "findings" USING btree ("found_on","id");--> statement-breakpoint
CREATE INDEX "findings_category_date_idx" ON "findings" USING btree ("category","found_on");--> statement-breakpoint
CREATE INDEX "findings_classification_idx" ON "findings" USING btree ("classification","found_on");--> statement-breakpoint
CREATE INDEX "findings_handling_idx" ON "findings" USING btree ("handling","found_on");--> statement-breakpoint
CREATE INDEX "findings_person_idx" ON "findings" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "findings_status_idx" ON "findings" USING btree ("status");