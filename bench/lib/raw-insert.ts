/**
 * The import baseline: the importer's resolved rows written with the fastest
 * plain SQL we have without pg-copy-streams, into a bare copy of the
 * recommendation table (same columns and defaults; no index, no constraint, no
 * labels table). Two statement shapes are timed and the faster one is the
 * baseline:
 *
 * - `jsonb`:  insert … select … from jsonb_to_recordset($1::jsonb)  (one JSON parameter a chunk)
 * - `unnest`: insert … select … from unnest($1::text[], $2::int[], …) (one array parameter a column;
 *              array columns travel as array literals and are cast per row)
 *
 * Both compute search_vector = nmirf_search_vector(texts) in SQL, as the
 * importer does, so the rows are the same rows. Chunks of 5,000 rows in one
 * transaction; parsing and resolving are not in the timing.
 */
import type pg from 'pg';
import type { ResolvedRecommendation } from '../../server/modules/recommendations/import/resolve';

const CHUNK = 5000;
const TABLE = 'bench_raw_recommendation';

const COLUMNS = ['identity_key', 'source', 'mechanism_id', 'kind', 'countries', 'document_symbol', 'paragraph', 'document_date',
  'year', 'cycle', 'session', 'position', 'position_source', 'recommending_states', 'original_language', 'texts',
  'upr_info_action', 'content_hash', 'theme_ids', 'affected_ids', 'sdg_goals', 'sdg_targets', 'upr_info_issue_ids'] as const;

const TYPES: Record<(typeof COLUMNS)[number], string> = {
  identity_key: 'text', source: 'text', mechanism_id: 'int', kind: 'text', countries: 'text[]', document_symbol: 'text',
  paragraph: 'text', document_date: 'date', year: 'smallint', cycle: 'smallint', session: 'smallint', position: 'text',
  position_source: 'text', recommending_states: 'text[]', original_language: 'text', texts: 'jsonb',
  upr_info_action: 'smallint', content_hash: 'text', theme_ids: 'int[]', affected_ids: 'int[]', sdg_goals: 'smallint[]',
  sdg_targets: 'text[]', upr_info_issue_ids: 'int[]',
};

function row(r: ResolvedRecommendation) {
  const of = (vocabulary: string) => r.labels.filter((l) => l.vocabulary === vocabulary).map((l) => l.value);
  return {
    identity_key: r.identityKey, source: r.source, mechanism_id: r.mechanismId, kind: r.kind, countries: r.countries,
    document_symbol: r.documentSymbol, paragraph: r.paragraph, document_date: r.documentDate, year: r.year, cycle: r.cycle,
    session: r.session, position: r.position, position_source: r.positionSource, recommending_states: r.recommendingStates,
    original_language: r.originalLanguage, texts: r.texts, upr_info_action: r.uprInfoAction, content_hash: r.contentHash,
    theme_ids: of('theme').map(Number), affected_ids: of('affected_persons').map(Number), sdg_goals: of('sdg_goal').map(Number),
    sdg_targets: of('sdg_target'), upr_info_issue_ids: of('upr_info_issue').map(Number),
  };
}

const arrayLiteral = (values: (string | number)[]) =>
  `{${values.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

async function insertJsonb(client: pg.PoolClient, rows: ReturnType<typeof row>[]) {
  await client.query(
    `insert into ${TABLE} (${COLUMNS.join(', ')}, search_vector)
     select ${COLUMNS.join(', ')}, nmirf_search_vector(texts)
     from jsonb_to_recordset($1::jsonb) as r(${COLUMNS.map((c) => `${c} ${TYPES[c]}`).join(', ')})`,
    [JSON.stringify(rows)],
  );
}

async function insertUnnest(client: pg.PoolClient, rows: ReturnType<typeof row>[]) {
  const params = COLUMNS.map((c) => {
    const type = TYPES[c];
    if (type.endsWith('[]')) return rows.map((r) => arrayLiteral(r[c] as (string | number)[]));
    if (type === 'jsonb') return rows.map((r) => JSON.stringify(r[c]));
    return rows.map((r) => r[c]);
  });
  const args = COLUMNS.map((c, i) => `$${i + 1}::${TYPES[c].endsWith('[]') ? 'text' : TYPES[c]}[]`);
  const select = COLUMNS.map((c) => (TYPES[c].endsWith('[]') ? `${c}::${TYPES[c]}` : c));
  await client.query(
    `insert into ${TABLE} (${COLUMNS.join(', ')}, search_vector)
     select ${select.join(', ')}, nmirf_search_vector(texts)
     from unnest(${args.join(', ')}) as r(${COLUMNS.join(', ')})`,
    params,
  );
}

export interface RawInsertResult {
  rows: number;
  jsonb_ms: number;
  unnest_ms: number;
  baseline_ms: number;
  baseline_method: 'jsonb' | 'unnest';
}

/** Times both shapes once each (fresh table each time), then drops the table. */
export async function rawInsert(pool: pg.Pool, records: ResolvedRecommendation[]): Promise<RawInsertResult> {
  const rows = records.map(row);
  const client = await pool.connect();
  const times: Record<'jsonb' | 'unnest', number> = { jsonb: 0, unnest: 0 };
  try {
    for (const method of ['jsonb', 'unnest'] as const) {
      await client.query(`drop table if exists ${TABLE}`);
      await client.query(`create table ${TABLE} (like recommendation including defaults)`);
      const start = performance.now();
      await client.query('begin');
      try {
        for (let i = 0; i < rows.length; i += CHUNK) {
          const chunk = rows.slice(i, i + CHUNK);
          if (method === 'jsonb') await insertJsonb(client, chunk);
          else await insertUnnest(client, chunk);
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
      times[method] = performance.now() - start;
      const count = await client.query(`select count(*)::int as n from ${TABLE}`);
      if (count.rows[0].n !== rows.length) throw new Error(`raw insert (${method}) wrote ${count.rows[0].n} of ${rows.length} rows`);
    }
  } finally {
    await client.query(`drop table if exists ${TABLE}`).catch(() => undefined);
    client.release();
  }
  const baseline_method = times.jsonb <= times.unnest ? 'jsonb' : 'unnest';
  return { rows: rows.length, jsonb_ms: times.jsonb, unnest_ms: times.unnest, baseline_ms: times[baseline_method], baseline_method };
}
