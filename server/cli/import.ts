/**
 * npm run import -- FILE [--format uhri-json|uhri-xlsx|upr-info-csv|upr-matrix-jsonl|csv] [--dry-run] [--skip-invalid]
 *
 * Works on the embedded database under DATA_DIR (attaching to a running
 * server's database if there is one) or on DATABASE_URL. Problems go to
 * stderr, one per line; the last line on stdout is the JSON summary.
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
import { IMPORT_FORMATS, ImportFileError, type ImportFormat } from '../modules/recommendations/import/types';

const USAGE = `usage: npm run import -- FILE [--format ${IMPORT_FORMATS.join('|')}] [--dry-run] [--skip-invalid]`;

function fail(reason: string): never {
  process.stderr.write(`import: ${reason}\n`);
  process.exit(2);
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { format: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'skip-invalid': { type: 'boolean' } },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) fail(USAGE);
  const format = parsed.values.format as ImportFormat | undefined;
  if (format && !IMPORT_FORMATS.includes(format)) fail(`unknown format "${format}"\n${USAGE}`);
  let input: Buffer;
  try {
    // npm runs scripts from the project root; a relative path means the caller's directory.
    input = fs.readFileSync(path.resolve(process.env.INIT_CWD ?? process.cwd(), file));
  } catch (error) {
    fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }

  const config = readConfig();
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
    });
    for (const issue of report.issues) {
      process.stderr.write(`${issue.file}:${issueWhereForCommandLine(issue, report.place)}: ${issue.field}: ${issue.reason}\n`);
    }
    const { created, updated, unchanged, rejected } = report;
    if (parsed.values['dry-run']) process.stderr.write('dry run: nothing was written\n');
    else if (!report.written) process.stderr.write(`${rejected} invalid record(s): nothing was written (use --skip-invalid to import the rest)\n`);
    process.stdout.write(`${JSON.stringify({ created, updated, unchanged, rejected })}\n`);
    const valid = report.written || (parsed.values['dry-run'] && (rejected === 0 || parsed.values['skip-invalid']));
    process.exitCode = valid ? 0 : 1;
  } catch (error) {
    if (error instanceof ImportFileError) {
      process.stderr.write(`import: ${file}: ${error.message}; nothing was written\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`import: failed, nothing was written: ${(error as Error).message}\n`);
      process.exitCode = 3;
    }
  } finally {
    await db.close();
  }
}

void main();
