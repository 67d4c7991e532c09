/**
 * A visitor's kept answer outlives a catalogue write it does not read (platform/http/public-cache.ts,
 * `publicCacheCarry`; docs/decisions/0020-filters-visit-their-rows.md): the search's, when no changed record
 * could be one of its matches or count in its facets; one recommendation's, when that record did not change.
 * Every answer is compared with the same request to a second app on the same database that keeps nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { appWithDemoData, type TestApp } from '../../test/app';
import { random } from '../../test/random-catalogue';
import { readConfig } from '../config';

let t: TestApp;
let uncached: FastifyInstance;

const inject = (app: FastifyInstance, url: string) => app.inject({ method: 'GET', url });
const carried = () => t.app.answerCache!.stats().carried;

/** Asks both apps; the kept answer must be the fresh one. Gives whether it was carried over a write. */
async function expectFresh(url: string): Promise<boolean> {
  const before = carried();
  const [kept, fresh] = [await inject(t.app, url), await inject(uncached, url)];
  expect(kept.statusCode, url).toBe(200);
  expect(fresh.statusCode, url).toBe(200);
  expect(kept.body, url).toBe(fresh.body);
  return carried() > before;
}

interface Row { id: number; countries: string[]; position: string | null; cycle: number | null }
const rows = async (where: string, params: unknown[] = []): Promise<Row[]> =>
  (await t.db.pool.query(`select id, countries, position, cycle from recommendation where ${where} order by id`, params)).rows
    .map((r) => ({ ...r, id: Number(r.id) }));
/** A real write of the app's kind: the row changes, its version moves, the triggers log it. */
const setPosition = (id: number, position: string | null) =>
  t.db.pool.query('update recommendation set position = $2, version = version + 1 where id = $1', [id, position]);
const setParagraph = (id: number, paragraph: string) =>
  t.db.pool.query('update recommendation set paragraph = $2, version = version + 1 where id = $1', [id, paragraph]);

beforeAll(async () => {
  t = await appWithDemoData();
  uncached = await buildApp({ db: t.db, logLevel: 'silent', webDist: '/nonexistent', auth: { config: readConfig({ ...process.env, RESPONSE_CACHE_MB: '0' }) } });
});
afterAll(async () => {
  await uncached?.close();
  await t?.close();
});

describe('kept answers after a catalogue write', () => {
  it('a search keeps its answer over an edit of a record it neither matches nor counts, and not otherwise', async () => {
    const all = await rows('position is not null and cardinality(countries) = 1');
    // A country with noted and supported records elsewhere.
    const country = all.map((r) => r.countries[0]).find((c) => ['noted', 'supported'].every((p) => all.some((r) => r.countries[0] !== c && r.position === p)))!;
    const url = `/api/v1/recommendations?country=${country}&position=supported&locale=en`;
    await expectFresh(url);

    // Another country and not supported: fails both filters, so neither a match nor in a facet's own counts.
    const elsewhere = all.find((r) => r.countries[0] !== country && r.position === 'noted')!;
    await setParagraph(elsewhere.id, 'Edited elsewhere');
    expect(await expectFresh(url)).toBe(true);

    // Another country but supported: fails only the country filter, so it counts in the country facet.
    const counted = all.find((r) => r.countries[0] !== country && r.position === 'supported')!;
    await setPosition(counted.id, 'noted');
    expect(await expectFresh(url)).toBe(false);
    await setPosition(counted.id, 'supported');
    expect(await expectFresh(url)).toBe(false);

    // One of its matches: a column the index does not hold (the paragraph) still shows on the page.
    const match = all.find((r) => r.countries[0] === country && r.position === 'supported');
    if (match) {
      await setParagraph(match.id, 'Edited paragraph of a match');
      expect(await expectFresh(url)).toBe(false);
      expect((await inject(t.app, url)).body).toContain('Edited paragraph of a match');
    }

    // With words: a record without them and failing a filter is not read.
    const words = `/api/v1/recommendations?q=torture&country=${country}&locale=en`;
    await expectFresh(words);
    const unrelated = (await rows(`not (search_vector @@ nmirf_search_query('torture', null)) and not ($1 = any(countries))`, [country]))[0];
    await setParagraph(unrelated.id, 'Edited without the words');
    expect(await expectFresh(words)).toBe(true);
  });

  it('one recommendation keeps its answer over an edit of another, not of itself', async () => {
    const [first, second] = await rows('true');
    const url = `/api/v1/recommendations/${first.id}?locale=en`;
    await expectFresh(url);
    await setParagraph(second.id, 'Another record edited');
    expect(await expectFresh(url)).toBe(true);
    await setParagraph(first.id, 'This record edited');
    expect(await expectFresh(url)).toBe(false);
    expect((await inject(t.app, url)).json().paragraph).toBe('This record edited');
  });

  it('randomised: after random writes, every kept answer is the answer computed afresh', async () => {
    const r = random(20261207);
    const landing = (await inject(uncached, '/api/v1/recommendations?page_size=1')).json();
    const countries: string[] = landing.facets.country.slice(0, 6).map((f: { key: string }) => f.key);
    const themes: string[] = landing.facets.theme.slice(0, 4).map((f: { key: string }) => f.key);
    const words = ['torture', 'education', 'women', '"death penalty"', 'children -trafficking', 'rights OR freedom'];
    const urls = Array.from({ length: 30 }, () => {
      const params = new URLSearchParams({ locale: r.pick(['en', 'es']) });
      if (r.next() < 0.5) params.set('q', r.pick(words));
      if (r.next() < 0.6) params.append('country', r.pick(countries));
      if (r.next() < 0.4) params.append('position', r.pick(['supported', 'noted']));
      if (r.next() < 0.3) params.append('cycle', String(1 + Math.floor(r.next() * 4)));
      if (r.next() < 0.3) params.append('theme', r.pick(themes));
      if (r.next() < 0.2) params.set('sort', r.pick(['date_asc', 'relevance']));
      return `/api/v1/recommendations?${params}`;
    });
    const ids = (await rows('true')).map((row) => row.id);
    let carriedOver = 0;
    let computed = 0;
    for (let step = 0; step < 10; step++) {
      for (const url of urls) (await expectFresh(url)) ? carriedOver++ : computed++;
      // One to three records change, each in a column a search reads or shows.
      for (let k = 0; k < 1 + Math.floor(r.next() * 3); k++) {
        const id = r.pick(ids);
        const change = r.next();
        if (change < 0.3) await setPosition(id, r.pick(['supported', 'noted', null]));
        else if (change < 0.5) await t.db.pool.query('update recommendation set countries = $2, version = version + 1 where id = $1', [id, [r.pick(countries)]]);
        else if (change < 0.7) await t.db.pool.query('update recommendation set cycle = $2, version = version + 1 where id = $1', [id, 1 + Math.floor(r.next() * 4)]);
        else if (change < 0.9) await setParagraph(id, `Paragraph ${step}.${k}`);
        else {
          const texts = { en: { text: `${r.pick(['Prevent torture', 'Ensure education for women', 'Protect children'])} ${step}`, status: 'original' } };
          await t.db.pool.query(`update recommendation set texts = $2, search_vector = nmirf_search_vector($2::jsonb), original_language = 'en',
            version = version + 1 where id = $1`, [id, JSON.stringify(texts)]);
        }
      }
    }
    // Both happened: some answers were carried over writes, others computed again.
    expect(carriedOver).toBeGreaterThan(0);
    expect(computed).toBeGreaterThan(urls.length);
  });
});
