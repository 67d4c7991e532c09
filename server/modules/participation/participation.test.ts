/**
 * Participation through HTTP on the test database: an organisation registers,
 * confirms its address from the emailed link, is verified, and its member
 * posts; moderation decides what the public sees; abuse reports hide content;
 * posting limits; plain-text cleaning. The clock is ours: nothing sleeps.
 * Every refusal is checked to leave the database as it was.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { DEMO_FILE } from '../../db/seeds/demo';
import type { Database } from '../../platform/db/database';
import { readConfig } from '../../platform/config';
import { importRecommendations } from '../recommendations/use-cases/import-recommendations';
import { forgetLabelMaps } from '../taxonomies/taxonomies.repository';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import { as, createOrganisation, createPerson, joinOrganisation, resetPeople, signIn, TEST_PASSWORD, type Session } from '../../test/people';

let clock = Date.parse('2026-03-02T12:00:00Z');
const now = () => new Date(clock);
const advance = (ms: number) => { clock += ms; };

let db: Database;
let app: FastifyInstance;
let secretariat: Session;
let recommendation: number;
let other: number;
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

beforeAll(async () => {
  db = await connectTestDatabase();
  await resetCatalogue(db);
  await importRecommendations(db.pool, fs.readFileSync(DEMO_FILE), { fileName: 'recommendations.csv', format: 'csv', actor: 'system:test' });
  forgetLabelMaps();
  app = await buildApp({
    db, logLevel: 'silent', webDist: '/nonexistent', auth: { now },
    participation: { postsPerMinutePerAccount: 3, postsPerDayPerAccount: 50, postsPerMinutePerAddress: 10, reportsToHide: 3 },
  });
  await resetPeople(db);
  await createPerson(db, 'secretariat@example.org', 'secretariat');
  secretariat = await signIn(app, 'secretariat@example.org');
  const { rows } = await db.pool.query('select id from recommendation order by id limit 2');
  [recommendation, other] = rows.map((row) => Number(row.id));
});
afterAll(async () => { await app.close(); await db.close(); });

/** Row counts of everything participation writes: a refusal must leave them all as they were. */
async function counts() {
  const { rows } = await db.pool.query(`select
    (select count(*)::int from organisation) organisations, (select coalesce(sum(version), 0)::int from organisation) organisation_versions,
    (select count(*)::int from app_user) users, (select count(*)::int from contribution) contributions,
    (select coalesce(sum(version), 0)::int from contribution) contribution_versions, (select count(*)::int from contribution_evidence) evidence,
    (select count(*)::int from abuse_report) reports, (select count(*)::int from implementation_assessment) assessments,
    (select count(*)::int from mail_outbox) mails, (select count(*)::int from audit_log) audit`);
  return rows[0];
}

async function mailsTo(address: string): Promise<{ subject: string; body_text: string }[]> {
  return (await db.pool.query('select subject, body_text from mail_outbox where to_address = $1 order by id', [address])).rows;
}

const post = (session: Session | null, payload: object, options: { locale?: string; address?: string; id?: number } = {}) =>
  app.inject({
    method: 'POST', url: `/api/v1/recommendations/${options.id ?? recommendation}/contributions?locale=${options.locale ?? 'en'}`,
    payload, headers: as(session), remoteAddress: options.address ?? '127.0.0.1',
  });
const publicList = async (id = recommendation) => (await app.inject({ method: 'GET', url: `/api/v1/recommendations/${id}/contributions?locale=es` })).json().items;
const moderate = (id: number, decision: string, payload: object) =>
  app.inject({ method: 'POST', url: `/api/v1/moderation/contributions/${id}/${decision}?locale=en`, payload, headers: as(secretariat) });
const versionOf = async (id: number) => (await db.pool.query('select version from contribution where id = $1', [id])).rows[0].version as number;
const approve = async (id: number) => moderate(id, 'approve', { version: await versionOf(id) });

/** A verified organisation and one signed-in member, made directly (registration has its own test). */
async function memberOf(name: string, kind = 'civil_society'): Promise<{ organisation: number; session: Session; email: string }> {
  const organisation = await createOrganisation(db, name, 'verified', kind);
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`;
  await joinOrganisation(db, await createPerson(db, email), organisation);
  return { organisation, session: await signIn(app, email), email };
}

describe('an organisation from registration to a published contribution', () => {
  it('registers, confirms by email, is verified, posts; pending is not public; approval publishes it', async () => {
    const registration = {
      name: 'Derechos Ya', kind: 'civil_society', website: 'https://derechosya.example.org', description: 'Observatorio ciudadano.',
      display_name: 'Ana Pérez', email: 'Ana@DerechosYa.example.org', password: TEST_PASSWORD, locale: 'es',
    };
    const registered = await app.inject({ method: 'POST', url: '/api/v1/organisations', payload: registration });
    expect(registered.statusCode, registered.body).toBe(202);
    const { rows: [organisation] } = await db.pool.query(`select o.id, o.state, o.contact_email, u.password_hash from organisation o
      join organisation_member m on m.organisation_id = o.id join app_user u on u.id = m.user_id where o.name = 'Derechos Ya'`);
    expect(organisation).toMatchObject({ state: 'email_pending', contact_email: 'ana@derechosya.example.org' });
    expect(organisation.password_hash).toMatch(/^\$argon2id\$/);

    const [confirmation] = await mailsTo('ana@derechosya.example.org');
    expect(confirmation.subject).toBe('Confirme el registro de Derechos Ya');
    const token = decodeURIComponent(/\/es\/organisations\/confirm\?token=(\S+)/.exec(confirmation.body_text)![1]);
    const stored = (await db.pool.query('select token_hash from organisation_email_token where organisation_id = $1', [organisation.id])).rows[0];
    expect(stored.token_hash).not.toContain(token);

    // Signed in but not verified yet: nothing can be posted.
    const ana = await signIn(app, 'ana@derechosya.example.org');
    const before = await counts();
    const early = await post(ana, { kind: 'comment', body: 'Too early' }, { locale: 'es' });
    expect(early.statusCode).toBe(403);
    expect(early.json().message).toBe('La secretaría debe verificar su organización antes de que pueda publicar.');
    expect(await counts()).toEqual(before);

    expect((await app.inject({ method: 'POST', url: '/api/v1/organisations/confirm', payload: { token } })).statusCode).toBe(204);
    const again = await app.inject({ method: 'POST', url: '/api/v1/organisations/confirm?locale=fr', payload: { token } });
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toContain("n'est pas valide");
    expect((await mailsTo('secretariat@example.org')).map((m) => m.subject)).toEqual(['Organisation to verify: Derechos Ya']);

    const awaiting = (await app.inject({ method: 'GET', url: '/api/v1/organisations?state=awaiting_verification', headers: as(secretariat) })).json().items;
    expect(awaiting).toEqual([expect.objectContaining({ id: organisation.id, name: 'Derechos Ya', state: 'awaiting_verification', version: 2,
      members: [{ display_name: 'Ana Pérez', email: 'ana@derechosya.example.org' }] })]);
    const stale = await app.inject({ method: 'POST', url: `/api/v1/organisations/${organisation.id}/verify`, payload: { version: 1 }, headers: as(secretariat) });
    expect(stale.statusCode).toBe(409);
    const verified = await app.inject({ method: 'POST', url: `/api/v1/organisations/${organisation.id}/verify`, payload: { version: 2 }, headers: as(secretariat) });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().state).toBe('verified');
    expect((await mailsTo('ana@derechosya.example.org')).at(-1)!.subject).toBe('Derechos Ya está verificada');

    const comment = await post(ana, { kind: 'comment', body: 'El proyecto de ley sigue sin debatirse.' });
    expect(comment.statusCode, comment.body).toBe(201);
    expect(comment.json()).toMatchObject({ state: 'pending', published_at: null, organisation: { name: 'Derechos Ya' } });
    expect(await publicList()).toEqual([]);
    const queue = (await app.inject({ method: 'GET', url: '/api/v1/moderation/contributions', headers: as(secretariat) })).json().items;
    expect(queue.map((c: { id: number }) => c.id)).toContain(comment.json().id);

    const approved = await approve(comment.json().id);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await publicList()).toEqual([expect.objectContaining({
      id: comment.json().id, kind: 'comment', body: 'El proyecto de ley sigue sin debatirse.',
      organisation: { id: organisation.id, name: 'Derechos Ya', kind: 'civil_society' }, assessment: null,
    })]);
    expect((await mailsTo('ana@derechosya.example.org')).at(-1)!.subject).toBe('Su contribución está publicada');
    const secondApproval = await approve(comment.json().id);
    expect(secondApproval.statusCode).toBe(409);
  });

  it('publishes an approved assessment among the recommendation\'s statuses, on the scale of its assessor kind', async () => {
    const nhri = await memberOf('Defensoría del Pueblo', 'nhri');
    const academia = await memberOf('Universidad Nacional', 'academia');
    const before = await counts();
    const offScale = await post(nhri.session, { kind: 'assessment', status: 'in_progress', body: 'Government step, not ours' }, { id: other });
    expect(offScale.statusCode).toBe(400);
    expect(offScale.json().message).toContain('not_implemented, partially_implemented, implemented');
    const noStatus = await post(nhri.session, { kind: 'assessment', body: 'No status' }, { id: other });
    expect(noStatus.statusCode).toBe(400);
    expect(await counts()).toEqual(before);

    const assessment = await post(nhri.session, {
      kind: 'assessment', status: 'partially_implemented', body: 'The law passed; no budget yet.',
      evidence: [{ title: 'Annual report 2025', url: 'https://defensoria.example.org/informe-2025.pdf' }],
    }, { id: other });
    expect(assessment.statusCode, assessment.body).toBe(201);
    const form = new FormData();
    form.append('title', 'Monitoring notes');
    form.append('file', new Blob([new Uint8Array(PDF)]), 'notes.pdf');
    const attached = await app.inject({ method: 'POST', url: `/api/v1/contributions/${assessment.json().id}/evidence/files`, payload: form, headers: as(nhri.session) });
    expect(attached.statusCode, attached.body).toBe(201);
    const fileUrl = attached.json().evidence[1].url;
    // The file is not public before approval.
    expect((await app.inject({ method: 'GET', url: fileUrl })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: fileUrl, headers: as(nhri.session) })).statusCode).toBe(200);
    expect((await approve(assessment.json().id)).statusCode).toBe(200);
    const download = await app.inject({ method: 'GET', url: fileUrl });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');

    const academic = await post(academia.session, { kind: 'assessment', status: 'not_implemented', body: 'Our survey finds no change.' }, { id: other });
    expect(academic.statusCode, academic.body).toBe(201);
    expect((await approve(academic.json().id)).statusCode).toBe(200);

    // Labels are each instance's configuration (other test files change them): compare with the scale as it is.
    const scales = (await app.inject({ method: 'GET', url: '/api/v1/status-scales?locale=es' })).json();
    const label = scales.nhri.find((step: { key: string }) => step.key === 'partially_implemented').label;
    const status = (await app.inject({ method: 'GET', url: `/api/v1/recommendations/${other}/status?locale=es` })).json();
    expect(status.current.nhri).toMatchObject({ status: { key: 'partially_implemented', label }, reason: 'The law passed; no budget yet.' });
    // Academia assesses on the civil-society scale.
    expect(status.current.civil_society).toMatchObject({ status: { key: 'not_implemented' }, reason: 'Our survey finds no change.' });
    const rows = (await db.pool.query('select assessor_kind, assessor_organisation_id from implementation_assessment where recommendation_id = $1 order by id', [other])).rows;
    expect(rows).toEqual([{ assessor_kind: 'nhri', assessor_organisation_id: nhri.organisation }, { assessor_kind: 'civil_society', assessor_organisation_id: academia.organisation }]);
    const shown = await publicList(other);
    expect(shown[0]).toMatchObject({
      assessment: { assessor_kind: 'nhri', status: { key: 'partially_implemented', label } },
      evidence: [{ kind: 'link', title: 'Annual report 2025', url: 'https://defensoria.example.org/informe-2025.pdf' }, { kind: 'file', title: 'Monitoring notes', file_name: 'notes.pdf' }],
    });
  });

  it('shows a rejection and its reason to the author\'s organisation only', async () => {
    const author = await memberOf('Colectivo Norte');
    const stranger = await memberOf('Colectivo Sur');
    const posted = await post(author.session, { kind: 'comment', body: 'Names a private person.' });
    const rejected = await moderate(posted.json().id, 'reject', { version: 1, reason: 'It names a private person; please remove the name.' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(JSON.stringify(await publicList())).not.toContain('Names a private person');
    const mine = (await app.inject({ method: 'GET', url: '/api/v1/organisations/mine', headers: as(author.session) })).json().items[0];
    expect(mine.contributions[0]).toMatchObject({ id: posted.json().id, state: 'rejected', rejection_reason: 'It names a private person; please remove the name.' });
    const theirs = (await app.inject({ method: 'GET', url: '/api/v1/organisations/mine', headers: as(stranger.session) })).json().items[0];
    expect(theirs.contributions).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/organisations/mine', headers: as(secretariat) })).json().items).toEqual([]);
    expect((await mailsTo(author.email)).at(-1)!.body_text).toContain('It names a private person; please remove the name.');
    const queue = (await app.inject({ method: 'GET', url: '/api/v1/moderation/contributions', headers: as(secretariat) })).json().items;
    expect(queue.map((c: { id: number }) => c.id)).not.toContain(posted.json().id);
  });

  it('rejects an organisation with a reason its members receive', async () => {
    const organisation = await createOrganisation(db, 'Fundación Fantasma', 'awaiting_verification');
    await joinOrganisation(db, await createPerson(db, 'ghost@example.org'), organisation);
    const before = await counts();
    const noReason = await app.inject({ method: 'POST', url: `/api/v1/organisations/${organisation}/reject`, payload: { version: 1, reason: '\u202E ' }, headers: as(secretariat) });
    expect(noReason.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    const rejected = await app.inject({ method: 'POST', url: `/api/v1/organisations/${organisation}/reject`, payload: { version: 1, reason: 'No public record of this organisation.' }, headers: as(secretariat) });
    expect(rejected.json()).toMatchObject({ state: 'rejected', state_reason: 'No public record of this organisation.' });
    expect((await mailsTo('ghost@example.org'))[0].body_text).toContain('No public record of this organisation.');
    const ghost = await signIn(app, 'ghost@example.org');
    expect((await post(ghost, { kind: 'comment', body: 'Still here' })).statusCode).toBe(403);
  });
});

describe('registration', () => {
  it('answers the same for an address that already has an account, and tells its owner instead', async () => {
    const before = await counts();
    const response = await app.inject({ method: 'POST', url: '/api/v1/organisations', payload: {
      name: 'Impostor', kind: 'nhri', display_name: 'Someone', email: 'secretariat@example.org', password: 'another long passphrase',
    } });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'accepted' });
    const after = await counts();
    expect(after.organisations).toBe(before.organisations);
    expect(after.users).toBe(before.users);
    expect((await mailsTo('secretariat@example.org')).at(-1)!.subject).toBe('Registration attempt with your address');
  });

  it('refuses a weak password, a javascript: website and an empty name, writing nothing', async () => {
    const base = { name: 'Grupo', kind: 'academia', display_name: 'Luis', email: 'luis@grupo.example.org', password: TEST_PASSWORD };
    const before = await counts();
    const weak = await app.inject({ method: 'POST', url: '/api/v1/organisations?locale=es', payload: { ...base, password: 'short' } });
    expect(weak.statusCode).toBe(400);
    const script = await app.inject({ method: 'POST', url: '/api/v1/organisations?locale=pt', payload: { ...base, website: 'javascript:alert(1)' } });
    expect(script.statusCode).toBe(400);
    expect(script.json().message).toBe('Os links devem ser endereços web que comecem por http:// ou https://.');
    const invisible = await app.inject({ method: 'POST', url: '/api/v1/organisations', payload: { ...base, name: '\u202E\u200B\u0007' } });
    expect(invisible.statusCode).toBe(400);
    const notAnAddress = await app.inject({ method: 'POST', url: '/api/v1/organisations?locale=es', payload: { ...base, email: 'no-es-un-correo' } });
    expect(notAnAddress.statusCode).toBe(400);
    expect(notAnAddress.json().message).toContain('nombre@ejemplo.org');
    expect(await counts()).toEqual(before);
  });

  it('limits registrations per address', async () => {
    const register = (i: number) => app.inject({ method: 'POST', url: '/api/v1/organisations?locale=en', remoteAddress: '192.0.2.55', payload: {
      name: `Group ${i}`, kind: 'civil_society', display_name: 'Person', email: `person${i}@groups.example.org`, password: TEST_PASSWORD,
    } });
    for (let i = 0; i < 5; i++) expect((await register(i)).statusCode).toBe(202);
    const before = await counts();
    const refused = await register(5);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(await counts()).toEqual(before);
  });
});

describe('abuse reports', () => {
  it('hide content reported by several distinct people until the secretariat restores it; one reporter counts once', async () => {
    const author = await memberOf('Red de Vigilancia');
    const reader = await signIn(app, 'secretariat@example.org'); // any signed-in person reports as their account
    const posted = await post(author.session, { kind: 'comment', body: 'A heated but fair comment.' });
    const id = posted.json().id;
    const pendingReport = await app.inject({ method: 'POST', url: `/api/v1/contributions/${id}/reports`, payload: { reason: 'x' } });
    expect(pendingReport.statusCode).toBe(404); // only published content can be reported
    await approve(id);

    const report = (address: string, agent: string, session: Session | null = null) => app.inject({
      method: 'POST', url: `/api/v1/contributions/${id}/reports`, payload: { reason: 'Insulting' }, remoteAddress: address,
      headers: { 'user-agent': agent, ...as(session) },
    });
    expect((await report('203.0.113.7', 'Browser A')).statusCode).toBe(202);
    expect((await report('203.0.113.7', 'Browser A')).statusCode).toBe(202); // same reporter again
    expect((await report('203.0.113.8', 'Browser B', reader)).statusCode).toBe(202);
    expect((await report('203.0.113.8', 'Browser B', reader)).statusCode).toBe(202);
    expect((await db.pool.query('select count(*)::int as n from abuse_report where contribution_id = $1', [id])).rows[0].n).toBe(2);
    expect((await publicList()).map((c: { id: number }) => c.id)).toContain(id);

    expect((await report('2001:db8:1:2::9', 'Browser C')).statusCode).toBe(202);
    expect((await publicList()).map((c: { id: number }) => c.id)).not.toContain(id);
    const reporters = (await db.pool.query('select reporter from abuse_report where contribution_id = $1 order by id', [id])).rows.map((r) => r.reporter);
    expect(reporters.join(' ')).not.toMatch(/203\.0\.113|2001:db8/);
    expect(reporters[1]).toMatch(/^user:\d+$/);
    expect((await report('198.51.100.1', 'Browser D')).statusCode).toBe(404); // hidden: not reportable

    const queue = (await app.inject({ method: 'GET', url: '/api/v1/moderation/contributions', headers: as(secretariat) })).json().items;
    const hidden = queue.find((c: { id: number }) => c.id === id);
    expect(hidden).toMatchObject({ state: 'approved', hidden: true });
    expect(hidden.reports).toHaveLength(3);
    const restored = await moderate(id, 'restore', { version: hidden.version });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json().reports).toEqual([]);
    expect((await publicList()).map((c: { id: number }) => c.id)).toContain(id);
  });

  it('takes a hidden or removed assessment out of the recommendation\'s statuses and open data too', async () => {
    const nhri = await memberOf('Comisión de Derechos Humanos', 'nhri');
    const posted = await post(nhri.session, { kind: 'assessment', status: 'implemented', body: 'Fully in force since March.' });
    const id = posted.json().id;
    const nhriStatus = async () => (await app.inject({ method: 'GET', url: `/api/v1/recommendations/${recommendation}/status` })).json().current.nhri;
    // Open data: the assessment among the statuses, and the contribution itself.
    const inOpenData = async () => {
      const assessments = (await app.inject({ method: 'GET', url: '/api/v1/open-data/assessments.json' })).json();
      const contributions = (await app.inject({ method: 'GET', url: '/api/v1/open-data/contributions.json' })).json();
      const asStatus = assessments.some((row: { reason: string }) => row.reason === 'Fully in force since March.');
      const asContribution = contributions.find((row: { id: number }) => row.id === id);
      expect(Boolean(asContribution)).toBe(asStatus);
      if (asContribution) expect(asContribution).toMatchObject({ kind: 'assessment', organisation_kind: 'nhri', assessor: 'nhri', status: 'implemented', body: 'Fully in force since March.' });
      return asStatus;
    };
    expect(await inOpenData()).toBe(false); // pending
    await approve(id);
    expect(await nhriStatus()).toMatchObject({ status: { key: 'implemented' } });
    expect(await inOpenData()).toBe(true);
    const hide = async (round: string) => {
      for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
        const reported = await app.inject({ method: 'POST', url: `/api/v1/contributions/${id}/reports`, payload: { reason: 'False' }, remoteAddress: address, headers: { 'user-agent': round } });
        expect(reported.statusCode, reported.body).toBe(202);
      }
    };
    await hide('first');
    expect(await nhriStatus()).toBeFalsy();
    expect(await inOpenData()).toBe(false);
    const restored = await moderate(id, 'restore', { version: await versionOf(id) });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await nhriStatus()).toMatchObject({ status: { key: 'implemented' } });
    await hide('second');
    const removed = await moderate(id, 'reject', { version: await versionOf(id), reason: 'Not an assessment of this recommendation.' });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await nhriStatus()).toBeFalsy();
    expect(await inOpenData()).toBe(false);
  });
});

describe('posting limits', () => {
  it('refuses the post beyond the per-minute limit of an account with 429, writing nothing, and allows it a minute later', async () => {
    const busy = await memberOf('Observatorio Activo');
    for (let i = 0; i < 3; i++) expect((await post(busy.session, { kind: 'comment', body: `Comment ${i}` }, { address: '198.51.100.20' })).statusCode).toBe(201);
    const before = await counts();
    const refused = await post(busy.session, { kind: 'comment', body: 'One too many' }, { address: '198.51.100.20', locale: 'fr' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toBe('Vous avez beaucoup publié en peu de temps. Vous pourrez publier de nouveau dans 1 minutes.');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
    advance(61_000);
    expect((await post(busy.session, { kind: 'comment', body: 'Later' }, { address: '198.51.100.20' })).statusCode).toBe(201);
  });

  it('limits posts per address across accounts', async () => {
    const members = [await memberOf('Shared Office One'), await memberOf('Shared Office Two'), await memberOf('Shared Office Three'), await memberOf('Shared Office Four')];
    let accepted = 0;
    for (const member of members) {
      for (let i = 0; i < 3; i++) if ((await post(member.session, { kind: 'comment', body: `From the office ${i}` }, { address: '198.51.100.30' })).statusCode === 201) accepted++;
    }
    expect(accepted).toBe(10);
    advance(61_000);
  });
});

describe('plain text only', () => {
  it('strips control and bidirectional characters, keeps markup as literal text, and refuses links that are not http(s) in the user\'s language', async () => {
    const writer = await memberOf('Texto Plano');
    const posted = await post(writer.session, {
      kind: 'comment', body: 'Hola\u202E mundo\u0007\u200B <script>alert(1)</script>\r\n\r\n\r\n\r\nFin\u2066.',
      evidence: [{ title: 'Informe\u202E\nanual', url: '  https://example.org/informe?a=1&b=<x>  ' }],
    }, { address: '198.51.100.40' });
    expect(posted.statusCode, posted.body).toBe(201);
    const stored = (await db.pool.query('select body from contribution where id = $1', [posted.json().id])).rows[0].body;
    expect(stored).toBe('Hola mundo <script>alert(1)</script>\n\nFin.');
    expect(posted.json().evidence[0]).toMatchObject({ title: 'Informe anual', url: 'https://example.org/informe?a=1&b=%3Cx%3E' });

    const before = await counts();
    for (const url of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', '//example.org/x', 'https://user:pass@example.org']) {
      const refused = await post(writer.session, { kind: 'comment', body: 'Link', evidence: [{ title: 'Link', url }] }, { locale: 'es', address: '198.51.100.40' });
      expect(refused.statusCode, url).toBe(400);
      expect(refused.json().message).toBe('Los enlaces deben ser direcciones web que empiecen por http:// o https://.');
    }
    const invisible = await post(writer.session, { kind: 'comment', body: '\u202E\u200B\u0007 \n' }, { locale: 'en', address: '198.51.100.40' });
    expect(invisible.statusCode).toBe(400);
    expect(invisible.json().message).toBe('The text is empty once invisible characters are removed.');
    expect(await counts()).toEqual(before);
  });

  it('refuses visitors, people outside any organisation, and unknown recommendations, writing nothing', async () => {
    const member = await memberOf('Sin Ruido');
    const outsider = await signIn(app, 'secretariat@example.org');
    const before = await counts();
    expect((await post(null, { kind: 'comment', body: 'Anonymous' })).statusCode).toBe(401);
    expect((await post(outsider, { kind: 'comment', body: 'Staff' })).statusCode).toBe(403);
    expect((await post(member.session, { kind: 'comment', body: 'Other organisation', organisation_id: member.organisation + 1000 })).statusCode).toBe(403);
    expect((await post(member.session, { kind: 'comment', body: 'Nowhere' }, { id: 999_999_999 })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/recommendations/999999999/contributions' })).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('settings', () => {
  it('reads the limits from the environment, and refuses a value that is not a positive whole number', () => {
    expect(readConfig({}).participation).toMatchObject({ postsPerMinutePerAccount: 3, reportsToHide: 3, confirmationHours: 48 });
    expect(readConfig({ PARTICIPATION_REPORTS_TO_HIDE: '5' }).participation.reportsToHide).toBe(5);
    expect(() => readConfig({ PARTICIPATION_POSTS_PER_DAY: 'many' })).toThrow('PARTICIPATION_POSTS_PER_DAY must be a positive whole number, got "many"');
  });
});
