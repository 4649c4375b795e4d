DROP INDEX "notifications_user_idx";--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "digest_id" uuid;--> statement-breakpoint
CREATE INDEX "notifications_user_shown_idx" ON "notifications" USING btree ("user_id","created_at","id") WHERE "notifications"."digest_id" is null;--> statement-breakpoint
CREATE INDEX "notifications_digest_idx" ON "notifications" USING btree ("digest_id") WHERE "notifications"."digest_id" is not null;