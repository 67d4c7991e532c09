/**
 * `npm run restore -- FILE [--force]`: the reverse of backup.ts, into the configured
 * database (embedded or PostgreSQL, whichever made the archive) and UPLOAD_DIR.
 *
 * 1. The archive is extracted to a work directory and every member checked against the
 *    manifest (size and SHA-256; nothing missing, nothing extra): a corrupted archive is
 *    refused before the database is touched.
 * 2. An archive from a newer schema (a migration this version does not know) is refused.
 * 3. A target that holds work (accounts, institutions, recommendations or evidence files)
 *    is refused unless `force`.
 * 4. One transaction: the public schema is rebuilt at the archive's schema version (its
 *    migrations, no more), every table emptied and loaded from the archive with user
 *    triggers off (the audit log's append-only guard, the catalogue version bump), parents
 *    before children (foreign keys stay checked), and sequences set where they were.
 * 5. The evidence files replace UPLOAD_DIR, then the pending migrations run: an older
 *    archive comes back at the current schema.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type pg from 'pg';
import { inTransaction } from '../db/database';
import { prepareDatabase } from '../db/migrate';
import { CorruptArchive, extractArchive } from './archive';
import { BACKUP_FORMAT, type Manifest } from './backup';
import { applyFirstMigrations, knownMigrations } from './schema-version';

export class RestoreRefused extends Error {
  constructor(readonly reason: 'corrupted' | 'newer_schema' | 'not_empty', message: string) {
    super(message);
  }
}

export interface RestoreSummary { tables: number; rows: number; files: number; migrationsApplied: number }

const MEMBER = /^(manifest\.json|db\/[a-z0-9_]+\.jsonl|files\/[A-Za-z0-9][A-Za-z0-9._-]*)$/;
const BATCH = 500;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function restoreBackup(
  pool: pg.Pool, options: { file: string; uploadDir: string; force?: boolean },
): Promise<RestoreSummary> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-restore-'));
  fs.mkdirSync(path.dirname(options.uploadDir), { recursive: true });
  const newFiles = fs.mkdtempSync(path.join(path.dirname(options.uploadDir), '.nmirf-restore-'));
  try {
    const manifest = await readVerified(options.file, work, newFiles);
    const known = knownMigrations().map((entry) => entry.tag);
    const archived = manifest.schema.migrations;
    if (archived.length > known.length || archived.some((tag, i) => tag !== known[i])) {
      throw new RestoreRefused('newer_schema',
        `the archive comes from a newer version (schema ${archived.at(-1)}; this version knows up to ${known.at(-1)}): restore it with that version or newer`);
    }
    if (!options.force) {
      const holds = await holdsWork(pool, options.uploadDir);
      if (holds) throw new RestoreRefused('not_empty', `the target ${holds}; use --force to replace it with the archive`);
    }

    let rows = 0;
    await inTransaction(pool, async (tx) => {
      await tx.query('drop schema if exists drizzle cascade');
      await tx.query('drop schema if exists public cascade');
      await tx.query('create schema public');
      await applyFirstMigrations(tx, archived.length);
      const tables = manifest.tables.map((t) => t.name);
      const present = await tableNames(tx);
      const missing = tables.filter((name) => !present.has(name));
      if (missing.length) throw new RestoreRefused('corrupted', `the archive has tables its schema does not: ${missing.join(', ')}`);
      for (const name of present) await tx.query(`alter table ${quote(name)} disable trigger user`);
      await tx.query(`truncate ${[...present].map(quote).join(', ')}`);
      for (const name of await parentsFirst(tx, tables)) rows += await loadTable(tx, name, path.join(work, 'db', `${name}.jsonl`));
      for (const sequence of manifest.sequences) {
        await tx.query(`select setval($1::regclass, $2::bigint, $3)`, [quote(sequence.name), sequence.last_value, sequence.is_called]);
      }
      for (const name of present) await tx.query(`alter table ${quote(name)} enable trigger user`);
    });

    // The database now matches the archive: put its evidence files in place.
    const old = fs.existsSync(options.uploadDir) ? `${options.uploadDir}.replaced-${Date.now()}` : null;
    if (old) fs.renameSync(options.uploadDir, old);
    fs.renameSync(newFiles, options.uploadDir);
    if (old) fs.rmSync(old, { recursive: true, force: true });

    await prepareDatabase(pool);
    return { tables: manifest.tables.length, rows, files: manifest.files, migrationsApplied: knownMigrations().length - archived.length };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(newFiles, { recursive: true, force: true });
  }
}

/** Extracts FILE (database dumps to `work`, evidence files to `filesDir`) and checks it against its manifest. */
async function readVerified(file: string, work: string, filesDir: string): Promise<Manifest> {
  let digests;
  try {
    digests = await extractArchive(file, (name) => {
      if (!MEMBER.test(name)) throw new CorruptArchive(`unexpected member ${JSON.stringify(name)}`);
      return name.startsWith('files/') ? path.join(filesDir, name.slice('files/'.length)) : path.join(work, name);
    });
  } catch (error) {
    if (error instanceof CorruptArchive) throw new RestoreRefused('corrupted', `${file} is corrupted: ${error.message}`);
    throw error;
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(work, 'manifest.json'), 'utf8'));
  } catch {
    throw new RestoreRefused('corrupted', `${file} is corrupted or not a backup: no readable manifest`);
  }
  if (manifest.format !== BACKUP_FORMAT) throw new RestoreRefused('corrupted', `${file} is not an Open NMIRF backup`);
  const listed = Object.keys(manifest.members ?? {});
  const found = Object.keys(digests).filter((name) => name !== 'manifest.json');
  for (const name of listed) {
    const got = digests[name];
    if (!got) throw new RestoreRefused('corrupted', `${file} is corrupted: ${name} is missing`);
    if (got.sha256 !== manifest.members[name].sha256 || got.size !== manifest.members[name].size) {
      throw new RestoreRefused('corrupted', `${file} is corrupted: the checksum of ${name} does not match the manifest`);
    }
  }
  const extra = found.filter((name) => !manifest.members[name]);
  if (extra.length) throw new RestoreRefused('corrupted', `${file} is corrupted: ${extra[0]} is not in the manifest`);
  for (const table of manifest.tables) {
    if (!manifest.members[`db/${table.name}.jsonl`]) throw new RestoreRefused('corrupted', `${file} is corrupted: table ${table.name} is missing`);
  }
  return manifest;
}

/** Why the target counts as holding work, or null when it is empty (no schema, or only reference data). */
export async function holdsWork(pool: pg.Pool, uploadDir: string): Promise<string | null> {
  const { rows: [state] } = await pool.query(`select
    to_regclass('public.app_user') is not null as people, to_regclass('public.institution') is not null as institutions,
    to_regclass('public.recommendation') is not null as catalogue`);
  const checks: [boolean, string, string][] = [
    [state.people, 'app_user', 'has accounts'],
    [state.institutions, 'institution', 'has institutions'],
    [state.catalogue, 'recommendation', 'has recommendations'],
  ];
  for (const [present, table, why] of checks) {
    if (present && (await pool.query(`select exists (select 1 from ${table}) as any`)).rows[0].any) return `database ${why}`;
  }
  if (fs.existsSync(uploadDir) && fs.readdirSync(uploadDir).some((name) => !name.startsWith('.'))) return `upload directory ${uploadDir} has files`;
  return null;
}

async function tableNames(tx: pg.PoolClient): Promise<Set<string>> {
  const { rows } = await tx.query<{ name: string }>(`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')`);
  return new Set(rows.map((row) => row.name));
}

/** The tables in an order where every foreign key points to a table already loaded (self-references aside). */
async function parentsFirst(tx: pg.PoolClient, tables: string[]): Promise<string[]> {
  const { rows } = await tx.query<{ child: string; parent: string }>(`select c.relname as child, p.relname as parent
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`);
  const ordered: string[] = [];
  const pending = new Set(tables);
  while (pending.size) {
    const ready = [...pending].filter((table) => !rows.some((edge) => edge.child === table && pending.has(edge.parent)));
    if (!ready.length) throw new Error(`foreign keys form a cycle among ${[...pending].join(', ')}`);
    for (const table of ready.sort()) { ordered.push(table); pending.delete(table); }
  }
  return ordered;
}

/**
 * Loads one table from its JSON lines. Columns a foreign key ties to the same table
 * (an institution's parent) are filled in a second pass, once every row exists.
 */
async function loadTable(tx: pg.PoolClient, table: string, file: string): Promise<number> {
  const { rows: columns } = await tx.query<{ name: string }>(`select attname as name from pg_attribute
    where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`, [quote(table)]);
  const { rows: selfRefs } = await tx.query<{ columns: string[]; keys: string[] }>(`select
      array(select attname::text from pg_attribute where attrelid = k.conrelid and attnum = any(k.conkey)) as columns,
      array(select attname::text from pg_attribute where attrelid = k.conrelid and attnum = any(coalesce(
        (select conkey from pg_constraint where conrelid = k.conrelid and contype = 'p'), '{}'))) as keys
    from pg_constraint k where k.contype = 'f' and k.conrelid = $1::regclass and k.confrelid = k.conrelid`, [quote(table)]);
  const later = new Set(selfRefs.flatMap((ref) => ref.columns));
  const names = columns.map((c) => c.name);
  const list = names.map(quote).join(', ');
  const values = names.map((name) => (later.has(name) ? 'null' : `r.${quote(name)}`)).join(', ');
  const insert = `insert into ${quote(table)} (${list}) select ${values} from json_populate_recordset(null::${quote(table)}, $1::json) r`;
  const batches: string[][] = [];
  let rows = 0;
  const flush = async (batch: string[]) => {
    if (!batch.length) return;
    await tx.query(insert, [`[${batch.join(',')}]`]);
    if (later.size) batches.push(batch);
    rows += batch.length;
  };
  let batch: string[] = [];
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    batch.push(line);
    if (batch.length >= BATCH) { await flush(batch); batch = []; }
  }
  await flush(batch);
  for (const ref of selfRefs) {
    const set = ref.columns.map((name) => `${quote(name)} = r.${quote(name)}`).join(', ');
    const match = ref.keys.map((name) => `t.${quote(name)} = r.${quote(name)}`).join(' and ');
    for (const done of batches) {
      await tx.query(`update ${quote(table)} t set ${set} from json_populate_recordset(null::${quote(table)}, $1::json) r where ${match}`,
        [`[${done.join(',')}]`]);
    }
  }
  return rows;
}
