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

describe('concurrent use', () => {
  it('gives every parameterised query its own answer, across connections and open transactions', async () => {
    const answers = await Promise.all(Array.from({ length: 300 }, async (_, i) => {
      if (i % 10 === 0) {
        // A transaction among the plain queries: its statements must not capture theirs.
        const client = await db.pool.connect();
        try {
          await client.query('begin');
          const { rows } = await client.query('select $1::int as n, pg_sleep(0.001)', [i]);
          await client.query('commit');
          return rows[0].n;
        } finally {
          client.release();
        }
      }
      const { rows } = await db.pool.query('select $1::int as n, $2::text as label', [i, `q${i}`]);
      return rows[0]?.label === `q${i}` ? rows[0].n : -1;
    }));
    expect(answers).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });
});
