/**
 * Search latency through the real HTTP API (Fastify listening on a port,
 * requests with fetch) and through the same SQL called directly
 * (searchRecommendations), for the fixed query set.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { buildApp } from '../../server/app';
import { readConfig } from '../../server/platform/config';
import { facetIndex, facetIndexSettled, facetIndexStats } from '../../server/modules/recommendations/recommendations.facet-index';
import { searchRecommendations } from '../../server/modules/recommendations/recommendations.search';
import { forgetLabelMaps, labelMaps, type LabelMaps } from '../../server/modules/taxonomies/taxonomies.repository';
import type { Database } from '../../server/platform/db/database';
import { searchQuerySchema, type SearchQuery } from '../../shared/recommendations';
import { QUERIES, queryObject, queryString, type BenchQuery } from './queries';
import { log, now, percentile, round, summarise, type Summary } from './stats';

export interface QueryTiming {
  name: string;
  kind: BenchQuery['kind'];
  total: number;
  api_p50_ms: number | null;
  api_max_ms: number | null;
  sql_p50_ms: number | null;
  sql_max_ms: number | null;
}

export interface SearchMeasurement {
  records: number;
  repetitions: number;
  /** False when only the HTTP API was timed. */
  direct_sql_measured: boolean;
  api: Summary;
  sql: Summary;
  api_over_sql_p50: number | null;
  api_over_sql_p95: number | null;
  per_query: QueryTiming[];
  /** The in-memory facet index the searches used: records, lexemes, typed-array bytes, last load time. */
  facet_index: (ReturnType<typeof facetIndexStats> & { mb: number }) | null;
}

/** `direct` false: HTTP only (the direct-SQL pass doubles the time, and the API/SQL ratio is asked of PostgreSQL). */
export async function measureSearch(db: Database, repetitions: number, label: string, direct = true): Promise<SearchMeasurement> {
  const records = (await db.pool.query('select count(*)::int as n from recommendation')).rows[0].n as number;
  // After a load larger than the catalogue's change log, the index reloads whole beside the old one, which answers
  // meanwhile (decision 0006): measure once the index holds what was loaded.
  await facetIndex(db.pool);
  await facetIndexSettled(db.pool);
  forgetLabelMaps(); // the import and the synthetic load added terms
  // Every search computed (RESPONSE_CACHE_MB=0): the rounds ask the same queries again, which the answers a server
  // keeps (decision 0015) would otherwise serve from memory; this benchmark measures the search itself.
  const config = readConfig({ ...process.env, RESPONSE_CACHE_MB: '0' });
  const app = await buildApp({ db, logLevel: 'silent', webDist: path.join(os.tmpdir(), 'nmirf-bench-no-web'), auth: { config } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  try {
    const maps = await labelMaps(db.pool);
    const queries = QUERIES.map((q) => ({ ...q, url: `http://127.0.0.1:${port}/api/v1/recommendations?${queryString(q.params)}`, query: searchQuerySchema.parse(queryObject(q.params)) }));
    const api = queries.map(() => [] as number[]);
    const sql = queries.map(() => [] as number[]);
    const totals: number[] = [];

    const viaApi = async (url: string) => {
      const start = now();
      const response = await fetch(url);
      const body = await response.json() as { total?: number; message?: string };
      const ms = now() - start;
      if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.message ?? JSON.stringify(body)}`);
      return { ms, total: body.total ?? 0 };
    };
    const viaSql = async (query: SearchQuery, maps: LabelMaps) => {
      const start = now();
      await searchRecommendations(db.pool, query, maps, 'en');
      return now() - start;
    };

    log(`${label}: warm-up (${queries.length} queries, ${records.toLocaleString('en')} records)`);
    for (const q of queries) {
      totals.push((await viaApi(q.url)).total);
      if (direct) await viaSql(q.query, maps);
    }
    for (let rep = 0; rep < repetitions; rep++) {
      const start = now();
      for (let i = 0; i < queries.length; i++) api[i].push((await viaApi(queries[i].url)).ms);
      if (direct) for (let i = 0; i < queries.length; i++) sql[i].push(await viaSql(queries[i].query, maps));
      log(`${label}: round ${rep + 1}/${repetitions} in ${Math.round(now() - start)} ms`);
    }
    const index = facetIndexStats(db.pool);
    const apiSummary = summarise(api.flat());
    const sqlSummary = summarise(sql.flat());
    return {
      records,
      repetitions,
      direct_sql_measured: direct,
      api: apiSummary,
      sql: sqlSummary,
      api_over_sql_p50: ratioOf(apiSummary.p50_ms, sqlSummary.p50_ms),
      api_over_sql_p95: ratioOf(apiSummary.p95_ms, sqlSummary.p95_ms),
      facet_index: index && { ...index, mb: round(index.bytes / 2 ** 20, 1)! },
      per_query: queries.map((q, i) => ({
        name: q.name,
        kind: q.kind,
        total: totals[i],
        api_p50_ms: round(percentile(api[i], 50)),
        api_max_ms: round(Math.max(...api[i])),
        sql_p50_ms: round(percentile(sql[i], 50)),
        sql_max_ms: sql[i].length ? round(Math.max(...sql[i])) : null,
      })),
    };
  } finally {
    await app.close();
  }
}

const ratioOf = (a: number | null, b: number | null) => (a !== null && b ? round(a / b, 2) : null);

const recorders = new WeakMap<pg.Pool, { pool: pg.Pool; statements: { sql: string; params: unknown[] }[] }>();

/**
 * Runs `searchRecommendations` against a recording pool: the exact statements and parameters it
 * sends. One recorder per pool, warmed up first, so that its facet index is loaded once and its
 * load is not among the statements.
 */
export async function captureStatements(pool: pg.Pool, query: SearchQuery, maps: LabelMaps) {
  let recorder = recorders.get(pool);
  if (!recorder) {
    const statements: { sql: string; params: unknown[] }[] = [];
    const recording = { query: (sql: string, params: unknown[]) => { statements.push({ sql, params }); return pool.query(sql, params); } } as unknown as pg.Pool;
    recorder = { pool: recording, statements };
    recorders.set(pool, recorder);
    await searchRecommendations(recording, searchQuerySchema.parse({}), maps, 'en');
  }
  recorder.statements.length = 0;
  await searchRecommendations(recorder.pool, query, maps, 'en');
  return [...recorder.statements];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Total Time'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** Nodes that take the most time of their own (total minus children), largest first. */
function expensiveNodes(root: PlanNode, limit = 3) {
  const nodes: { node: string; self_ms: number; rows: number }[] = [];
  const walk = (node: PlanNode) => {
    const total = (node['Actual Total Time'] ?? 0) * (node['Actual Loops'] ?? 1);
    const children = (node.Plans ?? []).reduce((a, c) => a + (c['Actual Total Time'] ?? 0) * (c['Actual Loops'] ?? 1), 0);
    const where = node['Index Name'] ?? node['Relation Name'];
    nodes.push({ node: where ? `${node['Node Type']} on ${where}` : node['Node Type'], self_ms: round(total - children, 1) ?? 0, rows: (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1) });
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(root);
  return nodes.sort((a, b) => b.self_ms - a.self_ms).slice(0, limit);
}

function partOf(sql: string): string {
  if (sql.includes('as headline')) return sql.includes('ts_rank_cd') ? 'page of results, ranked (+ts_headline)' : 'page of results (+ts_headline)';
  if (sql.includes('catalogue_state')) return 'catalogue version (+tsquery)';
  if (sql.includes('string_agg(r.id')) return 'text match in PostgreSQL (phrases)';
  return 'other';
}

/** EXPLAIN (ANALYZE, BUFFERS) of every statement of one search; full text plans are returned too. */
export async function explainSearch(pool: pg.Pool, params: [string, string][]) {
  const query = searchQuerySchema.parse(queryObject(params));
  const maps = await labelMaps(pool);
  const statements = await captureStatements(pool, query, maps);
  const parts = [];
  const texts: string[] = [];
  for (const statement of statements) {
    const json = await pool.query(`explain (analyze, buffers, format json) ${statement.sql}`, statement.params);
    const plan = json.rows[0]['QUERY PLAN'][0] as { Plan: PlanNode; 'Execution Time': number; 'Planning Time': number; JIT?: { Timing?: { Total?: number } } };
    const text = await pool.query(`explain (analyze, buffers) ${statement.sql}`, statement.params);
    texts.push(`-- ${partOf(statement.sql)}\n${statement.sql.trim()}\n-- params ${JSON.stringify(statement.params)}\n${text.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
    parts.push({
      part: partOf(statement.sql),
      execution_ms: round(plan['Execution Time']),
      planning_ms: round(plan['Planning Time']),
      jit_ms: round(plan.JIT?.Timing?.Total ?? null),
      rows_scanned_top: expensiveNodes(plan.Plan),
    });
  }
  return { parts, text: texts.join('\n') };
}
