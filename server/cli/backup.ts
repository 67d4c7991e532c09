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

const USAGE = 'usage: npm run backup -- FILE';

async function main() {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ allowPositionals: true, options: {} }));
  } catch (error) {
    process.stderr.write(`backup: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]);
  const config = readConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const summary = await createBackup(db.pool, { file, uploadDir: config.uploadDir, source: db.kind });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } catch (error) {
    process.stderr.write(`backup: ${(error as Error).message}\n`);
    process.exitCode = error instanceof BackupRefused ? 2 : 3;
  } finally {
    await db.close();
  }
}

void main();
