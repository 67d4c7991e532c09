CREATE TABLE "network_cooperation" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"iso3" text NOT NULL,
	"topic" text NOT NULL,
	"description" text NOT NULL,
	"help" text[] NOT NULL,
	"language" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"posted_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_cooperation_kind" CHECK ("network_cooperation"."kind" in ('request', 'offer')),
	CONSTRAINT "network_cooperation_status_check" CHECK ("network_cooperation"."status" in ('open', 'closed')),
	CONSTRAINT "network_cooperation_help" CHECK (cardinality("network_cooperation"."help") > 0 and "network_cooperation"."help" <@ array['software', 'training', 'exchange_of_experience', 'other'])
);
--> statement-breakpoint
CREATE TABLE "network_cooperation_agreement" (
	"id" serial PRIMARY KEY NOT NULL,
	"cooperation_id" integer NOT NULL,
	"parties" text[] NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'agreed' NOT NULL,
	"recorded_by" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_cooperation_agreement_status" CHECK ("network_cooperation_agreement"."status" in ('agreed', 'in_progress', 'completed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "network_cooperation_response" (
	"id" serial PRIMARY KEY NOT NULL,
	"cooperation_id" integer NOT NULL,
	"iso3" text NOT NULL,
	"message" text NOT NULL,
	"responded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_hub_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"partners_may_contribute" boolean NOT NULL,
	"proposal_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_hub_settings_single" CHECK ("network_hub_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "network_resource" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"mechanisms" text[] DEFAULT '{}' NOT NULL,
	"sdgs" smallint[] DEFAULT '{}' NOT NULL,
	"regions" text[] DEFAULT '{}' NOT NULL,
	"nmirf_types" text[] DEFAULT '{}' NOT NULL,
	"link" text,
	"search_vector" "tsvector" NOT NULL,
	"contributor_iso3" text,
	"contributed_by" bigint,
	"state" text DEFAULT 'submitted' NOT NULL,
	"moderation_reason" text,
	"moderated_by" bigint,
	"moderated_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_resource_kind" CHECK ("network_resource"."kind" in ('practice', 'lesson', 'event_report', 'document', 'tool')),
	CONSTRAINT "network_resource_language" CHECK ("network_resource"."language" in ('es', 'en', 'fr', 'pt')),
	CONSTRAINT "network_resource_state_check" CHECK ("network_resource"."state" in ('draft', 'submitted', 'published', 'returned', 'rejected')),
	CONSTRAINT "network_resource_reason" CHECK ("network_resource"."state" not in ('returned', 'rejected') or "network_resource"."moderation_reason" is not null),
	CONSTRAINT "network_resource_published" CHECK (("network_resource"."state" = 'published') = ("network_resource"."published_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "network_resource_file" (
	"id" serial PRIMARY KEY NOT NULL,
	"resource_id" integer NOT NULL,
	"stored_name" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_resource_file_stored_name_unique" UNIQUE("stored_name")
);
--> statement-breakpoint
ALTER TABLE "network_cooperation" ADD CONSTRAINT "network_cooperation_iso3_network_state_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_cooperation" ADD CONSTRAINT "network_cooperation_posted_by_app_user_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_cooperation_agreement" ADD CONSTRAINT "network_cooperation_agreement_cooperation_id_network_cooperation_id_fk" FOREIGN KEY ("cooperation_id") REFERENCES "public"."network_cooperation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_cooperation_agreement" ADD CONSTRAINT "network_cooperation_agreement_recorded_by_app_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_cooperation_response" ADD CONSTRAINT "network_cooperation_response_cooperation_id_network_cooperation_id_fk" FOREIGN KEY ("cooperation_id") REFERENCES "public"."network_cooperation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_cooperation_response" ADD CONSTRAINT "network_cooperation_response_iso3_network_state_iso3_fk" FOREIGN KEY ("iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_cooperation_response" ADD CONSTRAINT "network_cooperation_response_responded_by_app_user_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_hub_settings" ADD CONSTRAINT "network_hub_settings_proposal_id_network_proposal_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."network_proposal"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_resource" ADD CONSTRAINT "network_resource_contributor_iso3_network_state_iso3_fk" FOREIGN KEY ("contributor_iso3") REFERENCES "public"."network_state"("iso3") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_resource" ADD CONSTRAINT "network_resource_contributed_by_app_user_id_fk" FOREIGN KEY ("contributed_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_resource" ADD CONSTRAINT "network_resource_moderated_by_app_user_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_resource_file" ADD CONSTRAINT "network_resource_file_resource_id_network_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."network_resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_resource_file" ADD CONSTRAINT "network_resource_file_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_cooperation_status" ON "network_cooperation" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "network_cooperation_agreement_of" ON "network_cooperation_agreement" USING btree ("cooperation_id");--> statement-breakpoint
CREATE INDEX "network_cooperation_response_of" ON "network_cooperation_response" USING btree ("cooperation_id");--> statement-breakpoint
CREATE INDEX "network_resource_state" ON "network_resource" USING btree ("state","published_at");--> statement-breakpoint
CREATE INDEX "network_resource_search" ON "network_resource" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "network_resource_file_resource" ON "network_resource_file" USING btree ("resource_id");--> statement-breakpoint
-- The knowledge hub's and the cooperation board's public answers (published resources and their files, the
-- feed, the settings, requests and offers with their response counts and agreements) carry the `follow_up`
-- validator of public_content_state, as the Network's other public answers do: the tables they read bump it.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['network_resource', 'network_resource_file', 'network_hub_settings', 'network_cooperation',
    'network_cooperation_response', 'network_cooperation_agreement'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED '
      || 'FOR EACH ROW EXECUTE FUNCTION public_content_version_bump(%L)', t || '_public_content_version', t, 'follow_up');
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER UPDATE ON %I DEFERRABLE INITIALLY DEFERRED '
      || 'FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public_content_version_bump(%L)',
      t || '_public_content_version_update', t, 'follow_up');
  END LOOP;
END
$$;
