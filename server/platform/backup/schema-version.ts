/**
 * The schema version of a database is the list of migrations applied to it
 * (their tags, in order), read from drizzle's own table. Restore needs to
 * build a database at exactly an archive's version before loading its rows,
 * so it can also apply only the first N migrations, the way drizzle does.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type pg from 'pg';
import fs from 'node:fs';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

interface JournalEntry { tag: string; when: number }

/** The migrations this code knows, in order. */
export function knownMigrations(): JournalEntry[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'));
  return journal.entries.map((entry: JournalEntry) => ({ tag: entry.tag, when: entry.when }));
}

/** Tags of the migrations applied to the database the client is on ([] when none). */
export async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const { rows: [present] } = await client.query(`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!present.present) return [];
  const { rows } = await client.query<{ created_at: string }>('select created_at::text from drizzle.__drizzle_migrations order by created_at');
  const byWhen = new Map(knownMigrations().map((entry) => [String(entry.when), entry.tag]));
  return rows.map((row) => byWhen.get(row.created_at) ?? `unknown-${row.created_at}`);
}

/** Applies the first `count` migrations to an empty database, inside the caller's transaction. */
export async function applyFirstMigrations(tx: pg.ClientBase, count: number): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder }).slice(0, count);
  await tx.query('create schema if not exists drizzle');
  await tx.query('create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)');
  for (const migration of migrations) {
    for (const statement of migration.sql) {
      if (statement.trim()) await tx.query(statement);
    }
    await tx.query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [migration.hash, migration.folderMillis]);
  }
}
