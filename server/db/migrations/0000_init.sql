CREATE TABLE "country" (
	"iso3" text PRIMARY KEY NOT NULL,
	"iso2" text NOT NULL,
	"m49" text NOT NULL,
	"name" jsonb NOT NULL,
	"official_name_en" text,
	"un_member" boolean NOT NULL,
	"un_regional_group" text,
	"m49_region" text,
	"m49_subregion" text,
	CONSTRAINT "country_iso2_unique" UNIQUE("iso2")
);
--> statement-breakpoint
CREATE TABLE "country_alias" (
	"alias" text PRIMARY KEY NOT NULL,
	"iso3" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mechanism" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"family" text NOT NULL,
	"acronym" text,
	"name" jsonb NOT NULL,
	"treaty" text,
	CONSTRAINT "mechanism_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "mechanism_alias" (
	"alias" text PRIMARY KEY NOT NULL,
	"mechanism_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sdg_goal" (
	"number" smallint PRIMARY KEY NOT NULL,
	"title" jsonb NOT NULL,
	"short_title" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sdg_indicator" (
	"code" text PRIMARY KEY NOT NULL,
	"target" text NOT NULL,
	"title" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sdg_target" (
	"code" text PRIMARY KEY NOT NULL,
	"goal" smallint NOT NULL,
	"title" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "upr_cycle" (
	"number" smallint PRIMARY KEY NOT NULL,
	"first_session" smallint NOT NULL,
	"last_session" smallint,
	"start_year" smallint NOT NULL,
	"end_year" smallint
);
--> statement-breakpoint
CREATE TABLE "upr_session" (
	"number" smallint PRIMARY KEY NOT NULL,
	"cycle" smallint NOT NULL,
	"year" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vocabulary_alias" (
	"vocabulary" text NOT NULL,
	"alias" text NOT NULL,
	"term_id" integer NOT NULL,
	CONSTRAINT "vocabulary_alias_vocabulary_alias_pk" PRIMARY KEY("vocabulary","alias")
);
--> statement-breakpoint
CREATE TABLE "vocabulary_term" (
	"id" serial PRIMARY KEY NOT NULL,
	"vocabulary" text NOT NULL,
	"key" text NOT NULL,
	"label" jsonb NOT NULL,
	CONSTRAINT "vocabulary_term_key" UNIQUE("vocabulary","key")
);
--> statement-breakpoint
CREATE TABLE "import_batch" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"file_sha256" text NOT NULL,
	"counts" jsonb NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendation" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"identity_key" text NOT NULL,
	"source" text NOT NULL,
	"mechanism_id" integer NOT NULL,
	"kind" text NOT NULL,
	"countries" text[] NOT NULL,
	"document_symbol" text,
	"paragraph" text,
	"document_date" date,
	"year" smallint,
	"cycle" smallint,
	"session" smallint,
	"position" text,
	"position_source" text,
	"recommending_states" text[] DEFAULT '{}' NOT NULL,
	"original_language" text NOT NULL,
	"texts" jsonb NOT NULL,
	"theme_ids" integer[] DEFAULT '{}' NOT NULL,
	"affected_ids" integer[] DEFAULT '{}' NOT NULL,
	"sdg_goals" smallint[] DEFAULT '{}' NOT NULL,
	"sdg_targets" text[] DEFAULT '{}' NOT NULL,
	"upr_info_issue_ids" integer[] DEFAULT '{}' NOT NULL,
	"upr_info_action" smallint,
	"search_vector" "tsvector" NOT NULL,
	"content_hash" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_identity_key_unique" UNIQUE("identity_key"),
	CONSTRAINT "recommendation_kind" CHECK ("recommendation"."kind" in ('recommendation', 'observation', 'pledge', 'operative_point')),
	CONSTRAINT "recommendation_position" CHECK ("recommendation"."position" is null or "recommendation"."position" in ('supported', 'noted', 'supported_in_part'))
);
--> statement-breakpoint
CREATE TABLE "recommendation_external_id" (
	"scheme" text NOT NULL,
	"value" text NOT NULL,
	"recommendation_id" bigint NOT NULL,
	CONSTRAINT "recommendation_external_id_scheme_value_pk" PRIMARY KEY("scheme","value")
);
--> statement-breakpoint
CREATE TABLE "recommendation_label" (
	"recommendation_id" bigint NOT NULL,
	"vocabulary" text NOT NULL,
	"value" text NOT NULL,
	"provenance" text NOT NULL,
	"confidence" real,
	"source_label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_label_recommendation_id_vocabulary_value_pk" PRIMARY KEY("recommendation_id","vocabulary","value"),
	CONSTRAINT "recommendation_label_provenance" CHECK ("recommendation_label"."provenance" in ('import', 'manual', 'suggested'))
);
--> statement-breakpoint
CREATE TABLE "recommendation_revision" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"recommendation_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"import_batch_id" bigint,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
ALTER TABLE "country_alias" ADD CONSTRAINT "country_alias_iso3_country_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."country"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mechanism_alias" ADD CONSTRAINT "mechanism_alias_mechanism_id_mechanism_id_fk" FOREIGN KEY ("mechanism_id") REFERENCES "public"."mechanism"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sdg_indicator" ADD CONSTRAINT "sdg_indicator_target_sdg_target_code_fk" FOREIGN KEY ("target") REFERENCES "public"."sdg_target"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sdg_target" ADD CONSTRAINT "sdg_target_goal_sdg_goal_number_fk" FOREIGN KEY ("goal") REFERENCES "public"."sdg_goal"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upr_session" ADD CONSTRAINT "upr_session_cycle_upr_cycle_number_fk" FOREIGN KEY ("cycle") REFERENCES "public"."upr_cycle"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vocabulary_alias" ADD CONSTRAINT "vocabulary_alias_term_id_vocabulary_term_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."vocabulary_term"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation" ADD CONSTRAINT "recommendation_mechanism_id_mechanism_id_fk" FOREIGN KEY ("mechanism_id") REFERENCES "public"."mechanism"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_external_id" ADD CONSTRAINT "recommendation_external_id_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_label" ADD CONSTRAINT "recommendation_label_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_revision" ADD CONSTRAINT "recommendation_revision_recommendation_id_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendation_search" ON "recommendation" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "recommendation_countries" ON "recommendation" USING gin ("countries");--> statement-breakpoint
CREATE INDEX "recommendation_themes" ON "recommendation" USING gin ("theme_ids");--> statement-breakpoint
CREATE INDEX "recommendation_affected" ON "recommendation" USING gin ("affected_ids");--> statement-breakpoint
CREATE INDEX "recommendation_sdg_goals" ON "recommendation" USING gin ("sdg_goals");--> statement-breakpoint
CREATE INDEX "recommendation_sdg_targets" ON "recommendation" USING gin ("sdg_targets");--> statement-breakpoint
CREATE INDEX "recommendation_mechanism" ON "recommendation" USING btree ("mechanism_id");--> statement-breakpoint
CREATE INDEX "recommendation_date" ON "recommendation" USING btree ("document_date" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "recommendation_year" ON "recommendation" USING btree ("year");--> statement-breakpoint
CREATE INDEX "recommendation_external_id_rec" ON "recommendation_external_id" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "recommendation_revision_rec" ON "recommendation_revision" USING btree ("recommendation_id","version");--> statement-breakpoint
CREATE INDEX "audit_log_entity" ON "audit_log" USING btree ("entity","entity_id");