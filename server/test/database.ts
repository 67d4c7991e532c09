/** Test access to the run's database (see global-setup.ts). */
import { inject } from 'vitest';
import { openDatabase, type Database } from '../platform/db/database';

export async function connectTestDatabase(): Promise<Database> {
  return openDatabase({ databaseUrl: inject('databaseUrl'), dataDir: 'memory://', poolSize: 4 });
}

/** Empties the catalogue (reference data stays). The audit log is append-only for rows, not for TRUNCATE. */
export async function resetCatalogue(db: Database): Promise<void> {
  await db.pool.query(`truncate recommendation, recommendation_label, recommendation_external_id,
    recommendation_revision, import_batch, audit_log restart identity cascade`);
}
