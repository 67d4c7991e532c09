/**
 * npm run related:scan [-- --whole]
 *
 * Brings the links between recommendations (duplicates, recurrences, similar) up to date now, on the
 * configured database (the embedded one under DATA_DIR, attaching to a running server's, or
 * DATABASE_URL), as the `related-scan` job does every few minutes: after a large import, the links
 * need not wait for its next run. --whole compares the whole catalogue again instead of the States
 * changed since the last scan. Exit status: 0 done; 2 the command line is wrong; 3 the database or
 * the scan failed.
 */
import { parseArgs } from 'node:util';
import type { Database } from '../platform/db/database';
import { runRelatedScan } from '../modules/related/related.job';
import { type CommandIo, openPreparedDatabase, runIfMain } from './command';

const USAGE = 'usage: npm run related:scan [-- --whole]';

export async function relatedScanCommand(args: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { whole: { type: 'boolean' } } });
  } catch (error) {
    io.stderr(`related:scan: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let db: Database | undefined;
  try {
    db = await openPreparedDatabase(io.env);
    const outcome = await runRelatedScan(db.pool, { whole: parsed.values.whole });
    io.stdout(`${outcome.mode}: ${outcome.scanned} recommendations compared (States: ${outcome.states}), ${outcome.links} links, ${(outcome.ms / 1000).toFixed(1)} s\n`);
    return 0;
  } catch (error) {
    io.stderr(`related:scan: ${(error as Error).message}\n`);
    return 3;
  } finally {
    await db?.close();
  }
}

runIfMain(import.meta.url, (args, io) => relatedScanCommand(args, io));
