/**
 * Randomised catalogues and searches for the tests of the facet index: seeded, so that a failure
 * can be replayed, and a check of one search against the SQL reference (search-reference.ts).
 */
import { expect } from 'vitest';
import type pg from 'pg';
import { searchQuerySchema, type SearchQuery } from '../../shared/recommendations';
import type { LabelMaps } from '../modules/taxonomies/taxonomies.repository';
import { effectiveSort, matchingIds, RANK_CANDIDATES, searchRecommendations } from '../modules/recommendations/recommendations.search';
import { seededRandom } from '../../shared/seeded-random';
import { referenceFacets, referenceMatchingIds } from './search-reference';

type Queryable = Pick<pg.Pool, 'query'>;

/** Seeded pseudo-random numbers, with picks. */
export function random(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const some = <T>(items: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(items)))];
  return { next, pick, some };
}
export type Random = ReturnType<typeof random>;

export const WORDS = {
  en: ['education', 'children', 'women', 'violence', 'torture', 'detention', 'death', 'penalty', 'rights', 'trafficking', 'ratify', 'convention', 'freedom', 'expression', 'the', 'of'],
  es: ['educación', 'niños', 'mujeres', 'violencia', 'tortura', 'pena', 'muerte', 'derechos', 'trata'],
  fr: ['éducation', 'enfants', 'femmes', 'violence', 'torture', 'peine', 'mort', 'droits'],
};
export const QUERIES = ['education', 'children -trafficking', 'torture OR detention', '"death penalty"', 'women violence', 'educación',
  '-education', 'rights', 'the', 'droits', 'niños OR enfants', '"penalty death"', '"death penalty" OR torture -children', '-"death penalty"'];

export interface Vocabulary { mechanisms: { id: number; code: string }[]; countries: string[]; themes: { id: number; key: string }[]; affected: { id: number; key: string }[]; targets: string[] }

export async function vocabulary(pool: Queryable): Promise<Vocabulary> {
  const q = (sql: string) => pool.query(sql).then((r) => r.rows);
  return {
    mechanisms: await q('select id, code from mechanism order by id limit 6'),
    countries: (await q('select iso3 from country order by iso3 limit 12')).map((r) => r.iso3),
    themes: await q(`select id, key from vocabulary_term where vocabulary = 'theme' order by id limit 8`),
    affected: await q(`select id, key from vocabulary_term where vocabulary = 'affected_persons' order by id limit 6`),
    targets: (await q('select code from sdg_target order by code limit 10')).map((r) => r.code),
  };
}

/** Random texts: one to two languages, a few words each. */
export function randomTexts(r: Random) {
  const languages = r.next() < 0.7 ? ['en'] : r.next() < 0.5 ? ['es'] : ['fr', 'en'];
  return Object.fromEntries(languages.map((lang) => [lang, {
    text: Array.from({ length: 3 + Math.floor(r.next() * 12) }, () => r.pick(WORDS[lang as keyof typeof WORDS])).join(' '),
    status: 'original',
  }]));
}

/** Random filter columns (everything but the texts). */
export function randomFilters(v: Vocabulary, r: Random) {
  const year = r.next() < 0.1 ? null : 2008 + Math.floor(r.next() * 12);
  return {
    mechanism_id: r.pick(v.mechanisms).id,
    countries: r.next() < 0.05 ? [] : r.some(v.countries, 2),
    // Few distinct dates, and some missing: ties are broken by id.
    document_date: year === null || r.next() < 0.3 ? null : `${year}-0${1 + Math.floor(r.next() * 3)}-01`,
    year,
    cycle: r.next() < 0.3 ? null : 1 + Math.floor(r.next() * 4),
    position: r.pick([null, 'supported', 'noted', 'supported_in_part']),
  };
}

/** Random label arrays. */
export function randomLabels(v: Vocabulary, r: Random) {
  return {
    theme_ids: r.next() < 0.3 ? [] : r.some(v.themes, 3).map((t) => t.id),
    affected_ids: r.next() < 0.4 ? [] : r.some(v.affected, 2).map((t) => t.id),
    sdg_goals: r.next() < 0.4 ? [] : r.some([1, 4, 5, 10, 16], 2),
    sdg_targets: r.next() < 0.5 ? [] : r.some(v.targets, 2),
  };
}

/** `count` random recommendations written straight into the table in one statement (the importer's rules do not matter here). */
export async function writeRandomRecords(pool: Queryable, v: Vocabulary, count: number, seed: number, prefix = 'random') {
  const r = random(seed);
  const rows = Array.from({ length: count }, (_, i) => {
    const texts = randomTexts(r);
    return {
      identity_key: `${prefix}:${seed}:${i}`, ...randomFilters(v, r), original_language: Object.keys(texts)[0], texts, ...randomLabels(v, r),
    };
  });
  await pool.query(
    `insert into recommendation (identity_key, source, mechanism_id, kind, countries, document_date, year, cycle, position,
       original_language, texts, theme_ids, affected_ids, sdg_goals, sdg_targets, search_vector, content_hash)
     select identity_key, 'test', mechanism_id, 'recommendation', countries, document_date, year, cycle, position,
       original_language, texts, theme_ids, affected_ids, sdg_goals, sdg_targets, nmirf_search_vector(texts), 'x'
     from jsonb_to_recordset($1::jsonb) as r(identity_key text, mechanism_id int, countries text[], document_date date,
       year smallint, cycle smallint, position text, original_language text, texts jsonb, theme_ids int[], affected_ids int[],
       sdg_goals smallint[], sdg_targets text[])`,
    [JSON.stringify(rows)],
  );
}

export function randomQuery(v: Vocabulary, r: Random): SearchQuery {
  const raw: Record<string, unknown> = { page_size: 100 };
  if (r.next() < 0.5) raw.q = r.pick(QUERIES);
  if (raw.q && r.next() < 0.3) raw.lang = r.pick(['en', 'es', 'fr']);
  if (r.next() < 0.3) raw.mechanism = r.some([...v.mechanisms.map((m) => m.code), 'NOPE'], 2);
  if (r.next() < 0.3) raw.country = r.some([...v.countries, 'XXX'], 3);
  if (r.next() < 0.25) raw.theme = r.some([...v.themes.map((t) => t.key), 'no-such-theme'], 2);
  if (r.next() < 0.2) raw.affected = r.some(v.affected.map((t) => t.key), 2);
  if (r.next() < 0.2) raw.sdg = r.some(['4', '5', '16', '04', ...v.targets], 2);
  if (r.next() < 0.25) raw.position = r.some(['supported', 'noted', 'supported_in_part'], 2);
  if (r.next() < 0.2) raw.cycle = r.some([1, 2, 3, 4], 2);
  if (r.next() < 0.2) raw.year_from = 2010 + Math.floor(r.next() * 5);
  if (r.next() < 0.2) raw.year_to = 2012 + Math.floor(r.next() * 6);
  if (r.next() < 0.3) raw.sort = r.pick(['relevance', 'date_desc', 'date_asc']);
  return searchQuerySchema.parse(raw);
}

/** The documented relevance order: the `candidates` most recent matches by full ranking, then the others by date. */
export function relevanceOrder(fullRanking: number[], byDate: number[], candidates: number): number[] {
  const recent = new Set(byDate.slice(0, candidates));
  return [...fullRanking.filter((id) => recent.has(id)), ...byDate.slice(candidates)];
}

/**
 * Searches through `pool` (its own facet index) and checks the total, the facet counts, every
 * matching id in order and the first page against the SQL reference. Returns the reference total.
 */
export async function expectSameAsReference(pool: pg.Pool, query: SearchQuery, maps: LabelMaps, label = JSON.stringify(query)): Promise<number> {
  const [result, reference, ids, referenceIds, referenceByDate] = await Promise.all([
    searchRecommendations(pool, query, maps, 'en'),
    referenceFacets(pool, query, maps),
    matchingIds(pool, query, maps),
    referenceMatchingIds(pool, query, maps),
    referenceMatchingIds(pool, { ...query, sort: 'date_desc' }, maps),
  ]);
  expect(result.total, label).toBe(reference.total);
  expect(result.facets, label).toEqual(reference.facets);
  expect(ids, label).toEqual(referenceIds);
  const expected = effectiveSort(query) === 'relevance' ? relevanceOrder(referenceIds, referenceByDate, RANK_CANDIDATES) : referenceIds;
  expect(result.rows.map((row) => row.id), label).toEqual(expected.slice(0, query.page_size));
  return reference.total;
}
