-- Links between recommendations (recommendation_link) change without a catalogue write (the related scan,
-- a person's decision). The search grouped by duplicates reads them, so its public answers need a version
-- that moves with them: a third counter, bumped at commit like the others (migration 0017). Only answers that
-- read links put it in their validator (platform/http/public-cache.ts), so a scan does not revalidate the rest.
ALTER TABLE public_content_state ADD COLUMN link_version bigint NOT NULL DEFAULT 1;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public_content_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  flag text := 'nmirf.public_content_bumped_' || TG_ARGV[0];
BEGIN
  -- Once per transaction and counter: the flag is local to the transaction (set_config(..., true)).
  IF current_setting(flag, true) IS DISTINCT FROM '1' THEN
    PERFORM set_config(flag, '1', true);
    IF TG_ARGV[0] = 'reference' THEN
      UPDATE public_content_state SET reference_version = reference_version + 1;
    ELSIF TG_ARGV[0] = 'link' THEN
      UPDATE public_content_state SET link_version = link_version + 1;
    ELSE
      UPDATE public_content_state SET follow_up_version = follow_up_version + 1;
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER recommendation_link_public_content_version AFTER INSERT OR DELETE ON recommendation_link
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public_content_version_bump('link');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER recommendation_link_public_content_version_update AFTER UPDATE ON recommendation_link
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public_content_version_bump('link');
--> statement-breakpoint
-- A TRUNCATE (of the people, cascading to the links' decided_by) fires no row trigger.
CREATE TRIGGER recommendation_link_public_content_version_truncate AFTER TRUNCATE ON recommendation_link
  FOR EACH STATEMENT EXECUTE FUNCTION public_content_version_bump('link');
