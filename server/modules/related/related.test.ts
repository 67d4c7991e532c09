import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { relatedScanCommand } from '../../cli/related-scan';
import { testApp, type TestApp } from '../../test/app';
import { resetCatalogue } from '../../test/database';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';
import { runRelatedScan } from './related.job';

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
  await importRecommendations(t.db.pool, Buffer.from(CSV), { fileName: 'related.csv', format: 'csv', actor: 'system:test' });
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

describe('the related scan job', () => {
  const linkOf = async (a: number, b: number) => (await t.db.pool.query(
    'select kind, state, similarity, scan_version from recommendation_link where low_id = least($1::bigint, $2::bigint) and high_id = greatest($1::bigint, $2::bigint)', [a, b])).rows[0];
  const setText = (id: number, text: string) => t.db.pool.query(
    `update recommendation set texts = jsonb_set(texts, array[original_language, 'text'], to_jsonb($2::text)) where id = $1`, [id, text]);

  it('links the whole catalogue the first time, keeping what people decided, then does nothing while nothing changed', async () => {
    // What the tests above wrote by hand: one decided link stays; the others are the scan's to redo.
    await t.db.pool.query(`delete from recommendation_link where state not in ('confirmed', 'rejected')`);
    await t.db.pool.query('delete from related_scan_state');
    const decided = (await t.db.pool.query('select low_id, high_id, state from recommendation_link')).rows;
    expect(decided.length).toBeGreaterThan(0);

    const first = await runRelatedScan(t.db.pool);
    expect(first).toMatchObject({ mode: 'whole', scanned: 5 });
    // The same ask in cycle 1 and cycle 2 (confirmed by a person above: measured again, still confirmed), and by two States in the same review.
    expect(await linkOf(ids['84.1'], ids['102.7'])).toMatchObject({ kind: 'recurrence', state: 'confirmed', scan_version: 'words-1' });
    expect(await linkOf(ids['84.1'], ids['102.8'])).toMatchObject({ kind: 'recurrence', state: 'linked' });
    expect(await linkOf(ids['102.7'], ids['102.8'])).toMatchObject({ kind: 'duplicate', state: 'linked' });
    expect(await linkOf(ids['102.7'], ids['102.9'])).toBeUndefined();
    for (const row of decided) expect((await linkOf(Number(row.low_id), Number(row.high_id)))?.state).toBe(row.state);
    const visitor = (await related(ids['102.7'])).json();
    expect(visitor.recurrences.map((r: { id: number; state: string }) => [r.id, r.state])).toEqual([[ids['84.1'], 'confirmed']]);
    expect(visitor.recurrences[0].actions).toHaveLength(1);
    expect(visitor.duplicates.map((r: { id: number }) => r.id)).toEqual([ids['102.8']]);

    expect(await runRelatedScan(t.db.pool)).toMatchObject({ mode: 'up_to_date', scanned: 0 });
  });

  it('after an edit or an import rescans only the States they are about, adding and removing the scan\'s links', async () => {
    await setText(ids['102.9'], 'Ratify the Optional Protocol to the Convention against Torture and designate its national preventive mechanism');
    await importRecommendations(t.db.pool, Buffer.from(`mechanism,country,language,date,paragraph,symbol,text,recommending_states,cycle,session
UPR,URY,en,2014-01-01,120.1,A/HRC/26/7,Ratify the Optional Protocol to the Convention against Torture,Chile,2,18
`), { fileName: 'uruguay.csv', format: 'csv', actor: 'system:test' });
    const edited = await runRelatedScan(t.db.pool);
    expect(edited).toMatchObject({ mode: 'incremental', states: 2, scanned: 6 });
    expect(await linkOf(ids['102.7'], ids['102.9'])).toMatchObject({ kind: 'duplicate', state: 'linked' });
    // Another State's recommendation is never linked to Paraguay's.
    const uruguay = Number((await t.db.pool.query(`select id from recommendation where paragraph = '120.1'`)).rows[0].id);
    expect((await t.db.pool.query('select count(*)::int as n from recommendation_link where low_id = $1 or high_id = $1', [uruguay])).rows[0].n).toBe(0);

    await setText(ids['102.9'], 'Adopt a comprehensive law against all forms of discrimination');
    expect(await runRelatedScan(t.db.pool)).toMatchObject({ mode: 'incremental', states: 1 });
    expect(await linkOf(ids['102.7'], ids['102.9'])).toBeUndefined();
    // A whole scan finds what the incremental ones left.
    const before = (await t.db.pool.query('select low_id, high_id, kind, state, similarity from recommendation_link order by 1, 2')).rows;
    expect(await runRelatedScan(t.db.pool, { whole: true })).toMatchObject({ mode: 'whole' });
    expect((await t.db.pool.query('select low_id, high_id, kind, state, similarity from recommendation_link order by 1, 2')).rows).toEqual(before);
  });

  it('keeps a rejected link rejected when the scan finds the pair again', async () => {
    const link = (await related(ids['102.7'], secretariat)).json().duplicates.find((d: { id: number }) => d.id === ids['102.8']);
    expect((await decide(ids['102.7'], ids['102.8'], 'reject', link.link.version)).statusCode).toBe(200);
    await setText(ids['102.8'], 'Ratify the Optional Protocol to the Convention against Torture and set up the national preventive mechanism without delay');
    expect(await runRelatedScan(t.db.pool)).toMatchObject({ mode: 'incremental' });
    expect(await linkOf(ids['102.7'], ids['102.8'])).toMatchObject({ state: 'rejected' });
    expect((await related(ids['102.7'])).json().duplicates).toEqual([]);
  });

  it('npm run related:scan brings the links up to date now; a wrong option exits 2', async () => {
    const run = async (args: string[]) => {
      let stdout = '';
      let stderr = '';
      const code = await relatedScanCommand(args, {
        stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; }, env: { DATABASE_URL: inject('databaseUrl') }, cwd: process.cwd(),
      });
      return { code, stdout, stderr };
    };
    await setText(ids['102.9'], 'Ratify the Optional Protocol to the Convention against Torture and designate its national preventive mechanism');
    const scanned = await run([]);
    expect(scanned.code, scanned.stderr).toBe(0);
    expect(scanned.stdout).toMatch(/^incremental: 5 recommendations compared \(States: 1\), \d+ links/);
    expect(await linkOf(ids['102.7'], ids['102.9'])).toMatchObject({ kind: 'duplicate', state: 'linked' });
    expect((await run([])).stdout).toMatch(/^up_to_date: 0 recommendations/);
    expect((await run(['--whole'])).stdout).toMatch(/^whole: 6 recommendations compared \(States: 2\)/);
    expect((await run(['--everything'])).code).toBe(2);
  });
});
