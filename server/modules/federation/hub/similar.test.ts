/**
 * Similar recommendations across States on the hub (docs/decisions/0021-similar-across-states.md):
 * the State copies are written as a harvest leaves them (records, statuses, actions and the copy's
 * version), then asked through the public API in other languages, with filters, and after a later
 * harvest withdrew a record (its tombstone deleted the copy's row and moved the version on).
 * The index itself, on the official SDG texts: bench/similar.ts and similar-index.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../test/app';

let t: TestApp;

const COPIES: { iso3: string; records: { id: number; uhri?: string; mechanism: string; year: number; texts: Record<string, string> }[] }[] = [
  { iso3: 'URY', records: [
    { id: 1, uhri: 'u-opcat-1', mechanism: 'UPR', year: 2019, texts: { en: 'Ratify the Optional Protocol to the Convention against Torture and establish an independent national preventive mechanism' } },
    { id: 2, mechanism: 'CEDAW', year: 2020, texts: { en: 'Take measures to reduce maternal mortality, in particular in rural areas, and guarantee access to obstetric care' } },
    { id: 3, mechanism: 'UPR', year: 2019, texts: { en: 'Guarantee free and compulsory primary education for all children, including children with disabilities' } },
  ] },
  { iso3: 'FRA', records: [
    { id: 5, mechanism: 'UPR', year: 2018, texts: { fr: 'Ratifier le Protocole facultatif se rapportant à la Convention contre la torture et créer un mécanisme national de prévention indépendant' } },
    { id: 6, mechanism: 'CRC', year: 2021, texts: { fr: 'Renforcer la protection des enfants contre la violence domestique et les châtiments corporels' } },
  ] },
  { iso3: 'PRY', records: [
    { id: 7, mechanism: 'UPR', year: 2021, texts: { es: 'Ratificar el Protocolo Facultativo de la Convención contra la Tortura y establecer un mecanismo nacional de prevención independiente' } },
    { id: 8, mechanism: 'UPR', year: 2021, texts: { es: 'Adoptar medidas para reducir la mortalidad materna, en particular en las zonas rurales, y garantizar el acceso a la atención obstétrica' } },
  ] },
];

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const setVersion = (iso3: string, version: number) => t.db.pool.query(
  `insert into network_copy_state (iso3, instance_id, version, applied_at) values ($1, $1, $2, now())
   on conflict (iso3) do update set version = excluded.version, applied_at = excluded.applied_at`, [iso3, version]);

beforeAll(async () => {
  t = await testApp({ instanceRole: 'hub' });
  await t.db.pool.query(`truncate network_harvest, network_copy_change, network_copy_record, network_copy_state, network_key, network_instance,
    network_vote, network_proposal, network_attendance, network_agenda_item, network_committee_term, network_meeting,
    network_join_request, network_role, network_status_change, network_state restart identity cascade`);
  for (const copy of COPIES) {
    await t.db.pool.query(`insert into network_state (iso3, status, joined_on) values ($1, 'member', '2024-05-01')`, [copy.iso3]);
    for (const r of copy.records) {
      await t.db.pool.query(`insert into network_copy_record (iso3, kind, record_id, version, body) values ($1, 'recommendation', $2, 1, $3)`, [copy.iso3, r.id, {
        id: r.id, uhri_id: r.uhri ?? null, mechanism: r.mechanism, symbol: `A/HRC/${r.year}/${r.id}`, paragraph: `${r.id}.1`, year: r.year, texts: r.texts,
      }]);
    }
    await setVersion(copy.iso3, 1);
  }
  // Uruguay published an action on its torture recommendation, and assessed it implemented; France, partially.
  await t.db.pool.query(`insert into network_copy_record (iso3, kind, record_id, version, body) values
    ('URY', 'action', 10, 1, $1), ('URY', 'status', 20, 1, $2), ('FRA', 'status', 21, 1, $3)`, [
    { id: 10, type: 'legislation', title: { es: 'Ley del mecanismo nacional de prevención', en: 'National preventive mechanism act' }, progress: 100,
      start_date: '2019-03-01', end_date: '2020-06-30', recommendations: [1] },
    { id: 20, recommendation: 1, assessor: 'government', status: 'implemented', assessed_on: '2021-01-10' },
    { id: 21, recommendation: 5, assessor: 'government', status: 'partially_implemented', assessed_on: '2022-01-10' },
  ]);
});
afterAll(async () => t?.close());

describe('GET /api/v1/network/similar', () => {
  it("a State's Spanish recommendation finds the English and French ones of other States, with the published action and status, its own State left out", async () => {
    const response = await get('/api/v1/network/similar?state=PRY&id=7&locale=en');
    expect(response.statusCode, response.body).toBe(200);
    const { items, indexed } = response.json();
    expect(indexed).toBe(7);
    expect(items.map((i: { state: { iso3: string }; id: number }) => `${i.state.iso3}:${i.id}`).slice(0, 2).sort()).toEqual(['FRA:5', 'URY:1']);
    expect(items.every((i: { state: { iso3: string } }) => i.state.iso3 !== 'PRY')).toBe(true);
    const ury = items.find((i: { id: number }) => i.id === 1);
    expect(ury).toMatchObject({
      state: { iso3: 'URY', name: 'Uruguay', un_regional_group: expect.any(String) }, mechanism: 'UPR', year: 2019, symbol: 'A/HRC/2019/1', paragraph: '1.1',
      uhri_id: 'u-opcat-1', language: 'en', status: { key: 'implemented', assessor: 'government', assessed_on: '2021-01-10' },
      actions: [{ id: 10, title: 'National preventive mechanism act', type: 'legislation', progress: 100 }],
    });
    // Best first.
    const similarities = items.map((i: { similarity: number }) => i.similarity);
    expect(similarities).toEqual([...similarities].sort((a, b) => b - a));
  });

  it('a free Spanish text finds its English counterpart first, without a treaty name to share', async () => {
    const response = await get(`/api/v1/network/similar?text=${encodeURIComponent('Reducir la mortalidad materna en las zonas rurales y garantizar la atención obstétrica')}&state=PRY`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items[0]).toMatchObject({ state: { iso3: 'URY' }, id: 2, language: 'en' });
  });

  it('a UHRI identifier asks with that recommendation, its State left out', async () => {
    const items = (await get('/api/v1/network/similar?uhri=u-opcat-1')).json().items;
    expect(items.map((i: { state: { iso3: string } }) => i.state.iso3).sort()).toEqual(['FRA', 'PRY']);
    expect((await get('/api/v1/network/similar?uhri=nothing')).statusCode).toBe(404);
  });

  it('filters by region, mechanism and current status', async () => {
    const base = '/api/v1/network/similar?state=PRY&id=7';
    const group = (await t.db.pool.query(`select un_regional_group from country where iso3 = 'FRA'`)).rows[0].un_regional_group;
    const byRegion = (await get(`${base}&region=${encodeURIComponent(group)}`)).json().items;
    expect(byRegion.map((i: { state: { iso3: string } }) => i.state.iso3)).toEqual(['FRA']);
    const implemented = (await get(`${base}&status=implemented`)).json().items;
    expect(implemented.map((i: { id: number }) => i.id)).toEqual([1]);
    expect((await get(`${base}&mechanism=CRC`)).json().items).toEqual([]);
    expect((await get(`${base}&status=partially_implemented`)).statusCode).toBe(400);
  });

  it('says in the caller\'s language what is missing', async () => {
    const response = await get('/api/v1/network/similar?locale=es');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('Indique qué comparar');
    expect((await get('/api/v1/network/similar?text=abc&uhri=x')).statusCode).toBe(400);
  });

  it('a record a later harvest withdrew is no longer answered, and a new one is', async () => {
    await t.db.pool.query(`delete from network_copy_record where iso3 = 'URY' and kind = 'recommendation' and record_id = 1`);
    await t.db.pool.query(`insert into network_copy_record (iso3, kind, record_id, version, body) values ('URY', 'recommendation', 4, 2, $1)`, [{
      id: 4, mechanism: 'CAT', year: 2022, texts: { en: 'Ratify the Optional Protocol to the Convention against Torture and designate a national preventive mechanism' },
    }]);
    await setVersion('URY', 2);
    const answer = (await get('/api/v1/network/similar?state=PRY&id=7')).json();
    const items = answer.items;
    const keys = items.map((i: { state: { iso3: string }; id: number }) => `${i.state.iso3}:${i.id}`);
    expect(keys).not.toContain('URY:1');
    expect(keys).toContain('URY:4');
    expect((await get('/api/v1/network/similar?uhri=u-opcat-1')).statusCode).toBe(404);
  });
});
