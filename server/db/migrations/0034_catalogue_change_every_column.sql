-- Every change of a record is logged, not only changes to the columns the facet index holds: a public answer
-- kept by the server (platform/http/public-cache.ts) stays the answer after a write only when no record it shows
-- or counts changed, and it shows columns the index does not hold (symbol, paragraph, session, recommending
-- States). The index patches such a record too (it reads it again: no change to what it holds). An update that
-- changes nothing (every column as it was) is still not logged. See docs/decisions/0020-filters-visit-their-rows.md.
CREATE OR REPLACE FUNCTION catalogue_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
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
        OR ROW(o.*) IS DISTINCT FROM ROW(n.*)
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
