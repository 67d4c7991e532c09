/**
 * Finding recommendations that ask the same thing, in memory: no database,
 * so the job (related.job.ts, in a worker thread) and the benchmark run the
 * same code.
 *
 * Blocking: only recommendations about the same State are compared (every
 * kind of link is about one State), so a scan is a set of small problems
 * (in the UPR Info corpus, at most a few hundred records a State).
 * Within a block:
 *  - texts in the same language are compared by word TF-IDF (stemmed words, treaties
 *    and their acronyms folded to one token by the text module: "CAT" and "Convention
 *    against Torture" match), scored by similarityOf: the mean of the cosine and of
 *    the containment of one text in the other. Candidate pairs come from an
 *    inverted index over the sparse vectors: a record meets only the records that
 *    share a term with it, never the whole block. The idf is fitted per block, so
 *    rescanning one State after an edit gives exactly what a whole scan gives.
 *  - texts in different languages are compared by character 3–5-grams. Their
 *    cosines are low and vary by language pair (about 0.22 for a true pair against
 *    0.11 for the best wrong one on the SDG targets), so no fixed threshold links
 *    them: a pair that is each other's best match in the other's language becomes
 *    a `candidate` for a person to confirm.
 * The kind follows from the pair: same document (same review, or the same symbol)
 * → duplicate; same mechanism, another document → recurrence; another
 * mechanism → similar.
 */
import { referenceLexicon } from '../learning/reference-texts';
import { keepLargest, type Lexicon, normalise, type SparseVector, TextVectoriser } from '../learning/text';
import type { RelatedKind } from '../../../shared/related';

/** What the scan needs of a recommendation. */
export interface ScanRecord {
  id: number;
  /** States under review (ISO alpha-3): the blocks it belongs to. */
  countries: string[];
  mechanismId: number;
  /** The review or document it comes from: recommendations sharing it are duplicates, not recurrences. */
  document: string;
  /** Original language (en, es, fr, pt, …) and the text in it. */
  language: string;
  text: string;
}

export interface ScanSettings {
  /** Pairs below this similarity are not kept at all. */
  floor: number;
  /** From this similarity on, a pair of each kind is `linked`; between the floor and it, `candidate`. */
  linked: Record<RelatedKind, number>;
  /** Best partners kept per record and kind (a bundle of asks may recur several earlier ones; a vague one matches many). */
  perRecord: number;
  /** Cross-language pairs (mutual best matches) below this character cosine are not kept. */
  crossLanguageFloor: number;
}

/**
 * The thresholds, tuned on the tuning half of the labelled UPR Info sample
 * (bench/data/related-pairs.json; `npm run bench:related` prints the value
 * its rule finds there: the lowest similarity from which no pair of the tuning
 * half is wrongly linked) and checked on the evaluation half only: `linked` at
 * least 95% precise. The sample holds recurrences and duplicates of the UPR;
 * `similar` (another mechanism, same language) takes the same threshold, not
 * validated apart. The floor keeps the candidates a person may still want.
 */
export const SCAN_SETTINGS: ScanSettings = {
  floor: 0.35,
  linked: { duplicate: 0.52, recurrence: 0.52, similar: 0.52 },
  perRecord: 5,
  crossLanguageFloor: 0.05,
};

/** Changes when the method or the thresholds change: the job then rescans everything. */
export const SCAN_VERSION = 'words-1';

/** Word features only (stemmed words; pairs of words diluted the asks), in a small hashed space: the character block is empty. */
const WORD_OPTIONS = { wordNgrams: [1, 1] as [number, number], charNgrams: [6, 5] as [number, number], charBits: 1, charWeight: 0 };
/** Character 3–5-grams only, for texts in different languages. */
/** Character n-grams each record keeps for the cross-language comparison. */
const CROSS_FEATURES = 400;
const CHAR_OPTIONS = { wordNgrams: [2, 1] as [number, number], charNgrams: [3, 5] as [number, number], wordBits: 1, stem: false };
/** The pivot terms (a text's meaning in English stems through the lexicon, decision 0023) as words only. */
const PIVOT_OPTIONS = { wordNgrams: [1, 1] as [number, number], charNgrams: [6, 5] as [number, number], wordBits: 18, charBits: 1, stem: false };
/** Where the pivot block's indices start: past every index of the character block (2 + 2^19). */
const PIVOT_OFFSET = 2 ** 20;

export interface FoundPair {
  low: number;
  high: number;
  kind: RelatedKind;
  similarity: number;
  state: 'linked' | 'candidate';
}

export function kindOf(a: ScanRecord, b: ScanRecord): RelatedKind {
  if (a.document === b.document) return 'duplicate';
  if (a.mechanismId === b.mechanismId) return 'recurrence';
  return 'similar';
}

/** The records of each State. */
export function blocksOf(records: Iterable<ScanRecord>): Map<string, ScanRecord[]> {
  const blocks = new Map<string, ScanRecord[]>();
  for (const record of records) {
    for (const country of new Set(record.countries)) {
      let block = blocks.get(country);
      if (!block) blocks.set(country, (block = []));
      block.push(record);
    }
  }
  return blocks;
}

/** Each record's word vector within its block (idf fitted on the block). */
export function wordVectors(block: ScanRecord[]): SparseVector[] {
  return dropZeros(TextVectoriser.fitTransform(block.map((r) => ({ text: r.text, language: r.language })), WORD_OPTIONS).vectors);
}

function dropZeros(vectors: SparseVector[]): SparseVector[] {
  return vectors.map((v) => {
    let n = 0;
    for (let k = 0; k < v.values.length; k++) if (v.values[k] !== 0) n++;
    if (n === v.values.length) return v;
    const indices = new Uint32Array(n);
    const values = new Float32Array(n);
    for (let k = 0, m = 0; k < v.values.length; k++) {
      if (v.values[k] !== 0) {
        indices[m] = v.indices[k];
        values[m++] = v.values[k];
      }
    }
    return { indices, values };
  });
}

interface Scored { other: number; similarity: number; kind: RelatedKind }

/** A pair of records of a block (j < i) with their dot product and the share of each one's weight on the terms they share. */
type Met = [j: number, i: number, dot: number, sharedOfJ: number, sharedOfI: number];

/**
 * The pairs of a block whose dot product reaches the floor, through an
 * inverted index: for each record, the sums over the terms it shares with each
 * earlier record are accumulated from the terms' postings, so a record only
 * meets the records that share a term with it.
 */
function indexedPairs(vectors: SparseVector[], floor: number, accept: (j: number, i: number) => boolean): Met[] {
  const postings = new Map<number, { docs: number[]; weights: number[] }>();
  const dots = new Float64Array(vectors.length);
  const sharedOfJ = new Float64Array(vectors.length);
  const sharedOfI = new Float64Array(vectors.length);
  const touched: number[] = [];
  const pairs: Met[] = [];
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i];
    for (let k = 0; k < v.indices.length; k++) {
      const list = postings.get(v.indices[k]);
      if (!list) continue;
      const weight = v.values[k];
      for (let p = 0; p < list.docs.length; p++) {
        const j = list.docs[p];
        const other = list.weights[p];
        if (dots[j] === 0 && sharedOfJ[j] === 0) touched.push(j);
        dots[j] += weight * other;
        sharedOfJ[j] += other * other;
        sharedOfI[j] += weight * weight;
      }
    }
    for (const j of touched) {
      if (similarityOf(dots[j], sharedOfJ[j], sharedOfI[j]) >= floor && accept(j, i)) {
        pairs.push([j, i, Math.min(1, dots[j]), Math.min(1, sharedOfJ[j]), Math.min(1, sharedOfI[j])]);
      }
      dots[j] = 0;
      sharedOfJ[j] = 0;
      sharedOfI[j] = 0;
    }
    touched.length = 0;
    for (let k = 0; k < v.indices.length; k++) {
      let list = postings.get(v.indices[k]);
      if (!list) postings.set(v.indices[k], (list = { docs: [], weights: [] }));
      list.docs.push(i);
      list.weights.push(v.values[k]);
    }
  }
  return pairs;
}

/**
 * The similarity of two texts in one language, 0–1: the mean of their cosine
 * and of their containment, the larger share of one text's weight that lies on
 * words the other also has. Containment finds one ask inside a recommendation
 * that bundles several ("ratify CAT" in "ratify ICCPR, CEDAW and CAT"); the
 * cosine keeps two texts that merely share a few heavy words apart.
 */
export function similarityOf(dot: number, sharedOfA: number, sharedOfB: number): number {
  return (Math.min(1, dot) + Math.min(1, Math.max(sharedOfA, sharedOfB))) / 2;
}

/** The same similarity from two unit vectors (used to score a given pair without a scan). */
export function pairSimilarity(a: SparseVector, b: SparseVector): number {
  let dot = 0;
  let sharedOfA = 0;
  let sharedOfB = 0;
  for (let i = 0, j = 0; i < a.indices.length && j < b.indices.length;) {
    if (a.indices[i] === b.indices[j]) {
      dot += a.values[i] * b.values[j];
      sharedOfA += a.values[i] * a.values[i];
      sharedOfB += b.values[j] * b.values[j];
      i++;
      j++;
    } else if (a.indices[i] < b.indices[j]) i++;
    else j++;
  }
  return similarityOf(dot, sharedOfA, sharedOfB);
}

/**
 * Each record's nearest record in every other language of the block, by
 * character n-grams: [index, cosine]. Each character vector keeps its
 * CROSS_FEATURES heaviest n-grams (the rare ones that carry names and terms),
 * so the inverted index stays cheap on a block of thousands.
 */
export function nearestAcrossLanguages(block: ScanRecord[], floor: number, lexicon: Lexicon | null = referenceLexicon()): Map<string, [number, number]>[] {
  const best = block.map(() => new Map<string, [number, number]>());
  if (new Set(block.map((r) => r.language)).size < 2) return best;
  const chars = TextVectoriser.fitTransform(block.map((r) => ({ text: r.text })), CHAR_OPTIONS).vectors
    .map((v) => keepLargest(v, CROSS_FEATURES));
  const pivots = lexicon
    ? TextVectoriser.fitTransform(block.map((r) => ({ text: lexicon.pivot(normalise(r.text), r.language).join(' ') })), PIVOT_OPTIONS).vectors
    : null;
  const vectors = pivots ? chars.map((v, i) => withPivot(v, pivots[i])) : chars;
  for (const [i, j, similarity] of indexedPairs(vectors, floor, (a, b) => block[a].language !== block[b].language)) {
    const bi = best[i].get(block[j].language);
    if (!bi || similarity > bi[1] || (similarity === bi[1] && j < bi[0])) best[i].set(block[j].language, [j, similarity]);
    const bj = best[j].get(block[i].language);
    if (!bj || similarity > bj[1] || (similarity === bj[1] && i < bj[0])) best[j].set(block[i].language, [i, similarity]);
  }
  return best;
}

/** A text's character vector and its pivot vector side by side (each unit length, weighed alike), unit length. */
function withPivot(chars: SparseVector, pivot: SparseVector): SparseVector {
  if (pivot.indices.length === 0) return chars;
  const scale = chars.indices.length === 0 ? 1 : Math.SQRT1_2;
  const indices = new Uint32Array(chars.indices.length + pivot.indices.length);
  const values = new Float32Array(indices.length);
  chars.indices.forEach((index, k) => { indices[k] = index; values[k] = chars.values[k] * scale; });
  pivot.indices.forEach((index, k) => {
    indices[chars.indices.length + k] = PIVOT_OFFSET + index;
    values[chars.indices.length + k] = pivot.values[k] * scale;
  });
  return { indices, values };
}

/** Pairs across languages that are each other's best match in the other's language. */
function crossLanguagePairs(block: ScanRecord[], floor: number): [number, number, number][] {
  const best = nearestAcrossLanguages(block, floor);
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < block.length; i++) {
    for (const [j, similarity] of best[i].values()) {
      if (j > i && best[j].get(block[i].language)?.[0] === i) pairs.push([i, j, similarity]);
    }
  }
  return pairs;
}

/** Every pair the scan keeps in one block, each with its kind and state. */
export function scanBlock(block: ScanRecord[], settings: ScanSettings = SCAN_SETTINGS): FoundPair[] {
  const vectors = wordVectors(block);
  const kept = new Map<string, FoundPair>();
  // Each record keeps its best `perRecord` partners of each kind; a pair stays when either side keeps it.
  const byRecord = block.map(() => new Map<RelatedKind, Scored[]>());
  const add = (i: number, s: Scored) => {
    let list = byRecord[i].get(s.kind);
    if (!list) byRecord[i].set(s.kind, (list = []));
    list.push(s);
  };
  const sameLanguage = (i: number, j: number) => block[i].language === block[j].language && block[i].id !== block[j].id;
  for (const [i, j, dot, sharedOfI, sharedOfJ] of indexedPairs(vectors, settings.floor, sameLanguage)) {
    const similarity = similarityOf(dot, sharedOfI, sharedOfJ);
    const kind = kindOf(block[i], block[j]);
    add(i, { other: j, similarity, kind });
    add(j, { other: i, similarity, kind });
  }
  for (let i = 0; i < block.length; i++) {
    for (const list of byRecord[i].values()) {
      list.sort((a, b) => b.similarity - a.similarity || block[a.other].id - block[b.other].id);
      for (const s of list.slice(0, settings.perRecord)) {
        const low = Math.min(block[i].id, block[s.other].id);
        const high = Math.max(block[i].id, block[s.other].id);
        const state = s.similarity >= settings.linked[s.kind] ? 'linked' : 'candidate';
        kept.set(`${low}:${high}`, { low, high, kind: s.kind, similarity: round(s.similarity), state });
      }
    }
  }
  for (const [i, j, similarity] of crossLanguagePairs(block, settings.crossLanguageFloor)) {
    const low = Math.min(block[i].id, block[j].id);
    const high = Math.max(block[i].id, block[j].id);
    if (!kept.has(`${low}:${high}`)) kept.set(`${low}:${high}`, { low, high, kind: kindOf(block[i], block[j]), similarity: round(similarity), state: 'candidate' });
  }
  return [...kept.values()];
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Every pair of every block (of the States in `only`, when given: the records
 * must then hold those States' blocks whole); a pair met in two blocks (a
 * record about two States) is kept once, at its best.
 */
export function scanRecords(records: Iterable<ScanRecord>, settings: ScanSettings = SCAN_SETTINGS, only?: ReadonlySet<string>): FoundPair[] {
  const all = new Map<string, FoundPair>();
  for (const [country, block] of blocksOf(records)) {
    if (only && !only.has(country)) continue;
    for (const pair of scanBlock(block, settings)) {
      const key = `${pair.low}:${pair.high}`;
      const before = all.get(key);
      if (!before || pair.similarity > before.similarity) all.set(key, pair);
    }
  }
  return [...all.values()];
}
