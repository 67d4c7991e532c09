import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database';
import { testApp } from '../../test/app';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';

let db: Database;
let app: FastifyInstance;
let secretariat: Session;

let close: () => Promise<void>;

beforeAll(async () => {
  ({ app, db, close } = await testApp());
});
afterAll(async () => close());
beforeEach(async () => {
  await resetPeople(db);
  await createPerson(db, 'secretariat@example.org', 'secretariat');
  secretariat = await signIn(app, 'secretariat@example.org');
});

const patch = (id: number, payload: object, session = secretariat, locale = 'en') =>
  app.inject({ method: 'PATCH', url: `/api/v1/institutions/${id}?locale=${locale}`, payload, headers: as(session) });

describe('institutions', () => {
  it('creates an institution with its audit row, and lists it by name in the visitor\'s language', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/institutions', headers: as(secretariat),
      payload: { name: { es: 'Ministerio de Educación y Ciencias', en: 'Ministry of Education and Sciences' }, acronym: 'MEC', branch: 'executive', type: 'ministry' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ acronym: 'MEC', branch: 'executive', version: 1 });
    const { rows } = await db.pool.query(`select actor, action, entity, after from audit_log where entity = 'institution'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].after.acronym).toBe('MEC');
    const list = await app.inject({ method: 'GET', url: '/api/v1/institutions?locale=es' });
    expect(list.json().items.map((i: { name: string }) => i.name)).toEqual(['Ministerio de Educación y Ciencias']);
  });

  it('refuses invalid input with a message in the caller\'s language and writes nothing', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/institutions?locale=es', headers: as(secretariat),
      payload: { name: {}, branch: 'royal' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^Parámetro no válido/);
    expect((await db.pool.query('select count(*) from institution')).rows[0].count).toBe(0);
  });

  it('keeps the hierarchy acyclic', async () => {
    const ministry = await createInstitution(db, 'Ministry');
    const directorate = (await app.inject({ method: 'POST', url: '/api/v1/institutions', headers: as(secretariat),
      payload: { name: { en: 'Directorate' }, branch: 'executive', parent_id: ministry } })).json();
    const cycle = await patch(ministry, { version: 1, parent_id: directorate.id }, secretariat, 'fr');
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().message).toMatch(/ne peut pas être rattachée à elle-même/);
    expect((await patch(ministry, { version: 1, parent_id: ministry })).statusCode).toBe(400);
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/institutions', headers: as(secretariat),
      payload: { name: { en: 'Orphan' }, branch: 'executive', parent_id: 99_999 } });
    expect(unknown.statusCode).toBe(400);
  });

  it('answers a stale save with 409 and the current version, never overwriting', async () => {
    const id = await createInstitution(db, 'Ministry');
    expect((await patch(id, { version: 1, acronym: 'FIRST' })).statusCode).toBe(200);
    const stale = await patch(id, { version: 1, acronym: 'SECOND' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'conflict', current_version: 2 });
    const { rows } = await db.pool.query('select acronym, version from institution where id = $1', [id]);
    expect(rows[0]).toEqual({ acronym: 'FIRST', version: 2 });
  });

  it('50 concurrent saves with the same version: exactly one succeeds, 49 get 409, nothing lost', async () => {
    const id = await createInstitution(db, 'Ministry');
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => patch(id, { version: 1, acronym: `V${i}` })));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = responses.find((r) => r.statusCode === 200)!.json();
    const { rows } = await db.pool.query('select acronym, version from institution where id = $1', [id]);
    expect(rows[0]).toEqual({ acronym: winner.acronym, version: 2 });
    const audit = await db.pool.query(`select after from audit_log where entity = 'institution' and action = 'update'`);
    expect(audit.rows.map((r) => r.after.acronym)).toEqual([winner.acronym]);
  });
});

describe('members', () => {
  it('gives and takes roles; a focal point sees only their own institution\'s members', async () => {
    const education = await createInstitution(db, 'Education');
    const health = await createInstitution(db, 'Health');
    await createPerson(db, 'focal.education@example.org', 'focal_point', education);
    const nurse = await createPerson(db, 'focal.health@example.org', 'focal_point', health);
    const focal = await signIn(app, 'focal.education@example.org');

    const added = await app.inject({ method: 'POST', url: `/api/v1/institutions/${education}/members`, headers: as(secretariat),
      payload: { user_id: nurse, role: 'validator' } });
    expect(added.statusCode, added.body).toBe(201);
    const again = await app.inject({ method: 'POST', url: `/api/v1/institutions/${education}/members`, headers: as(secretariat),
      payload: { user_id: nurse, role: 'validator' } });
    expect(again.statusCode).toBe(409);

    const own = await app.inject({ method: 'GET', url: `/api/v1/institutions/${education}/members`, headers: as(focal) });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((m: { email: string; role: string }) => `${m.role}:${m.email}`).sort())
      .toEqual(['focal_point:focal.education@example.org', 'validator:focal.health@example.org']);
    const foreign = await app.inject({ method: 'GET', url: `/api/v1/institutions/${health}/members`, headers: as(focal) });
    expect(foreign.statusCode).toBe(403);

    const removed = await app.inject({ method: 'DELETE', url: `/api/v1/institutions/${education}/members/${added.json().id}`, headers: as(secretariat) });
    expect(removed.statusCode).toBe(204);
    const wrongInstitution = await app.inject({ method: 'DELETE', url: `/api/v1/institutions/${health}/members/${added.json().id}`, headers: as(secretariat) });
    expect(wrongInstitution.statusCode).toBe(404);
  });
});
