import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import type { Actor } from './platform/auth/actor';
import type { Database } from './platform/db/database';
import { connectTestDatabase } from './test/database';
import { createInstitution, createPerson, resetPeople, signIn } from './test/people';

let db: Database;
let app: FastifyInstance;
const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-web-'));

beforeAll(async () => {
  db = await connectTestDatabase();
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>');
  fs.mkdirSync(path.join(webDist, 'assets'));
  fs.writeFileSync(path.join(webDist, 'assets', 'app.js'), 'console.log(1)');
  app = await buildApp({ db, logLevel: 'silent', webDist });
});
afterAll(async () => { await app.close(); await db.close(); fs.rmSync(webDist, { recursive: true, force: true }); });

describe('HTTP surface', () => {
  it('sends a strict Content-Security-Policy on pages, files and the API', async () => {
    for (const url of ['/', '/es/recommendations?q=x', '/assets/app.js', '/api/health', '/api/docs/']) {
      const response = await app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(csp, url).not.toContain('unsafe-eval');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves the web app for page paths and answers unknown API paths with JSON 404', async () => {
    const page = await app.inject({ method: 'GET', url: '/fr/recommendations/12' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const api = await app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'accept-language': 'pt-BR' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: 'not_found', message: 'Não encontrado.' });
  });

  it('writes the language and direction of a page under /<locale>/ in its HTML, and leaves other pages as they are', async () => {
    const arabic = await app.inject({ method: 'GET', url: '/ar/recommendations?q=x' });
    expect(arabic.body).toMatch(/^<!doctype html><html lang="ar" dir="rtl"><head>/);
    const french = await app.inject({ method: 'GET', url: '/fr/recommendations/12' });
    expect(french.body).toMatch(/^<!doctype html><html lang="fr" dir="ltr"><head>/);
    const other = await app.inject({ method: 'GET', url: '/' });
    expect(other.body).toMatch(/^<!doctype html><html><head>/);
  });

  it('describes every public endpoint in OpenAPI', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining([
      '/api/health', '/api/v1/recommendations', '/api/v1/recommendations.csv', '/api/v1/recommendations/{id}',
    ]));
    const search = spec.paths['/api/v1/recommendations'].get;
    const names = search.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['q', 'lang', 'mechanism', 'country', 'theme', 'affected', 'sdg', 'position',
      'cycle', 'year_from', 'year_to', 'page', 'page_size', 'sort', 'locale']));
    expect(search.responses['200']).toBeDefined();
    expect(search.responses['400']).toBeDefined();
    // Every route the app serves under /api is in the description, with its method and a summary.
    const served = app.routeAccess.filter((route) => route.url.startsWith('/api/v1/'));
    expect(served.length).toBeGreaterThan(80);
    const missing = served.filter((route) => {
      const operation = spec.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      return !operation?.summary;
    });
    expect(missing).toEqual([]);
  });

  it('refuses to start a route that declares no access (deny by default)', async () => {
    const other = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent' });
    expect(() => other.get('/api/v1/undeclared', async () => ({}))).toThrow(/must declare config.permission/);
    expect(() => other.get('/api/v1/unknown-permission', { config: { permission: 'nope:read' as never } }, async () => ({})))
      .toThrow(/must declare/);
    expect(other.routeAccess.length).toBeGreaterThan(5);
    await other.close();
  });

  it('enforces the declared permission before the handler runs: 401 for a visitor, 403 for a person without it', async () => {
    const other = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent' });
    let ran = 0;
    other.get('/api/v1/test-only/manage', { config: { permission: 'round:manage' } }, async (request) => {
      ran += 1;
      const actor: Actor = request.actor; // typed non-null: the permission is closed to visitors
      return { user: actor.userId };
    });
    other.get('/api/v1/test-only/read', { config: { permission: 'recommendation:read' } }, async (request) => {
      ran += 1;
      const actor: Actor | null = request.actor; // open to visitors: may be null
      return { user: actor?.userId ?? null };
    });
    await other.ready();
    await resetPeople(db);
    await createPerson(db, 'focal@example.org', 'focal_point', await createInstitution(db, 'Ministry of Justice'));
    const focal = await signIn(other, 'focal@example.org');
    const visitor = await other.inject({ method: 'GET', url: '/api/v1/test-only/manage' });
    expect(visitor.statusCode).toBe(401);
    expect(visitor.json().error).toBe('unauthorized');
    const refused = await other.inject({ method: 'GET', url: '/api/v1/test-only/manage', headers: { cookie: focal.cookie } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('forbidden');
    expect(ran).toBe(0);
    expect((await other.inject({ method: 'GET', url: '/api/v1/test-only/read' })).json()).toEqual({ user: null });
    expect(ran).toBe(1);
    await other.close();
  });

  it('answers a malformed request with 400 in the caller\'s language, never 500', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/recommendations?%E0%A4%A', headers: { 'accept-language': 'es' } });
    expect(response.statusCode).toBeLessThan(500);
  });
});

describe('console log', () => {
  async function logLinesAt(level: string): Promise<Record<string, unknown>[]> {
    const { PassThrough } = await import('node:stream');
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk) => { text += String(chunk); });
    const logged = await buildApp({ db, logLevel: level, webDist, logStream: stream });
    logged.get('/api/v1/test-failure', { config: { public: true } }, async () => { throw new Error('database on fire'); });
    logged.log.info('started');
    for (const url of ['/api/health', '/es/recommendations', '/api/v1/nothing-here', '/api/v1/test-failure']) await logged.inject({ method: 'GET', url });
    await logged.close();
    return text.trim().split('\n').map((line) => JSON.parse(line));
  }

  it('has no line per request at the default level; start-up and error lines stay', async () => {
    const lines = await logLinesAt('info');
    expect(lines.map((l) => l.msg)).toEqual(['started', 'unhandled error']);
    expect(JSON.stringify(lines)).not.toContain('/api/health');
    expect(lines[1]).toMatchObject({ level: 50, err: { message: 'database on fire' } });
  });

  it('logs one line per request at LOG_LEVEL=debug', async () => {
    const lines = (await logLinesAt('debug')).filter((l) => l.msg === 'request completed');
    expect(lines.map((l) => [l.method, l.url, l.statusCode])).toEqual([
      ['GET', '/api/health', 200], ['GET', '/es/recommendations', 200], ['GET', '/api/v1/nothing-here', 404], ['GET', '/api/v1/test-failure', 500],
    ]);
    expect(lines.every((l) => l.level === 20 && typeof l.responseTime === 'number')).toBe(true);
  });
});
