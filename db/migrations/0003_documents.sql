CREATE TABLE "document_files" (
	"revision_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_review_reminders" (
	"revision_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_on" date NOT NULL,
	"recipient_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"sent_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_review_reminders_revision_id_kind_due_on_pk" PRIMARY KEY("revision_id","kind","due_on"),
	CONSTRAINT "document_review_reminders_kind_valid" CHECK ("document_review_reminders"."kind" in ('due_soon','overdue'))
);
--> statement-breakpoint
CREATE TABLE "document_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"issue_number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"change_summary" text NOT NULL,
	"standard_edition" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"file_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_by_id" uuid,
	"reviewer_id" uuid,
	"submitted_at" timestamp (3) with time zone,
	"submitted_by_id" uuid,
	"reviewed_at" timestamp (3) with time zone,
	"approved_at" timestamp (3) with time zone,
	"approved_by_id" uuid,
	"effective_from" date,
	"published_at" timestamp (3) with time zone,
	"published_by_id" uuid,
	"superseded_at" timestamp (3) with time zone,
	"superseded_by_id" uuid,
	"obsoleted_at" timestamp (3) with time zone,
	"obsolete_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_revisions_status_valid" CHECK ("document_revisions"."status" in ('draft','in_review','approved','published','superseded','obsolete')),
	CONSTRAINT "document_revisions_edition_valid" CHECK ("document_revisions"."standard_edition" in ('2008','2015')),
	CONSTRAINT "document_revisions_issue_positive" CHECK ("document_revisions"."issue_number" > 0),
	CONSTRAINT "document_revisions_sha256_format" CHECK ("document_revisions"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "document_revisions_published_dated" CHECK ("document_revisions"."status" not in ('published', 'superseded') or ("document_revisions"."effective_from" is not null and "document_revisions"."published_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "document_signoffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"revision_id" uuid NOT NULL,
	"meaning" text NOT NULL,
	"decision" text DEFAULT 'signed' NOT NULL,
	"user_id" uuid,
	"full_name" text NOT NULL,
	"position" text,
	"comment" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_signoffs_meaning_valid" CHECK ("document_signoffs"."meaning" in ('drafted','reviewed','approved')),
	CONSTRAINT "document_signoffs_decision_valid" CHECK ("document_signoffs"."decision" in ('signed','returned'))
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"owning_unit_id" uuid NOT NULL,
	"clause_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	"procedure_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"standard_edition" text DEFAULT '2015' NOT NULL,
	"review_interval_months" integer DEFAULT 12 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_code_not_blank" CHECK (length(trim("documents"."code")) > 0),
	CONSTRAINT "documents_type_valid" CHECK ("documents"."type" in ('policy','manual','procedure','form','instruction','record_template','external')),
	CONSTRAINT "documents_edition_valid" CHECK ("documents"."standard_edition" in ('2008','2015')),
	CONSTRAINT "documents_review_interval_valid" CHECK ("documents"."review_interval_months" between 1 and 120)
);
--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_revision_id_document_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."document_revisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_review_reminders" ADD CONSTRAINT "document_review_reminders_revision_id_document_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."document_revisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_superseded_by_id_document_revisions_id_fk" FOREIGN KEY ("superseded_by_id") REFERENCES "public"."document_revisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_signoffs" ADD CONSTRAINT "document_signoffs_revision_id_document_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."document_revisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_signoffs" ADD CONSTRAINT "document_signoffs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_owning_unit_id_org_units_id_fk" FOREIGN KEY ("owning_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_revisions_issue_key" ON "document_revisions" USING btree ("document_id","issue_number");--> statement-breakpoint
CREATE UNIQUE INDEX "document_revisions_one_published" ON "document_revisions" USING btree ("document_id") WHERE status = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "document_revisions_one_in_work" ON "document_revisions" USING btree ("document_id") WHERE status in ('draft', 'in_review', 'approved');--> statement-breakpoint
CREATE INDEX "document_signoffs_revision_idx" ON "document_signoffs" USING btree ("revision_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_code_key" ON "documents" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "documents_owning_unit_idx" ON "documents" USING btree ("owning_unit_id");--> statement-breakpoint
CREATE INDEX "documents_clause_numbers_idx" ON "documents" USING gin ("clause_numbers");