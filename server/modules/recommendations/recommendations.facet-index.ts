/**
 * The facet index: the catalogue's filter and facet columns held in memory,
 * one copy per process and database pool, as typed arrays, with the postings
 * of the search vectors' lexemes (about 130 bytes a record in all). One pass
 * over the text's matches gives the total, the facet counts (each facet with
 * every filter but its own) and the rows that match; without words, the filters
 * visit only the rows of the values they keep (see evaluateFilters and
 * docs/decisions/0020-filters-visit-their-rows.md); walking a precomputed date
 * order gives a date-sorted page. PostgreSQL is left with building the tsquery, matching
 * phrases, the relevance rank and the rows and headlines of one page.
 *
 * Freshness: every statement that writes `recommendation` bumps
 * `catalogue_state.version` (migration 0009_catalogue_version) and logs the ids
 * it changed under that version in `catalogue_change` (migration
 * 0016_catalogue_change_log). Each search reads the version first; when it is
 * ahead of the index, the index is patched by the rows changed since its own
 * version, read in one statement with the version they add up to. A patch
 * never changes what an earlier version of the index holds: rows are only
 * appended to the shared columns (an updated record gets a new row, its old one
 * dies), and each version has its own set of live rows and date order, so a
 * search that holds a version sees it whole to the end (copy-on-write of those
 * two arrays, append-only for the rest); after a TRUNCATE the index starts from
 * no live row. A full load (at 300k records 2–3 s on PostgreSQL) happens at
 * start-up, when the log no longer reaches back to the index's version
 * (pruned), and when appended rows have
 * outgrown the loaded ones; it runs beside the index in use, which keeps
 * answering until the new one has caught up with it.
 *
 * Read-your-writes and stalls: up to SYNC_PATCH_LIMIT changed records are
 * patched while the search waits (a one-row edit: a few milliseconds); more
 * than that (an import) are patched in the background, in slices that give
 * other requests their turn, and searches answer from the previous version
 * until the patch is in. See docs/decisions/0006-incremental-search-index.md.
 */
import type pg from 'pg';
import { FACETS, type Facet, type SearchQuery } from '../../../shared/recommendations';
import type { LabelMaps } from '../taxonomies/taxonomies.repository';
import { Dictionary } from '../../platform/dictionary';
import {
  AddedPostings, boundTsquery, parseTsquery, PatchedPostings, PostingsBuilder, tsqueryToCheck, type FrozenPostings, type Postings, type RowSet, type TsqueryNode,
} from './recommendations.text-index';

type Queryable = Pick<pg.Pool, 'query'>;

export const FACET_LIMIT = 100;
const LOAD_CHUNK = 50_000;
const SEPARATOR = '\u001f';
/** Sort keys: (days since 1970 + DAY_OFFSET) * 2^32 + row; 0 days part = no date. */
const DAY_OFFSET = 200_000;
const ROW_FACTOR = 2 ** 32;
/** At most this many changed records are patched while a search waits; more are patched in the background. */
export const SYNC_PATCH_LIMIT = 500;
/** Records a background patch writes between two turns of the event loop. */
const PATCH_SLICE = 250;
/** Appended rows beyond which the index is loaded again whole (in the background): max(this, rows loaded). */
const COMPACT_MIN_ROWS = 50_000;

/** The longest the last patch held the event loop without a break (its in-memory work between turns). */
let lastPatchLongestTurnMs = 0;

/** The columns of one record as the index reads them (`rowMode: 'array'`, the id first). */
const INDEX_COLUMNS = `r.id, r.mechanism_id, r.position, r.cycle, r.year, r.document_date - date '1970-01-01',
  array_to_string(r.countries, E'\\x1f'), array_to_string(r.theme_ids, E'\\x1f'), array_to_string(r.affected_ids, E'\\x1f'),
  array_to_string(r.sdg_goals, E'\\x1f'), array_to_string(r.sdg_targets, E'\\x1f'),
  array_to_string(tsvector_to_array(r.search_vector), E'\\x1f'), (select string_agg(k, E'\\x1f') from jsonb_object_keys(r.texts) k)`;
type IndexRow = unknown[];

/** `array` with room for at least `n` items (a quarter more than before at least), its content kept. */
function grow<T extends Int32Array | Float64Array>(array: T, n: number): T {
  if (n <= array.length) return array;
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(n, Math.ceil(array.length * 1.25) + 1024));
  bigger.set(array);
  return bigger;
}


/** One value per row (-1: null). Rows are written once, in order. */
class SingleColumn {
  readonly dict = new Dictionary();
  codes: Int32Array;
  constructor(capacity: number) { this.codes = new Int32Array(capacity); }
  set(row: number, value: string | number | null) {
    this.codes = grow(this.codes, row + 1);
    this.codes[row] = value === null ? -1 : this.dict.code(String(value));
  }
  has(row: number, allowed: Uint8Array) {
    const c = this.codes[row];
    return c >= 0 && allowed[c] === 1;
  }
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
  /** The rows below `n` of each value. */
  valueRows(n: number): ValueRows {
    const counts = new Int32Array(this.dict.keys.length);
    const codes = this.codes;
    for (let row = 0; row < n; row++) { const c = codes[row]; if (c >= 0) counts[c]++; }
    const builder = new ValueRowsBuilder(counts);
    for (let row = 0; row < n; row++) { const c = codes[row]; if (c >= 0) builder.add(c, row); }
    return builder.rows;
  }
  trim(n: number) { this.codes = this.codes.slice(0, n); }
  bytes() { return this.codes.byteLength; }
}

/**
 * Any number of values per row (array columns), in compressed rows: values of row r at
 * offsets[r]..offsets[r+1]. Rows are written once, in order.
 */
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
        if (this.used === this.values.length) this.values = grow(this.values, this.used * 2);
        this.values[this.used++] = this.dict.code(key);
      }
    }
    this.offsets = grow(this.offsets, row + 2);
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
  /** The rows below `n` of each value. */
  valueRows(n: number): ValueRows {
    const { offsets, values } = this;
    const counts = new Int32Array(this.dict.keys.length);
    for (let i = 0, end = offsets[n]; i < end; i++) counts[values[i]]++;
    const builder = new ValueRowsBuilder(counts);
    for (let row = 0; row < n; row++) for (let i = offsets[row], end = offsets[row + 1]; i < end; i++) builder.add(values[i], row);
    return builder.rows;
  }
  hasCode(row: number, code: number) {
    for (let k = this.offsets[row], end = this.offsets[row + 1]; k < end; k++) if (this.values[k] === code) return true;
    return false;
  }
  trim(n: number) { this.offsets = this.offsets.slice(0, n + 1); this.values = this.values.slice(0, this.used); }
  bytes() { return this.offsets.byteLength + this.values.byteLength; }
}

type Column = SingleColumn | MultiColumn;

/**
 * The rows of each value of a column (value code c: rows[offsets[c]..offsets[c + 1]], ascending), so
 * that a filter visits the rows it keeps instead of testing every row of the catalogue.
 */
interface ValueRows { offsets: Int32Array; rows: Int32Array }

/** Fills ValueRows by counting sort: `counts` per value first, then every (value, row) in row order. */
class ValueRowsBuilder {
  readonly rows: ValueRows;
  private readonly next: Int32Array;
  constructor(counts: Int32Array) {
    const offsets = new Int32Array(counts.length + 1);
    for (let c = 0; c < counts.length; c++) offsets[c + 1] = offsets[c] + counts[c];
    this.rows = { offsets, rows: new Int32Array(offsets[counts.length]) };
    this.next = offsets.slice(0, counts.length);
  }
  add(code: number, row: number) { this.rows.rows[this.next[code]++] = row; }
}

/** A facet's filter: a row passes when one of its columns holds an allowed value (the sdg filter takes goals or targets). */
interface Filter { facet: Facet; tests: { column: Column; allowed: Uint8Array }[] }

/** Recommendation id → the last row written for it (an array while ids are dense, else a map). */
class RowLookup {
  private dense: Int32Array | null = null;
  private sparse: Map<number, number> | null = null;
  constructor(ids: Float64Array, size: number) {
    const maxId = size ? ids[size - 1] : 0; // loaded in id order
    if (maxId < 4 * size + 1024) {
      this.dense = new Int32Array(maxId + 1).fill(-1);
      for (let row = 0; row < size; row++) this.dense[ids[row]] = row;
    } else {
      this.sparse = new Map();
      for (let row = 0; row < size; row++) this.sparse.set(ids[row], row);
    }
  }
  get(id: number): number {
    if (this.dense) return id >= 0 && id < this.dense.length ? this.dense[id] : -1;
    return this.sparse!.get(id) ?? -1;
  }
  set(id: number, row: number, rows: number) {
    if (this.dense && id >= this.dense.length) {
      if (id < 4 * rows + 1024) {
        const length = this.dense.length;
        this.dense = grow(this.dense, id + 1);
        this.dense.fill(-1, length);
      } else {
        this.sparse = new Map();
        this.dense.forEach((r, i) => { if (r >= 0) this.sparse!.set(i, r); });
        this.dense = null;
      }
    }
    if (this.dense) this.dense[id] = row;
    else this.sparse!.set(id, row);
  }
  bytes() { return this.dense ? this.dense.byteLength : this.sparse!.size * 16; }
}

/**
 * The rows of one loaded index and of every patch since, shared by all its versions. Rows are
 * only appended (a version never looks past its own row count), so a patch cannot change what
 * a search holding an earlier version sees.
 */
let storages = 0;

class Storage {
  /** Which full load this is (a later load is another storage: its rows do not hold what came before it). */
  readonly generation = ++storages;
  /** Rows written, in every version so far. */
  rows: number;
  ids: Float64Array;
  /** (days since 1970 + DAY_OFFSET), 0 for no date. */
  days: Int32Array;
  /** The row that held the same record before this one (-1: none), for versions older than the row. */
  previous: Int32Array;
  readonly added: AddedPostings;
  readonly rowById: RowLookup;
  constructor(readonly baseRows: number, ids: Float64Array, days: Int32Array, readonly columns: Record<Facet, Column>,
    readonly sdgTargets: MultiColumn, readonly languages: MultiColumn, readonly base: FrozenPostings) {
    this.rows = baseRows;
    this.ids = ids;
    this.days = days;
    this.previous = new Int32Array(0);
    this.added = new AddedPostings(base);
    this.rowById = new RowLookup(ids, baseRows);
  }

  /** Writes a record's columns (`r` as INDEX_COLUMNS reads them) as a new row. */
  append(r: IndexRow): number {
    const row = this.rows++;
    const id = Number(r[0]);
    this.ids = grow(this.ids, row + 1);
    this.days = grow(this.days, row + 1);
    this.previous = grow(this.previous, row + 1 - this.baseRows);
    this.ids[row] = id;
    this.days[row] = dayKey(r[5] as number | null);
    writeColumns(this.columns, this.sdgTargets, this.languages, row, r);
    this.added.add(row, r[11] as string | null, SEPARATOR);
    this.previous[row - this.baseRows] = this.rowById.get(id);
    this.rowById.set(id, row, this.rows);
    return row;
  }

  previousRow(row: number): number {
    return row < this.baseRows ? -1 : this.previous[row - this.baseRows];
  }

  private readonly valueRowsOf = new Map<Column, ValueRows>();
  /** The loaded rows of each value of `column`, built the first time a filter on it asks (rows appended later are not in it). */
  valueRows(column: Column): ValueRows {
    let rows = this.valueRowsOf.get(column);
    if (!rows) { rows = column.valueRows(this.baseRows); this.valueRowsOf.set(column, rows); }
    return rows;
  }

  bytes(): number {
    let valueRows = 0;
    for (const { offsets, rows } of this.valueRowsOf.values()) valueRows += offsets.byteLength + rows.byteLength;
    return valueRows + this.ids.byteLength + this.days.byteLength + this.previous.byteLength + this.rowById.bytes() + this.sdgTargets.bytes()
      + this.languages.bytes() + this.base.bytes() + this.added.bytes() + FACETS.reduce((sum, facet) => sum + this.columns[facet].bytes(), 0);
  }
}

function dayKey(days: number | null): number {
  return days === null ? 0 : Math.min(Math.max(days + DAY_OFFSET, 1), 2 * DAY_OFFSET);
}

function writeColumns(columns: Record<Facet, Column>, sdgTargets: MultiColumn, languages: MultiColumn, row: number, r: IndexRow) {
  (columns.mechanism as SingleColumn).set(row, r[1] as number | null);
  (columns.position as SingleColumn).set(row, r[2] as string | null);
  (columns.cycle as SingleColumn).set(row, r[3] as number | null);
  (columns.year as SingleColumn).set(row, r[4] as number | null);
  (columns.country as MultiColumn).set(row, r[6] as string | null);
  (columns.theme as MultiColumn).set(row, r[7] as string | null);
  (columns.affected as MultiColumn).set(row, r[8] as string | null);
  (columns.sdg as MultiColumn).set(row, r[9] as string | null);
  sdgTargets.set(row, r[10] as string | null);
  languages.set(row, r[12] as string | null);
}

export interface FacetCounts { key: string; count: number }

export interface Evaluation {
  total: number;
  facets: Record<Facet, FacetCounts[]>;
  /** 1 for every row that passes the text match and every filter. */
  matched: Uint8Array;
  /** The same rows, ascending. */
  rows: Int32Array;
}

/** One version of the index: the rows below `rows` of its storage, those alive in `alive`. Never changes. */
export class FacetIndex {
  /** Records (live rows). */
  readonly size: number;
  private readonly columns: Record<Facet, Column>;
  /** Filter only (the sdg facet counts goals; its filter takes goals or targets). */
  private readonly sdgTargets: MultiColumn;
  /** The languages of each row's texts (the keys of `texts`). */
  private readonly languages: MultiColumn;
  /** Lexeme → rows, from the search vectors (see recommendations.text-index.ts). */
  private readonly postings: Postings;

  constructor(readonly version: number, private readonly storage: Storage, readonly loadMs: number,
    /** Rows of the storage this version holds, dead ones included. */
    readonly rows: number,
    /** Bit r set: row r is alive; null: every row is. */
    private readonly alive: Uint32Array | null,
    size: number,
    /** Live rows by (document date, id) ascending, rows without a date first. */
    private readonly byDate: Int32Array,
    private readonly undated: number) {
    this.size = size;
    this.columns = storage.columns;
    this.sdgTargets = storage.sdgTargets;
    this.languages = storage.languages;
    this.postings = rows === storage.baseRows ? storage.base : new PatchedPostings(rows, storage.base, storage.added);
  }

  /** Memory of the index's storage (every version of it; the dictionaries add a few kilobytes). */
  bytes(): number {
    return this.storage.bytes() + this.byDate.byteLength + (this.alive?.byteLength ?? 0);
  }

  /** Whether appended rows have outgrown the loaded ones: time for a full load. */
  get outgrown(): boolean {
    return this.rows - this.storage.baseRows > Math.max(COMPACT_MIN_ROWS, this.storage.baseRows);
  }

  private isAlive(row: number): boolean {
    return this.alive === null || (this.alive[row >>> 5] & (1 << (row & 31))) !== 0;
  }

  /** Row of a recommendation id, -1 when this version does not hold it. */
  row(id: number): number {
    let row = this.storage.rowById.get(id);
    while (row >= this.rows) row = this.storage.previousRow(row); // written after this version
    return row >= 0 && this.isAlive(row) ? row : -1;
  }

  get lexemes(): number {
    return this.storage.base.lexemeCount + this.storage.added.fresh.length;
  }

  /**
   * Rows that match a tsquery (its text as PostgreSQL prints it) and, with `lang`, have a text in
   * that language, ascending; null when PostgreSQL must match it (see recommendations.text-index.ts).
   */
  textRows(tsquery: string, lang: string | undefined): Int32Array | null {
    const bounds = this.textBounds(tsquery, lang);
    return bounds && bounds.unsure.length === 0 ? bounds.sure : null;
  }

  /**
   * For a tsquery (its text as PostgreSQL prints it) and, with `lang`, rows that have a text in that
   * language: the rows that surely match it, and those that may (phrases, weights: PostgreSQL checks
   * them), both ascending, with the tsquery that answers as this one on the latter (`check`, see
   * tsqueryToCheck); null when the query cannot be read here (PostgreSQL matches it whole).
   */
  textBounds(tsquery: string, lang: string | undefined): { sure: Int32Array; unsure: Int32Array; check: string } | null {
    let node;
    const spans = new Map<TsqueryNode, [number, number]>();
    try {
      node = parseTsquery(tsquery, spans);
    } catch {
      return null;
    }
    if (node === null) return { sure: new Int32Array(0), unsure: new Int32Array(0), check: tsquery }; // no lexemes: PostgreSQL matches nothing either
    const { sure, possible } = boundTsquery(node, this.postings);
    const language = lang === undefined ? -2 : this.languages.dict.find(lang);
    const rowsOf = (set: RowSet, without: RowSet | null) => {
      const rows: number[] = [];
      for (let w = 0; w < set.length; w++) {
        let bits = set[w] & (without ? ~without[w] : -1) & (this.alive ? this.alive[w] : -1);
        while (bits !== 0) {
          const row = (w << 5) + (31 - Math.clz32(bits & -bits));
          bits &= bits - 1;
          if (language === -2 || (language >= 0 && this.languages.hasCode(row, language))) rows.push(row);
        }
      }
      return Int32Array.from(rows);
    };
    if (sure === possible) return { sure: rowsOf(sure, null), unsure: new Int32Array(0), check: tsquery };
    const check = tsqueryToCheck(node, (n) => tsquery.slice(...spans.get(n)!));
    return { sure: rowsOf(sure, null), unsure: rowsOf(possible, sure), check };
  }

  /** Which full load this version's rows come from (see `touches`). */
  get generation(): number {
    return this.storage.generation;
  }

  /**
   * Whether a search could answer otherwise once the records `ids` changed: some row this index's storage
   * held for one of them (before or after the change, alive or not) may pass the text query (`tsquery`,
   * its text as PostgreSQL prints it; null without words) and every filter but at most one — a match,
   * or a row its facet's own counts include. False means that the total, the facets and every page are
   * as they were, provided the answer was computed from this storage (same `generation`): an updated
   * record keeps its earlier rows in it, and any row later than this version counts as touching.
   */
  touches(query: SearchQuery, labels: LabelMaps, ids: number[], tsquery: string | null): boolean {
    let possible: RowSet | null = null;
    if (tsquery !== null) {
      let node;
      try {
        node = parseTsquery(tsquery);
      } catch {
        return ids.length > 0;
      }
      if (node === null) return false; // no lexemes: the query matches nothing, before or after
      possible = boundTsquery(node, this.postings).possible;
    }
    const filters = this.filters(query, labels);
    for (const id of ids) {
      for (let row = this.storage.rowById.get(id); row >= 0; row = this.storage.previousRow(row)) {
        if (row >= this.rows) return true;
        if (possible && (possible[row >>> 5] & (1 << (row & 31))) === 0) continue;
        let fails = 0;
        for (const filter of filters) if (!keeps(filter, row)) fails++;
        if (fails <= 1) return true;
      }
    }
    return false;
  }

  /** Recommendation ids of rows. */
  idsOfRows(rows: Int32Array): number[] {
    const ids = new Array<number>(rows.length);
    for (let k = 0; k < rows.length; k++) ids[k] = this.storage.ids[rows[k]];
    return ids;
  }

  /** Rows of ids that PostgreSQL matched, ascending; ids this version does not hold are left out. */
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
    if (!textRows) return this.evaluateFilters(filters);
    // Per candidate: how many filters it fails, and the last one. None → it matches and counts in
    // every facet; exactly one → it counts in that filter's own facet only.
    const fails = new Uint8Array(textRows.length);
    const failedAt = new Int8Array(textRows.length);
    filters.forEach((filter, f) => markFailures(filter, textRows, fails, failedAt, f));
    // The matches, and for each filter the candidates that fail that filter only.
    const lists = partition(textRows, fails, failedAt, filters.length);
    return this.counted(lists[filters.length], filters.map((filter, f) => [filter.facet, lists[f]]), null);
  }

  /**
   * Filters without words: each filter marks the rows it keeps (its values' rows, see ValueRows), one bit
   * per filter, and only the rows kept by one of the two most selective filters can fail at most one
   * filter — the matches and the rows each facet's own counts add. The other rows are never visited.
   */
  private evaluateFilters(filters: Filter[]): Evaluation {
    const marks = new Uint8Array(this.rows);
    // The two most selective filters (by their values' row counts) list the rows they keep; the others are tested on those rows only.
    const bySize = filters.map((filter) => this.keptAtMost(filter)).map((size, f) => ({ size, f })).sort((a, b) => a.size - b.size);
    const listed = bySize.slice(0, 2).map(({ f }) => f);
    const kept = bySize.slice(0, 2).map(({ f, size }) => this.keep(filters[f], 1 << f, marks, size));
    const tested = bySize.slice(2).map(({ f }) => ({ bit: 1 << f, filter: filters[f] }));
    const all = (1 << filters.length) - 1;
    const matches = new RowList(kept[0].length);
    const failing = filters.map(() => new RowList());
    const visit = (row: number) => {
      let passed = marks[row];
      for (const { bit, filter } of tested) if (keeps(filter, row)) passed |= bit;
      const missing = all ^ passed;
      if (missing === 0) matches.push(row);
      else if ((missing & (missing - 1)) === 0) failing[31 - Math.clz32(missing)].push(row);
    };
    for (let k = 0; k < kept[0].length; k++) visit(kept[0][k]);
    if (kept.length > 1) {
      const firstBit = 1 << listed[0];
      const second = kept[1];
      for (let k = 0; k < second.length; k++) if ((marks[second[k]] & firstBit) === 0) visit(second[k]);
    }
    // One filter: its own facet counts every live row, the same for every such search of this version.
    const everyRow = filters.length === 1 ? filters[0].facet : null;
    return this.counted(matches.rows().sort(), filters.map((filter, f) => [filter.facet, failing[f].rows()]), everyRow);
  }

  /** At most how many rows `filter` keeps: its values' loaded rows and every row appended since. */
  private keptAtMost(filter: Filter): number {
    let size = 0;
    for (const { column, allowed } of filter.tests) {
      const { offsets } = this.storage.valueRows(column);
      for (let code = 0, codes = Math.min(allowed.length, offsets.length - 1); code < codes; code++) {
        if (allowed[code] === 1) size += offsets[code + 1] - offsets[code];
      }
      size += this.rows - this.storage.baseRows;
    }
    return size;
  }

  /** The live rows `filter` keeps, each once, with `bit` set in `marks` (`atMost`: keptAtMost's bound, to size the list). */
  private keep(filter: Filter, bit: number, marks: Uint8Array, atMost: number): Int32Array {
    const kept = new RowList(atMost);
    const { alive } = this;
    const base = this.storage.baseRows;
    for (const { column, allowed } of filter.tests) {
      const { offsets, rows } = this.storage.valueRows(column);
      for (let code = 0, codes = Math.min(allowed.length, offsets.length - 1); code < codes; code++) {
        if (allowed[code] !== 1) continue;
        for (let k = offsets[code], end = offsets[code + 1]; k < end; k++) {
          const row = rows[k];
          if ((marks[row] & bit) !== 0 || (alive !== null && (alive[row >>> 5] & (1 << (row & 31))) === 0)) continue;
          marks[row] |= bit;
          kept.push(row);
        }
      }
      for (let row = base; row < this.rows; row++) {
        if ((marks[row] & bit) !== 0 || !this.isAlive(row) || !column.has(row, allowed)) continue;
        marks[row] |= bit;
        kept.push(row);
      }
    }
    return kept.rows();
  }

  /** Total and facet counts of `matches`, each facet's own filter's failures added to its counts (`everyRow`: every live row's). */
  private counted(matches: Int32Array, failing: [Facet, Int32Array][], everyRow: Facet | null): Evaluation {
    const own = new Map(failing);
    const facets = Object.fromEntries(FACETS.map((facet) => {
      const column = this.columns[facet];
      if (facet === everyRow) return [facet, this.everything().facets[facet]];
      const counts = new Int32Array(column.dict.keys.length);
      column.countRows(matches, counts);
      const ownOnly = own.get(facet);
      if (ownOnly) column.countRows(ownOnly, counts);
      return [facet, topKeys(column.dict.keys, counts)];
    })) as Record<Facet, FacetCounts[]>;
    return { total: matches.length, facets, matched: flags(matches, this.rows), rows: matches };
  }

  private allRowsCache: Int32Array | null = null;
  /** The live rows, ascending. */
  private allRows(): Int32Array {
    if (!this.allRowsCache) {
      const rows = new Int32Array(this.size);
      let n = 0;
      for (let row = 0; row < this.rows; row++) if (this.isAlive(row)) rows[n++] = row;
      this.allRowsCache = rows;
    }
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
      this.everythingCache = { total: this.size, facets, matched: flags(rows, this.rows), rows };
    }
    return this.everythingCache;
  }

  /**
   * Ids of the matches `skip`..`skip + count - 1` in date order (`document_date desc nulls last, id desc`,
   * or asc with nulls still last). Few matches (under 1/32 of the catalogue) are sorted by their place
   * in the date order; more are found by walking it, which stops once the page is full.
   */
  datePage(evaluation: Evaluation, direction: 'desc' | 'asc', skip: number, count: number): number[] {
    const { byDate, undated } = this;
    const ids = this.storage.ids;
    const size = byDate.length;
    const page: number[] = [];
    if (count <= 0 || skip >= evaluation.total) return page;
    const dated = size - undated;
    if (evaluation.rows.length * 32 < size) {
      // The place of each match in the order asked for: dated rows first (by date), then undated ones.
      const position = this.datePositions();
      const keys = new Int32Array(evaluation.rows.length);
      for (let k = 0; k < keys.length; k++) {
        const i = position[evaluation.rows[k]];
        keys[k] = direction === 'desc'
          ? (i >= undated ? size - 1 - i : dated + (undated - 1 - i))
          : (i >= undated ? i - undated : dated + i);
      }
      keys.sort();
      const end = Math.min(keys.length, skip + count);
      for (let k = skip; k < end; k++) {
        const key = keys[k];
        const i = direction === 'desc'
          ? (key < dated ? size - 1 - key : undated - 1 - (key - dated))
          : (key < dated ? key + undated : key - dated);
        page.push(ids[byDate[i]]);
      }
      return page;
    }
    const { matched } = evaluation;
    let seen = 0;
    const visit = (i: number) => {
      const row = byDate[i];
      if (matched[row] && seen++ >= skip) page.push(ids[row]);
      return page.length < count;
    };
    if (direction === 'desc') {
      for (let i = size - 1; i >= undated; i--) if (!visit(i)) return page;
      for (let i = undated - 1; i >= 0; i--) if (!visit(i)) return page;
    } else {
      for (let i = undated; i < size; i++) if (!visit(i)) return page;
      for (let i = 0; i < undated; i++) if (!visit(i)) return page;
    }
    return page;
  }

  private datePositionsCache: Int32Array | null = null;
  /** Row → its index in the date order (live rows only). */
  private datePositions(): Int32Array {
    if (!this.datePositionsCache) {
      const position = new Int32Array(this.rows);
      for (let i = 0; i < this.byDate.length; i++) position[this.byDate[i]] = i;
      this.datePositionsCache = position;
    }
    return this.datePositionsCache;
  }

  /**
   * This index with `changes` applied (each a changed id and its record as INDEX_COLUMNS reads it,
   * or null when it is gone), as `version`. This version is left as it was. With `slice`, gives
   * the event loop a turn every `slice` records.
   */
  async patched(version: number, changes: { id: number; record: IndexRow | null }[], loadMs: number, slice = Infinity,
    truncated = false): Promise<FacetIndex> {
    if (truncated) return this.emptied().patched(version, changes, loadMs, slice);
    const storage = this.storage;
    const appended = changes.reduce((n, change) => n + (change.record ? 1 : 0), 0);
    // Rows an abandoned patch may have written are skipped: they are alive in no version.
    const rows = storage.rows + appended;
    const alive = new Uint32Array((rows + 31) >>> 5);
    if (this.alive) alive.set(this.alive);
    else {
      alive.fill(0xffffffff, 0, this.rows >>> 5);
      if (this.rows & 31) alive[this.rows >>> 5] = 0xffffffff >>> (32 - (this.rows & 31));
    }
    let turn = performance.now();
    let longestTurn = 0;
    const born: number[] = [];
    const died: number[] = [];
    let size = this.size;
    for (let k = 0; k < changes.length; k++) {
      if (k > 0 && k % slice === 0) {
        longestTurn = Math.max(longestTurn, performance.now() - turn);
        await new Promise((resolve) => setImmediate(resolve));
        turn = performance.now();
      }
      const { id, record } = changes[k];
      const old = this.row(id);
      if (old >= 0) { alive[old >>> 5] &= ~(1 << (old & 31)); died.push(old); size--; }
      if (record) {
        const row = storage.append(record);
        alive[row >>> 5] |= 1 << (row & 31);
        born.push(row);
        size++;
      }
    }
    // The date order: the rows still alive, merged with the new ones.
    const { ids, days } = storage;
    const before = (a: number, b: number) => days[a] - days[b] || ids[a] - ids[b];
    born.sort(before);
    const byDate = new Int32Array(size);
    if (died.length + born.length <= 64) {
      // A few rows: copy the runs of the old order between them (a one-row edit at 300k: a memcpy, not a loop).
      this.spliceByDate(byDate, died, born, before);
      let undated = 0;
      while (undated < size && days[byDate[undated]] === 0) undated++;
      lastPatchLongestTurnMs = Math.max(longestTurn, performance.now() - turn);
      return new FacetIndex(version, storage, loadMs, storage.rows, alive, size, byDate, undated);
    }
    let n = 0;
    let b = 0;
    for (let i = 0; i < this.byDate.length; i++) {
      const row = this.byDate[i];
      if ((alive[row >>> 5] & (1 << (row & 31))) === 0) continue;
      while (b < born.length && before(born[b], row) < 0) byDate[n++] = born[b++];
      byDate[n++] = row;
    }
    while (b < born.length) byDate[n++] = born[b++];
    let undated = 0;
    while (undated < n && days[byDate[undated]] === 0) undated++;
    lastPatchLongestTurnMs = Math.max(longestTurn, performance.now() - turn);
    return new FacetIndex(version, storage, loadMs, storage.rows, alive, size, byDate, undated);
  }

  /**
   * Writes into `out` this version's date order without the rows `died` and with the rows `born`
   * (sorted by `before`, the date order's comparison).
   */
  private spliceByDate(out: Int32Array, died: number[], born: number[], before: (a: number, b: number) => number) {
    const old = this.byDate;
    // Where each dead row is, and where each new row goes (before the first old row that follows it).
    const events: { at: number; row: number }[] = []; // row -1: skip old[at]
    for (const row of died) {
      let lo = 0;
      let hi = old.length;
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (before(old[mid], row) < 0) lo = mid + 1; else hi = mid; }
      while (lo < old.length && old[lo] !== row) lo++; // (keys are unique among live rows: found at once)
      events.push({ at: lo, row: -1 });
    }
    for (const row of born) {
      let lo = 0;
      let hi = old.length;
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (before(old[mid], row) <= 0) lo = mid + 1; else hi = mid; }
      events.push({ at: lo, row });
    }
    // By position; at one position the new rows first, in their order.
    events.sort((a, b) => a.at - b.at || (a.row === -1 ? 1 : 0) - (b.row === -1 ? 1 : 0) || (a.row === -1 ? 0 : before(a.row, b.row)));
    let i = 0;
    let n = 0;
    for (const event of events) {
      out.set(old.subarray(i, event.at), n);
      n += event.at - i;
      i = event.at;
      if (event.row === -1) i++;
      else out[n++] = event.row;
    }
    out.set(old.subarray(i), n);
  }

  /** This version with no live row (the catalogue was truncated). */
  private emptied(): FacetIndex {
    return new FacetIndex(this.version, this.storage, this.loadMs, this.rows, new Uint32Array((this.rows + 31) >>> 5), 0, new Int32Array(0), 0);
  }

  /** The filter of each facet that has one in the query. */
  private filters(query: SearchQuery, labels: LabelMaps): Filter[] {
    const filters: Filter[] = [];
    const allowed = (column: Column, keys: string[]) => {
      const bits = new Uint8Array(column.dict.keys.length);
      for (const key of keys) { const code = column.dict.find(key); if (code >= 0) bits[code] = 1; }
      return bits;
    };
    const byKeys = (facet: Facet, keys: string[]) => {
      const column = this.columns[facet];
      filters.push({ facet, tests: [{ column, allowed: allowed(column, keys) }] });
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
      const goals = this.columns.sdg;
      filters.push({
        facet: 'sdg',
        tests: [
          { column: goals, allowed: allowed(goals, query.sdg.filter((s) => !s.includes('.')).map((s) => String(Number(s)))) },
          { column: this.sdgTargets, allowed: allowed(this.sdgTargets, query.sdg.filter((s) => s.includes('.'))) },
        ],
      });
    }
    if (query.position.length) byKeys('position', query.position);
    if (query.cycle.length) byKeys('cycle', query.cycle.map(String));
    if (query.year_from !== undefined || query.year_to !== undefined) {
      const column = this.columns.year;
      const from = query.year_from ?? -Infinity;
      const to = query.year_to ?? Infinity;
      filters.push({ facet: 'year', tests: [{ column, allowed: new Uint8Array(column.dict.keys.map((key) => (Number(key) >= from && Number(key) <= to ? 1 : 0))) }] });
    }
    return filters;
  }
}

/** Counts, in `fails`, the candidates `rows` that `filter` does not keep; `failedAt` remembers filter `f`. */
function markFailures(filter: Filter, rows: Int32Array, fails: Uint8Array, failedAt: Int8Array, f: number) {
  const { tests } = filter;
  if (tests.length === 1) { tests[0].column.markFailures(rows, tests[0].allowed, fails, failedAt, f); return; }
  for (let k = 0; k < rows.length; k++) if (!keeps(filter, rows[k])) { fails[k]++; failedAt[k] = f; }
}

/** Whether `filter` keeps `row`: one of its columns holds an allowed value there. */
function keeps(filter: Filter, row: number): boolean {
  return filter.tests.some(({ column, allowed }) => column.has(row, allowed));
}

/** A growing list of rows. */
class RowList {
  private list: Int32Array;
  private n = 0;
  constructor(capacity = 64) { this.list = new Int32Array(capacity); }
  push(row: number) {
    if (this.n === this.list.length) this.list = grow(this.list, this.n * 2 + 64);
    this.list[this.n++] = row;
  }
  rows(): Int32Array { return this.list.subarray(0, this.n); }
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


/** Reads the facet columns in chunks of LOAD_CHUNK rows (keyset on id), so other queries get turns on the embedded database. */
async function loadIndex(pool: Queryable, version: number, started: number): Promise<FacetIndex> {
  const capacityOf = async () => (await pool.query('select count(*)::int as n from recommendation')).rows[0].n as number;
  const capacity = Math.max(1024, Math.ceil((await capacityOf()) * 1.05));
  let ids = new Float64Array(capacity);
  let days = new Int32Array(capacity);
  const columns: Record<Facet, Column> = {
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
      text: `select ${INDEX_COLUMNS} from recommendation r where r.id > $1 order by r.id limit ${LOAD_CHUNK}`,
      values: [after],
      rowMode: 'array',
    });
    // Rows written since the count: start again (rare; the version has moved, so the index is patched after anyway).
    if (size + result.rows.length > capacity) return loadIndex(pool, version, started);
    for (const r of result.rows) {
      ids[size] = Number(r[0]);
      days[size] = dayKey(r[5]);
      writeColumns(columns, sdgTargets, languages, size, r);
      lexemes.add(size, r[11], SEPARATOR);
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
  const storage = new Storage(size, ids, days, columns, sdgTargets, languages, postings);
  return new FacetIndex(version, storage, Math.round(performance.now() - started), size, null, size, byDate, undated);
}

export async function catalogueVersion(pool: Queryable): Promise<number> {
  return Number((await pool.query('select version from catalogue_state')).rows[0].version);
}

/** The catalogue version and the text of the tsquery for `q` (nmirf_search_query), in one round trip. */
export async function catalogueVersionAndTsquery(pool: Queryable, q: string, lang: string | undefined): Promise<{ version: number; tsquery: string }> {
  const { rows } = await pool.query('select (select version from catalogue_state) as version, nmirf_search_query($1, $2)::text as tsquery', [q, lang ?? null]);
  return { version: Number(rows[0].version), tsquery: rows[0].tsquery };
}

/**
 * The ids of the records changed since catalogue version `since`, at most `limit` of them; null when the
 * log no longer reaches back to it, the catalogue was truncated since, or more changed.
 */
export async function changedSince(pool: Queryable, since: number, limit: number): Promise<number[] | null> {
  const { rows } = await pool.query(
    `select s.log_from, c.id from catalogue_state s
     left join (select distinct recommendation_id as id from catalogue_change where version > $1 limit $2) c on true`,
    [since, limit + 1],
  );
  if (Number(rows[0].log_from) > since) return null;
  const ids = rows.filter((r) => r.id !== null).map((r) => Number(r.id));
  return ids.length > limit || ids.includes(-1) ? null : ids;
}

interface ChangeSet {
  /** The catalogue version the changes bring an index to. */
  version: number;
  /** False when the log no longer reaches back to the version asked for (pruned, or a TRUNCATE since). */
  complete: boolean;
  changes: { id: number; record: IndexRow | null }[];
  /** More changes than the limit asked for (only the first `limit` are given). */
  more: boolean;
  /** The catalogue was truncated since: every record not in `changes` is gone. */
  truncated: boolean;
}

/**
 * The records changed since version `since`, as they are now, and the version that makes: one
 * statement, so one snapshot (see migration 0016_catalogue_change_log on why no change up to that
 * version can commit later). `limit`: at most that many (null: all).
 */
async function readChanges(pool: Queryable, since: number, limit: number | null): Promise<ChangeSet> {
  const { rows } = await pool.query({
    text: `with state as (select version, log_from from catalogue_state),
        changed as (select distinct recommendation_id as id from catalogue_change where version > $1 order by id limit $2)
      select s.version, s.log_from, c.id, ${INDEX_COLUMNS}
      from state s left join (changed c left join recommendation r on r.id = c.id) on s.log_from <= $1`,
    values: [since, limit === null ? null : limit + 1],
    rowMode: 'array',
  });
  // A TRUNCATE leaves id -1 in the log (within any limit: ids are taken in order).
  const truncated = rows.some((r) => r[2] !== null && Number(r[2]) === -1);
  const changes = rows.filter((r) => r[2] !== null && Number(r[2]) !== -1)
    .map((r) => ({ id: Number(r[2]), record: r[3] === null ? null : r.slice(3) }));
  const more = limit !== null && rows.filter((r) => r[2] !== null).length > limit; // the marker counts: ids past it were cut
  return {
    version: Number(rows[0][0]), complete: Number(rows[0][1]) <= since, changes: more ? changes.slice(0, limit) : changes, more, truncated,
  };
}

class IndexCache {
  current: FacetIndex | null = null;
  /** A full load under way: at start-up (searches wait), or beside `current` (which keeps answering). */
  loading: Promise<FacetIndex> | null = null;
  /** The patch of `current` under way; searches wait for it unless it runs in the background. */
  patching: { done: Promise<void>; background: boolean } | null = null;
  /** The log cannot bring `current` up to date: it answers until the full load under way replaces it. */
  stuck = false;
  loads = 0;
  lastLoadMs = 0;
  lastLoadReason: 'start-up' | 'log' | 'compaction' | null = null;
  patches = 0;
  backgroundPatches = 0;
  patchedRecords = 0;
  /** Reading the changes and applying them; of which applying them (in memory). */
  lastPatchMs = 0;
  lastApplyMs = 0;
  lastLongestTurnMs = 0;
  maxPatchMs = 0;
  lastError: string | null = null;
}

const caches = new WeakMap<Queryable, IndexCache>();

function cacheOf(pool: Queryable): IndexCache {
  let cache = caches.get(pool);
  if (!cache) caches.set(pool, (cache = new IndexCache()));
  return cache;
}

/**
 * The facet index of this pool's catalogue, as of `version` (read it with catalogueVersion first),
 * or, while a large patch or a full load runs beside it, the version in use.
 */
export async function facetIndexAt(pool: Queryable, version: number): Promise<FacetIndex> {
  const cache = cacheOf(pool);
  for (;;) {
    const current = cache.current;
    // An index at a later version than this search read holds at least what it asks for.
    if (current && current.version >= version) return current;
    if (!current) {
      await (cache.loading ?? fullLoad(cache, pool, 'start-up'));
      continue;
    }
    if (cache.stuck || cache.patching?.background) return current;
    if (cache.patching) {
      await cache.patching.done;
      continue;
    }
    await patch(cache, pool, current, false);
    if (cache.current === current) return current; // handed to the background
  }
}

/**
 * Brings `base` (the current index) up to date from the log: while the search waits when few
 * records changed, else in the background (`background`, or when more than SYNC_PATCH_LIMIT).
 */
async function patch(cache: IndexCache, pool: Queryable, base: FacetIndex, background: boolean): Promise<void> {
  let settle!: () => void;
  const mine = { done: new Promise<void>((resolve) => { settle = resolve; }), background };
  cache.patching = mine;
  const started = performance.now();
  try {
    const set = await readChanges(pool, base.version, background ? null : SYNC_PATCH_LIMIT);
    if (!set.complete) {
      cache.stuck = true;
      if (!cache.loading) void fullLoad(cache, pool, 'log').catch(() => undefined);
      return;
    }
    if (set.more) {
      mine.background = true; // searches stop waiting for it
      void patch(cache, pool, base, true).catch(() => undefined);
      return;
    }
    const applying = performance.now();
    const next = await base.patched(set.version, set.changes, base.loadMs, background ? PATCH_SLICE : Infinity, set.truncated);
    if (cache.current !== base) return; // a full load took its place meanwhile
    cache.current = next;
    const ms = performance.now() - started;
    cache.lastApplyMs = performance.now() - applying;
    cache.lastLongestTurnMs = lastPatchLongestTurnMs;
    cache.patches++;
    if (background) cache.backgroundPatches++;
    cache.patchedRecords += set.changes.length;
    cache.lastPatchMs = ms;
    cache.maxPatchMs = Math.max(cache.maxPatchMs, ms);
    if (next.outgrown && !cache.loading) void fullLoad(cache, pool, 'compaction').catch(() => undefined);
  } catch (error) {
    cache.lastError = (error as Error).message;
    throw error;
  } finally {
    if (cache.patching === mine) cache.patching = null;
    settle();
  }
}

/**
 * Loads the index whole. Beside a current index, the new one first catches up with it from the
 * log, then takes its place; searches meanwhile use the current one.
 */
function fullLoad(cache: IndexCache, pool: Queryable, reason: 'start-up' | 'log' | 'compaction'): Promise<FacetIndex> {
  const started = performance.now();
  const loading = (async () => {
    let index = await loadIndex(pool, await catalogueVersion(pool), started);
    for (let attempt = 0; cache.current && index.version < cache.current.version && attempt < 3; attempt++) {
      const set = await readChanges(pool, index.version, null);
      if (!set.complete) break;
      index = await index.patched(set.version, set.changes, index.loadMs, PATCH_SLICE, set.truncated);
    }
    cache.loads++;
    cache.lastLoadMs = index.loadMs;
    cache.lastLoadReason = reason;
    if (!cache.current || index.version >= cache.current.version) {
      cache.current = index;
      cache.stuck = false;
    }
    return index;
  })();
  cache.loading = loading;
  const clear = (error?: unknown) => {
    if (cache.loading === loading) cache.loading = null;
    if (error) { cache.stuck = false; cache.lastError = (error as Error).message; } // the next search tries again
  };
  loading.then(() => clear(), clear);
  return loading;
}

/** The current facet index of this pool's catalogue. */
export async function facetIndex(pool: Queryable): Promise<FacetIndex> {
  return facetIndexAt(pool, await catalogueVersion(pool));
}

/** Resolves when no patch or full load of this pool's index is under way (tests, benchmarks). */
export async function facetIndexSettled(pool: Queryable): Promise<void> {
  const cache = cacheOf(pool);
  while (cache.patching || cache.loading) {
    await (cache.patching?.done ?? cache.loading)?.catch(() => undefined);
  }
}

/** What the index of this pool holds and how it was kept up to date (benchmark reports, tests). */
export function facetIndexStats(pool: Queryable) {
  const cache = caches.get(pool);
  const index = cache?.current;
  if (!cache || !index) return null;
  return {
    records: index.size, rows: index.rows, lexemes: index.lexemes, bytes: index.bytes(), version: index.version,
    loads: cache.loads, load_ms: cache.lastLoadMs, last_load_reason: cache.lastLoadReason,
    patches: cache.patches, background_patches: cache.backgroundPatches, patched_records: cache.patchedRecords,
    last_patch_ms: round(cache.lastPatchMs), last_patch_apply_ms: round(cache.lastApplyMs),
    last_patch_longest_turn_ms: round(cache.lastLongestTurnMs), max_patch_ms: round(cache.maxPatchMs),
    last_error: cache.lastError,
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
