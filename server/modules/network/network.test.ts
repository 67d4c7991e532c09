/**
 * The hub of the International Network of NMIRFs through its HTTP API, with real sign-ins, a real
 * SMTP receiver and the verify CLI: a national instance has no Network routes; a State asks to
 * join with a PDF checked on its bytes and the Committee decides; the registry keeps each status
 * change; the Committee's composition rules and term warnings; a meeting's agenda, its one-month
 * rule and attendance; consensus, the vote and the published decision record that
 * `verify:decision` agrees with.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { termEnd } from '../../../shared/network/committee';
import { earliestMeetingDate } from '../../../shared/network/meetings';
import type { NetworkRole } from '../../../shared/network/roles';
import { buildApp } from '../../app';
import { verifyDecision } from '../../cli/verify-decision';
import { addDays, utcToday } from '../../platform/clock';
import { readConfig } from '../../platform/config';
import type { Database } from '../../platform/db/database';
import { connectTestDatabase } from '../../test/database';
import { as, createPerson, grantNetworkRole, resetPeople, signIn, TEST_PASSWORD, type Session } from '../../test/people';
import { mailText, startSmtpReceiver, type ReceivedMail } from '../../test/smtp';
import { queueCommitteeNotices } from './use-cases/committee';

let db: Database;
let hub: FastifyInstance;
let national: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-network-'));
const s: Record<string, Session> = {};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a0000000000049454e44ae426082', 'hex');

async function resetNetwork() {
  await db.pool.query(`truncate network_vote, network_proposal, network_attendance, network_agenda_item, network_committee_term, network_meeting,
    network_join_request, network_role, network_status_change, network_state restart identity cascade`);
}

/** A person holding a hub role, signed in. */
async function person(key: string, role: NetworkRole, iso3: string | null = null) {
  const id = await createPerson(db, `${key}@example.org`);
  await grantNetworkRole(db, id, role, iso3);
  s[key] = await signIn(hub, `${key}@example.org`);
}

const api = (who: string | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  hub.inject({ method, url, payload, headers: who ? as(s[who]) : {} });

/** Mail that reached the SMTP receiver for `to`, waiting up to a few seconds. */
async function mailFor(to: string, subject: RegExp): Promise<ReceivedMail> {
  for (let i = 0; i < 100; i++) {
    const mail = smtp.received.find((m) => m.to.includes(to) && (subject.test(m.raw) || subject.test(mailText(m.raw))));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${to} matching ${subject}; received: ${smtp.received.map((m) => m.to.join(',')).join(' | ')}`);
}

function joinForm(request: object, file: Buffer, fileName = 'communication.pdf') {
  const form = new FormData();
  form.append('request', JSON.stringify(request));
  form.append('file', new Blob([new Uint8Array(file)]), fileName);
  return form;
}
const joinRequest = (iso3: string, extra: object = {}) => ({
  iso3, requested_status: 'member', requester_name: 'Rosa Requester', requester_email: `requester.${iso3.toLowerCase()}@example.org`, requester_locale: 'es',
  focal_point_name: `Focal ${iso3}`, focal_point_email: `focal.${iso3.toLowerCase()}@example.org`, declaration_adopted_on: '2025-05-20',
  profile: { nmirf_name: { es: 'Comisión de Seguimiento' }, nmirf_type: 'inter_ministerial', tracking_system: 'SIMORE Plus' }, ...extra,
});

beforeAll(async () => {
  db = await connectTestDatabase();
  smtp = await startSmtpReceiver();
  const config = readConfig({ PUBLIC_URL: 'http://hub.test', MAIL_POLL_SECONDS: '3600', SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_FROM: 'Hub <hub@example.org>' });
  hub = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', auth: { config }, instanceRole: 'hub' });
  national = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent' });
  await resetPeople(db);
  await resetNetwork();
  // The registry: five members (founding participants) and an observer, real ISO States.
  for (const [iso3, status] of [['PRY', 'member'], ['ARG', 'member'], ['MAR', 'member'], ['PRT', 'member'], ['CRI', 'member'], ['ECU', 'observer'], ['SEN', 'observer']]) {
    await db.pool.query(`insert into network_state (iso3, status, founding, joined_on) values ($1, $2, $3, '2024-05-01')`, [iso3, status, status === 'member']);
    await db.pool.query(`insert into network_status_change (iso3, to_status, changed_on) values ($1, $2, '2024-05-01')`, [iso3, status]);
  }
  await person('secretariat', 'hub_secretariat');
  await person('coordinator', 'coordinator');
  await person('committee', 'committee_member');
  for (const iso3 of ['PRY', 'ARG', 'MAR', 'PRT', 'CRI']) await person(`focal${iso3}`, 'state_focal_point', iso3);
  await person('deputyPRT', 'state_deputy', 'PRT');
  await person('observerECU', 'observer_representative', 'ECU');
  await person('partner', 'partner');
});
afterAll(async () => {
  await hub?.close();
  await national?.close();
  await resetNetwork();
  await db?.close();
  await smtp?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('one codebase, two roles', () => {
  it('answers the Network routes only on a hub: a national instance says 404', async () => {
    expect((await national.inject({ method: 'GET', url: '/api/v1/network/states' })).statusCode).toBe(404);
    expect((await national.inject({ method: 'POST', url: '/api/v1/network/meetings', payload: {} })).statusCode).toBe(404);
    expect(national.routeAccess.some((route) => route.url.startsWith('/api/v1/network/'))).toBe(false);
    const states = await hub.inject({ method: 'GET', url: '/api/v1/network/states?locale=fr' });
    expect(states.statusCode).toBe(200);
    expect(states.json().items.find((state: { iso3: string }) => state.iso3 === 'MAR')).toMatchObject({ name: 'Maroc', status: 'member', un_regional_group: 'African Group' });
  });

  it('tells the web app which role the instance has, in its public settings', async () => {
    expect((await hub.inject({ method: 'GET', url: '/api/v1/settings' })).json().instance_role).toBe('hub');
    expect((await national.inject({ method: 'GET', url: '/api/v1/settings' })).json().instance_role).toBe('national');
  });
});

describe('joining the Network', () => {
  it('checks the formal communication on its bytes and refuses States that cannot ask', async () => {
    const png = await hub.inject({ method: 'POST', url: '/api/v1/network/join-requests?locale=es', payload: joinForm(joinRequest('URY'), PNG, 'note.pdf') });
    expect(png.statusCode).toBe(400);
    expect(png.json().message).toBe('La comunicación formal debe ser un archivo PDF (se comprueba su contenido, no su nombre).');
    const member = await hub.inject({ method: 'POST', url: '/api/v1/network/join-requests', payload: joinForm(joinRequest('PRY'), PDF) });
    expect(member.statusCode).toBe(409);
    expect(member.json().message).toBe('PRY is already in the Network, as member.');
    const notUn = await hub.inject({ method: 'POST', url: '/api/v1/network/join-requests', payload: joinForm(joinRequest('PRI'), PDF) });
    expect([400, 409]).toContain(notUn.statusCode);
    const bad = await hub.inject({ method: 'POST', url: '/api/v1/network/join-requests?locale=en', payload: joinForm({ ...joinRequest('URY'), requester_email: 'nobody' }, PDF) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^The request is not valid: .*requester_email/);
    expect((await db.pool.query('select count(*)::int as n from network_join_request')).rows[0].n).toBe(0);
  });

  it('a State asks, the Committee approves: the registry changes, the requester is emailed, the focal point is invited and sets a password', async () => {
    const submitted = await hub.inject({ method: 'POST', url: '/api/v1/network/join-requests', payload: joinForm(joinRequest('URY'), PDF) });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const id = submitted.json().id;
    // The hub secretariat and the Committee are told.
    const told = await db.pool.query(`select to_address from mail_outbox where subject = 'Request to join the Network: Uruguay'`);
    expect(told.rows.map((row) => row.to_address).sort()).toEqual(['committee@example.org', 'coordinator@example.org', 'secretariat@example.org']);
    const again = await hub.inject({ method: 'POST', url: '/api/v1/network/join-requests', payload: joinForm(joinRequest('URY'), PDF) });
    expect(again.json().message).toBe('A request of URY to join is already waiting for the Executive Committee.');

    const listed = await api('secretariat', 'GET', '/api/v1/network/join-requests?state=submitted');
    expect(listed.json().items).toMatchObject([{ id, iso3: 'URY', state_name: 'Uruguay', communication: { size_bytes: PDF.length } }]);
    const file = await api('committee', 'GET', `/api/v1/network/join-requests/${id}/communication`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect((await api('secretariat', 'POST', `/api/v1/network/join-requests/${id}/decision`, { version: 1, decision: 'approve' })).statusCode).toBe(403);
    const noReason = await api('committee', 'POST', `/api/v1/network/join-requests/${id}/decision`, { version: 1, decision: 'decline' });
    expect(noReason.json().message).toBe('Say why: a reason is required to decline a request or to ask for more.');

    const approved = await api('committee', 'POST', `/api/v1/network/join-requests/${id}/decision`, { version: 1, decision: 'approve' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', version: 2 });
    const state = (await hub.inject({ method: 'GET', url: '/api/v1/network/states/URY' })).json();
    expect(state).toMatchObject({ status: 'member', founding: false, declaration_adopted_on: '2025-05-20', nmirf_type: 'inter_ministerial', tracking_system: 'SIMORE Plus' });
    expect(state.history).toMatchObject([{ from_status: null, to_status: 'member' }]);
    expect(state.representatives).toBeUndefined(); // not for visitors

    const decision = mailText((await mailFor('requester.ury@example.org', /aprobó/)).raw);
    expect(decision).toContain('El Comité Ejecutivo aprobó la solicitud de Uruguay');
    const invitation = mailText((await mailFor('focal.ury@example.org', /reset-password/)).raw);
    const token = decodeURIComponent(/token=(\S+)/.exec(invitation)![1]);
    const set = await hub.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password: 'una contraseña bien larga' } });
    expect(set.statusCode, set.body).toBe(204);
    s.focalURY = await signIn(hub, 'focal.ury@example.org', 'una contraseña bien larga');
    const me = await api('focalURY', 'GET', '/api/v1/auth/me');
    expect(me.json().capabilities).toContainEqual({ permission: 'network:vote', scope: 'any' });
    const detail = await api('partner', 'GET', '/api/v1/network/states/URY');
    expect(detail.json().representatives).toEqual([{ role: 'state_focal_point', display_name: 'Focal URY', email: 'focal.ury@example.org' }]);
  });

  it('asks for more or declines with the reason, emailed to the requester', async () => {
    const id = (await hub.inject({ method: 'POST', url: '/api/v1/network/join-requests', payload: joinForm(joinRequest('CHL', { requester_locale: 'en', requested_status: 'observer' }), PDF) })).json().id;
    const more = await api('coordinator', 'POST', `/api/v1/network/join-requests/${id}/decision`, { version: 1, decision: 'ask_for_more', reason: 'Please attach the decree creating the mechanism.' });
    expect(more.json()).toMatchObject({ state: 'more_information_requested', decision_reason: 'Please attach the decree creating the mechanism.' });
    expect(mailText((await mailFor('requester.chl@example.org', /asks for more/)).raw)).toContain('Please attach the decree creating the mechanism.');
    const decided = await api('coordinator', 'POST', `/api/v1/network/join-requests/${id}/decision`, { version: 2, decision: 'decline', reason: 'x' });
    expect(decided.statusCode).toBe(409);
    // The State answers with a new request, which the Committee declines.
    const again = await hub.inject({ method: 'POST', url: '/api/v1/network/join-requests', payload: joinForm(joinRequest('CHL', { requester_locale: 'en', requested_status: 'observer' }), PDF) });
    expect(again.statusCode, again.body).toBe(201);
    const declined = await api('coordinator', 'POST', `/api/v1/network/join-requests/${again.json().id}/decision`, { version: 1, decision: 'decline', reason: 'Not a UN Member State body.' });
    expect(declined.json()).toMatchObject({ state: 'declined', decision_reason: 'Not a UN Member State body.' });
    expect(mailText((await mailFor('requester.chl@example.org', /declined the request/)).raw)).toContain('Not a UN Member State body.');
    expect((await hub.inject({ method: 'GET', url: '/api/v1/network/states/CHL' })).statusCode).toBe(404);
  });
});

describe('the registry', () => {
  it('keeps each status change: an observer that creates an NMIRF becomes a member', async () => {
    await person('observerSEN', 'observer_representative', 'SEN');
    const before = (await api('secretariat', 'GET', '/api/v1/network/states/SEN')).json();
    const changed = await api('secretariat', 'POST', '/api/v1/network/states/SEN/status', { version: before.version, status: 'member', changed_on: '2026-01-15', reason: 'NMIRF created by decree' });
    expect(changed.statusCode, changed.body).toBe(204);
    const stale = await api('secretariat', 'POST', '/api/v1/network/states/SEN/status', { version: before.version, status: 'observer', changed_on: '2026-02-01', reason: 'x' });
    expect(stale.statusCode).toBe(409);
    const profile = await api('secretariat', 'PATCH', '/api/v1/network/states/SEN', { version: before.version + 1, nmirf_type: 'ministerial', coordinating_ministries: ['Justice'] });
    expect(profile.statusCode, profile.body).toBe(200);
    const after = (await hub.inject({ method: 'GET', url: '/api/v1/network/states/SEN' })).json();
    expect(after).toMatchObject({ status: 'member', nmirf_type: 'ministerial', coordinating_ministries: ['Justice'] });
    expect(after.history).toEqual([
      { from_status: null, to_status: 'observer', changed_on: '2024-05-01', reason: '' },
      { from_status: 'observer', to_status: 'member', changed_on: '2026-01-15', reason: 'NMIRF created by decree' },
    ]);
    expect((await api('committee', 'PATCH', '/api/v1/network/states/SEN', { version: after.version, website: null })).statusCode).toBe(403);
    // Its representative is now its focal point, who votes for it.
    expect((await api('secretariat', 'GET', '/api/v1/network/states/SEN')).json().representatives).toEqual([
      { role: 'state_focal_point', display_name: 'observerSEN', email: 'observersen@example.org' },
    ]);
  });
});

let heldMeeting: number;
describe('the Executive Committee', () => {
  beforeAll(async () => {
    heldMeeting = Number((await db.pool.query(`insert into network_meeting (title, meets_on, status, agenda_sent_on) values ('Appointing meeting', '2025-05-10', 'held', '2025-04-01') returning id`)).rows[0].id);
  });
  const appoint = (payload: object, locale = 'en') => api('secretariat', 'POST', `/api/v1/network/committee?locale=${locale}`, { meeting_id: heldMeeting, starts_on: '2025-05-10', ...payload });

  it('refuses a composition that breaks a rule, saying which', async () => {
    const twoGrulac = await appoint({ seats: ['PRY', 'ARG', 'MAR', 'PRT'], coordinator: 'PRY' });
    expect(twoGrulac.statusCode).toBe(400);
    expect(twoGrulac.json().message).toBe('This composition of the Executive Committee breaks the rules: 2 seats from Latin American and Caribbean Group (ARG, PRY), at most 1 per regional group');
    expect(twoGrulac.json().problems).toEqual([{ code: 'region_over_limit', region: 'Latin American and Caribbean Group', states: ['ARG', 'PRY'], limit: 1 }]);
    const six = await appoint({ seats: ['PRY', 'MAR', 'PRT', 'SEN', 'URY', 'ECU'], coordinator: 'PRY' }, 'es');
    expect(six.json().message).toContain('6 puestos, se admiten como máximo 5');
    expect((await appoint({ seats: ['PRY', 'MAR', 'PRT'], coordinator: 'ARG' })).json().message).toContain('the Coordinator ARG is not on the Committee');
    expect((await appoint({ seats: ['PRY', 'MAR', 'ECU'], coordinator: 'PRY' })).json().message).toContain('ECU is an observer, not a member');
    expect((await appoint({ seats: ['PRY', 'MAR', 'XKX'], coordinator: 'PRY' })).statusCode).toBe(400);
    expect((await api('committee', 'POST', '/api/v1/network/committee', { meeting_id: heldMeeting, starts_on: '2025-05-10', seats: ['PRY', 'MAR', 'PRT'], coordinator: 'PRY' })).statusCode).toBe(403);
    expect((await db.pool.query('select count(*)::int as n from network_committee_term')).rows[0].n).toBe(0);
  });

  it('appoints for three years, warns 90 and 30 days before the end with no successor, once each, and shows the term expired after', async () => {
    const appointed = await appoint({ seats: ['PRY', 'MAR', 'PRT'], coordinator: 'PRY' });
    expect(appointed.statusCode, appointed.body).toBe(201);
    const end = termEnd('2025-05-10');
    expect(end).toBe('2028-05-09');
    const terms = (await hub.inject({ method: 'GET', url: '/api/v1/network/committee' })).json().items;
    expect(terms).toMatchObject([{ starts_on: '2025-05-10', ends_on: end, coordinator: 'PRY', state: 'active', successor_appointed: false }]);

    const before = (await db.pool.query('select count(*)::int as n from mail_outbox')).rows[0].n;
    expect(await queueCommitteeNotices(db.pool, addDays(end, -91), 'http://hub.test')).toEqual({ queued: 0 });
    // The hub secretariat, the Coordinator and the Committee member: three people, one mail each.
    expect(await queueCommitteeNotices(db.pool, addDays(end, -90), 'http://hub.test')).toEqual({ queued: 3 });
    expect(await queueCommitteeNotices(db.pool, addDays(end, -60), 'http://hub.test')).toEqual({ queued: 0 });
    expect(await queueCommitteeNotices(db.pool, addDays(end, -30), 'http://hub.test')).toEqual({ queued: 3 });
    const { rows } = await db.pool.query('select to_address, subject from mail_outbox order by id offset $1', [before]);
    expect(rows.map((row) => row.to_address).sort()).toEqual(['committee@example.org', 'committee@example.org', 'coordinator@example.org', 'coordinator@example.org', 'secretariat@example.org', 'secretariat@example.org']);
    expect(rows[0].subject).toBe("The Executive Committee's term ends in 90 days with no successor appointed");
    await mailFor('secretariat@example.org', /ends on 2028-05-09/);
    expect(await queueCommitteeNotices(db.pool, addDays(end, 1), 'http://hub.test')).toEqual({ queued: 0 });
  });
});

describe('meetings and decisions', () => {
  const today = utcToday();
  let late: number;
  let meeting: number;
  let item: number;

  it('plans a meeting, refuses to confirm it before its agenda is sent, sends the agenda to focal points, deputies and observers', async () => {
    const planned = await api('secretariat', 'POST', '/api/v1/network/meetings', { title: 'Third meeting', meets_on: addDays(today, 35), place: 'Rabat' });
    expect(planned.statusCode, planned.body).toBe(201);
    meeting = planned.json().id;
    expect(planned.json().agenda_deadline <= addDays(today, 7)).toBe(true);
    item = (await api('committee', 'POST', `/api/v1/network/meetings/${meeting}/agenda-items`, { title: 'Knowledge hub' })).json().id;
    expect((await hub.inject({ method: 'GET', url: `/api/v1/network/meetings/${meeting}` })).statusCode).toBe(404); // not public before the agenda goes
    const early = await api('secretariat', 'POST', `/api/v1/network/meetings/${meeting}/status`, { version: 2, status: 'confirmed' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: 'agenda_not_sent', earliest_valid_date: earliestMeetingDate(today) });

    const sent = await api('secretariat', 'POST', `/api/v1/network/meetings/${meeting}/send-agenda`);
    expect(sent.statusCode, sent.body).toBe(200);
    // Focal points of PRY, ARG, MAR, PRT, CRI, URY and SEN (a member now), PRT's deputy, ECU's observer representative.
    expect(sent.json()).toMatchObject({ agenda_sent_on: today, recipients: 9 });
    await mailFor('observersen@example.org', /Third meeting/);
    const observer = mailText((await mailFor('observerecu@example.org', /Third meeting/)).raw);
    expect(observer).toMatch(/Ecuador \(observ/);
    expect(observer).toContain('1. Knowledge hub');
    await mailFor('deputyprt@example.org', /Third meeting/);
    await mailFor('focal.ury@example.org', /Third meeting/);
    expect((await api('secretariat', 'POST', `/api/v1/network/meetings/${meeting}/send-agenda`)).statusCode).toBe(409);
    const confirmed = await api('secretariat', 'POST', `/api/v1/network/meetings/${meeting}/status`, { version: 3, status: 'confirmed' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', agenda_sent_on: today });
  });

  it('refuses an agenda sent three weeks before, saying why and the earliest valid date', async () => {
    late = (await api('secretariat', 'POST', '/api/v1/network/meetings', { title: 'Extraordinary meeting', meets_on: addDays(today, 21) })).json().id;
    await api('secretariat', 'POST', `/api/v1/network/meetings/${late}/agenda-items`, { title: 'Budget' });
    await api('secretariat', 'POST', `/api/v1/network/meetings/${late}/send-agenda`);
    const refused = await api('secretariat', 'POST', `/api/v1/network/meetings/${late}/status?locale=en`, { version: 3, status: 'confirmed' });
    expect(refused.statusCode).toBe(409);
    const earliest = earliestMeetingDate(today);
    expect(refused.json()).toMatchObject({ error: 'agenda_late', earliest_valid_date: earliest });
    expect(refused.json().message).toContain(`its agenda was sent on ${today}, less than one calendar month before ${addDays(today, 21)}`);
    expect(refused.json().message).toContain(`The earliest valid date for this meeting is ${earliest}.`);
    // Moved to the earliest valid date, it can be confirmed.
    expect((await api('secretariat', 'PATCH', `/api/v1/network/meetings/${late}`, { version: 3, meets_on: earliest })).statusCode).toBe(200);
    expect((await api('secretariat', 'POST', `/api/v1/network/meetings/${late}/status`, { version: 4, status: 'confirmed' })).statusCode).toBe(200);
  });

  it('records attendance, fails consensus, takes the vote (one abstention, one absent member) and publishes a record verify:decision agrees with', async () => {
    const attendance = await api('secretariat', 'PUT', `/api/v1/network/meetings/${meeting}/attendance`, {
      version: 4,
      present: [{ iso3: 'PRY' }, { iso3: 'MAR' }, { iso3: 'PRT', focal_point_present: false }, { iso3: 'CRI' }, { iso3: 'URY' }, { iso3: 'ECU' }],
    });
    expect(attendance.statusCode, attendance.body).toBe(200);
    expect(attendance.json().attendance.find((row: { iso3: string }) => row.iso3 === 'ECU')).toMatchObject({ status: 'observer' });
    const proposal = (await api('committee', 'POST', `/api/v1/network/agenda-items/${item}/proposals`, { text: 'Open the knowledge hub to partners.' })).json().id;
    expect((await api('coordinator', 'POST', `/api/v1/network/proposals/${proposal}/consensus`, { version: 1, objections: ['ARG'] })).json().message)
      .toBe('ARG is not a member present at this meeting: only members present can object.');
    const failed = await api('coordinator', 'POST', `/api/v1/network/proposals/${proposal}/consensus`, { version: 1, objections: ['MAR'] });
    expect(failed.statusCode, failed.body).toBe(204);

    const vote = (who: string, value: string) => api(who, 'POST', `/api/v1/network/proposals/${proposal}/votes`, { vote: value });
    expect((await vote('focalPRY', 'yes')).json()).toEqual({ iso3: 'PRY', vote: 'yes', cast_by: 'focal_point' });
    expect((await vote('focalMAR', 'yes')).statusCode).toBe(200);
    expect((await vote('focalMAR', 'no')).statusCode).toBe(200); // changed until the chair closes
    expect((await vote('deputyPRT', 'yes')).json()).toEqual({ iso3: 'PRT', vote: 'yes', cast_by: 'deputy' });
    expect((await vote('focalCRI', 'abstain')).statusCode).toBe(200);
    // URY's focal point is present and casts no vote. Refused: an absent member, a focal point not attending, an observer.
    const absent = await vote('focalARG', 'no');
    expect(absent.statusCode).toBe(403);
    expect(absent.json().message).toContain('only the focal point (or, when the focal point is absent, the deputy) of a member State present votes');
    expect((await vote('focalPRT', 'no')).statusCode).toBe(403);
    expect((await vote('observerECU', 'no')).statusCode).toBe(403);
    const audited = await db.pool.query(`select action, after->>'iso3' as iso3, after->>'vote' as vote from audit_log where entity = 'network_proposal' and entity_id = $1 and action in ('vote', 'change_vote') order by id`, [String(proposal)]);
    expect(audited.rows).toEqual([
      { action: 'vote', iso3: 'PRY', vote: 'yes' }, { action: 'vote', iso3: 'MAR', vote: 'yes' }, { action: 'change_vote', iso3: 'MAR', vote: 'no' },
      { action: 'vote', iso3: 'PRT', vote: 'yes' }, { action: 'vote', iso3: 'CRI', vote: 'abstain' },
    ]);
    expect((await hub.inject({ method: 'GET', url: `/api/v1/network/decisions/${proposal}` })).statusCode).toBe(404);
    expect((await api('committee', 'POST', `/api/v1/network/proposals/${proposal}/close`, { version: 2 })).statusCode).toBe(403);
    const closed = await api('coordinator', 'POST', `/api/v1/network/proposals/${proposal}/close`, { version: 2 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      method: 'vote', outcome: 'adopted', rule: 'simple-majority-of-members-present-and-voting/1', objections: ['MAR'],
      members_present: ['CRI', 'MAR', 'PRT', 'PRY', 'URY'], observers_present: ['ECU'],
      tally: { yes: 2, no: 1, abstain: 1, present_not_voting: 1 },
    });
    expect((await vote('focalMAR', 'yes')).statusCode).toBe(409);

    const published = await hub.inject({ method: 'GET', url: `/api/v1/network/decisions/${proposal}` });
    expect(published.statusCode).toBe(200);
    const file = path.join(dir, 'decision.json');
    fs.writeFileSync(file, published.body);
    let stdout = '';
    const code = await verifyDecision([file], { stdout: (text) => { stdout += text; }, stderr: (text) => { stdout += text; }, env: {}, cwd: dir });
    expect(stdout).toBe(`MATCHES: adopted by simple-majority-of-members-present-and-voting/1 (yes 2, no 1, abstain 1, present not voting 1); sha256 ${published.json().sha256}\n`);
    expect(code).toBe(0);
    // A record changed after publication does not verify.
    fs.writeFileSync(file, published.body.replace('"outcome":"adopted"', '"outcome":"not_adopted"'));
    expect(await verifyDecision([file], { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: dir })).toBe(1);
  });

  it('adopts by consensus when no member present objects, and shows the decided proposal publicly', async () => {
    const proposal = (await api('secretariat', 'POST', `/api/v1/network/agenda-items/${item}/proposals`, { text: 'Thank the host.' })).json().id;
    expect((await api('secretariat', 'POST', `/api/v1/network/proposals/${proposal}/consensus`, { version: 1, objections: [] })).statusCode).toBe(204);
    const record = (await hub.inject({ method: 'GET', url: `/api/v1/network/decisions/${proposal}` })).json();
    expect(record).toMatchObject({ method: 'consensus', rule: 'consensus-of-members-present/1', tally: null, outcome: 'adopted', votes: [] });
    const publicMeeting = (await hub.inject({ method: 'GET', url: `/api/v1/network/meetings/${meeting}` })).json();
    expect(publicMeeting.agenda_items[0].proposals.map((p: { outcome: string }) => p.outcome)).toEqual(['adopted', 'adopted']);
    // Attendance is closed once a proposal was voted on.
    expect((await api('secretariat', 'PUT', `/api/v1/network/meetings/${meeting}/attendance`, { version: 5, present: [] })).statusCode).toBe(409);
    const list = (await hub.inject({ method: 'GET', url: '/api/v1/network/meetings' })).json();
    expect(list.items.map((m: { id: number }) => m.id)).toContain(meeting);
  });
});

describe('agenda documents', () => {
  it('attaches a document checked on its bytes to an agenda item, public once the agenda is sent', async () => {
    const meetingId = (await api('secretariat', 'POST', '/api/v1/network/meetings', { title: 'Meeting with documents', meets_on: addDays(utcToday(), 60) })).json().id;
    const itemId = (await api('secretariat', 'POST', `/api/v1/network/meetings/${meetingId}/agenda-items`, { title: 'Work plan' })).json().id;
    const upload = (who: string | null, id: number, bytes: Buffer, fileName: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
      return hub.inject({ method: 'POST', url: `/api/v1/network/agenda-items/${id}/documents?locale=en`, payload: form, headers: who ? as(s[who]) : {} });
    };
    // Bytes that are no document are refused whatever the name says; nothing is recorded.
    const refused = await upload('secretariat', itemId, Buffer.from('#!/bin/sh\necho hello\n'), 'work-plan.pdf');
    expect(refused.statusCode, refused.body).toBe(400);
    expect((await upload('focalPRY', itemId, PDF, 'work-plan.pdf')).statusCode).toBe(403);
    expect((await upload(null, itemId, PDF, 'work-plan.pdf')).statusCode).toBe(401);
    expect((await upload('secretariat', 2_000_000, PDF, 'work-plan.pdf')).json().message).toBe('This agenda item does not exist.');
    const added = await upload('secretariat', itemId, PDF, 'Work plan 2027.pdf');
    expect(added.statusCode, added.body).toBe(201);
    const documentId = added.json().id;
    const audit = await db.pool.query(`select count(*)::int as n from audit_log where entity = 'network_agenda_document' and entity_id = $1`, [String(documentId)]);
    expect(audit.rows[0].n).toBe(1);

    // Before the agenda is sent: the Network's participants see it, a visitor does not.
    const detail = await api('partner', 'GET', `/api/v1/network/meetings/${meetingId}`);
    expect(detail.json().agenda_items[0].documents).toEqual([
      { id: documentId, file_name: 'Work plan 2027.pdf', media_type: 'application/pdf', size_bytes: PDF.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect((await api('partner', 'GET', `/api/v1/network/agenda-documents/${documentId}`)).rawPayload.equals(PDF)).toBe(true);
    expect((await hub.inject({ method: 'GET', url: `/api/v1/network/agenda-documents/${documentId}` })).statusCode).toBe(404);

    // Sent: public, as stored.
    expect((await api('secretariat', 'POST', `/api/v1/network/meetings/${meetingId}/send-agenda`)).statusCode).toBe(200);
    const file = await hub.inject({ method: 'GET', url: `/api/v1/network/agenda-documents/${documentId}` });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('attachment');
    const visitor = await hub.inject({ method: 'GET', url: `/api/v1/network/meetings/${meetingId}` });
    expect(visitor.json().agenda_items[0].documents).toHaveLength(1);
    expect((await hub.inject({ method: 'GET', url: '/api/v1/network/agenda-documents/2000000' })).statusCode).toBe(404);
  });
});

describe('minutes', () => {
  it('are drafted, circulated to the members present, approved with amendments as a new version and published, each version kept', async () => {
    const meeting = Number((await db.pool.query(`select id from network_meeting where title = 'Third meeting'`)).rows[0].id);
    const minutes = (step: string, payload: object, who = 'secretariat') => api(who, 'POST', `/api/v1/network/meetings/${meeting}/minutes${step}`, payload);
    expect((await minutes('', { number: 0, text: 'Draft one.' })).json()).toEqual({ number: 1 });
    expect((await minutes('', { number: 0, text: 'Stale.' })).json().message).toBe('The latest version of these minutes is number 1: reload them.');
    expect((await minutes('', { number: 1, text: 'Draft two.' })).json()).toEqual({ number: 2 });
    expect((await minutes('/approve', { number: 2 }, 'coordinator')).statusCode).toBe(409); // not circulated yet
    expect((await minutes('', { number: 2, text: 'x' }, 'committee')).statusCode).toBe(403);
    expect((await minutes('/circulate', { number: 2 })).statusCode).toBe(200);
    // The focal points and deputies of the members present (PRY, MAR, PRT's deputy, CRI, URY; not ARG, absent; not the observer).
    const circulated = await mailFor('deputyprt@example.org', /Draft two\./);
    expect(mailText(circulated.raw)).toContain('version 2 of the minutes');
    await mailFor('focal.ury@example.org', /Draft two\./);
    const { rows } = await db.pool.query(`select to_address from mail_outbox where body_text like '%Draft two.%'`);
    expect(rows.map((row) => row.to_address).sort()).toEqual(['deputyprt@example.org', 'focal.ury@example.org', 'focalcri@example.org', 'focalmar@example.org', 'focalprt@example.org', 'focalpry@example.org']);
    expect((await api('focalPRY', 'GET', `/api/v1/network/meetings/${meeting}`)).json().minutes).toBeNull();
    expect((await minutes('/approve', { number: 2, amended_text: 'Draft two, amended.', amendments: 'Morocco corrected item 1.' }, 'coordinator')).json()).toEqual({ number: 3 });
    expect((await minutes('/publish', { number: 3 }, 'coordinator')).statusCode).toBe(403);
    expect((await minutes('/publish', { number: 3 })).json()).toEqual({ number: 3 });
    const versions = (await api('partner', 'GET', `/api/v1/network/meetings/${meeting}/minutes`)).json().versions;
    expect(versions.map((v: { number: number; state: string; amendments: string | null }) => [v.number, v.state, v.amendments])).toEqual([
      [1, 'draft', null], [2, 'circulated', null], [3, 'published', 'Morocco corrected item 1.'],
    ]);
    expect((await hub.inject({ method: 'GET', url: `/api/v1/network/meetings/${meeting}` })).json().minutes).toEqual({ number: 3, text: 'Draft two, amended.' });
    expect((await hub.inject({ method: 'GET', url: `/api/v1/network/meetings/${meeting}/minutes` })).statusCode).toBe(401);
    expect((await minutes('', { number: 3, text: 'After publication.' })).statusCode).toBe(409);
  });
});

describe('the composition rule, changed by decision', () => {
  it('needs an adopted proposal, and later appointments follow the new rule', async () => {
    const { rows } = await db.pool.query(`select id, outcome from network_proposal order by id`);
    const adopted = rows.find((row) => row.outcome === 'adopted').id;
    const open = (await api('secretariat', 'POST', `/api/v1/network/agenda-items/${(await db.pool.query('select id from network_agenda_item limit 1')).rows[0].id}/proposals`, { text: 'Two seats per group.' })).json().id;
    const rule = { min_seats: 3, max_seats: 5, max_seats_per_region: 2 };
    const undecided = await api('secretariat', 'PUT', '/api/v1/network/committee-rule', { version: 0, ...rule, proposal_id: open });
    expect(undecided.statusCode).toBe(400);
    expect(undecided.json().message).toBe('The rule changes only by a decision of the Network: name a proposal that was adopted.');
    const changed = await api('secretariat', 'PUT', '/api/v1/network/committee-rule', { version: 0, ...rule, proposal_id: adopted });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ ...rule, proposal_id: adopted, version: 1 });
    expect((await api('secretariat', 'PUT', '/api/v1/network/committee-rule', { version: 0, ...rule, proposal_id: adopted })).statusCode).toBe(409);
    expect((await hub.inject({ method: 'GET', url: '/api/v1/network/committee' })).json().rule).toEqual({ ...rule, proposal_id: adopted, version: 1 });
    const twoGrulac = await api('secretariat', 'POST', '/api/v1/network/committee', { meeting_id: heldMeeting, starts_on: '2028-05-10', seats: ['PRY', 'ARG', 'MAR', 'PRT'], coordinator: 'ARG' });
    expect(twoGrulac.statusCode, twoGrulac.body).toBe(201);
    const terms = (await hub.inject({ method: 'GET', url: '/api/v1/network/committee' })).json().items;
    expect(terms.map((term: { starts_on: string; successor_appointed: boolean }) => [term.starts_on, term.successor_appointed])).toEqual([['2028-05-10', false], ['2025-05-10', true]]);
    expect(await queueCommitteeNotices(db.pool, '2028-04-15', 'http://hub.test')).toEqual({ queued: 0 }); // a successor is appointed: no warning
  });
});

describe('sign-in on the hub', () => {
  it('carries the hub roles into the session', async () => {
    const session = await signIn(hub, 'observerECU@example.org', TEST_PASSWORD);
    const me = (await hub.inject({ method: 'GET', url: '/api/v1/auth/me', headers: as(session) })).json();
    expect(me.capabilities.map((c: { permission: string }) => c.permission)).toEqual(expect.arrayContaining(['network:meeting_read', 'network:participants_read']));
    expect(me.capabilities.map((c: { permission: string }) => c.permission)).not.toContain('network:vote');
  });
});
