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
import { analyse, DEFAULT_FEATURE_OPTIONS, dot, type FeatureOptions, TextVectoriser } from '../../learning/text';
import { charIndex, wordIndex } from '../../learning/text/features';

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
  text: string;
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

/** A dictionary of strings to small codes. */
export class Codes {
  readonly values: string[] = [];
  private readonly map = new Map<string, number>();
  code(value: string): number {
    let c = this.map.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.map.set(value, c);
    }
    return c;
  }
  find(value: string): number {
    return this.map.get(value) ?? -1;
  }
}

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
  readonly states: Codes;
  readonly mechanisms: Codes;
  readonly regions: Codes;
  readonly statuses: Codes;
  /** A record's key (`ISO3:id`, `uhri:ID`) → record number. */
  readonly byKey: Map<string, number>;
  /** Per text: its record and its language. */
  readonly textRecord: Int32Array;
  readonly textLanguage: Int32Array;
  readonly languages: Codes;
  /** Inverted lists: texts of feature f at offsets[f]..offsets[f+1]. */
  readonly offsets: Int32Array;
  readonly postings: Int32Array;
  readonly weights: Float32Array;
  /** The record texts themselves are not kept: the route reads them from the copy. */
  readonly source: (record: number) => SimilarRecord | undefined;
}

/** The heaviest `k` entries of a unit vector's indices and values, unchanged (not renormalised). */
function heaviest(indices: Uint32Array, values: Float32Array, k: number): { indices: Uint32Array; values: Float32Array } {
  if (values.length <= k) return { indices, values };
  const order = Array.from({ length: values.length }, (_, i) => i).sort((x, y) => values[y] - values[x]).slice(0, k);
  return { indices: Uint32Array.from(order, (x) => indices[x]), values: Float32Array.from(order, (x) => values[x]) };
}

/** Document frequencies over a sample of the texts, as the idf TextVectoriser weighs with. */
function fitIdf(texts: string[], options: FeatureOptions, sample: number): TextVectoriser {
  const dimension = (1 << options.wordBits) + (1 << options.charBits);
  const df = new Uint32Array(dimension);
  const step = Math.max(1, texts.length / sample);
  let n = 0;
  const seen = new Set<number>();
  for (let x = 0; x < texts.length; x += step) {
    const { words, chars } = analyse({ text: texts[Math.floor(x)] }, options);
    seen.clear();
    for (const w of words) seen.add(wordIndex(w, options));
    for (const c of chars) seen.add(charIndex(c, options));
    for (const i of seen) df[i]++;
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
  const records: SimilarRecord[] = [];
  const texts: string[] = [];
  const textRecordList: number[] = [];
  const textLanguageList: number[] = [];
  const languages = new Codes();
  for (const record of input) {
    const own = Object.entries(record.texts).filter(([, text]) => typeof text === 'string' && text.trim() !== '');
    if (!own.length) continue;
    for (const [language, text] of own) {
      texts.push(text);
      textRecordList.push(records.length);
      textLanguageList.push(languages.code(language));
    }
    records.push(record);
  }
  const vectoriser = fitIdf(texts, features, opts.idfSample);

  // Each text's heaviest features, then the lists by a counting sort on the feature.
  const dimension = vectoriser.dimension;
  const counts = new Int32Array(dimension + 1);
  const kept: { indices: Uint32Array; values: Float32Array }[] = new Array(texts.length);
  for (let t = 0; t < texts.length; t++) {
    const v = vectoriser.transform({ text: texts[t] });
    const top = heaviest(v.indices, v.values, opts.keep);
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

  const states = new Codes();
  const mechanisms = new Codes();
  const regions = new Codes();
  const statuses = new Codes();
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
    offsets, postings, weights, source: (r) => records[r],
  };
}

/** The record of a State's copy (`iso3`, `id`) or of a UHRI id, as the index holds it. */
export function findIndexed(index: SimilarIndex, key: { iso3: string; id: number } | { uhriId: string }): SimilarRecord | undefined {
  const r = index.byKey.get('uhriId' in key ? `uhri:${key.uhriId}` : `${key.iso3}:${key.id}`);
  return r === undefined ? undefined : index.source(r);
}

/** Approximate memory of the index's arrays, in bytes (the records' texts, held by the caller, aside). */
export function similarIndexBytes(index: SimilarIndex): number {
  return index.offsets.byteLength + index.postings.byteLength + index.weights.byteLength + index.vectoriser.idf.byteLength
    + index.ids.byteLength + index.state.byteLength * 4 + index.textRecord.byteLength * 2;
}

let scratch = new Float32Array(0);
let scratchLanguage = new Int32Array(0);
let textScratch = new Float32Array(0);

/**
 * The records of other States most like `query`, best first: each with its similarity (the dot
 * product of the query's unit vector with the record's best text's kept features) and the language
 * of that text. Filters: the querying State left out, region, mechanism, current status.
 */
export function similarAcrossStates(index: SimilarIndex, query: SimilarQuery, filters: SimilarFilters = {}): SimilarHit[] {
  const limit = Math.max(1, Math.min(filters.limit ?? 20, 200));
  const floor = filters.minSimilarity ?? SIMILARITY_FLOOR;
  const code = (codes: Codes, value: string | null | undefined) => (value === null || value === undefined || value === '' ? null : codes.find(value));
  const exclude = code(index.states, filters.excludeState);
  const region = code(index.regions, filters.region);
  const mechanism = code(index.mechanisms, filters.mechanism);
  const status = code(index.statuses, filters.status);
  // A filter on a value no record has keeps nothing.
  if (region === -1 || mechanism === -1 || status === -1 || index.records === 0) return [];

  const v = index.vectoriser.transform({ text: query.text });
  const probe = heaviest(v.indices, v.values, index.options.probe);
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
  if (candidates.length > index.options.rerank) {
    candidates = candidates.sort((a, b) => textScratch[b] - textScratch[a]).slice(0, index.options.rerank);
  }
  for (const t of touchedTexts) textScratch[t] = 0;
  const touched: number[] = [];
  for (const t of candidates) {
    const r = textRecord[t];
    const record = index.source(r)!;
    const language = index.languages.values[index.textLanguage[t]];
    const score = dot(v, index.vectoriser.transform({ text: record.texts[language] }));
    if (score < floor) continue;
    if (scratch[r] === 0) touched.push(r);
    if (score > scratch[r]) {
      scratch[r] = score;
      scratchLanguage[r] = index.textLanguage[t];
    }
  }
  touched.sort((a, b) => scratch[b] - scratch[a] || state[a] - state[b] || index.ids[a] - index.ids[b]);
  const hits = touched.slice(0, limit).map((r) => ({
    iso3: index.states.values[state[r]], id: index.ids[r], similarity: Math.round(scratch[r] * 1000) / 1000,
    language: index.languages.values[scratchLanguage[r]],
  }));
  for (const r of touched) scratch[r] = 0;
  return hits;
}
