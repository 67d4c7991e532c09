/**
 * One database for the whole test run: the embedded PGlite (in memory) by
 * default, or the PostgreSQL given by DATABASE_URL (a fresh database that the
 * caller created). Tests reach it through `inject('databaseUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { openDatabase, type Database } from '../platform/db/database';
import { prepareDatabase } from '../platform/db/migrate';
import { startFromInitdbImage } from './initdb-image';

let db: Database | null = null;

export default async function setup(project: TestProject) {
  startFromInitdbImage();
  let url = process.env.DATABASE_URL?.trim();
  db = await openDatabase({ databaseUrl: url || null, dataDir: 'memory://' });
  if (!url) {
    const port = (db.pool.options as { port?: number }).port;
    url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }
  await prepareDatabase(db.pool);
  project.provide('databaseUrl', url);
  project.provide('databaseKind', db.kind);
  return async () => {
    await db?.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: 'embedded' | 'postgres';
  }
}
