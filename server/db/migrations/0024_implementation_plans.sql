CREATE TABLE "plan" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"original_language" text NOT NULL,
	"period_start" date,
	"period_end" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"adopted_on" date,
	"legal_instrument" text,
	"adoption_url" text,
	"created_by" bigint,
	"updated_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_kind" CHECK ("plan"."kind" in ('national_action_plan', 'review_follow_up', 'strategy')),
	CONSTRAINT "plan_status" CHECK ("plan"."status" in ('draft', 'adopted', 'closed')),
	CONSTRAINT "plan_period" CHECK ("plan"."period_end" is null or "plan"."period_start" is null or "plan"."period_end" >= "plan"."period_start"),
	CONSTRAINT "plan_adopted" CHECK ("plan"."status" = 'draft' or "plan"."adopted_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "plan_activity" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_id" bigint NOT NULL,
	"objective_id" bigint,
	"institution_id" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"original_language" text NOT NULL,
	"start_date" date,
	"end_date" date,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"budget_amount" numeric(18, 2),
	"budget_currency" text,
	"budget_programme" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by" bigint,
	"updated_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "plan_activity_state" CHECK ("plan_activity"."state" in ('draft', 'submitted', 'validated', 'published', 'returned')),
	CONSTRAINT "plan_activity_dates" CHECK ("plan_activity"."end_date" is null or "plan_activity"."start_date" is null or "plan_activity"."end_date" >= "plan_activity"."start_date"),
	CONSTRAINT "plan_activity_budget" CHECK (("plan_activity"."budget_amount" is null) = ("plan_activity"."budget_currency" is null))
);
--> statement-breakpoint
CREATE TABLE "plan_activity_indicator" (
	"activity_id" bigint NOT NULL,
	"indicator_id" bigint NOT NULL,
	CONSTRAINT "plan_activity_indicator_activity_id_indicator_id_pk" PRIMARY KEY("activity_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "plan_activity_institution" (
	"activity_id" bigint NOT NULL,
	"institution_id" integer NOT NULL,
	CONSTRAINT "plan_activity_institution_activity_id_institution_id_pk" PRIMARY KEY("activity_id","institution_id")
);
--> statement-breakpoint
CREATE TABLE "plan_activity_recommendation" (
	"activity_id" bigint NOT NULL,
	"recommendation_id" bigint NOT NULL,
	CONSTRAINT "plan_activity_recommendation_activity_id_recommendation_id_pk" PRIMARY KEY("activity_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "plan_activity_sdg_target" (
	"activity_id" bigint NOT NULL,
	"target" text NOT NULL,
	CONSTRAINT "plan_activity_sdg_target_activity_id_target_pk" PRIMARY KEY("activity_id","target")
);
--> statement-breakpoint
CREATE TABLE "plan_activity_transition" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"activity_id" bigint NOT NULL,
	"transition" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"actor_id" bigint NOT NULL,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_objective" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_id" bigint NOT NULL,
	"parent_id" bigint,
	"level" text NOT NULL,
	"code" text,
	"position" integer DEFAULT 0 NOT NULL,
	"title" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_objective_level" CHECK ("plan_objective"."level" in ('axis', 'objective', 'result'))
);
--> statement-breakpoint
CREATE TABLE "plan_revision" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"actor_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"kind" text NOT NULL,
	"changes" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_report" ADD COLUMN "plan_activity_id" bigint;--> statement-breakpoint
ALTER TABLE "action_report" ADD COLUMN "completes_activity" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan" ADD CONSTRAINT "plan_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity" ADD CONSTRAINT "plan_activity_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity" ADD CONSTRAINT "plan_activity_objective_id_plan_objective_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."plan_objective"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity" ADD CONSTRAINT "plan_activity_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity" ADD CONSTRAINT "plan_activity_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity" ADD CONSTRAINT "plan_activity_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_indicator" ADD CONSTRAINT "plan_activity_indicator_activity_id_plan_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."plan_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_indicator" ADD CONSTRAINT "plan_activity_indicator_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_institution" ADD CONSTRAINT "plan_activity_institution_activity_id_plan_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."plan_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_institution" ADD CONSTRAINT "plan_activity_institution_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_recommendation" ADD CONSTRAINT "plan_activity_recommendation_activity_id_plan_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."plan_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_recommendation" ADD CONSTRAINT "plan_activity_recommendation_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_sdg_target" ADD CONSTRAINT "plan_activity_sdg_target_activity_id_plan_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."plan_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_sdg_target" ADD CONSTRAINT "plan_activity_sdg_target_target_sdg_target_code_fk" FOREIGN KEY ("target") REFERENCES "public"."sdg_target"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_transition" ADD CONSTRAINT "plan_activity_transition_activity_id_plan_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."plan_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_activity_transition" ADD CONSTRAINT "plan_activity_transition_actor_id_app_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objective" ADD CONSTRAINT "plan_objective_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objective" ADD CONSTRAINT "plan_objective_parent_id_plan_objective_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."plan_objective"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revision" ADD CONSTRAINT "plan_revision_plan_id_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revision" ADD CONSTRAINT "plan_revision_actor_id_app_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_activity_plan" ON "plan_activity" USING btree ("plan_id","state");--> statement-breakpoint
CREATE INDEX "plan_activity_lead" ON "plan_activity" USING btree ("institution_id","state");--> statement-breakpoint
CREATE INDEX "plan_activity_indicator_indicator" ON "plan_activity_indicator" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "plan_activity_institution_institution" ON "plan_activity_institution" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "plan_activity_recommendation_recommendation" ON "plan_activity_recommendation" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "plan_activity_transition_activity" ON "plan_activity_transition" USING btree ("activity_id","at");--> statement-breakpoint
CREATE INDEX "plan_objective_plan" ON "plan_objective" USING btree ("plan_id","parent_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_revision_number" ON "plan_revision" USING btree ("plan_id","number");--> statement-breakpoint
ALTER TABLE "action_report" ADD CONSTRAINT "action_report_plan_activity_id_plan_activity_id_fk" FOREIGN KEY ("plan_activity_id") REFERENCES "public"."plan_activity"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_report_plan_activity" ON "action_report" USING btree ("plan_activity_id");