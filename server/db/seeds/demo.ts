/**
 * Demo data for a fresh instance: a few dozen recommendations (written for
 * the demo, not copied from a dataset) in Spanish, English, French and
 * Portuguese, loaded through the importer like any user file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { importRecommendations } from '../../modules/recommendations/use-cases/import-recommendations';

export const DEMO_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo', 'recommendations.csv');

/** Loads the demo recommendations when the catalogue is empty. */
export async function seedDemoData(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query('select exists (select 1 from recommendation) as present');
  if (rows[0].present) return;
  const report = await importRecommendations(pool, fs.readFileSync(DEMO_FILE), {
    fileName: 'demo/recommendations.csv', format: 'csv', actor: 'system:demo',
  });
  if (!report.written) {
    throw new Error(`demo data did not load: ${JSON.stringify(report.issues.slice(0, 3))}`);
  }
}
