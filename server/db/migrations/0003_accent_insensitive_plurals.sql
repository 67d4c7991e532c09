-- Folding accents before stemming (nmirf_es = unaccent, then spanish_stem)
-- makes "educacion" find "educación", but breaks the stemmer on accented
-- suffixes: "educación" → educacion while "educaciones" → educ. Stemming
-- first and folding the stems afterwards gets plurals right but misses
-- accent-less input. A text is therefore indexed both ways, and a query
-- matches if either reading of it does.
CREATE FUNCTION nmirf_native_config(lang text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE lang
    WHEN 'en' THEN 'english'::regconfig
    WHEN 'es' THEN 'spanish'::regconfig
    WHEN 'fr' THEN 'french'::regconfig
    WHEN 'pt' THEN 'portuguese'::regconfig
    ELSE 'simple'::regconfig
  END
$$;
--> statement-breakpoint
-- Stems of the language's own stemmer, with accents folded afterwards.
CREATE FUNCTION nmirf_folded_stems(lang text, content text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT unaccent(to_tsvector(nmirf_native_config(lang), content)::text)::tsvector
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION nmirf_search_vector(texts jsonb) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(nmirf_tsvector_agg(
    to_tsvector(nmirf_search_config(key), value->>'text') || nmirf_folded_stems(key, value->>'text')
  ), ''::tsvector)
  FROM jsonb_each(texts)
$$;
--> statement-breakpoint
-- A websearch query (phrases, OR, -exclusion) read in one language, both ways.
CREATE FUNCTION nmirf_language_query(q text, lang text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT websearch_to_tsquery(nmirf_search_config(lang), q)
    || coalesce(nullif(unaccent(websearch_to_tsquery(nmirf_native_config(lang), q)::text), '')::tsquery, ''::tsquery)
$$;
--> statement-breakpoint
-- The query for the search box: in the given language, or in every one when none is given.
CREATE FUNCTION nmirf_search_query(q text, lang text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN lang IS NOT NULL THEN nmirf_language_query(q, lang)
    ELSE nmirf_language_query(q, 'en') || nmirf_language_query(q, 'es') || nmirf_language_query(q, 'fr')
      || nmirf_language_query(q, 'pt') || websearch_to_tsquery('nmirf_simple', q)
  END
$$;
--> statement-breakpoint
UPDATE recommendation SET search_vector = nmirf_search_vector(texts);
