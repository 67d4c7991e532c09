/**
 * Retiring and merging institutions through the API: a retired institution
 * keeps its assignments and history read-only and takes nothing new; a merge
 * moves assignments, members, reports, indicators and history to the
 * surviving institution in one transaction, audited, or changes nothing.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database';
import { testApp } from '../../test/app';
import { resetCatalogue } from '../../test/database';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';

let db: Database;
let app: FastifyInstance;
let close: () => Promise<void>;
let admin: Session;
let secretariat: Session;
let recommendations: number[];
let education: number;
let schools: number;

beforeAll(async () => {
  ({ app, db, close } = await testApp());
  await resetCatalogue(db);
  await importRecommendations(db.pool, Buffer.from([
    'mechanism,country,language,date,paragraph,symbol,text',
    'UPR,PRY,es,2021-03-01,1,A/HRC/48/9,Garantizar la educación inclusiva',
    'UPR,PRY,es,2021-03-01,2,A/HRC/48/9,Fortalecer la formación docente',
    'UPR,PRY,es,2021-03-01,3,A/HRC/48/9,Ampliar la educación rural',
  ].join('\n')), { fileName: 'three.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  recommendations = (await db.pool.query('select id from recommendation order by paragraph')).rows.map((r) => Number(r.id));
}, 60_000);
afterAll(async () => close());
beforeEach(async () => {
  await resetPeople(db);
  await createPerson(db, 'admin@example.org', 'administrator');
  await createPerson(db, 'secretariat@example.org', 'secretariat');
  admin = await signIn(app, 'admin@example.org');
  secretariat = await signIn(app, 'secretariat@example.org');
  education = await createInstitution(db, 'Ministry of Education');
  schools = await createInstitution(db, 'Directorate of Schools');
});

const call = (session: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, locale = 'en') =>
  app.inject({ method, url: `${url}${url.includes('?') ? '&' : '?'}locale=${locale}`, payload, headers: as(session) });
const assign = (institutionId: number, ids: number[], responsibility = 'lead', locale = 'en') =>
  call(secretariat, 'POST', '/api/v1/assignments', { institution_id: institutionId, responsibility, recommendation_ids: ids }, locale);
const versionOf = async (id: number) => (await db.pool.query('select version from institution where id = $1', [id])).rows[0].version as number;

describe('retiring an institution', () => {
  it('keeps its assignments and history read-only and refuses anything new with a clear message', async () => {
    expect((await assign(schools, [recommendations[0]])).statusCode).toBe(200);
    const focal = await createPerson(db, 'focal@example.org', 'focal_point', schools);
    const retired = await call(secretariat, 'PATCH', `/api/v1/institutions/${schools}`, { active: false, version: 1 });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ active: false, merged_into_id: null });

    const refused = await assign(schools, [recommendations[1]], 'lead', 'es');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/dada de baja/);
    const member = await call(secretariat, 'POST', `/api/v1/institutions/${schools}/members`, { user_id: focal, role: 'validator' }, 'fr');
    expect(member.statusCode).toBe(400);
    expect(member.json().message).toMatch(/retirée/);
    const { rows: [existing] } = await db.pool.query('select id from assignment where institution_id = $1', [schools]);
    expect((await call(secretariat, 'DELETE', `/api/v1/assignments/${existing.id}`)).statusCode).toBe(400);

    // Its assignments and history are still there to read.
    const queue = await call(secretariat, 'GET', `/api/v1/institutions/${schools}/assignments`);
    expect(queue.json().total).toBe(1);
    const history = await call(secretariat, 'GET', `/api/v1/history/institution/${schools}`);
    expect(history.json().items[0]).toMatchObject({ action: 'update', changes: expect.arrayContaining([expect.objectContaining({ field: 'active' })]) });

    // Brought back, it takes assignments again.
    expect((await call(secretariat, 'PATCH', `/api/v1/institutions/${schools}`, { active: true, version: 2 })).statusCode).toBe(200);
    expect((await assign(schools, [recommendations[1]])).statusCode).toBe(200);
  });
});

describe('merging institutions', () => {
  it('moves assignments, members, reports, indicators and history to the survivor and retires the merged one', async () => {
    // schools: lead on 0 and 1, co-responsible on 2; education: co-responsible on 1, lead on 2.
    await assign(schools, [recommendations[0], recommendations[1]]);
    await assign(schools, [recommendations[2]], 'co_responsible');
    await assign(education, [recommendations[1]], 'co_responsible');
    await assign(education, [recommendations[2]]);
    const both = await createPerson(db, 'both@example.org', 'focal_point', schools);
    await db.pool.query(`insert into membership (user_id, institution_id, role) values ($1, $2, 'focal_point')`, [both, education]);
    await createPerson(db, 'validator@example.org', 'validator', schools);
    await db.pool.query(`insert into action_report (institution_id, state, action_type, reach, title, original_language)
      values ($1, 'draft', 'training', 'structural', '{"es":"Capacitación"}', 'es')`, [schools]);
    await db.pool.query(`insert into indicator (institution_id, name, kind, unit, frequency) values ($1, '{"es":"Escuelas"}', 'outcome', '%', 'annual')`, [schools]);
    await db.pool.query(`insert into reporting_round (title, opens_on, due_on, institution_ids) values ('{"en":"Round"}', '2030-01-01', '2030-06-30', $1)`, [[schools, education]]);
    const child = await createInstitution(db, 'Rural schools office');
    await db.pool.query('update institution set parent_id = $1 where id = $2', [schools, child]);
    await call(secretariat, 'PATCH', `/api/v1/institutions/${schools}`, { acronym: 'DS', version: 1 });

    const merged = await call(admin, 'POST', `/api/v1/institutions/${schools}/merge`, { into_id: education, version: 2, into_version: 1 });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({
      institution: { id: education, active: true, version: 2 },
      moved: { assignments: 3, memberships: 2, action_reports: 1, indicators: 1 },
    });

    const assignments = (await db.pool.query('select recommendation_id, institution_id, responsibility from assignment order by recommendation_id')).rows;
    expect(assignments.map((a) => [Number(a.recommendation_id), a.institution_id, a.responsibility])).toEqual([
      [recommendations[0], education, 'lead'], [recommendations[1], education, 'lead'], [recommendations[2], education, 'lead'],
    ]);
    const members = (await db.pool.query('select user_id, role from membership where institution_id is not null order by user_id')).rows;
    expect(members.map((m) => m.role)).toEqual(['focal_point', 'validator']);
    expect((await db.pool.query('select count(*)::int as n from membership where institution_id = $1', [schools])).rows[0].n).toBe(0);
    expect((await db.pool.query('select institution_id from action_report')).rows).toEqual([{ institution_id: education }]);
    expect((await db.pool.query('select institution_id from indicator')).rows).toEqual([{ institution_id: education }]);
    expect((await db.pool.query('select institution_ids from reporting_round')).rows[0].institution_ids).toEqual([education]);
    expect((await db.pool.query('select parent_id from institution where id = $1', [child])).rows[0].parent_id).toBe(education);

    const gone = await call(secretariat, 'GET', `/api/v1/institutions/${schools}`);
    expect(gone.json()).toMatchObject({ active: false, merged_into_id: education, version: 3 });
    // The survivor's history shows the merge and the merged institution's own history.
    const history = (await call(secretariat, 'GET', `/api/v1/history/institution/${education}`)).json();
    expect(history.items.map((i: { action: string }) => i.action)).toEqual(['merge', 'merge', 'update']);
    expect(history.items.find((i: { after: { merged_from?: number } }) => i.after.merged_from === schools)).toBeDefined();
    const { rows: audit } = await db.pool.query(`select entity_id, actor from audit_log where action = 'merge' order by entity_id`);
    expect(audit.map((a) => Number(a.entity_id)).sort()).toEqual([education, schools].sort());

    // A merged institution cannot be merged again, and takes nothing new.
    expect((await call(admin, 'POST', `/api/v1/institutions/${schools}/merge`, { into_id: child, version: 3, into_version: 2 })).statusCode).toBe(400);
    expect((await assign(schools, [recommendations[0]], 'co_responsible')).statusCode).toBe(400);
  });

  it('refuses a stale version, a retired target, itself or the secretariat, and changes nothing', async () => {
    await assign(schools, [recommendations[0]]);
    const snapshot = async () => (await db.pool.query(`select (select json_agg(a order by id) from assignment a) a,
      (select json_agg(i order by id) from (select id, active, merged_into_id, version from institution) i) i,
      (select count(*) from audit_log) n`)).rows[0];
    const before = await snapshot();
    const stale = await call(admin, 'POST', `/api/v1/institutions/${schools}/merge`, { into_id: education, version: 1, into_version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current_version).toBe(1);
    const self = await call(admin, 'POST', `/api/v1/institutions/${schools}/merge`, { into_id: schools, version: 1, into_version: 1 }, 'es');
    expect(self.statusCode).toBe(400);
    expect(self.json().message).toMatch(/consigo misma/);
    expect((await call(secretariat, 'POST', `/api/v1/institutions/${schools}/merge`, { into_id: education, version: 1, into_version: 1 })).statusCode).toBe(403);
    expect((await call(admin, 'POST', `/api/v1/institutions/${schools}/merge`, { into_id: 99999, version: 1, into_version: 1 })).statusCode).toBe(400);
    expect((await call(admin, 'POST', '/api/v1/institutions/99999/merge', { into_id: education, version: 1, into_version: 1 })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);

    await db.pool.query('update institution set active = false where id = $1', [education]);
    const retired = await call(admin, 'POST', `/api/v1/institutions/${schools}/merge`, { into_id: education, version: 1, into_version: 1 });
    expect(retired.statusCode).toBe(400);
    expect(await versionOf(schools)).toBe(1);
  });

  it('is all or nothing: a failure half-way leaves every record where it was', async () => {
    await assign(schools, [recommendations[0]]);
    await createPerson(db, 'focal@example.org', 'focal_point', schools);
    // A trigger that fails the move of indicators, after assignments and memberships have moved inside the transaction.
    await db.pool.query(`insert into indicator (institution_id, name, kind, unit, frequency) values ($1, '{"es":"Escuelas"}', 'outcome', '%', 'annual')`, [schools]);
    await db.pool.query(`create or replace function refuse_indicator_move() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`);
    await db.pool.query('create trigger refuse_indicator_move before update on indicator for each row execute function refuse_indicator_move()');
    try {
      const response = await call(admin, 'POST', `/api/v1/institutions/${schools}/merge`, { into_id: education, version: 1, into_version: 1 });
      expect(response.statusCode).toBe(500);
    } finally {
      await db.pool.query('drop trigger refuse_indicator_move on indicator');
      await db.pool.query('drop function refuse_indicator_move()');
    }
    expect((await db.pool.query('select institution_id from assignment')).rows).toEqual([{ institution_id: schools }]);
    expect((await db.pool.query('select institution_id from membership where institution_id is not null')).rows).toEqual([{ institution_id: schools }]);
    expect((await db.pool.query('select active, merged_into_id, version from institution where id = $1', [schools])).rows[0]).toEqual({ active: true, merged_into_id: null, version: 1 });
    expect((await db.pool.query(`select count(*)::int as n from audit_log where action = 'merge'`)).rows[0].n).toBe(0);
  });
});
