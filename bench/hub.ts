/**
 * `npm run bench:hub`: the Network hub harvesting a synthetic Network (issue "Federation"; decision 0017).
 *
 * 193 States (the UN members of the hub's reference data), about 1,400 recommendations each (270,000
 * in all) and 1 million published actions, with their institutions, statuses and indicators, in the
 * exact shapes a national instance publishes (bench/lib/network-data.ts). Each State gets a real
 * Ed25519 key, registered at the hub the way the hub secretariat registers one (`registerStateKey`:
 * the State in the registry, its key and its instance's address), and its packages are written as
 * an instance writes them (NDJSON pages of 5,000 canonical-JSON lines, the manifest by `manifestOf`)
 * and signed by `signManifest`. One HTTP server in this process, on loopback, answers as the 193
 * instances (`{base}/s/{ISO3}/.well-known/nmirf-network.json`, `/api/v1/federation/package`, its
 * pages), reading the pages from disk. The hub's own harvest (`harvestAll`, hub/harvest.ts) fetches,
 * verifies and applies them over HTTP into a fresh hub database.
 *
 * Measured:
 *   - the full harvest of every State: records per second (goal ≥ 10,000/s on PostgreSQL);
 *   - an incremental harvest of about 1% of each State's records changed, added or withdrawn
 *     (tombstones): total seconds for all States (goal ≤ 5 s);
 *   - the hub process's memory (RSS and JS heap, peak while harvesting; the test server answering
 *     as the instances runs in the same process, its pages streamed from disk);
 *   - package size per State, full and incremental, as served and gzipped (level 6, on the first
 *     12 States);
 *   - the similar-recommendation query p95 (goal ≤ 100 ms) through the API's path: see `measureSimilar`.
 * Baseline in the same run, the ratio's denominator: a plain INSERT … SELECT of the same lines (one
 * statement per page: unnest of a text[] cast to jsonb, the id taken in SQL) into a scratch table
 * without index or history, one transaction per State, read from the same files.
 * Both harvests are checked: every State applied, and the copy holds exactly the records published.
 *
 * The hub database: a fresh PostgreSQL database on the server of DATABASE_URL (created and dropped),
 * or, without DATABASE_URL, the embedded database (PGlite; the output says so: the goals are for
 * PostgreSQL).
 *
 * Prints one JSON object on stdout, then a one-line summary; progress goes to stderr.
 * Options (flags or environment):
 *   --quick             BENCH_QUICK=1       30 States of 500 recommendations (about a minute on PostgreSQL)
 *   --states=N          BENCH_STATES        States (default 193, at most the 193 UN members)
 *   --per-state=N       BENCH_PER_STATE     recommendations per State (default 1400)
 *   DATABASE_URL        a PostgreSQL server to make the hub's fresh database on
 *   SHARED_DATA         the shared data folder (default ../shared/data from the project root)
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { harvestAll } from '../server/modules/federation/hub/harvest';
import { similarIndexFor, similarRecommendations } from '../server/modules/federation/hub/similar';
import { findIndexed, similarAcrossStates, similarIndexBytes } from '../server/modules/federation/hub/similar-index';
import { generateInstanceKeys, signManifest, type InstanceKeys } from '../server/modules/federation/package-signature';
import { RECORD_KINDS } from '../server/modules/federation/public-records';
import { registerStateKey } from '../server/modules/network/use-cases/registry';
import { createUser } from '../server/modules/auth/use-cases/create-user';
import type { Actor } from '../server/platform/auth/actor';
import { inTransaction, type Database } from '../server/platform/db/database';
import { prepareDatabase } from '../server/platform/db/migrate';
import { disposeAll, freshEmbedded, freshPostgres, type BenchDatabase } from './lib/databases';
import { readMaterial, stateNetwork, writePackage, type WrittenPackage } from './lib/network-data';
import { readBenchOptions } from './lib/options';
import { distribution, log, machine, now, percentile, ratio, round } from './lib/stats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = { recordsPerSecond: 10_000, incrementalSeconds: 5, similarP95Ms: 100 };
const CHANGE_SHARE = 0.01;
const COMPRESSED_SAMPLE = 12;

interface Instance {
  iso3: string;
  keys: InstanceKeys;
  instance: string;
  full: WrittenPackage;
  incremental: WrittenPackage;
  /** The answers of `/api/v1/federation/package` (full, and since 1), once signed. */
  answers: Map<number, Buffer>;
  /** The version the instance publishes now (its well-known document says it). */
  version: number;
}

/** One server answering as every instance: `/s/{ISO3}/…`. Pages are streamed from disk. */
function startInstances(instances: Map<string, Instance>): Promise<{ server: http.Server; base: string; served: () => number }> {
  let served = 0;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url!, 'http://localhost');
    const match = /^\/s\/([A-Z]{3})(\/.*)$/.exec(url.pathname);
    const instance = match ? instances.get(match[1]) : undefined;
    const send = (status: number, body: Buffer, type = 'application/json') => {
      served += body.byteLength;
      response.writeHead(status, { 'content-type': type, 'content-length': body.byteLength }).end(body);
    };
    if (!instance) return send(404, Buffer.from('{}'));
    const route = match![2];
    if (route === '/.well-known/nmirf-network.json') {
      return send(200, Buffer.from(JSON.stringify({
        profile: 'nmirf-network/1', instance: instance.instance, state: instance.iso3, name: { en: instance.iso3 },
        software: { name: 'open-nmirf', version: 'bench' }, keys: [], package: '', version: instance.version, hub: null,
      })));
    }
    if (route === '/api/v1/federation/package') {
      const since = Number(url.searchParams.get('since') ?? '0');
      const answer = instance.answers.get(since);
      return answer ? send(200, answer) : send(404, Buffer.from('{}'));
    }
    const page = /^\/api\/v1\/federation\/package\/([a-z]+-[0-9]+\.ndjson)$/.exec(route);
    if (page) {
      const written = url.searchParams.get('since') === '1' ? instance.incremental : instance.full;
      const file = path.join(written.dir, page[1]);
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch {
        return send(404, Buffer.from('{}'));
      }
      served += size;
      response.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-length': size });
      fs.createReadStream(file).pipe(response);
      return;
    }
    send(404, Buffer.from('{}'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, served: () => served,
  })));
}

/** Peak RSS and JS heap while `work` runs (sampled every 50 ms), and this process's CPU time. */
async function withMemory<T>(work: () => Promise<T>): Promise<{ result: T; rss_mb: number | null; heap_mb: number | null; cpu_s: number | null }> {
  const cpu = process.cpuUsage();
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 50);
  try {
    const result = await work();
    const used = process.cpuUsage(cpu);
    return { result, rss_mb: round(rss / 2 ** 20), heap_mb: round(heap / 2 ** 20), cpu_s: round((used.user + used.system) / 1e6) };
  } finally {
    clearInterval(timer);
  }
}

/** The baseline: the same lines of every full package, inserted plainly into a scratch table. */
async function plainInsert(pool: pg.Pool, instances: Instance[]): Promise<{ rows: number; ms: number }> {
  await pool.query('drop table if exists bench_plain_copy');
  await pool.query('create table bench_plain_copy (iso3 text not null, kind text not null, record_id bigint not null, version bigint not null, body jsonb not null)');
  let rows = 0;
  const started = now();
  for (const instance of instances) {
    await inTransaction(pool, async (tx) => {
      for (const resource of instance.full.manifest.resources) {
        const kind = RECORD_KINDS.find((k) => resource.name.startsWith(k));
        const lines = fs.readFileSync(path.join(instance.full.dir, resource.path), 'utf8').split('\n');
        lines.pop();
        const { rowCount } = await tx.query(
          `insert into bench_plain_copy (iso3, kind, record_id, version, body)
           select $1, $2, (l::jsonb ->> 'id')::bigint, 1, l::jsonb from unnest($3::text[]) as l`, [instance.iso3, kind, lines]);
        rows += rowCount ?? 0;
      }
    });
  }
  const ms = now() - started;
  await pool.query('drop table bench_plain_copy');
  return { rows, ms };
}

/**
 * The similar-recommendation query at the hub (issue "Federation": p95 at 270,000 recommendations
 * across languages, goal ≤ 100 ms on PostgreSQL), on the harvested copy of the whole synthetic Network:
 * the index built from the copies as the server builds it (`similarIndexFor`, timed apart), then
 * `similarRecommendations` — the API's own path: the index, then the hits' records, published actions
 * and status read from the copies — for recommendations of randomly chosen States asked by their
 * State and id, most of them in a language other than English. Baseline in the same run: reading ten
 * recommendations' bodies by key from the copy (what presenting an answer costs without searching).
 * The index's own search (`similarAcrossStates` on the same subjects) is timed apart, so the answer's
 * time divides into searching and reading the answers from the copies.
 */
async function measureSimilar(hub: Database, samples: number) {
  const pool = hub.pool;
  const buildStarted = now();
  const index = await similarIndexFor(pool);
  const buildS = round((now() - buildStarted) / 1000, 1);
  const { rows: subjects } = await pool.query<{ iso3: string; record_id: string; foreign: boolean }>(
    `select iso3, record_id, exists (select 1 from jsonb_object_keys(body->'texts') k where k <> 'en') as foreign
     from network_copy_record where kind = 'recommendation' order by md5(iso3 || record_id) limit $1`, [samples]);
  const times: number[] = [];
  const search: number[] = [];
  const baseline: number[] = [];
  let answered = 0;
  for (const subject of subjects) {
    // The index's own search alone (the same subject, as similarRecommendations asks it)…
    const searchStarted = now();
    const found = findIndexed(index, { iso3: subject.iso3, id: Number(subject.record_id) }, 'en');
    if (found) similarAcrossStates(index, { normalised: found.normalised }, { excludeState: found.iso3 });
    search.push(now() - searchStarted);
    // …then the whole answer: the index, the hits' records, published actions and status.
    const started = now();
    const answer = await similarRecommendations(pool, { iso3: subject.iso3, id: Number(subject.record_id) }, {}, 'en');
    times.push(now() - started);
    if (answer?.items.length) answered += 1;
    const plainStarted = now();
    await pool.query(`select body from network_copy_record where kind = 'recommendation' and iso3 = $1 and record_id >= $2 order by record_id limit 10`,
      [subject.iso3, subject.record_id]);
    baseline.push(now() - plainStarted);
  }
  const p95 = round(percentile(times, 95), 1);
  const baseP95 = round(percentile(baseline, 95), 2);
  return {
    similar: {
      samples: subjects.length, asked_in_another_language_than_english: subjects.filter((s) => s.foreign).length, answered,
      indexed: index.records, index_build_s: buildS, index_mb: round(similarIndexBytes(index) / 1048576, 1),
      query_ms: { ...distribution(times), p95 }, index_search_ms: { ...distribution(search), p95: round(percentile(search, 95), 1) },
      baseline_read_ten_ms: { ...distribution(baseline), p95: baseP95 },
      p95_ms: p95, p95_vs_baseline: ratio(p95, baseP95), goal_p95_ms: 100,
    },
  };
}

async function openHub(): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  return url ? freshPostgres(false, 'hub', url) : freshEmbedded();
}

const counts = async (pool: pg.Pool) => Number((await pool.query('select count(*)::int as n from network_copy_record')).rows[0].n);

async function main() {
  const loadAtStart = os.loadavg()[0];
  const options = readBenchOptions(['quick', 'states', 'per-state']);
  const quick = options.flag('quick', 'BENCH_QUICK');
  const stateCount = options.int('states', 'BENCH_STATES', quick ? 30 : 193, 1);
  const perState = options.int('per-state', 'BENCH_PER_STATE', quick ? 500 : 1400, 1);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nmirf-bench-hub-'));
  process.on('SIGINT', () => { fs.rmSync(scratch, { recursive: true, force: true }); void disposeAll().finally(() => process.exit(130)); });
  const hub = await openHub();
  try {
    log(`hub database: ${hub.description}`);
    await prepareDatabase(hub.db.pool);
    const pool = hub.db.pool;
    const material = await readMaterial(ROOT, pool);
    const states = material.states.slice(0, stateCount);
    if (states.length < stateCount) throw new Error(`--states: at most ${material.states.length}`);

    // The hub secretariat registers each State's instance and key.
    const secretariat = await inTransaction(pool, (tx) => createUser(tx, { email: 'secretariat@hub.example.org', displayName: 'Secretariat', locale: 'en' }));
    await pool.query(`insert into network_role (user_id, role) values ($1, 'hub_secretariat')`, [secretariat.id]);
    const actor: Actor = {
      userId: secretariat.id, email: secretariat.email, displayName: 'Secretariat', locale: 'en', memberships: [],
      networkRoles: [{ role: 'hub_secretariat', iso3: null }], csrfToken: '',
    };
    const instances = new Map<string, Instance>();
    const { server, base, served } = await startInstances(instances);

    log(`generating ${states.length} States × ${perState} recommendations (${material.englishSource})`);
    const generateStarted = now();
    for (const [index, iso3] of states.entries()) {
      const keys = await generateInstanceKeys();
      await pool.query(`insert into network_state (iso3, status, founding, joined_on) values ($1, 'member', true, '2024-05-01')`, [iso3]);
      const { kty, crv, x } = keys.publicJwk as { kty: 'OKP'; crv: 'Ed25519'; x: string };
      await registerStateKey(pool, actor, iso3, { public_key: { kty, crv, x }, instance_url: `${base}/s/${iso3}` }, () => new Date());
      const { records, changes } = stateNetwork(material, iso3, index, perState);
      const instance = `bench-${iso3.toLowerCase()}`;
      const compress = index < COMPRESSED_SAMPLE;
      const full = writePackage(path.join(scratch, iso3, 'full'), { instance, state: iso3, version: 1, since: null }, records, [], compress);
      const next = changes(CHANGE_SHARE);
      const incremental = writePackage(path.join(scratch, iso3, 'since-1'), { instance, state: iso3, version: 2, since: 1 }, next.changed, next.tombstones, compress);
      instances.set(iso3, { iso3, keys, instance, full, incremental, answers: new Map(), version: 1 });
      if ((index + 1) % 20 === 0) log(`  ${index + 1} States written`);
    }
    const generateMs = now() - generateStarted;
    // Signed after the keys were registered: a key signs from the moment it is valid.
    for (const instance of instances.values()) {
      for (const [since, written] of [[0, instance.full], [1, instance.incremental]] as const) {
        const manifest = { ...written.manifest, created: new Date().toISOString() };
        instance.answers.set(since, Buffer.from(JSON.stringify({ datapackage: manifest, signature: await signManifest(manifest, instance.keys.privateKeyPem) })));
      }
    }
    const list = [...instances.values()];
    const fullRecords = list.reduce((sum, i) => sum + i.full.records, 0);
    const byKind = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, list.reduce((sum, i) => sum + i.full.kinds[kind].length, 0)]));

    log(`baseline: plain INSERT … SELECT of the ${fullRecords} lines`);
    const baseline = await plainInsert(pool, list);
    if (baseline.rows !== fullRecords) throw new Error(`baseline wrote ${baseline.rows} of ${fullRecords} rows`);

    log(`full harvest of ${list.length} States (${fullRecords} records)`);
    let servedBefore = served();
    const fullStarted = now();
    const fullRun = await withMemory(() => harvestAll(pool));
    const fullMs = now() - fullStarted;
    const fullServed = served() - servedBefore;
    const heldAfterFull = await counts(pool);
    if (fullRun.result.applied !== list.length || heldAfterFull !== fullRecords) {
      throw new Error(`full harvest: ${JSON.stringify(fullRun.result)}, ${heldAfterFull} records held of ${fullRecords}`);
    }

    for (const instance of list) instance.version = 2;
    const changed = list.reduce((sum, i) => sum + i.incremental.records, 0);
    const withdrawn = list.reduce((sum, i) => sum + i.incremental.tombstones, 0);
    // New records have ids after the last published one; the others replace records of the copy.
    const added = list.reduce((sum, i) => sum + RECORD_KINDS.reduce((n, kind) => {
      const last = Math.max(0, ...i.full.kinds[kind]);
      return n + i.incremental.kinds[kind].filter((id) => id > last).length;
    }, 0), 0);
    log(`incremental harvest: ${changed} records changed or added, ${withdrawn} withdrawn`);
    servedBefore = served();
    const incrementalStarted = now();
    const incrementalRun = await withMemory(() => harvestAll(pool));
    const incrementalMs = now() - incrementalStarted;
    const incrementalServed = served() - servedBefore;
    const heldAfterIncremental = await counts(pool);
    if (incrementalRun.result.applied !== list.length || heldAfterIncremental !== fullRecords + added - withdrawn) {
      throw new Error(`incremental harvest: ${JSON.stringify(incrementalRun.result)}, ${heldAfterIncremental} records held, ${fullRecords + added - withdrawn} expected`);
    }
    await new Promise((resolve) => server.close(resolve));

    const similar = await measureSimilar(hub.db, quick ? 30 : 100);
    const { rows: [sizes] } = await pool.query(`select pg_total_relation_size('network_copy_record') as copy, pg_total_relation_size('network_copy_change') as history`);
    const perStateKb = (pick: (i: Instance) => number | null) => {
      const values = list.map(pick).filter((v): v is number => v !== null).map((v) => round(v / 1024, 1) as number);
      return { ...distribution(values), states: values.length };
    };
    const recordsPerSecond = fullRecords / (fullMs / 1000);
    const result = {
      benchmark: 'bench:hub',
      database: hub.description,
      goals_apply_to: process.env.DATABASE_URL ? 'this run (PostgreSQL)' : 'PostgreSQL: this run is on the embedded database (no DATABASE_URL)',
      network: {
        states: list.length, recommendations_per_state: perState, records: fullRecords, by_kind: byKind,
        texts: material.englishSource, generated_and_written_s: round(generateMs / 1000),
      },
      full_harvest: {
        ms: round(fullMs), records_per_s: round(recordsPerSecond), goal_records_per_s: TARGET.recordsPerSecond,
        outcomes: fullRun.result, bytes_served: fullServed, hub_peak_rss_mb: fullRun.rss_mb, hub_peak_heap_mb: fullRun.heap_mb, hub_process_cpu_s: fullRun.cpu_s,
      },
      baseline_plain_insert: {
        rows: baseline.rows, ms: round(baseline.ms), rows_per_s: round(baseline.rows / (baseline.ms / 1000)),
        what: 'insert … select from unnest($lines::text[]) of the same lines into a table without index or history, one statement per page, one transaction per State',
      },
      full_harvest_time_to_baseline: ratio(fullMs, baseline.ms),
      incremental_harvest: {
        share_changed: CHANGE_SHARE, records: changed, added, tombstones: withdrawn, ms: round(incrementalMs), goal_s: TARGET.incrementalSeconds,
        outcomes: incrementalRun.result, bytes_served: incrementalServed, hub_peak_rss_mb: incrementalRun.rss_mb, hub_peak_heap_mb: incrementalRun.heap_mb, hub_process_cpu_s: incrementalRun.cpu_s,
      },
      package_kb_per_state: {
        full: perStateKb((i) => i.full.bytes), full_gzip: perStateKb((i) => i.full.gzipBytes),
        incremental: perStateKb((i) => i.incremental.bytes), incremental_gzip: perStateKb((i) => i.incremental.gzipBytes),
        note: `gzip level 6 page by page, on the first ${Math.min(COMPRESSED_SAMPLE, list.length)} States; the instances serve the pages as they are`,
      },
      hub_tables_mb: { copy: round(Number(sizes.copy) / 2 ** 20), history: round(Number(sizes.history) / 2 ** 20) },
      ...similar,
      machine: machine(loadAtStart),
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const met = (ok: boolean) => (ok ? 'met' : 'missed');
    const fullGzip = result.package_kb_per_state.full_gzip.mean;
    process.stdout.write(`bench:hub — ${list.length} States, ${fullRecords} records on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}: `
      + `full harvest ${round(recordsPerSecond, 0)} records/s (≥ ${TARGET.recordsPerSecond}: ${met(recordsPerSecond >= TARGET.recordsPerSecond)}; `
      + `${result.full_harvest_time_to_baseline}× the plain insert); incremental 1% ${round(incrementalMs / 1000, 1)} s (≤ ${TARGET.incrementalSeconds} s: ${met(incrementalMs <= TARGET.incrementalSeconds * 1000)}); `
      + `hub peak RSS ${Math.max(fullRun.rss_mb ?? 0, incrementalRun.rss_mb ?? 0)} MB; package per State ${result.package_kb_per_state.full.mean} KB (gzip ${fullGzip} KB), incremental ${result.package_kb_per_state.incremental.mean} KB; `
      + `similar p95: ${similar.similar.p95_ms} ms (goal ≤ 100, ${similar.similar.p95_vs_baseline}× reading ten records; the index's search alone p95 ${similar.similar.index_search_ms.p95} ms); load ${result.machine.loadavg_1m_at_start}→${result.machine.loadavg_1m_at_end} on ${result.machine.cpus} CPUs\n`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    await hub.dispose();
    await disposeAll();
  }
}

await main();
