CREATE TABLE "instance_logo" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL CHECK ("singleton"),
	"media_type" text NOT NULL,
	"data" "bytea" NOT NULL,
	"width" integer,
	"height" integer,
	"digest" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instance_settings" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL CHECK ("singleton"),
	"version" integer NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"primary_colour" text NOT NULL,
	"state_iso3" text NOT NULL,
	"time_zone" text NOT NULL,
	"interface_languages" jsonb NOT NULL,
	"default_language" text NOT NULL,
	"content_languages" jsonb NOT NULL,
	"terminology" jsonb NOT NULL,
	"open_data_licence" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
-- The name, logo, colour, languages, words and licence are in public answers: a change bumps the reference
-- version (migration 0017), so every public answer's validator changes and caches revalidate.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['instance_settings', 'instance_logo'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED '
      || 'FOR EACH ROW EXECUTE FUNCTION public_content_version_bump(%L)', t || '_public_content_version', t, 'reference');
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER UPDATE ON %I DEFERRABLE INITIALLY DEFERRED '
      || 'FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public_content_version_bump(%L)',
      t || '_public_content_version_update', t, 'reference');
  END LOOP;
END
$$;
