/**
 * Label suggestions through the API: a recommendation's suggestions with their reasons, accept
 * and reject (provenance, audit, never suggested again, a negative example), the review queue
 * and the bulk accept of the high band with its preview; suggestions reach facets and open data
 * only once accepted; an import that asks for suggestions has them at once (API and command line).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importCommand } from '../../cli/import';
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

describe('an import that asks for suggestions on what it brings', () => {
  const csv = (symbol: string, rows: string[]) =>
    `mechanism,country,language,date,paragraph,symbol,text,external_id\n${rows.map((text, i) => `CAT,PRY,en,2025-03-01,${i + 1},${symbol},${text},${symbol}-${i + 1}`).join('\n')}\n`;
  const upload = (text: string, fileName: string, fields: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([text]), fileName);
    return t.app.inject({ method: 'POST', url: '/api/v1/imports?locale=en', payload: form, headers: as(secretariat) });
  };
  const idsOf = async (symbol: string) =>
    (await t.db.pool.query(`select id::int as id from recommendation where document_symbol = $1 order by id`, [symbol])).rows.map((r) => r.id as number);
  /** The recommendations among these with pending suggestions. */
  const suggested = async (among: number[]) =>
    (await t.db.pool.query(`select distinct recommendation_id::int as id from label_suggestion where recommendation_id = any($1::bigint[]) order by 1`, [among]))
      .rows.map((r) => r.id as number);
  const queued = async () => ((await get('/api/v1/suggestions?page_size=100')).json().items as { id: number }[]).map((i) => i.id);

  it('scores exactly the records it created or changed once it committed; without the option they wait for the job', async () => {
    const plain = await upload(csv('CAT/C/PRY/CO/9', [
      'Investigate every allegation of torture in prisons and prosecute those responsible',
      'Ensure that detainees are examined by an independent doctor to detect signs of torture',
    ]), 'plain.csv', {});
    expect(plain.json()).toMatchObject({ created: 2, written: true, suggestions: null });
    const plainIds = await idsOf('CAT/C/PRY/CO/9');
    expect(await suggested(plainIds)).toEqual([]);

    const asked = await upload(csv('CAT/C/PRY/CO/10', [
      'Establish an independent mechanism to prevent torture in all places of deprivation of liberty',
      'Guarantee that victims of torture obtain redress, including rehabilitation and compensation',
      'Reduce overcrowding in prisons and improve conditions of detention for women',
    ]), 'asked.csv', { suggest: 'true' });
    expect(asked.statusCode, asked.body).toBe(200);
    const askedIds = await idsOf('CAT/C/PRY/CO/10');
    const report = asked.json();
    expect(report).toMatchObject({ created: 3, written: true, suggestions: { status: 'scored', recommendations: 3 } });
    // At once, for exactly the imported records: in the table and in the review queue.
    const { rows: written } = await t.db.pool.query('select count(*)::int as n from label_suggestion where recommendation_id = any($1::bigint[])', [askedIds]);
    expect(report.suggestions.suggestions).toBe(written[0].n);
    expect(await suggested(askedIds)).toEqual(askedIds);
    expect(await suggested(plainIds)).toEqual([]);
    const queue = await queued();
    expect(askedIds.every((id) => queue.includes(id))).toBe(true);
    expect(plainIds.some((id) => queue.includes(id))).toBe(false);

    // A change to one imported record is scored again; the unchanged ones are left as they were.
    // Marks what is pending now: a record scored again loses the mark.
    await t.db.pool.query('update label_suggestion set confidence = -1 where recommendation_id = any($1::bigint[])', [askedIds]);
    const again = await upload(csv('CAT/C/PRY/CO/10', [
      'Establish an independent national preventive mechanism against torture with sufficient budget',
      'Guarantee that victims of torture obtain redress, including rehabilitation and compensation',
      'Reduce overcrowding in prisons and improve conditions of detention for women',
    ]), 'asked.csv', { suggest: 'true' });
    expect(again.json()).toMatchObject({ created: 0, updated: 1, suggestions: { status: 'scored', recommendations: 1 } });
    const { rows: rescored } = await t.db.pool.query(
      `select r.id::int as id from unnest($1::bigint[]) r(id)
       where not exists (select 1 from label_suggestion s where s.recommendation_id = r.id and s.confidence = -1) order by 1`, [askedIds]);
    expect(rescored.map((r) => r.id)).toEqual([askedIds[0]]);

    // The scheduled job scores what the import without the option brought.
    await scoreCatalogue(t.db.pool);
    expect(await suggested(plainIds)).toEqual(plainIds);
  }, 180_000);

  it('a dry run scores nothing; the command line asks with --suggest', async () => {
    const dry = await upload(csv('CAT/C/PRY/CO/11', ['Prohibit the use of solitary confinement for children']), 'dry.csv', { suggest: 'true', dry_run: 'true' });
    expect(dry.json()).toMatchObject({ created: 1, written: false, suggestions: null });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-suggest-'));
    try {
      fs.writeFileSync(path.join(dir, 'cli.csv'), csv('CAT/C/PRY/CO/12', ['Prohibit the use of solitary confinement for children in detention']));
      let stdout = '';
      let stderr = '';
      const code = await importCommand(['cli.csv', '--suggest'], {
        stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; }, env: { DATABASE_URL: inject('databaseUrl') }, cwd: dir,
      });
      expect(code, stderr).toBe(0);
      const summary = JSON.parse(stdout.trim().split('\n').at(-1)!);
      expect(summary).toMatchObject({ created: 1, suggestions: { status: 'scored', recommendations: 1, suggestions: expect.any(Number) } });
      const cliIds = await idsOf('CAT/C/PRY/CO/12');
      expect(await suggested(cliIds)).toEqual(cliIds);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('a failed scoring never makes the import fail: the records are written, the answer says so', async () => {
    // A model whose stored bytes cannot be read: scoring fails in the worker.
    const { rows: [broken] } = await t.db.pool.query(
      `insert into suggestion_model (trained_by, training_size, byte_size, millis, confirmed_labels, quality) values ('system:test', 1, 3, 1, 0, '{}') returning id`);
    await t.db.pool.query(`insert into suggestion_model_field (model_id, field, bytes) values ($1, 'theme', '\\x000102')`, [broken.id]);
    try {
      const response = await upload(csv('CAT/C/PRY/CO/13', ['Train prison staff on the prohibition of torture']), 'failing.csv', { suggest: 'true' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ created: 1, written: true, suggestions: { status: 'failed', recommendations: 0, suggestions: 0 } });
      const failedIds = await idsOf('CAT/C/PRY/CO/13');
      expect(failedIds).toHaveLength(1);
      expect(await suggested(failedIds)).toEqual([]);
    } finally {
      await t.db.pool.query('delete from suggestion_model where id = $1', [broken.id]);
    }
  }, 180_000);
});
