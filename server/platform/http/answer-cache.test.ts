import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { readConfig } from '../config';
import { inTransaction } from '../db/database';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { AnswerCache } from './public-cache';

let t: TestApp;
let id: number;
let staff: Session;

/** The recommendation's text in its original language. */
const textOf = (response: { json: () => { language: string; texts: Record<string, { text: string }> } }) => {
  const body = response.json();
  return body.texts[body.language].text;
};
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

/**
 * Changes a recommendation's text without the triggers that bump the catalogue's version: the state
 * a stored answer could only be told from a fresh one in (no write of the application does this).
 */
async function silentlyRetitle(text: string) {
  await inTransaction(t.db.pool, async (tx) => {
    await tx.query('set local session_replication_role = replica');
    await tx.query(`update recommendation set texts = jsonb_set(texts, array[original_language, 'text'], to_jsonb($2::text)) where id = $1`, [id, text]);
  });
}

beforeAll(async () => {
  t = await appWithDemoData();
  await resetPeople(t.db);
  await createPerson(t.db, 'cache-staff@example.org', 'secretariat');
  staff = await signIn(t.app, 'cache-staff@example.org');
  id = Number((await t.db.pool.query('select id from recommendation order by id limit 1')).rows[0].id);
});
afterAll(async () => {
  // The text back as it was, through a real write (which bumps the version for the next test file).
  await t?.db.pool.query(`update recommendation set version = version + 1 where id = $1`, [id]);
  await t?.close();
});

describe('public answers kept by the server', () => {
  it('a visitor asking again gets the same answer without the handler running; a write the answer reads makes it fresh', async () => {
    const url = `/api/v1/recommendations/${id}?locale=en`;
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    const original = textOf(first);

    await silentlyRetitle('A text written behind the validator');
    const again = await get(url);
    // Served from the copy: byte for byte the first answer, with its validator and headers.
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['cache-control']).toBe(first.headers['cache-control']);
    expect(again.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    // A signed-in request never comes from the copy.
    const signedIn = await get(url, as(staff));
    expect(signedIn.statusCode).toBe(200);
    expect(textOf(signedIn)).toBe('A text written behind the validator');
    // The search answers too (its own key).
    const search = await get('/api/v1/recommendations?q=education&locale=en');
    expect((await get('/api/v1/recommendations?q=education&locale=en')).body).toBe(search.body);

    // A real write bumps the catalogue's version: the next visitor's answer is computed again.
    await t.db.pool.query('update recommendation set version = version + 1 where id = $1', [id]);
    const fresh = await get(url);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).not.toBe(first.headers.etag);
    expect(textOf(fresh)).toBe('A text written behind the validator');

    await silentlyRetitle(original);
  });

  it('an answer to a signed-in request is never kept for visitors', async () => {
    const url = `/api/v1/recommendations/${id}?locale=es`;
    await silentlyRetitle('Seen by staff first');
    const signedIn = await get(url, as(staff));
    expect(textOf(signedIn)).toBe('Seen by staff first');
    expect(signedIn.headers.etag).toBeUndefined();
    // The visitor's answer is the visitor's own, computed now (then kept: a later silent change is not seen).
    const visitor = await get(url);
    expect(textOf(visitor)).toBe('Seen by staff first');
    await silentlyRetitle('Changed behind the validator');
    expect(textOf(await get(url))).toBe('Seen by staff first');
  });

  it('visitors asking the same thing at once wait for one computation of it, and all get it', async () => {
    const url = `/api/v1/recommendations?q=education&country=PRY&locale=pt&page_size=7`;
    const before = t.app.answerCache!.stats();
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(url)));
    const after = t.app.answerCache!.stats();
    for (const answer of answers) {
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toBe(answers[0].body);
      expect(answer.headers.etag).toBe(answers[0].headers.etag);
    }
    expect(after.stored - before.stored).toBe(1);
    expect(after.coalesced - before.coalesced).toBe(19);
    expect(after.computing).toBe(0);
    // An answer that is not kept (an error) lets those waiting for it go on: each gets its own.
    const missing = await Promise.all(Array.from({ length: 5 }, () => get('/api/v1/recommendations/999999998?locale=pt')));
    expect(missing.map((m) => m.statusCode)).toEqual([404, 404, 404, 404, 404]);
    expect(t.app.answerCache!.stats().computing).toBe(0);
  });

  it('errors are not kept, and RESPONSE_CACHE_MB=0 keeps nothing', async () => {
    const missing = '/api/v1/recommendations/999999999';
    expect((await get(missing)).statusCode).toBe(404);
    expect((await get(missing)).statusCode).toBe(404);

    const config = { ...readConfig({ ...process.env, RESPONSE_CACHE_MB: '0' }) };
    expect(config.responseCacheBytes).toBe(0);
    const uncached = await buildApp({ db: t.db, logLevel: 'silent', webDist: '/nonexistent', auth: { config } });
    try {
      const url = `/api/v1/recommendations/${id}?locale=fr`;
      await uncached.inject({ method: 'GET', url });
      await silentlyRetitle('Read afresh every time');
      expect(textOf(await uncached.inject({ method: 'GET', url }))).toBe('Read afresh every time');
    } finally {
      await uncached.close();
    }
    expect(() => readConfig({ ...process.env, RESPONSE_CACHE_MB: '-1' })).toThrow(/RESPONSE_CACHE_MB must be a whole number/);
  });
});

describe('the answer cache', () => {
  it('keeps at most its size in bytes, dropping the least recently used first', () => {
    const cache = new AnswerCache(1000);
    const body = 'x'.repeat(100 - 3); // 100 bytes with a three-character key
    for (const key of ['"a"', '"b"', '"c"', '"d"', '"e"', '"f"', '"g"', '"h"', '"i"', '"j"']) cache.set(key, body, {});
    expect(cache.stats()).toMatchObject({ entries: 10, bytes: 1000 });
    expect(cache.get('"a"')).toBeDefined(); // now the most recently used
    cache.set('"k"', body, {});
    expect(cache.stats()).toMatchObject({ entries: 10, bytes: 1000 });
    expect(cache.get('"b"')).toBeUndefined(); // the least recently used went
    expect(cache.get('"a"')).toBeDefined();
    // An answer larger than an eighth of the cache is not kept; storing a key again replaces it.
    cache.set('"big"', 'y'.repeat(200), {});
    expect(cache.get('"big"')).toBeUndefined();
    cache.set('"a"', Buffer.from('z'.repeat(47)), { 'content-type': 'image/png' });
    expect(cache.get('"a"')).toMatchObject({ headers: { 'content-type': 'image/png' }, bytes: 50 });
    expect(cache.stats().bytes).toBe(950);
  });
});
