CREATE TABLE "action_evidence" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"stored_name" text,
	"file_name" text,
	"media_type" text,
	"size_bytes" bigint,
	"sha256" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_evidence_stored_name_unique" UNIQUE("stored_name"),
	CONSTRAINT "action_evidence_kind" CHECK (("action_evidence"."kind" = 'link' and "action_evidence"."url" is not null and "action_evidence"."stored_name" is null)
    or ("action_evidence"."kind" = 'file' and "action_evidence"."url" is null and "action_evidence"."stored_name" is not null and "action_evidence"."media_type" is not null and "action_evidence"."size_bytes" is not null))
);
--> statement-breakpoint
CREATE TABLE "action_recommendation" (
	"action_id" bigint NOT NULL,
	"recommendation_id" bigint NOT NULL,
	CONSTRAINT "action_recommendation_action_id_recommendation_id_pk" PRIMARY KEY("action_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "action_report" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"institution_id" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"action_type" text NOT NULL,
	"reach" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"original_language" text NOT NULL,
	"start_date" date,
	"end_date" date,
	"progress" smallint,
	"budget_amount" numeric(18, 2),
	"budget_currency" text,
	"budget_programme" text,
	"created_by" bigint,
	"updated_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "action_report_state" CHECK ("action_report"."state" in ('draft', 'submitted', 'validated', 'published', 'returned')),
	CONSTRAINT "action_report_type" CHECK ("action_report"."action_type" in ('legislative', 'regulatory', 'policy_plan', 'programme', 'budgetary', 'institutional', 'judicial', 'training', 'awareness', 'data')),
	CONSTRAINT "action_report_reach" CHECK ("action_report"."reach" in ('structural', 'individual')),
	CONSTRAINT "action_report_progress" CHECK ("action_report"."progress" between 0 and 100),
	CONSTRAINT "action_report_dates" CHECK ("action_report"."end_date" is null or "action_report"."start_date" is null or "action_report"."end_date" >= "action_report"."start_date"),
	CONSTRAINT "action_report_budget" CHECK (("action_report"."budget_amount" is null) = ("action_report"."budget_currency" is null))
);
--> statement-breakpoint
CREATE TABLE "action_transition" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action_id" bigint NOT NULL,
	"transition" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"actor_id" bigint NOT NULL,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_evidence" ADD CONSTRAINT "action_evidence_action_id_action_report_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."action_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_evidence" ADD CONSTRAINT "action_evidence_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_recommendation" ADD CONSTRAINT "action_recommendation_action_id_action_report_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."action_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_recommendation" ADD CONSTRAINT "action_recommendation_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_report" ADD CONSTRAINT "action_report_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_report" ADD CONSTRAINT "action_report_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_report" ADD CONSTRAINT "action_report_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_transition" ADD CONSTRAINT "action_transition_action_id_action_report_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."action_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_transition" ADD CONSTRAINT "action_transition_actor_id_app_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_evidence_action" ON "action_evidence" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "action_recommendation_recommendation" ON "action_recommendation" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "action_report_institution" ON "action_report" USING btree ("institution_id","state");--> statement-breakpoint
CREATE INDEX "action_report_state" ON "action_report" USING btree ("state");--> statement-breakpoint
CREATE INDEX "action_transition_action" ON "action_transition" USING btree ("action_id","at");