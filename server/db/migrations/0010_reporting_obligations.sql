CREATE TABLE "reporting_obligation" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"mechanism_id" integer,
	"instrument_code" text,
	"title" jsonb NOT NULL,
	"due_on" date,
	"due_on_source" text DEFAULT 'manual' NOT NULL,
	"met_on" date,
	"recommendation_ids" bigint[] DEFAULT '{}' NOT NULL,
	"notes" text,
	"derived_key" text,
	"basis_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reporting_obligation_kind" CHECK ("reporting_obligation"."kind" in ('periodic_report', 'upr_review', 'upr_midterm', 'follow_up', 'regional_request', 'other')),
	CONSTRAINT "reporting_obligation_due_on_source" CHECK ("reporting_obligation"."due_on_source" in ('derived', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "treaty_instrument" (
	"code" text PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL,
	"mechanism_id" integer NOT NULL,
	"parent_code" text,
	"periodicity_years" smallint,
	"position" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "treaty_ratification" (
	"iso3" text NOT NULL,
	"instrument_code" text NOT NULL,
	"status" text NOT NULL,
	"year" smallint,
	"source" text DEFAULT 'reference' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "treaty_ratification_iso3_instrument_code_pk" PRIMARY KEY("iso3","instrument_code"),
	CONSTRAINT "treaty_ratification_status" CHECK ("treaty_ratification"."status" in ('party', 'signatory', 'none')),
	CONSTRAINT "treaty_ratification_source" CHECK ("treaty_ratification"."source" in ('reference', 'manual'))
);
--> statement-breakpoint
ALTER TABLE "reporting_obligation" ADD CONSTRAINT "reporting_obligation_mechanism_id_mechanism_id_fk" FOREIGN KEY ("mechanism_id") REFERENCES "public"."mechanism"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_obligation" ADD CONSTRAINT "reporting_obligation_instrument_code_treaty_instrument_code_fk" FOREIGN KEY ("instrument_code") REFERENCES "public"."treaty_instrument"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_obligation" ADD CONSTRAINT "reporting_obligation_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treaty_instrument" ADD CONSTRAINT "treaty_instrument_mechanism_id_mechanism_id_fk" FOREIGN KEY ("mechanism_id") REFERENCES "public"."mechanism"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treaty_ratification" ADD CONSTRAINT "treaty_ratification_iso3_country_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."country"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treaty_ratification" ADD CONSTRAINT "treaty_ratification_instrument_code_treaty_instrument_code_fk" FOREIGN KEY ("instrument_code") REFERENCES "public"."treaty_instrument"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reporting_obligation_open_derived" ON "reporting_obligation" USING btree ("derived_key") WHERE "reporting_obligation"."derived_key" is not null and "reporting_obligation"."met_on" is null;--> statement-breakpoint
CREATE INDEX "reporting_obligation_due" ON "reporting_obligation" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX "reporting_obligation_recommendations" ON "reporting_obligation" USING gin ("recommendation_ids");