import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../platform/clock';
import { readConfig } from '../../platform/config';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createInstitution, createOrganisation, createPerson, resetPeople, signIn, type Session } from '../../test/people';

let t: TestApp;
const s: Record<string, Session> = {};
let recommendations: number;
// The app's calendar day (TIME_ZONE, else the machine's zone), as the route takes it.
const today = todayIn(readConfig().timeZone)();
const day = (offset: number) => addDays(today, offset);

const overview = async (session: Session | null) => t.app.inject({ method: 'GET', url: '/api/v1/workspace/overview', headers: as(session) });

beforeAll(async () => {
  t = await appWithDemoData();
  await resetPeople(t.db);
  await t.db.pool.query('truncate reporting_round, reporting_obligation, contribution, action_report restart identity cascade');
  const education = await createInstitution(t.db, 'Ministry of Education');
  const health = await createInstitution(t.db, 'Ministry of Health');
  const secretariat = await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  await createPerson(t.db, 'admin@example.org', 'administrator');
  await createPerson(t.db, 'focal@example.org', 'focal_point', education);
  for (const name of ['secretariat', 'admin', 'focal']) s[name] = await signIn(t.app, `${name}@example.org`);

  recommendations = Number((await t.db.pool.query('select count(*)::int as n from recommendation')).rows[0].n);
  const ids = (await t.db.pool.query('select id from recommendation order by id limit 5')).rows.map((r) => Number(r.id));
  // Four recommendations have a responsible institution (one of them only a co-responsible one).
  await t.db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility)
    select unnest($1::bigint[]), $2::int, 'lead' union all select $3::bigint, $4::int, 'co_responsible'`,
  [ids.slice(0, 3), education, ids[3], health]);

  // Reports: two validated, one returned, a draft and a published one (neither counted).
  const report = async (state: string, recommendationId: number, submittedAt?: string) => {
    const { rows } = await t.db.pool.query(
      `insert into action_report (institution_id, state, action_type, reach, title, original_language)
       values ($1, $2, 'training', 'structural', '{"es":"Capacitación"}', 'es') returning id`, [education, state]);
    await t.db.pool.query('insert into action_recommendation (action_id, recommendation_id) values ($1, $2)', [rows[0].id, recommendationId]);
    if (submittedAt) {
      await t.db.pool.query(`insert into action_transition (action_id, transition, from_state, to_state, actor_id, at)
        values ($1, 'submit', 'draft', 'submitted', $2, $3::date)`, [rows[0].id, secretariat, submittedAt]);
    }
  };
  await report('validated', ids[0], day(-10));
  await report('validated', ids[1], day(-40));
  await report('returned', ids[2]);
  await report('draft', ids[2]);
  await report('published', ids[1]);

  // Rounds: an open one past due where education owes three and submitted one since it opened (the other
  // submission came before): two overdue; a closed one past due and an open one not yet due count for nothing.
  const round = (closed: boolean, opens: number, due: number) => t.db.pool.query(
    `insert into reporting_round (title, institution_ids, opens_on, due_on, closed) values ('{"es":"Ronda"}', $1, $2, $3, $4)`,
    [[education], day(opens), day(due), closed]);
  await round(false, -30, -5);
  await round(true, -30, -5);
  await round(false, -30, 20);

  // Contributions: two pending and one approved but hidden by reports are in the moderation queue.
  const organisation = await createOrganisation(t.db, 'Observatorio');
  const contribution = (state: string, hidden: boolean) => t.db.pool.query(
    `insert into contribution (organisation_id, recommendation_id, kind, body, state, hidden, rejection_reason)
     values ($1, $2, 'comment', 'Texto', $3, $4, $5)`, [organisation, ids[0], state, hidden, state === 'rejected' ? 'Fuera de tema' : null]);
  await contribution('pending', false);
  await contribution('pending', false);
  await contribution('approved', true);
  await contribution('approved', false);
  await contribution('rejected', false);

  // Obligations: late, due in 30 and in 60 days count; due in 61 days, met, or without a date do not.
  const obligation = (due: string | null, met: string | null = null) => t.db.pool.query(
    `insert into reporting_obligation (kind, title, due_on, met_on) values ('other', '{"es":"Informe"}', $1, $2)`, [due, met]);
  await obligation(day(-10));
  await obligation(day(30));
  await obligation(day(60));
  await obligation(day(61));
  await obligation(day(-20), day(-25));
  await obligation(null);
});
afterAll(async () => t.close());

describe('the secretariat overview', () => {
  it('counts what waits, each with the rule of its own list', async () => {
    const response = await overview(s.secretariat);
    expect(response.statusCode, response.body).toBe(200);
    expect(recommendations).toBeGreaterThan(4);
    expect(response.json()).toEqual({
      today,
      recommendations_without_institution: recommendations - 4,
      awaiting_publication: 2,
      returned: 1,
      overdue_reports: 2,
      overdue_rounds: 1,
      contributions_in_moderation: 3,
      obligations_due: 3,
      obligations_due_until: day(60),
    });
  });

  it('agrees with the lists the web app links to', async () => {
    const body = (await overview(s.secretariat)).json();
    const get = async (url: string) => {
      const response = await t.app.inject({ method: 'GET', url, headers: as(s.secretariat) });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    expect((await get('/api/v1/actions?state=validated')).total).toBe(body.awaiting_publication);
    expect((await get('/api/v1/actions?state=returned')).total).toBe(body.returned);
    expect((await get('/api/v1/moderation/contributions')).items).toHaveLength(body.contributions_in_moderation);
    expect((await get(`/api/v1/obligations?status=open&status=late&to=${body.obligations_due_until}`)).items).toHaveLength(body.obligations_due);
    const rounds = (await get('/api/v1/rounds')).items as { id: number; closed: boolean; due_on: string }[];
    const open = rounds.filter((r) => !r.closed && r.due_on < today);
    expect(open).toHaveLength(1);
    const dashboard = await get(`/api/v1/rounds/${open[0].id}/dashboard`);
    const owed = (dashboard.institutions as { owed: number; submitted: number }[]).reduce((n, i) => n + i.owed - i.submitted, 0);
    expect(owed).toBe(body.overdue_reports);
  });

  it('is open to administrators, refused to a focal point and asks a visitor to sign in', async () => {
    expect((await overview(s.admin)).statusCode).toBe(200);
    expect((await overview(s.focal)).statusCode).toBe(403);
    expect((await overview(null)).statusCode).toBe(401);
  });
});
