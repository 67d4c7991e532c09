-- Public answers about implementation plans (adopted plans, their objectives and activities, the activities
-- that answer a recommendation) carry the `follow_up` validator of public_content_state (migration 0017):
-- the plan tables they read bump it. The chain's steps of proposals (plan_activity_transition) and the
-- revisions of a plan (plan_revision) are read by no public answer.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['plan', 'plan_objective', 'plan_activity', 'plan_activity_institution', 'plan_activity_recommendation',
    'plan_activity_sdg_target', 'plan_activity_indicator'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED '
      || 'FOR EACH ROW EXECUTE FUNCTION public_content_version_bump(%L)', t || '_public_content_version', t, 'follow_up');
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER UPDATE ON %I DEFERRABLE INITIALLY DEFERRED '
      || 'FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION public_content_version_bump(%L)',
      t || '_public_content_version_update', t, 'follow_up');
  END LOOP;
END
$$;
