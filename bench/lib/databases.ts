/** Throw-away databases for the benchmark: a fresh PostgreSQL database, or an embedded one in a temp directory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type OpenOptions } from '../../server/platform/db/database';

export interface BenchDatabase {
  db: Database;
  /** What it is, for the report. */
  description: string;
  /** How another process opens the same database (an embedded one only after `db` is closed: see `release`). */
  openOptions: OpenOptions;
  /** Closes this process's connection and keeps the database, for another process to open. */
  release(): Promise<void>;
  dispose(): Promise<void>;
}

/** A close that may be called more than once. */
function closeOnce(db: Database): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => (closing ??= db.close());
}

const cleanups = new Set<() => Promise<void>>();

/** Drops what is left (databases, temp directories) when the run is interrupted. */
export async function disposeAll(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) await cleanup().catch(() => undefined);
}

export function adminUrl(): string {
  return process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** Null with the reason when the server cannot be reached. */
export async function postgresAvailable(): Promise<{ version: string } | { unreachable: string }> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const result = await client.query('select version() as v');
    return { version: result.rows[0].v };
  } catch (error) {
    return { unreachable: `${adminUrl().replace(/\/\/[^@]*@/, '//')}: ${(error as Error).message}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * `keep`: the database is left in place at the end (to EXPLAIN by hand); its URL is in the description.
 * `benchmark`: part of the database's name, to tell whose it is (nmirf_<benchmark>_<time>).
 * `server`: a connection to the server the database is made on (BENCH_PG_URL by default).
 */
export async function freshPostgres(keep = false, benchmark = 'bench', server = adminUrl()): Promise<BenchDatabase> {
  const name = `nmirf_${benchmark}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  const drop = async () => {
    cleanups.delete(drop);
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(`drop database if exists ${name} with (force)`);
    } finally {
      await client.end();
    }
  };
  if (!keep) cleanups.add(drop);
  const openOptions = { databaseUrl: url.toString(), dataDir: '' };
  const db = await openDatabase(openOptions);
  const close = closeOnce(db);
  return {
    db, openOptions, release: close,
    description: keep ? `PostgreSQL, fresh database kept at the end: ${url.toString()}` : `PostgreSQL at ${url.host}, fresh database ${name} (dropped at the end)`,
    dispose: async () => { await close(); if (!keep) await drop(); },
  };
}

export async function freshEmbedded(): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-bench-'));
  const remove = async () => { cleanups.delete(remove); fs.rmSync(dataDir, { recursive: true, force: true }); };
  cleanups.add(remove);
  const openOptions = { databaseUrl: null, dataDir };
  const db = await openDatabase(openOptions);
  const close = closeOnce(db);
  cleanups.add(close);
  return {
    db, openOptions, release: close,
    description: `embedded PGlite (child process, pg wire protocol on loopback), data directory ${dataDir} (removed at the end)`,
    dispose: async () => { cleanups.delete(close); await db.close(); await remove(); },
  };
}
