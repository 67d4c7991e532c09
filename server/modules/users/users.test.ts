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

const invite = (payload: object, locale = 'en') =>
  app.inject({ method: 'POST', url: `/api/v1/users?locale=${locale}`, payload, headers: as(secretariat) });

describe('inviting a person', () => {
  it('creates the account, emails a one-time link in their language, and the link sets the password', async () => {
    const response = await invite({ email: 'Nueva.Persona@Example.org', display_name: 'Nueva Persona', locale: 'es' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ email: 'nueva.persona@example.org', password_set: false, active: true, memberships: [] });

    const { rows: [mail] } = await db.pool.query(`select to_address, subject, body_text from mail_outbox`);
    expect(mail).toMatchObject({ to_address: 'nueva.persona@example.org', subject: 'Su cuenta en Open NMIRF' });
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail.body_text)![1]);
    expect(mail.body_text).toContain('/es/reset-password?token=');

    const noLogin = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nueva.persona@example.org', password: 'whatever it is now' } });
    expect(noLogin.statusCode).toBe(401);
    const set = await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'una contraseña bien larga' } });
    expect(set.statusCode, set.body).toBe(204);
    const session = await signIn(app, 'nueva.persona@example.org', 'una contraseña bien larga');
    const own = await app.inject({ method: 'GET', url: `/api/v1/users/${response.json().id}`, headers: as(session) });
    expect(own.json()).toMatchObject({ password_set: true });

    const { rows } = await db.pool.query(`select actor from audit_log where entity = 'user' and action = 'create' and entity_id = $1`, [String(response.json().id)]);
    expect(rows).toEqual([{ actor: expect.stringMatching(/^user:\d+$/) }]);
  });

  it('invites a person given no language in the instance\'s default language, English before any settings', async () => {
    const before = await invite({ email: 'sin.idioma@example.org', display_name: 'Sin Idioma' });
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json()).toMatchObject({ locale: 'en' });
    await db.pool.query(`insert into instance_settings (version, name, description, primary_colour, state_iso3, time_zone,
      interface_languages, default_language, content_languages, terminology, open_data_licence, updated_by)
      values (1, '{"fr":"Instance"}', '{}', '#1a4f8b', 'PRY', 'UTC', '["fr","es"]', 'fr', '["fr"]', '{}', '{"name":"CC BY 4.0","url":""}', 'test')`);
    try {
      const after = await invite({ email: 'sans.langue@example.org', display_name: 'Sans Langue' });
      expect(after.json()).toMatchObject({ locale: 'fr' });
      const { rows: [mail] } = await db.pool.query(`select body_text from mail_outbox where to_address = 'sans.langue@example.org'`);
      expect(mail.body_text).toContain('/fr/reset-password?token=');
    } finally {
      await db.pool.query('delete from instance_settings');
    }
  });

  it('refuses a taken email or bad input with a message in the caller\'s language, writing nothing', async () => {
    await invite({ email: 'ana@example.org', display_name: 'Ana' });
    const counts = async () => (await db.pool.query(`select (select count(*) from app_user) u, (select count(*) from mail_outbox) m, (select count(*) from password_token) t`)).rows[0];
    const before = await counts();
    const taken = await invite({ email: 'ANA@example.org', display_name: 'Ana bis' }, 'fr');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message.length).toBeGreaterThan(10);
    for (const payload of [{ email: 'not-an-email', display_name: 'X Y' }, { email: 'b@example.org', display_name: '' }, { email: 'c@example.org', display_name: 'C', locale: 'de' }]) {
      const response = await invite(payload, 'pt');
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().message).toMatch(/^Parâmetro inválido/);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('reading an account', () => {
  it('shows people their own account and roles; other accounts are not confirmed to exist', async () => {
    const institution = await createInstitution(db, 'Ministry');
    const focalId = await createPerson(db, 'focal@example.org', 'focal_point', institution);
    const otherId = await createPerson(db, 'other@example.org');
    const focal = await signIn(app, 'focal@example.org');
    const own = await app.inject({ method: 'GET', url: `/api/v1/users/${focalId}`, headers: as(focal) });
    expect(own.json().memberships).toEqual([{ role: 'focal_point', institution_id: institution }]);
    expect((await app.inject({ method: 'GET', url: `/api/v1/users/${otherId}`, headers: as(focal) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/users/${otherId}`, headers: as(secretariat) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/users/999999', headers: as(secretariat) })).statusCode).toBe(404);
  });
});
