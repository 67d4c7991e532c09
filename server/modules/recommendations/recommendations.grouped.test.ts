import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app';
import { resetCatalogue } from '../../test/database';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';
import { importRecommendations } from './use-cases/import-recommendations';
import { groupsOf } from './recommendations.duplicate-groups';

let t: TestApp;
let secretariat: Session;
const ids: Record<string, number> = {};

/** Invented: one review of Paraguay where three States ask the same thing, two more asks, and an earlier review. */
const CSV = `mechanism,country,language,date,paragraph,symbol,text,recommending_states,cycle,session
UPR,PRY,en,2016-03-01,102.7,A/HRC/32/9,Ratify the Optional Protocol to the Convention against Torture,Uruguay,2,24
UPR,PRY,en,2016-03-01,102.8,A/HRC/32/9,Ratify the Optional Protocol to the Convention against Torture promptly,France,2,24
UPR,PRY,en,2016-03-01,102.9,A/HRC/32/9,Ratify without delay the Optional Protocol to the Convention against Torture,Chile,2,24
UPR,PRY,en,2016-03-01,102.10,A/HRC/32/9,Consider ratifying the Optional Protocol to the Convention against Torture,Spain,2,24
UPR,PRY,en,2016-03-01,102.11,A/HRC/32/9,Adopt a comprehensive law against all forms of discrimination,Spain,2,24
UPR,PRY,en,2016-03-01,102.12,A/HRC/32/9,Adopt a law against discrimination in all its forms,Germany,2,24
UPR,PRY,en,2011-03-01,84.1,A/HRC/17/18,Ratify the Optional Protocol to the Convention against Torture,Chile,1,10
UPR,PRY,en,2011-03-01,84.2,A/HRC/17/18,Strengthen the independence of the judiciary,Mexico,1,10
`;

async function link(a: string, b: string, state: string, kind = 'duplicate') {
  await t.db.pool.query(
    `insert into recommendation_link (low_id, high_id, kind, similarity, state, scan_version, decided_at)
     values (least($1::bigint, $2::bigint), greatest($1::bigint, $2::bigint), $3, 0.9, $4, 'test', case when $4 in ('confirmed', 'rejected') then now() end)
     on conflict (low_id, high_id) do update set kind = excluded.kind, state = excluded.state, decided_at = excluded.decided_at`,
    [ids[a], ids[b], kind, state]);
}

const search = (query: string, session: Session | null = null, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/v1/recommendations?locale=en&${query}`, headers: { ...as(session), ...headers } });

interface Item { id: number; paragraph: string; duplicates?: { size: number; matching: number; others: { id: number; paragraph: string; matches: boolean; recommending_states: { key: string }[] }[] } }

beforeAll(async () => {
  t = await testApp();
  await resetCatalogue(t.db);
  await importRecommendations(t.db.pool, Buffer.from(CSV), { fileName: 'grouped.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  const { rows } = await t.db.pool.query('select id, paragraph from recommendation');
  for (const row of rows) ids[row.paragraph] = Number(row.id);
  // People first: resetting them truncates the links too (a link's decided_by).
  await resetPeople(t.db);
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  secretariat = await signIn(t.app, 'secretariat@example.org');
  // 102.7–102.9: one group (a chain of a linked and a confirmed link); 102.10 only a candidate; 102.11–102.12 rejected;
  // 84.1 a recurrence of 102.7 (another review: never a duplicate group).
  await link('102.7', '102.8', 'linked');
  await link('102.8', '102.9', 'confirmed');
  await link('102.7', '102.10', 'candidate');
  await link('102.11', '102.12', 'rejected');
  await link('84.1', '102.7', 'linked', 'recurrence');
});
afterAll(async () => {
  await t?.close();
});

describe('search grouped by duplicates', () => {
  it('shows three States\' same request once, with a count of three; without the option, three times', async () => {
    const plain = (await search('country=PRY&cycle=2')).json();
    expect(plain.total).toBe(6);
    expect(plain.grouped).toBeUndefined();
    expect(plain.items.every((item: Item) => item.duplicates === undefined)).toBe(true);

    const res = await search('country=PRY&cycle=2&group=duplicates');
    expect(res.statusCode, res.body).toBe(200);
    const grouped = res.json();
    // 102.7–102.9 once; 102.10 (candidate), 102.11 and 102.12 (rejected) each on their own.
    expect(grouped.total).toBe(4);
    expect(grouped.grouped).toEqual({ by: 'duplicates', recommendations: 6 });
    // The facets still count recommendations.
    expect(grouped.facets).toEqual(plain.facets);
    const paragraphs = grouped.items.map((item: Item) => item.paragraph).sort();
    expect(paragraphs).toEqual(['102.10', '102.11', '102.12', '102.9']);
    const group = grouped.items.find((item: Item) => item.paragraph === '102.9') as Item;
    expect(group.duplicates).toMatchObject({ size: 3, matching: 3 });
    expect(group.duplicates!.others.map((o) => o.paragraph)).toEqual(['102.7', '102.8']);
    expect(group.duplicates!.others.map((o) => o.recommending_states[0].key).sort()).toEqual(['FRA', 'URY']);
    const alone = grouped.items.find((item: Item) => item.paragraph === '102.10') as Item;
    expect(alone.duplicates).toEqual({ size: 1, matching: 1, others: [] });
  });

  it('a candidate or rejected link does not group, for visitors nor for staff', async () => {
    for (const session of [null, secretariat]) {
      const items: Item[] = (await search('country=PRY&cycle=2&group=duplicates', session)).json().items;
      expect(items.find((item) => item.paragraph === '102.10')?.duplicates?.size).toBe(1);
      expect(items.filter((item) => ['102.11', '102.12'].includes(item.paragraph))).toHaveLength(2);
    }
  });

  it('the representative is the group\'s first match in the search\'s order, and a group counts once however many members match', async () => {
    const oldest = (await search('country=PRY&cycle=2&group=duplicates&sort=date_asc')).json();
    // Same date: ascending order is by id, so the group's first is 102.7.
    expect(oldest.items.map((item: Item) => item.paragraph)).toContain('102.7');
    // Only one member matches: the group is that member, and says so.
    const one = (await search('country=PRY&q=promptly&group=duplicates')).json();
    expect(one.total).toBe(1);
    expect(one.items[0]).toMatchObject({ paragraph: '102.8', duplicates: { size: 3, matching: 1 } });
    expect(one.items[0].duplicates.others.every((o: { matches: boolean }) => !o.matches)).toBe(true);
    // By relevance, with words that every member holds.
    const ranked = (await search('q=torture&cycle=2&group=duplicates')).json();
    expect(ranked.total).toBe(2);
    expect(ranked.grouped.recommendations).toBe(4);
  });

  it('pages through groups: every group once, as many as the total says', async () => {
    for (const query of ['country=PRY&group=duplicates', 'q=torture OR discrimination&group=duplicates', 'country=PRY&group=duplicates&sort=date_asc']) {
      const first = (await search(`${query}&page_size=1`)).json();
      const seen: number[] = [];
      for (let page = 1; page <= first.total + 1; page++) {
        const body = (await search(`${query}&page_size=1&page=${page}`)).json();
        expect(body.total, query).toBe(first.total);
        seen.push(...body.items.map((item: Item) => item.id));
        if (page > first.total) expect(body.items, query).toEqual([]);
      }
      expect(new Set(seen).size, query).toBe(first.total);
      const all = (await search(`${query}&page_size=100`)).json();
      expect(all.items.map((item: Item) => item.id), query).toEqual(seen);
      // No two pages show members of one group.
      const members = new Set(all.items.flatMap((item: Item) => item.duplicates!.others.map((o) => o.id)));
      expect(seen.filter((id) => members.has(id)), query).toEqual([]);
    }
  });

  it('a visitor\'s grouped answer changes with the links, the default search\'s does not', async () => {
    const etag = async (query: string) => (await search(query)).headers.etag as string;
    const plainBefore = await etag('country=PRY');
    const groupedBefore = await etag('country=PRY&group=duplicates');
    expect(groupedBefore).toBeTruthy();
    expect((await search('country=PRY&group=duplicates', null, { 'if-none-match': groupedBefore })).statusCode).toBe(304);
    await link('102.11', '102.12', 'confirmed');
    expect(await etag('country=PRY')).toBe(plainBefore);
    expect(await etag('country=PRY&group=duplicates')).not.toBe(groupedBefore);
    const after = (await search('country=PRY&cycle=2&group=duplicates')).json();
    expect(after.total).toBe(3);
    await link('102.11', '102.12', 'rejected');
    expect((await search('country=PRY&cycle=2&group=duplicates')).json().total).toBe(4);
  });

  it('forgets every group when the links are truncated (no row trigger fires then)', async () => {
    const before = await t.db.pool.query('select * from recommendation_link');
    await t.db.pool.query('truncate recommendation_link');
    expect((await search('country=PRY&cycle=2&group=duplicates')).json().total).toBe(6);
    for (const row of before.rows) {
      await t.db.pool.query(
        `insert into recommendation_link (low_id, high_id, kind, similarity, state, scan_version, decided_at) values ($1, $2, $3, $4, $5, $6, $7)`,
        [row.low_id, row.high_id, row.kind, row.similarity, row.state, row.scan_version, row.decided_at]);
    }
    expect((await search('country=PRY&cycle=2&group=duplicates')).json().total).toBe(4);
  });

  it('rejects an unknown grouping', async () => {
    const res = await search('group=everything');
    expect(res.statusCode).toBe(400);
  });
});

describe('groups of links', () => {
  it('are the connected components, members in id order', () => {
    const groups = groupsOf('1', [[5, 9], [1, 9], [3, 4], [4, 7]]);
    expect(groups.members).toEqual([[1, 5, 9], [3, 4, 7]]);
    expect(groups.groupOf.get(9)).toBe(0);
    expect(groups.groupOf.get(7)).toBe(1);
    expect(groups.groupOf.has(2)).toBe(false);
  });
});
