/**
 * The search as it was written in SQL before the facet index, kept for tests
 * only: the reference that the facet index must agree with (total, facet
 * counts, order of every match). Not used by the server.
 */
import type pg from 'pg';
import { FACETS, type Facet, type SearchQuery } from '../../shared/recommendations';
import type { LabelMaps } from '../modules/taxonomies/taxonomies.repository';

const FACET_LIMIT = 100;

export interface ReferenceResult {
  total: number;
  facets: Record<Facet, { key: string; count: number }[]>;
}

class Params {
  values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The tsquery for `q` (see nmirf_search_query in the migrations): one language, or all of them. */
function tsquery(params: Params, q: string, lang: string | undefined): string {
  return `nmirf_search_query(${params.add(q)}, ${params.add(lang ?? null)})`;
}

/** One SQL condition per filter, keyed by the facet it belongs to. */
function conditions(query: SearchQuery, labels: LabelMaps, params: Params): { text: string | null; byFacet: Partial<Record<Facet, string>> } {
  const byFacet: Partial<Record<Facet, string>> = {};
  const termIds = (vocabulary: string, keys: string[]) =>
    keys.map((key) => labels.termIdsByKey.get(`${vocabulary}:${key}`) ?? -1);
  if (query.mechanism.length) {
    byFacet.mechanism = `r.mechanism_id = any(${params.add(query.mechanism.map((code) => labels.mechanismIdsByCode.get(code) ?? -1))}::int[])`;
  }
  if (query.country.length) byFacet.country = `r.countries && ${params.add(query.country)}::text[]`;
  if (query.theme.length) byFacet.theme = `r.theme_ids && ${params.add(termIds('theme', query.theme))}::int[]`;
  if (query.affected.length) byFacet.affected = `r.affected_ids && ${params.add(termIds('affected_persons', query.affected))}::int[]`;
  if (query.sdg.length) {
    const goals = query.sdg.filter((s) => !s.includes('.')).map(Number);
    const targets = query.sdg.filter((s) => s.includes('.'));
    const parts = [];
    if (goals.length) parts.push(`r.sdg_goals && ${params.add(goals)}::smallint[]`);
    if (targets.length) parts.push(`r.sdg_targets && ${params.add(targets)}::text[]`);
    byFacet.sdg = `(${parts.join(' or ')})`;
  }
  if (query.position.length) byFacet.position = `r.position = any(${params.add(query.position)}::text[])`;
  if (query.cycle.length) byFacet.cycle = `r.cycle = any(${params.add(query.cycle)}::smallint[])`;
  if (query.year_from !== undefined || query.year_to !== undefined) {
    const parts = [];
    if (query.year_from !== undefined) parts.push(`r.year >= ${params.add(query.year_from)}`);
    if (query.year_to !== undefined) parts.push(`r.year <= ${params.add(query.year_to)}`);
    byFacet.year = parts.join(' and ');
  }
  const text = query.q ? `r.search_vector @@ query.tsq` : null;
  return { text, byFacet };
}

function where(parts: (string | null | undefined)[]): string {
  const present = parts.filter(Boolean);
  return present.length ? `where ${present.join(' and ')}` : '';
}

/** SQL expression yielding (key text) rows of one facet, from alias `m`. */
const FACET_KEY: Record<Facet, string> = {
  mechanism: 'm.mechanism_id::text',
  country: 'unnest(m.countries)',
  theme: 'unnest(m.theme_ids)::text',
  affected: 'unnest(m.affected_ids)::text',
  sdg: 'unnest(m.sdg_goals)::text',
  position: 'm.position',
  cycle: 'm.cycle::text',
  year: 'm.year::text',
};

function effectiveSort(query: SearchQuery): 'relevance' | 'date_desc' | 'date_asc' {
  if (query.sort === 'relevance' && !query.q) return 'date_desc';
  return query.sort ?? (query.q ? 'relevance' : 'date_desc');
}

/** The parts of one SQL statement: its own parameters, the text query CTE and the filter conditions. */
function statement(query: SearchQuery, labels: LabelMaps) {
  const params = new Params();
  const ctes: string[] = query.q ? [`query as (select ${tsquery(params, query.q, query.lang)} as tsq)`] : [];
  const from = query.q ? 'from recommendation r, query' : 'from recommendation r';
  const { text, byFacet } = conditions(query, labels, params);
  // With a content language, only texts in that language count as matches.
  const language = query.lang && query.q ? `r.texts ? ${params.add(query.lang)}` : null;
  return { params, ctes, from, byFacet, base: [text, language] };
}

const withClause = (ctes: string[]) => (ctes.length ? `with ${ctes.join(', ')}` : '');

/** The same query without one facet's filter. */
function withoutFilter(query: SearchQuery, facet: Facet): SearchQuery {
  if (facet === 'year') return { ...query, year_from: undefined, year_to: undefined };
  return { ...query, [facet]: [] };
}

function orderBy(query: SearchQuery): string {
  const sort = effectiveSort(query);
  if (sort === 'relevance') return 'ts_rank_cd(r.search_vector, query.tsq) desc, r.id desc';
  return sort === 'date_desc' ? 'r.document_date desc nulls last, r.id desc' : 'r.document_date asc nulls last, r.id asc';
}

export async function referenceFacets(pool: pg.Pool, query: SearchQuery, labels: LabelMaps): Promise<ReferenceResult> {
  // The total and the facets without a filter of their own, from one scan of the matches.
  const shared = statement(query, labels);
  const sharedFacets = FACETS.filter((facet) => !shared.byFacet[facet]);
  const sharedSql = `${withClause([...shared.ctes,
    `m as materialized (select r.mechanism_id, r.countries, r.theme_ids, r.affected_ids, r.sdg_goals, r.position, r.cycle, r.year
      ${shared.from} ${where([...shared.base, ...Object.values(shared.byFacet)])})`])}
    select '_total' as facet, null as key, count(*)::int as count from m
    ${sharedFacets.map((facet) => `union all (select '${facet}', k, count(*)::int from (select ${FACET_KEY[facet]} as k from m) x
      where k is not null group by k order by count(*) desc, k limit ${FACET_LIMIT})`).join('\n')}`;

  // Each facet that has a filter counts with every filter but its own.
  const ownFacetQueries = FACETS.filter((facet) => shared.byFacet[facet]).map((facet) => {
    const own = statement(withoutFilter(query, facet), labels);
    const others = Object.values(own.byFacet);
    return {
      sql: `${withClause(own.ctes)}
        select '${facet}' as facet, k as key, count(*)::int as count
        from (select ${FACET_KEY[facet].replaceAll('m.', 'r.')} as k ${own.from} ${where([...own.base, ...others])}) x
        where k is not null group by k order by count(*) desc, k limit ${FACET_LIMIT}`,
      params: own.params.values,
    };
  });

  const facetResults = await Promise.all([
    pool.query(sharedSql, shared.params.values),
    ...ownFacetQueries.map((q) => pool.query(q.sql, q.params)),
  ]);
  const facets = Object.fromEntries(FACETS.map((f) => [f, [] as { key: string; count: number }[]])) as ReferenceResult['facets'];
  let total = 0;
  for (const result of facetResults) {
    for (const row of result.rows) {
      if (row.facet === '_total') total = row.count;
      else facets[row.facet as Facet].push({ key: row.key, count: row.count });
    }
  }
  return { total, facets };
}

/** Every matching id, in the search's order: the CSV export then reads rows in batches. */
export async function referenceMatchingIds(pool: pg.Pool, query: SearchQuery, labels: LabelMaps): Promise<number[]> {
  const order = orderBy(query);
  const s = statement(query, labels);
  const result = await pool.query(
    `${withClause(s.ctes)} select r.id ${s.from} ${where([...s.base, ...Object.values(s.byFacet)])} order by ${order}`,
    s.params.values,
  );
  return result.rows.map((row) => row.id);
}
