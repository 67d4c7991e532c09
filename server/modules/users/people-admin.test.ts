/**
 * Administering people through the API: the list and its filters, inviting
 * (the mail really travels over SMTP), deactivating and reactivating (a live
 * session is refused on its next request), editing roles with their
 * permissions, the last active administrator, audit rows and versions; an
 * administrator turning off a person's lost second factor, and a person's
 * history. The invitation carries the instance's name, and its raster logo as
 * an inline part of the HTML.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { readConfig } from '../../platform/config';
import type { Database } from '../../platform/db/database';
import { totpCode } from '../../platform/auth/totp';
import { connectTestDatabase } from '../../test/database';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { png } from '../../test/images';
import { mailText, mimeParts, startSmtpReceiver } from '../../test/smtp';

let db: Database;
let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let admin: Session;
let adminId: number;
let secretariat: Session;
let ministry: number;
let court: number;

beforeAll(async () => {
  db = await connectTestDatabase();
  smtp = await startSmtpReceiver();
  const config = readConfig({ PUBLIC_URL: 'http://nmirf.test', MAIL_POLL_SECONDS: '3600', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_FROM: 'NMIRF <nmirf@example.org>' });
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', auth: { config } });
}, 60_000);
afterAll(async () => {
  await db.pool.query('delete from instance_logo; delete from instance_settings'); // instance configuration shared with the other test files
  await app.close(); await db.close(); await smtp.close();
});
beforeEach(async () => {
  await resetPeople(db);
  ministry = await createInstitution(db, 'Ministry of Education');
  court = await createInstitution(db, 'Supreme Court');
  adminId = await createPerson(db, 'admin@example.org', 'administrator');
  await createPerson(db, 'secretariat@example.org', 'secretariat');
  admin = await signIn(app, 'admin@example.org');
  secretariat = await signIn(app, 'secretariat@example.org');
});

const call = (session: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object, locale = 'en') =>
  app.inject({ method, url: `${url}${url.includes('?') ? '&' : '?'}locale=${locale}`, payload, headers: as(session) });
const versionOf = async (id: number) => (await db.pool.query('select version from app_user where id = $1', [id])).rows[0].version as number;

describe('the list of people', () => {
  it('filters by name or email, role, institution and state, and shows roles and the last sign-in', async () => {
    const focal = await createPerson(db, 'ana.focal@example.org', 'focal_point', ministry);
    const validator = await createPerson(db, 'bruno@example.org', 'validator', court);
    await db.pool.query('update app_user set active = false where id = $1', [validator]);
    await signIn(app, 'ana.focal@example.org');

    const all = await call(admin, 'GET', '/api/v1/users');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().total).toBe(4);
    const ana = all.json().items.find((u: { id: number }) => u.id === focal);
    expect(ana).toMatchObject({ memberships: [{ role: 'focal_point', institution_id: ministry }], active: true, version: 1 });
    expect(Date.now() - Date.parse(ana.last_sign_in_at)).toBeLessThan(60_000);
    expect(all.json().items.find((u: { id: number }) => u.id === validator).last_sign_in_at).toBeNull();

    const ids = async (query: string) => (await call(secretariat, 'GET', `/api/v1/users?${query}`)).json().items.map((u: { id: number }) => u.id);
    expect(await ids('q=ANA.F')).toEqual([focal]);
    expect(await ids('q=%25')).toEqual([]); // a wildcard is taken literally
    expect(await ids('role=validator')).toEqual([validator]);
    expect(await ids(`institution_id=${ministry}`)).toEqual([focal]);
    expect(await ids('active=false')).toEqual([validator]);
    expect(await ids(`role=focal_point&institution_id=${court}`)).toEqual([]);

    const focalSession = await signIn(app, 'ana.focal@example.org');
    expect((await call(focalSession, 'GET', '/api/v1/users')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/api/v1/users')).statusCode).toBe(401);
    expect((await call(admin, 'GET', '/api/v1/users?role=king', undefined, 'es')).json().message).toMatch(/^Parámetro no válido/);
  });
});

describe('inviting a person', () => {
  it('emails a one-time link over SMTP that sets the password, and the new person signs in', async () => {
    const arrival = smtp.next();
    const invited = await call(admin, 'POST', '/api/v1/users', { email: 'nueva@example.org', display_name: 'Nueva Persona', locale: 'es' });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({ password_set: false, last_sign_in_at: null, version: 1 });
    const mail = await arrival;
    expect(mail.to).toEqual(['nueva@example.org']);
    const token = /\/es\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mailText(mail.raw))![1];
    const set = await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'una contraseña bien larga' } });
    expect(set.statusCode, set.body).toBe(204);
    await signIn(app, 'nueva@example.org', 'una contraseña bien larga');
    // The link served once.
    const again = await app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'otra contraseña bien larga' } });
    expect(again.statusCode).toBe(400);
    const listed = (await call(admin, 'GET', '/api/v1/users?q=nueva')).json().items[0];
    expect(listed).toMatchObject({ password_set: true, last_sign_in_at: expect.any(String) });
  });
});

describe('the look of the invitation', () => {
  const invite = async (email: string) => {
    const arrival = smtp.next();
    const invited = await call(admin, 'POST', '/api/v1/users', { email, display_name: 'Invited Person', locale: 'en' });
    expect(invited.statusCode, invited.body).toBe(201);
    return mimeParts((await arrival).raw);
  };
  const partOf = (parts: ReturnType<typeof mimeParts>, type: RegExp) => parts.find((part) => type.test(part.headers['content-type'] ?? ''));
  const settingsVersion = async () => (await call(admin, 'GET', '/api/v1/admin/settings')).json().version as number;
  const setLogo = async (bytes: Buffer) => {
    const response = await call(admin, 'PUT', '/api/v1/admin/settings/logo', { version: await settingsVersion(), data: bytes.toString('base64') });
    expect(response.statusCode, response.body).toBe(200);
  };

  it('carries the instance\'s name, and its raster logo as an inline image of the HTML; an SVG logo or none leaves the name alone', async () => {
    await db.pool.query('delete from instance_logo; delete from instance_settings');
    const current = (await call(admin, 'GET', '/api/v1/admin/settings')).json();
    const { version, description, primary_colour, state_iso3, time_zone, interface_languages, content_languages, terminology, open_data_licence,
      second_factor_required, network_publish, network_hub_url } = current;
    const named = await call(admin, 'PUT', '/api/v1/admin/settings', { version, name: { en: 'Monitoring <System> & Co' }, description, primary_colour,
      state_iso3, time_zone, interface_languages, default_language: 'en', content_languages, terminology, open_data_licence, second_factor_required,
      network_publish, network_hub_url });
    expect(named.statusCode, named.body).toBe(200);
    const logo = png(320, 80);
    await setLogo(logo);

    const withLogo = await invite('logo@example.org');
    const image = partOf(withLogo, /^image\//)!;
    expect(image.headers['content-type']).toMatch(/^image\/png/);
    expect(image.headers['content-disposition']).toMatch(/^inline/);
    expect(image.body.equals(logo)).toBe(true);
    const cid = /^<(.+)>$/.exec(image.headers['content-id'])![1];
    const html = partOf(withLogo, /^text\/html/)!.body.toString('utf8');
    expect(html).toContain(`<img src="cid:${cid}" alt="" height="48" width="192"`);
    expect(html).toContain('Monitoring &#60;System&#62; &#38; Co');
    expect(html).toMatch(/<a href="http:\/\/nmirf\.test\/en\/reset-password\?token=[A-Za-z0-9_-]+">/);
    // The text part is still there, with the name as its heading and the same link.
    const text = partOf(withLogo, /^text\/plain/)!.body.toString('utf8').replace(/\r\n/g, '\n');
    expect(text.startsWith('Monitoring <System> & Co\n\n')).toBe(true);
    expect(text).toMatch(/http:\/\/nmirf\.test\/en\/reset-password\?token=/);

    // An SVG logo is not sent (mail clients refuse it): the name alone heads the message.
    await setLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'));
    const svg = await invite('svg@example.org');
    expect(partOf(svg, /^image\//)).toBeUndefined();
    const svgHtml = partOf(svg, /^text\/html/)!.body.toString('utf8');
    expect(svgHtml).not.toContain('<img');
    expect(svgHtml).toContain('Monitoring &#60;System&#62; &#38; Co');

    // No logo at all: the same.
    const removed = await call(admin, 'DELETE', `/api/v1/admin/settings/logo?version=${await settingsVersion()}`);
    expect(removed.statusCode, removed.body).toBe(200);
    const without = await invite('nologo@example.org');
    expect(without.some((part) => /^image\//.test(part.headers['content-type'] ?? ''))).toBe(false);
    expect(partOf(without, /^text\/html/)!.body.toString('utf8')).not.toContain('cid:');
    expect(partOf(without, /^text\/plain/)!.body.toString('utf8')).toMatch(/^Monitoring <System> & Co\r?\n\r?\n/);
  });
});

describe('deactivating and reactivating', () => {
  it('ends a live session at once, refuses sign-in, and reactivation lets the person back in; audited and versioned', async () => {
    const id = await createPerson(db, 'focal@example.org', 'focal_point', ministry);
    const live = await signIn(app, 'focal@example.org');
    expect((await call(live, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);

    const off = await call(admin, 'PATCH', `/api/v1/users/${id}`, { active: false, version: 1 });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    // The very next request of the live session is a visitor's.
    const me = await call(live, 'GET', '/api/v1/auth/me');
    expect(me.statusCode).toBe(401);
    expect((await call(live, 'GET', `/api/v1/institutions/${ministry}/assignments`)).statusCode).toBe(401);
    expect((await db.pool.query('select count(*)::int as n from user_session where user_id = $1', [id])).rows[0].n).toBe(0);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'focal@example.org', password: 'a long enough passphrase' } });
    expect(refused.statusCode).not.toBe(200);

    // A stale version is refused and changes nothing.
    const stale = await call(admin, 'PATCH', `/api/v1/users/${id}`, { active: true, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current_version).toBe(2);
    expect((await db.pool.query('select active from app_user where id = $1', [id])).rows[0].active).toBe(false);

    const on = await call(admin, 'PATCH', `/api/v1/users/${id}`, { active: true, version: 2 });
    expect(on.json()).toMatchObject({ active: true, version: 3 });
    await signIn(app, 'focal@example.org');

    const { rows } = await db.pool.query(`select actor, action, before, after from audit_log where entity = 'user' and entity_id = $1 and action in ('deactivate', 'reactivate') order by id`, [String(id)]);
    expect(rows).toEqual([
      { actor: `user:${adminId}`, action: 'deactivate', before: { active: true }, after: { active: false, sessions_ended: 1 } },
      { actor: `user:${adminId}`, action: 'reactivate', before: { active: false }, after: { active: true, sessions_ended: 0 } },
    ]);
  });

  it('is the administrator\'s: the secretariat is refused and nothing changes', async () => {
    const id = await createPerson(db, 'focal@example.org', 'focal_point', ministry);
    expect((await call(secretariat, 'PATCH', `/api/v1/users/${id}`, { active: false, version: 1 })).statusCode).toBe(403);
    expect((await db.pool.query('select active, version from app_user where id = $1', [id])).rows[0]).toEqual({ active: true, version: 1 });
    expect((await call(admin, 'PATCH', '/api/v1/users/999999', { active: false, version: 1 })).statusCode).toBe(404);
  });
});

describe('the last active administrator', () => {
  it('can be neither deactivated nor lose the role, with a clear message; with a second one, both work', async () => {
    const off = await call(admin, 'PATCH', `/api/v1/users/${adminId}`, { active: false, version: 1 }, 'es');
    expect(off.statusCode).toBe(409);
    expect(off.json().message).toMatch(/último administrador activo/);
    const demote = await call(admin, 'PUT', `/api/v1/users/${adminId}/roles`, { roles: [{ role: 'secretariat', institution_id: null }], version: 1 }, 'fr');
    expect(demote.statusCode).toBe(409);
    expect(demote.json().message).toMatch(/dernier administrateur actif/);
    expect((await db.pool.query(`select role from membership where user_id = $1`, [adminId])).rows).toEqual([{ role: 'administrator' }]);

    // An inactive administrator does not count.
    const dormant = await createPerson(db, 'dormant@example.org', 'administrator');
    await db.pool.query('update app_user set active = false where id = $1', [dormant]);
    expect((await call(admin, 'PATCH', `/api/v1/users/${adminId}`, { active: false, version: 1 })).statusCode).toBe(409);

    const second = await createPerson(db, 'second@example.org', 'administrator');
    const demoted = await call(admin, 'PUT', `/api/v1/users/${adminId}/roles`, { roles: [{ role: 'secretariat', institution_id: null }], version: 1 });
    expect(demoted.statusCode, demoted.body).toBe(200);
    // Now `second` is the last one.
    const secondSession = await signIn(app, 'second@example.org');
    expect((await call(secondSession, 'PATCH', `/api/v1/users/${second}`, { active: false, version: 1 })).statusCode).toBe(409);
  });
});

describe('editing roles', () => {
  it('gives and takes institution and staff roles in one change, audited, with the version', async () => {
    const id = await createPerson(db, 'person@example.org', 'focal_point', ministry);
    const response = await call(admin, 'PUT', `/api/v1/users/${id}/roles`, {
      version: 1,
      roles: [{ role: 'alternate_focal_point', institution_id: ministry }, { role: 'validator', institution_id: court }, { role: 'secretariat', institution_id: null }],
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().version).toBe(2);
    expect(response.json().memberships).toEqual([
      { role: 'alternate_focal_point', institution_id: ministry }, { role: 'validator', institution_id: court }, { role: 'secretariat', institution_id: null },
    ]);
    // The roles apply to the person's live session at once.
    const session = await signIn(app, 'person@example.org');
    expect((await call(session, 'GET', '/api/v1/auth/me')).json().user.memberships).toHaveLength(3);
    const { rows: [audit] } = await db.pool.query(`select before, after from audit_log where entity = 'user' and entity_id = $1 and action = 'update_roles'`, [String(id)]);
    expect(audit.before).toEqual({ roles: [{ role: 'focal_point', institution_id: ministry }] });
    expect(audit.after.roles).toHaveLength(3);

    const stale = await call(admin, 'PUT', `/api/v1/users/${id}/roles`, { version: 1, roles: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current_version).toBe(2);
  });

  it('lets the secretariat change institution roles only; staff roles are the administrator\'s', async () => {
    const id = await createPerson(db, 'person@example.org');
    const institutionRole = await call(secretariat, 'PUT', `/api/v1/users/${id}/roles`, { version: 1, roles: [{ role: 'validator', institution_id: ministry }] });
    expect(institutionRole.statusCode, institutionRole.body).toBe(200);
    const staffRole = await call(secretariat, 'PUT', `/api/v1/users/${id}/roles`, { version: 2, roles: [{ role: 'validator', institution_id: ministry }, { role: 'administrator', institution_id: null }] });
    expect(staffRole.statusCode).toBe(403);
    expect((await versionOf(id))).toBe(2);
    expect((await db.pool.query('select role from membership where user_id = $1', [id])).rows).toEqual([{ role: 'validator' }]);
  });

  it('refuses a retired or unknown institution, or a role without its institution, writing nothing', async () => {
    const id = await createPerson(db, 'person@example.org');
    await db.pool.query('update institution set active = false where id = $1', [court]);
    const retired = await call(admin, 'PUT', `/api/v1/users/${id}/roles`, { version: 1, roles: [{ role: 'validator', institution_id: court }] }, 'pt');
    expect(retired.statusCode).toBe(400);
    expect(retired.json().message).toMatch(/desativada/);
    expect((await call(admin, 'PUT', `/api/v1/users/${id}/roles`, { version: 1, roles: [{ role: 'validator', institution_id: 99999 }] })).statusCode).toBe(400);
    expect((await call(admin, 'PUT', `/api/v1/users/${id}/roles`, { version: 1, roles: [{ role: 'validator', institution_id: null }] })).statusCode).toBe(400);
    expect((await call(admin, 'PUT', `/api/v1/users/${id}/roles`, { version: 1, roles: [{ role: 'secretariat', institution_id: ministry }] })).statusCode).toBe(400);
    expect(await versionOf(id)).toBe(1);
    expect((await db.pool.query('select count(*)::int as n from membership where user_id = $1', [id])).rows[0].n).toBe(0);
  });
});

describe('a lost second factor', () => {
  /** Turns the second factor on for `email` through the account API, as the person would. */
  async function turnOn(email: string) {
    const session = await signIn(app, email);
    const setup = await call(session, 'POST', '/api/v1/account/second-factor/setup');
    expect(setup.statusCode, setup.body).toBe(200);
    const confirmed = await call(session, 'POST', '/api/v1/account/second-factor/confirm', { code: totpCode(setup.json().secret, new Date()) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return session;
  }
  const password = (email: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'a long enough passphrase' } });
  const count = async (sql: string, id: number) => (await db.pool.query(sql, [id])).rows[0].n as number;

  it('is turned off by an administrator: codes void, sessions ended, the password alone signs in; audited and versioned', async () => {
    const id = await createPerson(db, 'ana@example.org', 'focal_point', ministry);
    const live = await turnOn('ana@example.org');
    expect((await password('ana@example.org')).statusCode, 'the password alone is not enough').toBe(202);
    const before = await call(admin, 'GET', `/api/v1/users/${id}`);
    expect(before.json()).toMatchObject({ second_factor: true });
    expect(await count('select count(*)::int as n from recovery_code where user_id = $1', id)).toBe(10);

    const reset = await call(admin, 'POST', `/api/v1/users/${id}/second-factor/reset`, { version: before.json().version });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ second_factor: false, version: before.json().version + 1 });
    expect(await count('select count(*)::int as n from recovery_code where user_id = $1', id)).toBe(0);
    expect((await call(live, 'GET', '/api/v1/auth/me')).statusCode, 'the session open with the old factor ends').toBe(401);
    const again = await password('ana@example.org');
    expect(again.statusCode, again.body).toBe(200);
    const { rows: [audit] } = await db.pool.query(`select actor, before, after from audit_log where action = 'second_factor_reset' and entity_id = $1`, [String(id)]);
    expect(audit).toMatchObject({ actor: `user:${adminId}`, before: { second_factor: true }, after: { second_factor: false, sessions_ended: 1 } });

    // A stale version, a person without one: refused with a message, nothing written.
    const stale = await call(admin, 'POST', `/api/v1/users/${id}/second-factor/reset`, { version: before.json().version });
    expect(stale.statusCode).toBe(409);
    const none = await call(admin, 'POST', `/api/v1/users/${id}/second-factor/reset`, { version: await versionOf(id) }, 'es');
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toBe('Esta persona no tiene un segundo factor que desactivar.');
  });

  it('is the administrator\'s: the secretariat and the person are refused and the factor stays', async () => {
    const id = await createPerson(db, 'ana@example.org', 'focal_point', ministry);
    const ana = await turnOn('ana@example.org');
    const version = await versionOf(id);
    expect((await call(secretariat, 'POST', `/api/v1/users/${id}/second-factor/reset`, { version })).statusCode).toBe(403);
    expect((await call(ana, 'POST', `/api/v1/users/${id}/second-factor/reset`, { version })).statusCode).toBe(403);
    expect((await call(null, 'POST', `/api/v1/users/${id}/second-factor/reset`, { version })).statusCode).toBe(401);
    expect(await versionOf(id)).toBe(version);
    expect((await call(admin, 'GET', `/api/v1/users/${id}`)).json().second_factor).toBe(true);
  });
});

describe("a person's history", () => {
  it('lists the changes to the account, newest first, to those who administer people; to others it does not exist', async () => {
    const id = await createPerson(db, 'ana@example.org');
    const version = await versionOf(id);
    expect((await call(admin, 'PUT', `/api/v1/users/${id}/roles`, { version, roles: [{ role: 'validator', institution_id: ministry }] })).statusCode).toBe(200);
    expect((await call(admin, 'PATCH', `/api/v1/users/${id}`, { version: version + 1, active: false })).statusCode).toBe(200);

    const history = await call(secretariat, 'GET', `/api/v1/history/user/${id}`);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().items.map((entry: { action: string }) => entry.action)).toEqual(['deactivate', 'update_roles', 'create']);
    expect(history.json().items[0]).toMatchObject({ actor: { kind: 'user', id: adminId }, changes: [{ field: 'active', before: true, after: false }, { field: 'sessions_ended', before: null, after: 0 }] });

    const focal = await createPerson(db, 'focal@example.org', 'focal_point', ministry);
    const focalSession = await signIn(app, 'focal@example.org');
    expect((await call(focalSession, 'GET', `/api/v1/history/user/${id}`)).statusCode).toBe(404);
    expect((await call(focalSession, 'GET', `/api/v1/history/user/${focal}`)).statusCode).toBe(404);
    expect((await call(admin, 'GET', '/api/v1/history/user/999999')).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/v1/history/user/${id}`)).statusCode).toBe(401);
  });
});
