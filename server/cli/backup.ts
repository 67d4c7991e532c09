/**
 * npm run backup -- FILE
 *
 * Writes one archive with the database (embedded under DATA_DIR, attaching to
 * a running server's, or DATABASE_URL) and the evidence files of UPLOAD_DIR
 * (server/platform/backup/backup.ts). The server may keep running. Exit status:
 * 0 written; 2 the command line is wrong or FILE exists; 3 the backup failed
 * (no partial FILE is left).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../platform/config';
import { openDatabase } from '../platform/db/database';
import { BackupRefused, createBackup } from '../platform/backup/backup';
import { type CommandIo, runIfMain } from './command';

const USAGE = 'usage: npm run backup -- FILE';

export async function backupCommand(args: string[], io: CommandIo): Promise<number> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args, allowPositionals: true, options: {} }));
  } catch (error) {
    io.stderr(`backup: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (positionals.length !== 1) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const file = path.resolve(io.cwd, positionals[0]);
  const config = readConfig(io.env);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const summary = await createBackup(db.pool, { file, uploadDir: config.uploadDir, source: db.kind });
    io.stdout(`${JSON.stringify(summary)}\n`);
    return 0;
  } catch (error) {
    io.stderr(`backup: ${(error as Error).message}\n`);
    return error instanceof BackupRefused ? 2 : 3;
  } finally {
    await db.close();
  }
}

runIfMain(import.meta.url, backupCommand);
