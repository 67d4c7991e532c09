-- The catalogue's version: one row, bumped by every statement that writes `recommendation`.
-- The search keeps the facet columns of the whole catalogue in memory, per process
-- (recommendations.facet-index.ts); before each search it reads this version, one tiny query,
-- and reloads when it changed, whichever process wrote (another app server, the import command).
--
-- The trigger runs BEFORE each statement, so a writing transaction takes the row lock before it
-- touches any recommendation row: writers of the catalogue take turns (an import holds the lock
-- until it commits), and two of them cannot deadlock over it. Readers never wait: they read the
-- last committed version. A version read before the facet columns are loaded is never newer than
-- what the load sees, so a write that commits in between only causes one more reload.
CREATE TABLE catalogue_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO catalogue_state (version) VALUES (1);
--> statement-breakpoint
CREATE FUNCTION catalogue_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalogue_state SET version = version + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER recommendation_catalogue_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON recommendation
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_version_bump();
