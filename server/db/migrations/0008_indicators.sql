CREATE TABLE "indicator" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"institution_id" integer NOT NULL,
	"name" jsonb NOT NULL,
	"kind" text NOT NULL,
	"unit" text NOT NULL,
	"baseline_value" numeric,
	"baseline_date" date,
	"target_value" numeric,
	"target_date" date,
	"disaggregation" text[] DEFAULT '{}' NOT NULL,
	"sdg_indicator" text,
	"data_source" text,
	"frequency" text NOT NULL,
	"created_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_kind" CHECK ("indicator"."kind" in ('structural', 'process', 'outcome')),
	CONSTRAINT "indicator_frequency" CHECK ("indicator"."frequency" in ('monthly', 'quarterly', 'annual', 'biennial', 'irregular'))
);
--> statement-breakpoint
CREATE TABLE "indicator_action" (
	"indicator_id" bigint NOT NULL,
	"action_id" bigint NOT NULL,
	CONSTRAINT "indicator_action_indicator_id_action_id_pk" PRIMARY KEY("indicator_id","action_id")
);
--> statement-breakpoint
CREATE TABLE "indicator_measurement" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"indicator_id" bigint NOT NULL,
	"measured_on" date NOT NULL,
	"value" numeric NOT NULL,
	"breakdown" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_recommendation" (
	"indicator_id" bigint NOT NULL,
	"recommendation_id" bigint NOT NULL,
	CONSTRAINT "indicator_recommendation_indicator_id_recommendation_id_pk" PRIMARY KEY("indicator_id","recommendation_id")
);
--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_sdg_indicator_sdg_indicator_code_fk" FOREIGN KEY ("sdg_indicator") REFERENCES "public"."sdg_indicator"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_action" ADD CONSTRAINT "indicator_action_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_action" ADD CONSTRAINT "indicator_action_action_id_action_report_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."action_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_measurement" ADD CONSTRAINT "indicator_measurement_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_measurement" ADD CONSTRAINT "indicator_measurement_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_recommendation" ADD CONSTRAINT "indicator_recommendation_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_recommendation" ADD CONSTRAINT "indicator_recommendation_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_institution" ON "indicator" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "indicator_action_action" ON "indicator_action" USING btree ("action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_measurement_unique" ON "indicator_measurement" USING btree ("indicator_id","measured_on","breakdown");--> statement-breakpoint
CREATE INDEX "indicator_recommendation_recommendation" ON "indicator_recommendation" USING btree ("recommendation_id");