/**
 * The import command: exit codes, stderr lines, the JSON summary. The cases call the command in process
 * (importCommand with arguments and captured output); the command as a user runs it (a child process) is shown
 * once, with a killed import, which only a process can show.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, inject } from 'vitest';
import { DEMO_FILE } from '../db/seeds/demo';
import type { Database } from '../platform/db/database';
import { connectTestDatabase, resetCatalogue } from '../test/database';
import { csvWithHugeLine, xlsxWithHugeCell, xlsxZipBomb } from '../test/hostile-files';
import { importCommand } from './import';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-import-'));
const demoRows = fs.readFileSync(DEMO_FILE, 'utf8').trim().split('\n').length - 1;
let db: Database;

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** The command as a user runs it: a child process. */
function spawnImport(args: string[], killAfterMs?: number, env: NodeJS.ProcessEnv = { DATABASE_URL: inject('databaseUrl') }): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/cli/import.ts'), ...args], {
      cwd: root, env: { ...process.env, DATABASE_URL: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr: stderr.split('\n').filter((l) => !l.startsWith('npm warn')).join('\n') });
    });
  });
}

/** The command's logic in process, with its output captured. */
async function runImport(args: string[], env: NodeJS.ProcessEnv = { DATABASE_URL: inject('databaseUrl') }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await importCommand(args, {
    stdout: (text) => { stdout += text; },
    stderr: (text) => { stderr += text; },
    env,
    cwd: root,
  });
  return { code, signal: null, stdout, stderr };
}

const lastJson = (run: Run) => JSON.parse(run.stdout.trim().split('\n').at(-1)!);
const count = async () => Number((await db.pool.query('select count(*) from recommendation')).rows[0].count);

beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.close(); fs.rmSync(tmp, { recursive: true, force: true }); });
beforeEach(async () => resetCatalogue(db));

describe('npm run import', () => {
  it('imports, detects the format, prints the JSON summary and exits 0; again: all unchanged', async () => {
    const first = await runImport([DEMO_FILE]);
    expect(first.code, first.stderr).toBe(0);
    expect(lastJson(first)).toEqual({ created: demoRows, updated: 0, unchanged: 0, rejected: 0 });
    const second = await runImport([DEMO_FILE, '--format', 'csv']);
    expect(second.code).toBe(0);
    expect(lastJson(second)).toEqual({ created: 0, updated: 0, unchanged: demoRows, rejected: 0 });
  });

  it('works on the embedded database under DATA_DIR with no server running, and the import persists', async () => {
    const env = { DATA_DIR: path.join(tmp, 'data') };
    const first = await runImport([DEMO_FILE], env);
    expect(first.code, first.stderr).toBe(0);
    expect(lastJson(first).created).toBe(demoRows);
    const second = await runImport([DEMO_FILE], env);
    expect(lastJson(second)).toEqual({ created: 0, updated: 0, unchanged: demoRows, rejected: 0 });
    expect(fs.existsSync(path.join(tmp, 'data', 'embedded.json'))).toBe(false);
  }, 120_000);

  it('dry run validates, counts and writes nothing', async () => {
    const run = await runImport([DEMO_FILE, '--dry-run']);
    expect(run.code).toBe(0);
    expect(lastJson(run).created).toBe(demoRows);
    expect(run.stderr).toContain('dry run');
    expect(await count()).toBe(0);
  });

  it('refuses a file with an invalid row (exit 1), naming file, line, field and reason; --skip-invalid imports the rest', async () => {
    const file = path.join(tmp, 'mixed.csv');
    fs.writeFileSync(file, 'mechanism,country,language,date,paragraph,symbol,text\n' +
      'UPR,PRY,en,2011-03-28,1,A/HRC/17/18,Valid\nUPR,NARNIA,en,2011-03-28,2,A/HRC/17/18,Invalid\n');
    const refused = await runImport([file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('mixed.csv:3: country: unknown State "NARNIA"');
    expect(lastJson(refused)).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(await count()).toBe(0);
    const skipped = await runImport([file, '--skip-invalid']);
    expect(skipped.code).toBe(0);
    expect(lastJson(skipped)).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
  });

  it('names a JSON record by its position and id, not as a line', async () => {
    const file = path.join(tmp, 'uhri.json');
    const uhri = (id: string, text: string) => ({
      AnnotationId: id, AnnotationType: '- Recommendations', Body: '- CRC', Countries: ['Paraguay'],
      PublicationDate: '2022-10-25T00:00:00', Symbol: 'CRC/C/PRY/CO/6', Text: text,
    });
    fs.writeFileSync(file, JSON.stringify([uhri('rec-1', 'Strengthen child protection.'), uhri('rec-2', '')]));
    const run = await runImport([file, '--dry-run']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('uhri.json:record 2 (id rec-2): Text: Text is empty\n');
  });

  it.each([
    ['empty.csv', Buffer.alloc(0)],
    ['garbage.bin', Buffer.from([0, 159, 146, 150, 0, 0, 1])],
    ['truncated.json', Buffer.from('[{"AnnotationId":"a","Body":"- UPR","Text":"x')],
  ])('refuses %s with a one-line reason and exit 2', async (name, bytes) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, bytes);
    const run = await runImport([file]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`^import: .*${name.replace('.', '\\.')}: .+; nothing was written`));
  });

  it.each([
    ['celda.xlsx', () => xlsxWithHugeCell(), 'a cell holds more than 100 000 characters'],
    ['bomb.xlsx', () => xlsxZipBomb(), 'a part of the workbook unpacks to more than 200 times its packed size'],
    ['line.csv', () => csvWithHugeLine(), 'line 2 is longer than 2 MB'],
  ])('refuses the hostile %s with the limits of the web import (exit 2, nothing written)', async (name, bytes, reason) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, bytes());
    const run = await runImport([file]);
    fs.rmSync(file);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`import: ${file}: ${reason}`);
    expect(run.stderr).toMatch(/; nothing was written\n$/);
    expect(await count()).toBe(0);
  });

  it('rejects bad command lines with usage', async () => {
    expect((await runImport([])).code).toBe(2);
    const unknown = await runImport([DEMO_FILE, '--format', 'pdf']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown format "pdf"');
    expect((await runImport([path.join(tmp, 'missing.csv')])).stderr).toContain('cannot read');
  });

  it('runs as a process: the JSON summary on stdout and exit 0; a wrong command line exits 2 with the usage on stderr', async () => {
    const run = await spawnImport([DEMO_FILE]);
    expect(run.code, run.stderr).toBe(0);
    expect(lastJson(run)).toEqual({ created: demoRows, updated: 0, unchanged: 0, rejected: 0 });
    const wrong = await spawnImport([DEMO_FILE, '--format', 'pdf']);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/^import: unknown format "pdf"\nusage: npm run import -- FILE/);
  });

  it('a killed import leaves the database as it was', async () => {
    const file = path.join(tmp, 'big.csv');
    const rows = ['mechanism,country,language,date,paragraph,symbol,text'];
    for (let i = 0; i < 30_000; i++) {
      rows.push(`UPR,PRY,en,2011-03-28,${i},A/HRC/17/18,"Recommendation number ${i} on education, health and the rights of the child"`);
    }
    fs.writeFileSync(file, rows.join('\n'));
    // How long a whole import takes on this machine: the kills land at fractions of it, wherever the machine's speed.
    const started = Date.now();
    const whole = await spawnImport([file]);
    const took = Date.now() - started;
    expect(whole.code, whole.stderr).toBe(0);
    expect(await count()).toBe(30_000);
    await resetCatalogue(db);
    let killedMidway = 0;
    for (const fraction of [0.5, 0.65, 0.8, 0.9]) {
      const run = await spawnImport([file], Math.round(took * fraction));
      const after = await count();
      // Atomic: nothing or everything, never part of the file.
      expect([0, 30_000]).toContain(after);
      if (run.signal === 'SIGKILL' && after === 0) killedMidway++;
      if (after > 0) await resetCatalogue(db);
    }
    expect(killedMidway).toBeGreaterThan(0);
    // The database still works normally afterwards.
    const again = await spawnImport([DEMO_FILE]);
    expect(again.code).toBe(0);
    expect(await count()).toBe(demoRows);
  }, 180_000);
});
