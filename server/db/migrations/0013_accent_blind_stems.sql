-- A query and its unaccented form must find the same records, in every
-- language and with no language chosen. Until now they did not: the query read
-- the words as typed with the language's own stemmer (migration 0003), and a
-- stemmer reads "educación" as educ but "educacion" as educacion, so only the
-- accented query found "educaciones" (and, with no language chosen, English
-- "education", whose stem is educ too).
--
-- Every reading of a text or a query is now taken from its unaccented form,
-- on both sides, so accents cannot change a lexeme:
--   1. unaccent, then the language's stemmer (nmirf_es, …), as before;
--   2. unaccent, restore the accent of the suffixes the stemmer only knows
--      accented (nmirf_accented_suffixes), then the language's own stemmer,
--      accents folded afterwards: "educacion" and "educación" → educ, like
--      "educaciones", so plurals still match with or without accents.
-- English texts keep the one reading (migration 0005).

-- unaccent() with its dictionary named, and so immutable: functions that call it can be
-- inlined into the query (with the one-argument unaccent, building a search's tsquery took
-- ten times longer).
CREATE FUNCTION nmirf_unaccent(content text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT unaccent('unaccent'::regdictionary, content)
$$;
--> statement-breakpoint
-- The suffixes whose stemming needs an accent the reader may leave out:
-- Spanish -ción/-sión (educación → educ, as educaciones), Portuguese
-- -ão/-ões and -ção/-ções (educação and educações → educ), French -ité(s) and
-- -ée(s) (égalité → égal, année → anné). Applied to unaccented text only.
CREATE FUNCTION nmirf_accented_suffixes(lang text, content text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE lang
    WHEN 'es' THEN regexp_replace(content, '([cs])ion\M', '\1ión', 'gi')
    WHEN 'pt' THEN regexp_replace(regexp_replace(regexp_replace(content,
      'c(ao|oes)\M', 'ç\1', 'gi'), '\Yao\M', 'ão', 'gi'), '\Yoes\M', 'ões', 'gi')
    WHEN 'fr' THEN regexp_replace(regexp_replace(content, 'ite(s?)\M', 'ité\1', 'gi'), 'ee(s?)\M', 'ée\1', 'gi')
    ELSE content
  END
$$;
--> statement-breakpoint
-- Reading 2 of a text or a query, from its unaccented form.
CREATE FUNCTION nmirf_accent_blind_stems(lang text, content text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT nmirf_folded_stems(lang, nmirf_accented_suffixes(lang, nmirf_unaccent(content)))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION nmirf_search_vector(texts jsonb) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(nmirf_tsvector_agg(
    CASE WHEN key IN ('es', 'fr', 'pt')
      THEN to_tsvector(nmirf_search_config(key), value->>'text') || nmirf_accent_blind_stems(key, value->>'text')
      ELSE to_tsvector(nmirf_search_config(key), value->>'text')
    END
  ), ''::tsvector)
  FROM jsonb_each(texts)
$$;
--> statement-breakpoint
-- The query read in one language, both ways, from its unaccented form only.
CREATE OR REPLACE FUNCTION nmirf_language_query(q text, lang text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN lang IN ('es', 'fr', 'pt')
    THEN websearch_to_tsquery(nmirf_search_config(lang), nmirf_unaccent(q))
      || coalesce(nullif(nmirf_unaccent(websearch_to_tsquery(nmirf_native_config(lang),
           nmirf_accented_suffixes(lang, nmirf_unaccent(q)))::text), '')::tsquery, ''::tsquery)
    ELSE websearch_to_tsquery(nmirf_search_config(lang), nmirf_unaccent(q))
  END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION nmirf_search_query(q text, lang text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN lang IS NOT NULL THEN nmirf_language_query(q, lang)
    ELSE nmirf_language_query(q, 'en') || nmirf_language_query(q, 'es') || nmirf_language_query(q, 'fr')
      || nmirf_language_query(q, 'pt') || websearch_to_tsquery('nmirf_simple', nmirf_unaccent(q))
  END
$$;
--> statement-breakpoint
UPDATE recommendation SET search_vector = nmirf_search_vector(texts) WHERE texts ?| array['es', 'fr', 'pt'];
