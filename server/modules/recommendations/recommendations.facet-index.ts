/**
 * The facet index: the catalogue's filter and facet columns held in memory,
 * one copy per process and database pool, as typed arrays, with the postings
 * of the search vectors' lexemes (about 130 bytes a record in all). One pass
 * over it gives the total, the facet counts (each facet with every filter but
 * its own) and the rows that match; walking a precomputed date order gives a
 * date-sorted page. PostgreSQL is left with building the tsquery, matching
 * phrases, the relevance rank and the rows and headlines of one page.
 *
 * Freshness: every statement that writes `recommendation` bumps
 * `catalogue_state.version` (trigger, migration 0009_catalogue_version). Each
 * search reads the version first; when it differs from the loaded one the index
 * is loaded again, whole (at 300k records 2–3 s on PostgreSQL). The version is
 * read before the load, so the index is never older than the version it
 * carries; a write that commits during a load only causes one more load.
 */
import type pg from 'pg';
import { FACETS, type Facet, type SearchQuery } from '../../../shared/recommendations';
import type { LabelMaps } from '../taxonomies/taxonomies.repository';
import { evaluateTsquery, parseTsquery, PostingsBuilder, type FrozenPostings } from './recommendations.text-index';

type Queryable = Pick<pg.Pool, 'query'>;

export const FACET_LIMIT = 100;
const LOAD_CHUNK = 50_000;
const SEPARATOR = '\u001f';
/** Sort keys: (days since 1970 + DAY_OFFSET) * 2^32 + row; 0 days part = no date. */
const DAY_OFFSET = 200_000;
const ROW_FACTOR = 2 ** 32;

/** The distinct values of one column, as their SQL text (`mechanism_id::text`, …), and a code for each. */
class Dictionary {
  readonly keys: string[] = [];
  private readonly codes = new Map<string, number>();
  code(key: string): number {
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.keys.length;
      this.keys.push(key);
      this.codes.set(key, code);
    }
    return code;
  }
  find(key: string): number {
    return this.codes.get(key) ?? -1;
  }
}

/** One value per row (-1: null). */
class SingleColumn {
  readonly dict = new Dictionary();
  codes: Int32Array;
  constructor(capacity: number) { this.codes = new Int32Array(capacity); }
  set(row: number, value: string | number | null) { this.codes[row] = value === null ? -1 : this.dict.code(String(value)); }
  /** Counts, in `fails`, the candidates `rows` whose value is not allowed; `failedAt` remembers filter `f`. */
  markFailures(rows: Int32Array, allowed: Uint8Array, fails: Uint8Array, failedAt: Int8Array, f: number) {
    const codes = this.codes;
    for (let k = 0; k < rows.length; k++) {
      const c = codes[rows[k]];
      if (c < 0 || allowed[c] === 0) { fails[k]++; failedAt[k] = f; }
    }
  }
  /** Adds the values of `rows` to `counts` (by code). */
  countRows(rows: Int32Array, counts: Int32Array) {
    const codes = this.codes;
    for (let k = 0; k < rows.length; k++) { const c = codes[rows[k]]; if (c >= 0) counts[c]++; }
  }
  trim(n: number) { this.codes = this.codes.slice(0, n); }
  bytes() { return this.codes.byteLength; }
}

/** Any number of values per row (array columns), in compressed rows: values of row r at offsets[r]..offsets[r+1]. */
class MultiColumn {
  readonly dict = new Dictionary();
  offsets: Int32Array;
  values = new Int32Array(1024);
  private used = 0;
  constructor(capacity: number) { this.offsets = new Int32Array(capacity + 1); }
  set(row: number, joined: string | null) {
    // array_to_string drops NULL elements, as the facet counts did (`where k is not null`).
    if (joined) {
      for (const key of joined.split(SEPARATOR)) {
        if (this.used === this.values.length) {
          const grown = new Int32Array(this.values.length * 2);
          grown.set(this.values);
          this.values = grown;
        }
        this.values[this.used++] = this.dict.code(key);
      }
    }
    this.offsets[row + 1] = this.used;
  }
  has(row: number, allowed: Uint8Array) {
    for (let k = this.offsets[row], end = this.offsets[row + 1]; k < end; k++) if (allowed[this.values[k]] === 1) return true;
    return false;
  }
  markFailures(rows: Int32Array, allowed: Uint8Array, fails: Uint8Array, failedAt: Int8Array, f: number) {
    for (let k = 0; k < rows.length; k++) if (!this.has(rows[k], allowed)) { fails[k]++; failedAt[k] = f; }
  }
  countRows(rows: Int32Array, counts: Int32Array) {
    const { offsets, values } = this;
    for (let k = 0; k < rows.length; k++) {
      for (let i = offsets[rows[k]], end = offsets[rows[k] + 1]; i < end; i++) counts[values[i]]++;
    }
  }
  hasCode(row: number, code: number) {
    for (let k = this.offsets[row], end = this.offsets[row + 1]; k < end; k++) if (this.values[k] === code) return true;
    return false;
  }
  trim(n: number) { this.offsets = this.offsets.slice(0, n + 1); this.values = this.values.slice(0, this.used); }
  bytes() { return this.offsets.byteLength + this.values.byteLength; }
}

type Column = SingleColumn | MultiColumn;

export interface FacetCounts { key: string; count: number }

export interface Evaluation {
  total: number;
  facets: Record<Facet, FacetCounts[]>;
  /** 1 for every row that passes the text match and every filter. */
  matched: Uint8Array;
}

export class FacetIndex {
  readonly size: number;
  readonly ids: Float64Array;
  private readonly columns: Record<Facet, Column>;
  /** Filter only (the sdg facet counts goals; its filter takes goals or targets). */
  private readonly sdgTargets: MultiColumn;
  /** Rows by (document date, id) ascending, rows without a date first. */
  private readonly byDate: Int32Array;
  private readonly undated: number;
  private readonly rowById: Int32Array | Map<number, number>;
  /** Lexeme → rows, from the search vectors (see recommendations.text-index.ts). */
  private readonly postings: FrozenPostings;
  /** The languages of each row's texts (the keys of `texts`). */
  private readonly languages: MultiColumn;

  constructor(readonly version: number, data: IndexData, readonly loadMs: number) {
    this.size = data.size;
    this.ids = data.ids;
    this.columns = data.columns;
    this.sdgTargets = data.sdgTargets;
    this.byDate = data.byDate;
    this.undated = data.undated;
    this.rowById = data.rowById;
    this.postings = data.postings;
    this.languages = data.languages;
  }

  /** Typed-array memory of the index (the dictionaries add a few kilobytes). */
  bytes(): number {
    const rowById = this.rowById instanceof Int32Array ? this.rowById.byteLength : this.rowById.size * 16;
    return this.ids.byteLength + this.byDate.byteLength + rowById + this.sdgTargets.bytes() + this.postings.bytes()
      + this.languages.bytes() + FACETS.reduce((sum, facet) => sum + this.columns[facet].bytes(), 0);
  }

  /** Row of a recommendation id, -1 when the index does not hold it (written after the load). */
  row(id: number): number {
    if (this.rowById instanceof Int32Array) return id >= 0 && id < this.rowById.length ? this.rowById[id] : -1;
    return this.rowById.get(id) ?? -1;
  }

  get lexemes(): number {
    return this.postings.lexemeCount;
  }

  /**
   * Rows that match a tsquery (its text as PostgreSQL prints it) and, with `lang`, have a text in
   * that language, ascending; null when PostgreSQL must match it (see recommendations.text-index.ts).
   */
  textRows(tsquery: string, lang: string | undefined): Int32Array | null {
    let node;
    try {
      node = parseTsquery(tsquery);
    } catch {
      return null;
    }
    if (node === null) return new Int32Array(0); // no lexemes: PostgreSQL matches nothing either
    const set = evaluateTsquery(node, this.postings);
    if (!set) return null;
    const language = lang === undefined ? -2 : this.languages.dict.find(lang);
    const rows: number[] = [];
    for (let w = 0; w < set.length; w++) {
      let bits = set[w];
      while (bits !== 0) {
        const row = (w << 5) + (31 - Math.clz32(bits & -bits));
        bits &= bits - 1;
        if (language === -2 || (language >= 0 && this.languages.hasCode(row, language))) rows.push(row);
      }
    }
    return Int32Array.from(rows);
  }

  /** Rows of ids that PostgreSQL matched, ascending; ids the index does not hold (written after the load) are left out. */
  rowsOfIds(ids: number[]): Int32Array {
    const rows = new Int32Array(ids.length);
    let n = 0;
    for (const id of ids) { const row = this.row(id); if (row >= 0) rows[n++] = row; }
    return rows.subarray(0, n).sort();
  }

  /**
   * Total, facet counts and matching rows. `textRows`: the rows that match the
   * text query, ascending (null: no text query, every row is a candidate).
   */
  evaluate(query: SearchQuery, labels: LabelMaps, textRows: Int32Array | null): Evaluation {
    const filters = this.filters(query, labels);
    if (!textRows && filters.length === 0) return this.everything();
    const rows = textRows ?? this.allRows();
    // Per candidate: how many filters it fails, and the last one. None → it matches and counts in
    // every facet; exactly one → it counts in that filter's own facet only.
    const fails = new Uint8Array(rows.length);
    const failedAt = new Int8Array(rows.length);
    filters.forEach((filter, f) => filter.mark(rows, fails, failedAt, f));
    // The matches, and for each filter the candidates that fail that filter only.
    const lists = partition(rows, fails, failedAt, filters.length);
    const matches = lists[filters.length];
    const matched = flags(matches, this.size);
    const own = new Map(filters.map((filter, f) => [filter.facet, lists[f]]));
    const facets = Object.fromEntries(FACETS.map((facet) => {
      const column = this.columns[facet];
      const counts = new Int32Array(column.dict.keys.length);
      column.countRows(matches, counts);
      const ownOnly = own.get(facet);
      if (ownOnly) column.countRows(ownOnly, counts);
      return [facet, topKeys(column.dict.keys, counts)];
    })) as Record<Facet, FacetCounts[]>;
    return { total: matches.length, facets, matched };
  }

  private allRowsCache: Int32Array | null = null;
  private allRows(): Int32Array {
    if (!this.allRowsCache) this.allRowsCache = Int32Array.from({ length: this.size }, (_, row) => row);
    return this.allRowsCache;
  }

  /** No text query, no filter: the same answer every time for this version of the catalogue. */
  private everythingCache: Evaluation | null = null;
  private everything(): Evaluation {
    if (!this.everythingCache) {
      const rows = this.allRows();
      const facets = Object.fromEntries(FACETS.map((facet) => {
        const column = this.columns[facet];
        const counts = new Int32Array(column.dict.keys.length);
        column.countRows(rows, counts);
        return [facet, topKeys(column.dict.keys, counts)];
      })) as Record<Facet, FacetCounts[]>;
      this.everythingCache = { total: this.size, facets, matched: new Uint8Array(this.size).fill(1) };
    }
    return this.everythingCache;
  }

  /** Matching ids in date order (`document_date desc nulls last, id desc`, or asc with nulls still last). */
  *byDateOrder(matched: Uint8Array, direction: 'desc' | 'asc'): Generator<number> {
    const { byDate, undated, size, ids } = this;
    if (direction === 'desc') {
      for (let i = size - 1; i >= undated; i--) if (matched[byDate[i]]) yield ids[byDate[i]];
      for (let i = undated - 1; i >= 0; i--) if (matched[byDate[i]]) yield ids[byDate[i]];
    } else {
      for (let i = undated; i < size; i++) if (matched[byDate[i]]) yield ids[byDate[i]];
      for (let i = 0; i < undated; i++) if (matched[byDate[i]]) yield ids[byDate[i]];
    }
  }

  /** The filter of each facet that has one in the query. */
  private filters(query: SearchQuery, labels: LabelMaps) {
    type Mark = (rows: Int32Array, fails: Uint8Array, failedAt: Int8Array, f: number) => void;
    const filters: { facet: Facet; mark: Mark }[] = [];
    const allowed = (column: Column, keys: string[]) => {
      const bits = new Uint8Array(column.dict.keys.length);
      for (const key of keys) { const code = column.dict.find(key); if (code >= 0) bits[code] = 1; }
      return bits;
    };
    const byKeys = (facet: Facet, keys: string[]) => {
      const column = this.columns[facet];
      const bits = allowed(column, keys);
      filters.push({ facet, mark: (rows, fails, failedAt, f) => column.markFailures(rows, bits, fails, failedAt, f) });
    };
    const termKeys = (vocabulary: string, keys: string[]) =>
      keys.map((key) => labels.termIdsByKey.get(`${vocabulary}:${key}`)).filter((id) => id !== undefined).map(String);

    if (query.mechanism.length) {
      byKeys('mechanism', query.mechanism.map((code) => labels.mechanismIdsByCode.get(code)).filter((id) => id !== undefined).map(String));
    }
    if (query.country.length) byKeys('country', query.country);
    if (query.theme.length) byKeys('theme', termKeys('theme', query.theme));
    if (query.affected.length) byKeys('affected', termKeys('affected_persons', query.affected));
    if (query.sdg.length) {
      const goalColumn = this.columns.sdg as MultiColumn;
      const targetColumn = this.sdgTargets;
      const goals = allowed(goalColumn, query.sdg.filter((s) => !s.includes('.')).map((s) => String(Number(s))));
      const targets = allowed(targetColumn, query.sdg.filter((s) => s.includes('.')));
      filters.push({
        facet: 'sdg',
        mark: (rows, fails, failedAt, f) => {
          for (let k = 0; k < rows.length; k++) {
            if (!goalColumn.has(rows[k], goals) && !targetColumn.has(rows[k], targets)) { fails[k]++; failedAt[k] = f; }
          }
        },
      });
    }
    if (query.position.length) byKeys('position', query.position);
    if (query.cycle.length) byKeys('cycle', query.cycle.map(String));
    if (query.year_from !== undefined || query.year_to !== undefined) {
      const column = this.columns.year;
      const from = query.year_from ?? -Infinity;
      const to = query.year_to ?? Infinity;
      const bits = new Uint8Array(column.dict.keys.map((key) => (Number(key) >= from && Number(key) <= to ? 1 : 0)));
      filters.push({ facet: 'year', mark: (rows, fails, failedAt, f) => column.markFailures(rows, bits, fails, failedAt, f) });
    }
    return filters;
  }
}

/** Candidates that fail no filter (last list), and for each filter those that fail it only. */
function partition(rows: Int32Array, fails: Uint8Array, failedAt: Int8Array, filters: number): Int32Array[] {
  const sizes = new Int32Array(filters + 1);
  for (let k = 0; k < rows.length; k++) {
    if (fails[k] === 0) sizes[filters]++;
    else if (fails[k] === 1) sizes[failedAt[k]]++;
  }
  const lists = Array.from(sizes, (n) => new Int32Array(n));
  const filled = new Int32Array(filters + 1);
  for (let k = 0; k < rows.length; k++) {
    const list = fails[k] === 0 ? filters : fails[k] === 1 ? failedAt[k] : -1;
    if (list >= 0) lists[list][filled[list]++] = rows[k];
  }
  return lists;
}

function flags(rows: Int32Array, size: number): Uint8Array {
  const set = new Uint8Array(size);
  for (let k = 0; k < rows.length; k++) set[rows[k]] = 1;
  return set;
}

/** The most frequent keys, count descending then key (byte order, as PostgreSQL's C collation), at most FACET_LIMIT. */
function topKeys(keys: string[], counts: Int32Array): FacetCounts[] {
  const present: FacetCounts[] = [];
  for (let code = 0; code < counts.length; code++) if (counts[code] > 0) present.push({ key: keys[code], count: counts[code] });
  present.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return present.slice(0, FACET_LIMIT);
}

interface IndexData {
  size: number;
  ids: Float64Array;
  columns: Record<Facet, Column>;
  sdgTargets: MultiColumn;
  byDate: Int32Array;
  undated: number;
  rowById: Int32Array | Map<number, number>;
  postings: FrozenPostings;
  languages: MultiColumn;
}

/** Reads the facet columns in chunks of LOAD_CHUNK rows (keyset on id), so other queries get turns on the embedded database. */
async function loadIndexData(pool: Queryable): Promise<IndexData> {
  const capacityOf = async () => (await pool.query('select count(*)::int as n from recommendation')).rows[0].n as number;
  const capacity = Math.max(1024, Math.ceil((await capacityOf()) * 1.05));
  let ids = new Float64Array(capacity);
  let days = new Int32Array(capacity);
  const columns = {
    mechanism: new SingleColumn(capacity), country: new MultiColumn(capacity), theme: new MultiColumn(capacity),
    affected: new MultiColumn(capacity), sdg: new MultiColumn(capacity), position: new SingleColumn(capacity),
    cycle: new SingleColumn(capacity), year: new SingleColumn(capacity),
  };
  const sdgTargets = new MultiColumn(capacity);
  const lexemes = new PostingsBuilder(capacity);
  const languages = new MultiColumn(capacity);
  let size = 0;
  let after = -1;
  for (;;) {
    const result = await pool.query({
      text: `select id, mechanism_id, position, cycle, year, document_date - date '1970-01-01',
          array_to_string(countries, E'\\x1f'), array_to_string(theme_ids, E'\\x1f'), array_to_string(affected_ids, E'\\x1f'),
          array_to_string(sdg_goals, E'\\x1f'), array_to_string(sdg_targets, E'\\x1f'),
          array_to_string(tsvector_to_array(search_vector), E'\\x1f'), (select string_agg(k, E'\\x1f') from jsonb_object_keys(texts) k)
        from recommendation where id > $1 order by id limit ${LOAD_CHUNK}`,
      values: [after],
      rowMode: 'array',
    });
    // Rows written since the count: start again (rare; the version has moved, so the index is loaded again anyway).
    if (size + result.rows.length > capacity) return loadIndexData(pool);
    for (const r of result.rows) {
      ids[size] = Number(r[0]);
      columns.mechanism.set(size, r[1]);
      columns.position.set(size, r[2]);
      columns.cycle.set(size, r[3]);
      columns.year.set(size, r[4]);
      days[size] = r[5] === null ? 0 : Math.min(Math.max(r[5] + DAY_OFFSET, 1), 2 * DAY_OFFSET);
      columns.country.set(size, r[6]);
      columns.theme.set(size, r[7]);
      columns.affected.set(size, r[8]);
      columns.sdg.set(size, r[9]);
      sdgTargets.set(size, r[10]);
      lexemes.add(size, r[11], SEPARATOR);
      languages.set(size, r[12]);
      size++;
    }
    if (result.rows.length < LOAD_CHUNK) break;
    after = ids[size - 1];
  }
  ids = ids.slice(0, size);
  days = days.slice(0, size);
  for (const column of Object.values(columns)) column.trim(size);
  sdgTargets.trim(size);
  languages.trim(size);
  const postings = lexemes.build(size);

  // Rows are in id order, so (days, row) orders as (document_date, id); no date sorts first.
  const keys = new Float64Array(size);
  for (let row = 0; row < size; row++) keys[row] = days[row] * ROW_FACTOR + row;
  keys.sort();
  const byDate = new Int32Array(size);
  let undated = 0;
  for (let i = 0; i < size; i++) {
    byDate[i] = keys[i] % ROW_FACTOR;
    if (keys[i] < ROW_FACTOR) undated++;
  }

  const maxId = size ? ids[size - 1] : 0;
  let rowById: Int32Array | Map<number, number>;
  if (maxId < 4 * size + 1024) {
    rowById = new Int32Array(maxId + 1).fill(-1);
    for (let row = 0; row < size; row++) rowById[ids[row]] = row;
  } else {
    rowById = new Map();
    for (let row = 0; row < size; row++) rowById.set(ids[row], row);
  }
  return { size, ids, columns, sdgTargets, byDate, undated, rowById, postings, languages };
}

export async function catalogueVersion(pool: Queryable): Promise<number> {
  return Number((await pool.query('select version from catalogue_state')).rows[0].version);
}

/** The catalogue version and the text of the tsquery for `q` (nmirf_search_query), in one round trip. */
export async function catalogueVersionAndTsquery(pool: Queryable, q: string, lang: string | undefined): Promise<{ version: number; tsquery: string }> {
  const { rows } = await pool.query('select (select version from catalogue_state) as version, nmirf_search_query($1, $2)::text as tsquery', [q, lang ?? null]);
  return { version: Number(rows[0].version), tsquery: rows[0].tsquery };
}

class IndexCache {
  current: FacetIndex | null = null;
  loading: { version: number; index: Promise<FacetIndex> } | null = null;
  loads = 0;
}

const caches = new WeakMap<Queryable, IndexCache>();

/** The facet index of this pool's catalogue, as of `version` (read it with catalogueVersion first). */
export function facetIndexAt(pool: Queryable, version: number): Promise<FacetIndex> {
  let cache = caches.get(pool);
  if (!cache) caches.set(pool, (cache = new IndexCache()));
  // An index loaded at a later version than this search read holds at least what it asks for.
  if (cache.current && cache.current.version >= version) return Promise.resolve(cache.current);
  if (cache.loading?.version === version) return cache.loading.index;
  const started = performance.now();
  const state = cache;
  const index = loadIndexData(pool).then((data) => {
    const loaded = new FacetIndex(version, data, Math.round(performance.now() - started));
    state.loads++;
    if (!state.current || state.current.version <= version) state.current = loaded;
    return loaded;
  });
  const loading = { version, index };
  state.loading = loading;
  const clear = () => { if (state.loading === loading) state.loading = null; };
  index.then(clear, clear);
  return index;
}

/** The current facet index of this pool's catalogue. */
export async function facetIndex(pool: Queryable): Promise<FacetIndex> {
  return facetIndexAt(pool, await catalogueVersion(pool));
}

/** What the index of this pool holds, for the benchmark report. */
export function facetIndexStats(pool: Queryable) {
  const cache = caches.get(pool);
  const index = cache?.current;
  return index ? { records: index.size, lexemes: index.lexemes, bytes: index.bytes(), load_ms: index.loadMs, loads: cache!.loads, version: index.version } : null;
}
