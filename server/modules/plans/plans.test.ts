/**
 * Implementation plans through the HTTP API with real sign-ins: the plan, its
 * tree of objectives and its activities; the proposal of an activity by a
 * focal point through the validation chain; revisions of an adopted plan.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Role } from '../../../shared/permissions';
import { PROPOSAL_TRANSITION_PERMISSIONS } from '../../../shared/plans';
import { ACTION_TRANSITIONS, type TransitionName } from '../../../shared/workflows/action-review';
import { buildApp } from '../../app';
import { DEMO_FILE } from '../../db/seeds/demo';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';

let db: Database;
let app: FastifyInstance;
let education: number;
let health: number;
let recommendations: number[];
const people: Record<string, Session> = {};

const PEOPLE = {
  focal: ['focal_point', 'education'], validator: ['validator', 'education'], secretariat: ['secretariat', null],
  healthFocal: ['focal_point', 'health'], administrator: ['administrator', null],
} as const;
type Who = keyof typeof PEOPLE | 'visitor';

const call = (who: Who, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: who === 'visitor' ? {} : as(people[who]) });

beforeAll(async () => {
  db = await connectTestDatabase();
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent' });
  await resetCatalogue(db);
  await resetPeople(db);
  await importRecommendations(db.pool, fs.readFileSync(DEMO_FILE), { fileName: 'demo.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  education = await createInstitution(db, 'Ministry of Education');
  health = await createInstitution(db, 'Ministry of Health');
  for (const [key, [role, where]] of Object.entries(PEOPLE)) {
    await createPerson(db, `${key}@example.org`, role, where === 'education' ? education : where === 'health' ? health : undefined);
    people[key] = await signIn(app, `${key}@example.org`);
  }
  const { rows } = await db.pool.query('select id from recommendation order by id limit 5');
  recommendations = rows.map((r) => Number(r.id));
});
afterAll(async () => { await app.close(); await db.close(); });

const planBody = { kind: 'review_follow_up', title: { es: 'Plan de seguimiento del EPU, ciclo 4', en: 'UPR cycle 4 follow-up plan' }, original_language: 'es', period_start: '2025-01-01', period_end: '2028-12-31' };

async function newPlan() {
  const response = await call('secretariat', 'POST', '/api/v1/plans?locale=en', planBody);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const count = async (sql: string, params: unknown[]) => Number((await db.pool.query(sql, params)).rows[0].n);

describe('proposal permissions', () => {
  it('each move of a proposal is guarded by a permission held by exactly the roles the chain names for it', () => {
    for (const name of Object.keys(ACTION_TRANSITIONS) as TransitionName[]) {
      const holders = Object.keys(PERMISSIONS[PROPOSAL_TRANSITION_PERMISSIONS[name]]).filter((r) => r !== 'administrator') as Role[];
      expect([...holders].sort(), name).toEqual([...ACTION_TRANSITIONS[name].roles].sort());
    }
  });
});

describe('plans, objectives and activities', () => {
  it('the secretariat creates a draft plan; others may not; the audit log has it', async () => {
    expect((await call('focal', 'POST', '/api/v1/plans', planBody)).statusCode).toBe(403);
    expect((await call('visitor', 'POST', '/api/v1/plans', planBody)).statusCode).toBe(401);
    const plan = await newPlan();
    expect(plan).toMatchObject({ status: 'draft', title: 'UPR cycle 4 follow-up plan', version: 1, objectives: [], activities: [] });
    expect(await count(`select count(*) n from audit_log where entity = 'plan' and entity_id = $1 and action = 'create'`, [String(plan.id)])).toBe(1);
    const bad = await call('secretariat', 'POST', '/api/v1/plans?locale=es', { ...planBody, period_end: '2024-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('El fin del período del plan no puede ser anterior a su inicio.');
  });

  it('builds a tree of objectives in order: axis, objective under an axis, result under an objective', async () => {
    const plan = await newPlan();
    const axis = (await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives`, { level: 'axis', code: '1', title: { es: 'Educación' } })).json();
    const objective = (await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives`, { level: 'objective', parent_id: axis.id, code: '1.1', title: { es: 'Acceso' } })).json();
    const result = await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives`, { level: 'result', parent_id: objective.id, code: '1.1.a', title: { es: 'Matrícula' } });
    expect(result.statusCode).toBe(201);
    // An axis under an objective, an objective under a result: refused, with the rule.
    const upside = await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives?locale=en`, { level: 'axis', parent_id: objective.id, title: { es: 'X' } });
    expect(upside.statusCode).toBe(400);
    expect(upside.json().message).toMatch(/below the level of its parent/);
    expect((await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives`, { level: 'objective', parent_id: result.json().id, title: { es: 'X' } })).statusCode).toBe(400);
    // An objective cannot move under its own result, nor become a result above its own result.
    expect((await call('secretariat', 'PATCH', `/api/v1/plan-objectives/${objective.id}`, { version: 1, parent_id: result.json().id })).statusCode).toBe(400);
    expect((await call('secretariat', 'PATCH', `/api/v1/plan-objectives/${objective.id}`, { version: 1, level: 'result' })).statusCode).toBe(400);
    // Another plan's objective is no parent here.
    const other = await newPlan();
    expect((await call('secretariat', 'POST', `/api/v1/plans/${other.id}/objectives`, { level: 'objective', parent_id: axis.id, title: { es: 'X' } })).statusCode).toBe(400);
    // Editing with a stale version: 409 with the current one.
    const stale = await call('secretariat', 'PATCH', `/api/v1/plan-objectives/${objective.id}`, { version: 7, code: '1.2' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current_version).toBe(1);
    const detail = (await call('secretariat', 'GET', `/api/v1/plans/${plan.id}`)).json();
    expect(detail.objectives.map((o: { code: string; level: string }) => `${o.level}:${o.code}`)).toEqual(['axis:1', 'objective:1.1', 'result:1.1.a']);
  });

  it('an activity links institutions, recommendations, SDG targets and indicators that exist, and nothing else', async () => {
    const plan = await newPlan();
    const indicator = (await db.pool.query(`insert into indicator (institution_id, name, kind, unit, frequency) values ($1, '{"es":"Tasa"}', 'outcome', '%', 'annual') returning id`, [education])).rows[0].id;
    const body = {
      institution_id: education, co_responsible_ids: [health, education], title: { es: 'Formar docentes' }, original_language: 'es',
      start_date: '2025-03-01', end_date: '2026-12-31', milestones: [{ title: 'Currículo aprobado', due_on: '2025-09-30' }],
      budget: { amount: 150000000, currency: 'PYG', programme: 'P-12' }, recommendation_ids: [recommendations[0], recommendations[1]],
      sdg_targets: ['4.1', '4.c'], indicator_ids: [Number(indicator)],
    };
    const created = await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/activities`, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      state: 'published', institution: { id: education }, co_responsible: [{ id: health }], recommendation_ids: [recommendations[0], recommendations[1]],
      sdg_targets: ['4.1', '4.c'], indicator_ids: [Number(indicator)], budget: { amount: 150000000, currency: 'PYG', programme: 'P-12' },
      milestones: [{ title: 'Currículo aprobado', due_on: '2025-09-30' }],
    });
    const unknown = await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/activities?locale=es`, { ...body, recommendation_ids: [999999999] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe('Estas recomendaciones no existen: 999999999.');
    expect((await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/activities`, { ...body, sdg_targets: ['4.99'] })).statusCode).toBe(400);
    expect(await count('select count(*) n from plan_activity where plan_id = $1', [plan.id])).toBe(1);
    // A partial edit keeps the rest; the links sent replace the old ones.
    const edited = await call('secretariat', 'PATCH', `/api/v1/plan-activities/${created.json().id}`, { version: 1, sdg_targets: ['4.1'] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ sdg_targets: ['4.1'], recommendation_ids: [recommendations[0], recommendations[1]], version: 2 });
  });
});

describe('adoption and revisions', () => {
  it('an adopted plan changes only through revisions, every one kept: who, when, why, before and after', async () => {
    const plan = await newPlan();
    expect((await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/status`, { version: 1, status: 'adopted' })).statusCode).toBe(400);
    const adopted = await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/status`, { version: 1, status: 'adopted', adopted_on: '2025-02-10' });
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(adopted.json()).toMatchObject({ status: 'adopted', adopted_on: '2025-02-10', version: 2 });

    const noReason = await call('secretariat', 'PATCH', `/api/v1/plans/${plan.id}?locale=fr`, { version: 2, legal_instrument: 'Decreto 1234/2025' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/^Ce plan a été adopté/);
    expect((await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives`, { level: 'axis', title: { es: 'Salud' } })).statusCode).toBe(400);

    const first = await call('secretariat', 'PATCH', `/api/v1/plans/${plan.id}`, { version: 2, legal_instrument: 'Decreto 1234/2025', revision_reason: 'Cita del decreto de adopción' });
    expect(first.statusCode, first.body).toBe(200);
    const second = await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives`, { level: 'axis', title: { es: 'Salud' }, revision_reason: 'Eje añadido tras la consulta' });
    expect(second.statusCode).toBe(201);
    const revisions = (await call('validator', 'GET', `/api/v1/plans/${plan.id}/revisions`)).json().items;
    expect(revisions.map((r: { number: number; kind: string; reason: string }) => [r.number, r.kind, r.reason])).toEqual([
      [1, 'update_plan', 'Cita del decreto de adopción'], [2, 'create_objective', 'Eje añadido tras la consulta'],
    ]);
    expect(revisions[0].changes.before.legal_instrument).toBeNull();
    expect(revisions[0].changes.after.legal_instrument).toBe('Decreto 1234/2025');
    expect(revisions[0].actor.display_name).toBeTruthy();
    // No going back to draft, and no deleting an adopted plan.
    expect((await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/status`, { version: 3, status: 'draft', revision_reason: 'x' })).statusCode).toBe(409);
    expect((await call('secretariat', 'DELETE', `/api/v1/plans/${plan.id}`)).statusCode).toBe(409);
    // Closing is a revision too.
    const closed = await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/status`, { version: 3, status: 'closed', revision_reason: 'Fin del período' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await call('secretariat', 'GET', `/api/v1/plans/${plan.id}/revisions`)).json().items).toHaveLength(3);
  });

  it('a draft plan changes without revisions (unless a reason is given) and can be deleted', async () => {
    const plan = await newPlan();
    expect((await call('secretariat', 'PATCH', `/api/v1/plans/${plan.id}`, { version: 1, title: { es: 'Plan nacional' } })).statusCode).toBe(200);
    expect(await count('select count(*) n from plan_revision where plan_id = $1', [plan.id])).toBe(0);
    expect((await call('secretariat', 'PATCH', `/api/v1/plans/${plan.id}`, { version: 2, period_end: '2029-12-31', revision_reason: 'Prórroga' })).statusCode).toBe(200);
    expect(await count('select count(*) n from plan_revision where plan_id = $1', [plan.id])).toBe(1);
    expect((await call('secretariat', 'DELETE', `/api/v1/plans/${plan.id}`)).statusCode).toBe(204);
    expect((await call('secretariat', 'GET', `/api/v1/plans/${plan.id}`)).statusCode).toBe(404);
  });
});

describe('a focal point proposes an activity; the validator and the secretariat review it (the action reports\' chain)', () => {
  it('goes draft → submitted → validated → accepted, seen at each step only by the chain', async () => {
    const plan = await newPlan();
    await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/status`, { version: 1, status: 'adopted', adopted_on: '2025-02-10' });
    const body = { institution_id: education, title: { es: 'Becas para estudiantes indígenas' }, original_language: 'es', recommendation_ids: [recommendations[2]], end_date: '2027-12-31' };
    expect((await call('healthFocal', 'POST', `/api/v1/plans/${plan.id}/proposals`, body)).statusCode).toBe(403);
    const proposed = await call('focal', 'POST', `/api/v1/plans/${plan.id}/proposals`, body);
    expect(proposed.statusCode, proposed.body).toBe(201);
    const id = proposed.json().id;
    expect(proposed.json()).toMatchObject({ state: 'draft', progress: null, editable: true, available_transitions: ['submit'] });

    // A draft stays with its authors: the validator and the secretariat do not know it exists.
    expect((await call('validator', 'GET', `/api/v1/plan-activities/${id}`)).statusCode).toBe(404);
    expect((await call('secretariat', 'GET', `/api/v1/plan-activities/${id}`)).statusCode).toBe(404);
    expect((await call('secretariat', 'GET', `/api/v1/plans/${plan.id}`)).json().activities).toEqual([]);
    expect((await call('focal', 'GET', `/api/v1/plans/${plan.id}`)).json().activities.map((a: { id: number }) => a.id)).toEqual([id]);
    // The secretariat's direct edit is for activities of the plan, not proposals.
    expect((await call('focal', 'PATCH', `/api/v1/plan-activities/${id}/proposal`, { version: 1, start_date: '2025-06-01' })).statusCode).toBe(200);

    expect((await call('focal', 'POST', `/api/v1/plan-activities/${id}/submit`, { version: 2 })).statusCode).toBe(200);
    expect((await call('focal', 'PATCH', `/api/v1/plan-activities/${id}/proposal`, { version: 3, start_date: '2025-07-01' })).statusCode).toBe(409);
    const returned = await call('validator', 'POST', `/api/v1/plan-activities/${id}/return-to-author`, { version: 3 });
    expect(returned.statusCode).toBe(400);
    expect((await call('validator', 'POST', `/api/v1/plan-activities/${id}/validate`, { version: 3 })).statusCode).toBe(200);
    const direct = await call('secretariat', 'PATCH', `/api/v1/plan-activities/${id}`, { version: 4, start_date: '2025-07-01', revision_reason: 'x' });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().state).toBe('validated');

    // Accepting into an adopted plan is a revision: the comment is its reason.
    const bare = await call('secretariat', 'POST', `/api/v1/plan-activities/${id}/publish?locale=en`, { version: 4 });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().message).toMatch(/revision/);
    const accepted = await call('secretariat', 'POST', `/api/v1/plan-activities/${id}/publish`, { version: 4, comment: 'Aceptada: responde a una recomendación sin actividad' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'published', progress: 'on_time' });
    expect(accepted.json().history.map((h: { transition: string }) => h.transition)).toEqual(['submit', 'validate', 'publish']);
    const revisions = (await call('secretariat', 'GET', `/api/v1/plans/${plan.id}/revisions`)).json().items;
    expect(revisions.map((r: { kind: string; reason: string }) => [r.kind, r.reason])).toEqual([['accept_proposal', 'Aceptada: responde a una recomendación sin actividad']]);
    expect(await count(`select count(*) n from audit_log where entity = 'plan_activity' and entity_id = $1`, [String(id)])).toBe(5);
    // Now an activity of the plan: public to every plan reader, changed by the secretariat through revisions.
    expect((await call('healthFocal', 'GET', `/api/v1/plan-activities/${id}`)).statusCode).toBe(200);
  });

  it('a closed plan takes no proposals', async () => {
    const plan = await newPlan();
    await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/status`, { version: 1, status: 'adopted', adopted_on: '2025-02-10' });
    await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/status`, { version: 2, status: 'closed', revision_reason: 'Fin' });
    const refused = await call('focal', 'POST', `/api/v1/plans/${plan.id}/proposals`, { institution_id: education, title: { es: 'Tarde' }, original_language: 'es' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().status).toBe('closed');
  });
});

describe('progress, from the published action reports that carry activities out and their indicators\' measurements', () => {
  it('an action report names the activity it carries out, through its own save path and checks', async () => {
    const plan = await newPlan();
    const own = (await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/activities`, { institution_id: health, co_responsible_ids: [education], title: { es: 'Compartida' }, original_language: 'es' })).json();
    const foreign = (await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/activities`, { institution_id: health, title: { es: 'Ajena' }, original_language: 'es' })).json();
    const proposal = (await call('focal', 'POST', `/api/v1/plans/${plan.id}/proposals`, { institution_id: education, title: { es: 'Propuesta' }, original_language: 'es' })).json();
    await db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) values ($1, $2, 'lead') on conflict do nothing`, [recommendations[3], education]);
    const action = (extra: object) => ({ institution_id: education, title: { es: 'Acción' }, original_language: 'es', action_type: 'training', reach: 'structural', recommendation_ids: [recommendations[3]], ...extra });
    for (const [extra, reason] of [
      [{ plan_activity_id: foreign.id }, 'neither leads nor shares'], [{ plan_activity_id: proposal.id }, 'only a proposal'], [{ completes_activity: true }, 'Say which planned activity'],
    ] as const) {
      const refused = await call('focal', 'POST', '/api/v1/actions?locale=en', action(extra));
      expect(refused.statusCode, JSON.stringify(extra)).toBe(400);
      expect(refused.json().message).toContain(reason);
    }
    const created = await call('focal', 'POST', '/api/v1/actions', action({ plan_activity_id: own.id }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ plan_activity_id: own.id, completes_activity: false });
    const patched = await call('focal', 'PATCH', `/api/v1/actions/${created.json().id}`, { version: 1, plan_activity_id: foreign.id });
    expect(patched.statusCode).toBe(400);
    // An activity an action report names cannot be removed from the plan.
    expect((await call('secretariat', 'DELETE', `/api/v1/plan-activities/${own.id}`, { version: 1 })).statusCode).toBe(409);
  });

  it('counts on time, late, not started and done per plan, per objective (its subtree) and per institution', async () => {
    const plan = await newPlan();
    const objective = async (body: object) => (await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/objectives?locale=es`, body)).json();
    const axisA = await objective({ level: 'axis', title: { es: 'Eje A' } });
    const underA = await objective({ level: 'objective', parent_id: axisA.id, title: { es: 'Objetivo A.1' } });
    const axisB = await objective({ level: 'axis', title: { es: 'Eje B' } });
    const indicator = Number((await db.pool.query(`insert into indicator (institution_id, name, kind, unit, frequency) values ($1, '{"es":"Cobertura"}', 'outcome', '%', 'annual') returning id`, [health])).rows[0].id);
    const activity = async (body: object) => {
      const response = await call('secretariat', 'POST', `/api/v1/plans/${plan.id}/activities`, { title: { es: 'Actividad' }, original_language: 'es', ...body });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    const late = await activity({ institution_id: education, objective_id: underA.id, start_date: '2020-01-01', end_date: '2020-12-31' });
    const carried = await activity({ institution_id: education, objective_id: underA.id, start_date: '2090-01-01', end_date: '2099-12-31' });
    const measured = await activity({ institution_id: health, co_responsible_ids: [education], objective_id: axisB.id, indicator_ids: [indicator] });
    const progressOf = async () => (await call('validator', 'GET', `/api/v1/plans/${plan.id}/progress?locale=es`)).json();
    const states = async () => Object.fromEntries((await call('secretariat', 'GET', `/api/v1/plans/${plan.id}`)).json().activities.map((a: { id: number; progress: string }) => [a.id, a.progress]));

    expect(await states()).toEqual({ [late.id]: 'late', [carried.id]: 'not_started', [measured.id]: 'not_started' });

    // A published action report that carries `carried` out starts it; one that completes it makes it done.
    await db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) values ($1, $2, 'lead') on conflict do nothing`, [recommendations[4], education]);
    const publish = async (extra: object) => {
      const created = (await call('focal', 'POST', '/api/v1/actions', {
        institution_id: education, title: { es: 'Talleres' }, original_language: 'es', action_type: 'training', reach: 'structural', recommendation_ids: [recommendations[4]], ...extra,
      })).json();
      expect((await call('focal', 'POST', `/api/v1/actions/${created.id}/submit`, { version: 1 })).statusCode).toBe(200);
      expect((await call('validator', 'POST', `/api/v1/actions/${created.id}/validate`, { version: 2 })).statusCode).toBe(200);
      return { id: created.id, publish: async () => expect((await call('secretariat', 'POST', `/api/v1/actions/${created.id}/publish`, { version: 3 })).statusCode).toBe(200) };
    };
    const step = await publish({ plan_activity_id: carried.id });
    expect((await states())[carried.id]).toBe('not_started'); // validated, not yet published: it does not count
    await step.publish();
    expect((await states())[carried.id]).toBe('on_time');
    await (await publish({ plan_activity_id: carried.id, completes_activity: true })).publish();
    // A measurement of its indicator shows work on `measured`.
    await db.pool.query(`insert into indicator_measurement (indicator_id, measured_on, value) values ($1, '2025-06-30', 40)`, [indicator]);
    const activities = (await call('secretariat', 'GET', `/api/v1/plans/${plan.id}`)).json().activities;
    expect(Object.fromEntries(activities.map((a: { id: number; progress: string }) => [a.id, a.progress]))).toEqual({ [late.id]: 'late', [carried.id]: 'done', [measured.id]: 'on_time' });
    expect(activities.find((a: { id: number }) => a.id === carried.id).action_ids).toHaveLength(2);
    expect(activities.find((a: { id: number }) => a.id === measured.id).latest_measurement_on).toBe('2025-06-30');

    const progress = await progressOf();
    expect(progress.total).toEqual({ not_started: 0, on_time: 1, late: 1, done: 1 });
    expect(progress.objectives.map((o: { title: string; counts: object }) => [o.title, o.counts])).toEqual([
      ['Eje A', { not_started: 0, on_time: 0, late: 1, done: 1 }],
      ['Objetivo A.1', { not_started: 0, on_time: 0, late: 1, done: 1 }],
      ['Eje B', { not_started: 0, on_time: 1, late: 0, done: 0 }],
    ]);
    expect(progress.institutions.map((i: { institution: { name: string }; counts: object }) => [i.institution.name, i.counts])).toEqual([
      ['Ministry of Education', { not_started: 0, on_time: 1, late: 1, done: 1 }],
      ['Ministry of Health', { not_started: 0, on_time: 1, late: 0, done: 0 }],
    ]);
    // Proposals never count.
    await call('focal', 'POST', `/api/v1/plans/${plan.id}/proposals`, { institution_id: education, title: { es: 'Propuesta' }, original_language: 'es', end_date: '2020-01-01' });
    expect((await progressOf()).total).toEqual(progress.total);
  });
});

describe('coverage', () => {
  it('lists what the search and institution match that no activity answers, and activities answering none, as JSON, CSV and XLSX, with every search filter', async () => {
    const coverageInstitution = await createInstitution(db, 'Ministerio de la Mujer');
    const { rows } = await db.pool.query(`select r.id, m.code from recommendation r join mechanism m on m.id = r.mechanism_id
      where m.code = (select m2.code from recommendation r2 join mechanism m2 on m2.id = r2.mechanism_id group by m2.code order by count(*) desc limit 1)
      order by r.id desc limit 4`);
    const fresh = rows.map((r) => Number(r.id));
    const mechanism = rows[0].code as string;
    await db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) select unnest($1::bigint[]), $2, 'lead'`, [fresh, coverageInstitution]);
    const plan = await newPlan();
    const closed = await newPlan();
    const add = async (planId: number, body: object) => (await call('secretariat', 'POST', `/api/v1/plans/${planId}/activities`, { institution_id: coverageInstitution, title: { es: 'Actividad' }, original_language: 'es', ...body })).json();
    await add(plan.id, { recommendation_ids: [fresh[0], fresh[1]] });
    const bare = await add(plan.id, { title: { es: 'Sin recomendación' } });
    await add(closed.id, { recommendation_ids: [fresh[2]] });
    await call('secretariat', 'POST', `/api/v1/plans/${closed.id}/status`, { version: 1, status: 'adopted', adopted_on: '2025-01-01' });
    await call('secretariat', 'POST', `/api/v1/plans/${closed.id}/status`, { version: 2, status: 'closed', revision_reason: 'Fin' });
    // A proposal answering fresh[3] does not cover it.
    await db.pool.query(`insert into plan_activity (plan_id, institution_id, state, title, original_language) values ($1, $2, 'submitted', '{"es":"P"}', 'es')`, [plan.id, coverageInstitution]);

    const result = (await call('validator', 'GET', `/api/v1/plan-coverage?institution_id=${coverageInstitution}&mechanism=${mechanism}`)).json();
    expect(result.matched).toBe(4);
    expect(result.covered).toBe(2);
    expect(result.uncovered.items.map((i: { id: number }) => i.id).sort()).toEqual([fresh[2], fresh[3]].sort());
    expect(result.uncovered.items.every((i: { mechanism: string }) => i.mechanism === mechanism)).toBe(true);
    expect(result.activities_without_recommendation.map((a: { id: number }) => a.id)).toEqual([bare.id]);
    // Only the closed plan: it covers fresh[2] alone.
    const onlyClosed = (await call('validator', 'GET', `/api/v1/plan-coverage?institution_id=${coverageInstitution}&plan_id=${closed.id}`)).json();
    expect(onlyClosed.uncovered.items.map((i: { id: number }) => i.id).sort()).toEqual([fresh[0], fresh[1], fresh[3]].sort());
    expect(onlyClosed.activities_without_recommendation).toEqual([]);
    // A search filter that matches none of them.
    expect((await call('validator', 'GET', `/api/v1/plan-coverage?institution_id=${coverageInstitution}&mechanism=NO-SUCH`)).json().matched).toBe(0);
    expect((await call('visitor', 'GET', '/api/v1/plan-coverage')).statusCode).toBe(401);

    const csv = await call('validator', 'GET', `/api/v1/plan-coverage.csv?institution_id=${coverageInstitution}&mechanism=${mechanism}`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('kind,id,mechanism,symbol,paragraph,date,cycle,text,plan_id,institution');
    // Texts may hold quoted line breaks: rows are the lines that start with a kind and an id.
    expect(lines.filter((line) => /^(recommendation|activity),\d+,/.test(line)).map((line) => line.split(',').slice(0, 2).join(',')).sort()).toEqual(
      [`recommendation,${fresh[2]}`, `recommendation,${fresh[3]}`, `activity,${bare.id}`].sort());
    // The same rows as XLSX.
    const xlsx = await call('validator', 'GET', `/api/v1/plan-coverage.xlsx?institution_id=${coverageInstitution}&mechanism=${mechanism}`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1).join(',')).toBe(lines[0]);
    const xlsxRows: string[] = [];
    sheet.eachRow((row, number) => { if (number > 1) xlsxRows.push(`${row.getCell(1).value},${row.getCell(2).value}`); });
    expect(xlsxRows.sort()).toEqual([`recommendation,${fresh[2]}`, `recommendation,${fresh[3]}`, `activity,${bare.id}`].sort());

    // Every search filter applies (theme, cycle…): what coverage matches is what the search matches.
    const facets = (await call('visitor', 'GET', '/api/v1/recommendations?page_size=1')).json().facets;
    for (const filter of [`theme=${facets.theme[0].key}`, `cycle=${facets.cycle[0].key}`, `mechanism=${mechanism}&year_from=2015`]) {
      const searched = (await call('visitor', 'GET', `/api/v1/recommendations?${filter}&page_size=1`)).json().total;
      expect(searched, filter).toBeGreaterThan(0);
      expect((await call('validator', 'GET', `/api/v1/plan-coverage?${filter}`)).json().matched, filter).toBe(searched);
    }
  });
});

describe('a plan from a spreadsheet, and back', () => {
  const upload = (who: Who, planId: number, csv: Buffer | string, dryRun: boolean, name = 'plan.csv', locale = 'es') => {
    const form = new FormData();
    form.append('dry_run', String(dryRun));
    form.append('file', new Blob([typeof csv === 'string' ? csv : new Uint8Array(csv)]), name);
    return app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/import?locale=${locale}`, payload: form, headers: who === 'visitor' ? {} : as(people[who]) });
  };

  it('dry run first, all or nothing, each bad row refused with its reason; the export reads back into the same plan', async () => {
    const { rows } = await db.pool.query(`select document_symbol, paragraph from recommendation where document_symbol is not null and paragraph is not null order by id limit 2`);
    const [first, second] = rows.map((r) => `${r.document_symbol} ${r.paragraph}`);
    const header = 'objective_path,activity,description,lead_institution,co_responsible,start_date,end_date,budget_amount,budget_currency,budget_programme,recommendations,sdg_targets';
    const good1 = `Educación > Acceso,Becas indígenas,Becas para estudiantes,Ministry of Education,,2025-03-01,2026-12-31,,,,${first},4.5`;
    const bad = 'Educación > Acceso,Formación docente,,Ministerio X,,03/04/2025,2026-12-31,,,,,';
    const good2 = `Educación > Acceso > Matrícula,Campaña de matrícula,,ministry of education,Ministry of Health,2025-01-01,2025-12-31,1500000.50,PYG,P-12,${first}|${second},4.1|4.5`;
    const plan = await newPlan();

    const dry = await upload('secretariat', plan.id, [header, good1, bad, good2].join('\n'), true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dry_run: true, written: false, rows: 3 });
    expect(dry.json().issues.map((i: { line: number; field: string }) => `${i.line}:${i.field}`)).toEqual(['3:lead_institution', '3:start_date']);
    expect(dry.json().issues[0].message).toContain('Línea 3');
    expect(dry.json().issues[0].message).toContain('ninguna institución tiene el nombre o la sigla «Ministerio X»');
    expect((await upload('secretariat', plan.id, [header, good1, bad, good2].join('\n'), false, 'plan.csv', 'en')).json()).toMatchObject({ written: false, activities: 0 });
    expect(await count('select count(*) n from plan_activity where plan_id = $1', [plan.id])).toBe(0);
    expect(await count('select count(*) n from plan_objective where plan_id = $1', [plan.id])).toBe(0);

    const fixed = [header, good1, bad.replace('Ministerio X', 'Ministry of Health').replace('03/04/2025', '2025-04-03'), good2].join('\n');
    expect((await upload('secretariat', plan.id, fixed, true)).json()).toMatchObject({ written: false, activities: 3, issues: [] });
    const written = await upload('secretariat', plan.id, fixed, false);
    expect(written.json()).toMatchObject({ written: true, activities: 3, objectives_created: 3, issues: [] });
    const detail = (await call('secretariat', 'GET', `/api/v1/plans/${plan.id}`)).json();
    expect(detail.objectives.map((o: { level: string; title: string }) => `${o.level}:${o.title}`)).toEqual(['axis:Educación', 'objective:Acceso', 'result:Matrícula']);
    const campaign = detail.activities.find((a: { title: string }) => a.title === 'Campaña de matrícula');
    expect(campaign).toMatchObject({ institution: { id: education }, co_responsible: [{ id: health }], budget: { amount: 1500000.5, currency: 'PYG', programme: 'P-12' }, sdg_targets: ['4.1', '4.5'] });
    expect(campaign.recommendation_ids).toHaveLength(2);

    // Round trip: the export imports into another plan, whose export is the same file.
    const exported = await call('validator', 'GET', `/api/v1/plans/${plan.id}/export.csv`);
    expect(exported.statusCode).toBe(200);
    expect(exported.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(header);
    const copy = await newPlan();
    expect((await upload('secretariat', copy.id, exported.rawPayload, false)).json()).toMatchObject({ written: true, activities: 3, issues: [] });
    expect((await call('validator', 'GET', `/api/v1/plans/${copy.id}/export.csv`)).body).toBe(exported.body);
    // The same through XLSX.
    const workbook = await call('validator', 'GET', `/api/v1/plans/${plan.id}/export.xlsx`);
    expect(workbook.statusCode).toBe(200);
    const fromXlsx = await newPlan();
    expect((await upload('secretariat', fromXlsx.id, workbook.rawPayload, false, 'plan.xlsx')).json()).toMatchObject({ written: true, activities: 3, issues: [] });
    expect((await call('validator', 'GET', `/api/v1/plans/${fromXlsx.id}/export.csv`)).body).toBe(exported.body);

    // An adopted plan is not filled from a spreadsheet; a focal point may not import.
    await call('secretariat', 'POST', `/api/v1/plans/${copy.id}/status`, { version: 1, status: 'adopted', adopted_on: '2025-01-01' });
    expect((await upload('secretariat', copy.id, fixed, true)).statusCode).toBe(409);
    expect((await upload('focal', plan.id, fixed, true)).statusCode).toBe(403);
    // A file without the required columns.
    const headerless = await upload('secretariat', plan.id, 'title,owner\nA,B\n', true, 'plan.csv', 'en');
    expect(headerless.statusCode).toBe(400);
    expect(headerless.json().message).toContain('missing: activity, lead_institution');
  });
});

describe('public: adopted plans, never drafts or proposals', () => {
  it('shows an adopted plan with its accepted activities and progress, and lists them on the recommendation; drafts and proposals stay hidden', async () => {
    const draft = await newPlan();
    const adopted = await newPlan();
    const recommendation = recommendations[4];
    await call('secretariat', 'POST', `/api/v1/plans/${draft.id}/activities`, { institution_id: education, title: { es: 'Del borrador' }, original_language: 'es', recommendation_ids: [recommendation] });
    const accepted = (await call('secretariat', 'POST', `/api/v1/plans/${adopted.id}/activities`, {
      institution_id: education, title: { es: 'Aceptada', en: 'Accepted' }, original_language: 'es', recommendation_ids: [recommendation], start_date: '2025-01-01', end_date: '2099-12-31',
    })).json();
    await call('secretariat', 'POST', `/api/v1/plans/${adopted.id}/status`, { version: 1, status: 'adopted', adopted_on: '2025-01-15' });
    const proposal = (await call('focal', 'POST', `/api/v1/plans/${adopted.id}/proposals`, { institution_id: education, title: { es: 'Propuesta' }, original_language: 'es', recommendation_ids: [recommendation] })).json();
    await call('focal', 'POST', `/api/v1/plan-activities/${proposal.id}/submit`, { version: 1 });

    const list = (await call('visitor', 'GET', '/api/v1/public/plans?locale=en')).json().items.map((p: { id: number }) => p.id);
    expect(list).toContain(adopted.id);
    expect(list).not.toContain(draft.id);
    expect((await call('visitor', 'GET', `/api/v1/public/plans/${draft.id}`)).statusCode).toBe(404);
    const shown = await call('visitor', 'GET', `/api/v1/public/plans/${adopted.id}?locale=en`);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers.etag).toBeTruthy();
    expect(shown.json().activities.map((a: { id: number; title: string; progress: string }) => [a.id, a.title, a.progress])).toEqual([[accepted.id, 'Accepted', 'on_time']]);
    expect(shown.json().activities[0]).toMatchObject({ institution: { id: education }, recommendation_ids: [recommendation] });
    expect((await call('visitor', 'GET', `/api/v1/public/plans/${adopted.id}/progress`)).json().total).toEqual({ not_started: 0, on_time: 1, late: 0, done: 0 });
    // A signed-in secretariat gets the same public answer, never the proposals the workspace shows.
    expect((await call('secretariat', 'GET', `/api/v1/public/plans/${adopted.id}`)).json().activities.map((a: { id: number }) => a.id)).toEqual([accepted.id]);

    const planned = (await call('visitor', 'GET', `/api/v1/public/recommendations/${recommendation}/planned-activities?locale=en`)).json().items;
    expect(planned.map((a: { id: number; plan: { id: number; status: string } }) => [a.id, a.plan.id, a.plan.status])).toEqual([[accepted.id, adopted.id, 'adopted']]);
    expect((await call('visitor', 'GET', '/api/v1/public/recommendations/999999999/planned-activities')).statusCode).toBe(404);

    // Open data: the adopted plan's accepted activity, never the draft's or the proposal.
    const dataset = await call('visitor', 'GET', '/api/v1/open-data/planned_activities.csv');
    expect(dataset.statusCode).toBe(200);
    const ids = dataset.body.replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((line) => Number(line.split(',')[0]));
    expect(ids).toContain(accepted.id);
    expect(ids).not.toContain(proposal.id);
    expect((await db.pool.query(`select a.id from plan_activity a where a.plan_id = $1`, [draft.id])).rows.map((r) => Number(r.id)).some((id) => ids.includes(id))).toBe(false);

    // The public answer changes when the plan does: its validator (ETag) moves.
    const etag = shown.headers.etag as string;
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/plans/${adopted.id}?locale=en`, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    await call('secretariat', 'PATCH', `/api/v1/plan-activities/${accepted.id}`, { version: 1, end_date: '2098-12-31', revision_reason: 'Plazo' });
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/plans/${adopted.id}?locale=en`, headers: { 'if-none-match': etag } })).statusCode).toBe(200);
  });
});

describe('reports', () => {
  it('a report says, per recommendation, which activities of adopted plans answer it and where they stand; drafts and proposals never', async () => {
    const draft = await newPlan();
    const adopted = await newPlan();
    const recommendation = recommendations[3];
    await call('secretariat', 'POST', `/api/v1/plans/${draft.id}/activities`, { institution_id: education, title: { en: 'From the draft plan' }, original_language: 'en', recommendation_ids: [recommendation] });
    const planned = await call('secretariat', 'POST', `/api/v1/plans/${adopted.id}/activities`, {
      institution_id: education, title: { es: 'Formación docente', en: 'Teacher training' }, original_language: 'es', recommendation_ids: [recommendation],
      start_date: '2025-02-01', end_date: '2099-12-31',
    });
    expect(planned.statusCode, planned.body).toBe(201);
    await call('secretariat', 'POST', `/api/v1/plans/${adopted.id}/status`, { version: 1, status: 'adopted', adopted_on: '2025-01-15' });
    const proposal = (await call('focal', 'POST', `/api/v1/plans/${adopted.id}/proposals`, { institution_id: education, title: { en: 'A proposal' }, original_language: 'en', recommendation_ids: [recommendation] })).json();
    await call('focal', 'POST', `/api/v1/plan-activities/${proposal.id}/submit`, { version: 1 });

    const report = await call('secretariat', 'POST', '/api/v1/reports?locale=en', {
      template: 'upr_midterm', title: 'Mid-term report', language: 'en', grouping: 'paragraph', recommendation_ids: [recommendation, recommendations[2]],
    });
    expect(report.statusCode, report.body).toBe(201);
    const section = report.json().sections.find((s: { key: string }) => s.key === `rec:${recommendation}`);
    expect(section.text).toContain('Planned activities:\n- Teacher training (Ministry of Education, February 1, 2025 – December 31, 2099), UPR cycle 4 follow-up plan: on time');
    expect(section.text).not.toContain('From the draft plan');
    expect(section.text).not.toContain('A proposal');

    // In the report's language.
    const spanish = (await call('secretariat', 'POST', '/api/v1/reports?locale=es', {
      template: 'upr_midterm', title: 'Informe de medio término', language: 'es', grouping: 'paragraph', recommendation_ids: [recommendation],
    })).json();
    expect(spanish.sections[0].text).toContain('Actividades planificadas:\n- Formación docente (Ministry of Education, 1 de febrero de 2025 – 31 de diciembre de 2099), Plan de seguimiento del EPU, ciclo 4: en plazo');
  });
});
