import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { MAX_QUARTERS, progressOverTime, quarterEnd, quartersBetween } from './dashboards.progress';

let t: TestApp;
let education: number;
let health: number;
let upr: number[];
const s: Record<string, Session> = {};
const DRAFT_TITLE = 'Borrador sin publicar 7f3a';
const FUTURE_ROUND = 'Ronda futura reservada 9c1e';
const OPEN_ROUND = 'Ronda abierta 2024 4b2d';
const REASON = 'Motivo interno 5e8f';

const dashboard = async (query = '', headers: Record<string, string> = {}) => {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/public/dashboard${query ? `?${query}` : ''}`, headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const countOf = (items: { key: string; count: number }[], key: string) => items.find((i) => i.key === key)?.count ?? 0;

beforeAll(async () => {
  t = await appWithDemoData();
  await resetPeople(t.db);
  await t.db.pool.query('truncate reporting_round');
  education = await createInstitution(t.db, 'Ministry of Education');
  health = await createInstitution(t.db, 'Ministry of Health');
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  await createPerson(t.db, 'edu.focal@example.org', 'focal_point', education);
  await createPerson(t.db, 'edu.validator@example.org', 'validator', education);
  for (const name of ['secretariat', 'edu.focal', 'edu.validator']) s[name] = await signIn(t.app, `${name}@example.org`);

  const { rows } = await t.db.pool.query(`select r.id from recommendation r join mechanism m on m.id = r.mechanism_id
    where m.code = 'UPR' order by r.id limit 5`);
  upr = rows.map((r) => Number(r.id));
  // Education leads three, health two; health also shares the first one (co-responsible is not lead).
  await t.db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility)
    select unnest($1::bigint[]), $2::int, 'lead' union all select unnest($3::bigint[]), $4::int, 'lead'
    union all select $5::bigint, $4::int, 'co_responsible'`, [upr.slice(0, 3), education, upr.slice(3, 5), health, upr[0]]);
});
afterAll(async () => t.close());

describe('public dashboard counts', () => {
  it('are open to visitors and equal direct counts for a filtered search', async () => {
    const query = 'mechanism=UPR&year_from=2015';
    const body = await dashboard(query);
    const direct = await t.db.pool.query(`select r.id, r.position, r.sdg_goals from recommendation r join mechanism m on m.id = r.mechanism_id
      where m.code = 'UPR' and r.year >= 2015`);
    const ids = direct.rows.map((r) => Number(r.id));
    expect(ids.length).toBeGreaterThan(3);
    expect(ids.length).toBeLessThan(Number((await t.db.pool.query('select count(*) from recommendation')).rows[0].count));
    expect(body.total).toBe(ids.length);
    const search = (await t.app.inject({ method: 'GET', url: `/api/v1/recommendations?${query}&page_size=1` })).json();
    expect(body.total).toBe(search.total);

    // Every filter applies to its own facet too: only UPR, the matching positions and goals.
    expect(body.facets.mechanism).toEqual([expect.objectContaining({ key: 'UPR', count: ids.length })]);
    for (const position of ['supported', 'noted', 'supported_in_part']) {
      expect(countOf(body.facets.position, position)).toBe(direct.rows.filter((r) => r.position === position).length);
    }
    const goals = new Map<string, number>();
    for (const r of direct.rows) for (const g of r.sdg_goals) goals.set(String(g), (goals.get(String(g)) ?? 0) + 1);
    expect(Object.fromEntries(body.facets.sdg.map((v: { key: string; count: number }) => [v.key, v.count]))).toEqual(Object.fromEntries(goals));

    const leads = await t.db.pool.query(`select institution_id, count(*)::int as n from assignment
      where responsibility = 'lead' and recommendation_id = any($1::bigint[]) group by institution_id`, [ids]);
    const expectedLeads = Object.fromEntries(leads.rows.map((r) => [String(r.institution_id), r.n]));
    expect(Object.fromEntries(body.lead_institutions.items.map((i: { key: string; count: number }) => [i.key, i.count]))).toEqual(expectedLeads);
    expect(body.lead_institutions.none).toBe(ids.length - leads.rows.reduce((n, r) => n + r.n, 0));
    expect(body.lead_institutions.items.find((i: { key: string }) => i.key === String(education))?.label).toBe('Ministry of Education');
  });

  it('applies a facet\'s own filter to its counts too (every match counts under the chosen SDG goal)', async () => {
    const body = await dashboard('sdg=4');
    const direct = await t.db.pool.query('select sdg_goals from recommendation where 4 = any(sdg_goals)');
    expect(body.total).toBe(direct.rows.length);
    expect(countOf(body.facets.sdg, '4')).toBe(direct.rows.length);
    const other = body.facets.sdg.find((v: { key: string }) => v.key !== '4');
    if (other) expect(other.count).toBe(direct.rows.filter((r) => r.sdg_goals.includes(Number(other.key))).length);
  });
});

describe('implementation status', () => {
  beforeAll(async () => {
    const insert = (rec: number, kind: string, key: string, on: string) => t.db.pool.query(
      `insert into implementation_assessment (recommendation_id, assessor_kind, status_key, reason, assessed_on) values ($1, $2, $3, $4, $5)`,
      [rec, kind, key, REASON, on]);
    await insert(upr[0], 'government', 'not_started', '2023-01-15');
    await insert(upr[0], 'government', 'in_progress', '2024-05-01');
    await insert(upr[0], 'government', 'implemented', '2025-02-10');
    await insert(upr[1], 'government', 'in_progress', '2024-02-01');
    // Recorded later, dated earlier: history, not the current status.
    await insert(upr[1], 'government', 'not_started', '2023-06-30');
    // Another assessor's view is not the government's status.
    await insert(upr[2], 'nhri', 'implemented', '2024-01-01');
  });

  it('counts the latest government assessment of each matching recommendation; the others are not assessed', async () => {
    const all = await dashboard('locale=es');
    const total = all.total;
    expect(all.status.steps.map((s: { key: string }) => s.key)).toEqual(['not_started', 'in_progress', 'partially_implemented', 'implemented', 'no_longer_applicable']);
    expect(all.status.steps.find((s: { key: string }) => s.key === 'implemented')).toMatchObject({ label: 'Implementada', count: 1 });
    expect(countOf(all.status.steps, 'in_progress')).toBe(1);
    expect(countOf(all.status.steps, 'not_started')).toBe(0);
    expect(all.status.not_assessed).toBe(total - 2);

    // A filtered search: the same as the latest government row of each match, counted directly.
    for (const query of ['mechanism=UPR&year_from=2015', 'mechanism=CRC']) {
      const body = await dashboard(query);
      const { rows } = await t.db.pool.query(`select s.status_key, count(*)::int as n from (
          select distinct on (ia.recommendation_id) ia.status_key from implementation_assessment ia
          join recommendation r on r.id = ia.recommendation_id join mechanism m on m.id = r.mechanism_id
          where ia.assessor_kind = 'government' and m.code = $1 and ($2::int is null or r.year >= $2)
          order by ia.recommendation_id, ia.assessed_on desc, ia.id desc) s group by s.status_key`,
      [query.includes('UPR') ? 'UPR' : 'CRC', query.includes('2015') ? 2015 : null]);
      const expected = Object.fromEntries(rows.map((r) => [r.status_key, r.n]));
      const got = Object.fromEntries(body.status.steps.filter((s: { count: number }) => s.count > 0).map((s: { key: string; count: number }) => [s.key, s.count]));
      expect(got, query).toEqual(expected);
      expect(body.status.not_assessed).toBe(body.total - rows.reduce((n, r) => n + r.n, 0));
    }
    expect((await dashboard('mechanism=CRC')).progress.quarters).toEqual([]);
  });

  it('gives the status at each quarter end from the history', async () => {
    const body = await dashboard(`locale=en`);
    const quarters = body.progress.quarters as { quarter: string; end: string; counts: Record<string, number>; not_assessed: number }[];
    expect(quarters.map((q) => q.quarter)).toEqual(['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4', '2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1']);
    const at = (quarter: string) => quarters.find((q) => q.quarter === quarter)!;
    expect(at('2023-Q1')).toEqual({ quarter: '2023-Q1', end: '2023-03-31', counts: { not_started: 1 }, not_assessed: body.total - 1 });
    // Dated on the quarter's last day: counted at that quarter end.
    expect(at('2023-Q2').counts).toEqual({ not_started: 2 });
    expect(at('2024-Q1').counts).toEqual({ not_started: 1, in_progress: 1 });
    expect(at('2024-Q2').counts).toEqual({ in_progress: 2 });
    expect(at('2025-Q1')).toMatchObject({ end: '2025-03-31', counts: { in_progress: 1, implemented: 1 }, not_assessed: body.total - 2 });
    expect(body.progress.truncated).toBe(false);
    expect(body.progress.steps[0]).toEqual({ key: 'not_started', label: 'Not started' });
  });
});

describe('reporting-round compliance', () => {
  beforeAll(async () => {
    const api = (who: string, method: 'POST', url: string, payload: object) => t.app.inject({ method, url, payload, headers: as(s[who]) });
    const round = (title: string, opens_on: string, due_on: string, scope: object) =>
      api('secretariat', 'POST', '/api/v1/rounds', { title: { es: title }, opens_on, due_on, scope });
    expect((await round(OPEN_ROUND, '2024-01-01', '2099-12-31', { mechanisms: ['UPR'] })).statusCode).toBe(201);
    expect((await round('Ronda vencida', '2024-01-01', '2025-01-01', { institution_ids: [education] })).statusCode).toBe(201);
    expect((await round(FUTURE_ROUND, '2099-01-01', '2099-06-30', {})).statusCode).toBe(201);

    const report = async (recommendation: number, title: string) => {
      const created = await api('edu.focal', 'POST', '/api/v1/actions', {
        institution_id: education, title: { es: title }, original_language: 'es', action_type: 'training', reach: 'structural',
        recommendation_ids: [recommendation],
      });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().id as number;
    };
    const submitted = await report(upr[0], 'Capacitación docente');
    expect((await api('edu.focal', 'POST', `/api/v1/actions/${submitted}/submit`, { version: 1 })).statusCode).toBe(200);
    const validated = await api('edu.validator', 'POST', `/api/v1/actions/${submitted}/validate`, { version: 2 });
    expect(validated.statusCode, validated.body).toBe(200);
    await report(upr[1], DRAFT_TITLE); // a draft: owed, not submitted
  });

  it('counts owed, submitted, validated, on time and overdue per institution over the rounds that have opened', async () => {
    const body = await dashboard();
    expect(body.rounds.rounds).toBe(2);
    const byId = Object.fromEntries(body.rounds.institutions.map((i: { institution: { id: number } }) => [i.institution.id, i]));
    // Open round: education owes 3, submitted and validated 1, in time. Past round (education only): 3 owed, the
    // same report counts as submitted and validated but late, and the 2 without a report are overdue.
    expect(byId[education]).toMatchObject({ institution: { name: 'Ministry of Education' }, owed: 6, submitted: 2, validated: 2, on_time: 1, overdue: 2 });
    // Health: two as lead and one co-responsible in the open round, nothing yet, not overdue.
    expect(byId[health]).toMatchObject({ owed: 3, submitted: 0, validated: 0, on_time: 0, overdue: 0 });
    expect(body.rounds.totals).toEqual({ owed: 9, submitted: 2, validated: 2, on_time: 1, overdue: 2 });

    // Only the matching recommendations count.
    const narrowed = await dashboard(`mechanism=CRC`);
    expect(narrowed.rounds.totals.owed).toBe(0);
  });

  it('lets nothing unpublished out: no round titles, no draft, only counts', async () => {
    for (const locale of ['es', 'en']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/public/dashboard?locale=${locale}` });
      expect(response.body).not.toContain(DRAFT_TITLE);
      expect(response.body).not.toContain(FUTURE_ROUND);
      expect(response.body).not.toContain(OPEN_ROUND);
      expect(response.body).not.toContain('Capacitación');
      expect(response.body).not.toContain(REASON);
    }
  });
});

describe('bad filters', () => {
  it.each(['position=maybe', 'country=PARAGUAY', 'year_from=abc', 'sdg=goal'])('%s answers 400 in the caller\'s language', async (query) => {
    const es = await t.app.inject({ method: 'GET', url: `/api/v1/public/dashboard?${query}&locale=es` });
    expect(es.statusCode).toBe(400);
    expect(es.json()).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/^Parámetro no válido/) });
    const fr = await t.app.inject({ method: 'GET', url: `/api/v1/public/dashboard?${query}`, headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    expect(fr.statusCode).toBe(400);
    expect(fr.json().message).toMatch(/^Paramètre non valide/);
  });
});

describe('quarters', () => {
  it('end on the last day of March, June, September and December (leap years too)', () => {
    expect([1, 2, 3, 4].map((q) => quarterEnd(2024, q))).toEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31']);
    expect(quartersBetween('2023-12-31', '2024-01-01')).toEqual([{ quarter: '2023-Q4', end: '2023-12-31' }, { quarter: '2024-Q1', end: '2024-03-31' }]);
  });

  it('keep the latest MAX_QUARTERS when the history is longer, with the steps carried from before', () => {
    const result = progressOverTime([
      { id: 1, recommendation_id: 1, status_key: 'a', assessed_on: '1990-01-01' },
      { id: 2, recommendation_id: 2, status_key: 'b', assessed_on: '2024-01-01' },
    ], 3);
    expect(result.truncated).toBe(true);
    expect(result.quarters).toHaveLength(MAX_QUARTERS);
    expect(result.quarters[0].counts).toEqual({ a: 1 });
    expect(result.quarters.at(-1)).toEqual({ quarter: '2024-Q1', end: '2024-03-31', counts: { a: 1, b: 1 }, not_assessed: 1 });
    expect(result.current).toEqual(new Map([['a', 1], ['b', 1]]));
  });
});
