CREATE TABLE "report_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"plan_id" uuid,
	"propaganda" text DEFAULT '' NOT NULL,
	"direction" text DEFAULT '' NOT NULL,
	"conclusions" text DEFAULT '' NOT NULL,
	"next_period" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"number" text,
	"issued_on" date,
	"issue_year" integer,
	"signer_title" text,
	"signer_name" text,
	"recipients" text[] DEFAULT '{}'::text[] NOT NULL,
	"snapshot" jsonb,
	"document_id" uuid,
	"approved_at" timestamp (3) with time zone,
	"approved_by_id" uuid,
	"issued_at" timestamp (3) with time zone,
	"issued_by_id" uuid,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_drafts_status_valid" CHECK ("report_drafts"."status" in ('draft','approved','issued')),
	CONSTRAINT "report_drafts_period_order" CHECK ("report_drafts"."period_from" <= "report_drafts"."period_to"),
	CONSTRAINT "report_drafts_issued_complete" CHECK ("report_drafts"."status" <> 'issued' or ("report_drafts"."number" is not null and "report_drafts"."issued_on" is not null and "report_drafts"."issue_year" is not null and "report_drafts"."snapshot" is not null and "report_drafts"."issued_at" is not null)),
	CONSTRAINT "report_drafts_issue_year" CHECK ("report_drafts"."issued_on" is null or "report_drafts"."issue_year" = extract(year from "report_drafts"."issued_on"))
);
--> statement-breakpoint
ALTER TABLE "documents" DROP CONSTRAINT "documents_type_valid";--> statement-breakpoint
ALTER TABLE "report_drafts" ADD CONSTRAINT "report_drafts_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_drafts" ADD CONSTRAINT "report_drafts_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_drafts" ADD CONSTRAINT "report_drafts_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_drafts" ADD CONSTRAINT "report_drafts_issued_by_id_users_id_fk" FOREIGN KEY ("issued_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_drafts" ADD CONSTRAINT "report_drafts_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_drafts_number_key" ON "report_drafts" USING btree ("issue_year",lower("number"));--> statement-breakpoint
CREATE INDEX "report_drafts_period_idx" ON "report_drafts" USING btree ("period_to","id");--> statement-breakpoint
CREATE INDEX "report_drafts_status_idx" ON "report_drafts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "report_drafts_plan_idx" ON "report_drafts" USING btree ("plan_id");--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_type_valid" CHECK ("documents"."type" in ('policy','manual','procedure','form','instruction','record_template','external','record'));