/**
 * The edge rule, over every API route the app declares (app.routeAccess): a NUL
 * character or a lone surrogate in a path parameter, a query parameter or a
 * JSON string, and a malformed percent-encoding, get a 400 in the reader's
 * language before any handler runs, and write nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { testApp } from '../../test/app';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { findUnreadableText, parseQueryString } from './input-guard';
import { locales as LOCALES } from '../../../shared/i18n/languages';
import { message } from './messages';

let app: FastifyInstance;
let db: Database;
let close: () => Promise<void>;
let secretariat: Session;

beforeAll(async () => {
  ({ app, db, close } = await testApp());
  await resetPeople(db);
  await createPerson(db, 'secretariat@example.org', 'secretariat');
  secretariat = await signIn(app, 'secretariat@example.org');
});
afterAll(async () => close());

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The route's path with every parameter `1` except `param`, which gets `value` (already percent-encoded). */
const fill = (url: string, param: string | null, value: string) =>
  url.replace(/:(\w+)/g, (_, name: string) => (name === param ? value : '1'));
const paramsOf = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1]);

async function rowCounts() {
  const { rows } = await db.pool.query(`select (select count(*) from audit_log) audit, (select count(*) from login_throttle) throttle,
    (select count(*) from mail_outbox) mails, (select count(*) from password_token) tokens`);
  return rows[0];
}

describe('a NUL character, a lone surrogate or a malformed percent-encoding', () => {
  it('is refused with a localized 400 on every route, in the path, the query and the body, and writes nothing', async () => {
    const routes = app.routeAccess;
    expect(routes.length).toBeGreaterThan(50);
    const failures: string[] = [];
    const before = await rowCounts();
    let requests = 0;
    for (const route of routes) {
      const attempts: { where: string; url: string; payload?: unknown; expected: string }[] = [];
      for (const param of paramsOf(route.url)) {
        attempts.push({ where: param, url: fill(route.url, param, 'a%00b'), expected: 'input_unreadable' });
        attempts.push({ where: param, url: fill(route.url, param, '%ZZ'), expected: 'url_malformed' });
        attempts.push({ where: param, url: fill(route.url, param, '%ED%A0%80'), expected: 'url_malformed' }); // a surrogate, CESU-8 encoded
      }
      const url = fill(route.url, null, '');
      attempts.push({ where: 'q', url: `${url}?q=%00`, expected: 'input_unreadable' });
      attempts.push({ where: 'q', url: `${url}?q=a%ED%A0%80`, expected: 'url_malformed' });
      attempts.push({ where: 'q', url: `${url}?q=100%`, expected: 'url_malformed' });
      if (WRITES.has(route.method) && route.method !== 'DELETE') {
        attempts.push({ where: 'title.es', url, payload: { version: 1, title: { es: 'a\u0000' } }, expected: 'input_unreadable' });
        attempts.push({ where: 'items.1', url, payload: { version: 1, items: ['ok', '\ud800'] }, expected: 'input_unreadable' });
        attempts.push({ where: 'body', url, payload: { version: 1, ['\udfffkey']: 'x' }, expected: 'input_unreadable' });
      }
      for (const attempt of attempts) {
        const locale = LOCALES[requests++ % LOCALES.length];
        const response = await app.inject({
          method: route.method as 'GET', url: attempt.url, payload: attempt.payload as object,
          headers: { ...as(secretariat), 'accept-language': locale },
        });
        const expected = message(attempt.expected as 'input_unreadable', locale, { param: attempt.where });
        const body = response.headers['content-type']?.toString().startsWith('application/json') ? response.json() : {};
        if (response.statusCode !== 400 || body.message !== expected) {
          failures.push(`${route.method} ${attempt.url} ${JSON.stringify(attempt.payload) ?? ''}: ${response.statusCode} ${response.body.slice(0, 150)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(300);
    expect(await rowCounts()).toEqual(before);
  });

  it('names where the character is, in the reader\'s language', async () => {
    const examples: [string, string, unknown, string][] = [
      ['GET', '/api/v1/recommendations?q=%00', undefined, 'q'],
      ['GET', '/api/v1/recommendations.csv?q=a%00b', undefined, 'q'],
      ['GET', '/api/v1/public/dashboard?q=%00', undefined, 'q'],
      ['GET', '/api/v1/public/mechanisms/%00', undefined, 'code'],
      ['GET', '/api/v1/obligations?mechanism=%00', undefined, 'mechanism'],
      ['PATCH', '/api/v1/ratifications/%00', { version: 1, status: 'party' }, 'instrument'],
      ['POST', '/api/v1/auth/login', { email: 'ana\u0000@example.org', password: 'a long enough passphrase' }, 'email'],
      ['POST', '/api/v1/auth/login', { email: 'ana\ud800@example.org', password: 'a long enough passphrase' }, 'email'],
      ['POST', '/api/v1/auth/password-reset', { email: 'ana\u0000@example.org' }, 'email'],
      ['POST', '/api/v1/auth/password-reset', { email: 'ana@example.org\udc00' }, 'email'],
    ];
    const before = await rowCounts();
    for (const [method, url, payload, where] of examples) {
      for (const locale of LOCALES) {
        for (const session of [null, secretariat]) {
          const response = await app.inject({ method: method as 'GET', url, payload: payload as object, headers: { ...as(session), 'accept-language': locale } });
          expect(response.statusCode, `${method} ${url} ${locale}`).toBe(400);
          expect(response.json()).toEqual({ error: 'bad_request', message: message('input_unreadable', locale, { param: where }) });
        }
      }
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('parseQueryString', () => {
  it('decodes repeated parameters into arrays and keeps odd keys as plain keys', () => {
    const parsed = parseQueryString('country=PRY&country=URY&q=a+b%C3%A9&__proto__=x&__proto__=y&empty');
    expect({ ...parsed }).toEqual({ country: ['PRY', 'URY'], q: 'a bé', ['__proto__']: ['x', 'y'], empty: '' });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
});

describe('findUnreadableText', () => {
  it('finds the first bad string or key at any depth, without recursion', () => {
    expect(findUnreadableText({ a: ['ok', { b: 'x\u0000' }] })).toBe('a.1.b');
    expect(findUnreadableText({ a: '\ud83d\ude00 emoji is fine' })).toBeNull();
    let deep: unknown = 'bottom\ud800';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnreadableText(deep)).toMatch(/^0(\.0)+$/);
  });
});
