/** Loading the corpora: the real files through the importer, the synthetic top-up through the importer's bulk SQL. */
import type pg from 'pg';
import { loadReferenceIndex } from '../../server/modules/recommendations/import/reference-index';
import type { ResolvedRecommendation } from '../../server/modules/recommendations/import/resolve';
import * as repository from '../../server/modules/recommendations/recommendations.repository';
import { importRecommendations, type ImportReport } from '../../server/modules/recommendations/use-cases/import-recommendations';
import { inTransaction } from '../../server/platform/db/database';
import { resolveSynthetic, syntheticRecords, type SyntheticSources } from './corpus';
import { log, now } from './stats';

export interface ImportRun {
  files: { file: string; ms: number; created: number; updated: number; unchanged: number; rejected: number; newTerms: number }[];
  ms: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** Imports each file with importRecommendations (one transaction each, as `npm run import` does). */
export async function importFiles(pool: pg.Pool, files: { name: string; bytes: Buffer }[], label: string): Promise<ImportRun> {
  const run: ImportRun = { files: [], ms: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const file of files) {
    const start = now();
    const report: ImportReport = await importRecommendations(pool, file.bytes, {
      fileName: file.name, format: 'upr-info-csv', actor: 'cli:bench', skipInvalid: true,
    });
    const ms = now() - start;
    if (!report.written) throw new Error(`import of ${file.name} was not written`);
    run.files.push({ file: file.name, ms: Math.round(ms), created: report.created, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected, newTerms: report.newTerms });
    run.ms += ms;
    run.created += report.created;
    run.updated += report.updated;
    run.unchanged += report.unchanged;
    run.rejected += report.rejected;
    log(`${label}: ${file.name} ${Math.round(ms)} ms (created ${report.created}, updated ${report.updated}, rejected ${report.rejected})`);
  }
  return run;
}

export interface SyntheticLoad {
  records: number;
  ms: number;
  per_s: number;
  concurrency: number;
  chunk: number;
}

/**
 * Writes `count` synthetic records with the importer's own write path
 * (repository.upsertImported: jsonb_to_recordset insert with
 * nmirf_search_vector, labels, external ids) in transactions of `chunk`
 * records; the next chunk is generated and resolved while the previous one
 * is written. `concurrency` transactions at a time (PostgreSQL: 2; the
 * embedded database runs one session, so 1).
 */
export async function loadSynthetic(pool: pg.Pool, sources: SyntheticSources, count: number, concurrency: number, label: string,
  onResolved?: (records: ResolvedRecommendation[]) => void): Promise<SyntheticLoad> {
  const chunk = 5000;
  const index = await loadReferenceIndex(pool);
  const start = now();
  const inFlight: Promise<void>[] = [];
  let failure: unknown = null;
  let written = 0;
  let lastLog = now();
  for (const parsed of syntheticRecords(sources, index, count, chunk)) {
    const { records, issues } = resolveSynthetic(parsed, index);
    if (issues.length) throw new Error(`synthetic records do not resolve (a bug in the generator): ${issues.slice(0, 3).join('; ')}`);
    onResolved?.(records);
    while (inFlight.length >= concurrency) await inFlight.shift();
    if (failure) throw failure;
    const write = inTransaction(pool, async (client) => {
      const batchId = await repository.insertImportBatch(client, { fileName: 'synthetic.csv', format: 'csv', fileSha256: '-', importedBy: 'cli:bench' });
      const counts = await repository.upsertImported(client, records, batchId);
      await repository.setImportBatchCounts(client, batchId, counts);
      written += counts.created;
    }).catch((error) => { failure = error; });
    inFlight.push(write);
    if (now() - lastLog > 15_000) {
      lastLog = now();
      log(`${label}: synthetic ${written.toLocaleString('en')} / ${count.toLocaleString('en')} written`);
    }
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  const ms = now() - start;
  if (written !== count) throw new Error(`synthetic load wrote ${written} of ${count} records`);
  return { records: written, ms: Math.round(ms), per_s: Math.round(written / (ms / 1000)), concurrency, chunk };
}
