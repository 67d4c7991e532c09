import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app';
import { resetCatalogue } from '../../test/database';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';

let t: TestApp;
let secretariat: Session;
let focalPoint: Session;
let institution: number;
const ids: Record<string, number> = {};

/** Invented recommendations to Paraguay: two UPR cycles, one review with two States asking the same, a treaty body. */
const CSV = `mechanism,country,language,date,paragraph,symbol,text,recommending_states,cycle,session
UPR,PRY,en,2011-03-01,84.1,A/HRC/17/18,Ratify the Optional Protocol to the Convention against Torture and set up its national preventive mechanism,Chile,1,10
UPR,PRY,en,2016-03-01,102.7,A/HRC/32/9,Ratify the Optional Protocol to the Convention against Torture and set up a national preventive mechanism,Uruguay,2,24
UPR,PRY,en,2016-03-01,102.8,A/HRC/32/9,Ratify the Optional Protocol to the Convention against Torture and set up the national preventive mechanism,France,2,24
UPR,PRY,en,2016-03-01,102.9,A/HRC/32/9,Adopt a comprehensive law against all forms of discrimination,Spain,2,24
CAT,PRY,es,2017-12-01,20,CAT/C/PRY/CO/7,Dotar al mecanismo nacional de prevención de la tortura de recursos suficientes,,,
`;

beforeAll(async () => {
  t = await testApp();
  await resetCatalogue(t.db);
  await importRecommendations(t.db.pool, Buffer.from(CSV), { fileName: 'related.csv', format: 'csv', actor: 'test' });
  forgetLabelMaps();
  const { rows } = await t.db.pool.query('select id, paragraph from recommendation');
  for (const row of rows) ids[row.paragraph] = Number(row.id);
  await resetPeople(t.db);
  institution = await createInstitution(t.db, 'Ministerio de Justicia');
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  await createPerson(t.db, 'focal@example.org', 'focal_point', institution);
  secretariat = await signIn(t.app, 'secretariat@example.org');
  focalPoint = await signIn(t.app, 'focal@example.org');
});
afterAll(async () => {
  await t?.close();
});

async function link(a: number, b: number, kind: string, similarity: number, state: string) {
  await t.db.pool.query(
    `insert into recommendation_link (low_id, high_id, kind, similarity, state, scan_version, decided_at)
     values (least($1::bigint, $2::bigint), greatest($1::bigint, $2::bigint), $3, $4, $5, 'test', case when $5 in ('confirmed', 'rejected') then now() end)
     on conflict (low_id, high_id) do update set kind = excluded.kind, similarity = excluded.similarity, state = excluded.state,
       decided_at = excluded.decided_at, version = 1`,
    [a, b, kind, similarity, state]);
}
const related = (id: number, session: Session | null = null, locale = 'en') =>
  t.app.inject({ method: 'GET', url: `/api/v1/recommendations/${id}/related?locale=${locale}`, headers: as(session) });
const decide = (id: number, other: number, decision: 'confirm' | 'reject', version: number, session: Session | null = secretariat, locale = 'en') =>
  t.app.inject({ method: 'POST', url: `/api/v1/recommendations/${id}/related/${other}/${decision}?locale=${locale}`, payload: { version }, headers: as(session) });

describe('related recommendations (API)', () => {
  it('gives visitors linked and confirmed links only, and signed-in staff the candidates too', async () => {
    await link(ids['102.7'], ids['102.8'], 'duplicate', 0.97, 'linked');
    await link(ids['102.7'], ids['84.1'], 'recurrence', 0.91, 'confirmed');
    await link(ids['102.7'], ids['102.9'], 'duplicate', 0.31, 'candidate');
    await link(ids['102.7'], ids['20'], 'similar', 0.24, 'rejected');

    const visitor = await related(ids['102.7']);
    expect(visitor.statusCode, visitor.body).toBe(200);
    const body = visitor.json();
    expect(body.duplicates.map((d: { id: number }) => d.id)).toEqual([ids['102.8']]);
    expect(body.duplicates[0]).toMatchObject({
      symbol: 'A/HRC/32/9', paragraph: '102.8', country: { key: 'PRY' }, cycle: 2, year: 2016, similarity: 0.97, state: 'linked',
      recommending_states: [{ key: 'FRA' }], mechanism: { key: 'UPR' },
    });
    expect(body.recurrences.map((d: { id: number }) => d.id)).toEqual([ids['84.1']]);
    expect(body.similar).toEqual([]);
    // Only the secretariat and institutions' staff see what the scan was unsure of, and what a person rejected.
    const staff = (await related(ids['102.7'], focalPoint)).json();
    expect(staff.duplicates.map((d: { state: string }) => d.state)).toEqual(['linked', 'candidate']);
    expect(staff.similar).toMatchObject([{ id: ids['20'], state: 'rejected', text_language: 'es' }]);
    // Seen from the other side, the link is the same.
    expect((await related(ids['102.8'])).json().duplicates.map((d: { id: number }) => d.id)).toEqual([ids['102.7']]);
  });

  it('gives a recurrence the actions published on the earlier recommendation and its government status', async () => {
    const earlier = ids['84.1'];
    await t.db.pool.query(
      `with report as (
         insert into action_report (institution_id, state, action_type, reach, title, original_language, published_at)
         values ($1, 'published', 'legislative', 'structural', '{"es": "Ley 4288 del Mecanismo Nacional de Prevención", "en": "Law 4288 on the National Preventive Mechanism"}', 'es', now()),
                ($1, 'draft', 'training', 'structural', '{"es": "Borrador"}', 'es', null) returning id
       ) insert into action_recommendation (action_id, recommendation_id) select id, $2 from report`, [institution, earlier]);
    await t.app.inject({ method: 'POST', url: `/api/v1/recommendations/${earlier}/status`, payload: { status: 'implemented', reason: 'Law 4288.', assessed_on: '2012-01-01' }, headers: as(secretariat) });
    const body = (await related(ids['102.7'], null, 'es')).json();
    expect(body.recurrences).toHaveLength(1);
    expect(body.recurrences[0].actions).toMatchObject([{ title: 'Ley 4288 del Mecanismo Nacional de Prevención', institution: 'Ministerio de Justicia' }]);
    expect(body.recurrences[0].status).toMatchObject({ key: 'implemented', label: 'Implementada', assessed_on: '2012-01-01' });
  });

  it('lets the secretariat confirm or reject a link, keeps the decision with who and when, and audits it', async () => {
    await link(ids['102.9'], ids['20'], 'similar', 0.2, 'candidate');
    const confirmed = await decide(ids['102.9'], ids['20'], 'confirm', 1);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ state: 'confirmed', kind: 'similar', version: 2 });
    // A confirmed link is public.
    expect((await related(ids['20'])).json().similar).toMatchObject([{ id: ids['102.9'], state: 'confirmed' }]);
    // The decision was made on version 1; a second person still holding it gets a 409, and nothing changes.
    const stale = await decide(ids['20'], ids['102.9'], 'reject', 1, secretariat, 'es');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('Otra persona');
    const rejected = await decide(ids['20'], ids['102.9'], 'reject', 2);
    expect(rejected.json()).toMatchObject({ state: 'rejected', version: 3 });
    expect((await related(ids['20'])).json().similar).toEqual([]);
    const row = (await t.db.pool.query('select state, decided_by, decided_at from recommendation_link where low_id = least($1::bigint, $2::bigint) and high_id = greatest($1::bigint, $2::bigint)', [ids['20'], ids['102.9']])).rows[0];
    expect(row.state).toBe('rejected');
    expect(row.decided_by).not.toBeNull();
    expect(row.decided_at).not.toBeNull();
    const audit = (await t.db.pool.query(`select action, before->>'state' as before, after->>'state' as after from audit_log where entity = 'recommendation_link' order by id`)).rows;
    expect(audit).toEqual([{ action: 'confirm', before: 'candidate', after: 'confirmed' }, { action: 'reject', before: 'confirmed', after: 'rejected' }]);
  });

  it('refuses a decision from others, on a pair that is not linked, and on a recommendation that does not exist', async () => {
    await link(ids['102.8'], ids['102.9'], 'duplicate', 0.4, 'candidate');
    expect((await decide(ids['102.8'], ids['102.9'], 'confirm', 1, null)).statusCode).toBe(401);
    expect((await decide(ids['102.8'], ids['102.9'], 'confirm', 1, focalPoint)).statusCode).toBe(403);
    const unlinked = await decide(ids['84.1'], ids['20'], 'confirm', 1, secretariat, 'fr');
    expect(unlinked.statusCode).toBe(404);
    expect(unlinked.json().message).toContain('ne sont pas liées');
    expect((await decide(999_999_999, ids['20'], 'confirm', 1)).statusCode).toBe(404);
    expect((await related(999_999_999)).statusCode).toBe(404);
    expect((await decide(ids['102.8'], ids['102.9'], 'confirm', 0)).statusCode).toBe(400);
    const state = (await t.db.pool.query('select state, version from recommendation_link where low_id = least($1::bigint, $2::bigint) and high_id = greatest($1::bigint, $2::bigint)', [ids['102.8'], ids['102.9']])).rows[0];
    expect(state).toEqual({ state: 'candidate', version: 1 });
  });
});
