/**
 * The related scan as a scheduled job (server/platform/jobs/runner.ts): it
 * brings the links between recommendations up to date with the catalogue.
 *
 * Incremental: `related_scan_state` remembers the catalogue version the last
 * scan read. The catalogue's change log (`catalogue_change`, migration 0016)
 * gives the recommendations imported, edited or deleted since; only the States
 * they are about are scanned again (whole: the scan compares within a State,
 * and its idf is the State's, so a State rescanned alone gets exactly what a
 * whole scan gives it). A whole scan runs the first time, when the scan method
 * changed (SCAN_VERSION), or when the log no longer reaches back (it is pruned
 * past 200,000 rows, or the catalogue was emptied).
 *
 * The comparison runs in a worker thread (related.worker.mjs); reading and
 * writing are plain queries. The links are written in one transaction that
 * first locks the scan state and checks that no other server scanned the same
 * versions meanwhile; a person's decisions (confirmed, rejected) are kept.
 */
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { inTransaction } from '../../platform/db/database';
import * as repository from './related.repository';
import { SCAN_VERSION, type FoundPair, type ScanRecord } from './related.scan';

/** How often the job falls due: links follow an import or an edit within this many minutes. */
export const RELATED_SCAN_MINUTES = 10;

export interface ScanOutcome {
  mode: 'up_to_date' | 'whole' | 'incremental' | 'skipped';
  states: number;
  scanned: number;
  links: number;
  ms: number;
}

function scanRecordOf(row: repository.ScanRow): ScanRecord {
  const text = row.texts[row.original_language]?.text ?? Object.values(row.texts)[0]?.text ?? '';
  const language = row.texts[row.original_language] ? row.original_language : (Object.keys(row.texts)[0] ?? row.original_language);
  // The review or document: its symbol, else (a UPR review without one) the mechanism and session or date.
  const document = row.document_symbol ?? `${row.mechanism_id}:${row.session ?? row.document_date ?? row.year ?? ''}`;
  return { id: row.id, countries: row.countries, mechanismId: row.mechanism_id, document, language, text };
}

/** Runs the comparison off this thread. */
function scanInWorker(records: ScanRecord[], only: string[] | null): Promise<FoundPair[]> {
  const worker = new Worker(new URL('./related.worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  return new Promise<FoundPair[]>((resolve, reject) => {
    worker.on('message', (m: { ready?: true; pairs?: FoundPair[]; error?: string; stack?: string }) => {
      if (m.ready) worker.postMessage({ records, only });
      else if (m.pairs) resolve(m.pairs);
      else reject(Object.assign(new Error(m.error), { stack: m.stack }));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the related scan worker stopped (exit code ${code})`)));
  }).finally(() => void worker.terminate());
}

export async function runRelatedScan(pool: pg.Pool, options: { whole?: boolean } = {}): Promise<ScanOutcome> {
  const started = performance.now();
  const state = await repository.scanState(pool);
  const catalogue = await repository.catalogueVersion(pool);
  const outcome = (mode: ScanOutcome['mode'], states: number, scanned: number, links: number): ScanOutcome =>
    ({ mode, states, scanned, links, ms: Math.round(performance.now() - started) });
  if (!options.whole && state.scan_version === SCAN_VERSION && state.catalogue_version === catalogue.version) return outcome('up_to_date', 0, 0, 0);

  let changed: number[] = [];
  let whole = options.whole || state.scan_version !== SCAN_VERSION || catalogue.logFrom > state.catalogue_version;
  if (!whole) {
    changed = await repository.changedSince(pool, state.catalogue_version, catalogue.version);
    if (changed.includes(-1)) whole = true; // the catalogue was emptied: start again
  }

  let records: ScanRecord[];
  let countries: string[] | 'all';
  if (whole) {
    records = [];
    for await (const page of repository.allForScan(pool)) for (const row of page) records.push(scanRecordOf(row));
    countries = 'all';
  } else {
    countries = await repository.countriesOf(pool, changed);
    records = countries.length ? (await repository.forScanByCountries(pool, countries)).map(scanRecordOf) : [];
  }
  const pairs = records.length ? await scanInWorker(records, countries === 'all' ? null : countries) : [];

  const written = await inTransaction(pool, async (tx) => {
    const now = await repository.scanState(tx, true);
    // Another server scanned these versions while this one compared: its links stand.
    if (now.catalogue_version !== state.catalogue_version || now.scan_version !== state.scan_version) return false;
    await repository.replaceScannedLinks(tx, countries, changed, pairs, SCAN_VERSION);
    await repository.saveScanState(tx, {
      catalogueVersion: catalogue.version, scanVersion: SCAN_VERSION, scanned: records.length, links: pairs.length,
      millis: Math.round(performance.now() - started),
    });
    return true;
  });
  if (!written) return outcome('skipped', 0, 0, 0);
  return outcome(whole ? 'whole' : 'incremental', countries === 'all' ? new Set(records.flatMap((r) => r.countries)).size : countries.length, records.length, pairs.length);
}
