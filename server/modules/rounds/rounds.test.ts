import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../platform/config';
import { startJobRunner } from '../../platform/jobs/runner';
import { createSmtpTransport, deliverPending } from '../../platform/mail/mailer';
import { appWithDemoData, type TestApp } from '../../test/app';
import { as, createInstitution, createPerson, resetPeople, signIn, type Session } from '../../test/people';
import { mailText, startSmtpReceiver } from '../../test/smtp';
import { noticeStage, queueRoundNotices } from './round-notices';

let t: TestApp;
let education: number;
let health: number;
let educationRecs: number[];
let healthRecs: number[];
const s: Record<string, Session> = {};

beforeAll(async () => {
  t = await appWithDemoData();
  await resetPeople(t.db);
  await t.db.pool.query('truncate reporting_round, job_run, job_slot');
  education = await createInstitution(t.db, 'Ministry of Education');
  health = await createInstitution(t.db, 'Ministry of Health');
  const people = [
    ['secretariat', 'secretariat', undefined], ['edu.focal', 'focal_point', education], ['edu.validator', 'validator', education],
    ['health.focal', 'focal_point', health], ['health.alternate', 'alternate_focal_point', health], ['health.validator', 'validator', health],
  ] as const;
  for (const [name, role, institution] of people) {
    await createPerson(t.db, `${name}@example.org`, role, institution);
    s[name] = await signIn(t.app, `${name}@example.org`);
  }
  // Each person is written to in their own language.
  await t.db.pool.query(`update app_user set locale = 'es' where email = 'health.focal@example.org'`);
  const { rows } = await t.db.pool.query(`select r.id from recommendation r join mechanism m on m.id = r.mechanism_id where m.code = 'UPR' order by r.id limit 5`);
  educationRecs = rows.slice(0, 2).map((r) => Number(r.id));
  healthRecs = rows.slice(2, 5).map((r) => Number(r.id));
  await t.db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility)
    select unnest($1::bigint[]), $2::int, 'lead' union all select unnest($3::bigint[]), $4::int, 'lead'`, [educationRecs, education, healthRecs, health]);
});
afterAll(async () => t.close());

const api = (who: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: who ? as(s[who]) : {} });

/** The education ministry reports on a recommendation and its validator validates. */
async function reportAndValidate(recommendationId: number) {
  const created = await api('edu.focal', 'POST', '/api/v1/actions', {
    institution_id: education, title: { es: 'Capacitación docente' }, original_language: 'es', action_type: 'training', reach: 'structural',
    recommendation_ids: [recommendationId],
  });
  expect(created.statusCode, created.body).toBe(201);
  const submitted = await api('edu.focal', 'POST', `/api/v1/actions/${created.json().id}/submit`, { version: 1 });
  expect(submitted.statusCode).toBe(200);
  return created.json().id as number;
}

const ROUND = {
  title: { es: 'Informe de medio término EPU 2030', en: 'UPR mid-term report 2030' },
  scope: { mechanisms: ['UPR'] }, opens_on: '2026-01-01', due_on: '2030-03-15',
  reminder_days: [7, 1], escalate_to_validator_after_days: 2, escalate_to_secretariat_after_days: 5,
};

describe('reporting rounds', () => {
  let round: { id: number; version: number };

  it('are opened by the secretariat only, with their dates and scope checked', async () => {
    expect((await api('edu.focal', 'POST', '/api/v1/rounds', ROUND)).statusCode).toBe(403);
    const backwards = await api('secretariat', 'POST', '/api/v1/rounds?locale=es', { ...ROUND, due_on: '2025-01-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toContain('vencimiento');
    const unknown = await api('secretariat', 'POST', '/api/v1/rounds', { ...ROUND, scope: { mechanisms: ['UPR', 'NOPE'] } });
    expect(unknown.json().message).toContain('NOPE');
    const created = await api('secretariat', 'POST', '/api/v1/rounds?locale=en', ROUND);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ title: 'UPR mid-term report 2030', scope: { mechanisms: ['UPR'] }, reminder_days: [7, 1], version: 1 });
    round = created.json();
    // Everyone in the follow-up sees the round; the public does not.
    expect((await api('health.focal', 'GET', `/api/v1/rounds/${round.id}`)).statusCode).toBe(200);
    expect((await api(null, 'GET', `/api/v1/rounds/${round.id}`)).statusCode).toBe(401);
  });

  it('shows each institution what it owes and the secretariat who has submitted, validated, or not', async () => {
    const first = await reportAndValidate(educationRecs[0]);
    const owed = await api('edu.focal', 'GET', `/api/v1/rounds/${round.id}/institutions/${education}?locale=en`);
    expect(owed.statusCode, owed.body).toBe(200);
    expect(owed.json().progress).toMatchObject({ owed: 2, submitted: 1, validated: 0, progress: 'in_progress' });
    expect(owed.json().items.map((i: { recommendation_id: number; submitted: boolean }) => [i.recommendation_id, i.submitted]).sort())
      .toEqual([[educationRecs[0], true], [educationRecs[1], false]].sort());
    expect((await api('edu.focal', 'GET', `/api/v1/rounds/${round.id}/institutions/${health}`)).statusCode).toBe(403);
    expect((await api('edu.focal', 'GET', `/api/v1/rounds/${round.id}/dashboard`)).statusCode).toBe(403);
    // What the reader may do for the institution comes with the answer: its focal point reports, its validator and the secretariat do not.
    expect(owed.json().permissions).toEqual(['action:create']);
    expect((await api('edu.validator', 'GET', `/api/v1/rounds/${round.id}/institutions/${education}`)).json().permissions).toEqual([]);
    expect((await api('secretariat', 'GET', `/api/v1/rounds/${round.id}/institutions/${education}`)).json().permissions).toEqual([]);

    await api('edu.validator', 'POST', `/api/v1/actions/${first}/validate`, { version: 2 });
    await reportAndValidate(educationRecs[1]);
    const dashboard = (await api('secretariat', 'GET', `/api/v1/rounds/${round.id}/dashboard?locale=en`)).json();
    expect(dashboard.totals).toEqual({ institutions: 2, owed: 5, submitted: 2, validated: 1 });
    const byName = Object.fromEntries(dashboard.institutions.map((i: { institution: { name: string } }) => [i.institution.name, i]));
    expect(byName['Ministry of Education']).toMatchObject({ owed: 2, submitted: 2, validated: 1, progress: 'submitted', overdue: false });
    expect(byName['Ministry of Health']).toMatchObject({ owed: 3, submitted: 0, validated: 0, progress: 'not_started' });

    const stale = await api('secretariat', 'PATCH', `/api/v1/rounds/${round.id}`, { version: 9, due_on: '2030-03-20' });
    expect(stale.statusCode).toBe(409);
  });

  it('sends reminders, the overdue notice and the escalations once each, across a restart of the job runner', async () => {
    // Only the round's notices from here on (the reports above already emailed their validators).
    await t.db.pool.query('truncate mail_outbox');
    const smtp = await startSmtpReceiver();
    const config = readConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_FROM: 'NMIRF <nmirf@example.org>', PUBLIC_URL: 'https://nmirf.example.org' });
    const transport = createSmtpTransport(config)!;
    let today = '2030-03-01';
    const runner = () => startJobRunner(t.db.pool, [{
      name: 'round-notices', everyMinutes: 60, run: () => queueRoundNotices(t.db.pool, today, config.publicUrl),
    }], { autoStart: false, now: () => new Date(`${today}T12:00:00Z`) }); // the app clock: noon on `today`
    /** One day: run the job (twice, as a busy server might), deliver over SMTP, and say who got what. */
    const day = async (date: string, jobs = runner()) => {
      today = date;
      await jobs.runAll();
      await jobs.runAll();
      const before = smtp.received.length;
      await deliverPending(t.db, transport);
      return smtp.received.slice(before).map((mail) => `${mail.to.join(',')}: ${/^Subject: (.*)$/m.exec(mail.raw)?.[1]}`).sort();
    };
    try {
      expect(await day('2030-03-01')).toEqual([]); // 14 days left: no reminder scheduled that early
      const week = await day('2030-03-08');
      expect(week).toHaveLength(2);
      expect(week[0]).toMatch(/^health\.alternate@example\.org: =\?UTF-8\?Q\?Reminder=3A_=22UPR_mid-term_report_2030/);
      expect(week[1]).toMatch(/^health\.focal@example\.org: =\?UTF-8\?Q\?Recordatorio/);
      // Education has submitted everything: nobody there is reminded.
      expect(smtp.received.some((mail) => mail.to.some((to) => to.startsWith('edu.')))).toBe(false);
      const body = mailText(smtp.received.find((mail) => mail.to.includes('health.focal@example.org'))!.raw);
      expect(body).toContain('Informe de medio término EPU 2030');
      expect(body).toContain('3 de sus 3 recomendaciones');
      expect(body).toContain('https://nmirf.example.org/es/workspace');

      // A new runner (the process restarted) on the next day: the 7-day reminder is not sent again.
      expect(await day('2030-03-09', runner())).toEqual([]);
      expect(await day('2030-03-14')).toHaveLength(2); // the 1-day reminder
      expect(await day('2030-03-15')).toEqual([]); // due today: the 1-day reminder already went
      const overdue = await day('2030-03-16');
      expect(overdue).toHaveLength(2);
      expect(overdue[1]).toContain('Vencido');
      const validator = await day('2030-03-17', runner());
      expect(validator).toEqual([expect.stringMatching(/^health\.validator@example\.org: /)]);
      expect(await day('2030-03-19')).toEqual([]);
      const secretariat = await day('2030-03-20', runner());
      expect(secretariat).toEqual([expect.stringMatching(/^secretariat@example\.org: /)]);
      expect(await day('2030-04-30')).toEqual([]);
      expect(smtp.received).toHaveLength(8);

      const { rows } = await t.db.pool.query(`select name, last_error from job_run`);
      expect(rows).toEqual([{ name: 'round-notices', last_error: null }]);
      // A closed round sends nothing more.
      const current = (await api('secretariat', 'GET', `/api/v1/rounds/${round.id}`)).json();
      expect((await api('secretariat', 'PATCH', `/api/v1/rounds/${round.id}`, { version: current.version, closed: true })).statusCode).toBe(200);
      expect(await queueRoundNotices(t.db.pool, '2030-03-14', config.publicUrl)).toBe(0);
    } finally {
      transport.close?.();
      await smtp.close();
    }
  });
});

describe('which notice is due on a day', () => {
  const round = { due_on: '2030-03-15', reminder_days: [14, 7, 1], escalate_to_validator_after_days: 3, escalate_to_secretariat_after_days: 7 };
  it.each([
    ['2030-02-01', null],
    ['2030-03-01', { kind: 'reminder', daysBefore: 14 }],
    ['2030-03-07', { kind: 'reminder', daysBefore: 14 }],
    ['2030-03-08', { kind: 'reminder', daysBefore: 7 }],
    ['2030-03-14', { kind: 'reminder', daysBefore: 1 }],
    ['2030-03-15', { kind: 'reminder', daysBefore: 1 }],
    ['2030-03-16', { kind: 'overdue' }],
    ['2030-03-18', { kind: 'escalation_validator' }],
    ['2030-03-22', { kind: 'escalation_secretariat' }],
    ['2031-01-01', { kind: 'escalation_secretariat' }],
  ])('%s → %j', (today, expected) => {
    expect(noticeStage(round, today)).toEqual(expected);
  });
});
