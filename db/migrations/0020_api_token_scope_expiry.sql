-- Issue 14, item 9: API tokens carry a scope and always expire. Existing tokens keep full
-- rights (read_write); those without an expiry get one 90 days after creation, or 90 days
-- from now if that has already passed, so no integration stops without warning.
ALTER TABLE "api_tokens" ADD COLUMN "scope" text DEFAULT 'read_write' NOT NULL;--> statement-breakpoint
UPDATE "api_tokens" SET "expires_at" = greatest("created_at", now()) + interval '90 days' WHERE "expires_at" IS NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "expires_at" SET NOT NULL;
