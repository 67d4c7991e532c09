import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';

let t: TestApp;
let education: number;
let health: number;
let retired: number;
let educationRecs: number[];
let healthRec: number;
let published: number;
const s: Record<string, Session> = {};

// Words that must never reach a visitor: a draft's and a submitted report's titles, the chain's comments, people.
const DRAFT_TITLE = 'Borrador secreto de la ley';
const SUBMITTED_TITLE = 'Informe enviado sin publicar';
const RETURNED_TITLE = 'Informe devuelto a sus autores';
const CHAIN_COMMENT = 'Comentario interno del validador';
const PUBLISHED_TITLE = { es: 'Programa de becas publicado', en: 'Published scholarship programme' };

const api = (who: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: who ? as(s[who]) : {} });
const visitor = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

async function report(title: Record<string, string>, recommendationIds: number[]) {
  const created = await api('focal', 'POST', '/api/v1/actions', {
    institution_id: education, title, description: { es: 'Descripción' }, original_language: 'es', action_type: 'programme',
    reach: 'structural', recommendation_ids: recommendationIds,
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { id: number; version: number };
}

async function move(who: string, id: number, transition: string, comment?: string) {
  const current = await api(who, 'GET', `/api/v1/actions/${id}`);
  const moved = await api(who, 'POST', `/api/v1/actions/${id}/${transition}`, { version: current.json().version, comment });
  expect(moved.statusCode, moved.body).toBe(200);
}

beforeAll(async () => {
  t = await appWithDemoData();
  await resetPeople(t.db);
  await t.db.pool.query('truncate reporting_round, job_run');
  const institution = async (name: Record<string, string>, acronym: string | null, active = true) => Number((await t.db.pool.query(
    `insert into institution (name, acronym, branch, active) values ($1, $2, 'executive', $3) returning id`,
    [JSON.stringify(name), acronym, active])).rows[0].id);
  education = await institution({ es: 'Ministerio de Educación', en: 'Ministry of Education' }, 'MEC');
  health = await institution({ es: 'Ministerio de Salud' }, null);
  retired = await institution({ en: 'Retired Office' }, 'RO', false);
  const people = [['focal', 'focal_point', education], ['validator', 'validator', education], ['secretariat', 'secretariat', undefined]] as const;
  for (const [name, role, where] of people) {
    await createPerson(t.db, `${name}@example.org`, role, where);
    s[name] = await signIn(t.app, `${name}@example.org`);
  }
  const { rows } = await t.db.pool.query(`select r.id from recommendation r join mechanism m on m.id = r.mechanism_id
    where m.code = 'UPR' order by r.document_date desc nulls last, r.id desc limit 5`);
  educationRecs = rows.slice(0, 4).map((r) => Number(r.id));
  healthRec = Number(rows[4].id);
  await t.db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility)
    select unnest($1::bigint[]), $2::int, 'lead'`, [educationRecs.slice(0, 3), education]);
  await t.db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) values ($1, $2, 'co_responsible'), ($3, $4, 'lead'),
    ($1, $4, 'lead'), ($5, $6, 'co_responsible')`, [educationRecs[3], education, healthRec, health, educationRecs[0], retired]);
  // health leads educationRecs[3]; education supports it.

  const shown = await report(PUBLISHED_TITLE, [educationRecs[0]]);
  await move('focal', shown.id, 'submit');
  await move('validator', shown.id, 'validate', CHAIN_COMMENT);
  await move('secretariat', shown.id, 'publish');
  published = shown.id;
  await report({ es: DRAFT_TITLE }, [educationRecs[1]]);
  const submitted = await report({ es: SUBMITTED_TITLE }, [educationRecs[1]]);
  await move('focal', submitted.id, 'submit');
  const returned = await report({ es: RETURNED_TITLE }, [educationRecs[2]]);
  await move('focal', returned.id, 'submit');
  await move('validator', returned.id, 'return-to-author', CHAIN_COMMENT);

  // An open round that is overdue (its due date has passed), a closed one that was met, one not opened yet.
  const round = async (title: Record<string, string>, opens: string, due: string, closed: boolean, recommendations: number[] = []) => t.db.pool.query(
    `insert into reporting_round (title, opens_on, due_on, closed, recommendation_ids) values ($1, $2, $3, $4, $5)`,
    [JSON.stringify(title), opens, due, closed, recommendations]);
  await round({ es: 'Ronda vencida', en: 'Overdue round' }, '2024-01-01', '2024-06-30', false);
  await round({ es: 'Ronda cumplida', en: 'Met round' }, '2024-01-01', '2099-06-30', true, [educationRecs[0]]);
  await round({ es: 'Ronda futura', en: 'Future round' }, '2099-01-01', '2099-06-30', false);
});
afterAll(async () => t.close());

/** Nothing internal in an answer: no draft or unpublished titles, no comments, no people. */
function expectNothingInternal(body: string) {
  for (const secret of [DRAFT_TITLE, SUBMITTED_TITLE, RETURNED_TITLE, CHAIN_COMMENT, '@example.org', 'focal', 'validator', 'secretariat']) {
    expect(body).not.toContain(secret);
  }
}

describe('public institutions', () => {
  it('lists active institutions with their assignments and published actions, by name in the visitor\'s language', async () => {
    const response = await visitor('/api/v1/public/institutions?locale=en');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { id: number; name: string; name_language: string; counts: object }[];
    expect(items.map((i) => i.id)).toEqual([health, education]); // "Ministerio de Salud" (no English) sorts before "Ministry of Education"
    expect(items.find((i) => i.id === education)).toMatchObject({
      name: 'Ministry of Education', name_language: 'en', acronym: 'MEC', branch: 'executive',
      counts: { lead: 3, co_responsible: 1, published_actions: 1 },
    });
    expect(items.find((i) => i.id === health)).toMatchObject({ name: 'Ministerio de Salud', name_language: 'es', counts: { lead: 2, co_responsible: 0, published_actions: 0 } });
    expect(items.some((i) => i.id === retired)).toBe(false);
    expectNothingInternal(response.body);

    const spanish = await visitor('/api/v1/public/institutions', { 'accept-language': 'es-PY,es;q=0.9' });
    expect(spanish.json().items.map((i: { name: string }) => i.name)).toEqual(['Ministerio de Educación', 'Ministerio de Salud']);
  });

  it('show one institution with its reporting record, without anything unpublished', async () => {
    const response = await visitor(`/api/v1/public/institutions/${education}?locale=es`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ id: education, name: 'Ministerio de Educación', counts: { lead: 3, co_responsible: 1, published_actions: 1 }, parent: null });
    // Newest due date first; the round that has not opened is not there.
    expect(body.reporting.map((r: { round: { title: string } }) => r.round.title)).toEqual(['Ronda cumplida', 'Ronda vencida']);
    const [met, overdue] = body.reporting;
    // All four assignments owed; reports were submitted on three (one was returned since) and validated on one.
    expect(overdue).toMatchObject({ owed: 4, submitted: 2, validated: 1, progress: 'in_progress', overdue: true, round: { due_on: '2024-06-30', closed: false } });
    expect(met).toMatchObject({ owed: 1, submitted: 1, validated: 1, progress: 'validated', overdue: false, round: { closed: true } });
    expectNothingInternal(response.body);
    expect(Object.keys(body).sort()).toEqual(['acronym', 'branch', 'counts', 'id', 'name', 'name_language', 'parent', 'reporting']);
  });

  it('list the recommendations assigned to the institution, paged, as search items with the responsibility', async () => {
    const first = await visitor(`/api/v1/public/institutions/${education}/recommendations?locale=en&page_size=3`);
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1).toMatchObject({ total: 4, page: 1, page_size: 3 });
    expect(page1.items).toHaveLength(3);
    expect(page1.items[0]).toMatchObject({ mechanism: { key: 'UPR', label: 'Universal Periodic Review' } });
    expect(page1.items[0].snippet).not.toMatch(/<(?!\/?mark>)/);
    const second = (await visitor(`/api/v1/public/institutions/${education}/recommendations?page=2&page_size=3`)).json();
    expect(second.items).toHaveLength(1);
    const all = [...page1.items, ...second.items];
    expect(all.map((i: { id: number }) => i.id).sort()).toEqual([...educationRecs].sort());
    expect(all.find((i: { id: number }) => i.id === educationRecs[3]).responsibility).toBe('co_responsible');
    expect(all.filter((i: { responsibility: string }) => i.responsibility === 'lead')).toHaveLength(3);
    expectNothingInternal(first.body);
  });

  it('list only published action reports, whoever asks', async () => {
    for (const who of [null, 'focal', 'validator', 'secretariat']) {
      const response = await api(who, 'GET', `/api/v1/public/institutions/${education}/actions?locale=en`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.total).toBe(1);
      expect(body.items.map((i: { id: number; state: string }) => [i.id, i.state])).toEqual([[published, 'published']]);
      expect(body.items[0]).toMatchObject({ title: 'Published scholarship programme', title_language: 'en', institution: { name: 'Ministry of Education' } });
      expect(body.items[0]).not.toHaveProperty('history');
      expectNothingInternal(response.body);
    }
    expect((await visitor(`/api/v1/public/institutions/${health}/actions`)).json()).toMatchObject({ total: 0, items: [] });
  });

  it('name the institutions responsible for a recommendation, the lead first, active ones only', async () => {
    const shared = await visitor(`/api/v1/public/recommendations/${educationRecs[3]}/institutions?locale=es`);
    expect(shared.statusCode).toBe(200);
    expect(shared.json().items).toEqual([
      { id: health, name: 'Ministerio de Salud', name_language: 'es', acronym: null, responsibility: 'lead' },
      { id: education, name: 'Ministerio de Educación', name_language: 'es', acronym: 'MEC', responsibility: 'co_responsible' },
    ]);
    // The retired office's assignment is not shown.
    const lead = (await visitor(`/api/v1/public/recommendations/${educationRecs[0]}/institutions`)).json();
    expect(lead.items.map((i: { id: number }) => i.id)).toEqual([education]);
    expect((await visitor('/api/v1/public/recommendations/999999999/institutions')).statusCode).toBe(404);
  });

  it('answer 404 for unknown and retired institutions, in the visitor\'s language', async () => {
    for (const path of ['', '/recommendations', '/actions']) {
      const unknown = await visitor(`/api/v1/public/institutions/999999${path}?locale=fr`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error).toBe('not_found');
      expect(unknown.json().message).not.toBe((await visitor(`/api/v1/public/institutions/999999${path}?locale=en`)).json().message);
      expect((await visitor(`/api/v1/public/institutions/${retired}${path}`)).statusCode).toBe(404);
    }
    expect((await visitor('/api/v1/public/institutions/abc')).statusCode).toBe(400);
  });
});

describe('public mechanisms and SDGs', () => {
  it('a mechanism has its name in the visitor\'s language, its total and its latest documents', async () => {
    const { rows } = await t.db.pool.query(`select count(*)::int as n from recommendation r join mechanism m on m.id = r.mechanism_id where m.code = 'UPR'`);
    const french = await visitor('/api/v1/public/mechanisms/UPR?locale=fr');
    expect(french.statusCode).toBe(200);
    const body = french.json();
    expect(body).toMatchObject({ code: 'UPR', name: 'Examen périodique universel', name_language: 'fr', family: 'upr', total: rows[0].n });
    expect(body.documents.length).toBeGreaterThan(0);
    const dates = body.documents.map((d: { date: string | null }) => d.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(body.documents.reduce((sum: number, d: { count: number }) => sum + d.count, 0)).toBeLessThanOrEqual(body.total);
    expect((await visitor('/api/v1/public/mechanisms/upr?locale=pt')).json().name).toBe('Revisão Periódica Universal');
    expect((await visitor('/api/v1/public/mechanisms/NO-SUCH-BODY')).statusCode).toBe(404);
  });

  it('an SDG has its title in the visitor\'s language and every target with its count', async () => {
    const response = await visitor('/api/v1/public/sdgs/4?locale=es');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const { rows } = await t.db.pool.query(`select count(*)::int as n from recommendation where 4 = any(sdg_goals)`);
    const { rows: target41 } = await t.db.pool.query(`select count(*)::int as n from recommendation where '4.1' = any(sdg_targets)`);
    expect(body).toMatchObject({ goal: 4, title_language: 'es', total: rows[0].n });
    expect(body.title).toMatch(/^Garantizar una educ/);
    expect(target41[0].n).toBeGreaterThan(0);
    expect(body.targets.find((x: { code: string }) => x.code === '4.1')).toMatchObject({ count: target41[0].n, title_language: 'es' });
    // Every target of the goal, numbered ones first, in order.
    expect(body.targets.map((x: { code: string }) => x.code)).toEqual(['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.a', '4.b', '4.c']);
    const portuguese = (await visitor('/api/v1/public/sdgs/4?locale=pt')).json();
    expect(portuguese).toMatchObject({ title_language: 'pt', short_title: 'Educação de qualidade' });
    expect(portuguese.targets.find((x: { code: string }) => x.code === '4.1')).toMatchObject({ title_language: 'pt' });
    // A title missing in the visitor's language: English, said so.
    const { rows: [before] } = await t.db.pool.query('select title, short_title from sdg_goal where number = 4');
    await t.db.pool.query(`update sdg_goal set title = title - 'pt', short_title = short_title - 'pt' where number = 4`);
    try {
      expect((await visitor('/api/v1/public/sdgs/4?locale=pt')).json()).toMatchObject({ title_language: 'en', short_title: 'Quality education' });
    } finally {
      await t.db.pool.query('update sdg_goal set title = $1, short_title = $2 where number = 4', [before.title, before.short_title]);
    }
    for (const goal of ['0', '18', '99']) expect((await visitor(`/api/v1/public/sdgs/${goal}`)).statusCode).toBe(goal === '0' ? 400 : 404);
  });

  it('counts follow the catalogue when it changes', async () => {
    const before = (await visitor('/api/v1/public/sdgs/4')).json().targets.find((x: { code: string }) => x.code === '4.2').count;
    await t.db.pool.query(`update recommendation set sdg_targets = array_append(sdg_targets, '4.2'), sdg_goals = array_append(sdg_goals, 4::smallint)
      where id = $1`, [healthRec]);
    const after = (await visitor('/api/v1/public/sdgs/4')).json().targets.find((x: { code: string }) => x.code === '4.2').count;
    expect(after).toBe(before + 1);
  });
});
