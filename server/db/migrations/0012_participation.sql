CREATE TABLE "abuse_report" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contribution_id" bigint NOT NULL,
	"reporter" text NOT NULL,
	"reason" text NOT NULL,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "abuse_report_once" UNIQUE("contribution_id","reporter")
);
--> statement-breakpoint
CREATE TABLE "contribution" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"author_id" bigint,
	"recommendation_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"assessor_kind" text,
	"status_key" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"rejection_reason" text,
	"hidden" boolean DEFAULT false NOT NULL,
	"moderated_by" bigint,
	"moderated_at" timestamp with time zone,
	"assessment_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contribution_kind" CHECK ("contribution"."kind" in ('comment', 'assessment')),
	CONSTRAINT "contribution_state" CHECK ("contribution"."state" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "contribution_assessment" CHECK (("contribution"."kind" = 'assessment') = ("contribution"."status_key" is not null and "contribution"."assessor_kind" in ('nhri', 'civil_society'))),
	CONSTRAINT "contribution_rejection" CHECK (("contribution"."state" = 'rejected') = ("contribution"."rejection_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "contribution_evidence" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contribution_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"stored_name" text,
	"file_name" text,
	"media_type" text,
	"size_bytes" integer,
	"sha256" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contribution_evidence_kind" CHECK (("contribution_evidence"."kind" = 'link' and "contribution_evidence"."url" is not null) or ("contribution_evidence"."kind" = 'file' and "contribution_evidence"."stored_name" is not null))
);
--> statement-breakpoint
CREATE TABLE "organisation" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"contact_email" text NOT NULL,
	"website" text,
	"description" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'email_pending' NOT NULL,
	"state_reason" text,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_kind" CHECK ("organisation"."kind" in ('civil_society', 'nhri', 'academia')),
	CONSTRAINT "organisation_state_check" CHECK ("organisation"."state" in ('email_pending', 'awaiting_verification', 'verified', 'rejected', 'suspended')),
	CONSTRAINT "organisation_reason" CHECK ("organisation"."state" not in ('rejected', 'suspended') or "organisation"."state_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "organisation_email_token" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organisation_member" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_member_unique" UNIQUE("organisation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "participation_secret" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "abuse_report" ADD CONSTRAINT "abuse_report_contribution_id_contribution_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contribution"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution" ADD CONSTRAINT "contribution_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution" ADD CONSTRAINT "contribution_author_id_app_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution" ADD CONSTRAINT "contribution_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution" ADD CONSTRAINT "contribution_moderated_by_app_user_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution" ADD CONSTRAINT "contribution_assessment_id_implementation_assessment_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."implementation_assessment"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution_evidence" ADD CONSTRAINT "contribution_evidence_contribution_id_contribution_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contribution"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_email_token" ADD CONSTRAINT "organisation_email_token_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_member" ADD CONSTRAINT "organisation_member_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_member" ADD CONSTRAINT "organisation_member_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contribution_public" ON "contribution" USING btree ("recommendation_id","created_at") WHERE "contribution"."state" = 'approved' and not "contribution"."hidden";--> statement-breakpoint
CREATE INDEX "contribution_queue" ON "contribution" USING btree ("created_at") WHERE "contribution"."state" = 'pending' or "contribution"."hidden";--> statement-breakpoint
CREATE INDEX "contribution_organisation" ON "contribution" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "contribution_evidence_contribution" ON "contribution_evidence" USING btree ("contribution_id");--> statement-breakpoint
CREATE INDEX "organisation_state" ON "organisation" USING btree ("state");--> statement-breakpoint
CREATE INDEX "organisation_member_user" ON "organisation_member" USING btree ("user_id");