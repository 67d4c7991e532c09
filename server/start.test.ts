/**
 * `npm start` on an embedded data directory, as a user meets it: after the
 * importer created the database (server started in process), and with a second
 * server or a killed one on the same directory (real processes). The importer
 * runs in process (its command as a process is shown in cli/import.test.ts).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand } from './cli/import';
import { readConfig } from './platform/config';
import { startServer, type RunningServer } from './start';

const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-start-'));
const children: ChildProcessWithoutNullStreams[] = [];
const servers: RunningServer[] = [];

afterAll(async () => {
  for (const server of servers) await server.stop().catch(() => undefined);
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** An environment without the test run's own database settings. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, SEED_DEMO: _seed, PUBLIC_URL: _public, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', ...extra };
}

function spawnNode(script: string, args: string[], extra: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], { cwd: root, env: env(extra) });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  const printed = (text: string, timeoutMs = 120_000) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${timeoutMs} ms; stdout: ${stdout} stderr: ${stderr}`)), timeoutMs);
    const check = () => { if (stdout.includes(text)) { clearTimeout(timer); resolve(); } };
    child.stdout.on('data', check);
    check();
    void exited.then(() => { clearTimeout(timer); if (!stdout.includes(text)) reject(new Error(`exited before "${text}": ${stderr}`)); });
  });
  return { child, exited, printed };
}

/** The import command in process, on the embedded database under dataDir (attaching to the server that holds it, if one does). */
async function importFile(file: string, dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await importCommand([file], {
    stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; }, env: env({ DATA_DIR: dataDir }), cwd: root,
  });
  return { code, stdout, stderr };
}
const startProcess = (dataDir: string, port: number) => spawnNode('server/main.ts', [], { DATA_DIR: dataDir, PORT: String(port), SEED_DEMO: 'false' });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const CSV = 'mechanism,country,language,date,paragraph,symbol,text,external_id\n' +
  'UPR,PRY,es,2021-03-01,1,A/HRC/48/9,Garantizar el acceso a la educación intercultural bilingüe en zonas rurales,field-1\n' +
  'UPR,PRY,es,2021-03-01,2,A/HRC/48/9,Fortalecer la protección de las personas defensoras del medio ambiente,field-2\n';

describe('npm start on a database the importer created', () => {
  const imported = path.join(tmp, 'imported');
  const file = path.join(tmp, 'field.csv');

  beforeAll(async () => {
    fs.writeFileSync(file, CSV);
    const run = await importFile(file, imported);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toMatchObject({ created: 2 });
    expect(fs.existsSync(path.join(imported, 'embedded.json'))).toBe(false);
    fs.cpSync(imported, `${imported}-nodemo`, { recursive: true });
    fs.cpSync(imported, `${imported}-jobs`, { recursive: true });
  }, 180_000);

  async function start(dataDir: string, seedDemo: boolean, extra: Record<string, string> = {}) {
    const port = await freePort();
    const printed: string[] = [];
    const config = readConfig(env({ DATA_DIR: dataDir, PORT: String(port), SEED_DEMO: String(seedDemo), LOG_LEVEL: 'silent', ...extra }));
    const server = await startServer(config, { print: (line) => printed.push(line), webDist: '/nonexistent' });
    servers.push(server);
    return { server, printed, base: `http://127.0.0.1:${port}` };
  }

  it('starts with demo data: health, a search over the imported and the demo records, the demo logins', async () => {
    const { server, printed, base } = await start(imported, true);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const found = await (await fetch(`${base}/api/v1/recommendations?q=intercultural`)).json();
    expect(found.items.map((r: { text: string }) => r.text)).toContain('Garantizar el acceso a la educación intercultural bilingüe en zonas rurales');
    const all = await (await fetch(`${base}/api/v1/recommendations`)).json();
    expect(all.total).toBe(2 + 45);
    expect(printed.join('\n')).toContain('secretariat@demo.example.org');
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'focal.mec@demo.example.org', password: 'demo-nmirf-2026' }),
    });
    expect(login.status).toBe(200);

    // Without PUBLIC_URL the console and the emails name the address the server answers on.
    expect(printed[0]).toContain(`Open NMIRF at ${base}/`);
    const reset = await fetch(`${base}/api/v1/auth/password-reset`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'focal.mec@demo.example.org' }),
    });
    expect(reset.status).toBe(202);
    const { rows } = await server.db.pool.query(`select body_text from mail_outbox where to_address = 'focal.mec@demo.example.org'`);
    const links = rows[0].body_text.match(/https?:\/\/\S+/g);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(`${base}/`), link).toBe(true);
    await server.stop();
  }, 180_000);

  it('starts without demo data: health and the imported records only', async () => {
    const { server, printed, base } = await start(`${imported}-nodemo`, false);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const all = await (await fetch(`${base}/api/v1/recommendations?q=defensoras`)).json();
    expect(all.items.map((r: { external_ids?: unknown; text: string }) => r.text)).toEqual(['Fortalecer la protección de las personas defensoras del medio ambiente']);
    expect((await (await fetch(`${base}/api/v1/recommendations`)).json()).total).toBe(2);
    expect(printed.join('\n')).not.toContain('demo logins');
    await server.stop();
  }, 180_000);

  it('with JOBS=off serves and runs no scheduled job; with jobs on, those due at start run', async () => {
    const ran = async (server: RunningServer) => (await server.db.pool.query('select name from job_run where last_run_at is not null order by name')).rows.map((r) => r.name);
    const off = await start(`${imported}-jobs`, false, { JOBS: 'off' });
    expect((await fetch(`${off.base}/api/v1/recommendations`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await ran(off.server)).toEqual([]);
    await off.server.stop();
    const on = await start(`${imported}-jobs`, false);
    // Jobs due at start run one after another; on a busy machine the sweep may come after a minute or more.
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline && !(await ran(on.server)).includes('evidence-sweep')) await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await ran(on.server)).toContain('evidence-sweep');
    await on.server.stop();
  }, 300_000);
});

describe('one server per data directory', () => {
  it('refuses a second server while the first runs, naming its pid; the importer attaches; a killed server\'s lock is taken over', async () => {
    const dataDir = path.join(tmp, 'shared');
    const lockFile = path.join(dataDir, 'embedded.json');
    const [port1, port2, port3] = [await freePort(), await freePort(), await freePort()];
    const first = startProcess(dataDir, port1);
    await first.printed('Open NMIRF at');
    const health = async (port: number) => (await fetch(`http://127.0.0.1:${port}/api/health`)).status;
    expect(await health(port1)).toBe(200);

    const second = startProcess(dataDir, port2);
    const refused = await second.exited;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Open NMIRF could not start: ${dataDir} is in use by process ${first.child.pid}`);
    expect(await health(port1)).toBe(200); // the first is untouched

    // The importer still works beside the running server, through its database.
    const file = path.join(tmp, 'beside.csv');
    fs.writeFileSync(file, CSV);
    const run = await importFile(file, dataDir);
    expect(run.code, run.stderr).toBe(0);
    const search = await (await fetch(`http://127.0.0.1:${port1}/api/v1/recommendations?q=intercultural`)).json();
    expect(search.total).toBe(1);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(first.child.pid);

    // Killed without a chance to clean up: its lock stays behind, naming a dead process.
    first.child.kill('SIGKILL');
    await first.exited;
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(first.child.pid);
    const third = startProcess(dataDir, port3);
    await third.printed('Open NMIRF at');
    expect(await health(port3)).toBe(200);
    expect((await (await fetch(`http://127.0.0.1:${port3}/api/v1/recommendations?q=intercultural`)).json()).total).toBe(1);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(third.child.pid);
    third.child.kill('SIGTERM');
    expect((await third.exited).code).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);

    // A lock whose pid is alive but is not a server (the pid was reused after a restart): its port does not answer.
    fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, port: await freePort() }));
    const fourth = startProcess(dataDir, port3);
    await fourth.printed('Open NMIRF at');
    expect(await health(port3)).toBe(200);
    fourth.child.kill('SIGTERM');
    expect((await fourth.exited).code).toBe(0);
  }, 300_000);

  it('of two servers started at the same moment on a new directory, exactly one runs', async () => {
    const dataDir = path.join(tmp, 'race');
    const [a, b] = [startProcess(dataDir, await freePort()), startProcess(dataDir, await freePort())];
    const outcome = await Promise.race([
      Promise.all([a.exited, b.exited]).then(() => 'both exited'),
      Promise.any([a.printed('Open NMIRF at').then(() => [a, b]), b.printed('Open NMIRF at').then(() => [b, a])]).then(async ([runner, other]) => {
        const refused = await other.exited;
        return `${refused.code}: ${refused.stderr.includes(`is in use by process ${runner.child.pid}`)}`;
      }),
    ]);
    expect(outcome).toBe('1: true');
    for (const server of [a, b]) if (server.child.exitCode === null) server.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
  }, 300_000);
});

describe('evidence storage', () => {
  it('refuses to start, in one plain sentence and a non-zero exit, when UPLOAD_DIR cannot take files', async () => {
    const blocker = path.join(tmp, 'not-a-directory');
    fs.writeFileSync(blocker, '');
    const uploadDir = path.join(blocker, 'uploads');
    const server = spawnNode('server/main.ts', [], { DATA_DIR: path.join(tmp, 'unwritable'), PORT: String(await freePort()), SEED_DEMO: 'false', UPLOAD_DIR: uploadDir });
    const refused = await server.exited;
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`Open NMIRF could not start: UPLOAD_DIR ${uploadDir} is not a writable directory (ENOTDIR): evidence files could not be stored. `
      + 'Create it and let the server write there (with several app servers, mount the same shared directory on each).');
    expect(refused.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.existsSync(path.join(tmp, 'unwritable'))).toBe(false); // nothing was started
  }, 120_000);
});
