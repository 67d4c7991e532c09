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
import { referenceLexicon } from '../../learning/reference-texts';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions, type Lexicon, normalise, TextVectoriser } from '../../learning/text';
import { CHAR_SEED, FNV_PRIME, WORD_SEED } from '../../learning/text/features';
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
  /** Its language when known (en, es, fr, pt); else the lexicon guesses it. */
  language?: string | null;
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
  /** Weight of the pivot block (a text's meaning in English stems, through the lexicon: decision 0023) against the word block; 0: none. */
  pivotWeight: number;
  /** The translation lexicon the pivot block reads; default the one learned from the reference texts (learning/reference-texts.ts). */
  lexicon?: Lexicon;
}

export const DEFAULT_SIMILAR_OPTIONS: SimilarIndexOptions = { keep: 128, probe: 240, idfSample: 30_000, charWeight: 1.5, rerank: 200, pivotWeight: 1 };

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
  /** The lexicon of the pivot block (null: no pivot block). */
  readonly lexicon: Lexicon | null;
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

/** The pivot terms hash apart from the words: this prefix never starts a normalised word. */
const PIVOT = 0x2192;

/**
 * One text's feature counts at a time, in typed arrays reused from text to text: words (unstemmed
 * unigrams) hashed as `wordIndex` hashes them and character n-grams of each word padded with a space
 * either side as `charIndex` hashes them, computed from the character codes without making a string
 * per n-gram (a text has about three n-grams per character); with a lexicon, the text's pivot terms
 * (its meaning in English stems: decision 0023) hashed as `wordIndex` hashes "→term". Word features
 * first, then characters, then pivot terms, each in the order first met.
 */
class FeatureCounter {
  /** Per feature: its count in the current text (zero elsewhere). */
  private readonly counts: Int32Array;
  /** The current text's features: words at 0..words-1, characters after them up to `charEnd`, pivot terms up to `size`. */
  ids = new Int32Array(1024);
  private chars = new Int32Array(4096);
  words = 0;
  charEnd = 0;
  size = 0;
  private charCount = 0;
  private readonly wordMask: number;
  private readonly charMask: number;
  private readonly charBase: number;
  private readonly cMin: number;
  private readonly cMax: number;

  constructor(readonly options: FeatureOptions, readonly lexicon: Lexicon | null = null) {
    this.counts = new Int32Array((1 << options.wordBits) + (1 << options.charBits));
    this.wordMask = (1 << options.wordBits) - 1;
    this.charMask = (1 << options.charBits) - 1;
    this.charBase = 1 << options.wordBits;
    [this.cMin, this.cMax] = options.charNgrams;
  }

  count(feature: number): number {
    return this.counts[feature];
  }

  /**
   * Counts the features of a normalised text (tokens: `tokenise`'s, words of two characters or more), in `language`
   * when known (the lexicon's pivot terms depend on it; unknown: guessed).
   */
  read(folded: string, language?: string | null): void {
    this.clear();
    let start = 0;
    for (let i = 0; i <= folded.length; i++) {
      if (i < folded.length && folded.charCodeAt(i) !== 32) continue;
      if (i - start > 1) this.token(folded, start, i);
      start = i + 1;
    }
    // Words, then characters, in one list.
    if (this.ids.length < this.words + this.charCount) {
      const grown = new Int32Array(Math.max(this.ids.length * 2, this.words + this.charCount));
      grown.set(this.ids.subarray(0, this.words));
      this.ids = grown;
    }
    this.ids.set(this.chars.subarray(0, this.charCount), this.words);
    this.charEnd = this.words + this.charCount;
    this.size = this.charEnd;
    if (this.lexicon) for (const term of this.lexicon.pivot(folded, language)) this.pivot(term);
  }

  private pivot(term: string): void {
    let h = Math.imul(WORD_SEED ^ PIVOT, FNV_PRIME) >>> 0;
    for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), FNV_PRIME) >>> 0;
    const p = h & this.wordMask;
    // A bucket this text already counts (the same term again, or a word's: 20 in 262,144) only counts once more.
    if (this.counts[p]++ === 0) {
      if (this.size === this.ids.length) this.ids = grow(this.ids);
      this.ids[this.size++] = p;
    }
  }

  private clear(): void {
    for (let k = 0; k < this.size; k++) this.counts[this.ids[k]] = 0;
    this.words = 0;
    this.charCount = 0;
    this.charEnd = 0;
    this.size = 0;
  }

  private token(folded: string, start: number, end: number): void {
    let h = WORD_SEED;
    for (let i = start; i < end; i++) h = Math.imul(h ^ folded.charCodeAt(i), FNV_PRIME) >>> 0;
    const w = h & this.wordMask;
    if (this.counts[w]++ === 0) {
      if (this.words === this.ids.length) this.ids = grow(this.ids);
      this.ids[this.words++] = w;
    }
    // The word padded with a space either side: position j of ` word ` is a space at 0 and m - 1.
    const m = end - start + 2;
    for (let i = 0; i < m; i++) {
      h = CHAR_SEED;
      const last = Math.min(m, i + this.cMax);
      for (let j = i; j < last; j++) {
        h = Math.imul(h ^ (j === 0 || j === m - 1 ? 32 : folded.charCodeAt(start + j - 1)), FNV_PRIME) >>> 0;
        if (j - i + 1 < this.cMin) continue;
        const c = this.charBase + (h & this.charMask);
        if (this.counts[c]++ === 0) {
          if (this.charCount === this.chars.length) this.chars = grow(this.chars);
          this.chars[this.charCount++] = c;
        }
      }
    }
  }
}

function grow(array: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** 1 + ln(count) for small counts (sublinear tf). */
const SUBLINEAR = Float64Array.from({ length: 64 }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));
const sublinear = (c: number) => (c < 64 ? SUBLINEAR[c] : 1 + Math.log(c));

/** The weights of the blocks after the words (1): characters and pivot terms. */
interface BlockWeights {
  charWeight: number;
  pivotWeight: number;
}

/** Per block (words, characters, pivot terms), while one text is weighed: reused from text to text (no garbage). */
const blockSums = new Float64Array(3);
const blockDots = new Float64Array(3);
const blockScaleOf = new Float64Array(3);

/**
 * The counted text's squared TF-IDF norm per block into blockSums (and its dot product with `query` per block into
 * blockDots), then the scale of each block's weights into blockScaleOf.
 */
function blockScales(counter: FeatureCounter, idf: Float32Array, blocks: BlockWeights, query: Float32Array | null): void {
  const { ids, words, charEnd, size } = counter;
  blockSums.fill(0);
  blockDots.fill(0);
  for (let k = 0; k < size; k++) {
    const f = ids[k];
    const v = sublinear(counter.count(f)) * idf[f];
    const b = k < words ? 0 : k < charEnd ? 1 : 2;
    blockSums[b] += v * v;
    if (query) blockDots[b] += v * query[f];
  }
  const weightOf = (b: number) => (b === 0 ? 1 : b === 1 ? blocks.charWeight : blocks.pivotWeight);
  let total = 0;
  for (let b = 0; b < 3; b++) if (blockSums[b] > 0) total += weightOf(b) ** 2;
  const norm = total > 0 ? 1 / Math.sqrt(total) : 0;
  for (let b = 0; b < 3; b++) blockScaleOf[b] = blockSums[b] > 0 ? (norm * weightOf(b)) / Math.sqrt(blockSums[b]) : 0;
}

/**
 * The counted text's TF-IDF weights into `values` (beside `counter.ids`): each block (words,
 * characters, pivot terms) unit length, weighed 1, `charWeight` and `pivotWeight`, the whole unit length. Returns `values`.
 */
function weighCounted(counter: FeatureCounter, idf: Float32Array, blocks: BlockWeights, values: Float32Array): Float32Array {
  const { ids, words, charEnd, size } = counter;
  blockScales(counter, idf, blocks, null);
  for (let k = 0; k < size; k++) values[k] = sublinear(counter.count(ids[k])) * idf[ids[k]] * blockScaleOf[k < words ? 0 : k < charEnd ? 1 : 2];
  return values;
}

/** The dot product of the counted text's weights (as weighCounted gives them) with `query` (a weight per feature). */
function dotCounted(counter: FeatureCounter, idf: Float32Array, blocks: BlockWeights, query: Float32Array): number {
  blockScales(counter, idf, blocks, query);
  return blockScaleOf[0] * blockDots[0] + blockScaleOf[1] * blockDots[1] + blockScaleOf[2] * blockDots[2];
}

/**
 * The positions of the `k` largest of `values[0..n)` into `out` (ties: the earlier first, as a
 * stable sort would keep them), in position order; returns how many. Linear: a selection of the
 * k-th largest value on a copy, then one pass.
 */
function heaviest(values: Float32Array, n: number, k: number, out: Int32Array, work: Float32Array): number {
  if (n <= k) {
    for (let i = 0; i < n; i++) out[i] = i;
    return n;
  }
  work.set(values.subarray(0, n));
  const threshold = kthLargest(work, n, k);
  let above = 0;
  for (let i = 0; i < n; i++) if (values[i] > threshold) above++;
  let ties = k - above;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v > threshold || (v === threshold && ties-- > 0)) out[m++] = i;
  }
  return m;
}

/** The k-th largest (1-based) of a[0..n), reordering a (Hoare's selection, middle pivot). */
function kthLargest(a: Float32Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const x = a[i];
        a[i] = a[j];
        a[j] = x;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target];
  }
  return a[target];
}

/** Document frequencies over a sample of the normalised texts, as the idf TextVectoriser weighs with. */
function fitIdf(texts: string[], language: (t: number) => string, options: FeatureOptions, sample: number, counter: FeatureCounter): TextVectoriser {
  const dimension = (1 << options.wordBits) + (1 << options.charBits);
  const df = new Uint32Array(dimension);
  const step = Math.max(1, texts.length / sample);
  let n = 0;
  for (let x = 0; x < texts.length; x += step) {
    const t = Math.floor(x);
    counter.read(texts[t], language(t));
    for (let k = 0; k < counter.size; k++) df[counter.ids[k]]++;
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
  /** Per text: where its kept features start in keptFeature / keptWeight. */
  const textKept = new Int32Array(texts.length + 1);
  const lexicon = opts.pivotWeight > 0 ? (opts.lexicon ?? referenceLexicon()) : null;
  const counter = new FeatureCounter(features, lexicon);
  const languageOf = (t: number) => languages.keys[textLanguageList[t]];
  const vectoriser = fitIdf(texts, languageOf, features, opts.idfSample, counter);
  const blocks: BlockWeights = { charWeight: features.charWeight, pivotWeight: opts.pivotWeight };

  // Each text's heaviest features, then the lists by a counting sort on the feature.
  const dimension = vectoriser.dimension;
  const counts = new Int32Array(dimension + 1);
  const keptFeature = new Int32Array(texts.length * opts.keep);
  const keptWeight = new Float32Array(texts.length * opts.keep);
  let values = new Float32Array(1024);
  let work = new Float32Array(1024);
  const top = new Int32Array(opts.keep);
  let kept = 0;
  for (let t = 0; t < texts.length; t++) {
    counter.read(texts[t], languageOf(t));
    if (values.length < counter.size) {
      values = new Float32Array(counter.ids.length);
      work = new Float32Array(counter.ids.length);
    }
    weighCounted(counter, vectoriser.idf, blocks, values);
    const m = heaviest(values, counter.size, opts.keep, top, work);
    for (let k = 0; k < m; k++) {
      const f = counter.ids[top[k]];
      keptFeature[kept] = f;
      keptWeight[kept++] = values[top[k]];
      counts[f + 1]++;
    }
    textKept[t + 1] = kept;
  }
  for (let f = 0; f < dimension; f++) counts[f + 1] += counts[f];
  const offsets = counts;
  const total = offsets[dimension];
  const postings = new Int32Array(total);
  const weights = new Float32Array(total);
  const fill = offsets.slice(0, dimension);
  for (let t = 0; t < texts.length; t++) {
    for (let k = textKept[t]; k < textKept[t + 1]; k++) {
      const at = fill[keptFeature[k]]++;
      postings[at] = t;
      weights[at] = keptWeight[k];
    }
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
    options: opts, vectoriser, lexicon, records: n, texts: texts.length, ids, state, mechanism, region, status,
    states, mechanisms, regions, statuses, byKey,
    textRecord: Int32Array.from(textRecordList), textLanguage: Int32Array.from(textLanguageList), languages,
    offsets, postings, weights, normalised: texts, firstText: Int32Array.from(firstTextList),
  };
}

/**
 * A record of a State's copy (`iso3`, `id`) or of a UHRI id, as the index holds it: its State and
 * its text in `language` if it has one, else its first (normalised).
 */
export function findIndexed(index: SimilarIndex, key: { iso3: string; id: number } | { uhriId: string }, language?: string): { iso3: string; id: number; normalised: string; language: string } | undefined {
  const r = index.byKey.get('uhriId' in key ? `uhri:${key.uhriId}` : `${key.iso3}:${key.id}`);
  if (r === undefined) return undefined;
  let t = index.firstText[r];
  for (let u = t; u < index.texts && index.textRecord[u] === r; u++) if (index.languages.keys[index.textLanguage[u]] === language) t = u;
  return { iso3: index.states.keys[index.state[r]], id: index.ids[r], normalised: index.normalised[t], language: index.languages.keys[index.textLanguage[t]] };
}

/** Approximate memory of the index's arrays, in bytes (the records' texts, held by the caller, aside). */
export function similarIndexBytes(index: SimilarIndex): number {
  let text = 0;
  for (const t of index.normalised) text += t.length;
  return index.offsets.byteLength + index.postings.byteLength + index.weights.byteLength + index.vectoriser.idf.byteLength
    + index.ids.byteLength + index.state.byteLength * 4 + index.textRecord.byteLength * 3 + text;
}

/**
 * What a query works with, reused from query to query (one query runs at a time: the function is
 * synchronous): sized to the index it last ran on, grown when a larger one comes.
 */
interface Scratch {
  counter: FeatureCounter;
  /** The query's weight of every feature it has (zero elsewhere), while a query runs. */
  query: Float32Array;
  values: Float32Array;
  work: Float32Array;
  probe: Int32Array;
  /** Per text: its partial score (kept features); -Infinity for a text the filters leave out. */
  score: Float32Array;
  touched: Int32Array;
  candidates: Int32Array;
  candidateScores: Float32Array;
  /** Per record: its best text's similarity and that text's language. */
  best: Float32Array;
  bestLanguage: Int32Array;
  records: Int32Array;
}
let scratch: Scratch | null = null;

function scratchFor(index: SimilarIndex): Scratch {
  const options = index.vectoriser.options;
  if (!scratch || scratch.counter.options !== options || scratch.counter.lexicon !== index.lexicon) {
    scratch = {
      counter: new FeatureCounter(options, index.lexicon), query: new Float32Array(index.vectoriser.dimension), values: new Float32Array(1024), work: new Float32Array(1024),
      probe: new Int32Array(0), score: new Float32Array(0), touched: new Int32Array(0), candidates: new Int32Array(0), candidateScores: new Float32Array(0),
      best: new Float32Array(0), bestLanguage: new Int32Array(0), records: new Int32Array(0),
    };
  }
  if (scratch.score.length < index.texts) {
    scratch.score = new Float32Array(index.texts);
    scratch.touched = new Int32Array(index.texts);
    scratch.candidates = new Int32Array(index.texts);
    scratch.candidateScores = new Float32Array(index.texts);
  }
  if (scratch.best.length < index.records) {
    scratch.best = new Float32Array(index.records);
    scratch.bestLanguage = new Int32Array(index.records);
    scratch.records = new Int32Array(index.records);
  }
  return scratch;
}

/** Weighs the query into `s.query` (every feature) and its `probe` heaviest into `s.probe`; returns how many probes. */
function weighQuery(index: SimilarIndex, s: Scratch, folded: string, language?: string | null): number {
  s.counter.read(folded, language);
  const size = s.counter.size;
  if (s.values.length < size) {
    s.values = new Float32Array(s.counter.ids.length);
    s.work = new Float32Array(s.counter.ids.length);
  }
  if (s.probe.length < size) s.probe = new Int32Array(s.counter.ids.length);
  weighCounted(s.counter, index.vectoriser.idf, blocksOf(index), s.values);
  for (let k = 0; k < size; k++) s.query[s.counter.ids[k]] = s.values[k];
  const m = heaviest(s.values, size, index.options.probe, s.probe, s.work);
  for (let k = 0; k < m; k++) s.probe[k] = s.counter.ids[s.probe[k]];
  return m;
}

const blocksOf = (index: SimilarIndex): BlockWeights => ({ charWeight: index.vectoriser.options.charWeight, pivotWeight: index.options.pivotWeight });

/** Clears the query's weights (the counter still holds its features). */
function forgetQuery(s: Scratch, features: Int32Array, size: number): void {
  for (let k = 0; k < size; k++) s.query[features[k]] = 0;
}

/** Postings a query reads: the lengths of the lists of its probed features (for the benchmark's account of a query's cost). */
export function probedPostings(index: SimilarIndex, query: SimilarQuery): number {
  const s = scratchFor(index);
  const m = weighQuery(index, s, query.normalised ?? normalise(query.text ?? ''), query.language);
  let sum = 0;
  for (let k = 0; k < m; k++) sum += index.offsets[s.probe[k] + 1] - index.offsets[s.probe[k]];
  forgetQuery(s, s.counter.ids, s.counter.size);
  return sum;
}

/**
 * The records of other States most like `query`, best first: each with its similarity (the dot
 * product of the query's unit vector with the record's best text's, all features) and the language
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

  const s = scratchFor(index);
  const probes = weighQuery(index, s, query.normalised ?? normalise(query.text ?? ''), query.language);
  // The query's features, kept apart: the counter measures the candidates next.
  const querySize = s.counter.size;
  const queryFeatures = s.counter.ids.slice(0, querySize);
  const { offsets, postings, weights, textRecord } = index;
  const { score, touched } = s;
  const filtered = exclude !== null || region !== null || mechanism !== null || status !== null;
  let touchedCount = 0;
  // Partial scores over the kept features of the probed lists; a text the filters leave out is marked once.
  for (let k = 0; k < probes; k++) {
    const f = s.probe[k];
    const q = s.query[f];
    for (let at = offsets[f], end = offsets[f + 1]; at < end; at++) {
      const t = postings[at];
      if (score[t] === 0) {
        touched[touchedCount++] = t;
        if (filtered) {
          const r = textRecord[t];
          if ((exclude !== null && index.state[r] === exclude) || (region !== null && index.region[r] !== region)
            || (mechanism !== null && index.mechanism[r] !== mechanism) || (status !== null && index.status[r] !== status)) {
            score[t] = Number.NEGATIVE_INFINITY;
            continue;
          }
        }
      }
      score[t] += q * weights[at];
    }
  }
  // The candidates: the texts with a score.
  let candidateCount = 0;
  for (let i = 0; i < touchedCount; i++) {
    const t = touched[i];
    if (score[t] > 0) {
      s.candidates[candidateCount] = t;
      s.candidateScores[candidateCount++] = score[t];
    }
    score[t] = 0;
  }
  // The best `rerank` of them by that score.
  const chosen = heaviest(s.candidateScores, candidateCount, index.options.rerank, s.touched, s.work.length >= candidateCount ? s.work : (s.work = new Float32Array(candidateCount)));
  // Each measured again on all its features; a record takes its best text's.
  const { best, bestLanguage } = s;
  let recordCount = 0;
  const idf = index.vectoriser.idf;
  const blocks = blocksOf(index);
  for (let c = 0; c < chosen; c++) {
    const t = s.candidates[s.touched[c]];
    s.counter.read(index.normalised[t], index.languages.keys[index.textLanguage[t]]);
    const similarity = dotCounted(s.counter, idf, blocks, s.query);
    if (similarity < floor) continue;
    const r = textRecord[t];
    if (best[r] === 0) s.records[recordCount++] = r;
    if (similarity > best[r]) {
      best[r] = similarity;
      bestLanguage[r] = index.textLanguage[t];
    }
  }
  forgetQuery(s, queryFeatures, querySize);
  const found = Array.from(s.records.subarray(0, recordCount));
  found.sort((a, b) => best[b] - best[a] || index.state[a] - index.state[b] || index.ids[a] - index.ids[b]);
  const hits = found.slice(0, limit).map((r) => ({
    iso3: index.states.keys[index.state[r]], id: index.ids[r], similarity: Math.round(best[r] * 1000) / 1000,
    language: index.languages.keys[bestLanguage[r]],
  }));
  for (const r of found) best[r] = 0;
  return hits;
}
