CREATE TABLE "risk_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"risk_id" uuid NOT NULL,
	"description" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"completed_by_id" uuid,
	"completion_note" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_actions_status_valid" CHECK ("risk_actions"."status" in ('open','done')),
	CONSTRAINT "risk_actions_description_not_blank" CHECK (length(trim("risk_actions"."description")) > 0),
	CONSTRAINT "risk_actions_done_has_completion" CHECK (("risk_actions"."status" = 'done') = ("risk_actions"."completed_at" is not null and "risk_actions"."completion_note" is not null))
);
--> statement-breakpoint
CREATE TABLE "risk_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"risk_id" uuid NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"score" integer GENERATED ALWAYS AS (likelihood * impact) STORED NOT NULL,
	"note" text,
	"assessed_by_id" uuid,
	"assessed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "risk_assessments_likelihood_scale" CHECK ("risk_assessments"."likelihood" between 1 and 5),
	CONSTRAINT "risk_assessments_impact_scale" CHECK ("risk_assessments"."impact" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "risks_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"process" text,
	"org_unit_id" uuid,
	"title" text NOT NULL,
	"cause" text NOT NULL,
	"effect" text NOT NULL,
	"search" text GENERATED ALWAYS AS (qms_fold('RR-' || lpad(number::text, 4, '0') || ' ' || title || ' ' || coalesce(process, ''))) STORED,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"score" integer GENERATED ALWAYS AS (likelihood * impact) STORED NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"review_date" date,
	"owner_id" uuid NOT NULL,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risks_kind_valid" CHECK ("risks"."kind" in ('risk','opportunity')),
	CONSTRAINT "risks_status_valid" CHECK ("risks"."status" in ('open','treated','accepted','closed')),
	CONSTRAINT "risks_likelihood_scale" CHECK ("risks"."likelihood" between 1 and 5),
	CONSTRAINT "risks_impact_scale" CHECK ("risks"."impact" between 1 and 5),
	CONSTRAINT "risks_title_not_blank" CHECK (length(trim("risks"."title")) > 0),
	CONSTRAINT "risks_process_or_unit" CHECK ("risks"."org_unit_id" is not null or length(trim(coalesce("risks"."process", ''))) > 0)
);
--> statement-breakpoint
ALTER TABLE "risk_actions" ADD CONSTRAINT "risk_actions_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_actions" ADD CONSTRAINT "risk_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_actions" ADD CONSTRAINT "risk_actions_completed_by_id_users_id_fk" FOREIGN KEY ("completed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_actions" ADD CONSTRAINT "risk_actions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_assessments" ADD CONSTRAINT "risk_assessments_assessed_by_id_users_id_fk" FOREIGN KEY ("assessed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_actions_risk_idx" ON "risk_actions" USING btree ("risk_id","due_date","id");--> statement-breakpoint
CREATE INDEX "risk_actions_owner_idx" ON "risk_actions" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "risk_assessments_risk_idx" ON "risk_assessments" USING btree ("risk_id","assessed_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "risks_number_key" ON "risks" USING btree ("number");--> statement-breakpoint
CREATE INDEX "risks_score_idx" ON "risks" USING btree ("score","created_at","id");--> statement-breakpoint
CREATE INDEX "risks_org_unit_idx" ON "risks" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "risks_review_due_idx" ON "risks" USING btree ("review_date") WHERE "risks"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "risks_search_idx" ON "risks" USING gin ("search" gin_trgm_ops);