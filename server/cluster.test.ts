/**
 * Several app servers on one database. In process (both databases): two
 * pools, two job runners, the same due time → each job once, each notice and
 * archive once. With real processes (PostgreSQL only: the embedded database
 * serves one process by design, its DATA_DIR is locked to one server): two
 * servers started together on one database and one shared UPLOAD_DIR and
 * BACKUP_DIR run the start-up jobs once, share sessions and login throttling,
 * and each sees the other's writes on the next request.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startServer, type RunningServer } from '../e2e/server';
import { DEMO_FILE } from './db/seeds/demo';
import { importRecommendations } from './modules/recommendations/use-cases/import-recommendations';
import { readConfig } from './platform/config';
import { openDatabase, type Database } from './platform/db/database';
import { prepareDatabase } from './platform/db/migrate';
import { startJobRunner } from './platform/jobs/runner';
import { scheduledJobs } from './start';
import { connectTestDatabase, resetCatalogue } from './test/database';
import { createInstitution, createPerson, resetPeople, TEST_PASSWORD } from './test/people';

const kind = inject('databaseKind');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-cluster-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** People, recommendations and a reporting round whose 1-day reminder falls due on `today`. */
async function followUpWork(db: Database, today: string) {
  await resetPeople(db);
  await resetCatalogue(db);
  await db.pool.query('truncate reporting_round, reporting_obligation, job_slot, job_run, backup_run');
  await importRecommendations(db.pool, fs.readFileSync(DEMO_FILE), { fileName: 'recommendations.csv', format: 'csv', actor: 'system:test' });
  const ministry = await createInstitution(db, 'Ministry of Education');
  await createPerson(db, 'focal@example.org', 'focal_point', ministry);
  await createPerson(db, 'alternate@example.org', 'alternate_focal_point', ministry);
  await createPerson(db, 'secretariat@example.org', 'secretariat');
  await createPerson(db, 'admin@example.org', 'administrator');
  const { rows } = await db.pool.query('select id from recommendation order by id limit 3');
  await db.pool.query(`insert into assignment (recommendation_id, institution_id, responsibility) select unnest($1::bigint[]), $2, 'lead'`,
    [rows.map((r) => r.id), ministry]);
  const due = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await db.pool.query(`insert into reporting_round (title, opens_on, due_on, reminder_days) values ($1, '2020-01-01', $2, '{1}')`,
    [JSON.stringify({ en: 'Mid-term report' }), due]);
}

/** What the due jobs left behind: reminder mails per address, archives, backup records, claimed due times per job. */
async function outcome(db: Database, backupDir: string) {
  const { rows: mails } = await db.pool.query(`select to_address, count(*)::int as n from mail_outbox where dedupe_key like 'round:%' group by to_address order by to_address`);
  const { rows: slots } = await db.pool.query(`select job, count(*)::int as n from job_slot group by job order by job`);
  const { rows: backups } = await db.pool.query(`select count(*)::int as n, count(error)::int as failed from backup_run`);
  const { rows: [failureMails] } = await db.pool.query(`select count(*)::int as n from mail_outbox where dedupe_key like 'backup-failed:%'`);
  return {
    mails: Object.fromEntries(mails.map((m) => [m.to_address, m.n])),
    slots: Object.fromEntries(slots.map((s) => [s.job, s.n])),
    archives: fs.existsSync(backupDir) ? fs.readdirSync(backupDir).filter((name) => name.endsWith('.tar.gz')).length : 0,
    backups: backups[0],
    failureMails: failureMails.n,
  };
}

describe('scheduled jobs on two app servers in one process', () => {
  it('run each due job once across both, however often both try', async () => {
    const [a, b] = [await connectTestDatabase(), await connectTestDatabase()];
    cleanups.push(() => a.close(), () => b.close());
    await followUpWork(a, '2030-03-14');
    const backupDir = path.join(tmp, 'in-process-backups');
    const config = readConfig({ BACKUP_DIR: backupDir, UPLOAD_DIR: path.join(tmp, 'in-process-uploads'), TIME_ZONE: 'UTC', JOB_MINUTES: '60' });
    const at = () => new Date('2030-03-14T09:30:00Z');
    const runners = [a, b].map((db) => startJobRunner(db.pool, scheduledJobs(db, config), { now: at, autoStart: false }));
    await Promise.all([...runners, ...runners].map((runner) => runner.runAll()));
    await Promise.all(runners.map((runner) => runner.stop()));
    expect(await outcome(a, backupDir)).toEqual({
      mails: { 'alternate@example.org': 1, 'focal@example.org': 1 },
      slots: { backup: 1, 'evidence-sweep': 1, 'federation-publication': 1, 'obligation-notices': 1, 'related-scan': 1, 'round-notices': 1, 'suggest-train': 1 },
      archives: 1,
      backups: { n: 1, failed: 0 },
      failureMails: 0,
    });
  }, 240_000); // the suggestion job trains a model on the demo data
});

describe.skipIf(kind !== 'postgres')('two app server processes on one PostgreSQL database (skipped on the embedded database: it serves one process by design)', () => {
  let db: Database;
  let servers: RunningServer[];
  const backupDir = path.join(tmp, 'backups');
  const uploadDir = path.join(tmp, 'uploads');

  /** A fresh database beside the run's, with follow-up work whose reminder is due today; both servers started on it at once. */
  async function start() {
    const name = `nmirf_cluster_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client(inject('databaseUrl'));
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(inject('databaseUrl'));
    url.pathname = `/${name}`;
    db = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', poolSize: 4 });
    cleanups.push(async () => { await db.close(); await admin.query(`drop database ${name} with (force)`); await admin.end(); });
    await prepareDatabase(db.pool);
    await followUpWork(db, new Date().toISOString().slice(0, 10));
    const env = {
      DATABASE_URL: url.toString(), SEED_DEMO: 'false', UPLOAD_DIR: uploadDir, BACKUP_DIR: backupDir, TIME_ZONE: 'UTC', LOG_LEVEL: 'warn',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
    };
    servers = await Promise.all([startServer({ env, webBuild: false }), startServer({ env, webBuild: false })]);
    cleanups.push(async () => { await Promise.all(servers.map((server) => server.stop())); });
  }

  const call = async (server: RunningServer, method: string, url: string, options: { cookie?: string; csrf?: string; json?: unknown; body?: FormData } = {}) => {
    const headers: Record<string, string> = { 'accept-language': 'en' };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.csrf) headers['x-csrf-token'] = options.csrf;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${server.baseUrl}${url}`, { method, headers, body: options.body ?? (options.json === undefined ? undefined : JSON.stringify(options.json)) });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null, cookie: response.headers.get('set-cookie')?.split(';')[0] };
  };
  const login = (server: RunningServer, email: string, password = TEST_PASSWORD) =>
    call(server, 'POST', '/api/v1/auth/login', { json: { email, password } });

  it('run the start-up jobs once between them', async () => {
    await start();
    // Each server tries every job at start-up; wait until all seven have run somewhere.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const { rows: [done] } = await db.pool.query('select count(*)::int as n from job_slot where finished_at is not null');
      if (done.n >= 7) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a second run, had there been one, would show by now
    expect(await outcome(db, backupDir)).toEqual({
      mails: { 'alternate@example.org': 1, 'focal@example.org': 1 },
      slots: { backup: 1, 'evidence-sweep': 1, 'federation-publication': 1, 'obligation-notices': 1, 'related-scan': 1, 'round-notices': 1, 'suggest-train': 1 },
      archives: 1,
      backups: { n: 1, failed: 0 },
      failureMails: 0,
    });
    for (const server of servers) expect((await call(server, 'GET', '/api/health/ready')).status).toBe(200);
  }, 300_000);

  it('share sessions: signed in on one, known on the other; signed out on the other, gone on the first', async () => {
    const [a, b] = servers;
    const signedIn = await login(a, 'focal@example.org');
    expect(signedIn.status).toBe(200);
    const me = await call(b, 'GET', '/api/v1/auth/me', { cookie: signedIn.cookie });
    expect(me.status).toBe(200);
    expect(me.json.user.email).toBe('focal@example.org');
    expect((await call(b, 'POST', '/api/v1/auth/logout', { cookie: signedIn.cookie, csrf: signedIn.json.csrf_token })).status).toBe(204);
    expect((await call(a, 'GET', '/api/v1/auth/me', { cookie: signedIn.cookie })).status).toBe(401);
  });

  it('count failed sign-ins across both: failures split between them reach the limit', async () => {
    const [a, b] = servers;
    for (const server of [a, b, a, b, a]) expect((await login(server, 'alternate@example.org', 'not the password at all')).status).toBe(401);
    expect((await login(b, 'alternate@example.org')).status).toBe(429);
    expect((await login(a, 'alternate@example.org')).status).toBe(429);
  });

  it('show a write made through one in the other\'s search on the next request', async () => {
    const [a, b] = servers;
    const before = await call(b, 'GET', '/api/v1/recommendations?q=cooperativas&lang=es');
    expect(before.json.total).toBe(0);
    const facetsBefore = (await call(b, 'GET', '/api/v1/recommendations?locale=en')).json;
    const session = await login(a, 'secretariat@example.org');
    const form = new FormData();
    form.append('file', new Blob(['mechanism,country,language,date,paragraph,symbol,text,themes\n'
      + 'UPR,PRY,es,2022-01-10,9,A/HRC/50/1,Apoyar a las cooperativas de mujeres rurales,cooperatives\n']), 'new.csv');
    const imported = await call(a, 'POST', '/api/v1/imports', { cookie: session.cookie, csrf: session.json.csrf_token, body: form });
    expect(imported.status, JSON.stringify(imported.json)).toBe(200);
    expect(imported.json).toMatchObject({ created: 1, written: true });
    const after = await call(b, 'GET', '/api/v1/recommendations?q=cooperativas&lang=es&locale=en');
    expect(after.json.total).toBe(1);
    expect(after.json.items[0].text).toContain('cooperativas de mujeres rurales');
    const facetsAfter = (await call(b, 'GET', '/api/v1/recommendations?locale=en')).json;
    expect(facetsAfter.total).toBe(facetsBefore.total + 1);
    // The new vocabulary term the import brought is labelled on the other server too.
    const theme = await call(b, 'GET', `/api/v1/recommendations/${after.json.items[0].id}?locale=en`);
    expect(theme.status).toBe(200);
    expect(JSON.stringify(theme.json.themes ?? theme.json)).toContain('ooperatives');
  });
});
