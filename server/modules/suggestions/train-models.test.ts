/**
 * Training the instance's suggestion model on its own labels (demo data), storing it with its
 * quality, keeping the previous one when a training fails, and retraining when due.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestTrainCommand } from '../../cli/suggest-train';
import { DEMO_FILE } from '../../db/seeds/demo';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import type { Database } from '../../platform/db/database';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';
import { scoreCatalogue } from './score-catalogue';
import { retrainReason, runSuggestJob } from './suggestions.job';
import { trainingData, trainModel } from './train-models';

let db: Database;
beforeAll(async () => {
  db = await connectTestDatabase();
  await resetCatalogue(db);
  await db.pool.query('truncate suggestion_model cascade');
  await importRecommendations(db.pool, fs.readFileSync(DEMO_FILE), { fileName: 'recommendations.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
});
afterAll(async () => {
  await db.pool.query('truncate suggestion_model cascade');
  await db.close();
});

const models = async () => (await db.pool.query('select id::int as id, training_size, byte_size::int as byte_size, quality from suggestion_model order by id')).rows;

describe('training the suggestion model', () => {
  it('learns each field from the confirmed labels and the reference texts', async () => {
    const data = await trainingData(db.pool);
    expect([...data.keys()].sort()).toEqual(['affected', 'sdg_goal', 'sdg_target', 'theme']);
    const themes = data.get('theme')!;
    expect(themes.records).toBeGreaterThan(20);
    expect(themes.items.filter((i) => i.reference).length).toBeGreaterThan(themes.labels.length); // names in four languages
    expect(themes.items.filter((i) => !i.reference).every((i) => i.labels.every((l) => themes.labels.includes(l)))).toBe(true);
  });

  it('stores a version with its training date, size and quality measured on held-back records', async () => {
    const model = await trainModel(db.pool, { actor: 'system:test' });
    const [row] = await models();
    expect(row.id).toBe(model.version);
    expect(row.byte_size).toBeGreaterThan(1000);
    expect(row.training_size).toBeGreaterThan(20);
    const theme = row.quality.theme;
    expect(theme.held_back).toBeGreaterThanOrEqual(5);
    expect(theme.precision_at_1).toBeGreaterThan(0);
    expect(theme.labels).toBeGreaterThan(5);
    const { rows: fields } = await db.pool.query('select field from suggestion_model_field where model_id = $1 order by field', [model.version]);
    expect(fields.map((f) => f.field)).toEqual(['affected', 'sdg_goal', 'sdg_target', 'theme']);
    const { rows: audit } = await db.pool.query(`select actor from audit_log where entity = 'suggestion_model' and entity_id = $1`, [String(model.version)]);
    expect(audit).toEqual([{ actor: 'system:test' }]);
  }, 300_000);

  it('keeps the previous model when a training fails', async () => {
    const before = await models();
    await expect(trainModel(db.pool, { actor: 'system:test', train: async () => { throw new Error('out of memory'); } })).rejects.toThrow('out of memory');
    // A field whose model cannot be read back fails the whole training too.
    await expect(trainModel(db.pool, { actor: 'system:test', train: async () => ({ bytes: new Uint8Array(16) }) })).rejects.toThrow();
    expect(await models()).toEqual(before);
  });

  it('scores the catalogue with the current model: pending suggestions never become labels', async () => {
    const labels = (await db.pool.query('select count(*)::int as n from recommendation_label')).rows[0].n;
    const outcome = await scoreCatalogue(db.pool);
    expect(outcome.scored).toBe(45);
    expect(outcome.pending).toBeGreaterThan(0);
    const { rows } = await db.pool.query(
      `select count(*)::int as n from label_suggestion s join recommendation_label l on l.recommendation_id = s.recommendation_id
         and l.vocabulary = case s.field when 'affected' then 'affected_persons' else s.field end and l.value = s.value`);
    expect(rows[0].n).toBe(0); // never a label the record holds
    expect((await db.pool.query('select count(*)::int as n from recommendation_label')).rows[0].n).toBe(labels);
    expect((await scoreCatalogue(db.pool)).scored).toBe(0); // already scored by this model
  });

  it('retrains when the model is old or enough labels were confirmed since, and not otherwise', async () => {
    const now = new Date();
    expect(await retrainReason(db.pool, { retrainHours: 24, retrainLabels: 200 }, now)).toBeNull();
    expect(await retrainReason(db.pool, { retrainHours: 24, retrainLabels: 200 }, new Date(now.getTime() + 25 * 3_600_000))).toMatch(/older than 24 hours/);
    const { rows: [r] } = await db.pool.query(`select id from recommendation order by id limit 1`);
    await db.pool.query(`insert into recommendation_label (recommendation_id, vocabulary, value, provenance) select $1, 'sdg_goal', n::text, 'manual' from generate_series(1, 3) n on conflict do nothing`, [r.id]);
    expect(await retrainReason(db.pool, { retrainHours: 24, retrainLabels: 2 }, now)).toMatch(/labels confirmed since/);
    const before = (await models()).length;
    const outcome = await runSuggestJob(db.pool, { retrainHours: 24, retrainLabels: 2 }, now);
    expect(outcome.trained).toBeGreaterThan(0);
    expect(outcome.scored).toBe(45); // the new model scores everything again
    expect(await models()).toHaveLength(before + 1);
  }, 300_000);

  it('npm run suggest:train stores a model; a failed training exits 1 and keeps the model', async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), env: { DATABASE_URL: dbUrl() }, cwd: process.cwd() };
    const before = (await models()).length;
    expect(await suggestTrainCommand(['--no-score'], io, { train: async () => { throw new Error('worker died'); } })).toBe(1);
    expect(out.join('')).toMatch(/the training failed, the previous model stays: worker died/);
    expect(await models()).toHaveLength(before);
    expect(await suggestTrainCommand(['--bogus'], io)).toBe(2);
  });
});

function dbUrl(): string {
  return (db.pool.options as { connectionString?: string }).connectionString
    ?? `postgres://postgres@127.0.0.1:${(db.pool.options as { port?: number }).port}/postgres`;
}
