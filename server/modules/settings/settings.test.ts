import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { testApp, type TestApp } from '../../test/app';
import { jpeg, png, webp } from '../../test/images';
import { as, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { deliverPending, queueMail, type MailTransport } from '../../platform/mail/mailer';
import { inTransaction } from '../../platform/db/database';
import { totpCode } from '../../platform/auth/totp';
import { readConfig } from '../../platform/config';
import { keyFile } from '../../test/federation';
import { runPublication } from '../federation/publication-job';
import { InstanceSettings } from './instance-settings';
import { locales } from '../../../shared/i18n/languages';

let t: TestApp;
let admin: Session;
let secretariat: Session;

/** The settings are instance configuration shared with the other test files: none stored before, none after. */
const forgetSettings = () => t.db.pool.query('delete from instance_logo; delete from instance_settings');

beforeAll(async () => {
  t = await testApp();
  await resetPeople(t.db);
  await forgetSettings();
  await createPerson(t.db, 'admin@example.org', 'administrator');
  await createPerson(t.db, 'secretariat@example.org', 'secretariat');
  admin = await signIn(t.app, 'admin@example.org');
  secretariat = await signIn(t.app, 'secretariat@example.org');
});
afterAll(async () => {
  await forgetSettings();
  await t.close();
});

const read = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/admin/settings', headers: as(admin) })).json();
const save = (payload: object, session: Session | null = admin, locale = 'en') =>
  t.app.inject({ method: 'PUT', url: `/api/v1/admin/settings?locale=${locale}`, payload, headers: as(session) });
const setLogo = (bytes: Buffer, version: number, locale = 'en') =>
  t.app.inject({ method: 'PUT', url: `/api/v1/admin/settings/logo?locale=${locale}`, payload: { version, data: bytes.toString('base64') }, headers: as(admin) });
const auditRows = async () => (await t.db.pool.query(`select action, before, after from audit_log where entity = 'instance_settings' order by id`)).rows;

/** The form as an administrator would send it, from what was read. */
function form(current: Record<string, unknown>, changes: object = {}) {
  const { version, name, description, primary_colour, state_iso3, time_zone, interface_languages, default_language, content_languages, terminology, open_data_licence,
    second_factor_required, network_publish, network_hub_url } = current;
  return { version, name, description, primary_colour, state_iso3, time_zone, interface_languages, default_language, content_languages, terminology, open_data_licence,
    second_factor_required, network_publish, network_hub_url, ...changes };
}

describe('instance settings', () => {
  it('holds the environment\'s defaults until first saved, and the public part is cacheable', async () => {
    const settings = await read();
    expect(settings).toMatchObject({ version: 0, name: { en: 'Open NMIRF' }, state_iso3: 'PRY', logo: null, primary_colour: '#1a4f8b',
      interface_languages: [...locales], open_data_licence: { name: 'CC BY 4.0' } });
    const visitor = await t.app.inject({ method: 'GET', url: '/api/v1/settings' });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.headers['cache-control']).toBe('public, no-cache');
    expect(visitor.headers.etag).toBeTruthy();
    expect(visitor.json()).not.toHaveProperty('state_iso3');
    expect(visitor.json()).not.toHaveProperty('updated_by');
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/settings', headers: { 'if-none-match': String(visitor.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('a change is in effect at the next request, on this server and on another one, audited, and public caches revalidate', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/settings' });
    const other = await buildApp({ db: t.db, logLevel: 'silent', webDist: '/nonexistent' }); // a second app server on the same database
    try {
      const saved = await save(form(await read(), {
        name: { es: 'Sistema de Monitoreo de Recomendaciones', en: 'Recommendation Monitoring System', fr: '' },
        description: { es: 'Seguimiento de las recomendaciones de derechos humanos' },
        primary_colour: '#0B5D3B',
        state_iso3: 'URY',
        time_zone: 'America/Montevideo',
        interface_languages: ['es', 'en'],
        default_language: 'es',
        content_languages: ['es', 'en', 'gn'],
        terminology: { es: { focal_point: 'enlace institucional', secretariat: 'Unidad Técnica' }, en: { focal_point: 'liaison officer' } },
        open_data_licence: { name: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
      }));
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ version: 1, primary_colour: '#0b5d3b', updated_by: expect.stringMatching(/^user:\d+$/) });
      // An empty language is no value rather than an empty one.
      expect(saved.json().name).toEqual({ es: 'Sistema de Monitoreo de Recomendaciones', en: 'Recommendation Monitoring System' });

      for (const server of [t.app, other]) {
        const visitor = await server.inject({ method: 'GET', url: '/api/v1/settings' });
        expect(visitor.json()).toMatchObject({ version: 1, default_language: 'es', interface_languages: ['es', 'en'],
          terminology: { es: { focal_point: 'enlace institucional' } }, open_data_licence: { name: 'CC0 1.0' } });
        // The validator a visitor kept is no longer current: the page is sent again.
        const revalidated = await server.inject({ method: 'GET', url: '/api/v1/settings', headers: { 'if-none-match': String(before.headers.etag) } });
        expect(revalidated.statusCode).toBe(200);
        // The State followed, the licence of the open data and the calendar come from the settings too.
        expect((await server.inject({ method: 'GET', url: '/api/v1/obligations' })).json().state).toBe('URY');
        const openData = await server.inject({ method: 'GET', url: '/api/v1/open-data' });
        expect(openData.json().licence).toEqual({ name: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' });
        expect((await server.inject({ method: 'GET', url: '/api/v1/obligations' })).json().today)
          .toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Montevideo' }).format(new Date()));
      }
      const [row] = await auditRows();
      expect(row.action).toBe('update');
      expect(row.before).toMatchObject({ state_iso3: 'PRY', name: { en: 'Open NMIRF' } });
      expect(row.after).toMatchObject({ state_iso3: 'URY', time_zone: 'America/Montevideo', primary_colour: '#0b5d3b' });
    } finally {
      await other.close();
    }
  });

  it('refuses a stale version (409 with the current one), and nothing is saved', async () => {
    const current = await read();
    const audits = (await auditRows()).length;
    const stale = await save(form(current, { version: current.version - 1, name: { es: 'Otro nombre' } }), admin, 'es');
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'conflict', current_version: current.version });
    expect(stale.json().message).toContain('Otra persona modificó');
    expect(await read()).toEqual(current);
    expect((await auditRows()).length).toBe(audits);
  });

  it('refuses a colour text would not be readable on, languages not offered or unknown, no name, an unknown State: nothing saved', async () => {
    const current = await read();
    const audits = (await auditRows()).length;
    const yellow = await save(form(current, { primary_colour: '#ffdd00' }), admin, 'fr');
    expect(yellow.statusCode).toBe(400);
    expect(yellow.json().message).toMatch(/#ffdd00 est trop claire.*contraste de 1\.\d+:1.*au moins 4\.5:1/);
    // Just below AA against the page background (4.5:1 on white, less on #f5f6f8) is refused too.
    expect((await save(form(current, { primary_colour: '#767676' }))).statusCode).toBe(400);
    const notOffered = await save(form(current, { interface_languages: ['es', 'en'], default_language: 'pt' }), admin, 'es');
    expect(notOffered.statusCode).toBe(400);
    expect(notOffered.json().message).toBe('El idioma predeterminado debe ser uno de los idiomas de la interfaz ofrecidos.');
    expect((await save(form(current, { interface_languages: ['es', 'de'] }))).statusCode).toBe(400);
    expect((await save(form(current, { interface_languages: [] }))).statusCode).toBe(400);
    expect((await save(form(current, { content_languages: ['Spanish'] }))).statusCode).toBe(400);
    expect((await save(form(current, { name: { en: 'Only English' } }))).json().message).toBe('The instance needs a name in its default language.');
    expect((await save(form(current, { time_zone: 'Mars/Olympus_Mons' }))).statusCode).toBe(400);
    expect((await save(form(current, { state_iso3: 'XYZ' }))).json().message).toBe('There is no State with the code XYZ.');
    expect((await save(form(current, { terminology: { es: { president: 'jefe' } } }))).statusCode).toBe(400);
    expect((await save(form(current, { open_data_licence: { name: 'x', url: 'javascript:alert(1)' } }))).statusCode).toBe(400);
    expect(await read()).toEqual(current);
    expect((await auditRows()).length).toBe(audits);
  });

  it('accepts raster logos checked on their bytes and serves them; refuses bad ones with nothing saved', async () => {
    let version = (await read()).version;
    for (const [bytes, type] of [[jpeg(400, 120), 'image/jpeg'], [webp(256, 256), 'image/webp'], [png(320, 80), 'image/png']] as const) {
      const response = await setLogo(bytes, version);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().logo).toMatchObject({ media_type: type, url: expect.stringMatching(/^\/api\/v1\/settings\/logo\?v=[0-9a-f]{16}$/) });
      expect(response.json().version).toBe(version + 1);
      version += 1;
      const served = await t.app.inject({ method: 'GET', url: response.json().logo.url });
      expect(served.headers['content-type']).toBe(type);
      expect(served.rawPayload.equals(bytes)).toBe(true);
    }
    const current = await read();
    const audits = (await auditRows()).length;
    const tooWide = await setLogo(png(3000, 50), version, 'pt');
    expect(tooWide.statusCode).toBe(400);
    expect(tooWide.json().message).toBe('O logotipo mede 3000 × 50 pixels: cada lado deve medir entre 16 e 2048 pixels.');
    expect((await setLogo(Buffer.from('<html><body onload="alert(1)"></body></html>'), version)).json().message)
      .toBe('The logo must be a PNG, JPEG or WebP image, or an SVG drawing.');
    expect((await setLogo(png(320, 80).subarray(0, 60), version)).statusCode).toBe(400);
    const stale = await setLogo(png(32, 32), version - 1);
    expect(stale.statusCode).toBe(409);
    expect(await read()).toEqual(current);
    expect((await auditRows()).length).toBe(audits);
    expect((await t.db.pool.query('select media_type from instance_logo')).rows).toEqual([{ media_type: 'image/png' }]);
  });

  it('sanitises a hostile SVG logo and serves it under a policy that runs nothing', async () => {
    const { version } = await read();
    const hostile = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" viewBox="0 0 10 10"><script>alert(2)</script>'
      + '<foreignObject><iframe src="https://evil.example"/></foreignObject><image href="https://evil.example/t.png"/>'
      + '<rect width="10" height="10" fill="#0b5d3b" onclick="alert(3)"/></svg>';
    const response = await setLogo(Buffer.from(hostile), version);
    expect(response.statusCode, response.body).toBe(200);
    const served = await t.app.inject({ method: 'GET', url: response.json().logo.url });
    expect(served.headers['content-type']).toBe('image/svg+xml');
    expect(served.headers['content-security-policy']).toContain('sandbox');
    expect(served.body).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0b5d3b"/></svg>');
    const [last] = (await auditRows()).slice(-1);
    expect(last).toMatchObject({ action: 'set_logo', after: { media_type: 'image/svg+xml' } });

    const entity = await setLogo(Buffer.from('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>'), version + 1);
    expect(entity.statusCode).toBe(400);

    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/settings/logo?version=${version + 1}`, headers: as(admin) });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().logo).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/settings/logo' })).statusCode).toBe(404);
  });

  it('emails carry the instance\'s name as their sender and heading', async () => {
    await t.db.pool.query('truncate mail_outbox restart identity');
    await inTransaction(t.db.pool, (tx) => queueMail(tx, { to: 'someone@example.org', locale: 'en', subject: 'Hello', text: 'The body.' }));
    const sent: { from?: string; text: string }[] = [];
    const transport: MailTransport = { sendMail: async (message) => { sent.push(message); } };
    await deliverPending(t.db, transport, 'Open NMIRF <no-reply@nmirf.example.org>');
    expect(sent).toEqual([expect.objectContaining({
      from: '"Sistema de Monitoreo de Recomendaciones" <no-reply@nmirf.example.org>',
      text: 'Sistema de Monitoreo de Recomendaciones\n\nThe body.',
    })]);
  });

  it('requires a second factor of the secretariat and administrators from the next request on every server, only once the administrator has one', async () => {
    const other = await buildApp({ db: t.db, logLevel: 'silent', webDist: '/nonexistent' }); // a second app server on the same database
    const people = (server = t.app) => server.inject({ method: 'GET', url: '/api/v1/users', headers: as(secretariat) }); // the people, which the secretariat manages
    try {
      expect((await read()).second_factor_required).toBe(false); // SECOND_FACTOR_REQUIRED is off here
      for (const server of [t.app, other]) expect((await people(server)).statusCode).toBe(200);

      // An administrator without a second factor of their own is refused, in their language: the change would lock them out.
      const before = await read();
      const audits = (await auditRows()).length;
      const own = await save(form(before, { second_factor_required: true }), admin, 'es');
      expect(own.statusCode).toBe(400);
      expect(own.json().message).toContain('Active su propio segundo factor');
      expect(await read()).toEqual(before);
      expect((await auditRows()).length).toBe(audits);

      // Once they have one, the requirement is saved, audited, and holds at the next request on both servers.
      const setup = await t.app.inject({ method: 'POST', url: '/api/v1/account/second-factor/setup', headers: as(admin) });
      const confirmed = await t.app.inject({ method: 'POST', url: '/api/v1/account/second-factor/confirm', headers: as(admin),
        payload: { code: totpCode(setup.json().secret, new Date()) } });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const saved = await save(form(before, { second_factor_required: true }));
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ version: before.version + 1, second_factor_required: true });
      const [row] = (await auditRows()).slice(-1);
      expect(row.before).toMatchObject({ second_factor_required: false });
      expect(row.after).toMatchObject({ second_factor_required: true });
      for (const server of [t.app, other]) {
        const blocked = await people(server);
        expect(blocked.statusCode).toBe(403);
        expect(blocked.json().error).toBe('second_factor_setup_required');
        const me = await server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: as(secretariat) });
        expect(me.json().second_factor).toEqual({ enabled: false, setup_required: true });
        const status = await server.inject({ method: 'GET', url: '/api/v1/account/second-factor', headers: as(secretariat) });
        expect(status.json()).toMatchObject({ enabled: false, required: true });
        // The administrator who turned it on goes on working.
        expect((await server.inject({ method: 'GET', url: '/api/v1/admin/settings', headers: as(admin) })).statusCode).toBe(200);
      }
      // A new sign-in says so at once.
      const signIn = await other.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'secretariat@example.org', password: 'a long enough passphrase' } });
      expect(signIn.json().second_factor).toEqual({ enabled: false, setup_required: true });

      // Saved from a stale form: 409, and the requirement stays.
      const stale = await save(form(before, { second_factor_required: false }));
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current_version).toBe(before.version + 1);
      expect((await people(other)).statusCode).toBe(403);
      // Not a yes or no: 400, nothing saved.
      expect((await save(form(saved.json(), { second_factor_required: 'yes' }))).statusCode).toBe(400);
      expect((await save(form(saved.json(), { second_factor_required: undefined }))).statusCode).toBe(400);
      expect((await read()).version).toBe(before.version + 1);

      // Turned off: the secretariat works again at its next request, everywhere.
      const off = await save(form(saved.json(), { second_factor_required: false }));
      expect(off.statusCode, off.body).toBe(200);
      for (const server of [t.app, other]) expect((await people(server)).statusCode).toBe(200);
    } finally {
      await other.close();
      await t.db.pool.query('update app_user set totp_secret = null, totp_last_step = null where email = $1', ['admin@example.org']);
      await t.db.pool.query('delete from recovery_code');
    }
  });

  it('publishes to the Network as saved: the environment\'s default until then, the key file required, the hub checked, audited, 409 when stale', async () => {
    await forgetSettings();
    const key = await keyFile();
    // A server whose environment says publish (NETWORK_PUBLISH=on, a key file, NETWORK_HUB_URL); t.app has neither.
    const publishing = await buildApp({ db: t.db, logLevel: 'silent', webDist: '/nonexistent', network: { publish: true, keyFile: key.file, hubUrl: 'https://hub.example.org' } });
    const wellKnown = (server = publishing) => server.inject({ method: 'GET', url: '/.well-known/nmirf-network.json' });
    const readOn = async (server = publishing) => (await server.inject({ method: 'GET', url: '/api/v1/admin/settings', headers: as(admin) })).json();
    try {
      await runPublication(t.db.pool, new InstanceSettings(t.db.pool, { ...readConfig(), network: { publish: true, hubUrl: null, keyFile: key.file } }), key.file, new Date());
      expect(await readOn()).toMatchObject({ version: 0, network_publish: true, network_hub_url: 'https://hub.example.org' });
      expect(await read()).toMatchObject({ version: 0, network_publish: false, network_hub_url: null });
      expect((await wellKnown()).json()).toMatchObject({ state: 'PRY', hub: 'https://hub.example.org' });
      expect((await wellKnown(t.app)).statusCode).toBe(404);

      // Turned on where there is no key file to sign with: refused in the administrator's language, nothing saved.
      const audits = (await auditRows()).length;
      const keyless = await save(form(await read(), { network_publish: true }), admin, 'es');
      expect(keyless.statusCode).toBe(400);
      expect(keyless.json()).toMatchObject({ error: 'bad_request', message: expect.stringContaining('npm run network:keygen') });
      expect(keyless.json().message).toContain('clave');
      // A hub address that is not http(s), or carries a query: refused.
      for (const hub of ['ftp://hub.example.org', 'javascript:alert(1)', 'https://hub.example.org/?x=1', 'not an address']) {
        const refused = await publishing.inject({ method: 'PUT', url: '/api/v1/admin/settings', headers: as(admin), payload: form(await readOn(), { network_hub_url: hub }) });
        expect(refused.statusCode, hub).toBe(400);
      }
      expect((await auditRows()).length).toBe(audits);
      expect((await read()).version).toBe(0);

      // Saved off over an environment that says on: off on every server from the next request, audited.
      const off = await publishing.inject({ method: 'PUT', url: '/api/v1/admin/settings', headers: as(admin), payload: form(await readOn(), { network_publish: false }) });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json()).toMatchObject({ version: 1, network_publish: false, network_hub_url: 'https://hub.example.org' });
      const [row] = (await auditRows()).slice(-1);
      expect(row.before).toMatchObject({ network_publish: true, network_hub_url: 'https://hub.example.org' });
      expect(row.after).toMatchObject({ network_publish: false, network_hub_url: 'https://hub.example.org' });
      const notPublishing = await wellKnown();
      expect(notPublishing.statusCode).toBe(404);
      expect(notPublishing.json().error).toBe('not_found');
      expect((await publishing.inject({ method: 'GET', url: '/api/v1/federation/package' })).statusCode).toBe(404);

      // A stale form: 409 with the current version, and publishing stays off.
      const stale = await save(form({ ...(await read()), version: 0 }, { network_publish: true }));
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current_version).toBe(1);

      // On again with another hub (its trailing slash dropped); the form without the two fields keeps them.
      const on = await publishing.inject({ method: 'PUT', url: '/api/v1/admin/settings', headers: as(admin),
        payload: form(await readOn(), { network_publish: true, network_hub_url: 'https://network.example.org/hub/' }) });
      expect(on.statusCode, on.body).toBe(200);
      expect(on.json()).toMatchObject({ version: 2, network_publish: true, network_hub_url: 'https://network.example.org/hub' });
      expect((await wellKnown()).json()).toMatchObject({ hub: 'https://network.example.org/hub' });
      expect((await wellKnown(t.app)).statusCode).toBe(404); // the same settings, but no key file on that server
      const kept = await save(form(await read(), { name: { en: 'Publishing instance' } }));
      expect(kept.statusCode, kept.body).toBe(200);
      expect(kept.json()).toMatchObject({ version: 3, network_publish: true, network_hub_url: 'https://network.example.org/hub' });
      // No hub named: null.
      const noHub = await save(form(kept.json(), { network_hub_url: null }));
      expect(noHub.json()).toMatchObject({ version: 4, network_publish: true, network_hub_url: null });
      expect((await wellKnown()).json()).toMatchObject({ hub: null });
    } finally {
      await publishing.close();
      await forgetSettings();
    }
  });

  it('is changed by administrators only', async () => {
    const current = await read();
    expect((await save(form(current), secretariat)).statusCode).toBe(403);
    expect((await save(form(current), null)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/settings', headers: as(secretariat) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/admin/settings/logo', payload: { version: current.version, data: png(20, 20).toString('base64') }, headers: as(secretariat) })).statusCode).toBe(403);
    expect(await read()).toEqual(current);
  });
});
