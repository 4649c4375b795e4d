-- Search answered from indexes (issue 15). Each searchable table stores its code and names
-- folded by qms_fold (lower case, no Vietnamese diacritics), code first, in a generated
-- column, with a trigram index (pg_trgm) over it: `search like '%term%'` reads the index
-- and compares plain text instead of folding every row (~30 µs a value). Dossiers also get
-- a prefix index for terms too short for trigrams and a word index for names of several
-- words (server/lib/search.ts). Adding the columns rewrites the tables (about a minute
-- for a million dossiers). pg_trgm is a trusted extension (PostgreSQL 13+): the owner of
-- the database may create it; PGlite loads it in db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "org_units" ADD COLUMN "search" text GENERATED ALWAYS AS (qms_fold(code || ' ' || name)) STORED;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "search" text GENERATED ALWAYS AS (qms_fold(username || ' ' || full_name)) STORED;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "search" text GENERATED ALWAYS AS (qms_fold(code || ' ' || title)) STORED;--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "search" text GENERATED ALWAYS AS (qms_fold(code || ' ' || name)) STORED;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "search" text GENERATED ALWAYS AS (qms_fold(code || ' ' || applicant_name)) STORED;--> statement-breakpoint
ALTER TABLE "nonconformities" ADD COLUMN "search" text GENERATED ALWAYS AS (qms_fold('NC-' || lpad(number::text, 4, '0') || ' ' || title || ' ' || description)) STORED;--> statement-breakpoint
ALTER TABLE "checklist_templates" ADD COLUMN "search" text GENERATED ALWAYS AS (qms_fold(name)) STORED;--> statement-breakpoint
CREATE INDEX "org_units_search_idx" ON "org_units" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_search_idx" ON "users" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "procedures_search_idx" ON "procedures" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "dossiers_search_idx" ON "dossiers" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "dossiers_search_prefix_idx" ON "dossiers" USING btree ("search" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "dossiers_search_words_idx" ON "dossiers" USING gin (to_tsvector('simple', "search"));--> statement-breakpoint
CREATE INDEX "nonconformities_search_idx" ON "nonconformities" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "checklist_templates_search_idx" ON "checklist_templates" USING gin ("search" gin_trgm_ops);