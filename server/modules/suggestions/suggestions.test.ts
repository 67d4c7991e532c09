/**
 * Label suggestions through the API: a recommendation's suggestions with their reasons, accept
 * and reject (provenance, audit, never suggested again, a negative example), the review queue
 * and the bulk accept of the high band with its preview; suggestions reach facets and open data
 * only once accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemoData, type TestApp } from '../../test/app';
import { labelledCorpusCsv } from '../../test/labelled-corpus';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';
import { scoreCatalogue } from './score-catalogue';
import { trainingData, trainModel } from './train-models';

let t: TestApp;
let secretariat: Session;
let administrator: Session;
let focal: Session;
let version: number;
const ids: number[] = [];

/** Recommendations imported without any label, as treaty-body lists often arrive. */
const UNLABELLED = `mechanism,country,language,date,paragraph,symbol,text
CAT,PRY,en,2024-05-01,11,CAT/C/PRY/CO/8,Prevent torture and ill-treatment in places of detention and investigate every allegation of torture by the police
CAT,PRY,es,2024-05-01,12,CAT/C/PRY/CO/8,Prevenir la tortura y los malos tratos en los centros de detención e investigar toda denuncia de tortura
CRC,PRY,en,2024-06-01,21,CRC/C/PRY/CO/7,Guarantee free and inclusive primary education for every child and increase the education budget
CRC,PRY,fr,2024-06-01,22,CRC/C/PRY/CO/7,Garantir l'accès de tous les enfants autochtones à une éducation primaire gratuite et inclusive
CEDAW,PRY,en,2024-07-01,31,CEDAW/C/PRY/CO/9,Adopt a comprehensive law against violence against women and ensure shelters for victims
`;

beforeAll(async () => {
  t = await appWithDemoData();
  await t.db.pool.query('truncate suggestion_model cascade');
  await importRecommendations(t.db.pool, Buffer.from(labelledCorpusCsv(40)), { fileName: 'labelled.csv', format: 'csv', actor: 'system:test' });
  await importRecommendations(t.db.pool, Buffer.from(UNLABELLED), { fileName: 'unlabelled.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  ids.push(...(await t.db.pool.query(`select id::int as id from recommendation where document_symbol in ('CAT/C/PRY/CO/8', 'CRC/C/PRY/CO/7', 'CEDAW/C/PRY/CO/9') order by paragraph`)).rows.map((r) => r.id));
  await resetPeople(t.db);
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  await createPerson(t.db, 'admin@example.org', 'administrator');
  const home = (await t.db.pool.query(`insert into institution (name, branch) values ('{"es":"Ministerio"}', 'executive') returning id`)).rows[0].id;
  await createPerson(t.db, 'focal@example.org', 'focal_point', home);
  secretariat = await signIn(t.app, 'secretariat@example.org');
  administrator = await signIn(t.app, 'admin@example.org');
  focal = await signIn(t.app, 'focal@example.org');
}, 120_000);
afterAll(async () => {
  await t.db.pool.query('truncate suggestion_model cascade');
  await t?.close();
});

const get = async (url: string, session: Session | null = secretariat) => t.app.inject({ method: 'GET', url, headers: as(session) });
const post = async (url: string, payload: object, session: Session | null = secretariat) => t.app.inject({ method: 'POST', url, payload, headers: as(session) });
const decide = (id: number, field: string, key: string, what: 'accept' | 'reject', session: Session | null = secretariat, modelVersion = version) =>
  post(`/api/v1/recommendations/${id}/suggestions/${field}/${encodeURIComponent(key)}/${what}?locale=en`, { model_version: modelVersion }, session);

/** How many recommendations the public search finds with a theme, and whether open data lists the theme on a record. */
const facetCount = async (key: string) => (await get(`/api/v1/recommendations?theme=${encodeURIComponent(key)}&page_size=1`, null)).json().total as number;
const openDataThemes = async (id: number) => {
  const rows = (await get('/api/v1/open-data/recommendations.json', null)).json() as { id: number; themes: string }[];
  return rows.find((r) => r.id === id)!.themes;
};

describe('before any model', () => {
  it('a recommendation has no suggestions and the queue is empty', async () => {
    expect((await get(`/api/v1/recommendations/${ids[0]}/suggestions`)).json()).toEqual({ model_version: null, fields: {} });
    expect((await get('/api/v1/suggestions')).json()).toMatchObject({ model: null, total: 0, items: [] });
  });
});

describe('suggestions of a recommendation', () => {
  beforeAll(async () => {
    version = (await trainModel(t.db.pool, { actor: 'system:test' })).version;
    await scoreCatalogue(t.db.pool);
  }, 300_000);

  it('are for staff only', async () => {
    expect((await get(`/api/v1/recommendations/${ids[0]}/suggestions`, null)).statusCode).toBe(401);
    expect((await get(`/api/v1/recommendations/${ids[0]}/suggestions`, focal)).statusCode).toBe(403);
    expect((await get(`/api/v1/recommendations/${ids[0]}/suggestions`, administrator)).statusCode).toBe(200);
    expect((await get('/api/v1/suggestions', focal)).statusCode).toBe(403);
  });

  it('give per field at least five, best first, with confidence, band, the similar labelled records and the words', async () => {
    const body = (await get(`/api/v1/recommendations/${ids[0]}/suggestions?locale=en`)).json();
    expect(body.model_version).toBe(version);
    expect(Object.keys(body.fields).sort()).toEqual(['affected', 'sdg_goal', 'sdg_target', 'theme']);
    const themes = body.fields.theme;
    expect(themes.length).toBeGreaterThanOrEqual(5);
    expect(themes.map((s: { confidence: number }) => s.confidence)).toEqual([...themes.map((s: { confidence: number }) => s.confidence)].sort((a, b) => b - a));
    expect(themes[0].label.length).toBeGreaterThan(0);
    expect(['high', 'medium', 'low']).toContain(themes[0].band);
    // The torture text's best theme is the demo's torture theme, shown with the demo's torture recommendations.
    expect(themes[0].label).toMatch(/torture/i);
    expect(themes[0].examples.length).toBeGreaterThan(0);
    expect(themes[0].examples[0]).toMatchObject({ id: expect.any(Number), symbol: expect.any(String) });
    expect(themes[0].words.join(' ')).toMatch(/tortur/);
    expect((await get('/api/v1/recommendations/999999999/suggestions')).statusCode).toBe(404);
  });

  it('accepting writes a manual label with its provenance and audit row; facets and open data show it only then', async () => {
    const id = ids[0];
    const theme = (await get(`/api/v1/recommendations/${id}/suggestions?locale=en`)).json().fields.theme[0];
    const before = await facetCount(theme.key);
    expect(await openDataThemes(id)).toBe('');
    const response = await decide(id, 'theme', theme.key, 'accept');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ recommendation_id: id, field: 'theme', key: theme.key, decision: 'accepted', model_version: version });
    const detail = (await get(`/api/v1/recommendations/${id}?locale=en`, null)).json();
    expect(detail.themes.map((x: { key: string }) => x.key)).toEqual([theme.key]);
    expect(detail.labels).toContainEqual(expect.objectContaining({ vocabulary: 'theme', provenance: 'manual' }));
    const { rows: [decision] } = await t.db.pool.query(
      `select d.decision, d.model_version::int as model_version, d.confidence, u.email from label_suggestion_decision d join app_user u on u.id = d.decided_by
       where d.recommendation_id = $1 and d.field = 'theme' and d.key = $2`, [id, theme.key]);
    expect(decision).toMatchObject({ decision: 'accepted', model_version: version, email: 'secretariat@example.org' });
    expect(decision.confidence).toBeCloseTo(theme.confidence, 2);
    const { rows: audit } = await t.db.pool.query(`select action, actor, after from audit_log where entity = 'label_suggestion' order by id desc limit 1`);
    expect(audit[0]).toMatchObject({ action: 'accept', after: { recommendation_id: id, key: theme.key, model_version: version } });
    expect(await facetCount(theme.key)).toBe(before + 1);
    expect(await openDataThemes(id)).toBe(theme.label);
    // Suggested again? No: it is a label now.
    const after = (await get(`/api/v1/recommendations/${id}/suggestions`)).json();
    expect(after.fields.theme.map((s: { key: string }) => s.key)).not.toContain(theme.key);
    expect((await decide(id, 'theme', theme.key, 'accept')).statusCode).toBe(409);
  });

  it('rejecting is remembered, never suggested again, and a negative example of the next training', async () => {
    const id = ids[1];
    const theme = (await get(`/api/v1/recommendations/${id}/suggestions`)).json().fields.theme[0];
    const before = await facetCount(theme.key);
    expect((await decide(id, 'theme', theme.key, 'reject')).statusCode).toBe(200);
    expect((await get(`/api/v1/recommendations/${id}/suggestions`)).json().fields.theme.map((s: { key: string }) => s.key)).not.toContain(theme.key);
    const queue = (await get(`/api/v1/suggestions?field=theme&page_size=100`)).json();
    expect(queue.items.filter((i: { id: number }) => i.id === id).flatMap((i: { suggestions: { key: string }[] }) => i.suggestions.map((s) => s.key))).not.toContain(theme.key);
    expect(await facetCount(theme.key)).toBe(before);
    expect(await openDataThemes(id), `open data of ${id}`).toBe('');
    const { rows } = await t.db.pool.query(`select action from audit_log where entity = 'label_suggestion' order by id desc limit 1`);
    expect(rows[0].action).toBe('reject');
    // The next training reads the rejection (the record itself has no theme yet: it is not a training record for themes).
    await t.db.pool.query(`insert into recommendation_label (recommendation_id, vocabulary, value, provenance)
      select $1, 'theme', id::text, 'manual' from vocabulary_term where vocabulary = 'theme' and key <> $2 order by id limit 1`, [id, theme.key]);
    const item = (await trainingData(t.db.pool)).get('theme')!.items.find((i) => i.id === id)!;
    expect(item.rejected).toEqual([theme.key]);
  });

  it('refuses a decision on an unknown model, key or field, in the caller\'s language, and a focal point', async () => {
    const id = ids[2];
    expect((await decide(id, 'theme', 'no-such-theme', 'accept')).statusCode).toBe(404);
    const unknown = await decide(id, 'theme', 'no-such-theme', 'accept', secretariat, version + 100);
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().message).toMatch(/model version/);
    expect((await post(`/api/v1/recommendations/${id}/suggestions/colour/red/accept`, { model_version: version })).statusCode).toBe(400);
    expect((await post(`/api/v1/recommendations/${id}/suggestions/theme/x/accept`, {})).statusCode).toBe(400);
    const sdg = (await get(`/api/v1/recommendations/${id}/suggestions`)).json().fields.sdg_goal[0];
    expect((await decide(id, 'sdg_goal', sdg.key, 'accept', focal)).statusCode).toBe(403);
    expect((await decide(id, 'sdg_goal', sdg.key, 'accept', null)).statusCode).toBe(401);
  });
});

describe('the review queue and the bulk accept of the high band', () => {
  it('lists recommendations with open suggestions, filtered by field, band, mechanism and search', async () => {
    const all = (await get('/api/v1/suggestions?locale=en&page_size=100')).json();
    expect(all.model).toMatchObject({ version, training_size: expect.any(Number) });
    expect(all.model.quality.theme.held_back).toBeGreaterThan(0);
    expect(all.total).toBeGreaterThan(0);
    for (const item of all.items) expect(item.suggestions.every((s: { band: string }) => s.band !== 'low')).toBe(true);
    const cat = (await get('/api/v1/suggestions?mechanism=CAT&field=sdg_goal&page_size=100')).json();
    expect(cat.items.length).toBeGreaterThan(0);
    expect(cat.items.every((i: { mechanism: { key: string }; suggestions: { field: string }[] }) =>
      i.mechanism.key === 'CAT' && i.suggestions.every((s) => s.field === 'sdg_goal'))).toBe(true);
    const high = (await get('/api/v1/suggestions?band=high&page_size=100')).json();
    expect(high.items.every((i: { suggestions: { band: string }[] }) => i.suggestions.every((s) => s.band === 'high'))).toBe(true);
    const searched = (await get(`/api/v1/suggestions?q=${encodeURIComponent('shelters')}&page_size=100`)).json();
    expect(searched.items.length).toBeGreaterThan(0);
    expect(searched.items.every((i: { text: string }) => /shelter/i.test(i.text))).toBe(true);
    expect(searched.items.map((i: { id: number }) => i.id)).toContain(ids[4]);
    expect((await get('/api/v1/suggestions?band=low')).statusCode).toBe(400);
  });

  it('counts first, then accepts the high band: only into empty fields or adding, as chosen', async () => {
    const selection = { recommendation_ids: ids, model_version: version };
    const empty = (await post('/api/v1/suggestions/accept-high', { ...selection, mode: 'empty', preview: true })).json();
    const add = (await post('/api/v1/suggestions/accept-high', { ...selection, mode: 'add', preview: true })).json();
    expect(add.labels).toBeGreaterThanOrEqual(empty.labels);
    const labels = async () => (await t.db.pool.query(`select count(*)::int as n from recommendation_label where recommendation_id = any($1::bigint[])`, [ids])).rows[0].n;
    const before = await labels();
    expect(await labels()).toBe(before); // the preview wrote nothing
    const { rows: highRows } = await t.db.pool.query(`select field, key from label_suggestion where recommendation_id = any($1::bigint[]) and band = 'high'`, [ids]);
    expect(empty.labels).toBeGreaterThan(0);
    expect(highRows.length).toBeGreaterThanOrEqual(empty.labels);
    // A newer model since the preview: the accept is refused.
    expect((await post('/api/v1/suggestions/accept-high', { ...selection, mode: 'empty', model_version: version + 1 })).statusCode).toBe(409);
    expect((await post('/api/v1/suggestions/accept-high', { ...selection, q: 'x', mode: 'empty', model_version: version })).statusCode).toBe(400);
    expect((await post('/api/v1/suggestions/accept-high', { ...selection, mode: 'empty' }, focal)).statusCode).toBe(403);
    const done = (await post('/api/v1/suggestions/accept-high', { ...selection, mode: 'empty' })).json();
    expect(done).toMatchObject({ preview: false, labels: empty.labels, recommendations: empty.recommendations });
    const nonInstitution = Object.entries(done.by_field).filter(([field]) => field !== 'institution').reduce((n, [, v]) => n + (v as number), 0);
    expect(await labels()).toBe(before + nonInstitution);
    const { rows } = await t.db.pool.query(`select count(*)::int as n from audit_log where entity = 'label_suggestion' and after->>'bulk' = 'empty'`);
    expect(rows[0].n).toBe(done.labels);
    // Nothing high and open is left in the empty fields of the selection.
    expect((await post('/api/v1/suggestions/accept-high', { ...selection, mode: 'empty', preview: true })).json().labels).toBe(0);
  });
});
