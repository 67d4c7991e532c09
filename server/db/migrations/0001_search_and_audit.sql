-- Full-text search: one configuration per content language, each folding
-- accents before stemming, so "educacion" finds "educación".
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION nmirf_en (COPY = english);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION nmirf_en ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION nmirf_es (COPY = spanish);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION nmirf_es ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION nmirf_fr (COPY = french);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION nmirf_fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION nmirf_pt (COPY = portuguese);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION nmirf_pt ALTER MAPPING FOR hword, hword_part, word WITH unaccent, portuguese_stem;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION nmirf_simple (COPY = simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION nmirf_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
--> statement-breakpoint
-- The audit log is append-only: the database itself refuses edits and deletes.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- The text search configuration for a content language; other languages are
-- indexed without stemming.
CREATE FUNCTION nmirf_search_config(lang text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE lang
    WHEN 'en' THEN 'nmirf_en'::regconfig
    WHEN 'es' THEN 'nmirf_es'::regconfig
    WHEN 'fr' THEN 'nmirf_fr'::regconfig
    WHEN 'pt' THEN 'nmirf_pt'::regconfig
    ELSE 'nmirf_simple'::regconfig
  END
$$;
--> statement-breakpoint
-- Concatenation of tsvectors that keeps positions apart (the || operator),
-- so a phrase never matches across two languages of one text.
CREATE AGGREGATE nmirf_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');
--> statement-breakpoint
-- Search document of a translatable text ({"es": {"text": …}, "en": {…}}):
-- each language stemmed by its own rules.
CREATE FUNCTION nmirf_search_vector(texts jsonb) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(nmirf_tsvector_agg(to_tsvector(nmirf_search_config(key), value->>'text')), ''::tsvector)
  FROM jsonb_each(texts)
$$;
