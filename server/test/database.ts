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

/**
 * Writes recommendations with only texts (one object of texts by language each; the first language
 * is the original), under the first mechanism, keyed `prefix:n` in the given order.
 */
export async function insertTexts(db: Database, prefix: string, catalogue: Record<string, string>[]): Promise<void> {
  const mechanism = (await db.pool.query('select id from mechanism order by id limit 1')).rows[0].id;
  await db.pool.query(
    `insert into recommendation (identity_key, source, mechanism_id, kind, countries, original_language, texts, search_vector, content_hash)
     select $3 || ':' || t.n, 'test', $1, 'recommendation', '{}', t.original_language, t.texts, nmirf_search_vector(t.texts), 'x'
     from jsonb_to_recordset($2::jsonb) as t(n int, original_language text, texts jsonb)`,
    [mechanism, JSON.stringify(catalogue.map((texts, n) => ({
      n, original_language: Object.keys(texts)[0],
      texts: Object.fromEntries(Object.entries(texts).map(([language, text]) => [language, { text, status: 'original' }])),
    }))), prefix],
  );
}
