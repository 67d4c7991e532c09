/**
 * npm run import -- FILE [--format uhri-json|uhri-xlsx|upr-info-csv|upr-matrix-jsonl|csv] [--dry-run] [--skip-invalid] [--suggest]
 *
 * Works on the embedded database under DATA_DIR (attaching to a running
 * server's database if there is one) or on DATABASE_URL. Problems go to
 * stderr, one per line; the last line on stdout is the JSON summary. With --suggest, the records
 * written are scored by the current suggestion model once the import committed (the summary's
 * `suggestions`); scoring never changes the exit status.
 * Exit status: 0 written (or, with --dry-run, valid); 1 rows invalid, nothing
 * written; 2 the file or the command line is wrong, nothing written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../platform/config';
import { openDatabase } from '../platform/db/database';
import { prepareDatabase } from '../platform/db/migrate';
import { importRecommendations } from '../modules/recommendations/use-cases/import-recommendations';
import { issueWhereForCommandLine } from '../modules/recommendations/import/issue-messages';
import { reasonText } from '../modules/recommendations/import/reasons';
import { IMPORT_FORMATS, ImportFileError, type ImportFormat } from '../modules/recommendations/import/types';
import { type CommandIo, runIfMain, UsageError } from './command';

const USAGE = `usage: npm run import -- FILE [--format ${IMPORT_FORMATS.join('|')}] [--dry-run] [--skip-invalid] [--suggest]`;

export async function importCommand(args: string[], io: CommandIo): Promise<number> {
  try {
    return await run(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`import: ${error.message}\n`);
    return 2;
  }
}

async function run(args: string[], io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'skip-invalid': { type: 'boolean' }, suggest: { type: 'boolean' } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) throw new UsageError(USAGE);
  const format = parsed.values.format as ImportFormat | undefined;
  if (format && !IMPORT_FORMATS.includes(format)) throw new UsageError(`unknown format "${format}"\n${USAGE}`);
  let input: Buffer;
  try {
    input = fs.readFileSync(path.resolve(io.cwd, file));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }

  const config = readConfig(io.env);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await prepareDatabase(db.pool);
    const report = await importRecommendations(db.pool, input, {
      fileName: file,
      format,
      dryRun: parsed.values['dry-run'],
      skipInvalid: parsed.values['skip-invalid'],
      actor: `cli:${os.userInfo().username}`,
      handOver: true,
      suggest: parsed.values.suggest,
    });
    for (const issue of report.issues) {
      io.stderr(`${issue.file}:${issueWhereForCommandLine(issue, report.place)}: ${issue.field}: ${reasonText(issue.reason)}\n`);
    }
    const { created, updated, unchanged, rejected } = report;
    if (parsed.values['dry-run']) io.stderr('dry run: nothing was written\n');
    else if (!report.written) io.stderr(`${rejected} invalid record(s): nothing was written (use --skip-invalid to import the rest)\n`);
    const suggestions = report.suggestions && { status: report.suggestions.status, recommendations: report.suggestions.recommendations, suggestions: report.suggestions.suggestions };
    if (report.suggestions?.status === 'failed') {
      io.stderr(`scoring the imported records failed (${(report.suggestions.error as Error)?.message ?? report.suggestions.error}); the import stands and the suggest-train job will score them\n`);
    } else if (report.suggestions?.status === 'no_model') io.stderr('no suggestion model yet: run npm run suggest:train\n');
    io.stdout(`${JSON.stringify({ created, updated, unchanged, rejected, ...(suggestions ? { suggestions } : {}) })}\n`);
    const valid = report.written || (parsed.values['dry-run'] && (rejected === 0 || parsed.values['skip-invalid']));
    return valid ? 0 : 1;
  } catch (error) {
    if (error instanceof ImportFileError) {
      io.stderr(`import: ${file}: ${error.message}; nothing was written\n`);
      return 2;
    }
    io.stderr(`import: failed, nothing was written: ${(error as Error).message}\n`);
    return 3;
  } finally {
    await db.close();
  }
}

runIfMain(import.meta.url, importCommand);
