/**
 * Faceted full-text search over the catalogue, in SQL.
 *
 * Facet counts follow the usual faceted-search rule: the counts of one facet
 * apply every filter except that facet's own, so a reader can widen a choice
 * (tick a second mechanism) as well as narrow it. Facets whose own filter is
 * not set share one scan of the matching rows.
 */
import type pg from 'pg';
import { FACETS, type Facet, type SearchQuery } from '../../../shared/recommendations';
import type { LabelMaps } from '../taxonomies/taxonomies.repository';

/** Markers for ts_headline: control characters cannot occur in imported text (the importer strips them). */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=45, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`;
const FACET_LIMIT = 100;

export interface SearchRow {
  id: number; kind: string; mechanism_id: number; countries: string[]; document_symbol: string | null;
  paragraph: string | null; document_date: string | null; year: number | null; cycle: number | null;
  session: number | null; position: string | null; original_language: string; texts: Record<string, { text: string }>;
  headline: string | null; headline_language: string;
}

export interface SearchResult {
  total: number;
  rows: SearchRow[];
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

export function effectiveSort(query: SearchQuery): 'relevance' | 'date_desc' | 'date_asc' {
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

export async function searchRecommendations(pool: pg.Pool, query: SearchQuery, labels: LabelMaps, displayLanguage: string): Promise<SearchResult> {
  const order = orderBy(query);

  // The page of results first, then headlines for that page only (ts_headline is costly).
  const items = statement(query, labels);
  const display = items.params.add(displayLanguage);
  const headline = query.q
    ? `ts_headline(nmirf_search_config(p.headline_language), p.texts->p.headline_language->>'text', query.tsq, ${items.params.add(HEADLINE_OPTIONS)})`
    : 'null';
  const itemsSql = `${withClause(items.ctes)}
    select p.*, ${headline} as headline from (
      select r.id, r.kind, r.mechanism_id, r.countries, r.document_symbol, r.paragraph, r.document_date, r.year, r.cycle,
        r.session, r.position, r.original_language, r.texts,
        case when r.texts ? ${display} then ${display} else r.original_language end as headline_language
      ${items.from} ${where([...items.base, ...Object.values(items.byFacet)])}
      order by ${order}
      limit ${items.params.add(query.page_size)} offset ${items.params.add((query.page - 1) * query.page_size)}
    ) p ${query.q ? ', query' : ''}`;

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

  const [itemRows, ...facetResults] = await Promise.all([
    pool.query<SearchRow>(itemsSql, items.params.values),
    pool.query(sharedSql, shared.params.values),
    ...ownFacetQueries.map((q) => pool.query(q.sql, q.params)),
  ]);
  const facets = Object.fromEntries(FACETS.map((f) => [f, [] as { key: string; count: number }[]])) as SearchResult['facets'];
  let total = 0;
  for (const result of facetResults) {
    for (const row of result.rows) {
      if (row.facet === '_total') total = row.count;
      else facets[row.facet as Facet].push({ key: row.key, count: row.count });
    }
  }
  return { total, rows: itemRows.rows, facets };
}

/** Every matching id, in the search's order: the CSV export then reads rows in batches. */
export async function matchingIds(pool: pg.Pool, query: SearchQuery, labels: LabelMaps): Promise<number[]> {
  const order = orderBy(query);
  const s = statement(query, labels);
  const result = await pool.query(
    `${withClause(s.ctes)} select r.id ${s.from} ${where([...s.base, ...Object.values(s.byFacet)])} order by ${order}`,
    s.params.values,
  );
  return result.rows.map((row) => row.id);
}
