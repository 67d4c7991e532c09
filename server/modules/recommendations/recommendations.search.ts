/**
 * Faceted full-text search over the catalogue.
 *
 * Facet counts follow the usual faceted-search rule: the counts of one facet
 * apply every filter except that facet's own, so a reader can widen a choice
 * (tick a second mechanism) as well as narrow it.
 *
 * Who does what:
 * - PostgreSQL turns the words into a tsquery (nmirf_search_query) in the same
 *   round trip that reads the catalogue version.
 * - The facet index (recommendations.facet-index.ts, in memory) evaluates the
 *   tsquery over its postings (recommendations.text-index.ts; PostgreSQL
 *   checks a phrase's word order among the rows that hold its words), applies the filters and gives, in one pass, the
 *   total, every facet's counts and the matching rows; a date-sorted page is a
 *   walk along its precomputed date order.
 * - PostgreSQL then ranks by relevance (see RANK_CANDIDATES) and reads the rows
 *   of one page with their headlines.
 */
import type pg from 'pg';
import type { Facet, SearchQuery } from '../../../shared/recommendations';
import { foldArabicMapped } from '../../platform/arabic-folding';
import type { LabelMaps } from '../taxonomies/taxonomies.repository';
import { duplicateGroups, matchingByGroup, representatives, type DuplicateGroups } from './recommendations.duplicate-groups';
import {
  catalogueVersion, catalogueVersionAndTsquery, changedSince, facetIndexAt, SYNC_PATCH_LIMIT, type Evaluation, type FacetIndex,
} from './recommendations.facet-index';

type Queryable = Pick<pg.Pool, 'query'>;

/** Markers for ts_headline: control characters cannot occur in imported text (the importer strips them). */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';
const FRAGMENT_DELIMITER = ' … ';
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=45, MinWords=20, MaxFragments=2, FragmentDelimiter="${FRAGMENT_DELIMITER}"`;

/**
 * The headline in the text as written. ts_headline reads the text folded as the search vectors
 * were (nmirf_fold_arabic, migration 0040: Arabic without harakat or tatweel, one spelling of alef,
 * yeh, ta marbuta and hamza carriers), so that it marks the words the query found; each of its
 * fragments is found in the folded text and written again from the text as written, with its marks
 * at the same words (a mark after a letter also holds the harakat that follow it). A fragment that
 * cannot be found (ts_headline changed it) leaves the headline as PostgreSQL gave it.
 */
export function headlineAsWritten(headline: string, written: string): string {
  const mapped = foldArabicMapped(written);
  if (!mapped) return headline;
  const { folded, from } = mapped;
  const fragments: string[] = [];
  let after = 0;
  for (const fragment of headline.split(FRAGMENT_DELIMITER)) {
    const plain = fragment.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
    let at = folded.indexOf(plain, after);
    if (at < 0) at = folded.indexOf(plain);
    if (at < 0) return headline;
    after = at + plain.length;
    let out = '';
    let k = at;
    for (let j = 0; j < fragment.length; j++) { // UTF-16 units, as `from` counts them
      if (fragment[j] === MARK_START || fragment[j] === MARK_END) out += fragment[j];
      else {
        out += written.slice(from[k], from[k + 1]);
        k++;
      }
    }
    fragments.push(out);
  }
  return fragments.join(FRAGMENT_DELIMITER);
}

/**
 * Relevance is `ts_rank_cd(search_vector, query) desc, id desc`, computed in
 * PostgreSQL for at most this many matches, the most recent ones
 * (`document_date desc nulls last, id desc`); any further matches follow them
 * in that date order.
 *
 * Why: ts_rank_cd reads each match's search vector and walks its covers against
 * a query OR-ed over every language configuration. At 300k records that costs
 * 10–60 µs a match (the most with `-exclusion`): 300 ms and more for a broad
 * query like `children -trafficking` (26k matches), for a page of 20. Trade-off:
 * when a search has more matches than this (broad words, no filter), its first
 * pages are the best-ranked of its most recent matches, not of all of them.
 * With fewer matches, which is what filters and precise words give, the order is
 * exactly the full ranking. The CSV export and assignment by search
 * (matchingIds) rank every match.
 */
export const RANK_CANDIDATES = 500;

export interface SearchRow {
  id: number; kind: string; mechanism_id: number; countries: string[]; document_symbol: string | null;
  paragraph: string | null; document_date: string | null; year: number | null; cycle: number | null;
  session: number | null; position: string | null; original_language: string; texts: Record<string, { text: string }>;
  headline: string | null; headline_language: string;
  /** With `group=duplicates`: the group this row stands for (see recommendations.duplicate-groups.ts). */
  duplicates?: DuplicatesOfRow;
}

export interface DuplicatesOfRow {
  size: number;
  matching: number;
  others: { id: number; document_symbol: string | null; paragraph: string | null; recommending_states: string[]; matches: boolean }[];
}

export interface SearchResult {
  /** Matches; with `group=duplicates`, groups and lone matches (`grouped.recommendations`: the matches). */
  total: number;
  grouped?: { recommendations: number };
  rows: SearchRow[];
  facets: Record<Facet, { key: string; count: number }[]>;
  /** What the answer was computed from (see searchStillAnswers). */
  basis: SearchBasis;
}

/** The full load of the facet index a search was answered from. */
export interface SearchBasis { generation: number }

export function effectiveSort(query: SearchQuery): 'relevance' | 'date_desc' | 'date_asc' {
  if (query.sort === 'relevance' && !query.q) return 'date_desc';
  return query.sort ?? (query.q ? 'relevance' : 'date_desc');
}

/** The tsquery for `q` (see nmirf_search_query in the migrations): one language, or all of them. */
const TSQUERY = 'nmirf_search_query($1, $2)';
const tsqueryParams = (query: SearchQuery) => [query.q, query.lang ?? null];

/**
 * A statement's tsquery, built once (`q`; ranking and headlines share it: building it, five
 * language configurations with unaccent and suffix variants, costs more than ranking a page), and
 * the same query with its top-level OR branches deduplicated for ts_rank_cd (`rank_q`).
 *
 * Why: without a language, nmirf_search_query ORs the query of every configuration, and most of
 * them give the same branches (`'tortur'` five times in `"death penalty" OR torture`; with an
 * exclusion, nmirf_search_query gives each branch once itself: migration 0020). ts_rank_cd evaluates the whole query for every cover it
 * tries, but its value depends only on the distinct lexemes (which it collapses itself) and on
 * whether the query holds, which a repeated OR branch does not change: the same ranks, at half the
 * cost for several words or an operator (500 candidates at 300k: 177 → 77 ms for that query).
 * The branches are split at ` | ` only when the text has no parentheses (then every ` | ` is a
 * top-level OR); otherwise the query is used as it is.
 */
export const WITH_TSQUERY = `with tsq as materialized (
  select q, case when strpos(q::text, '(') = 0
    then (select string_agg(distinct branch, ' | ') from regexp_split_to_table(q::text, ' \\| ') branch)::tsquery else q end as rank_q
  from (select ${TSQUERY} as q) built
) `;

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

/**
 * Of `ids`, those whose search vector matches `tsquery` (text that PostgreSQL reads as a tsquery). The ids go
 * as one comma-separated text: for thousands of ids that costs less than an array parameter, which the driver
 * writes element by element (about 1.5 ms less for the 8,000 ids of `"death penalty"` at 300k records).
 */
async function checkedMatches(pool: Queryable, tsquery: string, ids: number[]): Promise<number[]> {
  const result = await pool.query(
    `select string_agg(r.id::text, ',') as ids from recommendation r
     where r.id = any(string_to_array($2, ',')::bigint[]) and r.search_vector @@ $1::tsquery`,
    [tsquery, ids.join(',')],
  );
  const matched: string | null = result.rows[0].ids;
  return matched ? matched.split(',').map(Number) : [];
}

/**
 * The index, current as of this search, and what matches the text query: from the index's
 * postings when they tell exactly (`&`, `|`, `!`); with a phrase, the postings give the rows that
 * surely match and those that may (they hold the phrase's words), and PostgreSQL checks only the
 * latter, by id (word order is not in the postings), against the part of the query that can still
 * change their answer (FacetIndex.textBounds' `check`: the phrases, not the words beside them); a
 * query the index cannot read is matched by PostgreSQL whole.
 */
async function evaluate(pool: Queryable, query: SearchQuery, labels: LabelMaps) {
  if (!query.q) {
    const index = await facetIndexAt(pool, await catalogueVersion(pool));
    return { index, evaluation: index.evaluate(query, labels, null) };
  }
  const { version, tsquery } = await catalogueVersionAndTsquery(pool, query.q, query.lang);
  const index = await facetIndexAt(pool, version);
  const bounds = index.textBounds(tsquery, query.lang);
  let rows: Int32Array;
  if (!bounds) rows = index.rowsOfIds(await textMatches(pool, query));
  else if (bounds.unsure.length === 0) rows = bounds.sure;
  else {
    const checked = index.rowsOfIds(await checkedMatches(pool, bounds.check, index.idsOfRows(bounds.unsure)));
    rows = new Int32Array(bounds.sure.length + checked.length);
    rows.set(bounds.sure);
    rows.set(checked, bounds.sure.length);
    rows.sort();
  }
  return { index, evaluation: index.evaluate(query, labels, rows) };
}

const ROW_COLUMNS = `r.id, r.kind, r.mechanism_id, r.countries, r.document_symbol, r.paragraph, r.document_date, r.year, r.cycle,
  r.session, r.position, r.original_language, r.texts`;

/**
 * Rows with a headline when there is a text query (ts_headline is costly: one page only):
 * the rows of `ids` in that order; or, with `ranked`, the page `offset`/`limit` of `ids` ordered by
 * relevance, ranked and read in the same statement.
 */
async function pageRows(pool: Queryable, query: SearchQuery, ids: number[], displayLanguage: string,
  ranked?: { offset: number; limit: number }): Promise<SearchRow[]> {
  if (ids.length === 0) return [];
  const q = query.q ? tsqueryParams(query) : [];
  const params = [...q, ids, displayLanguage, ...(query.q ? [HEADLINE_OPTIONS] : []), ...(ranked ? [ranked.offset, ranked.limit] : [])];
  const at = (n: number) => `$${q.length + n}`; // parameters after the tsquery's
  const tsquery = query.q ? WITH_TSQUERY : '';
  const headline = query.q
    ? `ts_headline(nmirf_search_config(p.headline_language), nmirf_fold_arabic(p.texts->p.headline_language->>'text'), (select q from tsq), ${at(3)})`
    : 'null';
  const rank = ranked ? 'ts_rank_cd(r.search_vector, (select rank_q from tsq))' : 'null::real';
  const result = await pool.query<SearchRow & { rank: number | null }>(
    `${tsquery}select p.*, ${headline} as headline from (
      select ${ROW_COLUMNS}, case when r.texts ? ${at(2)} then ${at(2)} else r.original_language end as headline_language,
        ${rank} as rank
      from recommendation r where r.id = any(${at(1)}::bigint[])
      ${ranked ? `order by rank desc, r.id desc offset ${at(4)} limit ${at(5)}` : ''}
    ) p ${ranked ? 'order by p.rank desc, p.id desc' : ''}`,
    params,
  );
  const rows = result.rows.map(({ rank: _, ...row }) => (
    row.headline ? { ...row, headline: headlineAsWritten(row.headline, row.texts[row.headline_language]?.text ?? '') } : row));
  if (ranked) return rows;
  const byId = new Map(rows.map((row) => [row.id, row]));
  // A row deleted since the index was read is left out.
  return ids.map((id) => byId.get(id)).filter((row): row is SearchRow => row !== undefined);
}

/** `ids` ordered by relevance. */
async function rankIds(pool: Queryable, query: SearchQuery, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const result = await pool.query(
    `${WITH_TSQUERY}select r.id from recommendation r where r.id = any($3::bigint[])
     order by ts_rank_cd(r.search_vector, (select rank_q from tsq)) desc, r.id desc`,
    [...tsqueryParams(query), ids],
  );
  return result.rows.map((row) => Number(row.id));
}

/** One page: relevance over the most recent `rankCandidates` matches (see RANK_CANDIDATES), or date order. */
async function page(pool: Queryable, query: SearchQuery, index: FacetIndex, evaluation: Evaluation, rankCandidates: number,
  displayLanguage: string): Promise<SearchRow[]> {
  const offset = (query.page - 1) * query.page_size;
  const sort = effectiveSort(query);
  if (sort !== 'relevance') {
    return pageRows(pool, query, index.datePage(evaluation, sort === 'date_desc' ? 'desc' : 'asc', offset, query.page_size), displayLanguage);
  }
  // With no more matches than that, every match is a candidate (in any order: PostgreSQL ranks them).
  const candidates = evaluation.total <= rankCandidates ? index.idsOfRows(evaluation.rows) : index.datePage(evaluation, 'desc', 0, rankCandidates);
  const ranked = offset < candidates.length
    ? await pageRows(pool, query, candidates, displayLanguage, { offset, limit: Math.min(query.page_size, candidates.length - offset) })
    : [];
  if (ranked.length === query.page_size || offset + ranked.length < candidates.length) return ranked;
  const rest = index.datePage(evaluation, 'desc', Math.max(offset, candidates.length), query.page_size - ranked.length);
  return [...ranked, ...(await pageRows(pool, query, rest, displayLanguage))];
}

/** `rankCandidates`: see RANK_CANDIDATES (a parameter for tests only). */
export async function searchRecommendations(pool: Queryable, query: SearchQuery, labels: LabelMaps, displayLanguage: string,
  { rankCandidates = RANK_CANDIDATES } = {}): Promise<SearchResult> {
  const { index, evaluation } = await evaluate(pool, query, labels);
  if (query.group === 'duplicates') return groupedSearch(pool, query, index, evaluation, rankCandidates, displayLanguage);
  const rows = await page(pool, query, index, evaluation, rankCandidates, displayLanguage);
  return { total: evaluation.total, rows, facets: evaluation.facets, basis: { generation: index.generation } };
}

/**
 * The search with each group of duplicates shown once (recommendations.duplicate-groups.ts), as its first match
 * in the search's order (the best ranked, or the most recent / oldest). `total` counts groups that have a match
 * and matches in no group; the facets count matches (recommendations), as without grouping. Costs a pass over
 * the grouped recommendations, and a walk of the search's order up to the page (with relevance, the ranking
 * of every candidate rather than one page of them).
 */
async function groupedSearch(pool: Queryable, query: SearchQuery, index: FacetIndex, evaluation: Evaluation, rankCandidates: number,
  displayLanguage: string): Promise<SearchResult> {
  const groups = await duplicateGroups(pool);
  const { matching, total } = matchingByGroup(groups, index, evaluation);
  const offset = (query.page - 1) * query.page_size;
  const sort = effectiveSort(query);
  // The matches in the search's order, a part at a time.
  let position = 0;
  let chunk = Math.max(200, 2 * (offset + query.page_size));
  let ranked: number[] | null = null;
  const next = async (): Promise<number[]> => {
    if (sort === 'relevance' && ranked === null) {
      const candidates = evaluation.total <= rankCandidates ? index.idsOfRows(evaluation.rows) : index.datePage(evaluation, 'desc', 0, rankCandidates);
      ranked = await rankIds(pool, query, candidates);
      position = candidates.length;
      return ranked;
    }
    const ids = index.datePage(evaluation, sort === 'date_asc' ? 'asc' : 'desc', position, chunk);
    position += ids.length;
    chunk *= 2;
    return ids;
  };
  const ids = await representatives(groups, offset, query.page_size, next);
  const rows = await pageRows(pool, query, ids, displayLanguage);
  const others = await groupMembers(pool, groups, rows.map((row) => row.id));
  for (const row of rows) {
    const g = groups.groupOf.get(row.id);
    const members = g === undefined ? [] : groups.members[g].filter((id) => id !== row.id);
    const listed = members.flatMap((id) => {
      const other = others.get(id);
      const r = index.row(id);
      return other ? [{ ...other, matches: r >= 0 && evaluation.matched[r] === 1 }] : [];
    }).sort((a, b) => Number(b.matches) - Number(a.matches) || a.id - b.id);
    row.duplicates = { size: listed.length + 1, matching: g === undefined ? 1 : matching[g], others: listed };
  }
  return {
    total, grouped: { recommendations: evaluation.total }, rows, facets: evaluation.facets, basis: { generation: index.generation },
  };
}

/** What the search shows of the other members of the groups of `ids`. */
async function groupMembers(pool: Queryable, groups: DuplicateGroups, ids: number[]) {
  const wanted = ids.flatMap((id) => {
    const g = groups.groupOf.get(id);
    return g === undefined ? [] : groups.members[g].filter((member) => member !== id);
  });
  if (wanted.length === 0) return new Map<number, DuplicatesOfRow['others'][number]>();
  const { rows } = await pool.query<{ id: string; document_symbol: string | null; paragraph: string | null; recommending_states: string[] }>(
    'select id, document_symbol, paragraph, recommending_states from recommendation where id = any($1::bigint[])', [wanted]);
  return new Map(rows.map((row) => [Number(row.id), { ...row, id: Number(row.id), matches: false }]));
}

/**
 * Whether a search's answer computed at catalogue version `since` (from the index load `basis`) is still
 * its answer at version `now`: no record changed since then could be one of its matches or count in its
 * facets, before or after the change (FacetIndex.touches). Lets a visitor's kept answer outlive an edit
 * elsewhere in the catalogue (platform/http/public-cache.ts); anything it cannot tell is "no".
 */
export async function searchStillAnswers(pool: Queryable, query: SearchQuery, labels: LabelMaps, basis: unknown, since: number,
  now: number): Promise<boolean> {
  // A grouped answer also shows members that are not matches: any change may be in it.
  if (query.group) return false;
  if (typeof basis !== 'object' || basis === null || typeof (basis as SearchBasis).generation !== 'number') return false;
  const ids = await changedSince(pool, since, SYNC_PATCH_LIMIT);
  if (ids === null) return false;
  if (ids.length === 0) return true;
  const index = await facetIndexAt(pool, now);
  if (index.generation !== (basis as SearchBasis).generation) return false;
  const tsquery = query.q ? (await catalogueVersionAndTsquery(pool, query.q, query.lang)).tsquery : null;
  return !index.touches(query, labels, ids, tsquery);
}

/** Every matching id, in the search's order (relevance over every match): the CSV export then reads rows in batches. */
export async function matchingIds(pool: Queryable, query: SearchQuery, labels: LabelMaps): Promise<number[]> {
  const { index, evaluation } = await evaluate(pool, query, labels);
  const sort = effectiveSort(query);
  const byDate = index.datePage(evaluation, sort === 'date_asc' ? 'asc' : 'desc', 0, evaluation.total);
  return sort === 'relevance' ? rankIds(pool, query, byDate) : byDate;
}
