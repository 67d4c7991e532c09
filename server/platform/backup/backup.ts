/**
 * `npm run backup -- FILE`: one archive (archive.ts) holding
 *   db/<table>.jsonl  every row of every table of the public schema, one JSON object a line;
 *   files/<name>      the evidence files of UPLOAD_DIR;
 *   manifest.json     last: schema version (migrations applied), row counts, sequence
 *                     positions, and the size and SHA-256 of every other member.
 *
 * The rows are read in one REPEATABLE READ, READ ONLY transaction: the server keeps
 * serving, and a write made meanwhile is either wholly in the archive (committed before
 * the snapshot) or wholly out. (On the embedded database, which has one session for all
 * connections, other requests wait while that transaction reads; it only writes the rows
 * to temporary files, and compression happens after it ends.) Evidence files are write-once under generated names; they
 * are hard-linked (copied where links are impossible) into a work directory just before
 * and just after the snapshot opens, so a file whose row is in the snapshot is kept even if
 * the file is removed while the backup runs. Files without a row (an upload whose
 * transaction had not committed) are harmless: the evidence sweep removes them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { ArchiveWriter, type MemberDigest } from './archive';
import { appliedMigrations } from './schema-version';
import { inTransaction } from '../db/database';

export const BACKUP_FORMAT = 'open-nmirf-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  format_version: number;
  created_at: string;
  source: 'embedded' | 'postgres';
  schema: { migrations: string[] };
  tables: { name: string; rows: number }[];
  sequences: { name: string; last_value: string; is_called: boolean }[];
  files: number;
  members: Record<string, MemberDigest>;
}

export interface BackupSummary { file: string; tables: number; rows: number; files: number; bytes: number }

export class BackupRefused extends Error {}

const FETCH_ROWS = 1000;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function createBackup(
  pool: pg.Pool, options: { file: string; uploadDir: string; source: 'embedded' | 'postgres' },
): Promise<BackupSummary> {
  if (fs.existsSync(options.file)) throw new BackupRefused(`${options.file} already exists`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-backup-'));
  // Hard links only work on the upload directory's file system.
  const filesWork = fs.existsSync(options.uploadDir) ? fs.mkdtempSync(path.join(path.dirname(options.uploadDir), '.nmirf-backup-')) : null;
  const writer = new ArchiveWriter(options.file);
  let finished = false;
  try {
    if (filesWork) keepFiles(options.uploadDir, filesWork);
    const snapshot = await inTransaction(pool, async (client) => {
      // The first statement fixes the snapshot.
      const migrations = await appliedMigrations(client);
      if (filesWork) keepFiles(options.uploadDir, filesWork);
      if (!migrations.length) throw new Error('the database has no schema yet: nothing to back up');
      const unknown = migrations.filter((tag) => tag.startsWith('unknown-'));
      if (unknown.length) throw new Error('the database has migrations this version does not know: back it up with the version that runs it');
      const { rows: tables } = await client.query<{ name: string }>(
        `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`);
      const { rows: sequences } = await client.query<{ name: string }>(
        `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = 'S' order by c.relname`);
      const counted: { name: string; rows: number }[] = [];
      for (const { name } of tables) {
        const dump = path.join(work, `${name}.jsonl`);
        counted.push({ name, rows: await dumpTable(client, name, dump) });
      }
      const positions = [];
      for (const { name } of sequences) {
        const { rows: [position] } = await client.query(`select last_value::text, is_called from ${quote(name)}`);
        positions.push({ name, last_value: position.last_value, is_called: position.is_called });
      }
      return { schema: { migrations }, tables: counted, sequences: positions };
    }, 'begin isolation level repeatable read read only');

    // Compressing happens after the snapshot closes: on the embedded database, other
    // connections wait while a transaction is open.
    for (const { name } of snapshot.tables) {
      const dump = path.join(work, `${name}.jsonl`);
      await writer.addFile(`db/${name}.jsonl`, dump);
      fs.rmSync(dump);
    }
    let files = 0;
    if (filesWork) {
      for (const name of fs.readdirSync(filesWork).sort()) {
        await writer.addFile(`files/${name}`, path.join(filesWork, name));
        files += 1;
      }
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT, format_version: BACKUP_FORMAT_VERSION, created_at: new Date().toISOString(),
      source: options.source, ...snapshot, files, members: { ...writer.digests },
    };
    await writer.addBuffer('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    await writer.finish();
    finished = true;
    return {
      file: options.file, tables: manifest.tables.length, rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0),
      files, bytes: fs.statSync(options.file).size,
    };
  } finally {
    if (!finished) {
      await writer.abort();
      fs.rmSync(options.file, { force: true });
    }
    fs.rmSync(work, { recursive: true, force: true });
    if (filesWork) fs.rmSync(filesWork, { recursive: true, force: true });
  }
}

/** Links every file of the upload directory not yet kept into `into` (copies it where links fail). */
function keepFiles(uploadDir: string, into: string) {
  for (const entry of fs.readdirSync(uploadDir, { withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const target = path.join(into, entry.name);
    if (fs.existsSync(target)) continue;
    try {
      fs.linkSync(path.join(uploadDir, entry.name), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed meanwhile
      fs.copyFileSync(path.join(uploadDir, entry.name), target);
    }
  }
}

/** Streams the table's rows as JSON lines through a cursor; returns the count. */
async function dumpTable(client: pg.PoolClient, table: string, file: string): Promise<number> {
  const out = fs.createWriteStream(file);
  const cursor = `backup_${createHash('md5').update(table).digest('hex').slice(0, 12)}`;
  let rows = 0;
  try {
    await client.query(`declare ${cursor} no scroll cursor for select row_to_json(t)::text as line from ${quote(table)} t`);
    for (;;) {
      const { rows: batch } = await client.query<{ line: string }>(`fetch ${FETCH_ROWS} from ${cursor}`);
      if (!batch.length) break;
      const text = batch.map((row) => `${row.line}\n`).join('');
      if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      rows += batch.length;
    }
    await client.query(`close ${cursor}`);
  } finally {
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  return rows;
}
