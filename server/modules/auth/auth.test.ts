/**
 * Signing in and out, sessions, CSRF, login throttling, password resets and
 * the outbox, through HTTP on the test database. The clock is ours: nothing
 * sleeps. Every refused request is checked to leave the database as it was.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { MembershipRole } from '../../db/schema/people';
import { PERMISSIONS, type Role } from '../../../shared/permissions';
import { readConfig, type Config } from '../../platform/config';
import { inTransaction, type Database } from '../../platform/db/database';
import { notifyMailQueued } from '../../platform/mail/mailer';
import { connectTestDatabase } from '../../test/database';
import { resetPeople, TEST_PASSWORD } from '../../test/people';
import { mailText, startSmtpReceiver } from '../../test/smtp';
import { createUser } from './use-cases/create-user';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let clock = Date.now();
const now = () => new Date(clock);
const advance = (ms: number) => { clock += ms; };

const baseEnv = { PUBLIC_URL: 'http://nmirf.test', MAIL_POLL_SECONDS: '3600' };
let db: Database;
let app: FastifyInstance;

async function appWith(config: Config): Promise<FastifyInstance> {
  return buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', auth: { config, now } });
}

beforeAll(async () => {
  db = await connectTestDatabase();
  app = await appWith(readConfig(baseEnv));
});
afterAll(async () => { await app.close(); await db.close(); });
beforeEach(async () => {
  await resetPeople(db);
  clock = Date.now();
});


const PASSWORD = TEST_PASSWORD;

async function createPerson(email: string, options: { password?: string; roles?: MembershipRole[]; locale?: string } = {}): Promise<number> {
  return inTransaction(db.pool, async (tx) => {
    const { id } = await createUser(tx, { email, displayName: `Person ${email}`, locale: options.locale ?? 'en', password: options.password ?? PASSWORD });
    for (const role of options.roles ?? []) {
      let institutionId: number | null = null;
      if (!['secretariat', 'administrator'].includes(role)) {
        ({ rows: [{ id: institutionId }] } = await tx.query(
          `insert into institution (name, branch) values ('{"en": "Ministry of Justice"}', 'executive') returning id`,
        ));
      }
      await tx.query('insert into membership (user_id, institution_id, role) values ($1, $2, $3)', [id, institutionId, role]);
    }
    return id;
  });
}

function signIn(email: string, password = PASSWORD, remoteAddress = '127.0.0.1', target = app) {
  return target.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });
}

interface Session { token: string; csrf: string }

async function signedIn(email: string, password = PASSWORD, target = app): Promise<Session> {
  const response = await signIn(email, password, '127.0.0.1', target);
  expect(response.statusCode, response.body).toBe(200);
  return { token: sessionCookie(response)!.value, csrf: response.json().csrf_token };
}

function sessionCookie(response: LightMyRequestResponse) {
  return response.cookies.find((c) => c.name === 'nmirf_session');
}

function me(session: Session | null, target = app) {
  return target.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: session ? { nmirf_session: session.token } : {} });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Everything the auth module may write, to show a refused request wrote nothing. */
async function snapshot() {
  const tables = ['app_user', 'user_session', 'login_throttle', 'password_token', 'mail_outbox', 'membership', 'audit_log'];
  const result: Record<string, unknown[]> = {};
  for (const table of tables) result[table] = (await db.pool.query(`select * from ${table} order by 1`)).rows;
  return result;
}

async function count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
  return (await db.pool.query(`select count(*)::int as n from ${table} where ${where}`, params)).rows[0].n;
}

async function auditActions(): Promise<string[]> {
  return (await db.pool.query('select action from audit_log order by id')).rows.map((r) => r.action);
}

describe('sign-in', () => {
  it('opens a session: HttpOnly SameSite=Lax cookie, only the token hash stored, audit row', async () => {
    const id = await createPerson('ana@example.org', { roles: ['focal_point'] });
    const response = await signIn('  Ana@Example.org ');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      user: {
        id, email: 'ana@example.org', display_name: 'Person ana@example.org', locale: 'en',
        memberships: [{ role: 'focal_point', institution_id: expect.any(Number) }],
      },
      second_factor: { enabled: false, setup_required: false },
      csrf_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      capabilities: expect.any(Array),
    });
    const cookie = sessionCookie(response)!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 7 * 24 * 3600 });
    expect(cookie.secure).toBeFalsy(); // tests run over http; see the https case below
    expect(String(response.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(response.headers['set-cookie'])).toMatch(/SameSite=Lax/);

    const { rows } = await db.pool.query('select * from user_session');
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(sha256(cookie.value));
    expect(JSON.stringify(rows)).not.toContain(cookie.value);
    expect(rows[0]).toMatchObject({ user_id: id, csrf_token: body.csrf_token, ip_address: '127.0.0.1' });
    expect(rows[0].expires_at.getTime() - rows[0].created_at.getTime()).toBe(8 * HOUR);
    expect(await auditActions()).toEqual(['create', 'login']);
  });

  it('answers wrong password and unknown email alike, in the caller\'s language, and records both', async () => {
    await createPerson('ana@example.org');
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'es' }, payload: { email: 'ana@example.org', password: 'not the password' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'es' }, payload: { email: 'nobody@example.org', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'login_failed', message: 'La dirección de correo o la contraseña no son correctas.' });
    expect(unknown.json()).toEqual(wrong.json());
    expect(sessionCookie(wrong)).toBeUndefined();
    expect(await count('user_session')).toBe(0);
    const { rows } = await db.pool.query("select actor, entity_id, after from audit_log where action = 'login_failed' order by id");
    expect(rows).toEqual([
      { actor: 'anonymous', entity_id: '1', after: { email: 'ana@example.org', ip_address: '127.0.0.1' } },
      { actor: 'anonymous', entity_id: null, after: { email: 'nobody@example.org', ip_address: '127.0.0.1' } },
    ]);
  });

  it('refuses an inactive account, and ends its open sessions', async () => {
    const id = await createPerson('ana@example.org');
    const session = await signedIn('ana@example.org');
    await db.pool.query('update app_user set active = false where id = $1', [id]);
    expect((await me(session)).statusCode).toBe(401);
    expect((await signIn('ana@example.org')).statusCode).toBe(401);
  });

  it('refuses a malformed request with a localized 400 and writes nothing', async () => {
    await createPerson('ana@example.org');
    const before = await snapshot();
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'fr' }, payload: { email: 'ana@example.org' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^Paramètre non valide password/);
    expect(await snapshot()).toEqual(before);
  });

  it('marks the cookie Secure when the instance is served over https', async () => {
    const secureApp = await appWith(readConfig({ ...baseEnv, PUBLIC_URL: 'https://nmirf.example.gov' }));
    try {
      await createPerson('ana@example.org');
      const response = await signIn('ana@example.org', PASSWORD, '127.0.0.1', secureApp);
      expect(sessionCookie(response)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    } finally {
      await secureApp.close();
    }
  });
});

describe('session', () => {
  it('`me` answers the person with the cookie, 401 (localized) without it', async () => {
    await createPerson('ana@example.org', { roles: ['secretariat'] });
    const session = await signedIn('ana@example.org');
    const response = await me(session);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { email: 'ana@example.org', memberships: [{ role: 'secretariat', institution_id: null }] }, csrf_token: session.csrf });
    const visitor = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'accept-language': 'pt-BR' } });
    expect(visitor.statusCode).toBe(401);
    expect(visitor.json()).toEqual({ error: 'unauthorized', message: 'Entre na sua conta para fazer isto.' });
    const forged = await me({ token: 'x'.repeat(43), csrf: '' });
    expect(forged.statusCode).toBe(401);
  });

  it('logout deletes the session and clears the cookie', async () => {
    await createPerson('ana@example.org');
    const session = await signedIn('ana@example.org');
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { nmirf_session: session.token }, headers: { 'x-csrf-token': session.csrf } });
    expect(response.statusCode).toBe(204);
    const cleared = sessionCookie(response)!;
    expect(cleared.value).toBe('');
    expect(cleared.expires!.getTime()).toBeLessThan(Date.now());
    expect(await count('user_session')).toBe(0);
    expect((await me(session)).statusCode).toBe(401);
    expect(await auditActions()).toEqual(['create', 'login', 'logout']);
  });

  it('a new sign-in from a browser that had a session replaces that session', async () => {
    await createPerson('ana@example.org');
    const first = await signedIn('ana@example.org');
    const second = await app.inject({
      method: 'POST', url: '/api/v1/auth/login', cookies: { nmirf_session: first.token }, headers: { 'x-csrf-token': first.csrf },
      payload: { email: 'ana@example.org', password: PASSWORD },
    });
    expect(second.statusCode).toBe(200);
    expect((await db.pool.query('select token_hash from user_session')).rows).toEqual([{ token_hash: sha256(sessionCookie(second)!.value) }]);
  });

  it('signing in again while holding a session rotates it: new cookie and CSRF token, the old session id stops working', async () => {
    await createPerson('ana@example.org');
    await createPerson('bea@example.org');
    // The same person again, as a client that keeps its cookies but not the token (the password is the proof).
    for (const [email, headers] of [['ana@example.org', {}], ['ana@example.org', { 'x-csrf-token': 'stale' }], ['bea@example.org', {}]] as const) {
      const old = await signedIn('ana@example.org');
      const again = await app.inject({
        method: 'POST', url: '/api/v1/auth/login', cookies: { nmirf_session: old.token }, headers,
        payload: { email, password: PASSWORD },
      });
      expect(again.statusCode, again.body).toBe(200);
      const renewed = { token: sessionCookie(again)!.value, csrf: again.json().csrf_token };
      expect(renewed.token).not.toBe(old.token);
      expect(renewed.csrf).not.toBe(old.csrf);
      expect((await me(old)).statusCode).toBe(401);
      expect(await count('user_session', 'token_hash = $1', [sha256(old.token)])).toBe(0);
      const now = await me(renewed);
      expect(now.statusCode).toBe(200);
      expect(now.json()).toMatchObject({ user: { email }, csrf_token: renewed.csrf });
      // The old token opens nothing, not even with its own CSRF token.
      const write = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { nmirf_session: old.token }, headers: { 'x-csrf-token': old.csrf } });
      expect(write.statusCode).toBe(204);
      expect((await me(renewed)).statusCode).toBe(200);
    }
    // A wrong password changes nothing: the session in hand stays.
    const held = await signedIn('ana@example.org');
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/login', cookies: { nmirf_session: held.token }, payload: { email: 'ana@example.org', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect((await me(held)).statusCode).toBe(200);
  });

  it('ends after 8 idle hours', async () => {
    await createPerson('ana@example.org');
    const session = await signedIn('ana@example.org');
    advance(8 * HOUR - MINUTE);
    expect((await me(session)).statusCode).toBe(200);
    advance(8 * HOUR + MINUTE);
    expect((await me(session)).statusCode).toBe(401);
  });

  it('slides with use, but not beyond 7 days after sign-in', async () => {
    await createPerson('ana@example.org');
    const session = await signedIn('ana@example.org');
    const started = clock;
    while (clock + 7 * HOUR < started + 7 * 24 * HOUR) {
      advance(7 * HOUR);
      expect((await me(session)).statusCode, `after ${(clock - started) / HOUR} h`).toBe(200);
    }
    clock = started + 7 * 24 * HOUR - MINUTE;
    expect((await me(session)).statusCode).toBe(200);
    advance(2 * MINUTE);
    expect((await me(session)).statusCode).toBe(401);
  });

  it('writes last_seen_at at most once a minute', async () => {
    await createPerson('ana@example.org');
    const session = await signedIn('ana@example.org');
    const lastSeen = async () => (await db.pool.query('select last_seen_at from user_session')).rows[0].last_seen_at.getTime();
    const signedInAt = await lastSeen();
    advance(59_000);
    await me(session);
    expect(await lastSeen()).toBe(signedInAt);
    advance(2_000);
    await me(session);
    expect(await lastSeen()).toBe(clock);
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the token or with a wrong one, and changes nothing', async () => {
    await createPerson('ana@example.org');
    const session = await signedIn('ana@example.org');
    advance(5 * MINUTE); // a request that got through would also move last_seen_at
    const before = await snapshot();
    for (const headers of [{}, { 'x-csrf-token': 'wrong' }, { 'x-csrf-token': session.csrf.slice(0, -1) }, { 'x-csrf-token': '' }]) {
      const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { nmirf_session: session.token }, headers: { 'accept-language': 'fr', ...headers } });
      expect(logout.statusCode).toBe(403);
      expect(logout.json()).toEqual({ error: 'csrf_failed', message: "Cette requête n'a pas pu être vérifiée ; rechargez la page et réessayez." });
      const reset = await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', cookies: { nmirf_session: session.token }, headers, payload: { email: 'ana@example.org' } });
      expect(reset.statusCode).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
    // Reads need no token; the right token lets the write through.
    expect((await me(session)).statusCode).toBe(200);
    const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { nmirf_session: session.token }, headers: { 'x-csrf-token': session.csrf } });
    expect(logout.statusCode).toBe(204);
  });

  it('asks nothing of visitors (no session cookie, or a dead one)', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { nmirf_session: 'expired-or-forged' } });
    expect(response.statusCode).toBe(204);
  });
});

describe('login throttling', () => {
  it('locks an account after 5 failures: the right password then gets 429 until the lock ends', async () => {
    await createPerson('ana@example.org');
    for (let i = 0; i < 5; i += 1) {
      expect((await signIn('ana@example.org', `wrong password ${i}`, `10.0.0.${i + 1}`)).statusCode).toBe(401);
    }
    const before = await snapshot();
    const locked = await app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.0.0.99', headers: { 'accept-language': 'es' }, payload: { email: 'ana@example.org', password: PASSWORD } });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe('900');
    expect(locked.json()).toEqual({ error: 'too_many_requests', message: expect.stringContaining('dentro de 15 minutos') });
    expect(sessionCookie(locked)).toBeUndefined();
    expect(await snapshot()).toEqual(before);

    advance(14 * MINUTE);
    const later = await signIn('ana@example.org', PASSWORD, '10.0.0.99');
    expect(later.statusCode).toBe(429);
    expect(later.headers['retry-after']).toBe('60');
    advance(MINUTE);
    expect((await signIn('ana@example.org', PASSWORD, '10.0.0.99')).statusCode).toBe(200);
    expect(await count('login_throttle', "key = 'account:ana@example.org'")).toBe(0); // success clears the account
  });

  it('locks an address after 20 failures across different accounts; other addresses still sign in', async () => {
    await createPerson('ana@example.org');
    for (let i = 0; i < 20; i += 1) {
      expect((await signIn(`guess${i}@example.org`, 'some guessed password', '203.0.113.7')).statusCode).toBe(401);
    }
    const before = await snapshot();
    const locked = await signIn('ana@example.org', PASSWORD, '203.0.113.7');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBe(900);
    expect(await snapshot()).toEqual(before);
    expect((await signIn('ana@example.org', PASSWORD, '198.51.100.2')).statusCode).toBe(200);
    advance(15 * MINUTE);
    expect((await signIn('ana@example.org', PASSWORD, '203.0.113.7')).statusCode).toBe(200);
  });

  it('fails closed: when the throttle table cannot be read, nobody signs in (503)', async () => {
    await createPerson('ana@example.org');
    const before = await snapshot();
    await db.pool.query('alter table login_throttle rename to login_throttle_unavailable');
    try {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'pt' }, payload: { email: 'ana@example.org', password: PASSWORD } });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ error: 'service_unavailable', message: 'A entrada está temporariamente indisponível. Tente novamente dentro de alguns minutos.' });
      expect(sessionCookie(response)).toBeUndefined();
    } finally {
      await db.pool.query('alter table login_throttle_unavailable rename to login_throttle');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('fails closed: when the throttle cannot be updated, the right password is refused and nothing is written', async () => {
    await createPerson('ana@example.org');
    const before = await snapshot();
    await db.pool.query(`create function test_refuse_throttle() returns trigger language plpgsql as $$
      begin raise exception 'throttle storage refused the write'; end $$`);
    await db.pool.query(`create trigger test_refuse_throttle before insert or update or delete on login_throttle
      for each statement execute function test_refuse_throttle()`);
    try {
      const right = await signIn('ana@example.org');
      expect(right.statusCode).toBe(503);
      expect(sessionCookie(right)).toBeUndefined();
      expect((await signIn('ana@example.org', 'wrong password!')).statusCode).toBe(503);
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: 'ana@example.org' } })).statusCode).toBe(503);
    } finally {
      await db.pool.query('drop trigger test_refuse_throttle on login_throttle');
      await db.pool.query('drop function test_refuse_throttle()');
    }
    expect(await snapshot()).toEqual(before);
    expect((await signIn('ana@example.org')).statusCode).toBe(200);
  });
});

/** The first truthy result of `probe`, polled until it comes (for work that finishes after an event we saw). */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('password reset through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let mailApp: FastifyInstance;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    mailApp = await appWith(readConfig({ ...baseEnv, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_FROM: 'NMIRF <nmirf@example.org>' }));
  });
  afterAll(async () => { await mailApp.close(); await smtp.close(); });

  it('mails a single-use link in the person\'s language; the new password works, the old one and old sessions do not', async () => {
    const id = await createPerson('marie@example.org', { locale: 'fr' });
    const oldSession = await signedIn('marie@example.org', PASSWORD, mailApp);

    const arrival = smtp.next();
    const request = await mailApp.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: 'MARIE@example.org' } });
    expect(request.statusCode).toBe(202);
    const mail = await arrival;
    expect(mail.to).toEqual(['marie@example.org']);
    expect(mail.raw).toMatch(/^From: NMIRF <nmirf@example\.org>/m);
    const text = mailText(mail.raw);
    expect(text).toContain('Bonjour Person marie@example.org');
    const link = text.match(/http:\/\/nmirf\.test\/fr\/reset-password\?token=([A-Za-z0-9_-]+)/);
    expect(link, text).not.toBeNull();
    const token = link![1];
    const { rows: [stored] } = await db.pool.query('select token_hash, purpose, expires_at - created_at as lifetime from password_token');
    expect(stored).toMatchObject({ token_hash: sha256(token), purpose: 'reset', lifetime: expect.objectContaining({ hours: 1 }) });
    // The SMTP server has the message before the deliverer commits: wait for the commit.
    const sent = await eventually(async () => (await db.pool.query('select sent_at, attempts, last_error from mail_outbox where sent_at is not null')).rows[0]);
    expect(sent).toMatchObject({ attempts: 1, last_error: null, sent_at: expect.any(Date) });

    // A password that breaks the rules is refused and spends nothing.
    const before = await snapshot();
    const tooShort = await mailApp.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', headers: { 'accept-language': 'fr' }, payload: { token, password: 'court' } });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().message).toBe('Le mot de passe doit comporter au moins 12 caractères.');
    const isEmail = await mailApp.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'Marie@Example.org' } });
    expect(isEmail.json().message).toBe('The password must not be your email address.');
    expect(await snapshot()).toEqual(before);

    const confirm = await mailApp.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'un tout nouveau mot de passe' } });
    expect(confirm.statusCode).toBe(204);
    expect((await me(oldSession, mailApp)).statusCode).toBe(401);
    expect(await count('user_session')).toBe(0);
    expect((await signIn('marie@example.org', PASSWORD, '127.0.0.1', mailApp)).statusCode).toBe(401);
    expect((await signIn('marie@example.org', 'un tout nouveau mot de passe', '127.0.0.1', mailApp)).statusCode).toBe(200);

    const again = await mailApp.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', headers: { 'accept-language': 'es' }, payload: { token, password: 'yet another new password' } });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual({ error: 'bad_request', message: expect.stringMatching(/^Este enlace para restablecer la contraseña no es válido/) });
    const { rows: audit } = await db.pool.query('select action, actor, entity_id from audit_log where action like $1 order by id', ['password_reset%']);
    expect(audit).toEqual([
      { action: 'password_reset_requested', actor: 'anonymous', entity_id: String(id) },
      { action: 'password_reset', actor: `user:${id}`, entity_id: String(id) },
    ]);
    expect(smtp.received).toHaveLength(1);
  });

  it('answers 202 for an unknown or inactive address and sends nothing', async () => {
    const id = await createPerson('gone@example.org');
    await db.pool.query('update app_user set active = false where id = $1', [id]);
    const sentBefore = smtp.received.length;
    for (const email of ['nobody@example.org', 'gone@example.org']) {
      const response = await mailApp.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
      expect(response.statusCode).toBe(202);
      expect(response.json()).toEqual({ status: 'accepted' });
    }
    notifyMailQueued();
    expect(await count('mail_outbox')).toBe(0);
    expect(await count('password_token')).toBe(0);
    expect(await auditActions()).toEqual(['create']);
    expect(smtp.received.length).toBe(sentBefore);
  });
});

describe('password reset tokens and limits', () => {
  async function requestToken(email: string): Promise<string> {
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } })).statusCode).toBe(202);
    const { rows: [mail] } = await db.pool.query('select body_text from mail_outbox order by id desc limit 1');
    return /token=([A-Za-z0-9_-]+)/.exec(mail.body_text)![1];
  }

  it('refuses an expired token, and a made-up one, with 400 and no change', async () => {
    await createPerson('ana@example.org');
    const token = await requestToken('ana@example.org');
    advance(61 * MINUTE);
    const before = await snapshot();
    for (const candidate of [token, 'made-up-token']) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token: candidate, password: 'a brand new password' } });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/^This password reset link is not valid/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a newer link makes the older ones useless once a password is set; a reset also lifts a sign-in lock', async () => {
    await createPerson('ana@example.org');
    for (let i = 0; i < 5; i += 1) await signIn('ana@example.org', 'wrong password!!');
    expect((await signIn('ana@example.org')).statusCode).toBe(429);
    const first = await requestToken('ana@example.org');
    const second = await requestToken('ana@example.org');
    const confirm = (token: string) => app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'a brand new password' } });
    expect((await confirm(second)).statusCode).toBe(204);
    expect((await confirm(first)).statusCode).toBe(400);
    expect((await signIn('ana@example.org', 'a brand new password')).statusCode).toBe(200);
  });

  it('refuses what is not an email address with a clear 400 in the reader\'s language, writing nothing; unknown well-formed addresses keep the same 202', async () => {
    await createPerson('ana@example.org');
    const before = await snapshot();
    const expected = {
      es: 'Parámetro no válido: la dirección de correo debe tener la forma nombre@ejemplo.org.',
      en: 'Invalid parameter: the email address must look like name@example.org.',
      fr: 'Paramètre non valide : l’adresse électronique doit avoir la forme nom@exemple.org.',
      pt: 'Parâmetro inválido: o endereço de e-mail deve ter a forma nome@exemplo.org.',
    };
    for (const [locale, text] of Object.entries(expected)) {
      for (const email of ['no-es-un-correo', 'ana@', '@example.org', 'ana example@example.org', 'ana@exa mple.org']) {
        const response = await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', headers: { 'accept-language': locale }, payload: { email } });
        expect(response.statusCode, email).toBe(400);
        expect(response.json()).toEqual({ error: 'bad_request', message: text });
      }
    }
    expect(await snapshot()).toEqual(before);
    for (const email of ['nadie@example.org', ' Nadie@Example.ORG ', 'josé@ejemplo.com.py', 'ana@intranet']) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
      expect(response.statusCode, email).toBe(202);
      expect(response.json()).toEqual({ status: 'accepted' });
    }
    expect(await count('mail_outbox')).toBe(0);
  });

  it('limits requests per address (429) and emails per account (silently)', async () => {
    await createPerson('ana@example.org');
    for (let i = 0; i < 10; i += 1) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', remoteAddress: '192.0.2.10', payload: { email: 'ana@example.org' } });
      expect(response.statusCode).toBe(202);
    }
    expect(await count('mail_outbox')).toBe(3); // the account's share; the other requests got the same 202
    const before = await snapshot();
    const refused = await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', remoteAddress: '192.0.2.10', headers: { 'accept-language': 'en' }, payload: { email: 'other@example.org' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    expect(refused.json().message).toBe('Too many password reset requests from this connection. Try again in 15 minutes.');
    expect(await snapshot()).toEqual(before);
    advance(15 * MINUTE);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', remoteAddress: '192.0.2.10', payload: { email: 'ana@example.org' } })).statusCode).toBe(202);
    expect(await count('mail_outbox')).toBe(4);
  });
});

describe('outbox without SMTP settings', () => {
  it('keeps the mail for an administrator to read; a focal point gets 403, a visitor 401', async () => {
    await createPerson('admin@example.org', { roles: ['administrator'] });
    await createPerson('focal@example.org', { roles: ['focal_point'] });
    await createPerson('ana@example.org', { locale: 'es' });
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: 'ana@example.org' } })).statusCode).toBe(202);
    notifyMailQueued();

    const admin = await signedIn('admin@example.org');
    const response = await app.inject({ method: 'GET', url: '/api/v1/admin/outbox', cookies: { nmirf_session: admin.token } });
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items).toEqual([{
      id: 1, to: 'ana@example.org', subject: 'Restablezca su contraseña de Open NMIRF',
      text: expect.stringMatching(/^Hola, Person ana@example\.org:[\s\S]*http:\/\/nmirf\.test\/es\/reset-password\?token=[A-Za-z0-9_-]{43}\n/),
      created_at: expect.any(String), sent_at: null, attempts: 0, last_error: null,
    }]);

    const focal = await signedIn('focal@example.org');
    const before = await snapshot();
    const forbidden = await app.inject({ method: 'GET', url: '/api/v1/admin/outbox', cookies: { nmirf_session: focal.token }, headers: { 'accept-language': 'es' } });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toEqual({ error: 'forbidden', message: 'No tiene permiso para hacer esto.' });
    const visitor = await app.inject({ method: 'GET', url: '/api/v1/admin/outbox' });
    expect(visitor.statusCode).toBe(401);
    expect(visitor.json().error).toBe('unauthorized');
    expect(await snapshot()).toEqual(before);
  });
});

describe('what the signed-in person may do', () => {
  /** The capabilities a person should get, worked out from the table directly (not through the policy code). */
  function expected(roles: { role: Role; institutionId?: number }[], organisationIds: number[] = []) {
    const held: Role[] = ['authenticated', ...roles.map((r) => r.role), ...(organisationIds.length ? ['organisation_member' as const] : [])];
    const out: object[] = [];
    for (const [permission, cells] of Object.entries(PERMISSIONS) as [string, Partial<Record<Role, string>>][]) {
      const scopes = held.map((role) => cells[role]).filter(Boolean);
      if (scopes.includes('any')) { out.push({ permission, scope: 'any' }); continue; }
      if (scopes.includes('own_institution')) {
        const ids = [...new Set(roles.filter((r) => cells[r.role] === 'own_institution').map((r) => r.institutionId))].sort((a, b) => a! - b!);
        out.push({ permission, scope: 'own_institution', institution_ids: ids });
      }
      if (scopes.includes('own_organisation')) {
        out.push({ permission, scope: 'own_organisation', organisation_ids: organisationIds });
      }
      if (scopes.includes('self')) out.push({ permission, scope: 'self' });
    }
    return out;
  }

  it('GET /auth/me and the sign-in answer list the permissions of the person\'s roles, where they hold, and nothing else', async () => {
    await createPerson('focal@example.org', { roles: ['focal_point', 'validator'] });
    const focal = await signedIn('focal@example.org');
    const body = (await me(focal)).json();
    const [a, b] = body.user.memberships as { role: Role; institution_id: number }[];
    const capabilities = expected([{ role: a.role, institutionId: a.institution_id }, { role: b.role, institutionId: b.institution_id }]);
    expect(body.capabilities).toEqual(capabilities);
    expect(body.capabilities).toContainEqual({ permission: 'action:create', scope: 'own_institution', institution_ids: [body.user.memberships.find((m: { role: string }) => m.role === 'focal_point').institution_id] });
    expect(body.capabilities.map((c: { permission: string }) => c.permission)).not.toContain('action:publish');
    expect((await signIn('focal@example.org')).json().capabilities).toEqual(capabilities);

    await createPerson('sec@example.org', { roles: ['secretariat'] });
    const secretariat = (await me(await signedIn('sec@example.org'))).json();
    expect(secretariat.capabilities).toEqual(expected([{ role: 'secretariat' }]));
    expect(secretariat.capabilities).toContainEqual({ permission: 'round:manage', scope: 'any' });
    expect(secretariat.capabilities).toContainEqual({ permission: 'user:read', scope: 'any' });

    await createPerson('nobody@example.org');
    const nobody = (await me(await signedIn('nobody@example.org'))).json();
    expect(nobody.capabilities).toEqual(expected([]));
    expect(nobody.capabilities).toContainEqual({ permission: 'user:read', scope: 'self' });
  });
});

describe('API description', () => {
  it('documents every auth route, each declaring its access', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const [path, method] of [
      ['/api/v1/auth/login', 'post'], ['/api/v1/auth/logout', 'post'], ['/api/v1/auth/me', 'get'],
      ['/api/v1/auth/password-reset', 'post'], ['/api/v1/auth/password-reset/confirm', 'post'], ['/api/v1/admin/outbox', 'get'],
      ['/api/v1/auth/methods', 'get'], ['/api/v1/auth/oidc/start', 'get'], ['/api/v1/auth/oidc/callback', 'get'],
      ['/api/v1/auth/second-factor', 'post'], ['/api/v1/account/second-factor', 'get'],
      ['/api/v1/account/second-factor/setup', 'post'], ['/api/v1/account/second-factor/confirm', 'post'],
    ]) {
      expect(spec.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(spec.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
    const access = Object.fromEntries(app.routeAccess.filter((r) => /\/(auth|admin)\//.test(r.url)).map((r) => [`${r.method} ${r.url}`, r.access]));
    expect(access).toEqual({
      'POST /api/v1/auth/login': 'public', 'POST /api/v1/auth/logout': 'public', 'GET /api/v1/auth/me': 'public',
      'POST /api/v1/auth/password-reset': 'public', 'POST /api/v1/auth/password-reset/confirm': 'public',
      'GET /api/v1/admin/outbox': 'outbox:read', 'GET /api/v1/admin/backups': 'backup:read',
      'GET /api/v1/admin/settings': 'settings:manage', 'PUT /api/v1/admin/settings': 'settings:manage',
      'PUT /api/v1/admin/settings/logo': 'settings:manage', 'DELETE /api/v1/admin/settings/logo': 'settings:manage',
      'GET /api/v1/admin/vocabularies/:vocabulary': 'vocabulary:manage', 'POST /api/v1/admin/vocabularies/:vocabulary': 'vocabulary:manage',
      'PUT /api/v1/admin/vocabularies/:vocabulary/:id': 'vocabulary:manage', 'POST /api/v1/admin/vocabularies/:vocabulary/:id/retire': 'vocabulary:manage',
      'GET /api/v1/admin/mechanisms': 'vocabulary:manage', 'POST /api/v1/admin/mechanisms': 'vocabulary:manage',
      'PUT /api/v1/admin/mechanisms/:id': 'vocabulary:manage', 'POST /api/v1/admin/mechanisms/:id/retire': 'vocabulary:manage',
      'GET /api/v1/auth/methods': 'public', 'GET /api/v1/auth/oidc/start': 'public', 'GET /api/v1/auth/oidc/callback': 'public',
      'POST /api/v1/auth/second-factor': 'public',
    });
  });
});
