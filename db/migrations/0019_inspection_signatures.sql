CREATE TABLE "inspection_signatures" (
	"inspection_id" uuid NOT NULL,
	"role" text NOT NULL,
	"signer_name" text NOT NULL,
	"signer_id" uuid,
	"attachment_id" uuid,
	"refusal_reason" text,
	"signed_at" timestamp (3) with time zone NOT NULL,
	"recorded_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspection_signatures_pkey" PRIMARY KEY("inspection_id","role"),
	CONSTRAINT "inspection_signatures_role_valid" CHECK ("inspection_signatures"."role" in ('unit_representative','lead_inspector')),
	CONSTRAINT "inspection_signatures_signed_or_refused" CHECK (("inspection_signatures"."attachment_id" is null) <> ("inspection_signatures"."refusal_reason" is null)),
	CONSTRAINT "inspection_signatures_lead_signs" CHECK ("inspection_signatures"."role" <> 'lead_inspector' or "inspection_signatures"."attachment_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "inspection_signatures" ADD CONSTRAINT "inspection_signatures_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_signatures" ADD CONSTRAINT "inspection_signatures_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_signatures" ADD CONSTRAINT "inspection_signatures_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_signatures" ADD CONSTRAINT "inspection_signatures_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;