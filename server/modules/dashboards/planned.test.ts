/**
 * Planned vs done on the public dashboard: the accepted activities of adopted plans, where each stands
 * from the published action reports that carry it out, by plan, institution and top-level objective;
 * drafts, proposals and unpublished reports never count; a publication changes the answer and its validator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';

let t: TestApp;
let education: number;
let health: number;
let upr: number[];
const s: Record<string, Session> = {};
type Who = 'secretariat' | 'focal' | 'validator';

const call = (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: as(s[who]) });
async function created(who: Who, url: string, payload: object) {
  const response = await call(who, 'POST', url, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; version: number };
}
const visitor = (query = '', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/v1/public/dashboard${query ? `?${query}` : ''}`, headers });
async function planned(query = '') {
  const response = await visitor(query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().planned;
}
const counts = (done: number, on_time: number, late: number, not_started: number) => ({ done, on_time, late, not_started });
const byKey = (rows: { key: string; counts: object }[]) => Object.fromEntries(rows.map((r) => [r.key, r.counts]));

let adopted: { id: number };
let draft: { id: number };
const a: Record<string, number> = {};
let axisX: number;
let axisY: number;

beforeAll(async () => {
  t = await appWithDemoData();
  await resetPeople(t.db);
  education = await createInstitution(t.db, 'Ministry of Education');
  health = await createInstitution(t.db, 'Ministry of Health');
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  await createPerson(t.db, 'focal@example.org', 'focal_point', education);
  await createPerson(t.db, 'validator@example.org', 'validator', education);
  for (const who of ['secretariat', 'focal', 'validator'] as const) s[who] = await signIn(t.app, `${who}@example.org`);
  const { rows } = await t.db.pool.query(`select r.id from recommendation r join mechanism m on m.id = r.mechanism_id where m.code = 'UPR' order by r.id limit 3`);
  upr = rows.map((r) => Number(r.id));
  await t.db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) select unnest($1::bigint[]), $2::int, 'lead'`, [upr, education]);

  const plan = { kind: 'national_action_plan', original_language: 'es', period_start: '2020-01-01', period_end: '2099-12-31' };
  adopted = await created('secretariat', '/api/v1/plans', { ...plan, title: { es: 'Plan nacional de derechos humanos', en: 'National human rights plan' } });
  draft = await created('secretariat', '/api/v1/plans', { ...plan, title: { es: 'Borrador de plan' } });
  const objective = (body: object) => created('secretariat', `/api/v1/plans/${adopted.id}/objectives`, body);
  axisX = (await objective({ level: 'axis', code: 'X', title: { es: 'Eje X', en: 'Axis X' } })).id;
  const underX = (await objective({ level: 'objective', parent_id: axisX, code: 'X.1', title: { es: 'Objetivo X.1' } })).id;
  axisY = (await objective({ level: 'axis', code: 'Y', title: { es: 'Eje Y', en: 'Axis Y' } })).id;
  const activity = async (planId: number, body: object) =>
    (await created('secretariat', `/api/v1/plans/${planId}/activities`, { title: { es: 'Actividad' }, original_language: 'es', ...body })).id;
  a.late = await activity(adopted.id, { institution_id: education, objective_id: underX, start_date: '2020-01-01', end_date: '2020-12-31', recommendation_ids: [upr[0]] });
  a.carried = await activity(adopted.id, {
    institution_id: education, co_responsible_ids: [health], objective_id: axisY, start_date: '2090-01-01', end_date: '2099-12-31', recommendation_ids: [upr[1]],
  });
  a.running = await activity(adopted.id, { institution_id: health, start_date: '2020-01-01', end_date: '2099-12-31' });
  // A draft plan's activity, late by its dates and answering a UPR recommendation: never counted.
  await activity(draft.id, { institution_id: education, end_date: '2020-12-31', recommendation_ids: [upr[0]] });
  const version = (await call('secretariat', 'GET', `/api/v1/plans/${adopted.id}`)).json().version;
  const adoption = await call('secretariat', 'POST', `/api/v1/plans/${adopted.id}/status`, { version, status: 'adopted', adopted_on: '2020-01-15' });
  expect(adoption.statusCode, adoption.body).toBe(200);
  // A proposal for the adopted plan, submitted, late by its dates: not an activity of the plan yet.
  const proposal = await created('focal', `/api/v1/plans/${adopted.id}/proposals`, {
    institution_id: education, title: { es: 'Propuesta' }, original_language: 'es', end_date: '2020-06-30', recommendation_ids: [upr[2]],
  });
  expect((await call('focal', 'POST', `/api/v1/plan-activities/${proposal.id}/submit`, { version: 1 })).statusCode).toBe(200);
});
afterAll(async () => t.close());

describe('planned vs done on the public dashboard', () => {
  it('counts the accepted activities of adopted plans only, by plan, institution and top-level objective', async () => {
    const body = await planned('locale=en');
    expect(body.plans).toBe(1);
    expect(body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.totals).toEqual(counts(0, 1, 1, 1));
    expect(body.by_plan).toEqual([{ key: String(adopted.id), label: 'National human rights plan', counts: counts(0, 1, 1, 1) }]);
    // Co-responsible counts as much as lead: health has `carried` (shared) and `running` (its own).
    expect(byKey(body.by_institution)).toEqual({ [education]: counts(0, 0, 1, 1), [health]: counts(0, 1, 0, 1) });
    expect(body.by_institution.find((i: { key: string }) => i.key === String(education)).label).toBe('Ministry of Education');
    // An activity under X.1 counts under its axis X; the activity without an objective under none.
    expect(body.by_objective).toEqual([
      { key: String(axisX), label: 'X Axis X', plan: 'National human rights plan', counts: counts(0, 0, 1, 0) },
      { key: String(axisY), label: 'Y Axis Y', plan: 'National human rights plan', counts: counts(0, 0, 0, 1) },
    ]);
    expect(JSON.stringify(body)).not.toContain('Borrador');
  });

  it('follows the search: the activities answering a matching recommendation', async () => {
    const upr = await planned('mechanism=UPR');
    expect(upr.totals).toEqual(counts(0, 0, 1, 1)); // `running` answers no recommendation
    const crc = await planned('mechanism=CRC');
    expect(crc).toMatchObject({ plans: 0, totals: counts(0, 0, 0, 0), by_plan: [], by_institution: [], by_objective: [] });
  });

  it('changes when a report that completes an activity is published, not before; and so does the answer\'s validator', async () => {
    const before = await visitor('locale=en');
    const etag = before.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await visitor('locale=en', { 'if-none-match': etag })).statusCode).toBe(304);

    const report = await created('focal', '/api/v1/actions', {
      institution_id: education, title: { es: 'Talleres realizados' }, original_language: 'es', action_type: 'training', reach: 'structural',
      recommendation_ids: [upr[1]], plan_activity_id: a.carried, completes_activity: true,
    });
    expect((await call('focal', 'POST', `/api/v1/actions/${report.id}/submit`, { version: 1 })).statusCode).toBe(200);
    expect((await call('validator', 'POST', `/api/v1/actions/${report.id}/validate`, { version: 2 })).statusCode).toBe(200);
    // Validated, not published: the public counts do not move.
    expect((await planned('locale=en')).totals).toEqual(counts(0, 1, 1, 1));

    expect((await call('secretariat', 'POST', `/api/v1/actions/${report.id}/publish`, { version: 3 })).statusCode).toBe(200);
    const revalidated = await visitor('locale=en', { 'if-none-match': etag });
    expect(revalidated.statusCode).toBe(200);
    expect(revalidated.headers.etag).not.toBe(etag);
    const after = revalidated.json().planned;
    expect(after.totals).toEqual(counts(1, 1, 1, 0));
    expect(byKey(after.by_institution)).toEqual({ [education]: counts(1, 0, 1, 0), [health]: counts(1, 1, 0, 0) });
    expect(byKey(after.by_objective)[axisY]).toEqual(counts(1, 0, 0, 0));
    // A visitor without a validator gets the new answer too (the server's copy of the old one is not used).
    expect((await planned('locale=en')).totals).toEqual(counts(1, 1, 1, 0));
  });

  it('stops counting a plan once it is closed', async () => {
    const version = (await call('secretariat', 'GET', `/api/v1/plans/${adopted.id}`)).json().version;
    const closing = await call('secretariat', 'POST', `/api/v1/plans/${adopted.id}/status`, { version, status: 'closed', revision_reason: 'Fin del periodo' });
    expect(closing.statusCode, closing.body).toBe(200);
    expect(await planned()).toMatchObject({ plans: 0, totals: counts(0, 0, 0, 0) });
  });
});
