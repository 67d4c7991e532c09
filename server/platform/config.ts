/** Process configuration, read once from the environment. */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** Directory of the embedded database (and, later, uploaded files). */
  dataDir: string;
  /** When set, a real PostgreSQL is used instead of the embedded one. */
  databaseUrl: string | null;
  /** Load demo recommendations and demo logins when the catalogue is empty. */
  seedDemo: boolean;
  logLevel: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a number between 0 and 65535, got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL?.trim() || null,
    seedDemo: env.SEED_DEMO !== 'false',
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
