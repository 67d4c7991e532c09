/**
 * npm run admin:create -- --email ADDRESS [--name NAME] [--locale es|en|fr|pt]
 *
 * Creates an administrator on the configured database (the embedded one under
 * DATA_DIR, attaching to a running server's, or DATABASE_URL) and prints a
 * one-time link to choose the password. Exit status: 0 created; 1 the address
 * already has an account; 2 the command line or the address is wrong; 3 the
 * database failed. Nothing is written unless the exit status is 0.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { readConfig } from '../platform/config';
import { openDatabase } from '../platform/db/database';
import { prepareDatabase } from '../platform/db/migrate';
import { AdministratorRefused, createAdministrator } from '../modules/users/use-cases/create-administrator';

const USAGE = 'usage: npm run admin:create -- --email ADDRESS [--name NAME] [--locale es|en|fr|pt]';

function fail(reason: string, code = 2): never {
  process.stderr.write(`admin:create: ${reason}\n`);
  process.exit(code);
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      options: { email: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string' } },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const { email, name, locale } = parsed.values;
  if (!email) fail(USAGE);
  if (locale && !['es', 'en', 'fr', 'pt'].includes(locale)) fail(`unknown locale "${locale}"\n${USAGE}`);

  const config = readConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await prepareDatabase(db.pool);
    const created = await createAdministrator(db.pool, { email, name, locale }, {
      publicUrl: config.publicUrl, now: () => new Date(), actor: `cli:${os.userInfo().username}`,
    });
    process.stdout.write(`administrator ${created.email} created.\n`);
    process.stdout.write(`Open this link to choose the password (works once, until ${created.expiresAt.toISOString()}):\n`);
    process.stdout.write(`${created.link}\n`);
  } catch (error) {
    if (error instanceof AdministratorRefused) {
      process.stderr.write(`admin:create: ${error.message}; nothing was written\n`);
      process.exitCode = error.reason === 'email_taken' ? 1 : 2;
    } else {
      process.stderr.write(`admin:create: failed, nothing was written: ${(error as Error).message}\n`);
      process.exitCode = 3;
    }
  } finally {
    await db.close();
  }
}

void main();
