/**
 * The in-memory facet index against the SQL it replaced (server/test/search-reference.ts),
 * on a randomised catalogue and randomised searches; and its freshness when the catalogue
 * changes, from this pool or from another connection.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { searchQuerySchema, type SearchQuery } from '../../../shared/recommendations';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import { referenceFacets, referenceMatchingIds } from '../../test/search-reference';
import { forgetLabelMaps, labelMaps, type LabelMaps } from '../taxonomies/taxonomies.repository';
import { catalogueVersion, facetIndexStats } from './recommendations.facet-index';
import { effectiveSort, matchingIds, RANK_CANDIDATES, searchRecommendations } from './recommendations.search';

let db: Database;
let other: Database;
let maps: LabelMaps;

/** Seeded pseudo-random numbers (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const some = <T>(items: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(items)))];
  return { next, pick, some };
}

const WORDS = {
  en: ['education', 'children', 'women', 'violence', 'torture', 'detention', 'death', 'penalty', 'rights', 'trafficking', 'ratify', 'convention', 'freedom', 'expression', 'the', 'of'],
  es: ['educación', 'niños', 'mujeres', 'violencia', 'tortura', 'pena', 'muerte', 'derechos', 'trata'],
  fr: ['éducation', 'enfants', 'femmes', 'violence', 'torture', 'peine', 'mort', 'droits'],
};
const QUERIES = ['education', 'children -trafficking', 'torture OR detention', '"death penalty"', 'women violence', 'educación',
  '-education', 'rights', 'the', 'droits', 'niños OR enfants', '"penalty death"'];

interface Vocabulary { mechanisms: { id: number; code: string }[]; countries: string[]; themes: { id: number; key: string }[]; affected: { id: number; key: string }[]; targets: string[] }

async function vocabulary(): Promise<Vocabulary> {
  const q = (sql: string) => db.pool.query(sql).then((r) => r.rows);
  return {
    mechanisms: await q('select id, code from mechanism order by id limit 6'),
    countries: (await q('select iso3 from country order by iso3 limit 12')).map((r) => r.iso3),
    themes: await q(`select id, key from vocabulary_term where vocabulary = 'theme' order by id limit 8`),
    affected: await q(`select id, key from vocabulary_term where vocabulary = 'affected_persons' order by id limit 6`),
    targets: (await q('select code from sdg_target order by code limit 10')).map((r) => r.code),
  };
}

/** `count` random recommendations written straight into the table (the importer's rules do not matter here). */
async function writeRandomCatalogue(v: Vocabulary, count: number, seed: number) {
  const r = random(seed);
  const rows = Array.from({ length: count }, (_, i) => {
    const year = r.next() < 0.1 ? null : 2008 + Math.floor(r.next() * 12);
    const languages = r.next() < 0.7 ? ['en'] : r.next() < 0.5 ? ['es'] : ['fr', 'en'];
    const texts = Object.fromEntries(languages.map((lang) => [lang, {
      text: Array.from({ length: 3 + Math.floor(r.next() * 12) }, () => r.pick(WORDS[lang as keyof typeof WORDS])).join(' '),
      status: 'original',
    }]));
    return {
      identity_key: `random:${seed}:${i}`,
      mechanism_id: r.pick(v.mechanisms).id,
      countries: r.next() < 0.05 ? [] : r.some(v.countries, 2),
      // Few distinct dates, and some missing: ties are broken by id.
      document_date: year === null || r.next() < 0.3 ? null : `${year}-0${1 + Math.floor(r.next() * 3)}-01`,
      year,
      cycle: r.next() < 0.3 ? null : 1 + Math.floor(r.next() * 4),
      position: r.pick([null, 'supported', 'noted', 'supported_in_part']),
      original_language: languages[0],
      texts,
      theme_ids: r.next() < 0.3 ? [] : r.some(v.themes, 3).map((t) => t.id),
      affected_ids: r.next() < 0.4 ? [] : r.some(v.affected, 2).map((t) => t.id),
      sdg_goals: r.next() < 0.4 ? [] : r.some([1, 4, 5, 10, 16], 2),
      sdg_targets: r.next() < 0.5 ? [] : r.some(v.targets, 2),
    };
  });
  await db.pool.query(
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

/** The documented relevance order: the `candidates` most recent matches by full ranking, then the others by date. */
function relevanceOrder(fullRanking: number[], byDate: number[], candidates: number): number[] {
  const recent = new Set(byDate.slice(0, candidates));
  return [...fullRanking.filter((id) => recent.has(id)), ...byDate.slice(candidates)];
}

function randomQuery(v: Vocabulary, r: ReturnType<typeof random>): SearchQuery {
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

beforeAll(async () => {
  db = await connectTestDatabase();
  other = await connectTestDatabase();
  await resetCatalogue(db);
  forgetLabelMaps();
  maps = await labelMaps(db.pool);
});
afterAll(async () => {
  await other.close();
  await db.close();
});

describe('facet index against the SQL reference', () => {
  it('gives the same total, facet counts and order for randomised searches', async () => {
    const v = await vocabulary();
    await writeRandomCatalogue(v, 1200, 20261122);
    const r = random(7);
    let ranked = 0;
    for (let i = 0; i < 150; i++) {
      const query = randomQuery(v, r);
      const label = JSON.stringify(query);
      const [result, reference, ids, referenceIds, referenceByDate] = await Promise.all([
        searchRecommendations(db.pool, query, maps, 'en'),
        referenceFacets(db.pool, query, maps),
        matchingIds(db.pool, query, maps),
        referenceMatchingIds(db.pool, query, maps),
        referenceMatchingIds(db.pool, { ...query, sort: 'date_desc' }, maps),
      ]);
      expect(result.total, label).toBe(reference.total);
      expect(result.facets, label).toEqual(reference.facets);
      expect(ids, label).toEqual(referenceIds);
      const expected = effectiveSort(query) === 'relevance' ? relevanceOrder(referenceIds, referenceByDate, RANK_CANDIDATES) : referenceIds;
      expect(result.rows.map((row) => row.id), label).toEqual(expected.slice(0, 100));
      ranked += Number(effectiveSort(query) === 'relevance' && reference.total > RANK_CANDIDATES);
    }
    expect(ranked).toBeGreaterThan(0); // some searches had more matches than the ranked candidates
  });

  it('ranks the most recent candidates, then pages on through the other matches in date order', async () => {
    const query = searchQuerySchema.parse({ q: 'the OR education OR rights', page_size: 100 });
    const all = await matchingIds(db.pool, query, maps);
    expect(all.length).toBeGreaterThan(200);
    const byDate = await matchingIds(db.pool, { ...query, sort: 'date_desc' }, maps);
    const pages = async (rankCandidates: number) => {
      const ids: number[] = [];
      for (let page = 1; page <= Math.ceil(all.length / 100); page++) {
        ids.push(...(await searchRecommendations(db.pool, { ...query, page }, maps, 'en', { rankCandidates })).rows.map((row) => row.id));
      }
      return ids;
    };
    // Every match a candidate: the full ranking, every match exactly once.
    expect(await pages(all.length)).toEqual(all);
    // 150 candidates: the 150 most recent matches by relevance, then the rest by date.
    expect(await pages(150)).toEqual(relevanceOrder(all, byDate, 150));
  });
});

describe('facet index freshness', () => {
  const total = async () => (await searchRecommendations(db.pool, searchQuerySchema.parse({}), maps, 'en')).total;
  const count = async () => Number((await db.pool.query('select count(*) from recommendation')).rows[0].count);

  it('is loaded once and reused while the catalogue does not change', async () => {
    await total();
    const loads = facetIndexStats(db.pool)!.loads;
    await total();
    await searchRecommendations(db.pool, searchQuerySchema.parse({ q: 'education', country: ['XXX'] }), maps, 'en');
    expect(facetIndexStats(db.pool)!.loads).toBe(loads);
    expect(facetIndexStats(db.pool)!.records).toBe(await count());
  });

  it('sees inserts, updates, deletes and truncation made through another connection', async () => {
    const before = await total();
    const version = await catalogueVersion(db.pool);
    const row = (await other.pool.query('select id, countries from recommendation order by id limit 1')).rows[0];
    await other.pool.query(`insert into recommendation (identity_key, source, mechanism_id, kind, countries, original_language, texts, search_vector, content_hash)
      select 'fresh:1', 'test', mechanism_id, kind, '{ZZZ}', original_language, texts, search_vector, 'x' from recommendation where id = $1`, [row.id]);
    expect(await catalogueVersion(db.pool)).toBeGreaterThan(version);
    expect(await total()).toBe(before + 1);
    const zzz = async () => (await searchRecommendations(db.pool, searchQuerySchema.parse({}), maps, 'en')).facets.country.find((f) => f.key === 'ZZZ')?.count;
    expect(await zzz()).toBe(1);

    await other.pool.query(`update recommendation set countries = '{ZZZ}' where id = $1`, [row.id]);
    expect(await zzz()).toBe(2);
    const filtered = await searchRecommendations(db.pool, searchQuerySchema.parse({ country: ['ZZZ'] }), maps, 'en');
    expect(filtered.total).toBe(2);
    expect(filtered.rows.map((r) => r.id)).toContain(row.id);

    await other.pool.query(`delete from recommendation where identity_key = 'fresh:1'`);
    expect(await zzz()).toBe(1);
    expect(await total()).toBe(before);

    await other.pool.query('truncate recommendation cascade');
    expect(await total()).toBe(0);
  });

  it.skipIf(inject('databaseKind') !== 'postgres')('does not see an uncommitted write, and sees it once committed', async () => {
    const before = await total();
    const client = await other.pool.connect();
    try {
      await client.query('begin');
      await client.query(`insert into recommendation (identity_key, source, mechanism_id, kind, countries, original_language, texts, search_vector, content_hash)
        select 'fresh:2', 'test', min(id), 'recommendation', '{}', 'en', '{"en": {"text": "x", "status": "original"}}', ''::tsvector, 'x' from mechanism`);
      expect(await total()).toBe(before); // the reader does not wait for the writer's lock
      await client.query('commit');
    } finally {
      client.release();
    }
    expect(await total()).toBe(before + 1);
  });
});
