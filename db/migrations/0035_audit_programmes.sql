CREATE TABLE "audit_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"objectives" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"approved_by_id" uuid,
	"approved_at" timestamp (3) with time zone,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_programmes_status_valid" CHECK ("audit_programmes"."status" in ('draft','approved')),
	CONSTRAINT "audit_programmes_year_range" CHECK ("audit_programmes"."year" between 2000 and 2999),
	CONSTRAINT "audit_programmes_number_not_blank" CHECK (length(trim("audit_programmes"."number")) > 0),
	CONSTRAINT "audit_programmes_title_not_blank" CHECK (length(trim("audit_programmes"."title")) > 0),
	CONSTRAINT "audit_programmes_approved" CHECK (("audit_programmes"."status" = 'approved') = ("audit_programmes"."approved_at" is not null and "audit_programmes"."approved_by_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "programme_audit_team" (
	"audit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "programme_audit_team_audit_id_user_id_pk" PRIMARY KEY("audit_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "programme_audit_units" (
	"audit_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"inspection_id" uuid,
	CONSTRAINT "programme_audit_units_audit_id_org_unit_id_pk" PRIMARY KEY("audit_id","org_unit_id")
);
--> statement-breakpoint
CREATE TABLE "programme_audits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"processes" text[] DEFAULT '{}'::text[] NOT NULL,
	"clause_numbers" text[] NOT NULL,
	"planned_from" date NOT NULL,
	"planned_to" date NOT NULL,
	"lead_auditor_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"cancel_reason" text,
	"conclusion" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_audits_status_valid" CHECK ("programme_audits"."status" in ('planned','scheduled','cancelled')),
	CONSTRAINT "programme_audits_dates" CHECK ("programme_audits"."planned_to" >= "programme_audits"."planned_from"),
	CONSTRAINT "programme_audits_clauses" CHECK (cardinality("programme_audits"."clause_numbers") > 0),
	CONSTRAINT "programme_audits_title_not_blank" CHECK (length(trim("programme_audits"."title")) > 0),
	CONSTRAINT "programme_audits_cancel_reason" CHECK (("programme_audits"."status" = 'cancelled') = ("programme_audits"."cancel_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "audit_programmes" ADD CONSTRAINT "audit_programmes_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_programmes" ADD CONSTRAINT "audit_programmes_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_audit_team" ADD CONSTRAINT "programme_audit_team_audit_id_programme_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."programme_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_audit_team" ADD CONSTRAINT "programme_audit_team_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_audit_units" ADD CONSTRAINT "programme_audit_units_audit_id_programme_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."programme_audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_audit_units" ADD CONSTRAINT "programme_audit_units_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_audit_units" ADD CONSTRAINT "programme_audit_units_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_audits" ADD CONSTRAINT "programme_audits_programme_id_audit_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."audit_programmes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_audits" ADD CONSTRAINT "programme_audits_lead_auditor_id_users_id_fk" FOREIGN KEY ("lead_auditor_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_audits" ADD CONSTRAINT "programme_audits_template_id_checklist_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."checklist_templates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_audits" ADD CONSTRAINT "programme_audits_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_programmes_number_key" ON "audit_programmes" USING btree (lower("number"));--> statement-breakpoint
CREATE INDEX "audit_programmes_year_idx" ON "audit_programmes" USING btree ("year","id");--> statement-breakpoint
CREATE INDEX "programme_audit_team_user_idx" ON "programme_audit_team" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "programme_audit_units_unit_idx" ON "programme_audit_units" USING btree ("org_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_audit_units_inspection_key" ON "programme_audit_units" USING btree ("inspection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_audits_seq_key" ON "programme_audits" USING btree ("programme_id","seq");--> statement-breakpoint
CREATE INDEX "programme_audits_lead_idx" ON "programme_audits" USING btree ("lead_auditor_id");--> statement-breakpoint
CREATE INDEX "programme_audits_template_idx" ON "programme_audits" USING btree ("template_id");