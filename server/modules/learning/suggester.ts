/**
 * A label suggester for one field (themes, SDG goals, …): text features, one-vs-rest logistic
 * regression, calibrated confidence, bands, and the reasons shown with each suggestion.
 *
 * Training (trainSuggester):
 *   1. fit the TF-IDF on every text (records and reference texts: vocabulary names and
 *      descriptions, SDG target texts);
 *   2. hold back a share of the labelled records (never reference texts), train on the rest;
 *   3. on the held-back records: fit the calibration (Platt scaling, one slope and one offset for
 *      all labels), pick the one decision threshold that maximises micro-F1 (the top label always
 *      kept), and the `high` band threshold, the lowest confidence above which suggestions were
 *      at least `highPrecision` right; measure the quality shown to the secretariat;
 *   4. train again on everything with the same settings: that model is kept.
 *
 * Bands: `high` at or above the high threshold, `medium` at or above the decision threshold,
 * `low` below it.
 */
import { seededRandom } from '../../../shared/seeded-random';
import { LinearModel, mergeLabelRanges, sigmoid, type TrainingExample, type TrainOptions } from './classifier';
import { type FeatureOptions, keepLargest, type SparseVector, TextVectoriser } from './text';

export interface LabelledText {
  /** The record's id (reference texts: any negative number). */
  id: number;
  text: string;
  language?: string | null;
  labels: readonly string[];
  /** Labels a person rejected as suggestions for this record. */
  rejected?: readonly string[];
  /** A reference text (a label's own name or description): trained on, never held back or shown. */
  reference?: boolean;
}

export type Band = 'high' | 'medium' | 'low';

/**
 * The text a suggester reads: without the recommending States that UN lists append in brackets
 * ("… (France) (Lithuania);"). They say who asked, not what is asked, and a model learning them
 * would suggest by State.
 */
export function suggestionText(text: string): string {
  return text.replace(/(?:\s*\([^()]{1,200}\))+\s*[;.]?\s*$/u, '').trim() || text;
}

export interface Quality {
  /** Records held back and measured on. */
  heldBack: number;
  microF1: number;
  precisionAt1: number;
  recallAt5: number;
  /** Share of high-band suggestions that were right, and of records with at least one. */
  highPrecision: number;
  highCoverage: number;
}

export interface SuggesterSettings {
  features: Partial<FeatureOptions>;
  train: Partial<TrainOptions>;
  /** Share of labelled records held back to calibrate and measure. */
  heldBackShare: number;
  /** Precision the high band must reach on the held-back records. */
  highPrecision: number;
  /** Entries kept per example vector for "most similar" explanations. */
  exampleEntries: number;
  /** Train the final model's labels in this many parts (worker threads when trainPart is given). */
  parts: number;
}

export const DEFAULT_SETTINGS: SuggesterSettings = {
  features: {},
  train: {},
  heldBackShare: 0.1,
  highPrecision: 0.975,
  exampleEntries: 48,
  parts: 1,
};

/** Trains one label range on given examples; in production a worker thread, in tests the same function in process. */
export type TrainPart = (examples: readonly TrainingExample[], labelCount: number, options: Partial<TrainOptions>) => Promise<LinearModel>;

export interface Suggestion {
  label: string;
  confidence: number;
  band: Band;
  /** Ids of the three most similar records carrying the label, most similar first. */
  examples: number[];
  /** The words of the text that weighed most for the label. */
  words: string[];
}

interface Calibration {
  a: number;
  b: number;
}

/** Examples for explanations: record ids, compact vectors and labels in flat arrays. */
interface ExampleStore {
  ids: Float64Array;
  offsets: Uint32Array;
  indices: Uint32Array;
  values: Float32Array;
  labelOffsets: Uint32Array;
  labels: Uint16Array;
}

export class Suggester {
  constructor(
    readonly labels: readonly string[],
    readonly vectoriser: TextVectoriser,
    readonly model: LinearModel,
    readonly calibration: Calibration,
    readonly threshold: number,
    readonly highThreshold: number,
    readonly quality: Quality,
    readonly trainingSize: number,
    private readonly store: ExampleStore,
  ) {}

  /** Calibrated probability of every label for a vector. */
  probabilities(vector: SparseVector): Float64Array {
    const z = this.model.scores(vector);
    for (let l = 0; l < z.length; l++) z[l] = sigmoid(this.calibration.a * z[l] + this.calibration.b);
    return z;
  }

  /** The vector of a text, as trained (recommending States in brackets left out). */
  vector(doc: { text: string; language?: string | null }): SparseVector {
    return this.vectoriser.transform({ text: suggestionText(doc.text), language: doc.language });
  }

  band(confidence: number): Band {
    return confidence >= this.highThreshold ? 'high' : confidence >= this.threshold ? 'medium' : 'low';
  }

  /**
   * The best `limit` labels for a text, best first, with confidence, band and reasons. Labels in
   * `exclude` (already set, or rejected) are left out.
   */
  suggest(
    doc: { text: string; language?: string | null },
    limit = 5,
    exclude: ReadonlySet<string> = new Set(),
    explain = true,
  ): Suggestion[] {
    const vector = this.vector(doc);
    const p = this.probabilities(vector);
    const order = [...p.keys()]
      .filter((l) => !exclude.has(this.labels[l]))
      .sort((x, y) => p[y] - p[x])
      .slice(0, limit);
    const similar = explain ? this.similarities(vector) : null;
    const terms = explain ? this.vectoriser.wordTerms({ text: suggestionText(doc.text), language: doc.language }) : null;
    return order.map((l) => ({
      label: this.labels[l],
      confidence: p[l],
      band: this.band(p[l]),
      examples: similar ? this.nearestWithLabel(similar, l, 3) : [],
      words: terms ? this.topWords(vector, terms, l, 5) : [],
    }));
  }

  /** Postings of the stored examples: for each feature, the examples that have it and its value. */
  private postings: { features: Map<number, number>; starts: Uint32Array; examples: Uint32Array; values: Float32Array } | null = null;

  private examplePostings() {
    if (this.postings) return this.postings;
    const { offsets, indices, values } = this.store;
    const features = new Map<number, number>();
    const counts: number[] = [];
    for (const i of indices) {
      let f = features.get(i);
      if (f === undefined) {
        f = counts.length;
        features.set(i, f);
        counts.push(0);
      }
      counts[f]++;
    }
    const starts = new Uint32Array(counts.length + 1);
    for (let f = 0; f < counts.length; f++) starts[f + 1] = starts[f] + counts[f];
    const fill = starts.slice(0, -1);
    const postingExamples = new Uint32Array(indices.length);
    const postingValues = new Float32Array(indices.length);
    for (let e = 0; e + 1 < offsets.length; e++) {
      for (let k = offsets[e]; k < offsets[e + 1]; k++) {
        const at = fill[features.get(indices[k])!]++;
        postingExamples[at] = e;
        postingValues[at] = values[k];
      }
    }
    this.postings = { features, starts, examples: postingExamples, values: postingValues };
    return this.postings;
  }

  /** Cosine of the vector with every stored example (both unit length), through the postings. */
  private similarities(vector: SparseVector): Float32Array {
    const { features, starts, examples, values } = this.examplePostings();
    const out = new Float32Array(this.store.offsets.length - 1);
    for (let k = 0; k < vector.indices.length; k++) {
      const f = features.get(vector.indices[k]);
      if (f === undefined) continue;
      const q = vector.values[k];
      for (let j = starts[f]; j < starts[f + 1]; j++) out[examples[j]] += q * values[j];
    }
    return out;
  }

  private nearestWithLabel(similar: Float32Array, label: number, k: number): number[] {
    const best: [number, number][] = [];
    const { labelOffsets, labels, ids } = this.store;
    for (let e = 0; e < similar.length; e++) {
      if (best.length === k && similar[e] <= best[k - 1][1]) continue;
      let has = false;
      for (let j = labelOffsets[e]; j < labelOffsets[e + 1]; j++) if (labels[j] === label) has = true;
      if (!has) continue;
      best.push([ids[e], similar[e]]);
      best.sort((a, b) => b[1] - a[1]);
      if (best.length > k) best.pop();
    }
    return best.map(([id]) => id);
  }

  private topWords(vector: SparseVector, terms: Map<number, string>, label: number, k: number): string[] {
    const weighed: [string, number][] = [];
    for (let j = 0; j < vector.indices.length; j++) {
      const term = terms.get(vector.indices[j]);
      if (term === undefined) continue;
      const contribution = this.model.weight(vector.indices[j], label) * vector.values[j];
      if (contribution > 0) weighed.push([term, contribution]);
    }
    weighed.sort((a, b) => b[1] - a[1]);
    const words: string[] = [];
    for (const [term] of weighed) {
      if (!words.includes(term)) words.push(term);
      if (words.length === k) break;
    }
    return words;
  }

  /** The whole suggester as bytes (stored in the database with the model version). */
  serialise(): Uint8Array {
    const header = {
      labels: this.labels,
      calibration: this.calibration,
      threshold: this.threshold,
      highThreshold: this.highThreshold,
      quality: this.quality,
      trainingSize: this.trainingSize,
      labelCount: this.model.labelCount,
    };
    const arrays: ArrayBufferView[] = [
      this.vectoriser.serialise(),
      this.model.features,
      this.model.weights,
      this.model.bias,
      this.store.ids,
      this.store.offsets,
      this.store.indices,
      this.store.values,
      this.store.labelOffsets,
      this.store.labels,
    ];
    return pack(header, arrays);
  }

  static deserialise(bytes: Uint8Array): Suggester {
    const { header, arrays } = unpack(bytes);
    const h = header as {
      labels: string[];
      calibration: Calibration;
      threshold: number;
      highThreshold: number;
      quality: Quality;
      trainingSize: number;
      labelCount: number;
    };
    const [vectoriser, features, weights, bias, ids, offsets, indices, values, labelOffsets, labels] = arrays;
    const model = new LinearModel(h.labelCount, new Uint32Array(features), new Float32Array(weights), new Float64Array(bias));
    return new Suggester(
      h.labels,
      TextVectoriser.deserialise(new Uint8Array(vectoriser)),
      model,
      h.calibration,
      h.threshold,
      h.highThreshold,
      h.quality,
      h.trainingSize,
      {
        ids: new Float64Array(ids),
        offsets: new Uint32Array(offsets),
        indices: new Uint32Array(indices),
        values: new Float32Array(values),
        labelOffsets: new Uint32Array(labelOffsets),
        labels: new Uint16Array(labels),
      },
    );
  }
}

/** JSON header, then each array's bytes, each starting on an 8-byte boundary. */
function pack(header: unknown, arrays: ArrayBufferView[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify({ header, lengths: arrays.map((a) => a.byteLength) }));
  const align = (n: number) => Math.ceil(n / 8) * 8;
  let size = align(4 + json.length);
  for (const a of arrays) size += align(a.byteLength);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  let at = align(4 + json.length);
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += align(a.byteLength);
  }
  return out;
}

function unpack(bytes: Uint8Array): { header: unknown; arrays: ArrayBuffer[] } {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const { header, lengths } = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))) as { header: unknown; lengths: number[] };
  const align = (n: number) => Math.ceil(n / 8) * 8;
  let at = align(4 + length);
  const arrays = lengths.map((n) => {
    const copy = bytes.slice(at, at + n).buffer;
    at += align(n);
    return copy;
  });
  return { header, arrays };
}

/** Platt scaling: the slope and offset of σ(a·z + b) that best fit the outcomes (Newton's method). */
export function fitCalibration(scores: ArrayLike<number>, outcomes: ArrayLike<number>): Calibration {
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < scores.length; i++) {
      const z = scores[i];
      const p = sigmoid(a * z + b);
      const r = p - outcomes[i];
      const w = p * (1 - p);
      ga += r * z;
      gb += r;
      haa += w * z * z;
      hab += w * z;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (det <= 0) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

/** Predicted label sets: every label at or above the threshold, and the top one always. */
export function predictedSets(probabilities: readonly Float64Array[], threshold: number): number[][] {
  return probabilities.map((p) => {
    let top = 0;
    const set: number[] = [];
    for (let l = 0; l < p.length; l++) {
      if (p[l] > p[top]) top = l;
      if (p[l] >= threshold) set.push(l);
    }
    if (!set.includes(top) && p.length > 0) set.push(top);
    return set;
  });
}

export function microF1(predicted: readonly number[][], gold: readonly (readonly number[])[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  predicted.forEach((set, i) => {
    const truth = new Set(gold[i]);
    for (const l of set) if (truth.has(l)) tp++;
    fp += set.filter((l) => !truth.has(l)).length;
    fn += [...truth].filter((l) => !set.includes(l)).length;
  });
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** P@1 and R@k over records with at least one gold label. */
export function rankingQuality(
  probabilities: readonly Float64Array[],
  gold: readonly (readonly number[])[],
  k = 5,
): { precisionAt1: number; recallAtK: number } {
  let p1 = 0;
  let rk = 0;
  let n = 0;
  probabilities.forEach((p, i) => {
    if (gold[i].length === 0) return;
    n++;
    const order = [...p.keys()].sort((x, y) => p[y] - p[x]);
    const truth = new Set(gold[i]);
    if (truth.has(order[0])) p1++;
    rk += order.slice(0, k).filter((l) => truth.has(l)).length / truth.size;
  });
  return { precisionAt1: n ? p1 / n : 0, recallAtK: n ? rk / n : 0 };
}

/** Precision of the suggestions at or above a confidence, and the share of records that have one. */
export function bandQuality(
  probabilities: readonly Float64Array[],
  gold: readonly (readonly number[])[],
  threshold: number,
): { precision: number; coverage: number } {
  let right = 0;
  let all = 0;
  let covered = 0;
  probabilities.forEach((p, i) => {
    const truth = new Set(gold[i]);
    let any = false;
    for (let l = 0; l < p.length; l++) {
      if (p[l] < threshold) continue;
      any = true;
      all++;
      if (truth.has(l)) right++;
    }
    if (any) covered++;
  });
  return { precision: all ? right / all : 1, coverage: probabilities.length ? covered / probabilities.length : 0 };
}

/** The decision threshold that maximises micro-F1 (top label always kept). */
export function tuneThreshold(probabilities: readonly Float64Array[], gold: readonly (readonly number[])[]): number {
  let best = 0.5;
  let bestF1 = -1;
  for (let t = 0.05; t <= 0.951; t += 0.025) {
    const f1 = microF1(predictedSets(probabilities, t), gold);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = t;
    }
  }
  return best;
}

/**
 * The lowest confidence at or above which the suggestions were at least `target` right, counting
 * from the top (so the precision holds for the whole band, not only at its edge). 1 when none is.
 */
export function tuneHighThreshold(
  probabilities: readonly Float64Array[],
  gold: readonly (readonly number[])[],
  target: number,
  minimum = 0.5,
): number {
  const pairs: [number, boolean][] = [];
  probabilities.forEach((p, i) => {
    const truth = new Set(gold[i]);
    for (let l = 0; l < p.length; l++) if (p[l] >= minimum) pairs.push([p[l], truth.has(l)]);
  });
  pairs.sort((a, b) => b[0] - a[0]);
  let right = 0;
  let best = 1;
  for (let k = 0; k < pairs.length; k++) {
    if (pairs[k][1]) right++;
    // Only cut between distinct confidences, and only once a few suggestions are in the band.
    const distinct = k === pairs.length - 1 || pairs[k + 1][0] < pairs[k][0];
    if (distinct && k >= 9 && right / (k + 1) >= target) best = pairs[k][0];
  }
  return best;
}

function toExamples(items: readonly LabelledText[], vectors: readonly SparseVector[], labelIndex: Map<string, number>): TrainingExample[] {
  return items.map((item, i) => ({
    vector: vectors[i],
    labels: item.labels.map((l) => labelIndex.get(l)).filter((l): l is number => l !== undefined),
    rejected: item.rejected?.map((l) => labelIndex.get(l)).filter((l): l is number => l !== undefined),
  }));
}

async function trainInParts(
  examples: readonly TrainingExample[],
  labelCount: number,
  train: Partial<TrainOptions>,
  parts: number,
  trainPart: TrainPart,
): Promise<LinearModel> {
  const size = Math.ceil(labelCount / Math.max(1, parts));
  const ranges: [number, number][] = [];
  for (let from = 0; from < labelCount; from += size) ranges.push([from, Math.min(labelCount, from + size)]);
  const models = await Promise.all(ranges.map((labelRange) => trainPart(examples, labelCount, { ...train, labelRange })));
  return mergeLabelRanges(models);
}

export interface TrainingReport {
  suggester: Suggester;
  timings: { vectoriseMs: number; heldBackTrainMs: number; finalTrainMs: number };
}

/**
 * Trains a suggester for `labels` from records and reference texts. Labels outside `labels` are
 * ignored. Throws when there is nothing to learn from (no labelled text).
 */
export async function trainSuggester(
  items: readonly LabelledText[],
  labels: readonly string[],
  trainPart: TrainPart,
  settings: Partial<SuggesterSettings> = {},
): Promise<TrainingReport> {
  const s = { ...DEFAULT_SETTINGS, ...settings };
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const usable = items.filter((item) => item.labels.some((l) => labelIndex.has(l)));
  if (usable.length === 0) throw new Error('no labelled text to learn from');
  let t = performance.now();
  const { vectoriser, vectors } = TextVectoriser.fitTransform(
    usable.map((item) => ({ text: suggestionText(item.text), language: item.language })),
    s.features,
  );
  const vectoriseMs = performance.now() - t;
  const examples = toExamples(usable, vectors, labelIndex);

  // Hold back a seeded share of the records (never the reference texts).
  const random = seededRandom((s.train.seed ?? 1) + 101);
  const records = usable.map((item, i) => (item.reference ? -1 : i)).filter((i) => i >= 0);
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [records[i], records[j]] = [records[j], records[i]];
  }
  const heldCount = records.length >= 20 ? Math.max(5, Math.round(records.length * s.heldBackShare)) : 0;
  const held = new Set(records.slice(0, heldCount));

  t = performance.now();
  let calibration: Calibration = { a: 1, b: 0 };
  let threshold = 0.5;
  let highThreshold = 1;
  let quality: Quality = { heldBack: 0, microF1: 0, precisionAt1: 0, recallAt5: 0, highPrecision: 1, highCoverage: 0 };
  if (held.size > 0) {
    const trainExamples = examples.filter((_, i) => !held.has(i));
    const heldIndices = [...held];
    const partial = await trainInParts(trainExamples, labels.length, s.train, s.parts, trainPart);
    const scores = heldIndices.map((i) => partial.scores(examples[i].vector));
    const gold = heldIndices.map((i) => examples[i].labels);
    const flatScores: number[] = [];
    const flatOutcomes: number[] = [];
    scores.forEach((z, k) => {
      const truth = new Set(gold[k]);
      for (let l = 0; l < z.length; l++) {
        flatScores.push(z[l]);
        flatOutcomes.push(truth.has(l) ? 1 : 0);
      }
    });
    calibration = fitCalibration(flatScores, flatOutcomes);
    const probabilities = scores.map((z) => z.map((v) => sigmoid(calibration.a * v + calibration.b)));
    threshold = tuneThreshold(probabilities, gold);
    highThreshold = Math.max(threshold, tuneHighThreshold(probabilities, gold, s.highPrecision));
    const ranking = rankingQuality(probabilities, gold);
    const high = bandQuality(probabilities, gold, highThreshold);
    quality = {
      heldBack: held.size,
      microF1: microF1(predictedSets(probabilities, threshold), gold),
      precisionAt1: ranking.precisionAt1,
      recallAt5: ranking.recallAtK,
      highPrecision: high.precision,
      highCoverage: high.coverage,
    };
  }
  const heldBackTrainMs = performance.now() - t;

  t = performance.now();
  const model = await trainInParts(examples, labels.length, s.train, s.parts, trainPart);
  const finalTrainMs = performance.now() - t;

  // Examples for explanations: the records (not the reference texts), compact vectors.
  const kept = usable.map((item, i) => (item.reference ? -1 : i)).filter((i) => i >= 0);
  const compactVectors = kept.map((i) => keepLargest(vectors[i], s.exampleEntries));
  const offsets = new Uint32Array(kept.length + 1);
  const labelOffsets = new Uint32Array(kept.length + 1);
  kept.forEach((i, k) => {
    offsets[k + 1] = offsets[k] + compactVectors[k].indices.length;
    labelOffsets[k + 1] = labelOffsets[k] + examples[i].labels.length;
  });
  const indices = new Uint32Array(offsets[kept.length]);
  const values = new Float32Array(offsets[kept.length]);
  const exampleLabels = new Uint16Array(labelOffsets[kept.length]);
  kept.forEach((i, k) => {
    indices.set(compactVectors[k].indices, offsets[k]);
    values.set(compactVectors[k].values, offsets[k]);
    exampleLabels.set(examples[i].labels, labelOffsets[k]);
  });
  const store: ExampleStore = {
    ids: Float64Array.from(kept, (i) => usable[i].id),
    offsets,
    indices,
    values,
    labelOffsets,
    labels: exampleLabels,
  };
  const suggester = new Suggester(labels, vectoriser, model, calibration, threshold, highThreshold, quality, usable.length, store);
  return { suggester, timings: { vectoriseMs, heldBackTrainMs, finalTrainMs } };
}
