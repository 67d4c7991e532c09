/** An app on the test database, with the demo catalogue loaded once. */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { DEMO_FILE } from '../db/seeds/demo';
import { importRecommendations } from '../modules/recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../modules/taxonomies/taxonomies.repository';
import type { Database } from '../platform/db/database';
import { connectTestDatabase, resetCatalogue } from './database';

export async function appWithDemoData(): Promise<{ app: FastifyInstance; db: Database; close: () => Promise<void> }> {
  const db = await connectTestDatabase();
  await resetCatalogue(db);
  await importRecommendations(db.pool, fs.readFileSync(DEMO_FILE), { fileName: 'recommendations.csv', format: 'csv', actor: 'test' });
  forgetLabelMaps();
  const app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent' });
  return { app, db, close: async () => { await app.close(); await db.close(); } };
}
