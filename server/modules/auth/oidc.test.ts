/**
 * Single sign-on against a real OpenID provider (`oidc-provider`) started here
 * on a random loopback port, driven over HTTP as a browser would: the app's
 * start route, the provider's sign-in and consent forms, the callback. Each
 * refused answer is a page in the reader's language, with no session and no
 * account created: only an audit row.
 */
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { readConfig } from '../../platform/config';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase } from '../../test/database';
import { createOrganisation, createPerson, joinOrganisation, resetPeople, TEST_PASSWORD } from '../../test/people';
import { newTotpSecret, totpCode } from '../../platform/auth/totp';
import { OIDC_CALLBACK_PATH } from './oidc';

const PUBLIC_URL = 'http://nmirf.test';
const CLIENT = { client_id: 'open-nmirf', client_secret: 'a client secret long enough for the test' };
const ID_TOKEN_SECONDS = 60;

/** The provider's people: `sub` → claims. */
const ACCOUNTS: Record<string, { email: string; email_verified: boolean }> = {
  'focal-point': { email: 'Focal.Point@example.org', email_verified: true },
  unverified: { email: 'focal.point@example.org', email_verified: false },
  stranger: { email: 'stranger@example.org', email_verified: true },
};

let clock = Date.now();
const now = () => new Date(clock);
let db: Database;
let app: FastifyInstance;
let provider: http.Server;
let issuer: string;

beforeAll(async () => {
  provider = http.createServer();
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const oidc = new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [`${PUBLIC_URL}${OIDC_CALLBACK_PATH}`], token_endpoint_auth_method: 'client_secret_post' }],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] as never },
    cookies: { keys: ['cookie key of the test provider'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    ttl: { IdToken: ID_TOKEN_SECONDS },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: unknown, sub: string) {
      const account = ACCOUNTS[sub];
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
  });
  provider.on('request', oidc.callback());

  db = await connectTestDatabase();
  const config = readConfig({
    PUBLIC_URL, MAIL_POLL_SECONDS: '3600',
    OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT.client_id, OIDC_CLIENT_SECRET: CLIENT.client_secret, OIDC_BUTTON_LABEL: 'Identidad Digital',
    PASSWORD_SIGN_IN: 'off',
  });
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', auth: { config, now } });
});
afterAll(async () => {
  await app.close();
  await db.close();
  provider.closeAllConnections();
  await new Promise((resolve) => provider.close(resolve));
});
beforeEach(async () => {
  await resetPeople(db);
  await db.pool.query('truncate oidc_request');
  clock = Date.now();
});

/** A browser at the provider: its own cookies, redirects followed by hand. */
class ProviderBrowser {
  private cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (/expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name); else this.cookies.set(name, value);
    }
    return response;
  }

  /** Signs in as `sub` and consents, until the provider sends the browser back to the app: answers that address. */
  async signIn(authorizationUrl: string, sub: string): Promise<URL> {
    let url = authorizationUrl;
    for (let step = 0; step < 12; step++) {
      if (url.startsWith(PUBLIC_URL)) return new URL(url);
      const response = await this.request(url);
      if (response.status === 200) {
        const page = await response.text();
        const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
        if (!prompt) throw new Error(`unexpected page at the provider: ${page.slice(0, 300)}`);
        const posted = await this.request(url, { method: 'POST', form: prompt === 'login' ? { prompt, login: sub, password: 'any' } : { prompt } });
        url = new URL(posted.headers.get('location')!, url).href;
      } else if (response.status >= 300 && response.status < 400) {
        url = new URL(response.headers.get('location')!, url).href;
      } else {
        throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
      }
    }
    throw new Error('too many steps at the provider');
  }
}

/** The app's start route: the provider's address and the state cookie. */
async function start(locale = 'fr'): Promise<{ authorizationUrl: string; stateCookie: string }> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/auth/oidc/start?locale=${locale}` });
  expect(response.statusCode, response.body).toBe(302);
  const cookie = response.cookies.find((c) => c.name === 'nmirf_oidc')!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.path).toBe(OIDC_CALLBACK_PATH);
  return { authorizationUrl: String(response.headers.location), stateCookie: cookie.value };
}

function callback(url: URL, stateCookie: string | null): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'GET', url: `${url.pathname}${url.search}`,
    cookies: stateCookie ? { nmirf_oidc: stateCookie } : {},
    headers: { 'accept-language': 'pt' },
  });
}

const sessionCookie = (response: LightMyRequestResponse) => response.cookies.find((c) => c.name === 'nmirf_session');

async function counts() {
  const { rows: [row] } = await db.pool.query<{ users: number; sessions: number; audit: number; logins: number }>(
    `select (select count(*)::int from app_user) as users, (select count(*)::int from user_session) as sessions,
            (select count(*)::int from audit_log) as audit, (select count(*)::int from audit_log where action = 'login') as logins`);
  return row;
}

/** Refused with a page in `language` holding `text`; no session, no account, one more audit row (login_failed). */
async function expectRefused(call: () => Promise<LightMyRequestResponse>, status: number, text: string, language = 'fr') {
  const before = await counts();
  const response = await call();
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^text\/html/);
  expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
  expect(response.body).toContain(`<html lang="${language}" dir="ltr">`);
  expect(response.body).toContain(text);
  expect(sessionCookie(response)).toBeUndefined();
  const after = await counts();
  expect(after).toEqual({ ...before, audit: before.audit + 1 });
  const { rows: [audit] } = await db.pool.query(`select action, actor, after from audit_log order by id desc limit 1`);
  expect(audit).toMatchObject({ action: 'login_failed', actor: 'anonymous', after: { method: 'oidc' } });
}

describe('single sign-on', () => {
  it('signs in a person the instance invited, matched on the verified email, with the roles of this instance', async () => {
    const institution = (await db.pool.query(`insert into institution (name, branch) values ('{"en":"Ministry"}', 'executive') returning id`)).rows[0].id;
    const userId = await createPerson(db, 'focal.point@example.org', 'focal_point', institution);
    const { authorizationUrl, stateCookie } = await start('es');
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('state')).toBe(stateCookie);
    expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}${OIDC_CALLBACK_PATH}`);

    const back = await new ProviderBrowser().signIn(authorizationUrl, 'focal-point');
    const response = await callback(back, stateCookie);
    expect(response.statusCode, response.body).toBe(302);
    expect(response.headers.location).toBe(`${PUBLIC_URL}/es/workspace`);
    const token = sessionCookie(response)!.value;
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { nmirf_session: token } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ id: userId, email: 'focal.point@example.org', memberships: [{ role: 'focal_point', institution_id: institution }] });
    const { rows } = await db.pool.query(`select actor, after from audit_log where action = 'login'`);
    expect(rows).toEqual([{ actor: `user:${userId}`, after: { ip_address: '127.0.0.1', method: 'oidc' } }]);
    expect((await db.pool.query('select count(*)::int as n from oidc_request')).rows[0].n).toBe(0);
  });

  it('refuses an answer whose state is not the one this browser started with', async () => {
    await createPerson(db, 'focal.point@example.org');
    const { authorizationUrl, stateCookie } = await start();
    const back = await new ProviderBrowser().signIn(authorizationUrl, 'focal-point');
    const forged = new URL(back);
    forged.searchParams.set('state', 'another-state-than-the-cookie');
    await expectRefused(() => callback(forged, stateCookie), 400, 'Esta entrada não foi iniciada neste navegador', 'pt');
    // Another browser's answer (login CSRF): its state is not in this browser's cookie.
    const other = await start();
    await expectRefused(() => callback(back, other.stateCookie), 400, 'Esta entrada não foi iniciada neste navegador', 'pt');
    await expectRefused(() => callback(back, null), 400, 'Esta entrada não foi iniciada neste navegador', 'pt');
  });

  it('refuses a replayed answer and a code used a second time', async () => {
    await createPerson(db, 'focal.point@example.org');
    const { authorizationUrl, stateCookie } = await start();
    const back = await new ProviderBrowser().signIn(authorizationUrl, 'focal-point');
    expect((await callback(back, stateCookie)).statusCode).toBe(302);
    await db.pool.query('delete from user_session');
    // The same answer again: its sign-in was used (and with it the language it was started in: the browser's is used).
    await expectRefused(() => callback(back, stateCookie), 400, 'Esta entrada expirou ou já foi utilizada', 'pt');
    // The used code inside a new sign-in of this browser: the provider refuses the code.
    const second = await start();
    const replay = new URL(back);
    replay.searchParams.set('state', second.stateCookie);
    await expectRefused(() => callback(replay, second.stateCookie), 400, 'La réponse du fournisseur d’identité n’a pas pu être acceptée');
  });

  it('refuses an ID token whose nonce is not the one of this sign-in', async () => {
    await createPerson(db, 'focal.point@example.org');
    const { authorizationUrl, stateCookie } = await start();
    const tampered = new URL(authorizationUrl);
    tampered.searchParams.set('nonce', 'a-nonce-chosen-by-someone-else');
    const back = await new ProviderBrowser().signIn(tampered.href, 'focal-point');
    await expectRefused(() => callback(back, stateCookie), 400, 'La réponse du fournisseur d’identité n’a pas pu être acceptée');
  });

  it('refuses an ID token that has expired by the app clock', async () => {
    await createPerson(db, 'focal.point@example.org');
    const { authorizationUrl, stateCookie } = await start();
    const back = await new ProviderBrowser().signIn(authorizationUrl, 'focal-point');
    clock += (ID_TOKEN_SECONDS + 5 * 60) * 1000; // past the token's life and the 30 s tolerance, within the 10 min of the sign-in
    await expectRefused(() => callback(back, stateCookie), 400, 'La réponse du fournisseur d’identité n’a pas pu être acceptée');
    const { rows: [audit] } = await db.pool.query(`select after from audit_log order by id desc limit 1`);
    expect(audit.after.error).toBe('OAUTH_JWT_TIMESTAMP_CHECK_FAILED');
  });

  it('refuses an email the provider did not verify, even when an account has it', async () => {
    await createPerson(db, 'focal.point@example.org');
    const { authorizationUrl, stateCookie } = await start('en');
    const back = await new ProviderBrowser().signIn(authorizationUrl, 'unverified');
    await expectRefused(() => callback(back, stateCookie), 403, 'The identity provider has not verified your email address', 'en');
  });

  it('refuses a verified email that no account of this instance has, and creates none', async () => {
    await createPerson(db, 'focal.point@example.org');
    const { authorizationUrl, stateCookie } = await start('es');
    const back = await new ProviderBrowser().signIn(authorizationUrl, 'stranger');
    await expectRefused(() => callback(back, stateCookie), 403, 'Ninguna cuenta activa de esta instancia tiene su dirección de correo', 'es');
    expect((await db.pool.query(`select count(*)::int as n from app_user where email = 'stranger@example.org'`)).rows[0].n).toBe(0);
  });

  it('refuses a deactivated account', async () => {
    const id = await createPerson(db, 'focal.point@example.org');
    await db.pool.query('update app_user set active = false where id = $1', [id]);
    const { authorizationUrl, stateCookie } = await start();
    const back = await new ProviderBrowser().signIn(authorizationUrl, 'focal-point');
    await expectRefused(() => callback(back, stateCookie), 403, 'Aucun compte actif de cette instance');
  });

  it('asks a person with a second factor for the code after single sign-on, before any session', async () => {
    const id = await createPerson(db, 'focal.point@example.org');
    const secret = newTotpSecret();
    await db.pool.query('update app_user set totp_secret = $2 where id = $1', [id, secret]);
    const { authorizationUrl, stateCookie } = await start('pt');
    const back = await new ProviderBrowser().signIn(authorizationUrl, 'focal-point');
    const response = await callback(back, stateCookie);
    expect(response.statusCode, response.body).toBe(302);
    expect(response.headers.location).toBe(`${PUBLIC_URL}/pt/sign-in?step=second-factor`);
    expect(sessionCookie(response)).toBeUndefined();
    expect((await counts()).sessions).toBe(0);
    const challenge = response.cookies.find((c) => c.name === 'nmirf_challenge')!.value;
    const done = await app.inject({ method: 'POST', url: '/api/v1/auth/second-factor', payload: { code: totpCode(secret, now()) }, cookies: { nmirf_challenge: challenge } });
    expect(done.statusCode, done.body).toBe(200);
    const { rows } = await db.pool.query(`select after from audit_log where action = 'login'`);
    expect(rows).toEqual([{ after: { ip_address: '127.0.0.1', method: 'oidc', second_factor: 'totp' } }]);
  });

  it('says which sign-in methods are on', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/auth/methods' });
    expect(response.json()).toEqual({ password: 'organisations', oidc: { label: 'Identidad Digital', start_url: '/api/v1/auth/oidc/start' } });
  });

  it('with PASSWORD_SIGN_IN=off, refuses a password to staff and accepts it from a civil-society organisation', async () => {
    await createPerson(db, 'secretariat@example.org', 'secretariat');
    const staff = await app.inject({
      method: 'POST', url: '/api/v1/auth/login', payload: { email: 'secretariat@example.org', password: TEST_PASSWORD }, headers: { 'accept-language': 'es' },
    });
    expect(staff.statusCode).toBe(403);
    expect(staff.json().message).toContain('el personal inicia sesión con el botón');
    expect(sessionCookie(staff)).toBeUndefined();
    const member = await createPerson(db, 'member@example.org');
    await joinOrganisation(db, member, await createOrganisation(db, 'Derechos Ya'));
    const organisation = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'member@example.org', password: TEST_PASSWORD } });
    expect(organisation.statusCode, organisation.body).toBe(200);
  });
});

describe('single sign-on when the provider cannot be reached', () => {
  it('answers a clear page (503) and tells the log', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const config = readConfig({
      PUBLIC_URL, MAIL_POLL_SECONDS: '3600', OIDC_ISSUER: `http://127.0.0.1:${port}`, OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y',
    });
    const lines: string[] = [];
    const logStream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    const down = await buildApp({ db, logLevel: 'error', logStream, webDist: '/nonexistent', auth: { config, now } });
    try {
      const response = await down.inject({ method: 'GET', url: '/api/v1/auth/oidc/start?locale=es' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('No se puede contactar con el proveedor de identidad');
      expect(response.cookies.find((c) => c.name === 'nmirf_oidc')).toBeUndefined();
      expect((await db.pool.query('select count(*)::int as n from oidc_request')).rows[0].n).toBe(0);
      expect(lines.join('')).toContain(`the identity provider http://127.0.0.1:${port} cannot be reached`);
    } finally {
      await down.close();
    }
  });
});
