/** The app on the test database, as the API tests use it: silent, without the web files. */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { DEMO_FILE } from '../db/seeds/demo';
import { importRecommendations } from '../modules/recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../modules/taxonomies/taxonomies.repository';
import type { InstanceRole } from '../platform/config';
import type { Database } from '../platform/db/database';
import { connectTestDatabase, resetCatalogue } from './database';

export interface TestApp { app: FastifyInstance; db: Database; close: () => Promise<void> }

/** `instanceRole: 'hub'` adds the Network's routes (tests that cover every route of the API use one). */
export async function testApp(options: { instanceRole?: InstanceRole } = {}): Promise<TestApp> {
  const db = await connectTestDatabase();
  const app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', instanceRole: options.instanceRole });
  return { app, db, close: async () => { await app.close(); await db.close(); } };
}

/** The same, with the catalogue emptied and the demo recommendations loaded. */
export async function appWithDemoData(options: { instanceRole?: InstanceRole } = {}): Promise<TestApp> {
  const test = await testApp(options);
  await resetCatalogue(test.db);
  await importRecommendations(test.db.pool, fs.readFileSync(DEMO_FILE), { fileName: 'recommendations.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  return test;
}
