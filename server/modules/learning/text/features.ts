import { stemmer as stemEnglish } from '@orama/stemmers/english';
import { stemmer as stemFrench } from '@orama/stemmers/french';
import { stemmer as stemPortuguese } from '@orama/stemmers/portuguese';
import { stemmer as stemSpanish } from '@orama/stemmers/spanish';
import { foldText, isTreatyToken, normalise, normaliseKeepingAccents, tokenise } from './normalise';
import { type SparseVector, l2Normalise } from './vector';

/** One text to turn into features; language (en, es, fr, pt) picks the stemmer when stemming is on. */
export interface TextDocument {
  text: string;
  language?: string | null;
}

export interface FeatureOptions {
  /** Word n-gram lengths, inclusive. Default [1, 2]. */
  wordNgrams: [number, number];
  /** Character n-gram lengths inside each word padded with a space either side. Default [3, 5]. */
  charNgrams: [number, number];
  /** Words are hashed into 2^wordBits buckets, character n-grams into 2^charBits after them. */
  wordBits: number;
  charBits: number;
  /** Snowball stemming of word features in the document's language (en, es, fr, pt). Default true. */
  stem: boolean;
  /** Term frequency as 1 + ln(count) instead of the count. Default true. */
  sublinearTf: boolean;
  /** Weight of the character block against the word block (each is unit length before). Default 1. */
  charWeight: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  wordNgrams: [1, 2],
  charNgrams: [3, 5],
  wordBits: 18,
  charBits: 19,
  stem: true,
  sublinearTf: true,
  charWeight: 1,
};

const STEMMERS: Record<string, (word: string) => string> = {
  en: stemEnglish,
  es: stemSpanish,
  fr: stemFrench,
  pt: stemPortuguese,
};

/** The Snowball stemmer of a language (en, es, fr, pt; a longer tag by its first two letters), if there is one. */
export function stemmerOf(language: string): ((word: string) => string) | undefined {
  return STEMMERS[language.slice(0, 2).toLowerCase()];
}

/** The seeds fnv1a hashes words and character n-grams with (exported for code that hashes without making the strings). */
export const WORD_SEED = 0x811c9dc5;
export const CHAR_SEED = 0x050c5d1f;
/** FNV-1a's 32-bit prime, as fnv1a multiplies by it. */
export const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of a string's UTF-16 code units, with a seed so words and characters hash apart. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The word n-grams (stemmed when asked) and character n-grams of one text, as strings; `surfaces`
 * holds each word n-gram as written (lower case, with its accents), for showing to people.
 */
export function analyse(
  doc: TextDocument,
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): { words: string[]; chars: string[]; surfaces: string[] } {
  const tokens = tokenise(normalise(doc.text));
  const accented = tokenise(normaliseKeepingAccents(doc.text));
  const stem = options.stem && doc.language ? STEMMERS[doc.language.slice(0, 2).toLowerCase()] : undefined;
  let stems = tokens;
  if (stem) {
    // Stemmers need the accents; the accented words line up one to one with the folded ones.
    stems = tokens.map((t, k) => (isTreatyToken(t) || /\d/.test(t) ? t : foldText(stem(accented[k] ?? t)) || t));
  }
  const words: string[] = [];
  const surfaces: string[] = [];
  const [wMin, wMax] = options.wordNgrams;
  for (let n = wMin; n <= wMax; n++) {
    for (let i = 0; i + n <= stems.length; i++) {
      words.push(n === 1 ? stems[i] : stems.slice(i, i + n).join(' '));
      surfaces.push(
        n === 1 ? (accented[i] ?? tokens[i]) : (accented.length === tokens.length ? accented : tokens).slice(i, i + n).join(' '),
      );
    }
  }
  const chars: string[] = [];
  const [cMin, cMax] = options.charNgrams;
  for (const token of tokens) {
    const padded = ` ${token} `;
    for (let n = cMin; n <= cMax; n++) {
      for (let i = 0; i + n <= padded.length; i++) chars.push(padded.slice(i, i + n));
    }
  }
  return { words, chars, surfaces };
}

/** Index of a word n-gram in the hashed space. */
export const wordIndex = (gram: string, options: FeatureOptions): number => fnv1a(gram, WORD_SEED) & ((1 << options.wordBits) - 1);
/** Index of a character n-gram: after the word block. */
export const charIndex = (gram: string, options: FeatureOptions): number =>
  (1 << options.wordBits) + (fnv1a(gram, CHAR_SEED) & ((1 << options.charBits) - 1));

/** Raw counts per hashed index, words and characters apart. */
function count(doc: TextDocument, options: FeatureOptions): { words: Map<number, number>; chars: Map<number, number> } {
  const { words, chars } = analyse(doc, options);
  const w = new Map<number, number>();
  for (const gram of words) {
    const i = wordIndex(gram, options);
    w.set(i, (w.get(i) ?? 0) + 1);
  }
  const c = new Map<number, number>();
  for (const gram of chars) {
    const i = charIndex(gram, options);
    c.set(i, (c.get(i) ?? 0) + 1);
  }
  return { words: w, chars: c };
}

/**
 * TF-IDF over hashed word and character n-grams. fit() learns the inverse document frequencies
 * (smooth: ln((1 + n) / (1 + df)) + 1, as scikit-learn does); transform() gives a unit-length
 * vector whose word block and character block are each unit length before they are weighted and
 * joined. Indices unseen in fitting get the idf of a term seen in no document.
 */
export class TextVectoriser {
  readonly options: FeatureOptions;
  readonly idf: Float32Array;
  readonly documents: number;

  constructor(options: FeatureOptions, idf: Float32Array, documents: number) {
    this.options = options;
    this.idf = idf;
    this.documents = documents;
  }

  get dimension(): number {
    return (1 << this.options.wordBits) + (1 << this.options.charBits);
  }

  static fit(docs: Iterable<TextDocument>, options: Partial<FeatureOptions> = {}): TextVectoriser {
    return TextVectoriser.fitTransform(docs, options).vectoriser;
  }

  /** Fits the idf and returns every document's vector, counting each text once. */
  static fitTransform(
    docs: Iterable<TextDocument>,
    options: Partial<FeatureOptions> = {},
  ): { vectoriser: TextVectoriser; vectors: SparseVector[] } {
    const opts = { ...DEFAULT_FEATURE_OPTIONS, ...options };
    const dimension = (1 << opts.wordBits) + (1 << opts.charBits);
    const df = new Uint32Array(dimension);
    const counts: ReturnType<typeof count>[] = [];
    for (const doc of docs) {
      const c = count(doc, opts);
      for (const i of c.words.keys()) df[i]++;
      for (const i of c.chars.keys()) df[i]++;
      counts.push(c);
    }
    const n = counts.length;
    const idf = new Float32Array(dimension);
    for (let i = 0; i < dimension; i++) idf[i] = Math.log((1 + n) / (1 + df[i])) + 1;
    const vectoriser = new TextVectoriser(opts, idf, n);
    return { vectoriser, vectors: counts.map((c) => vectoriser.weigh(c)) };
  }

  transform(doc: TextDocument): SparseVector {
    return this.weigh(count(doc, this.options));
  }

  /** The words as written behind each word index of a document (for explaining a prediction). */
  wordTerms(doc: TextDocument): Map<number, string> {
    const terms = new Map<number, string>();
    const { words, surfaces } = analyse(doc, this.options);
    words.forEach((gram, k) => {
      const i = wordIndex(gram, this.options);
      if (!terms.has(i)) terms.set(i, surfaces[k]);
    });
    return terms;
  }

  private block(counts: Map<number, number>, weight: number): [number, number][] {
    const entries: [number, number][] = [];
    let sum = 0;
    for (const [i, c] of counts) {
      const v = (this.options.sublinearTf ? 1 + Math.log(c) : c) * this.idf[i];
      entries.push([i, v]);
      sum += v * v;
    }
    const scale = sum > 0 ? weight / Math.sqrt(sum) : 0;
    for (const e of entries) e[1] *= scale;
    return entries;
  }

  private weigh(c: { words: Map<number, number>; chars: Map<number, number> }): SparseVector {
    const entries = [...this.block(c.words, 1), ...this.block(c.chars, this.options.charWeight)];
    entries.sort((a, b) => a[0] - b[0]);
    const indices = Uint32Array.from(entries, (e) => e[0]);
    const values = Float32Array.from(entries, (e) => e[1]);
    return l2Normalise({ indices, values });
  }

  /** Bytes to store with a model: options as JSON, document count and the idf array. */
  serialise(): Uint8Array {
    const header = new TextEncoder().encode(JSON.stringify({ options: this.options, documents: this.documents }));
    const out = new Uint8Array(4 + header.length + this.idf.byteLength);
    new DataView(out.buffer).setUint32(0, header.length, true);
    out.set(header, 4);
    out.set(new Uint8Array(this.idf.buffer, this.idf.byteOffset, this.idf.byteLength), 4 + header.length);
    return out;
  }

  static deserialise(bytes: Uint8Array): TextVectoriser {
    const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as { options: FeatureOptions; documents: number };
    const idfBytes = bytes.slice(4 + length);
    return new TextVectoriser(header.options, new Float32Array(idfBytes.buffer, 0, idfBytes.byteLength / 4), header.documents);
  }
}
