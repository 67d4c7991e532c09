/**
 * Faceted full-text search over the catalogue.
 *
 * Facet counts follow the usual faceted-search rule: the counts of one facet
 * apply every filter except that facet's own, so a reader can widen a choice
 * (tick a second mechanism) as well as narrow it.
 *
 * Who does what:
 * - PostgreSQL matches the text query (`search_vector @@ tsquery`, and the
 *   content language) and gives the ids of the matches; with no text query it
 *   is not asked at all.
 * - The facet index (recommendations.facet-index.ts, in memory) applies the
 *   filters to those ids (or to the whole catalogue) and gives, in one pass, the
 *   total, every facet's counts and the matching rows; a date-sorted page is a
 *   walk along its precomputed date order.
 * - PostgreSQL then ranks by relevance (see RANK_CANDIDATES) and reads the rows
 *   of one page with their headlines.
 */
import type pg from 'pg';
import type { Facet, SearchQuery } from '../../../shared/recommendations';
import type { LabelMaps } from '../taxonomies/taxonomies.repository';
import { catalogueVersion, facetIndexAt, type FacetIndex } from './recommendations.facet-index';

type Queryable = Pick<pg.Pool, 'query'>;

/** Markers for ts_headline: control characters cannot occur in imported text (the importer strips them). */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=45, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Relevance is `ts_rank_cd(search_vector, query) desc, id desc`, computed in
 * PostgreSQL for at most this many matches, the most recent ones
 * (`document_date desc nulls last, id desc`); any further matches follow them
 * in that date order.
 *
 * Why: ts_rank_cd reads each match's search vector and walks its covers against
 * a query OR-ed over every language configuration; at 300k records that cost
 * about 11 µs a match, 300 ms for a query like `children -trafficking` (26k
 * matches), which no page needs. Trade-off: when a search has more matches
 * than this (broad words, no filter), its first pages are the best-ranked of
 * its most recent matches, not of all of them. Whenever the matches are fewer,
 * which is what filters and precise words give, the order is exactly the full
 * ranking. The CSV export and assignment by search (matchingIds) rank every
 * match.
 */
export const RANK_CANDIDATES = 2_000;

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

export function effectiveSort(query: SearchQuery): 'relevance' | 'date_desc' | 'date_asc' {
  if (query.sort === 'relevance' && !query.q) return 'date_desc';
  return query.sort ?? (query.q ? 'relevance' : 'date_desc');
}

/** The tsquery for `q` (see nmirf_search_query in the migrations): one language, or all of them. */
const TSQUERY = 'nmirf_search_query($1, $2)';
const tsqueryParams = (query: SearchQuery) => [query.q, query.lang ?? null];

/** Ids of the recommendations that match the text query (with a content language, only texts in that language count). */
async function textMatches(pool: Queryable, query: SearchQuery): Promise<number[]> {
  const language = query.lang ? `and r.texts ? $2` : '';
  const result = await pool.query(
    `select string_agg(r.id::text, ',') as ids from recommendation r where r.search_vector @@ ${TSQUERY} ${language}`,
    tsqueryParams(query),
  );
  const ids: string | null = result.rows[0].ids;
  return ids ? ids.split(',').map(Number) : [];
}

/** The index, current as of this search, and the text matches, asked for at the same time. */
async function evaluate(pool: Queryable, query: SearchQuery, labels: LabelMaps) {
  const [version, textIds] = await Promise.all([catalogueVersion(pool), query.q ? textMatches(pool, query) : null]);
  const index = await facetIndexAt(pool, version);
  return { index, evaluation: index.evaluate(query, labels, textIds) };
}

function take<T>(items: Iterable<T>, skip: number, count: number): T[] {
  const taken: T[] = [];
  if (count <= 0) return taken;
  let i = 0;
  for (const item of items) {
    if (i++ < skip) continue;
    taken.push(item);
    if (taken.length === count) break;
  }
  return taken;
}

const ROW_COLUMNS = `r.id, r.kind, r.mechanism_id, r.countries, r.document_symbol, r.paragraph, r.document_date, r.year, r.cycle,
  r.session, r.position, r.original_language, r.texts`;

/** The rows of `ids`, in that order, with a headline when there is a text query (ts_headline is costly: one page only). */
async function pageRows(pool: Queryable, query: SearchQuery, ids: number[], displayLanguage: string): Promise<SearchRow[]> {
  if (ids.length === 0) return [];
  const headline = query.q
    ? `ts_headline(nmirf_search_config(p.headline_language), p.texts->p.headline_language->>'text', ${TSQUERY}, $5)`
    : 'null';
  const params = query.q ? [...tsqueryParams(query), ids, displayLanguage, HEADLINE_OPTIONS] : [ids, displayLanguage];
  const [idsParam, displayParam] = query.q ? ['$3', '$4'] : ['$1', '$2'];
  const result = await pool.query<SearchRow>(
    `select p.*, ${headline} as headline from (
      select ${ROW_COLUMNS}, case when r.texts ? ${displayParam} then ${displayParam} else r.original_language end as headline_language
      from recommendation r where r.id = any(${idsParam}::bigint[])
    ) p`,
    params,
  );
  const byId = new Map(result.rows.map((row) => [row.id, row]));
  // A row deleted since the index was read is left out.
  return ids.map((id) => byId.get(id)).filter((row): row is SearchRow => row !== undefined);
}

/** `ids` ordered by relevance, `limit` of them from `offset` (all of them without a limit). */
async function rankIds(pool: Queryable, query: SearchQuery, ids: number[], offset = 0, limit: number | null = null): Promise<number[]> {
  if (ids.length === 0) return [];
  const result = await pool.query(
    `select r.id from recommendation r where r.id = any($3::bigint[])
     order by ts_rank_cd(r.search_vector, ${TSQUERY}) desc, r.id desc offset $4 ${limit === null ? '' : 'limit $5'}`,
    [...tsqueryParams(query), ids, offset, ...(limit === null ? [] : [limit])],
  );
  return result.rows.map((row) => Number(row.id));
}

/** The ids of one page: relevance over the most recent RANK_CANDIDATES matches (see there), or date order. */
async function pageIds(pool: Queryable, query: SearchQuery, index: FacetIndex, matched: Uint8Array, rankCandidates: number): Promise<number[]> {
  const offset = (query.page - 1) * query.page_size;
  const sort = effectiveSort(query);
  if (sort !== 'relevance') return take(index.byDateOrder(matched, sort === 'date_desc' ? 'desc' : 'asc'), offset, query.page_size);
  const candidates = take(index.byDateOrder(matched, 'desc'), 0, rankCandidates);
  const ranked = offset < candidates.length
    ? await rankIds(pool, query, candidates, offset, Math.min(query.page_size, candidates.length - offset))
    : [];
  const rest = take(index.byDateOrder(matched, 'desc'), Math.max(offset, candidates.length), query.page_size - ranked.length);
  return [...ranked, ...rest];
}

/** `rankCandidates`: see RANK_CANDIDATES (a parameter for tests only). */
export async function searchRecommendations(pool: Queryable, query: SearchQuery, labels: LabelMaps, displayLanguage: string,
  { rankCandidates = RANK_CANDIDATES } = {}): Promise<SearchResult> {
  const { index, evaluation } = await evaluate(pool, query, labels);
  const ids = await pageIds(pool, query, index, evaluation.matched, rankCandidates);
  return { total: evaluation.total, rows: await pageRows(pool, query, ids, displayLanguage), facets: evaluation.facets };
}

/** Every matching id, in the search's order (relevance over every match): the CSV export then reads rows in batches. */
export async function matchingIds(pool: Queryable, query: SearchQuery, labels: LabelMaps): Promise<number[]> {
  const { index, evaluation } = await evaluate(pool, query, labels);
  const sort = effectiveSort(query);
  const byDate = [...index.byDateOrder(evaluation.matched, sort === 'date_asc' ? 'asc' : 'desc')];
  return sort === 'relevance' ? rankIds(pool, query, byDate) : byDate;
}
