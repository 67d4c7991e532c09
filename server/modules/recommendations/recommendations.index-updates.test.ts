/**
 * Incremental updates of the facet index (migration 0016_catalogue_change_log): random sequences
 * of writes from two pools, each with its own index as two app servers would have, checked
 * against the SQL reference after every step; a second server catching up by patching; a
 * pruned log forcing a full load; versions in use staying as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { searchQuerySchema } from '../../../shared/recommendations';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import {
  expectSameAsReference, random, randomFilters, randomLabels, randomQuery, randomTexts, vocabulary, writeRandomRecords, type Random,
  type Vocabulary,
} from '../../test/random-catalogue';
import { forgetLabelMaps, labelMaps, type LabelMaps } from '../taxonomies/taxonomies.repository';
import { facetIndex, facetIndexSettled, facetIndexStats, SYNC_PATCH_LIMIT } from './recommendations.facet-index';
import { refreshLabelArrays } from './recommendations.repository';
import { searchRecommendations } from './recommendations.search';

let a: Database;
let b: Database;
let maps: LabelMaps;
let v: Vocabulary;

beforeAll(async () => {
  a = await connectTestDatabase();
  b = await connectTestDatabase();
  await resetCatalogue(a);
  forgetLabelMaps();
  maps = await labelMaps(a.pool);
  v = await vocabulary(a.pool);
  await writeRandomRecords(a.pool, v, 800, 1);
});
afterAll(async () => {
  await b.close();
  await a.close();
});

const everything = searchQuerySchema.parse({ page_size: 100 });
const someIds = async (pool: pg.Pool, r: Random, n: number): Promise<number[]> => {
  const { rows } = await pool.query('select id from recommendation order by id');
  return r.some(rows.map((row) => Number(row.id)), n);
};

/** One random write through `pool`; returns what it did, for the failure message. */
async function randomWrite(pool: pg.Pool, r: Random, step: number): Promise<string> {
  const kind = r.pick(['insert', 'texts', 'filters', 'relabel', 'delete', 'import', 'unindexed'] as const);
  switch (kind) {
    case 'insert':
      await writeRandomRecords(pool, v, 1 + Math.floor(r.next() * 3), 1000 + step, 'insert');
      return kind;
    case 'texts': {
      for (const id of await someIds(pool, r, 3)) {
        const texts = JSON.stringify(randomTexts(r));
        await pool.query(`update recommendation set texts = $2, original_language = (select min(k) from jsonb_object_keys($2::jsonb) k),
          search_vector = nmirf_search_vector($2) where id = $1`, [id, texts]);
      }
      return kind;
    }
    case 'filters': {
      const ids = await someIds(pool, r, 3);
      const f = randomFilters(v, r);
      await pool.query(`update recommendation set mechanism_id = $2, countries = $3, document_date = $4, year = $5, cycle = $6, position = $7
        where id = any($1::bigint[])`, [ids, f.mechanism_id, f.countries, f.document_date, f.year, f.cycle, f.position]);
      return kind;
    }
    case 'relabel': {
      // As people label: the labels table, then the arrays the index reads, in one transaction.
      const ids = await someIds(pool, r, 4);
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query('delete from recommendation_label where recommendation_id = any($1::bigint[])', [ids]);
        for (const id of ids) {
          const labels = randomLabels(v, r);
          const values = [
            ...labels.theme_ids.map((t) => ['theme', String(t)]), ...labels.affected_ids.map((t) => ['affected_persons', String(t)]),
            ...labels.sdg_goals.map((g) => ['sdg_goal', String(g)]), ...labels.sdg_targets.map((t) => ['sdg_target', t]),
          ];
          for (const [vocabulary, value] of values) {
            await client.query(`insert into recommendation_label (recommendation_id, vocabulary, value, provenance) values ($1, $2, $3, 'manual')`, [id, vocabulary, value]);
          }
        }
        await refreshLabelArrays(client, ids);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
      return kind;
    }
    case 'delete':
      await pool.query('delete from recommendation where id = any($1::bigint[])', [await someIds(pool, r, 2)]);
      return kind;
    case 'import': {
      // Several statements in one transaction, as the importer writes: new records, then changes to some.
      const client = await pool.connect();
      const size = 20 + Math.floor(r.next() * 200);
      try {
        await client.query('begin');
        await writeRandomRecords(client, v, size, 2000 + step, 'import');
        await writeRandomRecords(client, v, 10, 3000 + step, 'import');
        await client.query(`update recommendation set position = 'noted', texts = texts || '{"es": {"text": "tortura y pena", "status": "machine"}}',
          search_vector = nmirf_search_vector(texts || '{"es": {"text": "tortura y pena", "status": "machine"}}')
          where identity_key like $1`, [`import:${2000 + step}:1%`]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
      return `${kind} of ${size + 10}`;
    }
    case 'unindexed':
      await pool.query(`update recommendation set recommending_states = '{FRA}', updated_at = now() where id = any($1::bigint[])`, [await someIds(pool, r, 5)]);
      return kind;
  }
}

describe('facet index patched by the change log', () => {
  it('agrees with the SQL reference after random writes from two connections, on both app servers, without a full load', async () => {
    const r = random(12);
    // Both servers hold an index before the writes begin.
    await expectSameAsReference(a.pool, everything, maps);
    await expectSameAsReference(b.pool, everything, maps);
    const loads = [facetIndexStats(a.pool)!.loads, facetIndexStats(b.pool)!.loads];
    for (let step = 0; step < 24; step++) {
      let done: string[];
      if (r.next() < 0.3) {
        // Two writers at once (on PostgreSQL they take turns on the version row), and a search meanwhile.
        done = await Promise.all([randomWrite(a.pool, r, step), randomWrite(b.pool, r, step + 100),
          searchRecommendations(a.pool, randomQuery(v, r), maps, 'en').then(() => 'search')]);
      } else {
        done = [await randomWrite(r.next() < 0.5 ? a.pool : b.pool, r, step)];
      }
      for (const db of [a, b]) {
        for (let k = 0; k < 2; k++) {
          const query = randomQuery(v, r);
          await expectSameAsReference(db.pool, query, maps, `step ${step} (${done.join(', ')}): ${JSON.stringify(query)}`);
        }
      }
    }
    for (const [i, db] of [a, b].entries()) {
      const stats = facetIndexStats(db.pool)!;
      expect(stats.loads).toBe(loads[i]);
      expect(stats.patches).toBeGreaterThan(10);
      expect(stats.max_patch_ms).toBeGreaterThan(0);
    }
  });

  it('patches a large import in the background: the version in use answers meanwhile, then the new one', async () => {
    const before = await expectSameAsReference(b.pool, everything, maps);
    const stats = facetIndexStats(b.pool)!;
    await writeRandomRecords(a.pool, v, SYNC_PATCH_LIMIT + 100, 77, 'large');
    // The search does not wait for the patch: it answers from the version it had.
    expect((await searchRecommendations(b.pool, everything, maps, 'en')).total).toBe(before);
    await facetIndexSettled(b.pool);
    expect(await expectSameAsReference(b.pool, everything, maps)).toBe(before + SYNC_PATCH_LIMIT + 100);
    const after = facetIndexStats(b.pool)!;
    expect(after.background_patches).toBe(stats.background_patches + 1);
    expect(after.loads).toBe(stats.loads);
  });

  it('keeps a version in use as it was while later ones are patched in', async () => {
    const query = searchQuerySchema.parse({ country: [v.countries[0]] });
    const old = await facetIndex(a.pool);
    const evaluation = old.evaluate(query, maps, null);
    const order = old.datePage(evaluation, 'desc', 0, evaluation.total);
    const textRows = old.textRows("'torture' | 'tortur'", undefined);
    const ids = (await a.pool.query('select id from recommendation order by id limit 5')).rows.map((row) => Number(row.id));
    await b.pool.query(`update recommendation set countries = $2, texts = '{"en": {"text": "torture", "status": "original"}}',
      search_vector = nmirf_search_vector('{"en": {"text": "torture", "status": "original"}}') where id = any($1::bigint[])`, [ids, [v.countries[0]]]);
    await b.pool.query('delete from recommendation where id = (select max(id) from recommendation)');
    await writeRandomRecords(b.pool, v, 3, 88, 'cow');
    const patched = await facetIndex(a.pool);
    expect(patched).not.toBe(old);
    expect(patched.version).toBeGreaterThan(old.version);
    // The old version gives exactly what it gave before.
    const again = old.evaluate(query, maps, null);
    expect(again.total).toBe(evaluation.total);
    expect(again.facets).toEqual(evaluation.facets);
    expect(old.datePage(again, 'desc', 0, again.total)).toEqual(order);
    expect(old.textRows("'torture' | 'tortur'", undefined)).toEqual(textRows);
    for (const id of ids) expect(old.row(id)).toBeGreaterThanOrEqual(0);
    // The new one has the changes.
    const now = patched.evaluate(query, maps, null);
    for (const id of ids) expect(patched.datePage(now, 'desc', 0, now.total)).toContain(id);
    await expectSameAsReference(a.pool, searchQuerySchema.parse({ q: 'torture', country: [v.countries[0]] }), maps);
  });
});

describe('another app server', () => {
  it('catches up from the log by patching, not by loading again', async () => {
    const c = await connectTestDatabase();
    try {
      await expectSameAsReference(c.pool, everything, maps);
      const loads = facetIndexStats(c.pool)!.loads;
      const r = random(99);
      await a.pool.query(`update recommendation set position = 'supported_in_part' where id = $1`, [(await someIds(a.pool, r, 1))[0]]);
      await writeRandomRecords(b.pool, v, 50, 99, 'other');
      await a.pool.query('delete from recommendation where id = any($1::bigint[])', [await someIds(a.pool, r, 3)]);
      for (let k = 0; k < 6; k++) await expectSameAsReference(c.pool, randomQuery(v, r), maps);
      await expectSameAsReference(c.pool, everything, maps);
      const stats = facetIndexStats(c.pool)!;
      expect(stats.loads).toBe(loads);
      expect(stats.patches).toBeGreaterThanOrEqual(1);
      expect(stats.patched_records).toBeGreaterThanOrEqual(50); // the 50 new ones at least (the edit may change nothing, a delete may hit it)
    } finally {
      await c.close();
    }
  });

  it('loads again whole when the log no longer reaches back to its version, answering from the old one meanwhile', async () => {
    const c = await connectTestDatabase();
    try {
      const before = await expectSameAsReference(c.pool, everything, maps);
      const loads = facetIndexStats(c.pool)!.loads;
      await writeRandomRecords(a.pool, v, 5, 123, 'pruned');
      await a.pool.query('select catalogue_change_prune(0)');
      expect((await searchRecommendations(c.pool, everything, maps, 'en')).total).toBe(before);
      await facetIndexSettled(c.pool);
      const stats = facetIndexStats(c.pool)!;
      expect(stats.loads).toBe(loads + 1);
      expect(stats.last_load_reason).toBe('log');
      const r = random(5);
      expect(await expectSameAsReference(c.pool, everything, maps)).toBe(before + 5);
      for (let k = 0; k < 5; k++) await expectSameAsReference(c.pool, randomQuery(v, r), maps);
      // And it patches again from then on.
      await writeRandomRecords(b.pool, v, 2, 124, 'pruned');
      expect(await expectSameAsReference(c.pool, everything, maps)).toBe(before + 7);
      expect(facetIndexStats(c.pool)!.loads).toBe(loads + 1);
    } finally {
      await c.close();
    }
  });
});

describe('the change log', () => {
  const log = async () => (await a.pool.query('select version, recommendation_id from catalogue_change order by version, recommendation_id')).rows
    .map((row) => [Number(row.version), Number(row.recommendation_id)]);
  const state = async () => {
    const row = (await a.pool.query('select version, log_from, log_rows from catalogue_state')).rows[0];
    return { version: Number(row.version), logFrom: Number(row.log_from), logRows: Number(row.log_rows) };
  };

  it('logs the ids each statement inserts, deletes or changes in an indexed column, under its version', async () => {
    await a.pool.query('select catalogue_change_prune(0)');
    expect(await log()).toEqual([]);
    await writeRandomRecords(a.pool, v, 2, 500, 'log');
    const { version } = await state();
    const ids = (await a.pool.query(`select id from recommendation where identity_key like 'log:500:%' order by id`)).rows.map((row) => Number(row.id));
    expect(await log()).toEqual(ids.map((id) => [version, id]));
    // An update that changes nothing: the version moves, nothing is logged.
    await a.pool.query(`update recommendation set cycle = cycle where id = any($1::bigint[])`, [ids]);
    expect((await state()).version).toBe(version + 1);
    expect(await log()).toHaveLength(2);
    // Columns the index does not read are logged too: kept public answers show them (migration 0034).
    await a.pool.query(`update recommendation set recommending_states = '{PRY}' where id = $1`, [ids[0]]);
    await a.pool.query(`update recommendation set cycle = 9 where id = $1`, [ids[0]]);
    await a.pool.query(`delete from recommendation where id = $1`, [ids[1]]);
    expect(await log()).toEqual([[version, ids[0]], [version, ids[1]], [version + 2, ids[0]], [version + 3, ids[0]], [version + 4, ids[1]]]);
    expect((await state()).logRows).toBe(5);
  });

  it('is pruned by whole versions, and says from which version on it is complete', async () => {
    const before = await state();
    await a.pool.query('select catalogue_change_prune(1)');
    // The newest version logged (one row) stays; every older version goes.
    const after = await state();
    const rows = await log();
    expect(rows).toHaveLength(1);
    expect(after.logFrom).toBeGreaterThan(before.logFrom);
    expect(after.logFrom).toBeLessThan(rows[0][0]);
    expect(after.logRows).toBe(1);
  });
});
