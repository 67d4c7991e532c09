-- The version of the reference data the web and API label things with (mechanisms, countries,
-- vocabulary terms, SDG goals and targets): one row, bumped by every row those tables gain, lose or
-- see changed (an upsert that changes nothing, like the reference seeding at start-up, leaves it). Each process caches the labels in memory (taxonomies.repository.ts) and reads
-- this version before using them, one tiny query, so a term added through one app server (an
-- import bringing a new theme, an administrator's edit) is labelled on every server at the next request.
CREATE TABLE reference_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO reference_state (version) VALUES (1);
--> statement-breakpoint
-- Once per transaction: a seeding or an import that adds hundreds of rows updates the row once.
CREATE FUNCTION reference_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('nmirf.reference_bumped_in', true) = txid_current()::text THEN
    RETURN NULL;
  END IF;
  UPDATE reference_state SET version = version + 1;
  PERFORM set_config('nmirf.reference_bumped_in', txid_current()::text, true);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER mechanism_reference_version AFTER INSERT OR DELETE ON mechanism
  FOR EACH ROW EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER mechanism_reference_version_update AFTER UPDATE ON mechanism
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER mechanism_reference_version_truncate AFTER TRUNCATE ON mechanism
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER country_reference_version AFTER INSERT OR DELETE ON country
  FOR EACH ROW EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER country_reference_version_update AFTER UPDATE ON country
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER country_reference_version_truncate AFTER TRUNCATE ON country
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER vocabulary_term_reference_version AFTER INSERT OR DELETE ON vocabulary_term
  FOR EACH ROW EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER vocabulary_term_reference_version_update AFTER UPDATE ON vocabulary_term
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER vocabulary_term_reference_version_truncate AFTER TRUNCATE ON vocabulary_term
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER sdg_goal_reference_version AFTER INSERT OR DELETE ON sdg_goal
  FOR EACH ROW EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER sdg_goal_reference_version_update AFTER UPDATE ON sdg_goal
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER sdg_goal_reference_version_truncate AFTER TRUNCATE ON sdg_goal
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER sdg_target_reference_version AFTER INSERT OR DELETE ON sdg_target
  FOR EACH ROW EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER sdg_target_reference_version_update AFTER UPDATE ON sdg_target
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION reference_version_bump();
--> statement-breakpoint
CREATE TRIGGER sdg_target_reference_version_truncate AFTER TRUNCATE ON sdg_target
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();
