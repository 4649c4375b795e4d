ALTER TABLE "dossiers" ADD COLUMN "applicant_phone" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "applicant_id_number" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "applicant_address" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "papers" jsonb DEFAULT '[]'::jsonb NOT NULL;