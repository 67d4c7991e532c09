/**
 * Similar recommendations across States (docs/decisions/0021-similar-across-states.md): an index
 * over every State's harvested recommendations, queried by a text in any of the four languages.
 *
 * Each text of a record (one per language it has) is a document: TF-IDF over its words and its
 * character 3–5-grams (server/modules/learning/text: accents folded, treaties and their acronyms
 * one token, no stemming so that a query in an unknown language meets the same features), of which
 * only the `keep` heaviest are indexed. The inverted lists hold, for each feature, the documents
 * that kept it and their weight, as typed arrays. A query is weighed the same way, and only its
 * `probe` heaviest features are looked up: its score for a document is the dot product over the
 * features they share, the document's best text giving the record's score. Words carry a text
 * within one language; across languages only the character n-grams meet (decision 0012), so the
 * scores of a Spanish query against an English record are lower than within one language.
 *
 * The idf is fitted on at most `idfSample` texts spread over the whole set. A query costs the
 * lengths of the lists of its heaviest features, not a scan: rare features have short lists and
 * common ones (low idf) are rarely among anyone's heaviest.
 *
 * Pure and synchronous: `buildSimilarIndex(records)` and `similarAcrossStates(index, query, filters)`
 * are what the hub's route (similar.ts) and the benchmark call.
 */
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions, normalise, TextVectoriser, tokenise } from '../../learning/text';
import { charIndex, wordIndex } from '../../learning/text/features';
import { Dictionary } from '../../../platform/dictionary';

/** One recommendation of a State's copy, as the index reads it. */
export interface SimilarRecord {
  iso3: string;
  /** The record's id in its State's copy (the national instance's id). */
  id: number;
  uhriId: string | null;
  mechanism: string;
  year: number | null;
  /** The State's UN regional group. */
  region: string | null;
  /** The current status's key (null: none assessed). */
  status: string | null;
  /** Text per language (en, es, fr, pt, …). */
  texts: Record<string, string>;
}

export interface SimilarQuery {
  /** A text as written, in any language… */
  text?: string;
  /** …or already normalised (findIndexed). */
  normalised?: string;
}

export interface SimilarFilters {
  /** The querying State: its records are never answered. */
  excludeState?: string | null;
  region?: string | null;
  mechanism?: string | null;
  status?: string | null;
  /** Answers below this similarity are left out. Default SIMILARITY_FLOOR. */
  minSimilarity?: number;
  /** At most this many answers. Default 20. */
  limit?: number;
}

export interface SimilarHit {
  iso3: string;
  id: number;
  similarity: number;
  /** The language of the record's text that matched best. */
  language: string;
}

export interface SimilarIndexOptions {
  /** Features kept per text (its heaviest). */
  keep: number;
  /** Features of a query looked up (its heaviest). */
  probe: number;
  /** Texts the idf is fitted on, spread over the whole set. */
  idfSample: number;
  /** Weight of the character block against the word block. */
  charWeight: number;
  /** Candidates (best by their kept features) measured again on all their features. */
  rerank: number;
}

export const DEFAULT_SIMILAR_OPTIONS: SimilarIndexOptions = { keep: 128, probe: 240, idfSample: 30_000, charWeight: 1.5, rerank: 200 };

/**
 * Below this similarity an answer is not shown. Measured on the SDG targets and indicators in
 * en/es/fr (bench/similar.ts), the right counterpart in another language scores above it 95 times
 * in 100 (5th percentile 0.087), while half the wrong best answers score below 0.116: across
 * languages no threshold separates them, so the floor only drops what shares almost nothing.
 */
export const SIMILARITY_FLOOR = 0.1;

const FEATURES: Partial<FeatureOptions> = { wordNgrams: [1, 1], charNgrams: [3, 5], stem: false, sublinearTf: true };

export interface SimilarIndex {
  readonly options: SimilarIndexOptions;
  readonly vectoriser: TextVectoriser;
  readonly records: number;
  readonly texts: number;
  /** Per record. */
  readonly ids: Float64Array;
  readonly state: Int32Array;
  readonly mechanism: Int32Array;
  readonly region: Int32Array;
  readonly status: Int32Array;
  readonly states: Dictionary;
  readonly mechanisms: Dictionary;
  readonly regions: Dictionary;
  readonly statuses: Dictionary;
  /** A record's key (`ISO3:id`, `uhri:ID`) → record number. */
  readonly byKey: Map<string, number>;
  /** Per text: its record and its language. */
  readonly textRecord: Int32Array;
  readonly textLanguage: Int32Array;
  readonly languages: Dictionary;
  /** Inverted lists: texts of feature f at offsets[f]..offsets[f+1]. */
  readonly offsets: Int32Array;
  readonly postings: Int32Array;
  readonly weights: Float32Array;
  /** Each text normalised (folded, treaties one token): what a candidate is measured again on. */
  readonly normalised: string[];
  /** A record's first text. */
  readonly firstText: Int32Array;
}

/** Hashed word and character 3–5-gram counts of a normalised text (as TextVectoriser counts them, without stemming). */
function featureCounts(folded: string, options: FeatureOptions): { words: Map<number, number>; chars: Map<number, number> } {
  const words = new Map<number, number>();
  const chars = new Map<number, number>();
  const [cMin, cMax] = options.charNgrams;
  for (const token of tokenise(folded)) {
    const w = wordIndex(token, options);
    words.set(w, (words.get(w) ?? 0) + 1);
    const padded = ` ${token} `;
    for (let n = cMin; n <= cMax; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        const c = charIndex(padded.slice(i, i + n), options);
        chars.set(c, (chars.get(c) ?? 0) + 1);
      }
    }
  }
  return { words, chars };
}

/** TF-IDF of a normalised text, each block unit length, characters weighed, the whole unit length; sorted by weight, heaviest first. */
function weigh(folded: string, vectoriser: TextVectoriser, sorted = true): { indices: Uint32Array; values: Float32Array } {
  const { words, chars } = featureCounts(folded, vectoriser.options);
  const entries: [number, number][] = [];
  let total = 0;
  for (const [counts, weight] of [[words, 1], [chars, vectoriser.options.charWeight]] as const) {
    let sum = 0;
    const from = entries.length;
    for (const [i, c] of counts) {
      const v = (1 + Math.log(c)) * vectoriser.idf[i];
      entries.push([i, v]);
      sum += v * v;
    }
    const scale = sum > 0 ? weight / Math.sqrt(sum) : 0;
    for (let k = from; k < entries.length; k++) entries[k][1] *= scale;
    total += sum > 0 ? weight * weight : 0;
  }
  const norm = total > 0 ? 1 / Math.sqrt(total) : 0;
  if (sorted) entries.sort((a, b) => b[1] - a[1]);
  return { indices: Uint32Array.from(entries, (e) => e[0]), values: Float32Array.from(entries, (e) => e[1] * norm) };
}

/** Document frequencies over a sample of the normalised texts, as the idf TextVectoriser weighs with. */
function fitIdf(texts: string[], options: FeatureOptions, sample: number): TextVectoriser {
  const dimension = (1 << options.wordBits) + (1 << options.charBits);
  const df = new Uint32Array(dimension);
  const step = Math.max(1, texts.length / sample);
  let n = 0;
  for (let x = 0; x < texts.length; x += step) {
    const { words, chars } = featureCounts(texts[Math.floor(x)], options);
    for (const i of words.keys()) df[i]++;
    for (const i of chars.keys()) df[i]++;
    n++;
  }
  const idf = new Float32Array(dimension);
  for (let i = 0; i < dimension; i++) idf[i] = Math.log((1 + n) / (1 + df[i])) + 1;
  return new TextVectoriser(options, idf, n);
}

/** The index over `records` (every State's recommendations). Records without any text are left out. */
export function buildSimilarIndex(input: Iterable<SimilarRecord>, options: Partial<SimilarIndexOptions> = {}): SimilarIndex {
  const opts = { ...DEFAULT_SIMILAR_OPTIONS, ...options };
  const features: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...FEATURES, charWeight: opts.charWeight };
  const records: Omit<SimilarRecord, 'texts'>[] = [];
  const texts: string[] = [];
  const textRecordList: number[] = [];
  const textLanguageList: number[] = [];
  const firstTextList: number[] = [];
  const languages = new Dictionary();
  for (const record of input) {
    const own = Object.entries(record.texts).filter(([, text]) => typeof text === 'string' && text.trim() !== '');
    if (!own.length) continue;
    firstTextList.push(texts.length);
    for (const [language, text] of own) {
      texts.push(normalise(text));
      textRecordList.push(records.length);
      textLanguageList.push(languages.code(language));
    }
    records.push({ iso3: record.iso3, id: record.id, uhriId: record.uhriId, mechanism: record.mechanism, year: record.year, region: record.region, status: record.status });
  }
  const vectoriser = fitIdf(texts, features, opts.idfSample);

  // Each text's heaviest features, then the lists by a counting sort on the feature.
  const dimension = vectoriser.dimension;
  const counts = new Int32Array(dimension + 1);
  const kept: { indices: Uint32Array; values: Float32Array }[] = new Array(texts.length);
  for (let t = 0; t < texts.length; t++) {
    const v = weigh(texts[t], vectoriser);
    const top = { indices: v.indices.subarray(0, opts.keep), values: v.values.subarray(0, opts.keep) };
    kept[t] = top;
    for (let k = 0; k < top.indices.length; k++) counts[top.indices[k] + 1]++;
  }
  for (let f = 0; f < dimension; f++) counts[f + 1] += counts[f];
  const offsets = counts;
  const total = offsets[dimension];
  const postings = new Int32Array(total);
  const weights = new Float32Array(total);
  const fill = offsets.slice(0, dimension);
  for (let t = 0; t < texts.length; t++) {
    const { indices, values } = kept[t];
    for (let k = 0; k < indices.length; k++) {
      const at = fill[indices[k]]++;
      postings[at] = t;
      weights[at] = values[k];
    }
    kept[t] = undefined as never;
  }

  const states = new Dictionary();
  const mechanisms = new Dictionary();
  const regions = new Dictionary();
  const statuses = new Dictionary();
  const n = records.length;
  const ids = new Float64Array(n);
  const state = new Int32Array(n);
  const mechanism = new Int32Array(n);
  const region = new Int32Array(n);
  const status = new Int32Array(n);
  const byKey = new Map<string, number>();
  records.forEach((record, r) => {
    ids[r] = record.id;
    state[r] = states.code(record.iso3);
    mechanism[r] = mechanisms.code(record.mechanism);
    region[r] = record.region === null ? -1 : regions.code(record.region);
    status[r] = record.status === null ? -1 : statuses.code(record.status);
    byKey.set(`${record.iso3}:${record.id}`, r);
    if (record.uhriId && !byKey.has(`uhri:${record.uhriId}`)) byKey.set(`uhri:${record.uhriId}`, r);
  });

  return {
    options: opts, vectoriser, records: n, texts: texts.length, ids, state, mechanism, region, status,
    states, mechanisms, regions, statuses, byKey,
    textRecord: Int32Array.from(textRecordList), textLanguage: Int32Array.from(textLanguageList), languages,
    offsets, postings, weights, normalised: texts, firstText: Int32Array.from(firstTextList),
  };
}

/**
 * A record of a State's copy (`iso3`, `id`) or of a UHRI id, as the index holds it: its State and
 * its text in `language` if it has one, else its first (normalised).
 */
export function findIndexed(index: SimilarIndex, key: { iso3: string; id: number } | { uhriId: string }, language?: string): { iso3: string; id: number; normalised: string } | undefined {
  const r = index.byKey.get('uhriId' in key ? `uhri:${key.uhriId}` : `${key.iso3}:${key.id}`);
  if (r === undefined) return undefined;
  let t = index.firstText[r];
  for (let u = t; u < index.texts && index.textRecord[u] === r; u++) if (index.languages.keys[index.textLanguage[u]] === language) t = u;
  return { iso3: index.states.keys[index.state[r]], id: index.ids[r], normalised: index.normalised[t] };
}

/** Approximate memory of the index's arrays, in bytes (the records' texts, held by the caller, aside). */
export function similarIndexBytes(index: SimilarIndex): number {
  let text = 0;
  for (const t of index.normalised) text += t.length;
  return index.offsets.byteLength + index.postings.byteLength + index.weights.byteLength + index.vectoriser.idf.byteLength
    + index.ids.byteLength + index.state.byteLength * 4 + index.textRecord.byteLength * 3 + text;
}

/** Postings a query reads: the lengths of the lists of its probed features (for the benchmark's account of a query's cost). */
export function probedPostings(index: SimilarIndex, query: SimilarQuery): number {
  const v = weigh(query.normalised ?? normalise(query.text ?? ''), index.vectoriser);
  let sum = 0;
  for (let k = 0; k < Math.min(v.indices.length, index.options.probe); k++) sum += index.offsets[v.indices[k] + 1] - index.offsets[v.indices[k]];
  return sum;
}

let scratch = new Float32Array(0);
let scratchLanguage = new Int32Array(0);
let textScratch = new Float32Array(0);
/** The query's weight of every feature it has (zero elsewhere), while a query runs. */
let queryWeights = new Float32Array(0);

/** The `k` items of highest score (a bounded min-heap: no sort of every candidate). */
function best(items: number[], score: Float32Array, k: number): number[] {
  const heap: number[] = [];
  const less = (a: number, b: number) => score[heap[a]] < score[heap[b]];
  const swap = (a: number, b: number) => { const x = heap[a]; heap[a] = heap[b]; heap[b] = x; };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0 && less(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (score[item] > score[heap[0]]) {
      heap[0] = item;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < k && less(l, m)) m = l;
        if (r < k && less(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
  }
  return heap;
}

/** The query's dot product with all the features of text `t`. */
function measure(index: SimilarIndex, t: number): number {
  const v = weigh(index.normalised[t], index.vectoriser, false);
  let sum = 0;
  for (let k = 0; k < v.indices.length; k++) sum += queryWeights[v.indices[k]] * v.values[k];
  return sum;
}

/**
 * The records of other States most like `query`, best first: each with its similarity (the dot
 * product of the query's unit vector with the record's best text's kept features) and the language
 * of that text. Filters: the querying State left out, region, mechanism, current status.
 */
export function similarAcrossStates(index: SimilarIndex, query: SimilarQuery, filters: SimilarFilters = {}): SimilarHit[] {
  const limit = Math.max(1, Math.min(filters.limit ?? 20, 200));
  const floor = filters.minSimilarity ?? SIMILARITY_FLOOR;
  const code = (codes: Dictionary, value: string | null | undefined) => (value === null || value === undefined || value === '' ? null : codes.find(value));
  const exclude = code(index.states, filters.excludeState);
  const region = code(index.regions, filters.region);
  const mechanism = code(index.mechanisms, filters.mechanism);
  const status = code(index.statuses, filters.status);
  // A filter on a value no record has keeps nothing.
  if (region === -1 || mechanism === -1 || status === -1 || index.records === 0) return [];

  const v = weigh(query.normalised ?? normalise(query.text ?? ''), index.vectoriser);
  const probe = { indices: v.indices.subarray(0, index.options.probe), values: v.values.subarray(0, index.options.probe) };
  if (queryWeights.length < index.vectoriser.dimension) queryWeights = new Float32Array(index.vectoriser.dimension);
  for (let k = 0; k < v.indices.length; k++) queryWeights[v.indices[k]] = v.values[k];
  if (scratch.length < index.records) {
    scratch = new Float32Array(index.records);
    scratchLanguage = new Int32Array(index.records);
  }
  if (textScratch.length < index.texts) textScratch = new Float32Array(index.texts);
  // Scores per text first, then each record takes its best text's.
  const touchedTexts: number[] = [];
  const { offsets, postings, weights, textRecord, state } = index;
  for (let k = 0; k < probe.indices.length; k++) {
    const f = probe.indices[k];
    const q = probe.values[k];
    for (let at = offsets[f], end = offsets[f + 1]; at < end; at++) {
      const t = postings[at];
      if (textScratch[t] === 0) {
        if (exclude !== null && state[textRecord[t]] === exclude) continue;
        touchedTexts.push(t);
      }
      textScratch[t] += q * weights[at];
    }
  }
  // The best candidates by their kept features, each text measured again on all its features.
  let candidates: number[] = [];
  for (const t of touchedTexts) {
    const r = textRecord[t];
    if (region !== null && index.region[r] !== region) continue;
    if (mechanism !== null && index.mechanism[r] !== mechanism) continue;
    if (status !== null && index.status[r] !== status) continue;
    candidates.push(t);
  }
  if (candidates.length > index.options.rerank) candidates = best(candidates, textScratch, index.options.rerank);
  for (const t of touchedTexts) textScratch[t] = 0;
  const touched: number[] = [];
  for (const t of candidates) {
    const r = textRecord[t];
    const score = measure(index, t);
    if (score < floor) continue;
    if (scratch[r] === 0) touched.push(r);
    if (score > scratch[r]) {
      scratch[r] = score;
      scratchLanguage[r] = index.textLanguage[t];
    }
  }
  touched.sort((a, b) => scratch[b] - scratch[a] || state[a] - state[b] || index.ids[a] - index.ids[b]);
  const hits = touched.slice(0, limit).map((r) => ({
    iso3: index.states.keys[state[r]], id: index.ids[r], similarity: Math.round(scratch[r] * 1000) / 1000,
    language: index.languages.keys[scratchLanguage[r]],
  }));
  for (const r of touched) scratch[r] = 0;
  for (let k = 0; k < v.indices.length; k++) queryWeights[v.indices[k]] = 0;
  return hits;
}
