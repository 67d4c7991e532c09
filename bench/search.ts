/**
 * `npm run bench:search`: import throughput and search latency, on PostgreSQL
 * and on the embedded database, at 41k real records (UPR Info, sessions
 * 1–20) and at 300k (the real records plus a synthetic top-up that follows
 * their statistics). Prints one JSON object on stdout, then a one-line
 * summary; progress goes to stderr.
 *
 * Options (flags or environment):
 *   --quick            BENCH_QUICK=1     41k only, 2 repetitions (smoke run)
 *   --only=pg|embedded BENCH_ONLY        one backend
 *   --reps=N           BENCH_REPS        timed repetitions of each query (default 5)
 *   --total=N          BENCH_TOTAL       records at the large scale (default 300000)
 *   --explain=N        BENCH_EXPLAIN     EXPLAIN ANALYZE the N slowest queries at the largest scale (default 3),
 *                                        plus the slowest of each kind; plans written to a file in the temp directory
 *   --keep             BENCH_KEEP=1      leave the PostgreSQL database in place (its URL is in the JSON)
 *   BENCH_PG_URL       admin connection (default postgres://postgres@127.0.0.1:5432/postgres)
 *   SHARED_DATA        the shared data folder (default ../shared/data from the project root)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsers } from '../server/modules/recommendations/import/formats/detect';
import { loadReferenceIndex } from '../server/modules/recommendations/import/reference-index';
import { importRecommendations } from '../server/modules/recommendations/use-cases/import-recommendations';
import { prepareDatabase } from '../server/platform/db/migrate';
import {
  corpusStats, locateSharedData, prepareRealCorpus, readMechanismWeights, statsOfResolved, UPR_INFO_FILES,
  type PreparedRealCorpus, type SharedData, type SyntheticSources,
} from './lib/corpus';
import { disposeAll, freshEmbedded, freshPostgres, postgresAvailable, type BenchDatabase } from './lib/databases';
import { importFiles, loadSynthetic } from './lib/load';
import { QUERIES } from './lib/queries';
import { rawInsert } from './lib/raw-insert';
import { explainSearch, measureSearch, type SearchMeasurement } from './lib/search-run';
import { readBenchOptions } from './lib/options';
import { log, machine, now, ratio, round } from './lib/stats';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Backend = 'pg' | 'embedded';

interface Options {
  quick: boolean;
  only: Backend | null;
  reps: number;
  total: number;
  explain: number;
  keep: boolean;
}

function readOptions(): Options {
  const options = readBenchOptions();
  const quick = options.flag('quick', 'BENCH_QUICK');
  return {
    quick, only: options.only(), reps: options.int('reps', 'BENCH_REPS', quick ? 2 : 5), total: options.int('total', 'BENCH_TOTAL', 300_000),
    explain: options.int('explain', 'BENCH_EXPLAIN', 3), keep: options.flag('keep', 'BENCH_KEEP'),
  };
}

interface BackendResult {
  database: string;
  migrate_ms: number;
  import: Record<string, unknown>;
  search: Record<string, SearchMeasurement>;
  synthetic_load?: Record<string, unknown>;
  explain?: Record<string, unknown>[];
  explain_plans_file?: string;
  error?: string;
}

async function runBackend(backend: Backend, data: SharedData, options: Options, shared: { realStats?: unknown; syntheticStats?: unknown; syntheticSources?: SyntheticSources }): Promise<BackendResult> {
  const label = backend === 'pg' ? 'PostgreSQL' : 'embedded';
  log(`${label}: creating a fresh database`);
  const bench: BenchDatabase = backend === 'pg' ? await freshPostgres(options.keep) : await freshEmbedded();
  const { db } = bench;
  const result: BackendResult = { database: bench.description, migrate_ms: 0, import: {}, search: {} };
  try {
    let t = now();
    await prepareDatabase(db.pool);
    result.migrate_ms = Math.round(now() - t);
    log(`${label}: migrated and seeded in ${result.migrate_ms} ms`);

    // 1. Import throughput: the six published files, one import each, into the fresh database.
    const files = UPR_INFO_FILES.map((name) => ({ name, bytes: fs.readFileSync(path.join(data.uprInfoDir, name)) }));
    const imported = await importFiles(db.pool, files, label);

    // The same rows, resolved outside the importer, for the raw baseline (and the exact rejection reasons).
    const index = await loadReferenceIndex(db.pool);
    const real: PreparedRealCorpus = await prepareRealCorpus(files, index);
    log(`${label}: raw insert baseline (${real.records.length.toLocaleString('en')} resolved rows)`);
    const raw = await rawInsert(db.pool, real.records);
    const importSeconds = imported.ms / 1000;
    result.import = {
      files: imported.files,
      source_rows: real.sourceRows,
      created: imported.created,
      updated: imported.updated,
      unchanged: imported.unchanged,
      rejected: imported.rejected,
      rejected_by_reason: real.rejectedByReason,
      ms: Math.round(imported.ms),
      per_s: Math.round(real.sourceRows / importSeconds),
      created_per_s: Math.round(imported.created / importSeconds),
      raw_insert: { rows: raw.rows, jsonb_ms: Math.round(raw.jsonb_ms), unnest_ms: Math.round(raw.unnest_ms), baseline: raw.baseline_method, baseline_ms: Math.round(raw.baseline_ms), rows_per_s: Math.round(raw.rows / (raw.baseline_ms / 1000)) },
      importer_over_raw: ratio(imported.ms, raw.baseline_ms),
      // The JS half of the importer, timed separately on the same files (not part of `ms`).
      phases_outside_transaction: { parse_ms: Math.round(real.parseMs), resolve_and_merge_ms: Math.round(real.resolveMs), database_and_rest_ms: Math.round(imported.ms - real.parseMs - real.resolveMs) },
    };
    shared.realStats ??= corpusStats(real.records.map(statsOfResolved));

    t = now();
    await db.pool.query('vacuum analyze');
    log(`${label}: vacuum analyze ${Math.round(now() - t)} ms`);

    // 2–3. Search at the real scale.
    result.search['41k'] = await measureSearch(db, options.reps, `${label} 41k`);

    // 4. The large scale: the real records, the OHCHR thematic list (real UHRI labels), and a synthetic top-up.
    if (!options.quick) {
      const slovenia = fs.readFileSync(data.sloveniaFile);
      const uhri = await importRecommendations(db.pool, slovenia, { fileName: path.basename(data.sloveniaFile), format: 'upr-matrix-jsonl', actor: 'cli:bench', skipInvalid: true });
      const sources: SyntheticSources = shared.syntheticSources ?? {
        real: real.records,
        uhriLabelled: (await parsers['upr-matrix-jsonl'](slovenia, data.sloveniaFile)).records,
        mechanisms: readMechanismWeights(data.mechanismsFile),
      };
      shared.syntheticSources = sources;
      const current = (await db.pool.query('select count(*)::int as n from recommendation')).rows[0].n as number;
      const count = Math.max(0, options.total - current);
      log(`${label}: writing ${count.toLocaleString('en')} synthetic records (to ${options.total.toLocaleString('en')})`);
      const sample: ReturnType<typeof statsOfResolved>[] = [];
      const load = await loadSynthetic(db.pool, sources, count, backend === 'pg' ? 2 : 1, label, (records) => {
        if (!shared.syntheticStats) sample.push(...records.map(statsOfResolved));
      });
      if (!shared.syntheticStats) shared.syntheticStats = corpusStats(sample);
      log(`${label}: synthetic load ${load.records.toLocaleString('en')} in ${load.ms} ms (${load.per_s}/s)`);
      t = now();
      await db.pool.query('vacuum analyze');
      const vacuumMs = Math.round(now() - t);
      log(`${label}: vacuum analyze ${vacuumMs} ms`);
      result.synthetic_load = {
        ...load, vacuum_analyze_ms: vacuumMs, real_records_before: current,
        ohchr_slovenia_import: { created: uhri.created, updated: uhri.updated, rejected: uhri.rejected, new_terms: uhri.newTerms },
      };
      // Direct SQL at 300k only on PostgreSQL: that is where the API/SQL ratio is asked, and on the
      // embedded database the second pass would add minutes.
      result.search['300k'] = await measureSearch(db, options.reps, `${label} 300k`, backend === 'pg');
    }

    // Where the time goes in the slowest queries, at the largest scale measured.
    const largest = result.search['300k'] ?? result.search['41k'];
    if (options.explain > 0 && largest) {
      // The N slowest, plus the slowest of each kind of query not yet among them.
      const bySpeed = [...largest.per_query].sort((a, b) => (b.api_p50_ms ?? 0) - (a.api_p50_ms ?? 0));
      const slowest = bySpeed.slice(0, options.explain);
      for (const kind of ['keyword', 'keyword+filter', 'filter-only'] as const) {
        const first = bySpeed.find((q) => q.kind === kind);
        if (first && !slowest.includes(first)) slowest.push(first);
      }
      result.explain = [];
      const plans: string[] = [];
      for (const q of slowest) {
        const def = QUERIES.find((d) => d.name === q.name)!;
        log(`${label}: EXPLAIN ANALYZE "${q.name}"`);
        const explained = await explainSearch(db.pool, def.params);
        result.explain.push({ query: q.name, kind: q.kind, api_p50_ms: q.api_p50_ms, total: q.total, statements: explained.parts });
        plans.push(`==== ${q.name}\n${explained.text}`);
      }
      const file = path.join(os.tmpdir(), `nmirf-bench-explain-${backend}-${Date.now()}.txt`);
      fs.writeFileSync(file, plans.join('\n'));
      result.explain_plans_file = file;
    }
  } catch (error) {
    result.error = (error as Error).stack ?? String(error);
    log(`${label}: FAILED ${(error as Error).message}`);
  } finally {
    await bench.dispose().catch((error) => log(`${label}: cleanup failed: ${(error as Error).message}`));
  }
  return result;
}

async function main() {
  const started = now();
  const loadAtStart = os.loadavg()[0];
  const options = readOptions();
  const data = locateSharedData(projectRoot);
  if (!data) {
    const where = process.env.SHARED_DATA ?? path.resolve(projectRoot, '../shared/data');
    console.log(JSON.stringify({ skipped: '../shared/data is absent: the benchmark needs the UPR Info corpus', looked_in: where }, null, 2));
    console.log(`search benchmark skipped: the UPR Info corpus is not in ${where}`);
    return;
  }
  process.on('SIGINT', () => { void disposeAll().finally(() => process.exit(130)); });

  const backends: Backend[] = options.only ? [options.only] : ['pg', 'embedded'];
  const shared: { realStats?: unknown; syntheticStats?: unknown; syntheticSources?: SyntheticSources } = {};
  const results: Partial<Record<Backend, BackendResult | { skipped: string }>> = {};
  let postgresVersion: string | null = null;
  for (const backend of backends) {
    if (backend === 'pg') {
      const available = await postgresAvailable();
      if ('unreachable' in available) {
        results.pg = { skipped: `PostgreSQL unreachable (${available.unreachable}); start it to measure PostgreSQL` };
        log(`PostgreSQL: skipped, unreachable`);
        continue;
      }
      postgresVersion = available.version;
    }
    results[backend] = await runBackend(backend, data, options, shared);
    log(`${backend} done at ${Math.round((now() - started) / 1000)} s`);
  }

  const ran = (b: Backend) => (results[b] && !('skipped' in results[b]!) ? results[b] as BackendResult : null);
  const pg = ran('pg');
  const embedded = ran('embedded');
  const search = (r: BackendResult | null, scale: '41k' | '300k') => r?.search[scale] ?? null;
  const importOf = (r: BackendResult | null) => (r?.import as { per_s?: number; importer_over_raw?: number; rejected?: number } | undefined);

  const pg300 = search(pg, '300k');
  const totalRecords = options.total.toLocaleString('en');
  // The issue's single-client targets: p95 ≤ 30 ms at 300,000 records and ≤ 100 ms at 3,000,000 (the hub's scale);
  // the index's memory ≤ 150 MB at 300,000; the import ≥ 10,000 records a second on PostgreSQL. The key "300k" names
  // the large scale, whatever --total says (see large_scale_records).
  const p95Target = options.total >= 3_000_000 ? 100 : 30;
  const memoryTarget = options.total <= 300_000 ? 150 : null;
  const scaleName = options.total >= 1_000_000 ? `${options.total / 1_000_000}M` : `${Math.round(options.total / 1000)}k`;
  const report = {
    benchmark: 'search',
    date: new Date().toISOString(),
    machine: machine(loadAtStart),
    postgres: postgresVersion,
    options,
    corpus: {
      real_41k: 'UPR Info database export, UPR sessions 1-20 (2008-2014): the 6 published CSV files (MacRoman, CR line endings) = 41,066 recommendations + 947 voluntary pledges; rows that share an identity are merged into one record by the importer and rows with unresolvable labels are rejected (skipInvalid), so the catalogue holds fewer records (see search.*.41k.records)',
      synthetic_300k: options.quick ? null
        : `${totalRecords} records in all: the real 41k corpus above, the OHCHR thematic list for Slovenia (378 real records with UHRI themes, affected persons and SDGs), and a synthetic top-up generated at run time (seeded, identical on both backends): each synthetic record copies the State, session/cycle, position, recommending States, UPR Info issues and action of a random real UPR Info record; its mechanism is drawn from the UHRI export's record counts per body (267,548 records: UPR 48%, CRC 8%, CEDAW 8%, ...; non-UPR records get a symbol and a date in the base's year and no session/position); its themes/affected persons/SDGs are those of a random record of the OHCHR list; its text recombines clauses of real texts on the same UPR Info issue up to the length of another random real text. Language: English only, like the real corpus.`,
      real_stats: shared.realStats ?? null,
      synthetic_stats: shared.syntheticStats ?? null,
    },
    import_baseline: 'raw insert = the importer\'s own resolved rows (parse, resolve and merge done beforehand, not timed) written into a bare copy of the recommendation table (create table … (like recommendation including defaults): same columns, no index, no constraint, no label/external-id rows) with plain SQL in chunks of 5,000 rows in one transaction, search_vector computed in SQL as the importer does; two shapes timed (insert … select from jsonb_to_recordset($1::jsonb), and insert … select from unnest($1::text[], …)), the faster is the baseline. Ratio = importer time (6 importRecommendations calls: parse, resolve, merge, indexes, labels, batch and audit rows) / baseline time. COPY FROM STDIN is not used (needs pg-copy-streams).',
    search_method: `${QUERIES.length} fixed queries (see search.*.per_query), all with facets (the API always computes them), locale=en; one warm-up pass, then ${options.reps} rounds; each round runs every query once through HTTP (Fastify listening on 127.0.0.1, fetch, full JSON body read) and then once through searchRecommendations() directly (the same search: facet index in memory, SQL for the text, rank and page; label maps loaded once; on PostgreSQL at both scales, on the embedded database at 41k only, to keep the run short); p50/p95 over all samples (nearest rank). vacuum analyze after each load (the steady state autovacuum reaches).`,
    // Headline figures.
    pg_41k_p50_ms: search(pg, '41k')?.api.p50_ms ?? null,
    pg_41k_p95_ms: search(pg, '41k')?.api.p95_ms ?? null,
    large_scale_records: options.quick ? null : options.total,
    pg_300k_p50_ms: pg300?.api.p50_ms ?? null,
    pg_300k_p95_ms: pg300?.api.p95_ms ?? null,
    embedded_41k_p50_ms: search(embedded, '41k')?.api.p50_ms ?? null,
    embedded_41k_p95_ms: search(embedded, '41k')?.api.p95_ms ?? null,
    embedded_300k_p50_ms: search(embedded, '300k')?.api.p50_ms ?? null,
    embedded_300k_p95_ms: search(embedded, '300k')?.api.p95_ms ?? null,
    pg_300k_sql_p50_ms: pg300?.sql.p50_ms ?? null,
    pg_300k_sql_p95_ms: pg300?.sql.p95_ms ?? null,
    api_over_sql_ratio: pg300?.api_over_sql_p50 ?? null,
    api_over_sql_ratio_p95: pg300?.api_over_sql_p95 ?? null,
    api_over_sql_ratio_pg_41k: search(pg, '41k')?.api_over_sql_p50 ?? null,
    // Memory of the in-memory facet index (typed arrays) at the largest scale measured.
    facet_index_mb_pg: (pg300 ?? search(pg, '41k'))?.facet_index?.mb ?? null,
    facet_index_load_ms_pg: (pg300 ?? search(pg, '41k'))?.facet_index?.load_ms ?? null,
    facet_index_mb_embedded: (search(embedded, '300k') ?? search(embedded, '41k'))?.facet_index?.mb ?? null,
    facet_index_load_ms_embedded: (search(embedded, '300k') ?? search(embedded, '41k'))?.facet_index?.load_ms ?? null,
    import_per_s_pg: importOf(pg)?.per_s ?? null,
    import_per_s_embedded: importOf(embedded)?.per_s ?? null,
    import_over_raw_pg: importOf(pg)?.importer_over_raw ?? null,
    import_over_raw_embedded: importOf(embedded)?.importer_over_raw ?? null,
    import_rejected: importOf(pg)?.rejected ?? importOf(embedded)?.rejected ?? null,
    // The issue's targets are all on PostgreSQL; the embedded figures above are there to compare.
    targets: { pg_300k_p95_ms: p95Target, facet_index_mb_pg: memoryTarget, api_over_sql_ratio: 1.5, import_per_s_pg: 10_000 },
    targets_met: {
      [`pg_${scaleName}_p95_at_most_${p95Target}ms`]: pg300?.api.p95_ms == null ? null : pg300.api.p95_ms <= p95Target,
      ...(memoryTarget === null ? {} : {
        [`facet_index_at_most_${memoryTarget}mb`]: pg300?.facet_index?.mb == null ? null : pg300.facet_index.mb <= memoryTarget,
      }),
      api_over_sql_under_1_5x: pg300?.api_over_sql_p50 == null ? null : pg300.api_over_sql_p50 < 1.5,
      import_pg_at_least_10000_per_s: importOf(pg)?.per_s == null ? null : importOf(pg)!.per_s! >= 10_000,
    } as Record<string, boolean | null>,
    results,
    total_s: round((now() - started) / 1000, 0),
  };
  console.log(JSON.stringify(report, null, 2));

  const n = (v: number | null | undefined) => (v == null ? 'n/a' : Math.round(v).toLocaleString('en'));
  const ms = (v: number | null | undefined) => (v == null ? 'n/a' : `${n(v)} ms`);
  const x = (v: number | null | undefined) => (v == null ? 'n/a' : `${v.toFixed(2)}x`);
  const parts: string[] = [];
  if (results.pg && 'skipped' in results.pg) parts.push('pg skipped (unreachable)');
  if (options.quick) {
    parts.push(`pg 41k p95 ${ms(report.pg_41k_p95_ms)}`, `embedded 41k p95 ${ms(report.embedded_41k_p95_ms)}`, `api/sql ${x(report.api_over_sql_ratio_pg_41k)} (pg 41k)`);
  } else {
    parts.push(`pg ${scaleName} p95 ${ms(report.pg_300k_p95_ms)} (target ${p95Target})`, `embedded ${scaleName} p95 ${ms(report.embedded_300k_p95_ms)}`, `api/sql ${x(report.api_over_sql_ratio)}`);
  }
  if (report.facet_index_mb_pg != null) parts.push(`facet index ${report.facet_index_mb_pg} MB pg${memoryTarget ? ` (target ${memoryTarget})` : ''}`);
  parts.push(`import ${n(report.import_per_s_pg)}/s pg (target 10,000) (${report.import_over_raw_pg == null ? 'n/a' : `${report.import_over_raw_pg.toFixed(1)}x`} raw insert), ${n(report.import_per_s_embedded)}/s embedded, ${n(report.import_rejected)} rows rejected`);
  const missed = Object.entries(report.targets_met).filter(([, v]) => v === false).map(([k]) => k);
  console.log(`search${options.quick ? ' (quick: 41k only)' : ''}: ${parts.join(', ')}${missed.length ? ` — targets missed: ${missed.join(', ')}` : ''}`);
  const failed = [pg, embedded].some((r) => r?.error);
  if (failed) process.exitCode = 1;
}

main().catch(async (error) => {
  await disposeAll();
  const message = (error as Error).message ?? String(error);
  console.error(message.startsWith('--') || message.startsWith('unknown argument') ? `bench:search: ${message}` : error);
  process.exit(1);
});
