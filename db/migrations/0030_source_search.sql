-- Search for the records an NC comes from (issue 19): findings by their text, complaints by
-- their summary, inspections by their number, folded by qms_fold in a generated column with
-- a trigram index, as migration 0024 did for the other lists (server/lib/search.ts).
-- Inspection numbers also get a prefix index for terms too short for trigrams ("03").
-- Adding the columns rewrites the three tables.
ALTER TABLE "complaints" ADD COLUMN "search" text GENERATED ALWAYS AS (qms_fold(summary)) STORED;--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "search" text GENERATED ALWAYS AS (qms_fold(number)) STORED;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "search" text GENERATED ALWAYS AS (qms_fold(description)) STORED;--> statement-breakpoint
CREATE INDEX "complaints_search_idx" ON "complaints" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "inspections_search_idx" ON "inspections" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "inspections_search_prefix_idx" ON "inspections" USING btree ("search" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "findings_search_idx" ON "findings" USING gin ("search" gin_trgm_ops);