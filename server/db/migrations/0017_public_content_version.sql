-- What public answers read besides the `recommendation` rows, versioned like the catalogue
-- (catalogue_state, migration 0009), so that public answers can carry a validator (ETag) that
-- changes whenever they could: platform/http/public-cache.ts.
--
-- Two counters in one row:
-- - reference: the labels of reference data and the catalogue's side tables (external ids, labels
--   with provenance) that the search and a recommendation's page show;
-- - follow_up: institutions, assignments, action reports and their evidence and chain, status
--   assessments and scales, indicators, rounds, obligations, ratifications, organisations and their
--   contributions: what the public portal and the dashboard show once published.
-- Tables no public answer reads (accounts, sessions, mail, the audit log, report drafts, jobs) have
-- no trigger; platform/http/public-cache.test.ts fails when a table is in neither list.
--
-- An update that changes nothing (the reference data's upserts at every start) bumps nothing.
-- The counter is bumped at commit (a deferred constraint trigger), once per transaction and
-- counter: the row lock is held only while committing, so it adds no lock order a transaction
-- could deadlock on, and a reader never sees a version whose content is not yet committed.
CREATE TABLE public_content_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  reference_version bigint NOT NULL,
  follow_up_version bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO public_content_state (reference_version, follow_up_version) VALUES (1, 1);
--> statement-breakpoint
CREATE FUNCTION public_content_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  flag text := 'nmirf.public_content_bumped_' || TG_ARGV[0];
BEGIN
  -- Once per transaction and counter: the flag is local to the transaction (set_config(..., true)).
  IF current_setting(flag, true) IS DISTINCT FROM '1' THEN
    PERFORM set_config(flag, '1', true);
    IF TG_ARGV[0] = 'reference' THEN
      UPDATE public_content_state SET reference_version = reference_version + 1;
    ELSE
      UPDATE public_content_state SET follow_up_version = follow_up_version + 1;
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['country', 'country_alias', 'mechanism', 'mechanism_alias', 'sdg_goal', 'sdg_indicator', 'sdg_target',
    'upr_cycle', 'upr_session', 'vocabulary_alias', 'vocabulary_term', 'recommendation_external_id', 'recommendation_label'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED '
      || 'FOR EACH ROW EXECUTE FUNCTION public_content_version_bump(%L)', t || '_public_content_version', t, 'reference');
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER UPDATE ON %I DEFERRABLE INITIALLY DEFERRED '
      || 'FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public_content_version_bump(%L)',
      t || '_public_content_version_update', t, 'reference');
  END LOOP;
  FOREACH t IN ARRAY ARRAY['institution', 'assignment', 'action_report', 'action_recommendation', 'action_evidence', 'action_transition',
    'implementation_assessment', 'status_scale_step', 'indicator', 'indicator_action', 'indicator_measurement', 'indicator_recommendation',
    'reporting_round', 'reporting_obligation', 'treaty_instrument', 'treaty_ratification', 'organisation', 'contribution',
    'contribution_evidence', 'abuse_report'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED '
      || 'FOR EACH ROW EXECUTE FUNCTION public_content_version_bump(%L)', t || '_public_content_version', t, 'follow_up');
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER UPDATE ON %I DEFERRABLE INITIALLY DEFERRED '
      || 'FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public_content_version_bump(%L)',
      t || '_public_content_version_update', t, 'follow_up');
  END LOOP;
END
$$;
