import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';

let t: TestApp;
let secretariat: Session;
let administrator: Session;
let recommendation: number;

beforeAll(async () => {
  t = await appWithDemoData();
  await resetPeople(t.db);
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  await createPerson(t.db, 'admin@example.org', 'administrator');
  secretariat = await signIn(t.app, 'secretariat@example.org');
  administrator = await signIn(t.app, 'admin@example.org');
  recommendation = Number((await t.db.pool.query('select id from recommendation order by id limit 1')).rows[0].id);
});
// The scales are instance configuration that outlives a test file: put back what the tests changed.
let scalesBefore: unknown[];
beforeAll(async () => {
  scalesBefore = (await t.db.pool.query('select assessor_kind, key, label, position, active from status_scale_step order by id')).rows;
});
afterAll(async () => {
  await t.db.pool.query(`delete from status_scale_step;
    insert into status_scale_step (assessor_kind, key, label, position, active)
    select assessor_kind, key, label, position, active from jsonb_to_recordset('${JSON.stringify(scalesBefore).replaceAll("'", "''")}'::jsonb)
      as s(assessor_kind text, key text, label jsonb, position smallint, active boolean)`);
  await t.close();
});

const assess = (payload: object, session: Session | null = secretariat, locale = 'en') =>
  t.app.inject({ method: 'POST', url: `/api/v1/recommendations/${recommendation}/status?locale=${locale}`, payload, headers: as(session) });

describe('implementation status', () => {
  it('keeps every assessment as history, the latest being the current status, each with its audit row', async () => {
    const empty = (await t.app.inject({ method: 'GET', url: `/api/v1/recommendations/${recommendation}/status` })).json();
    expect(empty.current).toEqual({ government: null, nhri: null, civil_society: null, mechanism: null });

    expect((await assess({ status: 'in_progress', reason: 'Bill before Congress.', assessed_on: '2024-05-01' })).statusCode).toBe(201);
    const second = await assess({ status: 'implemented', reason: 'Law 7.123 promulgated.', assessed_on: '2025-02-10' }, secretariat, 'es');
    expect(second.statusCode, second.body).toBe(201);
    // An assessment dated earlier than the current one goes into the history at its date.
    await assess({ status: 'not_started', reason: 'Baseline of the 2023 review.', assessed_on: '2023-01-15' });
    const body = (await t.app.inject({ method: 'GET', url: `/api/v1/recommendations/${recommendation}/status?locale=es` })).json();
    expect(body.current.government).toMatchObject({ status: { key: 'implemented', label: 'Implementada' }, reason: 'Law 7.123 promulgated.', assessed_on: '2025-02-10' });
    expect(body.history.map((a: { status: { key: string } }) => a.status.key)).toEqual(['implemented', 'in_progress', 'not_started']);
    const audit = await t.db.pool.query(`select count(*)::int as n from audit_log where entity = 'recommendation_status' and entity_id = $1`, [String(recommendation)]);
    expect(audit.rows[0].n).toBe(3);
    await expect(t.db.pool.query('update implementation_assessment set reason = $1', ['rewritten'])).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query('delete from implementation_assessment')).rejects.toThrow(/append-only/);
  });

  it('refuses a status off the scale, a future date, a missing reason, and other people', async () => {
    const before = (await t.db.pool.query('select count(*)::int as n from implementation_assessment')).rows[0].n;
    const offScale = await assess({ status: 'A', reason: 'Mechanism grade', assessed_on: '2024-01-01' }, secretariat, 'fr');
    expect(offScale.statusCode).toBe(400);
    expect(offScale.json().message).toContain("ne figure pas sur l'échelle");
    const future = await assess({ status: 'implemented', reason: 'Soon', assessed_on: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().message).toContain('future');
    expect((await assess({ status: 'implemented', reason: '  ', assessed_on: '2024-01-01' })).statusCode).toBe(400);
    expect((await assess({ status: 'implemented', reason: 'x', assessed_on: '2024-01-01' }, administrator)).statusCode).toBe(403);
    expect((await assess({ status: 'implemented', reason: 'x', assessed_on: '2024-01-01' }, null)).statusCode).toBe(401);
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/recommendations/999999999/status', payload: { status: 'implemented', reason: 'x', assessed_on: '2024-01-01' }, headers: as(secretariat) });
    expect(missing.statusCode).toBe(404);
    expect((await t.db.pool.query('select count(*)::int as n from implementation_assessment')).rows[0].n).toBe(before);
  });

  it('lets the administrator configure a scale, retiring but never removing a step in use', async () => {
    const scales = (await t.app.inject({ method: 'GET', url: '/api/v1/status-scales?locale=pt' })).json();
    expect(scales.government.map((s: { key: string }) => s.key)).toEqual(['not_started', 'in_progress', 'partially_implemented', 'implemented', 'no_longer_applicable']);
    expect(scales.mechanism.map((s: { key: string }) => s.key)).toEqual(['E', 'D', 'C', 'B', 'A']);
    expect(scales.government[0].label).toBe('Não iniciada');

    const put = (steps: object[], session = administrator) =>
      t.app.inject({ method: 'PUT', url: '/api/v1/status-scales/government?locale=en', payload: { steps }, headers: as(session) });
    const dropsUsed = await put([{ key: 'not_started', label: { en: 'Not started' } }, { key: 'done', label: { en: 'Done' } }]);
    expect(dropsUsed.statusCode).toBe(400);
    expect(dropsUsed.json().message).toContain('implemented, in_progress');
    expect((await put([{ key: 'x', label: { en: 'X' } }, { key: 'y', label: { en: 'Y' } }], secretariat)).statusCode).toBe(403);

    const steps = [
      { key: 'not_started', label: { en: 'Not started', es: 'Sin iniciar' } },
      { key: 'in_progress', label: { en: 'Under way' } },
      { key: 'implemented', label: { en: 'Implemented' } },
      { key: 'partially_implemented', label: { en: 'Partially implemented' }, active: false },
      { key: 'no_longer_applicable', label: { en: 'No longer applicable' } },
    ];
    const saved = await put(steps);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().government.map((s: { key: string; active: boolean }) => `${s.key}:${s.active}`)).toEqual([
      'not_started:true', 'in_progress:true', 'implemented:true', 'partially_implemented:false', 'no_longer_applicable:true']);
    // A retired step can no longer be chosen.
    expect((await assess({ status: 'partially_implemented', reason: 'x', assessed_on: '2024-01-01' })).statusCode).toBe(400);
  });
});
