import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectTestDatabase } from '../../test/database';
import type { Database } from './database';

let db: Database;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => db.close());

describe('database connection', () => {
  // PGlite (WebAssembly) has no JIT and ignores the setting.
  it.skipIf(inject('databaseKind') !== 'postgres')('turns JIT compilation off for its sessions on PostgreSQL', async () => {
    const { rows } = await db.pool.query('show jit');
    expect(rows[0].jit).toBe('off');
  });

  it('runs the migrations\' search functions', async () => {
    const { rows } = await db.pool.query(`select nmirf_search_vector('{"es": {"text": "Las educaciones"}}') @@ nmirf_search_query('educación', 'es') as match`);
    expect(rows[0].match).toBe(true);
  });
});
