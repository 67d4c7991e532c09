/**
 * The facet index: the catalogue's filter and facet columns held in memory,
 * one copy per process and database pool, as typed arrays (about 40 bytes a
 * record). One pass over it gives the total, the facet counts (each facet with
 * every filter but its own) and the rows that match every filter; walking a
 * precomputed date order gives a date-sorted page. PostgreSQL is left with
 * what only it can do: the full-text match, the relevance rank and the
 * headlines of one page.
 *
 * Freshness: every statement that writes `recommendation` bumps
 * `catalogue_state.version` (trigger, migration 0006_catalogue_version). Each
 * search reads the version first; when it differs from the loaded one the index
 * is loaded again (whole: at 300k records a second or so on PostgreSQL). The
 * version is read before the load, so the index is never older than the version
 * it carries; a write that commits during a load only causes one more load.
 */
import type pg from 'pg';
import { FACETS, type Facet, type SearchQuery } from '../../../shared/recommendations';
import type { LabelMaps } from '../taxonomies/taxonomies.repository';

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
  has(row: number, allowed: Uint8Array) { const c = this.codes[row]; return c >= 0 && allowed[c] === 1; }
  count(row: number, counts: Int32Array) { const c = this.codes[row]; if (c >= 0) counts[c]++; }
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
  count(row: number, counts: Int32Array) {
    for (let k = this.offsets[row], end = this.offsets[row + 1]; k < end; k++) counts[this.values[k]]++;
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

  constructor(readonly version: number, data: IndexData, readonly loadMs: number) {
    this.size = data.size;
    this.ids = data.ids;
    this.columns = data.columns;
    this.sdgTargets = data.sdgTargets;
    this.byDate = data.byDate;
    this.undated = data.undated;
    this.rowById = data.rowById;
  }

  /** Typed-array memory of the index (the dictionaries add a few kilobytes). */
  bytes(): number {
    const rowById = this.rowById instanceof Int32Array ? this.rowById.byteLength : this.rowById.size * 16;
    return this.ids.byteLength + this.byDate.byteLength + rowById + this.sdgTargets.bytes()
      + FACETS.reduce((sum, facet) => sum + this.columns[facet].bytes(), 0);
  }

  /** Row of a recommendation id, -1 when the index does not hold it (written after the load). */
  row(id: number): number {
    if (this.rowById instanceof Int32Array) return id >= 0 && id < this.rowById.length ? this.rowById[id] : -1;
    return this.rowById.get(id) ?? -1;
  }

  /**
   * Total, facet counts and matching rows. `textIds`: the ids that match the
   * text query (null: no text query, every row is a candidate).
   */
  evaluate(query: SearchQuery, labels: LabelMaps, textIds: number[] | null): Evaluation {
    const counts = Object.fromEntries(FACETS.map((f) => [f, new Int32Array(this.columns[f].dict.keys.length)])) as Record<Facet, Int32Array>;
    const filters = this.filters(query, labels).map((filter) => ({ ...filter, counts: counts[filter.facet] }));
    const countable = FACETS.map((facet) => ({ column: this.columns[facet], counts: counts[facet] }));
    const matched = new Uint8Array(this.size);
    let total = 0;
    const nf = filters.length;
    const visit = (row: number) => {
      // Which filters the row fails: none → it matches and counts in every facet;
      // exactly one → it counts in that filter's own facet only.
      let failed = -1;
      for (let f = 0; f < nf; f++) {
        if (!filters[f].test(row)) {
          if (failed >= 0) return;
          failed = f;
        }
      }
      if (failed < 0) {
        matched[row] = 1;
        total++;
        for (let c = 0; c < countable.length; c++) countable[c].column.count(row, countable[c].counts);
      } else {
        filters[failed].column.count(row, filters[failed].counts);
      }
    };
    if (textIds) {
      const seen = new Uint8Array(this.size);
      for (const id of textIds) {
        const row = this.row(id);
        if (row >= 0 && seen[row] === 0) { seen[row] = 1; visit(row); }
      }
    } else {
      for (let row = 0; row < this.size; row++) visit(row);
    }
    const facets = Object.fromEntries(FACETS.map((facet) => [facet, topKeys(this.columns[facet].dict.keys, counts[facet])])) as Record<Facet, FacetCounts[]>;
    return { total, facets, matched };
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
    const filters: { facet: Facet; column: Column; test: (row: number) => boolean }[] = [];
    const add = (facet: Facet, test: (row: number) => boolean) => filters.push({ facet, column: this.columns[facet], test });
    const allowed = (column: Column, keys: string[]) => {
      const bits = new Uint8Array(column.dict.keys.length);
      for (const key of keys) { const code = column.dict.find(key); if (code >= 0) bits[code] = 1; }
      return bits;
    };
    const byKeys = (facet: Facet, keys: string[]) => {
      const column = this.columns[facet];
      const bits = allowed(column, keys);
      add(facet, (row) => column.has(row, bits));
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
      const goals = allowed(this.columns.sdg, query.sdg.filter((s) => !s.includes('.')).map((s) => String(Number(s))));
      const targets = allowed(this.sdgTargets, query.sdg.filter((s) => s.includes('.')));
      const goalColumn = this.columns.sdg;
      add('sdg', (row) => goalColumn.has(row, goals) || this.sdgTargets.has(row, targets));
    }
    if (query.position.length) byKeys('position', query.position);
    if (query.cycle.length) byKeys('cycle', query.cycle.map(String));
    if (query.year_from !== undefined || query.year_to !== undefined) {
      const column = this.columns.year;
      const from = query.year_from ?? -Infinity;
      const to = query.year_to ?? Infinity;
      const bits = new Uint8Array(column.dict.keys.map((key) => (Number(key) >= from && Number(key) <= to ? 1 : 0)));
      add('year', (row) => column.has(row, bits));
    }
    return filters;
  }
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
  let size = 0;
  let after = -1;
  for (;;) {
    const result = await pool.query({
      text: `select id, mechanism_id, position, cycle, year, document_date - date '1970-01-01',
          array_to_string(countries, E'\\x1f'), array_to_string(theme_ids, E'\\x1f'), array_to_string(affected_ids, E'\\x1f'),
          array_to_string(sdg_goals, E'\\x1f'), array_to_string(sdg_targets, E'\\x1f')
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
      size++;
    }
    if (result.rows.length < LOAD_CHUNK) break;
    after = ids[size - 1];
  }
  ids = ids.slice(0, size);
  days = days.slice(0, size);
  for (const column of Object.values(columns)) column.trim(size);
  sdgTargets.trim(size);

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
  return { size, ids, columns, sdgTargets, byDate, undated, rowById };
}

export async function catalogueVersion(pool: Queryable): Promise<number> {
  return Number((await pool.query('select version from catalogue_state')).rows[0].version);
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
  if (cache.current?.version === version) return Promise.resolve(cache.current);
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
  return index ? { records: index.size, bytes: index.bytes(), load_ms: index.loadMs, loads: cache!.loads, version: index.version } : null;
}
