/**
 * `npm run bench:load`: public search under many connections at once, against
 * the real server (`server/main.ts` in its own process, on loopback), on
 * PostgreSQL and on the embedded database, with and without a writer editing
 * one recommendation per second. The load generator is autocannon, in this
 * process; the server and this process are pinned to separate cores with
 * `taskset` when possible (the JSON says whether).
 *
 * The repeated scenarios ask a fixed set of queries over and over, as many readers of one public page
 * do; since the server keeps visitors' answers under their validator (decision 0015) most of them are
 * answered from that copy. The `distinct_*` scenarios ask something new with every request (words,
 * countries, cycles and years combined), so every answer is computed: the search's own cost.
 * The server runs with JOBS=off (it only serves, as a web-only server of a deployment would): the
 * scheduled jobs (the related scan comparing the whole catalogue, the training of label suggestions)
 * would otherwise share its core at start-up.
 *
 * For each scenario: requests/s, p50/p99 latency, errors and non-2xx answers,
 * and the server's CPU time per request (its process and children, from
 * /proc; on PostgreSQL also the database's backends serving it). A baseline
 * (GET /api/health: HTTP plus `select 1`) is measured in the same run, so
 * figures compare across machines as ratios. The issue's targets are printed
 * beside the figures as met/missed; a missed target does not fail the run
 * (it is a measurement): the exit code is 1 only when a run failed or a
 * request was answered with an error.
 *
 * The catalogue: `--total` synthetic records generated from the real UPR Info
 * corpus (bench/lib/corpus.ts: texts recombined from real clauses, real labels,
 * States and positions), written with the importer's bulk SQL, identical on
 * both databases. Needs ../shared/data.
 *
 * The writer: no API endpoint edits a recommendation row in place (status,
 * assignments and contributions live in their own tables; an import is a
 * batch), so the writer runs one SQL statement per second on the database,
 * as the app's own write would: it flips one recommendation's position
 * (supported ↔ noted) and bumps its version, which fires the catalogue's
 * version trigger that every search checks.
 *
 * Prints one JSON object on stdout, then a one-line summary; progress goes to stderr.
 *
 * Options (flags or environment):
 *   --quick              BENCH_QUICK=1        10,000 records, 5 s per scenario (smoke run)
 *   --only=pg|embedded   BENCH_ONLY           one database
 *   --total=N            BENCH_TOTAL          records in the catalogue (default 300000)
 *   --connections=N      BENCH_CONNECTIONS    concurrent connections (default 50)
 *   --seconds=N          BENCH_SECONDS        duration of each scenario (default 15)
 *   BENCH_PG_URL         admin connection (default postgres://postgres@127.0.0.1:5432/postgres)
 *   SHARED_DATA          the shared data folder (default ../shared/data from the project root)
 */
import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { parsers } from '../server/modules/recommendations/import/formats/detect';
import { loadReferenceIndex } from '../server/modules/recommendations/import/reference-index';
import { SESSION_COOKIE } from '../server/platform/auth/session';
import { openDatabase, type Database } from '../server/platform/db/database';
import { prepareDatabase } from '../server/platform/db/migrate';
import { cpuBetween, cpuSnapshot, planPinning, procAvailable, processTree, startApp, type AppProcess, type Pinning } from './lib/app-process';
import { locateSharedData, prepareRealCorpus, readMechanismWeights, UPR_INFO_FILES, type SharedData, type SyntheticSources } from './lib/corpus';
import { adminUrl, disposeAll, freshEmbedded, freshPostgres, postgresAvailable, type BenchDatabase } from './lib/databases';
import { loadSynthetic } from './lib/load';
import { QUERIES, queryString } from './lib/queries';
import { readBenchOptions } from './lib/options';
import { log, machine, now, ratio, round } from './lib/stats';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Backend = 'pg' | 'embedded';

interface Options {
  quick: boolean;
  only: Backend | null;
  total: number;
  connections: number;
  seconds: number;
}

function readOptions(): Options {
  const options = readBenchOptions(['quick', 'only', 'total', 'connections', 'seconds']);
  const quick = options.flag('quick', 'BENCH_QUICK');
  return {
    quick, only: options.only(),
    total: options.int('total', 'BENCH_TOTAL', quick ? 10_000 : 300_000, 1),
    connections: options.int('connections', 'BENCH_CONNECTIONS', 50, 1),
    seconds: options.int('seconds', 'BENCH_SECONDS', quick ? 5 : 15, 1),
  };
}

// ---- Scenarios --------------------------------------------------------------------------------

interface Scenario {
  name: string;
  what: string;
  /** Paths requested in turn by each connection. */
  paths: string[];
  /**
   * Each request carries If-None-Match with the ETag of the latest full answer to its path (as a
   * browser or a reverse proxy revalidates what it keeps): 304 while nothing changed, else a 200
   * whose new ETag the next requests send.
   */
  revalidate?: boolean;
  /**
   * Each request asks something no request of the run asked before (`distinct(n)` gives the path of
   * the n-th): the cost of an answer nobody has kept, which repeated queries hide (decision 0015).
   */
  distinct?: (n: number, vocabulary: Vocabulary) => string;
  /**
   * Each request carries a session cookie the server does not know: it is answered as a visitor's,
   * but, like anything asked with credentials, never from the answers the server keeps (decision
   * 0015): the cost of computing this query, every time.
   */
  computed?: boolean;
}

/** Words and filter values the distinct scenarios combine (countries and years from the catalogue's own facets). */
interface Vocabulary { countries: string[]; years: number[] }

/** Real words of the recommendations, one or two per distinct text query. */
const WORDS = ['education', 'women', 'children', 'torture', 'detention', 'police', 'prison', 'health', 'disability', 'migrants',
  'refugees', 'trafficking', 'violence', 'discrimination', 'indigenous', 'journalists', 'elections', 'corruption', 'poverty',
  'housing', 'water', 'food', 'labour', 'girls', 'marriage', 'religion', 'expression', 'assembly', 'judiciary', 'courts',
  'ombudsman', 'institution', 'ratify', 'protocol', 'convention', 'racism', 'minorities', 'roma', 'asylum', 'stateless',
  'birth', 'registration', 'sexual', 'domestic', 'gender', 'equality', 'employment', 'rural', 'environment', 'climate',
  'defenders', 'impunity', 'investigation', 'death', 'penalty', 'juvenile', 'justice', 'training', 'awareness', 'plan'];
const search = (params: [string, string][]) => `/api/v1/recommendations?${queryString(params)}`;
const named = (name: string) => {
  const query = QUERIES.find((q) => q.name === name);
  if (!query) throw new Error(`no query named ${name} in bench/lib/queries.ts`);
  return query.params;
};

const TEXT_KINDS = new Set(['keyword', 'keyword+filter']);
/** The combined phrase/OR/exclusion query of the issue's measurements (not in the fixed set, which has each operator alone). */
const COMBINED: [string, string][] = [['q', '"death penalty" OR torture -children']];

const SCENARIOS: Scenario[] = [
  { name: 'one_word', what: 'q=education', paths: [search(named('education'))] },
  { name: 'several_words', what: 'q=women violence', paths: [search(named('women violence'))] },
  { name: 'phrase_or_exclusion', what: 'q="death penalty" OR torture -children', paths: [search(COMBINED)] },
  {
    name: 'mixed_text',
    what: 'every text query of bench/lib/queries.ts (keyword and keyword+filter) plus the combined phrase/OR/exclusion query, in turn on each connection',
    paths: [...QUERIES.filter((q) => TEXT_KINDS.has(q.kind)).map((q) => search(q.params)), search(COMBINED)],
  },
  {
    name: 'filters_only',
    what: 'the filter-only queries of bench/lib/queries.ts, in turn',
    paths: QUERIES.filter((q) => q.kind === 'filter-only').map((q) => search(q.params)),
  },
  { name: 'facets', what: 'the landing search: no query, no filter, every facet over the whole catalogue', paths: [search(named('landing'))] },
  { name: 'page_5', what: 'mechanism=UPR position=supported, page 5', paths: [search(named('mechanism=UPR position=supported page 5'))] },
  { name: 'csv_small', what: 'CSV download of q=education country=PRY (every match)', paths: [`/api/v1/recommendations.csv?${queryString(named('education country=PRY'))}`] },
  {
    name: 'revalidated_304',
    what: 'every search of the fixed set (text, filters only, landing) with If-None-Match: the ETag of the latest full answer to that path, shared by all connections as a reverse proxy would',
    paths: QUERIES.map((q) => search(q.params)),
    revalidate: true,
  },
];

/** The n-th distinct value of a combination: digit k of n in the mixed radix of the lists' lengths. */
const pick = <T>(n: number, lists: T[][], k: number): T => {
  let rest = n;
  for (let i = 0; i < k; i++) rest = Math.floor(rest / lists[i].length);
  return lists[k][rest % lists[k].length];
};

SCENARIOS.push({
  name: 'distinct_text',
  what: 'a text query no request asked before: two words, or one word and a country (every answer computed, none kept)',
  paths: [],
  distinct: (n, v) => (n % 2 === 0
    ? search([['q', `${pick(n >> 1, [WORDS, WORDS], 0)} ${pick(n >> 1, [WORDS, WORDS], 1)}`]])
    : search([['q', pick(n >> 1, [WORDS, v.countries], 0)], ['country', pick(n >> 1, [WORDS, v.countries], 1)]])),
}, {
  name: 'distinct_filters',
  what: 'filters no request asked before: a country, a cycle and a range of years (every answer computed, none kept)',
  paths: [],
  distinct: (n, v) => {
    const lists = [v.countries, ['1', '2', '3', '4'], v.years.map(String), ['0', '1', '2', '3', '4']];
    const from = Number(pick(n, lists, 2));
    return search([['country', pick(n, lists, 0)], ['cycle', pick(n, lists, 1)], ['year_from', String(from)], ['year_to', String(from + Number(pick(n, lists, 3)))]]);
  },
});

// The issue's phrase/OR/exclusion target compares the cost of computing two queries: asked as visitors with an
// unknown session cookie, so that no kept answer hides it.
SCENARIOS.push(
  { name: 'one_word_computed', what: 'q=education, computed every time (an unknown session cookie: never answered from kept answers)', paths: [search(named('education'))], computed: true },
  { name: 'phrase_or_exclusion_computed', what: 'q="death penalty" OR torture -children, computed every time (as above)', paths: [search(COMBINED)], computed: true },
);

const BASELINE: Scenario = { name: 'baseline_health', what: 'GET /api/health (HTTP plus select 1), same connections and duration', paths: ['/api/health'] };

// ---- Measuring --------------------------------------------------------------------------------

interface Measurement {
  requests: number;
  /** Requests sent but not answered when the run ended (they took longer than what was left of it). */
  cut_off: number;
  requests_per_s: number;
  /** Null when nothing was answered. */
  latency_p50_ms: number | null;
  latency_p99_ms: number | null;
  latency_max_ms: number | null;
  /** Answers other than 2xx, 304 Not Modified aside in a revalidation scenario. */
  non_2xx: number;
  /** Revalidation scenario: 304 answers, and their share of all answers. */
  not_modified?: number;
  not_modified_share?: number | null;
  errors: number;
  timeouts: number;
  server_cpu_ms: number | null;
  server_cpu_ms_per_request: number | null;
  /** PostgreSQL only: CPU of the backends serving the benchmark's database. */
  database_cpu_ms_per_request?: number | null;
  /** With the writer: the edits made during the run and how long each statement took. */
  writes?: { count: number; failed: number; p50_ms: number | null; max_ms: number | null };
}

interface Context {
  app: AppProcess;
  options: Options;
  /** PostgreSQL: the database's name, to find its backends. */
  databaseName: string | null;
  admin: pg.Pool | null;
  writer: Database;
  writerIds: number[];
  /** The latest ETag of each path (from the warm-up, then from every 200 of a revalidation run). */
  etags: Map<string, string>;
  /** What the distinct scenarios combine, and how many distinct requests were made so far (never the same twice). */
  vocabulary: Vocabulary;
  distinctCount: number;
}

async function databaseBackends(context: Context): Promise<number[]> {
  if (!context.admin || !context.databaseName) return [];
  const { rows } = await context.admin.query('select pid from pg_stat_activity where datname = $1', [context.databaseName]);
  return rows.map((r) => Number(r.pid));
}

/** One recommendation edit per second until stopped: flips its position and bumps its version. */
function startWriter(context: Context) {
  const timings: number[] = [];
  let failed = 0;
  let next = 0;
  let stopped = false;
  const edit = async () => {
    const id = context.writerIds[next++ % context.writerIds.length];
    const start = now();
    try {
      await context.writer.pool.query(
        `update recommendation set position = case position when 'supported' then 'noted' else 'supported' end,
           version = version + 1, updated_at = now() where id = $1`, [id]);
      timings.push(now() - start);
    } catch (error) {
      failed++;
      log(`writer: edit of ${id} failed: ${(error as Error).message}`);
    }
  };
  const loop = (async () => {
    while (!stopped) {
      const started = now();
      await edit();
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (now() - started))));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    const sorted = [...timings].sort((a, b) => a - b);
    return { count: timings.length, failed, p50_ms: round(sorted[Math.floor(sorted.length / 2)] ?? null), max_ms: round(sorted.at(-1) ?? null) };
  };
}

async function measure(context: Context, scenario: Scenario, withWriter: boolean): Promise<Measurement> {
  const { app, options } = context;
  const tree = procAvailable() ? processTree(app.pid) : [];
  const backendsBefore = await databaseBackends(context);
  const cpuBefore = cpuSnapshot(tree);
  const dbBefore = cpuSnapshot(backendsBefore);
  // A revalidation run starts as a cache that holds the current answers would: with their current ETags.
  if (scenario.revalidate) await primeEtags(app.baseUrl, scenario.paths, context.etags);
  const stopWriter = withWriter ? startWriter(context) : null;
  const { distinct } = scenario;
  const result = await autocannon({
    url: app.baseUrl,
    connections: options.connections,
    duration: options.seconds,
    requests: distinct ? [{
      method: 'GET' as const,
      setupRequest: (request: autocannon.Request) => ({ ...request, path: distinct(context.distinctCount++, context.vocabulary) }),
    }] : scenario.paths.map((p) => (scenario.revalidate ? {
      method: 'GET' as const, path: p,
      setupRequest: (request: autocannon.Request) => ({ ...request, headers: { ...request.headers, 'if-none-match': context.etags.get(p) ?? '""' } }),
      onResponse: (status: number, _body: string, _context: object, headers?: IncomingHttpHeaders) => {
        const etag = headers?.etag;
        if (status === 200 && typeof etag === 'string') context.etags.set(p, etag);
      },
    } : { method: 'GET' as const, path: p, ...(scenario.computed ? { headers: { cookie: `${SESSION_COOKIE}=bench-unknown-session` } } : {}) })),
  });
  const writes = stopWriter ? await stopWriter() : undefined;
  const cpuAfter = cpuSnapshot(tree);
  const dbAfter = cpuSnapshot([...new Set([...backendsBefore, ...await databaseBackends(context)])]);
  await settle(app.baseUrl);
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  const serverCpu = tree.length ? cpuBetween(cpuBefore, cpuAfter) : null;
  const measurement: Measurement = {
    requests: answered,
    cut_off: Math.max(0, result.requests.sent - answered),
    requests_per_s: round(answered / result.duration, 1)!,
    latency_p50_ms: answered ? result.latency.p50 : null,
    latency_p99_ms: answered ? result.latency.p99 : null,
    latency_max_ms: answered ? result.latency.max : null,
    non_2xx: scenario.revalidate ? result.non2xx - result['3xx'] : result.non2xx,
    ...(scenario.revalidate ? { not_modified: result['3xx'], not_modified_share: answered ? round(result['3xx'] / answered, 3) : null } : {}),
    errors: result.errors,
    timeouts: result.timeouts,
    server_cpu_ms: serverCpu === null ? null : Math.round(serverCpu),
    server_cpu_ms_per_request: serverCpu === null || answered === 0 ? null : round(serverCpu / answered, 2),
  };
  if (context.admin) measurement.database_cpu_ms_per_request = answered === 0 ? null : round(cpuBetween(dbBefore, dbAfter) / answered, 2);
  if (writes) measurement.writes = writes;
  return measurement;
}

async function primeEtags(baseUrl: string, paths: string[], etags: Map<string, string>): Promise<void> {
  for (const p of paths) {
    const response = await fetch(`${baseUrl}${p}`);
    await response.arrayBuffer();
    const etag = response.headers.get('etag');
    if (response.status !== 200 || !etag) throw new Error(`GET ${p} answered ${response.status} without an ETag`);
    etags.set(p, etag);
  }
}

/**
 * Waits until the server has worked off the requests still queued when a run ended (the load
 * generator drops them, the server does not), so that they do not weigh on the next run: a
 * health check, which waits behind them for the database, answers in under 100 ms (at most 60 s).
 */
async function settle(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const start = now();
    const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.ok, () => false);
    if (ok && now() - start < 100) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every path once, checked: a 200 answer (and the number of matches, for the report); `etags` gets each path's ETag. */
async function warmUp(baseUrl: string, etags: Map<string, string>): Promise<Record<string, number | null>> {
  const totals: Record<string, number | null> = {};
  for (const scenario of [BASELINE, ...SCENARIOS]) {
    for (const p of scenario.paths) {
      const response = await fetch(`${baseUrl}${p}`);
      const body = await response.text();
      if (response.status !== 200) throw new Error(`GET ${p} answered ${response.status}: ${body.slice(0, 300)}`);
      const etag = response.headers.get('etag');
      if (etag) etags.set(p, etag);
      if (p.includes('.csv?')) totals[p] = body.split('\n').filter((line) => line.trim()).length - 1;
      else if (p.startsWith('/api/v1/recommendations?')) totals[p] = (JSON.parse(body) as { total?: number }).total ?? null;
    }
  }
  return totals;
}

/** Countries and years of the catalogue, from the landing search's facets (the distinct scenarios combine them). */
async function readVocabulary(baseUrl: string): Promise<Vocabulary> {
  const response = await fetch(`${baseUrl}${search(named('landing'))}`);
  const body = await response.json() as { facets: Record<string, { key: string }[]> };
  const countries = body.facets.country.map((f) => f.key).slice(0, 100);
  const years = body.facets.year.map((f) => Number(f.key)).filter(Number.isInteger).sort((a, b) => a - b);
  if (!countries.length || !years.length) throw new Error('the landing search has no country or year facet to build distinct queries from');
  return { countries, years };
}

// ---- Targets ----------------------------------------------------------------------------------

interface ScenarioResult { name: string; what: string; matches: (number | null)[]; without_writer: Measurement; with_writer: Measurement;
  writer_throughput_ratio: number | null; writer_p99_ratio: number | null; over_baseline_cpu_per_request: number | null }

function targets(scenarios: ScenarioResult[]) {
  const find = (name: string) => scenarios.find((s) => s.name === name);
  const mixed = find('mixed_text');
  const filters = find('filters_only');
  const revalidated = find('revalidated_304');
  const words = find('one_word_computed');
  const combined = find('phrase_or_exclusion_computed');
  const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'met' : 'missed');
  const writerOk = scenarios.every((s) => s.writer_throughput_ratio !== null && s.writer_throughput_ratio >= 0.9 && s.writer_p99_ratio !== null && s.writer_p99_ratio <= 1.5);
  // A run with the writer that got no answer at all has no p99: it counts as missed, and is named.
  const unanswered = scenarios.filter((s) => s.with_writer.requests === 0).map((s) => s.name);
  const worstThroughput = Math.min(...scenarios.map((s) => s.writer_throughput_ratio ?? Infinity));
  const worstP99 = Math.max(...scenarios.map((s) => s.writer_p99_ratio ?? 0));
  return {
    mixed_text: {
      target: '>= 400 requests/s and p99 <= 250 ms',
      measured: mixed ? `${mixed.without_writer.requests_per_s} requests/s, p99 ${mixed.without_writer.latency_p99_ms ?? 'n/a'} ms` : null,
      verdict: verdict(mixed ? mixed.without_writer.requests_per_s >= 400 && (mixed.without_writer.latency_p99_ms ?? Infinity) <= 250 : null),
    },
    filters_only: {
      target: '>= 1,500 requests/s',
      measured: filters ? `${filters.without_writer.requests_per_s} requests/s` : null,
      verdict: verdict(filters ? filters.without_writer.requests_per_s >= 1500 : null),
    },
    phrase_or_exclusion: {
      target: 'a phrase/OR/exclusion query no slower than 2x a one-word query (p50 latency ratio <= 2), both computed every time',
      measured: words && combined
        ? `p50 ${combined.without_writer.latency_p50_ms} ms against ${words.without_writer.latency_p50_ms} ms (ratio ${ratio(combined.without_writer.latency_p50_ms, words.without_writer.latency_p50_ms) ?? 'n/a'}); ${combined.without_writer.requests_per_s} against ${words.without_writer.requests_per_s} requests/s`
        : null,
      verdict: verdict(words && combined ? (ratio(combined.without_writer.latency_p50_ms, words.without_writer.latency_p50_ms) ?? Infinity) <= 2 : null),
    },
    revalidated_304: {
      target: '>= 3,000 requests/s answered 304 Not Modified (without the writer)',
      measured: revalidated ? `${revalidated.without_writer.requests_per_s} requests/s, ${Math.round((revalidated.without_writer.not_modified_share ?? 0) * 100)}% of them 304, p99 ${revalidated.without_writer.latency_p99_ms ?? 'n/a'} ms` : null,
      verdict: verdict(revalidated ? revalidated.without_writer.requests_per_s * (revalidated.without_writer.not_modified_share ?? 0) >= 3000 : null),
    },
    with_writer: {
      target: 'one edit per second: every scenario keeps >= 90% of its throughput and p99 <= 1.5x',
      measured: `worst throughput ratio ${round(worstThroughput, 2)}, worst p99 ratio ${round(worstP99, 2)}${unanswered.length ? ` (no answer at all with the writer: ${unanswered.join(', ')})` : ''}`,
      verdict: verdict(scenarios.length ? writerOk : null),
    },
  };
}

// ---- One database -----------------------------------------------------------------------------

interface BackendResult {
  database: string;
  records: number;
  load_ms: number;
  baseline?: Measurement;
  scenarios: ScenarioResult[];
  targets?: ReturnType<typeof targets>;
  error?: string;
}

async function syntheticSources(db: Database, data: SharedData): Promise<SyntheticSources> {
  const index = await loadReferenceIndex(db.pool);
  const files = UPR_INFO_FILES.map((name) => ({ name, bytes: fs.readFileSync(path.join(data.uprInfoDir, name)) }));
  const real = await prepareRealCorpus(files, index);
  return {
    real: real.records,
    uhriLabelled: (await parsers['upr-matrix-jsonl'](fs.readFileSync(data.sloveniaFile), data.sloveniaFile)).records,
    mechanisms: readMechanismWeights(data.mechanismsFile),
  };
}

async function runBackend(backend: Backend, data: SharedData, options: Options, pinning: Pinning, shared: { sources?: SyntheticSources }): Promise<BackendResult> {
  const label = backend === 'pg' ? 'PostgreSQL' : 'embedded';
  log(`${label}: creating a fresh database`);
  const bench: BenchDatabase = backend === 'pg' ? await freshPostgres(false, 'load') : await freshEmbedded();
  const result: BackendResult = { database: bench.description, records: 0, load_ms: 0, scenarios: [] };
  let app: AppProcess | null = null;
  let writer: Database | null = null;
  let admin: pg.Pool | null = null;
  try {
    await prepareDatabase(bench.db.pool);
    shared.sources ??= await syntheticSources(bench.db, data);
    log(`${label}: writing ${options.total.toLocaleString('en')} records`);
    const load = await loadSynthetic(bench.db.pool, shared.sources, options.total, backend === 'pg' ? 2 : 1, label);
    await bench.db.pool.query('vacuum analyze');
    result.load_ms = load.ms;
    result.records = (await bench.db.pool.query('select count(*)::int as n from recommendation')).rows[0].n;
    // The writer's rows: spread over the catalogue, each with a position to flip.
    const ids = await bench.db.pool.query(`select id from recommendation where position in ('supported', 'noted') order by id`);
    const step = Math.max(1, Math.floor(ids.rows.length / 600));
    const writerIds = ids.rows.filter((_, i) => i % step === 0).map((r) => Number(r.id));
    if (!writerIds.length) throw new Error('no recommendation with a position to edit');
    await bench.release();

    log(`${label}: starting the server`);
    const env: Record<string, string> = { JOBS: 'off', ...(backend === 'pg' ? { DATABASE_URL: bench.openOptions.databaseUrl! } : { DATA_DIR: bench.openOptions.dataDir, DATABASE_URL: '' }) };
    app = await startApp(env, pinning);
    writer = await openDatabase(bench.openOptions); // the embedded database: attaches to the server's
    if (backend === 'pg') admin = new pg.Pool({ connectionString: adminUrl(), max: 1 });
    const etags = new Map<string, string>();
    const vocabulary = await readVocabulary(app.baseUrl);
    const context: Context = { app, options, databaseName: backend === 'pg' ? new URL(bench.openOptions.databaseUrl!).pathname.slice(1) : null, admin, writer, writerIds, etags,
      vocabulary, distinctCount: 0 };

    const matches = await warmUp(app.baseUrl, etags);
    log(`${label}: baseline ${BASELINE.what}`);
    result.baseline = await measure(context, BASELINE, false);
    const baselineCpu = result.baseline.server_cpu_ms_per_request;
    for (const scenario of SCENARIOS) {
      const without = await measure(context, scenario, false);
      const withWriter = await measure(context, scenario, true);
      log(`${label}: ${scenario.name.padEnd(20)} ${String(without.requests_per_s).padStart(7)} req/s p99 ${without.latency_p99_ms} ms | with writer ${withWriter.requests_per_s} req/s p99 ${withWriter.latency_p99_ms} ms`);
      result.scenarios.push({
        name: scenario.name, what: scenario.what, matches: scenario.paths.map((p) => matches[p] ?? null),
        without_writer: without, with_writer: withWriter,
        writer_throughput_ratio: ratio(withWriter.requests_per_s, without.requests_per_s),
        writer_p99_ratio: ratio(withWriter.latency_p99_ms, without.latency_p99_ms),
        over_baseline_cpu_per_request: ratio(without.server_cpu_ms_per_request, baselineCpu),
      });
    }
    result.targets = targets(result.scenarios);
  } catch (error) {
    result.error = (error as Error).stack ?? String(error);
    log(`${label}: FAILED ${(error as Error).message}`);
  } finally {
    await writer?.close().catch(() => undefined);
    await admin?.end().catch(() => undefined);
    await app?.stop().catch(() => undefined);
    await bench.dispose().catch((error) => log(`${label}: cleanup failed: ${(error as Error).message}`));
  }
  return result;
}

// ---- Main -------------------------------------------------------------------------------------

async function main() {
  const started = now();
  const options = readOptions();
  const loadAtStart = os.loadavg()[0];
  const data = locateSharedData(projectRoot);
  if (!data) {
    const where = process.env.SHARED_DATA ?? path.resolve(projectRoot, '../shared/data');
    console.log(JSON.stringify({ skipped: '../shared/data is absent: the benchmark builds its catalogue from the UPR Info corpus', looked_in: where }, null, 2));
    console.log(`load benchmark skipped: the UPR Info corpus is not in ${where}`);
    return;
  }
  process.on('SIGINT', () => { void disposeAll().finally(() => process.exit(130)); });
  const pinning = planPinning(os.cpus().length);
  log(`pinning: ${pinning.note}`);

  const backends: Backend[] = options.only ? [options.only] : ['pg', 'embedded'];
  const results: Partial<Record<Backend, BackendResult | { skipped: string }>> = {};
  const shared: { sources?: SyntheticSources } = {};
  let postgresVersion: string | null = null;
  for (const backend of backends) {
    if (backend === 'pg') {
      const available = await postgresAvailable();
      if ('unreachable' in available) {
        results.pg = { skipped: `PostgreSQL unreachable (${available.unreachable})` };
        log('PostgreSQL: skipped, unreachable');
        continue;
      }
      postgresVersion = available.version;
    }
    results[backend] = await runBackend(backend, data, options, pinning, shared);
  }

  const report = {
    benchmark: 'load',
    date: new Date().toISOString(),
    machine: machine(loadAtStart),
    postgres: postgresVersion,
    options,
    pinning,
    method: `autocannon ${options.connections} connections, ${options.seconds} s per scenario, keep-alive, in this process; each scenario once without and once with the writer (one SQL edit per second: a recommendation's position flipped and its version bumped, which fires the catalogue version trigger; no API endpoint edits a recommendation row). Requests/s = answers / duration; requests still in flight when a run ends are counted as cut_off (not in the latencies), and the next run starts once the server has worked them off (a health check under 100 ms). CPU = utime+stime from /proc of the server process and its children (the embedded database) before and after each run; on PostgreSQL the backends of the benchmark's database are counted apart (database_cpu_ms_per_request). The baseline (GET /api/health) runs in the same session at the same concurrency. The issue's targets are for PostgreSQL at 300,000 records on a quiet machine: elsewhere they are indicative.`,
    results,
    total_s: round((now() - started) / 1000, 0),
  };
  console.log(JSON.stringify(report, null, 2));

  const parts: string[] = [];
  for (const backend of backends) {
    const r = results[backend];
    if (!r) continue;
    if ('skipped' in r) { parts.push(`${backend} skipped`); continue; }
    if (r.error) { parts.push(`${backend} FAILED`); continue; }
    const s = (name: string) => r.scenarios.find((x) => x.name === name)!;
    const t = r.targets!;
    parts.push(`${backend} ${r.records.toLocaleString('en')}: health ${r.baseline!.requests_per_s}/s, mixed text ${s('mixed_text').without_writer.requests_per_s}/s p99 ${s('mixed_text').without_writer.latency_p99_ms} ms (${t.mixed_text.verdict}), ` +
      `filters ${s('filters_only').without_writer.requests_per_s}/s (${t.filters_only.verdict}), phrase/OR/exclusion ${t.phrase_or_exclusion.measured} (${t.phrase_or_exclusion.verdict}), `
      + `304 ${t.revalidated_304.measured} (${t.revalidated_304.verdict}), with writer ${t.with_writer.measured} (${t.with_writer.verdict}); `
      + `never asked before: text ${s('distinct_text').without_writer.requests_per_s}/s p99 ${s('distinct_text').without_writer.latency_p99_ms} ms, `
      + `filters ${s('distinct_filters').without_writer.requests_per_s}/s p99 ${s('distinct_filters').without_writer.latency_p99_ms} ms`);
  }
  console.log(`load (${options.connections} connections, ${options.seconds} s, pinned: ${pinning.applied ? 'yes' : 'no'}): ${parts.join('; ')}`);

  const ran = backends.map((b) => results[b]).filter((r): r is BackendResult => !!r && !('skipped' in r));
  const answeredWithErrors = ran.some((r) => [r.baseline, ...r.scenarios.flatMap((s) => [s.without_writer, s.with_writer])]
    .some((m) => m && (m.non_2xx > 0 || m.errors > m.timeouts || (m.writes?.failed ?? 0) > 0)));
  if (ran.some((r) => r.error) || answeredWithErrors) process.exitCode = 1;
}

main().catch(async (error) => {
  await disposeAll();
  const message = (error as Error).message ?? String(error);
  console.error(message.startsWith('--') || message.startsWith('unknown argument') ? `bench:load: ${message}` : error);
  process.exit(1);
});
