CREATE TABLE "procedure_online_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"attribute" text NOT NULL,
	"level" integer,
	"mode" text,
	"effective_from" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedure_online_history_value" CHECK (("procedure_online_history"."attribute" = 'level' and "procedure_online_history"."level" between 1 and 4 and "procedure_online_history"."mode" is null)
        or ("procedure_online_history"."attribute" = 'mode' and "procedure_online_history"."mode" in ('full', 'partial', 'none') and "procedure_online_history"."level" is null))
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"owning_unit_id" uuid NOT NULL,
	"processing_days" integer NOT NULL,
	"fee" integer,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedures_code_not_blank" CHECK (length(trim("procedures"."code")) > 0),
	CONSTRAINT "procedures_processing_days_positive" CHECK ("procedures"."processing_days" between 1 and 365),
	CONSTRAINT "procedures_fee_not_negative" CHECK ("procedures"."fee" is null or "procedures"."fee" >= 0)
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_days_kind_valid" CHECK ("calendar_days"."kind" in ('holiday', 'working_day'))
);
--> statement-breakpoint
CREATE TABLE "dossier_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"reason" text,
	"status_after" text NOT NULL,
	"due_at_after" timestamp (3) with time zone NOT NULL,
	"paused_working_days" integer,
	"source" text DEFAULT 'manual' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"procedure_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"receiving_unit_id" uuid,
	"applicant_name" text NOT NULL,
	"channel" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"due_at_reason" text,
	"status" text NOT NULL,
	"timeliness" text,
	"resolved_at" timestamp (3) with time zone,
	"returned_at" timestamp (3) with time zone,
	"rejected_at" timestamp (3) with time zone,
	"withdrawn_at" timestamp (3) with time zone,
	"paused_at" timestamp (3) with time zone,
	"paused_working_days" integer DEFAULT 0 NOT NULL,
	"note" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossiers_channel_valid" CHECK ("dossiers"."channel" in ('online', 'in_person', 'postal')),
	CONSTRAINT "dossiers_status_valid" CHECK ("dossiers"."status" in ('received', 'processing', 'supplement_requested', 'resolved', 'returned', 'rejected', 'withdrawn')),
	CONSTRAINT "dossiers_timeliness_valid" CHECK ("dossiers"."timeliness" is null or "dossiers"."timeliness" in ('early', 'on_time', 'late')),
	CONSTRAINT "dossiers_source_valid" CHECK ("dossiers"."source" in ('manual', 'import')),
	CONSTRAINT "dossiers_resolution_consistent" CHECK (("dossiers"."status" in ('resolved', 'returned')) = ("dossiers"."resolved_at" is not null and "dossiers"."timeliness" is not null)),
	CONSTRAINT "dossiers_returned_consistent" CHECK (("dossiers"."status" = 'returned') = ("dossiers"."returned_at" is not null)),
	CONSTRAINT "dossiers_rejected_consistent" CHECK (("dossiers"."status" = 'rejected') = ("dossiers"."rejected_at" is not null)),
	CONSTRAINT "dossiers_withdrawn_consistent" CHECK (("dossiers"."status" = 'withdrawn') = ("dossiers"."withdrawn_at" is not null)),
	CONSTRAINT "dossiers_paused_consistent" CHECK (("dossiers"."status" = 'supplement_requested') = ("dossiers"."paused_at" is not null)),
	CONSTRAINT "dossiers_dates_ordered" CHECK ("dossiers"."resolved_at" is null or "dossiers"."resolved_at" >= "dossiers"."received_at")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"kind" text NOT NULL,
	"dossier_id" uuid,
	"procedure_id" uuid,
	"org_unit_id" uuid,
	"summary" text NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"outcome" text,
	"closed_at" timestamp (3) with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_kind_valid" CHECK ("complaints"."kind" in ('complaint', 'denunciation', 'feedback')),
	CONSTRAINT "complaints_status_valid" CHECK ("complaints"."status" in ('received', 'processing', 'closed')),
	CONSTRAINT "complaints_closed_consistent" CHECK (("complaints"."status" = 'closed') = ("complaints"."closed_at" is not null and "complaints"."outcome" is not null))
);
--> statement-breakpoint
ALTER TABLE "procedure_online_history" ADD CONSTRAINT "procedure_online_history_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_owning_unit_id_org_units_id_fk" FOREIGN KEY ("owning_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_receiving_unit_id_org_units_id_fk" FOREIGN KEY ("receiving_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_online_history_key" ON "procedure_online_history" USING btree ("procedure_id","attribute","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "procedures_code_key" ON "procedures" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "procedures_owning_unit_idx" ON "procedures" USING btree ("owning_unit_id");--> statement-breakpoint
CREATE INDEX "procedures_field_idx" ON "procedures" USING btree ("field");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_days_date_key" ON "calendar_days" USING btree ("date");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_events_seq_key" ON "dossier_events" USING btree ("dossier_id","seq");--> statement-breakpoint
CREATE INDEX "dossier_events_dossier_at_idx" ON "dossier_events" USING btree ("dossier_id","at","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code_key" ON "dossiers" USING btree (lower("code"));--> statement-breakpoint
CREATE INDEX "dossiers_received_at_idx" ON "dossiers" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "dossiers_resolved_at_idx" ON "dossiers" USING btree ("resolved_at");--> statement-breakpoint
CREATE INDEX "dossiers_org_unit_idx" ON "dossiers" USING btree ("org_unit_id","received_at");--> statement-breakpoint
CREATE INDEX "dossiers_procedure_idx" ON "dossiers" USING btree ("procedure_id","received_at");--> statement-breakpoint
CREATE INDEX "dossiers_status_due_idx" ON "dossiers" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "complaints_received_at_idx" ON "complaints" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "complaints_org_unit_idx" ON "complaints" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "complaints_dossier_idx" ON "complaints" USING btree ("dossier_id");