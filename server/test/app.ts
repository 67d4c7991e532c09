/** The app on the test database, as the API tests use it: silent, without the web files. */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { DEMO_FILE } from '../db/seeds/demo';
import { importRecommendations } from '../modules/recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../modules/taxonomies/taxonomies.repository';
import type { Database } from '../platform/db/database';
import { connectTestDatabase, resetCatalogue } from './database';

export interface TestApp { app: FastifyInstance; db: Database; close: () => Promise<void> }

export async function testApp(): Promise<TestApp> {
  const db = await connectTestDatabase();
  const app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent' });
  return { app, db, close: async () => { await app.close(); await db.close(); } };
}

/** The same, with the catalogue emptied and the demo recommendations loaded. */
export async function appWithDemoData(): Promise<TestApp> {
  const test = await testApp();
  await resetCatalogue(test.db);
  await importRecommendations(test.db.pool, fs.readFileSync(DEMO_FILE), { fileName: 'recommendations.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  return test;
}
