/**
 * The second factor (TOTP) through HTTP on the test database: turning it on,
 * signing in with it, recovery codes, replay, throttling, and the
 * administrator's requirement for the secretariat and administrators. Codes
 * are computed here from the secret and the app clock; nothing sleeps.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { readConfig } from '../../platform/config';
import { totpCode } from '../../platform/auth/totp';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase } from '../../test/database';
import { createPerson, resetPeople, TEST_PASSWORD } from '../../test/people';

const MINUTE = 60_000;
let clock = Date.now();
const now = () => new Date(clock);
let db: Database;
let app: FastifyInstance;
let strict: FastifyInstance;

beforeAll(async () => {
  db = await connectTestDatabase();
  const env = { PUBLIC_URL: 'http://nmirf.test', MAIL_POLL_SECONDS: '3600' };
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', auth: { config: readConfig(env), now } });
  strict = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', auth: { config: readConfig({ ...env, SECOND_FACTOR_REQUIRED: 'on' }), now } });
});
afterAll(async () => {
  await db.pool.query('delete from instance_settings'); // instance configuration shared with the other test files
  await app.close(); await strict.close(); await db.close();
});
beforeEach(async () => {
  await resetPeople(db);
  await db.pool.query('truncate recovery_code, sign_in_challenge; delete from instance_settings');
  clock = Date.UTC(2026, 11, 7, 10, 0, 5); // early in a 30-second step
});

interface Session { token: string; csrf: string }
const cookieOf = (response: LightMyRequestResponse, name: string) => response.cookies.find((c) => c.name === name)?.value;

function password(email: string, target = app, locale = 'en') {
  return target.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD }, headers: { 'accept-language': locale } });
}

async function signedIn(email: string, target = app): Promise<Session> {
  const response = await password(email, target);
  expect(response.statusCode, response.body).toBe(200);
  return { token: cookieOf(response, 'nmirf_session')!, csrf: response.json().csrf_token };
}

function as(session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, target = app) {
  return target.inject({ method, url, payload, cookies: { nmirf_session: session.token }, headers: { 'x-csrf-token': session.csrf, 'accept-language': 'es' } });
}

function secondFactor(challenge: string | undefined, code: string, target = app) {
  return target.inject({
    method: 'POST', url: '/api/v1/auth/second-factor', payload: { code },
    cookies: challenge ? { nmirf_challenge: challenge } : {}, headers: { 'accept-language': 'fr' },
  });
}

/** Turns the second factor on for a signed-in person; answers the secret and the recovery codes. */
async function turnOn(session: Session, target = app): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await as(session, 'POST', '/api/v1/account/second-factor/setup', undefined, target);
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json();
  const confirmed = await as(session, 'POST', '/api/v1/account/second-factor/confirm', { code: totpCode(secret, now()) }, target);
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return { secret, recoveryCodes: confirmed.json().recovery_codes };
}

const count = async (sql: string) => (await db.pool.query(sql)).rows[0].n as number;

describe('turning the second factor on', () => {
  it('shows the secret as otpauth URI and text, turns it on with a right code and shows ten recovery codes once, kept hashed', async () => {
    const id = await createPerson(db, 'ana@example.org');
    const session = await signedIn('ana@example.org');
    const setup = await as(session, 'POST', '/api/v1/account/second-factor/setup');
    const { secret, otpauth_uri: uri } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Open%20NMIRF:ana%40example\.org\?/);
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    expect((await as(session, 'GET', '/api/v1/auth/me')).json().second_factor).toEqual({ enabled: false, setup_required: false });

    const wrong = await as(session, 'POST', '/api/v1/account/second-factor/confirm', { code: '000000' === totpCode(secret, now()) ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toContain('El código no es correcto');
    expect(await count(`select count(*)::int as n from app_user where totp_secret is not null`)).toBe(0);

    const confirmed = await as(session, 'POST', '/api/v1/account/second-factor/confirm', { code: totpCode(secret, now()) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const codes: string[] = confirmed.json().recovery_codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const { rows } = await db.pool.query('select code_hash from recovery_code where user_id = $1', [id]);
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(row.code_hash).toMatch(/^\$argon2id\$/);
      for (const code of codes) expect(row.code_hash).not.toContain(code);
    }
    expect((await as(session, 'GET', '/api/v1/auth/me')).json().second_factor).toEqual({ enabled: true, setup_required: false });
    expect((await as(session, 'GET', '/api/v1/account/second-factor')).json()).toEqual({ enabled: true, required: false, recovery_codes_left: 10 });
    expect(await count(`select count(*)::int as n from audit_log where action = 'second_factor_enabled' and entity_id = '${id}'`)).toBe(1);
    // Once on, a new setup is refused (turning it off is not a side door).
    expect((await as(session, 'POST', '/api/v1/account/second-factor/setup')).statusCode).toBe(409);
  });

  it('needs a signed-in person', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/account/second-factor/setup' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/account/second-factor' })).statusCode).toBe(401);
  });
});

describe('signing in with the second factor', () => {
  it('asks for the code after the password and opens the session only with a right one, each code once', async () => {
    await createPerson(db, 'ana@example.org');
    const { secret } = await turnOn(await signedIn('ana@example.org'));
    await db.pool.query('delete from user_session');
    clock += 30_000; // the code used to turn it on is spent: the next step

    const first = await password('ana@example.org');
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toEqual({ second_factor_required: true });
    expect(cookieOf(first, 'nmirf_session')).toBeUndefined();
    const challenge = cookieOf(first, 'nmirf_challenge');
    expect(challenge).toBeTruthy();
    expect(await count('select count(*)::int as n from user_session')).toBe(0);

    const wrong = await secondFactor(challenge, String((Number(totpCode(secret, now())) + 1) % 1_000_000).padStart(6, '0'));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toContain('Le code est incorrect');
    expect(await count('select count(*)::int as n from user_session')).toBe(0);
    expect((await secondFactor(undefined, totpCode(secret, now()))).statusCode).toBe(401);

    const code = totpCode(secret, now());
    const right = await secondFactor(challenge, code);
    expect(right.statusCode, right.body).toBe(200);
    const session = { token: cookieOf(right, 'nmirf_session')!, csrf: right.json().csrf_token };
    expect((await as(session, 'GET', '/api/v1/auth/me')).json().user.email).toBe('ana@example.org');
    const { rows: [login] } = await db.pool.query(`select after from audit_log where action = 'login' order by id desc limit 1`);
    expect(login.after).toMatchObject({ method: 'password', second_factor: 'totp' });

    // The same code again, in a new sign-in within the same 30 seconds: refused.
    const again = await password('ana@example.org');
    expect((await secondFactor(cookieOf(again, 'nmirf_challenge'), code)).statusCode).toBe(401);
    // The previous step's code is refused too once a later one was used; the next step's code works.
    clock += 30_000;
    expect((await secondFactor(cookieOf(again, 'nmirf_challenge'), totpCode(secret, now()))).statusCode).toBe(200);
    // A used challenge does not open a second session.
    expect((await secondFactor(challenge, totpCode(secret, new Date(clock + 30_000)))).statusCode).toBe(401);
  });

  it('accepts each recovery code once', async () => {
    await createPerson(db, 'ana@example.org');
    const { recoveryCodes } = await turnOn(await signedIn('ana@example.org'));
    const first = await secondFactor(cookieOf(await password('ana@example.org'), 'nmirf_challenge'), recoveryCodes[3].toUpperCase());
    expect(first.statusCode, first.body).toBe(200);
    const { rows: [login] } = await db.pool.query(`select after from audit_log where action = 'login' order by id desc limit 1`);
    expect(login.after).toMatchObject({ second_factor: 'recovery_code' });
    const second = await secondFactor(cookieOf(await password('ana@example.org'), 'nmirf_challenge'), recoveryCodes[3]);
    expect(second.statusCode).toBe(401);
    expect(await count('select count(*)::int as n from recovery_code where used_at is null')).toBe(9);
  });

  it('throttles wrong codes like wrong passwords, and a sign-in waiting for its code expires', async () => {
    await createPerson(db, 'ana@example.org');
    const { secret } = await turnOn(await signedIn('ana@example.org'));
    await db.pool.query('delete from user_session');
    clock += 30_000;
    const challenge = cookieOf(await password('ana@example.org'), 'nmirf_challenge');
    const bad = String((Number(totpCode(secret, now())) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 4; i++) expect((await secondFactor(challenge, bad)).statusCode).toBe(401);
    const locking = await secondFactor(challenge, bad);
    expect(locking.statusCode).toBe(401);
    const locked = await secondFactor(challenge, totpCode(secret, now()));
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();
    expect(await count('select count(*)::int as n from user_session')).toBe(0);
    expect(await count(`select count(*)::int as n from audit_log where action = 'second_factor_failed'`)).toBe(5);

    clock += 16 * MINUTE; // the lock (15 min) and the challenge (10 min) are over
    const expired = await secondFactor(challenge, totpCode(secret, now()));
    expect(expired.statusCode).toBe(401);
    expect(expired.json().message).toContain('Cette connexion a expiré');
    const fresh = cookieOf(await password('ana@example.org'), 'nmirf_challenge');
    expect((await secondFactor(fresh, totpCode(secret, now()))).statusCode).toBe(200);
  });
});

describe('a second factor required for the secretariat and administrators', () => {
  it('lets a secretariat member without one do nothing but set it up; a focal point is not concerned', async () => {
    await createPerson(db, 'secretariat@example.org', 'secretariat');
    const session = await signedIn('secretariat@example.org', strict);
    const me = await as(session, 'GET', '/api/v1/auth/me', undefined, strict);
    expect(me.statusCode).toBe(200);
    expect(me.json().second_factor).toEqual({ enabled: false, setup_required: true });
    const blocked = await as(session, 'GET', '/api/v1/admin/outbox', undefined, strict);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ error: 'second_factor_setup_required' });
    expect(blocked.json().message).toContain('Esta instancia exige un segundo factor');
    expect((await as(session, 'GET', '/api/v1/account/second-factor', undefined, strict)).json()).toMatchObject({ enabled: false, required: true });

    await turnOn(session, strict);
    const me2 = await as(session, 'GET', '/api/v1/auth/me', undefined, strict);
    expect(me2.json().second_factor).toEqual({ enabled: true, setup_required: false });
    expect((await as(session, 'GET', '/api/v1/users/1', undefined, strict)).statusCode).not.toBe(403);

    const institution = (await db.pool.query(`insert into institution (name, branch) values ('{"en":"Ministry"}', 'executive') returning id`)).rows[0].id;
    await createPerson(db, 'focal@example.org', 'focal_point', institution);
    const focal = await signedIn('focal@example.org', strict);
    expect((await as(focal, 'GET', '/api/v1/auth/me', undefined, strict)).json().second_factor.setup_required).toBe(false);
  });
});

describe('the requirement as a setting of the instance', () => {
  /** The secretariat's own work (the people it manages): 200 when nothing stops it. */
  const work = (session: Session, target: FastifyInstance) => as(session, 'GET', '/api/v1/users', undefined, target);
  async function require(admin: Session, required: boolean) {
    const { version, name, description, primary_colour, state_iso3, time_zone, interface_languages, default_language, content_languages, terminology,
      open_data_licence, network_publish, network_hub_url } = (await as(admin, 'GET', '/api/v1/admin/settings')).json();
    return as(admin, 'PUT', '/api/v1/admin/settings', { version, name, description, primary_colour, state_iso3, time_zone, interface_languages,
      default_language, content_languages, terminology, open_data_licence, second_factor_required: required, network_publish, network_hub_url });
  }

  it('SECOND_FACTOR_REQUIRED is only its default: what an administrator saves holds on every server at the next request', async () => {
    await createPerson(db, 'admin@example.org', 'administrator');
    await createPerson(db, 'secretariat@example.org', 'secretariat');
    const admin = await signedIn('admin@example.org');
    await turnOn(admin);
    const secretariat = await signedIn('secretariat@example.org');
    // Nothing saved: each server goes by its environment (`strict` has SECOND_FACTOR_REQUIRED=on).
    expect((await work(secretariat, app)).statusCode).toBe(200);
    expect((await work(secretariat, strict)).statusCode).toBe(403);
    expect((await as(admin, 'GET', '/api/v1/admin/settings')).json().second_factor_required).toBe(false);
    expect((await as(admin, 'GET', '/api/v1/admin/settings', undefined, strict)).json().second_factor_required).toBe(true);

    // Required through the server whose environment says nothing: both servers refuse the secretariat from the next request.
    const on = await require(admin, true);
    expect(on.statusCode, on.body).toBe(200);
    for (const target of [app, strict]) {
      const blocked = await work(secretariat, target);
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error).toBe('second_factor_setup_required');
    }
    expect((await as(secretariat, 'GET', '/api/v1/account/second-factor')).json()).toMatchObject({ required: true });

    // Not required, saved: the environment's `on` no longer holds either.
    expect((await require(admin, false)).statusCode).toBe(200);
    for (const target of [app, strict]) expect((await work(secretariat, target)).statusCode).toBe(200);
    expect((await as(secretariat, 'GET', '/api/v1/account/second-factor', undefined, strict)).json()).toMatchObject({ required: false });
    expect((await password('secretariat@example.org', strict)).json().second_factor.setup_required).toBe(false);

    // Settings saved before the setting existed (no value): the environment's default again.
    await db.pool.query('update instance_settings set second_factor_required = null');
    expect((await work(secretariat, app)).statusCode).toBe(200);
    expect((await work(secretariat, strict)).statusCode).toBe(403);
    expect((await password('secretariat@example.org', strict)).json().second_factor.setup_required).toBe(true);

    // Once set up, the requirement asks nothing more of them.
    expect((await require(admin, true)).statusCode).toBe(200);
    await turnOn(secretariat, strict);
    for (const target of [app, strict]) expect((await work(secretariat, target)).statusCode).toBe(200);
  });
});
