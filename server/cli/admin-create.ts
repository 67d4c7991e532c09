/**
 * npm run admin:create -- --email ADDRESS [--name NAME] [--locale es|en|fr|pt…]
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
import { isLocale, locales } from '../../shared/i18n/languages';
import { type CommandIo, runIfMain } from './command';

const USAGE = `usage: npm run admin:create -- --email ADDRESS [--name NAME] [--locale ${locales.join('|')}]`;

export async function adminCreateCommand(args: string[], io: CommandIo): Promise<number> {
  const fail = (reason: string) => {
    io.stderr(`admin:create: ${reason}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string' } },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
  const { email, name, locale } = parsed.values;
  if (!email) return fail(USAGE);
  if (locale && !isLocale(locale)) return fail(`unknown locale "${locale}"\n${USAGE}`);

  const config = readConfig(io.env);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await prepareDatabase(db.pool);
    const created = await createAdministrator(db.pool, { email, name, locale }, {
      publicUrl: config.publicUrl, now: () => new Date(), actor: `cli:${os.userInfo().username}`,
    });
    io.stdout(`administrator ${created.email} created.\n`);
    io.stdout(`Open this link to choose the password (works once, until ${created.expiresAt.toISOString()}):\n`);
    io.stdout(`${created.link}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AdministratorRefused) {
      io.stderr(`admin:create: ${error.message}; nothing was written\n`);
      return error.reason === 'email_taken' ? 1 : 2;
    }
    io.stderr(`admin:create: failed, nothing was written: ${(error as Error).message}\n`);
    return 3;
  } finally {
    await db.close();
  }
}

runIfMain(import.meta.url, adminCreateCommand);
