import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_FILE } from '../../db/seeds/demo';
import type { Database } from '../../platform/db/database';
import { testApp } from '../../test/app';
import { resetCatalogue } from '../../test/database';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';

let db: Database;
let app: FastifyInstance;
let secretariat: Session;
let focal: Session;
let education: number;
let health: number;

let close: () => Promise<void>;

beforeAll(async () => {
  ({ app, db, close } = await testApp());
});
afterAll(async () => close());
beforeEach(async () => {
  await resetCatalogue(db);
  await resetPeople(db);
  await importRecommendations(db.pool, fs.readFileSync(DEMO_FILE), { fileName: 'demo.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  education = await createInstitution(db, 'Ministry of Education');
  health = await createInstitution(db, 'Ministry of Health');
  await createPerson(db, 'secretariat@example.org', 'secretariat');
  await createPerson(db, 'focal@example.org', 'focal_point', education);
  secretariat = await signIn(app, 'secretariat@example.org');
  focal = await signIn(app, 'focal@example.org');
});

const assign = (payload: object, session = secretariat, locale = 'en') =>
  app.inject({ method: 'POST', url: `/api/v1/assignments?locale=${locale}`, payload, headers: as(session) });
const ids = async (query: string) => {
  const response = await app.inject({ method: 'GET', url: `/api/v1/recommendations?${query}&page_size=100` });
  return response.json().items.map((i: { id: number }) => i.id) as number[];
};
const count = async (sql: string) => Number((await db.pool.query(sql)).rows[0].count);

describe('assigning recommendations', () => {
  it('assigns every recommendation that matches a search, with one audit row each, and is idempotent', async () => {
    const matching = await ids('q=educacion&lang=es');
    const first = await assign({ institution_id: education, responsibility: 'lead', search: { q: 'educacion', lang: 'es' }, due_date: '2099-06-30' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: matching.length, updated: 0, unchanged: 0 });
    expect(await count(`select count(*) from assignment where institution_id = ${education}`)).toBe(matching.length);
    expect(await count(`select count(*) from audit_log where entity = 'assignment' and action = 'create'`)).toBe(matching.length);

    const again = await assign({ institution_id: education, responsibility: 'lead', search: { q: 'educacion', lang: 'es' }, due_date: '2099-06-30' });
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: matching.length });
    const moved = await assign({ institution_id: education, responsibility: 'lead', recommendation_ids: [matching[0]], due_date: '2099-01-31' });
    expect(moved.json()).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await count(`select count(*) from audit_log where entity = 'assignment' and action = 'update'`)).toBe(1);
  });

  it('keeps one lead per recommendation: a second lead is refused and nothing is written', async () => {
    const [first, second] = await ids('mechanism=CRC');
    await assign({ institution_id: education, responsibility: 'lead', recommendation_ids: [first] });
    const before = await count('select count(*) from assignment');
    const conflict = await assign({ institution_id: health, responsibility: 'lead', recommendation_ids: [second, first] }, secretariat, 'es');
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().message).toMatch(/^Una de estas recomendaciones ya tiene otra institución responsable principal/);
    expect(await count('select count(*) from assignment')).toBe(before);
    const co = await assign({ institution_id: health, responsibility: 'co_responsible', recommendation_ids: [second, first] });
    expect(co.json()).toEqual({ created: 2, updated: 0, unchanged: 0 });
    await assign({ institution_id: education, responsibility: 'lead', recommendation_ids: [second] });
    const both = await assign({ institution_id: health, responsibility: 'lead', recommendation_ids: [first, second] }, secretariat, 'es');
    expect(both.statusCode).toBe(409);
    expect(both.json().message).toMatch(/^2 de estas recomendaciones ya tienen otra institución responsable principal/);
  });

  it('refuses bad requests with a clear message and writes nothing', async () => {
    const cases = [
      { institution_id: education, responsibility: 'lead' },
      { institution_id: education, responsibility: 'lead', recommendation_ids: [1], search: { q: 'x' } },
      { institution_id: education, responsibility: 'boss', recommendation_ids: [1] },
      { institution_id: education, responsibility: 'lead', recommendation_ids: [999_999] },
      { institution_id: 999, responsibility: 'lead', search: { mechanism: ['CRC'] } },
      { institution_id: education, responsibility: 'lead', search: { q: 'zzzqqqxxx' } },
      { institution_id: education, responsibility: 'lead', recommendation_ids: [1], due_date: '31/12/2030' },
    ];
    const auditBefore = await count('select count(*) from audit_log');
    for (const payload of cases) {
      const response = await assign(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().message.length).toBeGreaterThan(10);
    }
    expect(await count('select count(*) from assignment')).toBe(0);
    expect(await count('select count(*) from audit_log')).toBe(auditBefore);
  });
});

describe("an institution's queue", () => {
  it('lists what the institution owes, soonest due first, with what is overdue; other institutions see nothing', async () => {
    const [a, b, c] = await ids('mechanism=UPR&country=PRY');
    await assign({ institution_id: education, responsibility: 'lead', recommendation_ids: [a], due_date: '2099-12-31' });
    await assign({ institution_id: education, responsibility: 'co_responsible', recommendation_ids: [b], due_date: '2020-01-31' });
    await assign({ institution_id: education, responsibility: 'lead', recommendation_ids: [c] });
    await assign({ institution_id: health, responsibility: 'co_responsible', recommendation_ids: [a] });

    const response = await app.inject({ method: 'GET', url: `/api/v1/institutions/${education}/assignments?locale=es`, headers: as(focal) });
    expect(response.statusCode, response.body).toBe(200);
    const queue = response.json();
    expect(queue).toMatchObject({ total: 3, overdue: 1 });
    expect(queue.items.map((i: { recommendation: { id: number } }) => i.recommendation.id)).toEqual([b, a, c]);
    expect(queue.items[0]).toMatchObject({ overdue: true, due_date: '2020-01-31', responsibility: 'co_responsible' });
    expect(queue.items[0].recommendation.mechanism.label).toBe('Examen Periódico Universal');

    const foreign = await app.inject({ method: 'GET', url: `/api/v1/institutions/${health}/assignments`, headers: as(focal) });
    expect(foreign.statusCode).toBe(403);
  });
});
