/**
 * Backup and restore, on the run's database (embedded or PostgreSQL): the restore drill
 * (demo data and follow-up work with evidence files, a backup taken while writes run,
 * changes after it, a restore into a fresh place compared table by table and file by file
 * with the state at backup time), the move from the embedded database to the run's kind,
 * an older archive brought to the current schema, and each refusal.
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildApp } from '../../app';
import { DEMO_PASSWORD, seedDemoData } from '../../db/seeds/demo';
import { forgetLabelMaps } from '../../modules/taxonomies/taxonomies.repository';
import { connectTestDatabase, resetCatalogue } from '../../test/database';
import { as, resetPeople, signIn } from '../../test/people';
import { inTransaction, openDatabase, type Database } from '../db/database';
import { prepareDatabase } from '../db/migrate';
import { ArchiveWriter, extractArchive } from './archive';
import { createBackup, type Manifest } from './backup';
import { restoreBackup, RestoreRefused } from './restore';
import { applyFirstMigrations, knownMigrations } from './schema-version';

const root = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-backup-test-'));
const kind = inject('databaseKind');
let db: Database;
let app: FastifyInstance;
let uploadDir: string;
let archive: string;
let atBackup: { tables: Record<string, Digest>; files: Record<string, string>; writes: number[] };

type Digest = { rows: number; digest: string };
const WRITER = 'drill-writer';

/** A fresh, empty database of the run's kind: PostgreSQL created beside the run's, or a new embedded one. */
async function freshDatabase(): Promise<{ db: Database; url: string | null; dispose: () => Promise<void> }> {
  if (kind !== 'postgres') {
    const fresh = await openDatabase({ databaseUrl: null, dataDir: 'memory://', poolSize: 4 });
    return { db: fresh, url: null, dispose: () => fresh.close() };
  }
  const name = `nmirf_restore_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client(inject('databaseUrl'));
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${name}`;
  const fresh = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', poolSize: 4 });
  return {
    db: fresh, url: url.toString(),
    dispose: async () => { await fresh.close(); await admin.query(`drop database ${name} with (force)`); await admin.end(); },
  };
}

/** Row count and digest of every table of the public schema, computed in SQL (writer rows left out when asked). */
async function digests(pool: pg.Pool, withoutWriter = false): Promise<Record<string, Digest>> {
  const client = await pool.connect();
  try {
    await client.query(`set time zone 'UTC'`);
    const { rows: tables } = await client.query<{ name: string }>(`select c.relname as name from pg_class c
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by 1`);
    const result: Record<string, Digest> = {};
    for (const { name } of tables) {
      const filter = !withoutWriter ? '' : name === 'institution' ? `where t.acronym is distinct from '${WRITER}'`
        : name === 'audit_log' ? `where t.actor <> '${WRITER}'` : '';
      // The writer's institutions bump the follow-up version (migration 0017) as they commit.
      const value = withoutWriter && name === 'public_content_state' ? '(t.singleton, t.reference_version)' : 't';
      const { rows: [row] } = await client.query(`select count(*)::int as rows,
        coalesce(md5(string_agg(md5(${value}::text), ',' order by md5(${value}::text))), '') as digest from "${name}" t ${filter}`);
      result[name] = row;
    }
    return result;
  } finally {
    client.release();
  }
}

function fileHashes(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(fs.readdirSync(dir).sort()
    .map((name) => [name, createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex')]));
}

/** Writes in separate transactions, each an institution and its audit row, until stopped; returns the committed numbers. */
function startWriter(pool: pg.Pool) {
  let stop = false;
  const committed: number[] = [];
  const done = (async () => {
    for (let i = 1; !stop; i += 1) {
      await inTransaction(pool, async (tx) => {
        const { rows: [row] } = await tx.query(`insert into institution (name, acronym, branch) values ($1, $2, 'executive') returning id`,
          [JSON.stringify({ en: `Drill ${i}` }), WRITER]);
        await tx.query(`insert into audit_log (actor, action, entity, entity_id, after) values ($1, 'create', 'institution', $2, $3)`,
          [WRITER, String(row.id), JSON.stringify({ n: i })]);
      });
      committed.push(i);
    }
  })();
  return { stop: async () => { stop = true; await done; return committed; } };
}

async function rebuild(from: string, to: string, change: (dir: string, manifest: Manifest) => void) {
  const dir = fs.mkdtempSync(path.join(tmp, 'rebuild-'));
  const names = Object.keys(await extractArchive(from, (name) => path.join(dir, name)));
  const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  change(dir, manifest);
  const writer = new ArchiveWriter(to);
  for (const name of names) if (name !== 'manifest.json') await writer.addFile(name, path.join(dir, name));
  await writer.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest)));
  await writer.finish();
}

const PDF = (n: number) => Buffer.from(`%PDF-1.4\n% evidence ${n}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

beforeAll(async () => {
  db = await connectTestDatabase();
  uploadDir = path.join(tmp, 'uploads');
  fs.mkdirSync(uploadDir);
  // Demo data and its follow-up work on the run's database, as on a fresh instance.
  await resetCatalogue(db);
  await resetPeople(db);
  await seedDemoData(db.pool);
  forgetLabelMaps();
  app = await buildApp({ db, logLevel: 'silent', webDist: '/nonexistent', uploadDir });
  const focal = await signIn(app, 'focal.mec@demo.example.org', DEMO_PASSWORD);
  const { rows: [draft] } = await db.pool.query(`select id from action_report where state = 'draft' order by id limit 1`);
  for (const n of [1, 2, 3]) {
    const form = new FormData();
    form.append('title', `Evidence ${n}`);
    form.append('file', new Blob([new Uint8Array(PDF(n))]), `evidence-${n}.pdf`);
    const response = await app.inject({ method: 'POST', url: `/api/v1/actions/${draft.id}/evidence/files?locale=en`, payload: form, headers: as(focal) });
    expect(response.statusCode, response.body).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('restore drill', () => {
  it('backs up while writes run: each write is wholly in or wholly out', async () => {
    const before = await digests(db.pool, true);
    const files = fileHashes(uploadDir);
    expect(Object.keys(files)).toHaveLength(3);
    archive = path.join(tmp, 'drill.tar.gz');
    const writer = startWriter(db.pool);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const summary = await createBackup(db.pool, { file: archive, uploadDir, source: kind });
    const committed = await writer.stop();
    expect(summary.files).toBe(3);
    expect(committed.length).toBeGreaterThan(0);
    atBackup = { tables: before, files, writes: committed };
  });

  it('restores into a fresh database every table and every file as they were at backup time, after changes to the source', async () => {
    // Changes after the backup: none of them may come back.
    await db.pool.query(`update recommendation set paragraph = 'changed after the backup' where id = (select min(id) from recommendation)`);
    await db.pool.query(`delete from indicator_measurement`);
    const [gone] = Object.keys(atBackup.files);
    fs.rmSync(path.join(uploadDir, gone));
    fs.writeFileSync(path.join(uploadDir, 'added-after.pdf'), PDF(9));

    const target = await freshDatabase();
    const restoredUploads = path.join(tmp, 'restored-uploads');
    try {
      await restoreBackup(target.db.pool, { file: archive, uploadDir: restoredUploads });
      const restored = await digests(target.db.pool, true);
      expect(restored).toEqual(atBackup.tables);
      expect(fileHashes(restoredUploads)).toEqual(atBackup.files);

      // The writes during the backup: an unbroken prefix, each with its audit row.
      const { rows: writes } = await target.db.pool.query(`select (i.name->>'en') as name, a.after->>'n' as n from institution i
        full join audit_log a on a.entity_id = i.id::text and a.actor = $1 where i.acronym = $1 or a.actor = $1 order by i.id`, [WRITER]);
      const numbers = writes.map((w) => Number(w.n));
      expect(writes.every((w) => w.name === `Drill ${w.n}`)).toBe(true);
      expect(numbers).toEqual(atBackup.writes.slice(0, numbers.length));

      // Sequences continue where they were: a new row gets a new id.
      const { rows: [max] } = await target.db.pool.query('select max(id)::int as id from institution');
      const { rows: [next] } = await target.db.pool.query(`insert into institution (name, branch) values ('{"en":"After restore"}', 'executive') returning id`);
      expect(next.id).toBeGreaterThan(max.id);
      const { rows: [audit] } = await target.db.pool.query(`insert into audit_log (actor, action, entity) values ('test', 'check', 'x') returning id`);
      expect(Number(audit.id)).toBeGreaterThan(Number((await db.pool.query(`select max(id) from audit_log where actor <> $1`, [WRITER])).rows[0].max));
      // The audit log is append-only again.
      await expect(target.db.pool.query('delete from audit_log')).rejects.toThrow(/append-only/);
    } finally {
      await target.dispose();
    }
  });

  it(`the same archive (made on ${kind === 'postgres' ? 'PostgreSQL' : 'the embedded database'}) restores into a fresh embedded database`, async () => {
    const target = await openDatabase({ databaseUrl: null, dataDir: 'memory://', poolSize: 2 });
    const uploads = path.join(tmp, 'embedded-uploads');
    try {
      await restoreBackup(target.pool, { file: archive, uploadDir: uploads });
      expect(await digests(target.pool, true)).toEqual(atBackup.tables);
      expect(fileHashes(uploads)).toEqual(atBackup.files);
    } finally {
      await target.close();
    }
  });
});

describe('refusals', () => {
  it('refuses a non-empty target without --force, and replaces it with --force', async () => {
    const target = await freshDatabase();
    const uploads = path.join(tmp, 'force-uploads');
    try {
      await restoreBackup(target.db.pool, { file: archive, uploadDir: uploads });
      await target.db.pool.query(`insert into institution (name, branch) values ('{"en":"Only here"}', 'executive')`);
      const refused = restoreBackup(target.db.pool, { file: archive, uploadDir: uploads });
      await expect(refused).rejects.toBeInstanceOf(RestoreRefused);
      await expect(refused).rejects.toMatchObject({ reason: 'not_empty', message: expect.stringMatching(/--force/) });
      expect((await target.db.pool.query(`select count(*)::int as n from institution where name->>'en' = 'Only here'`)).rows[0].n).toBe(1);
      await restoreBackup(target.db.pool, { file: archive, uploadDir: uploads, force: true });
      expect(await digests(target.db.pool, true)).toEqual(atBackup.tables);
    } finally {
      await target.dispose();
    }
  });

  it('refuses an archive whose member does not match its checksum, and a truncated one, touching nothing', async () => {
    const tampered = path.join(tmp, 'tampered.tar.gz');
    await rebuild(archive, tampered, (dir) => {
      const file = path.join(dir, 'db/app_user.jsonl');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('demo.example.org', 'evil.example.org'));
    });
    const truncated = path.join(tmp, 'truncated.tar.gz');
    const bytes = fs.readFileSync(archive);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const target = await freshDatabase();
    try {
      await expect(restoreBackup(target.db.pool, { file: tampered, uploadDir: path.join(tmp, 'x') }))
        .rejects.toMatchObject({ reason: 'corrupted', message: expect.stringMatching(/checksum of db\/app_user\.jsonl/) });
      await expect(restoreBackup(target.db.pool, { file: truncated, uploadDir: path.join(tmp, 'x') }))
        .rejects.toMatchObject({ reason: 'corrupted' });
      expect((await target.db.pool.query(`select to_regclass('public.app_user') as t`)).rows[0].t).toBeNull();
      expect(fs.existsSync(path.join(tmp, 'x'))).toBe(false);
    } finally {
      await target.dispose();
    }
  });

  it('refuses an archive from a newer schema', async () => {
    const newer = path.join(tmp, 'newer.tar.gz');
    await rebuild(archive, newer, (_dir, manifest) => { manifest.schema.migrations.push('9999_from_the_future'); });
    const target = await freshDatabase();
    try {
      await expect(restoreBackup(target.db.pool, { file: newer, uploadDir: path.join(tmp, 'y') }))
        .rejects.toMatchObject({ reason: 'newer_schema', message: expect.stringMatching(/newer version/) });
    } finally {
      await target.dispose();
    }
  });
});

describe('schema versions and databases', () => {
  it('restores an archive from an older schema and brings it to the current one', async () => {
    const known = knownMigrations();
    const source = await freshDatabase();
    const target = await freshDatabase();
    const older = path.join(tmp, 'older.tar.gz');
    try {
      await inTransaction(source.db.pool, (tx) => applyFirstMigrations(tx, known.length - 1));
      await source.db.pool.query(`insert into institution (name, acronym, branch) values ('{"es":"Ministerio antiguo"}', 'MA', 'executive')`);
      await createBackup(source.db.pool, { file: older, uploadDir: path.join(tmp, 'none'), source: source.db.kind });
      const summary = await restoreBackup(target.db.pool, { file: older, uploadDir: path.join(tmp, 'older-uploads') });
      expect(summary.migrationsApplied).toBe(1);
      const { rows } = await target.db.pool.query('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(rows[0].n).toBe(known.length);
      expect((await target.db.pool.query(`select acronym from institution`)).rows).toEqual([{ acronym: 'MA' }]);
    } finally {
      await source.dispose();
      await target.dispose();
    }
  });

  it(`an embedded backup restores into a fresh ${kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'embedded'} database through the commands`, async () => {
    const dataDir = path.join(tmp, 'embedded-source');
    const source = await openDatabase({ databaseUrl: null, dataDir, poolSize: 2 });
    const target = await freshDatabase();
    const file = path.join(tmp, 'move.tar.gz');
    try {
      await prepareDatabase(source.pool);
      await seedDemoData(source.pool);
      fs.mkdirSync(path.join(dataDir, 'uploads'));
      fs.writeFileSync(path.join(dataDir, 'uploads', 'moved.pdf'), PDF(7));
      const expected = await digests(source.pool);
      await source.close(); // the command opens the directory itself
      const backup = await run('server/cli/backup.ts', [file], { DATA_DIR: dataDir, DATABASE_URL: '' });
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      const env = target.url ? { DATABASE_URL: target.url, UPLOAD_DIR: path.join(tmp, 'moved-uploads') } : null;
      if (env) {
        const restore = await run('server/cli/restore.ts', [file], env);
        expect(restore.stderr).toBe('');
        expect(restore.code).toBe(0);
        const again = await run('server/cli/restore.ts', [file], env);
        expect(again.code).toBe(1);
        expect(again.stderr).toMatch(/--force/);
        expect(await digests(target.db.pool)).toEqual(expected);
      } else {
        await restoreBackup(target.db.pool, { file, uploadDir: path.join(tmp, 'moved-uploads') });
        expect(await digests(target.db.pool)).toEqual(expected);
      }
      expect(fileHashes(path.join(tmp, 'moved-uploads'))).toEqual(fileHashes(path.join(dataDir, 'uploads')));
    } finally {
      await source.close();
      await target.dispose();
    }
  }, 180_000); // up to three command processes, each compiling the command with tsx first: a minute on a loaded machine
});

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
