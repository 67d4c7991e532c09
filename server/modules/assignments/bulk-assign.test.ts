/**
 * Assigning many recommendations to several institutions at once, and the
 * preview that says beforehand how many would be new: it writes nothing, and
 * the assignment that follows does what it said.
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
let secretariat: Session;
let ids: number[];
let education: number;
let health: number;

beforeAll(async () => {
  ({ app, db, close } = await testApp());
  await resetCatalogue(db);
  await importRecommendations(db.pool, Buffer.from([
    'mechanism,country,language,date,paragraph,symbol,text',
    'UPR,PRY,es,2021-03-01,1,A/HRC/48/9,Garantizar la educación inclusiva',
    'UPR,PRY,es,2021-03-01,2,A/HRC/48/9,Fortalecer la formación docente',
    'UPR,PRY,es,2021-03-01,3,A/HRC/48/9,Ampliar la salud rural',
    'CRC,PRY,es,2022-10-07,4,CRC/C/PRY/CO/6,Registrar todos los nacimientos',
  ].join('\n')), { fileName: 'four.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  ids = (await db.pool.query('select id from recommendation order by paragraph')).rows.map((r) => Number(r.id));
}, 60_000);
afterAll(async () => close());
beforeEach(async () => {
  await resetPeople(db);
  await createPerson(db, 'secretariat@example.org', 'secretariat');
  secretariat = await signIn(app, 'secretariat@example.org');
  education = await createInstitution(db, 'Ministry of Education');
  health = await createInstitution(db, 'Ministry of Health');
});

const post = (url: string, payload: object, locale = 'en') =>
  app.inject({ method: 'POST', url: `${url}?locale=${locale}`, payload, headers: as(secretariat) });
const counts = async () => (await db.pool.query(`select (select count(*)::int from assignment) a, (select count(*)::int from audit_log) l`)).rows[0];

describe('previewing and assigning to several institutions', () => {
  it('says per institution how many are new, changed or unchanged, writing nothing; the assignment then does that', async () => {
    await post('/api/v1/assignments', { institution_id: education, responsibility: 'lead', recommendation_ids: [ids[0]] });
    await post('/api/v1/assignments', { institution_id: health, responsibility: 'co_responsible', recommendation_ids: [ids[1]] });
    const before = await counts();
    const search = { mechanism: ['UPR'] };
    const preview = await post('/api/v1/assignments/preview', { institution_ids: [education, health], responsibility: 'co_responsible', search });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({
      recommendations: 3,
      institutions: [
        { institution_id: education, new: 2, changed: 1, unchanged: 0, lead_taken: 0 },
        { institution_id: health, new: 2, changed: 0, unchanged: 1, lead_taken: 0 },
      ],
    });
    expect(await counts()).toEqual(before);

    const assigned = await post('/api/v1/assignments', { institution_ids: [education, health], responsibility: 'co_responsible', search });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toEqual({ created: 4, updated: 1, unchanged: 1 });
    const rows = (await db.pool.query('select recommendation_id, institution_id, responsibility from assignment order by recommendation_id, institution_id')).rows;
    expect(rows.filter((r) => r.institution_id === education).map((r) => r.responsibility)).toEqual(['co_responsible', 'co_responsible', 'co_responsible']);
    expect(rows.filter((r) => r.institution_id === health)).toHaveLength(3);
    expect(rows.some((r) => Number(r.recommendation_id) === ids[3])).toBe(false);
  });

  it('counts, as lead, the recommendations another institution leads', async () => {
    await post('/api/v1/assignments', { institution_id: health, responsibility: 'lead', recommendation_ids: [ids[2]] });
    const preview = await post('/api/v1/assignments/preview', { institution_id: education, responsibility: 'lead', recommendation_ids: ids });
    expect(preview.json().institutions).toEqual([{ institution_id: education, new: 4, changed: 0, unchanged: 0, lead_taken: 1 }]);
  });

  it('is all or nothing across institutions, and refuses what cannot be done with a message', async () => {
    await db.pool.query('update institution set active = false where id = $1', [health]);
    const before = await counts();
    const retired = await post('/api/v1/assignments', { institution_ids: [education, health], responsibility: 'co_responsible', recommendation_ids: ids }, 'es');
    expect(retired.statusCode).toBe(400);
    expect(retired.json().message).toMatch(/dada de baja/);
    expect(await counts()).toEqual(before);
    const previewRetired = await post('/api/v1/assignments/preview', { institution_ids: [health], responsibility: 'co_responsible', recommendation_ids: ids });
    expect(previewRetired.statusCode).toBe(400);

    const leads = await post('/api/v1/assignments/preview', { institution_ids: [education, health], responsibility: 'lead', recommendation_ids: ids }, 'fr');
    expect(leads.statusCode).toBe(400);
    expect(leads.json().message).toMatch(/coresponsables/);
    const both = await post('/api/v1/assignments', { institution_id: education, institution_ids: [education], responsibility: 'co_responsible', recommendation_ids: ids });
    expect(both.statusCode).toBe(400);
    const none = await post('/api/v1/assignments/preview', { responsibility: 'co_responsible', recommendation_ids: ids });
    expect(none.statusCode).toBe(400);
    expect(await counts()).toEqual(before);

    await createPerson(db, 'focal@example.org', 'focal_point', education);
    const focalSession = await signIn(app, 'focal@example.org');
    const refused = await app.inject({ method: 'POST', url: '/api/v1/assignments/preview', payload: { institution_ids: [education], responsibility: 'co_responsible', recommendation_ids: ids }, headers: as(focalSession) });
    expect(refused.statusCode).toBe(403);
  });
});
