/**
 * The in-memory facet index against the SQL it replaced (server/test/search-reference.ts),
 * on a randomised catalogue and randomised searches; and its freshness when the catalogue
 * changes, from this pool or from another connection.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { searchQuerySchema } from '../../../shared/recommendations';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import { referenceMatchingIds } from '../../test/search-reference';
import { expectSameAsReference, random, randomQuery, relevanceOrder, vocabulary, writeRandomRecords } from '../../test/random-catalogue';
import { forgetLabelMaps, labelMaps, type LabelMaps } from '../taxonomies/taxonomies.repository';
import { catalogueVersion, facetIndex, facetIndexStats } from './recommendations.facet-index';
import { effectiveSort, matchingIds, RANK_CANDIDATES, searchRecommendations } from './recommendations.search';

let db: Database;
let other: Database;
let maps: LabelMaps;

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
    const v = await vocabulary(db.pool);
    await writeRandomRecords(db.pool, v, 1200, 20261122);
    const r = random(7);
    let ranked = 0;
    for (let i = 0; i < 150; i++) {
      const query = randomQuery(v, r);
      const total = await expectSameAsReference(db.pool, query, maps);
      ranked += Number(effectiveSort(query) === 'relevance' && total > RANK_CANDIDATES);
    }
    expect(ranked).toBeGreaterThan(0); // some searches had more matches than the ranked candidates
  });

  it('matches phrases as PostgreSQL does, with OR, exclusion, a language, stop words and words that stem together', async () => {
    const queries = ['"death penalty" OR torture -children', '-"death penalty"', 'violence -"death penalty" OR "torture torture"',
      '"death penalty" education', '"rights of the children"', '"the rights"', '"tortured torture"', '"pena muerte" OR "peine mort"',
      '"droits" -"enfants femmes"', '"rights rights" OR -rights'];
    let phrases = 0;
    for (const q of queries) {
      for (const lang of [undefined, 'en', 'es', 'fr']) {
        phrases += await expectSameAsReference(db.pool, searchQuerySchema.parse({ q, lang, page_size: 100 }), maps);
      }
    }
    expect(phrases).toBeGreaterThan(0);
    // The phrase's word order is checked by PostgreSQL only among the rows that hold its words.
    const bounds = (await facetIndex(db.pool)).textBounds("'death' <-> 'penalti' | 'tortur' & !'children'", undefined)!;
    expect(bounds.sure.length).toBeGreaterThan(0);
    expect(bounds.unsure.length).toBeGreaterThan(0);
    expect(bounds.unsure.length).toBeLessThan((await facetIndex(db.pool)).textRows("'death' & 'penalti'", undefined)!.length + 1);
    await expectSameAsReference(db.pool, searchQuerySchema.parse({ q: '"death penalty" OR torture', country: [(await vocabulary(db.pool)).countries[0]], sort: 'date_asc' }), maps);
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

describe('phrases checked by PostgreSQL', () => {
  it('checks the rows that may match against a query that answers as the whole one on them', async () => {
    const index = await facetIndex(db.pool);
    const { rows: words } = await db.pool.query(`select word from ts_stat('select search_vector from recommendation') order by ndoc desc, word limit 24`);
    const r = random(11);
    const lexeme = () => {
      const word: string = r.pick(words).word;
      const roll = r.next();
      return roll < 0.1 ? `'${word.slice(0, 3)}':*` : roll < 0.2 ? `'${word}':${r.pick(['A', 'B', 'D', 'AB'])}` : `'${word}'`;
    };
    const expression = (depth: number): string => {
      if (depth === 0 || r.next() < 0.3) return lexeme();
      const op = r.pick(['&', '|', '<->', '<->', '<2>', '!']);
      return op === '!' ? `!( ${expression(depth - 1)} )` : `( ${expression(depth - 1)} ) ${op} ( ${expression(depth - 1)} )`;
    };
    let checked = 0;
    let narrowed = 0;
    for (let i = 0; i < 300; i++) {
      const { rows: [{ text }] } = await db.pool.query('select $1::tsquery::text as text', [expression(4)]);
      const bounds = index.textBounds(text, undefined);
      if (!bounds || bounds.unsure.length === 0) continue;
      const ids = index.idsOfRows(bounds.unsure);
      const matching = async (tsquery: string) => (await db.pool.query(
        'select coalesce(array_agg(id order by id), \'{}\') as ids from recommendation where id = any($2::bigint[]) and search_vector @@ $1::tsquery',
        [tsquery, ids])).rows[0].ids;
      expect(await matching(bounds.check), `${text} → ${bounds.check}`).toEqual(await matching(text));
      checked++;
      narrowed += Number(bounds.check !== text);
    }
    expect(checked).toBeGreaterThan(50);
    expect(narrowed).toBeGreaterThan(20);
  });

  it('pages a phrase search in the order of the SQL reference, ties (equal ranks) by id descending', async () => {
    // Records with the same text rank the same.
    await db.pool.query(`insert into recommendation (identity_key, source, mechanism_id, kind, countries, original_language, texts, search_vector, content_hash)
      select 'tie:' || t.k || ':' || n, 'test', (select min(id) from mechanism), 'recommendation', '{}', 'en', t.texts, nmirf_search_vector(t.texts), 'x'
      from generate_series(1, 12) n, (values ('a', '{"en": {"text": "abolish the death penalty", "status": "original"}}'::jsonb),
        ('b', '{"en": {"text": "the death penalty and the death penalty for children", "status": "original"}}'::jsonb)) t(k, texts)`);
    const query = searchQuerySchema.parse({ q: '"death penalty" OR torture -children', page_size: 7 });
    const reference = await referenceMatchingIds(db.pool, query, maps);
    expect(reference.length).toBeLessThanOrEqual(RANK_CANDIDATES); // every match ranked
    const { rows: ranks } = await db.pool.query(
      `select count(*)::int as ties from (select ts_rank_cd(search_vector, nmirf_search_query($1, null)) as rank from recommendation
         where identity_key like 'tie:%') x group by rank`, [query.q]);
    expect(ranks.map((row) => row.ties)).toEqual([12, 12]);
    const ids: number[] = [];
    for (let page = 1; page <= Math.ceil(reference.length / query.page_size); page++) {
      ids.push(...(await searchRecommendations(db.pool, { ...query, page }, maps, 'en')).rows.map((row) => row.id));
    }
    expect(ids).toEqual(reference);
    expect(await matchingIds(db.pool, query, maps)).toEqual(reference);
    await expectSameAsReference(db.pool, { ...query, q: '"death penalty"' }, maps);
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
