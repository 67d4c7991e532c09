-- Arabic is found however it is written. A text or a query may carry harakat (short vowels, tanwin,
-- shadda, sukun), the superscript alef or the tatweel, and write alef, yeh, ta marbuta and the
-- hamza carriers several ways; unaccent leaves Arabic as it is and PostgreSQL has no Arabic
-- stemmer. Both sides now read Arabic folded (the same folding as server/platform/arabic-folding.ts,
-- compared by a test):
--   harakat U+064B–U+065F, U+0670 and tatweel U+0640 dropped; أ إ آ ٱ → ا; ى → ي; ة → ه; ؤ → و; ئ → ي;
--   Arabic-Indic digits → 0–9; the Arabic comma, semicolon, question mark and percent sign → , ; ? %
--   (under the C locale the parser counts every character outside ASCII as a letter: "العمال،"
--   would be one word).
-- A recommendation in Arabic is indexed with nmirf_simple (nmirf_search_config), Arabic words in a
-- text in another language with that language's configuration; other texts do not change (the
-- folding leaves them as they are). Search snippets read the folded text too (ts_headline must see
-- the words the query found); the server puts them back into the text as written.
CREATE FUNCTION nmirf_fold_arabic(content text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT translate(content,
    U&'\0623\0625\0622\0671\0649\0629\0624\0626\060C\061B\061F\066A\0660\0661\0662\0663\0664\0665\0666\0667\0668\0669\06F0\06F1\06F2\06F3\06F4\06F5\06F6\06F7\06F8\06F9\064B\064C\064D\064E\064F\0650\0651\0652\0653\0654\0655\0656\0657\0658\0659\065A\065B\065C\065D\065E\065F\0670\0640',
    U&'\0627\0627\0627\0627\064A\0647\0648\064A,;?%01234567890123456789')
$$;
--> statement-breakpoint
-- Every query is read through nmirf_unaccent (migrations 0013, 0020), as is the second reading of
-- Spanish, French and Portuguese texts.
CREATE OR REPLACE FUNCTION nmirf_unaccent(content text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT nmirf_fold_arabic(unaccent('unaccent'::regdictionary, content))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION nmirf_search_vector(texts jsonb) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(nmirf_tsvector_agg(
    CASE WHEN key IN ('es', 'fr', 'pt')
      THEN to_tsvector(nmirf_search_config(key), nmirf_fold_arabic(value->>'text')) || nmirf_accent_blind_stems(key, value->>'text')
      ELSE to_tsvector(nmirf_search_config(key), nmirf_fold_arabic(value->>'text'))
    END
  ), ''::tsvector)
  FROM jsonb_each(texts)
$$;
--> statement-breakpoint
-- Only records and Network resources whose text folding changes are indexed again.
UPDATE recommendation SET search_vector = nmirf_search_vector(texts) WHERE nmirf_fold_arabic(texts::text) <> texts::text;
--> statement-breakpoint
UPDATE network_resource r
  SET search_vector = nmirf_search_vector(jsonb_build_object(r.language, jsonb_build_object('text', r.title || E'\n' || r.summary || E'\n' || r.body)))
  WHERE nmirf_fold_arabic(r.title || r.summary || r.body) <> r.title || r.summary || r.body;
