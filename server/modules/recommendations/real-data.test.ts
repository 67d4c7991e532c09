/**
 * The importer on the real public files in ../shared/data (absent from a
 * user's clone: then these tests are skipped and say why).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import { importRecommendations } from './use-cases/import-recommendations';

const shared = path.resolve(import.meta.dirname, '../../../../shared/data');
const uprInfo = path.join(shared, 'upr-info-2008-2014');
const slovenia = path.join(shared, 'uhri-thematic-slovenia/slovenia_upr_thematic_cycles2-3.jsonl');
const absent = !fs.existsSync(uprInfo);

let db: Database;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => db.close());

const count = async (where = 'true') =>
  Number((await db.pool.query(`select count(*) from recommendation where ${where}`)).rows[0].count);

describe.skipIf(absent)('UPR Info database, sessions 1-20, as published (needs ../shared/data)', () => {
  const files = absent ? [] : fs.readdirSync(path.join(uprInfo, 'original')).filter((f) => f.endsWith('.csv'));

  /**
   * Expected recommendations, counted independently on the UTF-8 copy: rows
   * with the same State, session, kind and text are one recommendation made
   * by several States.
   */
  function expectedFromUtf8Copy() {
    const rows: Record<string, string>[] = parse(fs.readFileSync(path.join(uprInfo, 'upr_info_sessions_1-20.utf8.csv')), { columns: true });
    const keys = new Set(rows.map((r) => [r.state_under_review, r.session, r.response === 'Voluntary Pledge',
      r.text.toLowerCase().replace(/\s+/g, ' ').trim()].join('|')));
    return { rows: rows.length, recommendations: keys.size, paraguay: new Set(rows.filter((r) => r.state_under_review === 'Paraguay').map((r) => r.text)).size };
  }

  it('imports every file with nothing rejected, merges repeated rows, and re-imports as unchanged', async () => {
    await resetCatalogue(db);
    const expected = expectedFromUtf8Copy();
    let created = 0;
    for (const file of files) {
      const report = await importRecommendations(db.pool, fs.readFileSync(path.join(uprInfo, 'original', file)), { fileName: file, actor: 'system:test' });
      expect(report.format).toBe('upr-info-csv');
      expect(report.issues, file).toEqual([]);
      expect(report.rejected).toBe(0);
      created += report.created;
    }
    expect(expected.rows).toBe(42_013);
    expect(created).toBe(expected.recommendations);
    expect(await count()).toBe(expected.recommendations);
    expect(await count(`kind = 'pledge'`)).toBeGreaterThan(900);
    expect(await count(`countries = '{PRY}'`)).toBe(expected.paraguay);
    expect(await count(`cardinality(recommending_states) > 1`)).toBeGreaterThan(500);
    expect(await count('cardinality(upr_info_issue_ids) = 0')).toBeLessThan(100);

    for (const file of files) {
      const again = await importRecommendations(db.pool, fs.readFileSync(path.join(uprInfo, 'original', file)), { fileName: file, actor: 'system:test' });
      expect(again.created + again.updated, file).toBe(0);
    }
  }, 600_000);
});

describe.skipIf(!fs.existsSync(slovenia))('OHCHR UPR matrix for Slovenia, cycles 2-3 (needs ../shared/data)', () => {
  it('imports all 378 with positions, their source, and old coded themes mapped to current terms', async () => {
    await resetCatalogue(db);
    const report = await importRecommendations(db.pool, fs.readFileSync(slovenia), { fileName: 'slovenia.jsonl', actor: 'system:test' });
    expect(report).toMatchObject({ format: 'upr-matrix-jsonl', created: 378, rejected: 0 });
    expect(await count(`position = 'supported'`)).toBe(324);
    expect(await count(`position = 'noted'`)).toBe(54);
    expect(await count(`cycle = 2`)).toBe(163);
    expect(await count(`position_source like 'A/HRC/%'`)).toBe(378);
    // "A12 Acceptance of international norms" (cycle 2) and the cycle 3 wording are one term.
    const { rows } = await db.pool.query(`select count(distinct r.cycle) from recommendation r
      join vocabulary_term t on t.id = any(r.theme_ids) where t.key = 'acceptance-of-international-norms'`);
    expect(Number(rows[0].count)).toBe(2);
  }, 120_000);
});
