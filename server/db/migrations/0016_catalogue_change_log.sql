-- The catalogue's change log: which recommendations each catalogue version changed, so that an
-- app server's in-memory search index (recommendations.facet-index.ts) is patched by what changed
-- since the version it holds instead of being loaded again whole. The index reads nothing but the
-- `recommendation` table (labels reach it through the denormalised arrays on that table), so the
-- log is written by triggers on that table only.
--
-- Order: catalogue_version_bump (migration 0009) runs BEFORE each statement and locks the one
-- catalogue_state row until the transaction ends, so catalogue writers take turns and versions are
-- given out in commit order. The log rows are written by AFTER statement triggers in the same
-- transaction, with the version that transaction holds. A reader that sees version V in one
-- statement therefore also sees, in that statement, every log row up to V: no entry with a lower
-- version can commit after a higher one has been read.
--
-- Bounds: `log_from` says from which version on the log is complete (every change with a version
-- above it is in the log); an index older than that loads again whole. The log keeps at most
-- 200,000 rows: past that, the oldest versions are pruned down to 100,000 (catalogue_change_prune).
-- A TRUNCATE empties the log and leaves a marker in it (see below).
ALTER TABLE catalogue_state ADD COLUMN log_from bigint NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE catalogue_state ADD COLUMN log_rows bigint NOT NULL DEFAULT 0;
--> statement-breakpoint
UPDATE catalogue_state SET log_from = version;
--> statement-breakpoint
CREATE TABLE catalogue_change (
  version bigint NOT NULL,
  recommendation_id bigint NOT NULL,
  PRIMARY KEY (version, recommendation_id)
);
--> statement-breakpoint
-- Drops the oldest versions of the log, keeping at least the `keep` newest rows (whole versions).
CREATE FUNCTION catalogue_change_prune(keep bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  cutoff bigint;
BEGIN
  PERFORM 1 FROM catalogue_state FOR UPDATE; -- in turn with the catalogue's writers
  SELECT version INTO cutoff FROM catalogue_change ORDER BY version DESC OFFSET keep LIMIT 1;
  IF cutoff IS NOT NULL THEN
    DELETE FROM catalogue_change WHERE version <= cutoff;
    UPDATE catalogue_state SET log_from = greatest(log_from, cutoff), log_rows = (SELECT count(*) FROM catalogue_change);
  END IF;
END
$$;
--> statement-breakpoint
-- AFTER each statement: the ids it inserted, deleted, or updated in a column the index holds.
CREATE FUNCTION catalogue_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  at_version bigint;
  added bigint;
  total bigint;
BEGIN
  SELECT version INTO at_version FROM catalogue_state;
  IF TG_OP = 'TRUNCATE' THEN
    -- Nothing written before it matters any more: the log keeps one marker (id -1) from which an
    -- index starts again empty, then takes every record written after it.
    DELETE FROM catalogue_change;
    INSERT INTO catalogue_change VALUES (at_version, -1);
    UPDATE catalogue_state SET log_rows = 1;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO catalogue_change SELECT at_version, id FROM new_rows ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO catalogue_change SELECT at_version, id FROM old_rows ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO catalogue_change
    SELECT at_version, c.id FROM (
      SELECT n.id FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
      WHERE o.id IS NULL
        OR (o.mechanism_id, o.position, o.cycle, o.year, o.document_date, o.countries, o.theme_ids, o.affected_ids,
            o.sdg_goals, o.sdg_targets, o.texts, o.search_vector)
           IS DISTINCT FROM
           (n.mechanism_id, n.position, n.cycle, n.year, n.document_date, n.countries, n.theme_ids, n.affected_ids,
            n.sdg_goals, n.sdg_targets, n.texts, n.search_vector)
      UNION
      SELECT o.id FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)
    ) c
    ON CONFLICT DO NOTHING;
  END IF;
  GET DIAGNOSTICS added = ROW_COUNT;
  IF added > 0 THEN
    UPDATE catalogue_state SET log_rows = log_rows + added RETURNING log_rows INTO total;
    IF total > 200000 THEN
      PERFORM catalogue_change_prune(100000);
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER recommendation_change_insert AFTER INSERT ON recommendation
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_change_log();
--> statement-breakpoint
CREATE TRIGGER recommendation_change_update AFTER UPDATE ON recommendation
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_change_log();
--> statement-breakpoint
CREATE TRIGGER recommendation_change_delete AFTER DELETE ON recommendation
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_change_log();
--> statement-breakpoint
CREATE TRIGGER recommendation_change_truncate AFTER TRUNCATE ON recommendation
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_change_log();
