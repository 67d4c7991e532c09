/**
 * The mechanisms an administrator keeps: a regional body the reference data
 * lacks (MESECVI) and a national one are added with names per language and
 * aliases the importer matches; a seeded regional mechanism is renamed and the
 * reference seed, run again at the next start, leaves it so; a retired one
 * takes no new recommendation and keeps those it has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../../db/seeds/reference';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { testApp, type TestApp } from '../../test/app';
import { resetCatalogue } from '../../test/database';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';

let t: TestApp;
let admin: Session;
let secretariat: Session;
const CODES = ['MESECVI', 'MNP-PRY'];

interface Mechanism { id: number; code: string; family: string; name: string; label: Record<string, string>; short_name: Record<string, string>; aliases: string[]; retired: boolean; used_by: number; version: number }

/** Mechanisms are reference data shared with the other test files: the ones made here go, IACHR is seeded afresh. */
async function putBack() {
  await t.db.pool.query('delete from mechanism_alias where mechanism_id in (select id from mechanism where code = any($1))', [CODES]);
  await t.db.pool.query('delete from mechanism where code = any($1)', [CODES]);
  await t.db.pool.query(`update mechanism set edited_by = null, retired_at = null where code = 'IACHR'`);
  const client = await t.db.pool.connect();
  try {
    await seedReferenceData(client);
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  t = await testApp();
  await resetCatalogue(t.db);
  await resetPeople(t.db);
  await putBack();
  await createPerson(t.db, 'admin@example.org', 'administrator');
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  admin = await signIn(t.app, 'admin@example.org');
  secretariat = await signIn(t.app, 'secretariat@example.org');
});
afterAll(async () => {
  await resetCatalogue(t.db);
  await putBack();
  await t.close();
});

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, session: Session | null = admin) =>
  t.app.inject({ method, url, payload, headers: as(session) });
const mechanisms = async (locale = 'en') => (await call('GET', `/api/v1/admin/mechanisms?locale=${locale}`)).json().items as Mechanism[];
const byCode = async (code: string, locale = 'en') => (await mechanisms(locale)).find((m) => m.code === code)!;
const audits = async () => (await t.db.pool.query(`select action from audit_log where entity = 'mechanism' order by id`)).rows.map((r) => r.action);

let row = 0;
/** Imports one recommendation whose mechanism the source writes as `mechanism`; its id, or null when the row was rejected. */
async function importUnder(mechanism: string): Promise<number | null> {
  row += 1;
  const csv = `mechanism,country,language,date,paragraph,symbol,text\n"${mechanism}",PRY,es,2022-05-01,${row}.7,DOC/${row},Texto ${row}\n`;
  await importRecommendations(t.db.pool, Buffer.from(csv), { fileName: `m${row}.csv`, format: 'csv', actor: 'system:test', skipInvalid: true });
  const { rows } = await t.db.pool.query('select id from recommendation where paragraph = $1', [`${row}.7`]);
  return rows[0] ? Number(rows[0].id) : null;
}
const mechanismOf = async (id: number, locale = 'es') =>
  (await call('GET', `/api/v1/recommendations/${id}?locale=${locale}`, undefined, null)).json().mechanism as { key: string; label: string; short: string | null };

describe('mechanisms', () => {
  it('lists the regional ones of the reference data with their names and acronyms per language', async () => {
    const list = await mechanisms('es');
    for (const code of ['IACHR', 'IACTHR', 'ACHPR', 'AFCHPR', 'ECTHR', 'ECSR']) {
      expect(list.find((m) => m.code === code), code).toMatchObject({ family: 'regional', retired: false });
    }
    const iachr = list.find((m) => m.code === 'IACHR')!;
    expect(iachr).toMatchObject({ name: 'Comisión Interamericana de Derechos Humanos', short_name: { es: 'CIDH', en: 'IACHR' } });
    expect(iachr.aliases).toContain('cidh');
  });

  it('adds a regional and a national mechanism whose names, acronyms and aliases the importer matches', async () => {
    const regional = await call('POST', '/api/v1/admin/mechanisms', {
      code: 'MESECVI', family: 'regional',
      label: { es: 'Mecanismo de Seguimiento de la Convención de Belém do Pará', en: 'Follow-up Mechanism to the Belém do Pará Convention' },
      short_name: { es: 'MESECVI', en: 'MESECVI' }, aliases: ['Comité de Expertas del MESECVI'],
    });
    expect(regional.statusCode, regional.body).toBe(201);
    const national = await call('POST', '/api/v1/admin/mechanisms', {
      code: 'MNP-PRY', family: 'national', label: { es: 'Mecanismo Nacional de Prevención de la Tortura' }, short_name: { es: 'MNP' }, aliases: [],
    });
    expect(national.statusCode, national.body).toBe(201);
    const added = await byCode('MESECVI', 'es');
    expect(added).toMatchObject({ family: 'regional', name: 'Mecanismo de Seguimiento de la Convención de Belém do Pará', used_by: 0, version: 1, retired: false });
    // Code, names and acronyms are aliases too, kept as the importer compares them (no accents, no case).
    expect(added.aliases).toEqual(['comite de expertas del mesecvi', 'follow-up mechanism to the belem do para convention',
      'mecanismo de seguimiento de la convencion de belem do para', 'mesecvi']);

    const first = await importUnder('COMITÉ DE EXPERTAS DEL MESECVI');
    expect(await mechanismOf(first!)).toEqual({ key: 'MESECVI', label: 'Mecanismo de Seguimiento de la Convención de Belém do Pará', short: 'MESECVI' });
    const second = await importUnder('Mecanismo Nacional de Prevencion de la Tortura');
    expect(await mechanismOf(second!)).toMatchObject({ key: 'MNP-PRY', short: 'MNP' });
    // The public search filters by it.
    const found = await call('GET', '/api/v1/recommendations?mechanism=MNP-PRY', undefined, null);
    expect(found.json().total).toBe(1);
    expect((await byCode('MESECVI')).used_by).toBe(1);
    expect(await audits()).toEqual(['create', 'create']);
  });

  it('changes a mechanism against its version; a stale version, a taken alias or code and bad input are refused, nothing saved', async () => {
    const iachr = await byCode('IACHR');
    const renamed = await call('PUT', `/api/v1/admin/mechanisms/${iachr.id}`, {
      version: iachr.version, family: 'regional',
      label: { ...iachr.label, es: 'Comisión Interamericana (CIDH)' }, short_name: iachr.short_name, aliases: ['Inter-American Commission'],
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await byCode('IACHR', 'es')).toMatchObject({ name: 'Comisión Interamericana (CIDH)', version: iachr.version + 1 });
    expect((await byCode('IACHR')).aliases).toContain('inter-american commission');

    // The reference seed, run again at every start, leaves an edited mechanism as the administrator left it.
    const client = await t.db.pool.connect();
    try {
      await seedReferenceData(client);
    } finally {
      client.release();
    }
    const afterSeed = await byCode('IACHR', 'es');
    expect(afterSeed).toMatchObject({ name: 'Comisión Interamericana (CIDH)', version: iachr.version + 1 });
    expect(afterSeed.aliases).toContain('inter-american commission');

    const before = JSON.stringify(await mechanisms());
    const auditCount = (await audits()).length;
    const stale = await call('PUT', `/api/v1/admin/mechanisms/${iachr.id}`, { version: iachr.version, family: 'regional', label: { es: 'Otra' }, short_name: {}, aliases: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current_version).toBe(iachr.version + 1);
    const mesecvi = await byCode('MESECVI');
    const taken = await call('PUT', `/api/v1/admin/mechanisms/${mesecvi.id}?locale=fr`, {
      version: mesecvi.version, family: 'regional', label: mesecvi.label, short_name: mesecvi.short_name, aliases: ['CIDH'],
    });
    expect(taken.statusCode, taken.body).toBe(400);
    expect(taken.json().message).toBe('Ces alias appartiennent déjà à un autre mécanisme : cidh.');
    const sameCode = await call('POST', '/api/v1/admin/mechanisms?locale=es', { code: 'MESECVI', family: 'regional', label: { es: 'Otra vez' }, short_name: {}, aliases: [] });
    expect(sameCode.statusCode).toBe(400);
    expect(sameCode.json().message).toBe('Ya existe un mecanismo con el código MESECVI.');
    expect((await call('POST', '/api/v1/admin/mechanisms', { code: 'bad code', family: 'regional', label: { es: 'x' }, short_name: {}, aliases: [] })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/admin/mechanisms', { code: 'NEW-ONE', family: 'galactic', label: { es: 'x' }, short_name: {}, aliases: [] })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/admin/mechanisms', { code: 'NEW-ONE', family: 'national', label: { es: '' }, short_name: {}, aliases: [] })).statusCode).toBe(400);
    expect(JSON.stringify(await mechanisms())).toBe(before);
    expect((await audits()).length).toBe(auditCount);
  });

  it('a retired mechanism takes no new recommendation and the ones it has keep showing it', async () => {
    const mesecvi = await byCode('MESECVI');
    const retired = await call('POST', `/api/v1/admin/mechanisms/${mesecvi.id}/retire`, { version: mesecvi.version, retired: true });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(await byCode('MESECVI')).toMatchObject({ retired: true, used_by: 1 });

    expect(await importUnder('MESECVI')).toBeNull();
    const kept = (await t.db.pool.query(`select r.id from recommendation r join mechanism m on m.id = r.mechanism_id where m.code = 'MESECVI'`)).rows;
    expect(kept).toHaveLength(1);
    expect(await mechanismOf(Number(kept[0].id), 'en')).toMatchObject({ key: 'MESECVI', label: 'Follow-up Mechanism to the Belém do Pará Convention' });

    const restored = await call('POST', `/api/v1/admin/mechanisms/${mesecvi.id}/retire`, { version: mesecvi.version + 1, retired: false });
    expect(restored.statusCode).toBe(200);
    expect(await importUnder('mesecvi')).not.toBeNull();
    expect(await audits()).toEqual(['create', 'create', 'update', 'retire', 'restore']);
  });

  it('is kept by administrators only', async () => {
    const mesecvi = await byCode('MESECVI');
    expect((await call('GET', '/api/v1/admin/mechanisms', undefined, secretariat)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/admin/mechanisms/${mesecvi.id}/retire`, { version: mesecvi.version, retired: true }, secretariat)).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/admin/mechanisms', { code: 'NEW-ONE', family: 'national', label: { es: 'x' }, short_name: {}, aliases: [] }, null)).statusCode).toBe(401);
    expect(await byCode('MESECVI')).toMatchObject({ retired: false, version: mesecvi.version });
  });
});
