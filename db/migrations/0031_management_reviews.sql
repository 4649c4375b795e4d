CREATE TABLE "management_review_attendees" (
	"review_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "management_review_attendees_review_id_user_id_pk" PRIMARY KEY("review_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "management_review_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"owner_id" uuid,
	"due_date" date,
	"status" text,
	"completed_at" timestamp (3) with time zone,
	"completed_by_id" uuid,
	"completion_note" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "management_review_decisions_category_valid" CHECK ("management_review_decisions"."category" in ('improvement','qms_change','resources')),
	CONSTRAINT "management_review_decisions_status_valid" CHECK ("management_review_decisions"."status" is null or "management_review_decisions"."status" in ('open','done')),
	CONSTRAINT "management_review_decisions_description_not_blank" CHECK (length(trim("management_review_decisions"."description")) > 0),
	CONSTRAINT "management_review_decisions_action_whole" CHECK (("management_review_decisions"."owner_id" is null) = ("management_review_decisions"."due_date" is null) and ("management_review_decisions"."owner_id" is null) = ("management_review_decisions"."status" is null)),
	CONSTRAINT "management_review_decisions_done_has_completion" CHECK (("management_review_decisions"."status" is not distinct from 'done') = ("management_review_decisions"."completed_at" is not null and "management_review_decisions"."completion_note" is not null))
);
--> statement-breakpoint
CREATE TABLE "management_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "management_reviews_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"meeting_date" date NOT NULL,
	"location" text,
	"chair_id" uuid NOT NULL,
	"resources" text,
	"conclusions" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"inputs" jsonb,
	"held_at" timestamp (3) with time zone,
	"held_by_id" uuid,
	"approved_at" timestamp (3) with time zone,
	"approved_by_id" uuid,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "management_reviews_status_valid" CHECK ("management_reviews"."status" in ('draft','held','approved')),
	CONSTRAINT "management_reviews_title_not_blank" CHECK (length(trim("management_reviews"."title")) > 0),
	CONSTRAINT "management_reviews_period_order" CHECK ("management_reviews"."period_from" <= "management_reviews"."period_to"),
	CONSTRAINT "management_reviews_held_frozen" CHECK (("management_reviews"."status" = 'draft') = ("management_reviews"."inputs" is null and "management_reviews"."held_at" is null)),
	CONSTRAINT "management_reviews_approved_dated" CHECK (("management_reviews"."status" = 'approved') = ("management_reviews"."approved_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "management_review_attendees" ADD CONSTRAINT "management_review_attendees_review_id_management_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."management_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_attendees" ADD CONSTRAINT "management_review_attendees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_decisions" ADD CONSTRAINT "management_review_decisions_review_id_management_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."management_reviews"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_decisions" ADD CONSTRAINT "management_review_decisions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_decisions" ADD CONSTRAINT "management_review_decisions_completed_by_id_users_id_fk" FOREIGN KEY ("completed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_review_decisions" ADD CONSTRAINT "management_review_decisions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_chair_id_users_id_fk" FOREIGN KEY ("chair_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_held_by_id_users_id_fk" FOREIGN KEY ("held_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "management_reviews" ADD CONSTRAINT "management_reviews_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "management_review_attendees_user_idx" ON "management_review_attendees" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "management_review_decisions_position_key" ON "management_review_decisions" USING btree ("review_id","position");--> statement-breakpoint
CREATE INDEX "management_review_decisions_owner_idx" ON "management_review_decisions" USING btree ("owner_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "management_reviews_number_key" ON "management_reviews" USING btree ("number");--> statement-breakpoint
CREATE INDEX "management_reviews_meeting_idx" ON "management_reviews" USING btree ("meeting_date","id");--> statement-breakpoint
CREATE INDEX "management_reviews_org_unit_idx" ON "management_reviews" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "management_reviews_chair_idx" ON "management_reviews" USING btree ("chair_id");