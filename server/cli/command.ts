/**
 * What a command-line command gets from its process, so that its logic can be
 * called in process (tests) as well as run by npm: the arguments, where to
 * write, the environment and the caller's directory. A command returns its
 * exit status instead of exiting.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../platform/config';
import { type Database, openDatabase } from '../platform/db/database';
import { prepareDatabase } from '../platform/db/migrate';

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** The directory relative paths are read from: npm runs scripts from the project root, a user means their own. */
  cwd: string;
}

export type Command = (args: string[], io: CommandIo) => Promise<number>;

/** A wrong command line: the command writes the reason and exits with 2. */
export class UsageError extends Error {}

export function processIo(): CommandIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.env.INIT_CWD ?? process.cwd(),
  };
}

/** Runs the command when its module is the script node was started with (not when a test imports it). */
export function runIfMain(moduleUrl: string, command: Command): void {
  const script = process.argv[1];
  if (!script || !fs.existsSync(script) || fs.realpathSync(script) !== fs.realpathSync(fileURLToPath(moduleUrl))) return;
  command(process.argv.slice(2), processIo()).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => { process.stderr.write(`${(error as Error).stack ?? error}\n`); process.exitCode = 3; },
  );
}

/**
 * The configured database (the embedded one under DATA_DIR, attaching to a running server's, or DATABASE_URL),
 * migrated to the current schema; closed again if migrating fails. The caller closes it.
 */
export async function openPreparedDatabase(env: NodeJS.ProcessEnv): Promise<Database> {
  const config = readConfig(env);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await prepareDatabase(db.pool);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
