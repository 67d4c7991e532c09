import type { TestProject } from 'vitest/node';
import { startFromInitdbImage } from '../server/test/initdb-image';
import { startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's DATA_DIR ('' for E2E_BASE_URL): `npm run suggest:train` runs beside it. */
    dataDir: string;
  }
}

/** One real server for all browser test files. */
export default async function setup(project: TestProject) {
  startFromInitdbImage();
  // Retraining after new labels is left to the journeys that train (e2e/suggestions.e2e.ts), so the model does not change under them.
  const server = await startServer({ env: { SUGGEST_RETRAIN_LABELS: '1000000' } });
  project.provide('baseUrl', server.baseUrl);
  project.provide('dataDir', server.dataDir ?? '');
  return async () => {
    await server.stop();
  };
}
