import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { testApp, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => { t = await testApp(); });
afterAll(async () => t.close());

const get = (url: string, app = t.app, locale = 'en') => app.inject({ method: 'GET', url, headers: { 'accept-language': locale } });

describe('health for a load balancer', () => {
  it('answers live, ready and the old /api/health when all is well', async () => {
    for (const url of ['/api/health/live', '/api/health/ready', '/api/health']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.json()).toEqual({ status: 'ok' });
    }
  });

  it('is not ready while the database lacks a migration, or carries one this version does not know', async () => {
    const { rows: [last] } = await t.db.pool.query('select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1');
    await t.db.pool.query('delete from drizzle.__drizzle_migrations where id = $1', [last.id]);
    try {
      const behind = await get('/api/health/ready', t.app, 'es');
      expect(behind.statusCode).toBe(503);
      expect(behind.json()).toMatchObject({ status: 'unavailable', reason: 'migrations_behind' });
      expect(behind.json().message).toMatch(/^El esquema de la base de datos está atrasado/);
      // Liveness does not look at the database.
      expect((await get('/api/health/live')).statusCode).toBe(200);
    } finally {
      await t.db.pool.query('insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)', [last.id, last.hash, last.created_at]);
    }
    expect((await get('/api/health/ready')).statusCode).toBe(200);

    const { rows: [extra] } = await t.db.pool.query(`insert into drizzle.__drizzle_migrations (hash, created_at) values ('future', 99999999999999) returning id`);
    try {
      const unknown = await get('/api/health/ready');
      expect(unknown.statusCode).toBe(503);
      expect(unknown.json()).toMatchObject({ reason: 'migrations_unknown' });
    } finally {
      await t.db.pool.query('delete from drizzle.__drizzle_migrations where id = $1', [extra.id]);
    }
  });

  it('is not ready when the database does not answer, and still live', async () => {
    // A port nobody listens on.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/nowhere`, connectionTimeoutMillis: 2_000 });
    pool.on('error', () => undefined);
    const app = await buildApp({ db: { pool, kind: 'postgres', close: () => pool.end() }, logLevel: 'silent', webDist: '/nonexistent' });
    try {
      const ready = await get('/api/health/ready', app, 'fr');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable', reason: 'database_unreachable', message: 'La base de données ne répond pas.' });
      expect((await get('/api/health/live', app)).statusCode).toBe(200);
    } finally {
      await app.close();
      await pool.end();
    }
  });
});
