CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp (3) with time zone,
	"last_error" text,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_outbox_status_valid" CHECK ("mail_outbox"."status" in ('queued','sending','sent','failed'))
);
--> statement-breakpoint
CREATE TABLE "mail_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"language" text DEFAULT 'vi' NOT NULL,
	"assignment" text DEFAULT 'immediate' NOT NULL,
	"update" text DEFAULT 'digest' NOT NULL,
	"reminder" text DEFAULT 'digest' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_preferences_language_valid" CHECK ("mail_preferences"."language" in ('vi','en')),
	CONSTRAINT "mail_preferences_modes_valid" CHECK ("mail_preferences"."assignment" in ('immediate','digest','off') and "mail_preferences"."update" in ('immediate','digest','off') and "mail_preferences"."reminder" in ('immediate','digest','off'))
);
--> statement-breakpoint
-- Notifications made before mail existed are not mailed: they take 'skipped' (a default
-- fills existing rows without rewriting the table), new ones start as null.
ALTER TABLE "notifications" ADD COLUMN "mail_state" text DEFAULT 'skipped';--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "mail_state" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_preferences" ADD CONSTRAINT "mail_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_outbox_dedupe_key" ON "mail_outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE "mail_outbox"."status" in ('queued', 'sending');--> statement-breakpoint
CREATE INDEX "mail_outbox_created_idx" ON "mail_outbox" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_mail_new_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."mail_state" is null;--> statement-breakpoint
CREATE INDEX "notifications_mail_digest_idx" ON "notifications" USING btree ("user_id","created_at") WHERE "notifications"."mail_state" = 'digest';