import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { testApp, type TestApp } from '../../test/app';
import { resetCatalogue } from '../../test/database';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';

let t: TestApp;
let admin: Session;
let secretariat: Session;
const KEY = 'children_online_test';

/** Terms are reference data shared with the other test files: the one made here is removed after. */
async function forgetTerm() {
  await t.db.pool.query(`delete from recommendation_label where vocabulary = 'theme' and value in (select id::text from vocabulary_term where key = $1)`, [KEY]);
  await t.db.pool.query(`delete from vocabulary_alias where term_id in (select id from vocabulary_term where key = $1)`, [KEY]);
  await t.db.pool.query('delete from vocabulary_term where key = $1', [KEY]);
}

beforeAll(async () => {
  t = await testApp();
  await resetCatalogue(t.db);
  await resetPeople(t.db);
  await forgetTerm();
  await createPerson(t.db, 'admin@example.org', 'administrator');
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  admin = await signIn(t.app, 'admin@example.org');
  secretariat = await signIn(t.app, 'secretariat@example.org');
});
afterAll(async () => {
  await resetCatalogue(t.db);
  await forgetTerm();
  await t.close();
});

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, session: Session | null = admin) =>
  t.app.inject({ method, url, payload, headers: as(session) });
const themes = async (locale = 'en') => (await call('GET', `/api/v1/admin/vocabularies/theme?locale=${locale}`)).json().items as
  { id: number; key: string; name: string; aliases: string[]; retired: boolean; used_by: number; version: number }[];
const ours = async (locale = 'en') => (await themes(locale)).find((term) => term.key === KEY)!;

let row = 0;
/** Imports one recommendation whose theme the source writes as `theme`; its id. */
async function importWithTheme(theme: string): Promise<number> {
  row += 1;
  const csv = `mechanism,country,language,date,paragraph,symbol,text,themes\nUPR,PRY,es,2021-03-01,${row}.1,A/HRC/48/9,Texto ${row},"${theme}"\n`;
  await importRecommendations(t.db.pool, Buffer.from(csv), { fileName: `t${row}.csv`, format: 'csv', actor: 'system:test' });
  const { rows } = await t.db.pool.query(`select id from recommendation where paragraph = $1`, [`${row}.1`]);
  return Number(rows[0].id);
}
const themesOf = async (id: number) => (await call('GET', `/api/v1/recommendations/${id}?locale=es`, undefined, null)).json().themes as { key: string; label: string }[];
const audits = async () => (await t.db.pool.query(`select action from audit_log where entity = 'vocabulary_term' order by id`)).rows.map((r) => r.action);

describe('vocabularies', () => {
  it('a term added with names and aliases is matched by the importer under an alias', async () => {
    const created = await call('POST', '/api/v1/admin/vocabularies/theme', {
      key: KEY, label: { es: 'Niñez en línea', en: 'Children online' }, aliases: ['Protección de la infancia en internet', 'Kids & the web'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const term = await ours('es');
    expect(term).toMatchObject({ name: 'Niñez en línea', retired: false, used_by: 0, version: 1 });
    // Names are aliases too; aliases are kept as the importer compares them (no accents, no case, & as "and").
    expect(term.aliases).toEqual(['children online', 'kids and the web', 'ninez en linea', 'proteccion de la infancia en internet']);

    const id = await importWithTheme('PROTECCIÓN DE LA INFANCIA EN INTERNET');
    expect(await themesOf(id)).toEqual([{ key: KEY, label: 'Niñez en línea' }]);
    expect((await ours()).used_by).toBe(1);
    expect(await audits()).toEqual(['create']);
  });

  it('names and aliases change against the version; a stale version, a taken alias or key are refused with nothing saved', async () => {
    const term = await ours();
    const renamed = await call('PUT', `/api/v1/admin/vocabularies/theme/${term.id}`, {
      version: term.version, label: { es: 'Infancia en entornos digitales', en: 'Children online' }, aliases: ['Kids & the web'],
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const after = await ours('es');
    expect(after).toMatchObject({ name: 'Infancia en entornos digitales', version: term.version + 1 });
    expect(after.aliases).toEqual(['children online', 'infancia en entornos digitales', 'kids and the web']);

    const before = JSON.stringify(await themes());
    const auditCount = (await audits()).length;
    const stale = await call('PUT', `/api/v1/admin/vocabularies/theme/${term.id}?locale=es`, { version: term.version, label: { es: 'Otro' }, aliases: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current_version).toBe(term.version + 1);
    // An alias of another theme of the reference data.
    const { rows: [other] } = await t.db.pool.query(`select alias from vocabulary_alias where vocabulary = 'theme' and term_id <> $1 order by alias limit 1`, [term.id]);
    const taken = await call('PUT', `/api/v1/admin/vocabularies/theme/${term.id}?locale=fr`, { version: after.version, label: { en: 'Children online' }, aliases: [other.alias] });
    expect(taken.statusCode, taken.body).toBe(400);
    expect(taken.json().message).toBe(`Ces alias appartiennent déjà à un autre terme : ${other.alias}.`);
    const sameKey = await call('POST', '/api/v1/admin/vocabularies/theme', { key: KEY, label: { en: 'Again' }, aliases: [] });
    expect(sameKey.json().message).toBe(`There is already a term with the key ${KEY}.`);
    expect((await call('POST', '/api/v1/admin/vocabularies/theme', { key: 'Bad Key!', label: { en: 'x' }, aliases: [] })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/admin/vocabularies/theme', { key: 'no_name', label: { en: '' }, aliases: [] })).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/admin/vocabularies/mechanisms')).statusCode).toBe(400);
    expect(JSON.stringify(await themes())).toBe(before);
    expect((await audits()).length).toBe(auditCount);
  });

  it('a retired term is given to no new label, and the records that have it keep showing it', async () => {
    const term = await ours();
    const labelled = (await t.db.pool.query(`select recommendation_id from recommendation_label where vocabulary = 'theme' and value = $1`, [String(term.id)])).rows;
    expect(labelled).toHaveLength(1);
    const retired = await call('POST', `/api/v1/admin/vocabularies/theme/${term.id}/retire`, { version: term.version, retired: true });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(await ours()).toMatchObject({ retired: true, used_by: 1 });

    // A new import writing its alias: no label, and no new term made from the alias either.
    const id = await importWithTheme('Kids & the web');
    expect(await themesOf(id)).toEqual([]);
    expect((await themes()).filter((candidate) => candidate.aliases.includes('kids and the web'))).toHaveLength(1);
    // The older record still shows it, by its name.
    expect(await themesOf(Number(labelled[0].recommendation_id))).toEqual([{ key: KEY, label: 'Infancia en entornos digitales' }]);

    // Brought back, it labels again.
    const restored = await call('POST', `/api/v1/admin/vocabularies/theme/${term.id}/retire`, { version: term.version + 1, retired: false });
    expect(restored.statusCode).toBe(200);
    expect(await themesOf(await importWithTheme('kids and the web'))).toEqual([{ key: KEY, label: 'Infancia en entornos digitales' }]);
    expect(await audits()).toEqual(['create', 'update', 'retire', 'restore']);
  });

  it('is kept by administrators only', async () => {
    const term = await ours();
    expect((await call('GET', '/api/v1/admin/vocabularies/theme', undefined, secretariat)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/admin/vocabularies/theme/${term.id}/retire`, { version: term.version, retired: true }, secretariat)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/admin/vocabularies/theme/${term.id}/retire`, { version: term.version, retired: true }, null)).statusCode).toBe(401);
    expect(await ours()).toMatchObject({ retired: false, version: term.version });
  });
});
