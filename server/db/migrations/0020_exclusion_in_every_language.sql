-- An excluded word or phrase (`-children`, `-"death penalty"`) excludes the records that hold it in
-- ANY language. Before, the query of every language was built whole and the results ORed, so each
-- language's branch excluded only its own stem: a record holding the English stem `childr`... was
-- still found through the Spanish branch (`'tortur' & !'childr'`), and a query of exclusions alone
-- found every record. Now the positive words of each OR group are read in every language as before,
-- and each exclusion is the negation of that word or phrase read in every language.
-- The former function stays, under a new name, for the positive part.
CREATE OR REPLACE FUNCTION nmirf_positive_query(q text, lang text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN lang IS NOT NULL THEN nmirf_language_query(q, lang)
    ELSE nmirf_language_query(q, 'en') || nmirf_language_query(q, 'es') || nmirf_language_query(q, 'fr')
      || nmirf_language_query(q, 'pt') || websearch_to_tsquery('nmirf_simple', nmirf_unaccent(q))
  END
$$;
--> statement-breakpoint
-- The same query with repeated top-level OR branches once (the languages often read a word alike);
-- only when its text has no parentheses, where every ` | ` is a top-level OR.
CREATE OR REPLACE FUNCTION nmirf_distinct_branches(q tsquery) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN strpos(q::text, '(') = 0 AND q::text <> ''
    THEN (SELECT string_agg(DISTINCT branch, ' | ') FROM regexp_split_to_table(q::text, ' \| ') branch)::tsquery
    ELSE q END
$$;
--> statement-breakpoint
-- websearch syntax, as websearch_to_tsquery reads it: words and "phrases" side by side are ANDed,
-- `or` between them separates groups, a leading `-` excludes a word or a phrase. Without an
-- exclusion the query is the former one, unchanged.
CREATE OR REPLACE FUNCTION nmirf_search_query(q text, lang text) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  token text;
  positive text := '';
  excluded tsquery := ''::tsquery;
  result tsquery := ''::tsquery;
BEGIN
  IF q IS NULL OR q !~ '(^|\s)-[^\s-]' THEN
    RETURN nmirf_positive_query(q, lang);
  END IF;
  FOR token IN SELECT m[1] FROM regexp_matches(q, '(-?"[^"]*"?|[^\s"]+)', 'g') AS m LOOP
    IF lower(token) = 'or' THEN
      result := result || (nmirf_distinct_branches(nmirf_positive_query(positive, lang)) && excluded);
      positive := '';
      excluded := ''::tsquery;
    ELSIF left(token, 1) = '-' AND length(token) > 1 THEN
      excluded := excluded && !! nmirf_distinct_branches(nmirf_positive_query(substr(token, 2), lang));
    ELSE
      positive := positive || ' ' || token;
    END IF;
  END LOOP;
  RETURN result || (nmirf_distinct_branches(nmirf_positive_query(positive, lang)) && excluded);
END
$$;
