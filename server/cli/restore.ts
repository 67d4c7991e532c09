/**
 * npm run restore -- FILE [--force]
 *
 * Restores an archive made by `npm run backup` into the configured database
 * (embedded under DATA_DIR, or DATABASE_URL: an embedded backup restored into
 * DATABASE_URL moves an instance to PostgreSQL) and UPLOAD_DIR, then brings it
 * to the current schema (server/platform/backup/restore.ts). Stop the server
 * first. Exit status: 0 restored; 1 refused (corrupted archive, newer schema,
 * or a target holding work without --force), nothing changed; 2 the command
 * line is wrong; 3 the restore failed.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../platform/config';
import { openDatabase } from '../platform/db/database';
import { restoreBackup, RestoreRefused } from '../platform/backup/restore';
import { type CommandIo, runIfMain } from './command';

const USAGE = 'usage: npm run restore -- FILE [--force]';

export async function restoreCommand(args: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
  } catch (error) {
    io.stderr(`restore: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.positionals.length !== 1) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const file = path.resolve(io.cwd, parsed.positionals[0]);
  const config = readConfig(io.env);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const summary = await restoreBackup(db.pool, { file, uploadDir: config.uploadDir, force: parsed.values.force });
    io.stdout(`${JSON.stringify(summary)}\n`);
    return 0;
  } catch (error) {
    io.stderr(`restore: ${(error as Error).message}\n`);
    return error instanceof RestoreRefused ? 1 : 3;
  } finally {
    await db.close();
  }
}

runIfMain(import.meta.url, restoreCommand);
