import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../../db/seeds/demo';
import type { Database } from '../../../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../../../test/database';
import { ImportFileError } from '../import/types';
import { importRecommendations, type ImportOptions } from './import-recommendations';
import { inEnglish } from '../../../test/import-issues';

let db: Database;
const demo = fs.readFileSync(DEMO_FILE);
const demoRows = demo.toString('utf8').trim().split('\n').length - 1;
const HEADER = 'mechanism,country,language,date,paragraph,symbol,text,themes,sdgs\n';
const options = (extra: Partial<ImportOptions> = {}): ImportOptions => ({ fileName: 'test.csv', format: 'csv', actor: 'system:test', ...extra });

beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => db.close());
beforeEach(async () => resetCatalogue(db));

/** Everything an import can write, to prove that a refused import wrote nothing. */
async function snapshot() {
  const { rows } = await db.pool.query(`select
    (select count(*) from recommendation) recommendations, (select count(*) from recommendation_label) labels,
    (select count(*) from recommendation_revision) revisions, (select count(*) from import_batch) batches,
    (select count(*) from audit_log) audit, (select count(*) from vocabulary_term) terms,
    (select coalesce(sum(version), 0) from recommendation) versions`);
  return rows[0];
}

describe('importing a file', () => {
  it('creates every record, with an import batch and one audit row in the same transaction', async () => {
    const report = await importRecommendations(db.pool, demo, options());
    expect(report).toMatchObject({ created: demoRows, updated: 0, unchanged: 0, rejected: 0, written: true });
    const after = await snapshot();
    expect(after.recommendations).toBe(demoRows);
    expect(after.batches).toBe(1);
    expect(after.audit).toBe(1);
    const { rows } = await db.pool.query(`select actor, action, entity, after from audit_log`);
    expect(rows[0]).toMatchObject({ actor: 'system:test', action: 'import', entity: 'import_batch' });
    expect(rows[0].after.created).toBe(demoRows);
  });

  it('is idempotent: the same file again changes nothing and writes nothing', async () => {
    await importRecommendations(db.pool, demo, options());
    const before = await snapshot();
    const again = await importRecommendations(db.pool, demo, options());
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: demoRows, rejected: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('updates a changed record and keeps its previous state in history', async () => {
    const file = (text: string) => Buffer.from(`${HEADER}CRC,PRY,es,2022-10-12,20,CRC/C/PRY/CO/6,"${text}",Right to education,4.1\n`);
    const withId = (text: string) => Buffer.from(`external_id,${HEADER}x-1,CRC,PRY,es,2022-10-12,20,CRC/C/PRY/CO/6,"${text}",Right to education,4.1\n`);
    await importRecommendations(db.pool, withId('Garantizar la educación'), options());
    const changed = await importRecommendations(db.pool, withId('Garantizar la educación gratuita'), options());
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const { rows } = await db.pool.query(`select r.version, r.texts, v.version as old_version, v.snapshot
      from recommendation r join recommendation_revision v on v.recommendation_id = r.id`);
    expect(rows).toHaveLength(1);
    expect(rows[0].version).toBe(2);
    expect(rows[0].old_version).toBe(1);
    expect(rows[0].snapshot.texts.es.text).toBe('Garantizar la educación');
    expect(rows[0].texts.es.text).toBe('Garantizar la educación gratuita');
    // Without a source id, identity comes from the content: a new text is a new recommendation.
    await importRecommendations(db.pool, file('Otra recomendación'), options());
    expect((await snapshot()).recommendations).toBe(2);
  });

  it('keeps labels added by hand when a re-import changes the record', async () => {
    const withId = (text: string) => Buffer.from(`external_id,${HEADER}x-2,UPR,PRY,es,2021-03-01,1,A/HRC/48/9,"${text}",Right to education,4.1\n`);
    await importRecommendations(db.pool, withId('Texto uno'), options());
    const { rows: [rec] } = await db.pool.query('select id from recommendation');
    const { rows: [term] } = await db.pool.query(`select id from vocabulary_term where vocabulary = 'theme' and key = 'right-to-health'`);
    await db.pool.query(`insert into recommendation_label (recommendation_id, vocabulary, value, provenance) values ($1, 'theme', $2, 'manual')`, [rec.id, String(term.id)]);
    await importRecommendations(db.pool, withId('Texto dos'), options());
    const { rows: [after] } = await db.pool.query('select theme_ids from recommendation');
    expect(after.theme_ids).toContain(term.id);
    const { rows: labels } = await db.pool.query(`select provenance from recommendation_label where vocabulary = 'theme' order by provenance`);
    expect(labels.map((l) => l.provenance)).toEqual(['import', 'manual']);
  });

  it('merges rows that are one recommendation made by several States', async () => {
    const file = Buffer.from('mechanism,country,language,date,paragraph,symbol,text,recommending_states\n' +
      'UPR,PRY,en,2011-03-28,84.1,A/HRC/17/18,Ratify OPCAT,Chile\n' +
      'UPR,PRY,en,2011-03-28,84.1,A/HRC/17/18,Ratify  OPCAT,Peru|Chile\n');
    const report = await importRecommendations(db.pool, file, options());
    expect(report.created).toBe(1);
    const { rows } = await db.pool.query('select recommending_states from recommendation');
    expect(rows[0].recommending_states.sort()).toEqual(['CHL', 'PER']);
  });

  it('adds unknown vocabulary labels as new terms instead of rejecting the record', async () => {
    const file = Buffer.from(`${HEADER}UPR,PRY,en,2011-03-28,1,A/HRC/17/18,Do something,A brand new theme|Right to education,\n`);
    const report = await importRecommendations(db.pool, file, options());
    expect(report).toMatchObject({ created: 1, newTerms: 1 });
    const { rows } = await db.pool.query(`select label from vocabulary_term where key = 'a-brand-new-theme'`);
    expect(rows[0].label).toEqual({ en: 'A brand new theme' });
  });
});

describe('all or nothing', () => {
  const mixed = Buffer.from(`${HEADER}UPR,PRY,en,2011-03-28,1,A/HRC/17/18,Valid one,,\n` +
    'UPR,ATLANTIS,en,2011-03-28,2,A/HRC/17/18,Unknown State,,\n' +
    'NOPE,PRY,en,2011-03-28,3,A/HRC/17/18,Unknown mechanism,,\n' +
    'UPR,PRY,en,2011-03-28,4,A/HRC/17/18,Bad SDG,,99.9\n');

  it('writes nothing when one row is invalid, and says where and why', async () => {
    const report = await importRecommendations(db.pool, mixed, options({ fileName: '/tmp/mixed.csv' }));
    expect(report).toMatchObject({ created: 0, rejected: 3, written: false });
    expect(inEnglish(report.issues)).toEqual(expect.arrayContaining([
      { file: 'mixed.csv', line: 3, field: 'country', reason: 'unknown State "ATLANTIS"' },
      { file: 'mixed.csv', line: 4, field: 'mechanism', reason: 'unknown mechanism "NOPE"' },
      expect.objectContaining({ file: 'mixed.csv', line: 5, field: 'sdgs', reason: expect.stringContaining('99.9') }),
    ]));
    expect((await snapshot()).recommendations).toBe(0);
    expect((await snapshot()).audit).toBe(0);
  });

  it('imports the valid rows with skipInvalid', async () => {
    const report = await importRecommendations(db.pool, mixed, options({ skipInvalid: true }));
    expect(report).toMatchObject({ created: 1, rejected: 3, written: true });
    expect((await snapshot()).recommendations).toBe(1);
  });

  it('dry run reports what would happen and writes nothing', async () => {
    const before = await snapshot();
    const report = await importRecommendations(db.pool, demo, options({ dryRun: true }));
    expect(report).toMatchObject({ created: demoRows, written: false });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['empty', Buffer.alloc(0), 'csv' as const],
    ['binary', Buffer.from([0, 1, 2, 3, 0, 255, 254, 0]), undefined],
    ['truncated JSON', Buffer.from('[{"AnnotationId": "1", "Text": "abc'), 'uhri-json' as const],
    ['a CSV claimed to be UHRI JSON', demo, 'uhri-json' as const],
  ])('refuses a file that is %s with a one-line reason', async (_name, input, format) => {
    const attempt = importRecommendations(db.pool, input, options({ format }));
    await expect(attempt).rejects.toBeInstanceOf(ImportFileError);
    await expect(attempt).rejects.toThrow(/^[^\n]+$/);
    expect((await snapshot()).recommendations).toBe(0);
  });
});
