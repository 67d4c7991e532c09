import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemoData, type TestApp } from '../../test/app';
import { WITH_TSQUERY } from './recommendations.search';

let t: TestApp;
beforeAll(async () => { t = await appWithDemoData(); });
afterAll(async () => t?.close());

describe('the tsquery ranking uses', () => {
  it('has each top-level OR branch once, and ranks every match exactly as the full query does', async () => {
    const queries = ['educación', 'education', 'women violence', '"death penalty" OR torture -children', 'children -trafficking',
      'torture OR detention', '"death penalty" OR torture', 'freedom of expression', '"pueblos indígenas" -mujeres', 'niñas OR niños', 'discrimination'];
    for (const q of queries) {
      for (const lang of [null, 'es', 'en']) {
        const { rows: [built] } = await t.db.pool.query(`${WITH_TSQUERY}select q::text as q, rank_q::text as rank_q from tsq`, [q, lang]);
        const branches = (text: string) => text.split(' | ');
        expect(new Set(branches(built.rank_q)).size, `${q} ${lang}`).toBe(branches(built.rank_q).length);
        expect(new Set(branches(built.rank_q)), `${q} ${lang}`).toEqual(new Set(branches(built.q)));
        const { rows } = await t.db.pool.query(`${WITH_TSQUERY}select r.id, ts_rank_cd(r.search_vector, (select q from tsq)) as full_rank,
            ts_rank_cd(r.search_vector, (select rank_q from tsq)) as rank, r.search_vector @@ (select rank_q from tsq) as matches
          from recommendation r where r.search_vector @@ (select q from tsq)`, [q, lang]);
        for (const row of rows) {
          expect(row.rank, `${q} ${lang} #${row.id}`).toBe(row.full_rank);
          expect(row.matches).toBe(true);
        }
        // Without an exclusion the query is every language's reading ORed, repeats included; with one,
        // nmirf_search_query gives each branch once itself (migration 0020).
        if (lang === null && q === '"death penalty" OR torture') expect(branches(built.rank_q).length).toBeLessThan(branches(built.q).length);
        if (q.includes(' -')) expect(new Set(branches(built.q)).size, `${q} ${lang}`).toBe(branches(built.q).length);
      }
    }
  });
});
