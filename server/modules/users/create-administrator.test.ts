/** The first administrator: created on an instance without one, sets the password through the printed link. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, inject } from 'vitest';
import type { Database } from '../../platform/db/database';
import { testApp } from '../../test/app';
import { createPerson, resetPeople, signIn } from '../../test/people';
import { adminCreateCommand } from '../../cli/admin-create';
import { AdministratorRefused, createAdministrator, firstAdministratorHint } from './use-cases/create-administrator';

let db: Database;
let app: FastifyInstance;
let close: () => Promise<void>;
const root = path.resolve(import.meta.dirname, '../../..');
const deps = { publicUrl: 'https://nmirf.example.org', now: () => new Date(), actor: 'cli:operator' as const };

beforeAll(async () => { ({ app, db, close } = await testApp()); });
afterAll(async () => close());
beforeEach(async () => resetPeople(db));

const counts = async () => (await db.pool.query(`select (select count(*) from app_user) as users,
  (select count(*) from membership) as memberships, (select count(*) from password_token) as tokens,
  (select count(*) from audit_log) as audit`)).rows[0];

describe('createAdministrator', () => {
  it('creates an administrator whose one-time link sets the password, and the start-up hint goes away', async () => {
    expect(await firstAdministratorHint(db.pool)).toMatch(/npm run admin:create -- --email/);
    const created = await createAdministrator(db.pool, { email: ' First.Admin@Example.org ', name: 'Primera Administradora' }, deps);
    expect(created.email).toBe('first.admin@example.org');
    // Created without a language: the instance's default one (no settings saved yet: the one fallback, English).
    expect(created.link).toMatch(/^https:\/\/nmirf\.example\.org\/en\/reset-password\?token=/);
    expect(await firstAdministratorHint(db.pool)).toBeNull();

    const { rows: audit } = await db.pool.query(`select actor, action, entity from audit_log order by id`);
    expect(audit).toEqual([
      { actor: 'cli:operator', action: 'create', entity: 'user' },
      { actor: 'cli:operator', action: 'create', entity: 'membership' },
    ]);

    const token = new URL(created.link).searchParams.get('token');
    const password = 'the first administrator chose this';
    const confirm = () => app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password } });
    expect((await confirm()).statusCode).toBeLessThan(300);
    expect((await confirm()).statusCode).toBe(400); // once only
    const session = await signIn(app, 'first.admin@example.org', password);
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    expect(me.json().user.memberships).toEqual([{ role: 'administrator', institution_id: null }]);
  });

  it('refuses a malformed address and an existing one, writing nothing', async () => {
    await createPerson(db, 'taken@example.org');
    const before = await counts();
    await expect(createAdministrator(db.pool, { email: 'not-an-address' }, deps)).rejects.toMatchObject({ reason: 'email_invalid' });
    const taken = createAdministrator(db.pool, { email: 'TAKEN@example.org' }, deps);
    await expect(taken).rejects.toBeInstanceOf(AdministratorRefused);
    await expect(taken).rejects.toMatchObject({ reason: 'email_taken', message: expect.stringContaining('already exists') });
    expect(await counts()).toEqual(before);
  });

  it('an inactive administrator does not count', async () => {
    const id = await createPerson(db, 'old.admin@example.org', 'administrator');
    expect(await firstAdministratorHint(db.pool)).toBeNull();
    await db.pool.query('update app_user set active = false where id = $1', [id]);
    expect(await firstAdministratorHint(db.pool)).not.toBeNull();
  });
});

interface Run { code: number | null; stdout: string; stderr: string }
function adminCreate(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/cli/admin-create.ts'), ...args], {
      cwd: root, env: { ...process.env, DATABASE_URL: inject('databaseUrl'), PUBLIC_URL: 'https://nmirf.example.org' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The command's logic in process, with its output captured. */
async function adminCreateInProcess(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await adminCreateCommand(args, {
    stdout: (text) => { stdout += text; },
    stderr: (text) => { stderr += text; },
    env: { DATABASE_URL: inject('databaseUrl'), PUBLIC_URL: 'https://nmirf.example.org' },
    cwd: root,
  });
  return { code, stdout, stderr };
}

describe('npm run admin:create', () => {
  it('prints the link (as a process), then refuses the same address (exit 1) and a malformed one (exit 2)', async () => {
    const ok = await adminCreate(['--email', 'cli.admin@example.org', '--name', 'CLI Admin', '--locale', 'en']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^https:\/\/nmirf\.example\.org\/en\/reset-password\?token=\S+$/m);
    expect(await firstAdministratorHint(db.pool)).toBeNull();

    const again = await adminCreateInProcess(['--email', 'cli.admin@example.org']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; nothing was written/);
    const bad = await adminCreateInProcess(['--email', 'cli.admin@']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a valid email address/);
    expect((await db.pool.query('select count(*)::int as n from app_user')).rows[0].n).toBe(1);
  });
});
