import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';

let t: TestApp;
let education: number;
let health: number;
let recommendations: number[];
let draftAction: number;
let publishedAction: number;
let healthAction: number;
const s: Record<string, Session> = {};

beforeAll(async () => {
  t = await appWithDemoData();
  await resetPeople(t.db);
  education = await createInstitution(t.db, 'Ministry of Education');
  health = await createInstitution(t.db, 'Ministry of Health');
  for (const [name, role, institution] of [['focal', 'focal_point', education], ['secretariat', 'secretariat', undefined], ['healthFocal', 'focal_point', health]] as const) {
    await createPerson(t.db, `${name}@example.org`, role, institution);
    s[name] = await signIn(t.app, `${name}@example.org`);
  }
  recommendations = (await t.db.pool.query('select id from recommendation order by id limit 2')).rows.map((r) => Number(r.id));
  const action = async (institution: number, state: string) => Number((await t.db.pool.query(
    `insert into action_report (institution_id, state, action_type, reach, title, original_language) values ($1, $2, 'data', 'structural', '{"es":"Encuesta"}', 'es') returning id`,
    [institution, state])).rows[0].id);
  draftAction = await action(education, 'draft');
  publishedAction = await action(education, 'published');
  healthAction = await action(health, 'published');
});
afterAll(async () => t.close());

const api = (who: string | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: who ? as(s[who]) : {} });

const INDICATOR = () => ({
  institution_id: education,
  name: { es: 'Tasa neta de matrícula en educación secundaria', en: 'Net enrolment rate in secondary education' },
  kind: 'outcome', unit: '%', baseline: { value: 61.5, date: '2020-12-31' }, target: { value: 80, date: '2030-12-31' },
  disaggregation: ['sex', 'area'], sdg_indicator: '4.1.2', data_source: 'Encuesta Permanente de Hogares (INE)', frequency: 'annual',
  recommendation_ids: recommendations, action_ids: [draftAction, publishedAction],
});

describe('indicators', () => {
  it('are defined by the responsible institution with every field, and shown to everyone without its draft links', async () => {
    const created = await api('focal', 'POST', '/api/v1/indicators?locale=en', INDICATOR());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Net enrolment rate in secondary education', kind: 'outcome', unit: '%', baseline: { value: 61.5, date: '2020-12-31' },
      target: { value: 80, date: '2030-12-31' }, disaggregation: ['sex', 'area'], frequency: 'annual', latest: null, version: 1,
      sdg_indicator: { code: '4.1.2' }, recommendation_ids: recommendations, action_ids: [draftAction, publishedAction],
      institution: { id: education, name: 'Ministry of Education' },
    });
    const id = created.json().id;
    const seenByPublic = (await api(null, 'GET', `/api/v1/indicators/${id}`)).json();
    expect(seenByPublic.action_ids).toEqual([publishedAction]);
    // What the reader may do to it comes with it: the responsible institution's focal point manages it, the public and other institutions do not.
    expect(created.json().permissions).toEqual(['indicator:manage']);
    expect(seenByPublic.permissions).toEqual([]);
    expect((await api('healthFocal', 'GET', `/api/v1/indicators/${id}`)).json().permissions).toEqual([]);
    expect((await api(null, 'GET', `/api/v1/indicators?recommendation_id=${recommendations[0]}`)).json().items.map((i: { id: number }) => i.id)).toEqual([id]);
    expect((await api(null, 'GET', `/api/v1/indicators?action_id=${publishedAction}`)).json().total).toBe(1);
  });

  it('refuses other institutions, unknown SDG codes, foreign actions, and stale edits, in the caller\'s language', async () => {
    expect((await api('healthFocal', 'POST', '/api/v1/indicators', INDICATOR())).statusCode).toBe(403);
    expect((await api(null, 'POST', '/api/v1/indicators', INDICATOR())).statusCode).toBe(401);
    const sdg = await api('focal', 'POST', '/api/v1/indicators?locale=es', { ...INDICATOR(), sdg_indicator: '4.1.9' });
    expect(sdg.json().message).toBe('4.1.9 no es un indicador de los ODS.');
    const foreign = await api('focal', 'POST', '/api/v1/indicators?locale=fr', { ...INDICATOR(), action_ids: [healthAction] });
    expect(foreign.json().message).toContain("ne sont pas des rapports de l'institution");
    const backwards = await api('focal', 'POST', '/api/v1/indicators', { ...INDICATOR(), target: { value: 80, date: '2019-01-01' } });
    expect(backwards.statusCode).toBe(400);

    const { id } = (await api('secretariat', 'POST', '/api/v1/indicators', INDICATOR())).json();
    const edited = await api('focal', 'PATCH', `/api/v1/indicators/${id}`, { version: 1, target: { value: 85, date: '2030-12-31' }, action_ids: [] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ target: { value: 85 }, action_ids: [], version: 2, baseline: { value: 61.5 } });
    expect((await api('focal', 'PATCH', `/api/v1/indicators/${id}`, { version: 1, unit: 'pp' })).statusCode).toBe(409);
    expect((await api('healthFocal', 'PATCH', `/api/v1/indicators/${id}`, { version: 2, unit: 'pp' })).statusCode).toBe(403);
  });

  it('records measurements over time, by group, corrects them, and keeps the history', async () => {
    const { id } = (await api('focal', 'POST', '/api/v1/indicators', INDICATOR())).json();
    const measure = (payload: object, who = 'focal') => api(who, 'POST', `/api/v1/indicators/${id}/measurements?locale=en`, payload);
    expect((await measure({ measured_on: '2022-12-31', value: 64.1 })).statusCode).toBe(201);
    await measure({ measured_on: '2023-12-31', value: 66.0 });
    await measure({ measured_on: '2023-12-31', value: 68.2, breakdown: { sex: 'female', area: 'rural' } });
    const corrected = await measure({ measured_on: '2023-12-31', value: 66.4, note: 'Revised by INE' });
    expect(corrected.json().latest).toMatchObject({ measured_on: '2023-12-31', value: 66.4, note: 'Revised by INE', breakdown: {} });
    expect(corrected.json().measurements).toHaveLength(3);
    const wrongGroup = await measure({ measured_on: '2023-12-31', value: 1, breakdown: { ethnicity: 'guarani' } });
    expect(wrongGroup.statusCode).toBe(400);
    expect(wrongGroup.json().message).toBe('The indicator is not broken down by ethnicity. Its dimensions: sex, area.');
    expect((await measure({ measured_on: '2023-12-31', value: 1 }, 'healthFocal')).statusCode).toBe(403);

    const removed = await api('focal', 'DELETE', `/api/v1/indicators/${id}/measurements/${corrected.json().latest.id}`);
    expect(removed.json().latest).toMatchObject({ measured_on: '2022-12-31', value: 64.1 });
    const history = (await api('focal', 'GET', `/api/v1/history/indicator/${id}`)).json().items.map((i: { action: string }) => i.action);
    expect(history).toEqual(['remove_measurement', 'correct_measurement', 'add_measurement', 'add_measurement', 'add_measurement', 'create']);
    expect((await api('healthFocal', 'GET', `/api/v1/history/indicator/${id}`)).statusCode).toBe(403);
  });
});
