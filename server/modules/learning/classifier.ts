/**
 * One-vs-rest logistic regression on sparse vectors, one binary model per label, all trained in
 * the same passes over the data.
 *
 * For each label l it minimises, like scikit-learn's LogisticRegression(C):
 *   J(w, b) = C · Σ_i s_il · log(1 + exp(−y_il (w · x_i + b))) + ½ ‖w‖²
 * with y_il = +1 when example i carries label l, −1 otherwise, s_il a weight (1, or more for a
 * label a person rejected on that example), and the intercept b not penalised.
 *
 * The optimiser is AdaGrad on single examples (Duchi, Hazan and Singer 2011), in shuffled epochs.
 * The penalty is applied where an example touches a coordinate, scaled by n / (examples that
 * touch it): over an epoch every coordinate receives its whole penalty, so the stochastic gradient
 * stays unbiased and the iterates approach the minimum of J (classifier.test.ts checks them against
 * Newton's method). Only features seen in training get weights (a compact index), so memory is
 * features seen × labels.
 */
import { seededRandom } from '../../../shared/seeded-random';
import type { SparseVector } from './text';

export interface TrainingExample {
  vector: SparseVector;
  /** Label numbers (0 … labelCount − 1) the example carries. */
  labels: readonly number[];
  /** Labels a person rejected on this example: negatives with weight rejectedWeight. */
  rejected?: readonly number[];
}

export interface TrainOptions {
  C: number;
  epochs: number;
  /** AdaGrad base step. */
  learningRate: number;
  /** Weight of a rejected label's negative example. */
  rejectedWeight: number;
  /** Seed of the shuffles. */
  seed: number;
  /** Labels trained, when only some of them (a worker's share); all by default. */
  labelRange?: [number, number];
  /**
   * An example leaves a label's weights alone when |p − y| is below this: it is already classified
   * with that margin. Most labels of most examples are, after the first epoch, and the update is
   * most of the cost. 0 updates always (the exact method).
   */
  skipBelow: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { C: 8, epochs: 5, learningRate: 0.5, rejectedWeight: 3, seed: 1, skipBelow: 1e-3 };

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** A trained one-vs-rest model: weights of the features seen in training, label-major per feature. */
export class LinearModel {
  constructor(
    readonly labelCount: number,
    /** Feature index (in the vectoriser's space) of each compact feature, ascending. */
    readonly features: Uint32Array,
    /** weights[f * labelCount + l]. */
    readonly weights: Float32Array,
    readonly bias: Float64Array,
  ) {}

  private lookup: Map<number, number> | null = null;

  /** Compact feature number of a vectoriser index, or −1. */
  featureOf(index: number): number {
    if (!this.lookup) {
      this.lookup = new Map();
      for (let f = 0; f < this.features.length; f++) this.lookup.set(this.features[f], f);
    }
    return this.lookup.get(index) ?? -1;
  }

  /** w_l · x + b_l for every label. */
  scores(x: SparseVector, out = new Float64Array(this.labelCount)): Float64Array {
    const L = this.labelCount;
    out.set(this.bias);
    for (let k = 0; k < x.indices.length; k++) {
      const f = this.featureOf(x.indices[k]);
      if (f < 0) continue;
      const v = x.values[k];
      const base = f * L;
      for (let l = 0; l < L; l++) out[l] += this.weights[base + l] * v;
    }
    return out;
  }

  /** Weight of label l for a vectoriser index (0 when the feature was never seen). */
  weight(index: number, label: number): number {
    const f = this.featureOf(index);
    return f < 0 ? 0 : this.weights[f * this.labelCount + label];
  }
}

/** The features the examples use, ascending, and a dense map from index to compact number. */
export function compactFeatures(examples: readonly TrainingExample[]): {
  features: Uint32Array;
  counts: Uint32Array;
  lookup: Map<number, number>;
} {
  const seen = new Map<number, number>();
  for (const e of examples) for (const i of e.vector.indices) seen.set(i, (seen.get(i) ?? 0) + 1);
  const features = Uint32Array.from([...seen.keys()].sort((a, b) => a - b));
  const lookup = new Map<number, number>();
  const counts = new Uint32Array(features.length);
  features.forEach((i, f) => {
    lookup.set(i, f);
    counts[f] = seen.get(i)!;
  });
  return { features, counts, lookup };
}

/**
 * Trains labels [from, to) (all by default) and returns their weights and intercepts. The returned
 * model has labelCount = to − from; mergeLabelRanges joins the parts that workers trained.
 */
export function trainOneVsRest(examples: readonly TrainingExample[], labelCount: number, options: Partial<TrainOptions> = {}): LinearModel {
  const opts = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const [from, to] = opts.labelRange ?? [0, labelCount];
  const L = to - from;
  const n = examples.length;
  const { features, counts, lookup } = compactFeatures(examples);
  const F = features.length;
  const weights = new Float32Array(F * L);
  const grad2 = new Float32Array(F * L);
  const bias = new Float64Array(L);
  const biasGrad2 = new Float64Array(L);
  // The objective divided by C·n: mean loss + λ/2 ‖w‖² with λ = 1 / (C n).
  const lambda = 1 / (opts.C * n);
  // Per-feature penalty factor: λ · n / (examples touching the feature).
  const penalty = new Float32Array(F);
  for (let f = 0; f < F; f++) penalty[f] = (lambda * n) / counts[f];

  // Compact feature numbers of each example, computed once.
  const compact = examples.map((e) => Uint32Array.from(e.vector.indices, (i) => lookup.get(i)!));
  const targets = examples.map((e) => {
    const y = new Int8Array(L);
    for (const l of e.labels) if (l >= from && l < to) y[l - from] = 1;
    return y;
  });
  const sampleWeights = examples.map((e) => {
    if (!e.rejected?.length) return null;
    const s = new Float32Array(L).fill(1);
    for (const l of e.rejected) if (l >= from && l < to && !e.labels.includes(l)) s[l - from] = opts.rejectedWeight;
    return s;
  });

  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(opts.seed);
  const z = new Float64Array(L);
  const g = new Float64Array(L);
  const active = new Uint32Array(L);
  const skipBelow = opts.skipBelow;
  const eta = opts.learningRate;
  const EPS = 1e-8;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (const i of order) {
      const idx = compact[i];
      const vals = examples[i].vector.values;
      const y = targets[i];
      const s = sampleWeights[i];
      z.set(bias);
      for (let k = 0; k < idx.length; k++) {
        const base = idx[k] * L;
        const v = vals[k];
        for (let l = 0; l < L; l++) z[l] += weights[base + l] * v;
      }
      let activeCount = 0;
      for (let l = 0; l < L; l++) {
        const p = sigmoid(z[l]);
        const r = p - y[l];
        if (r < skipBelow && r > -skipBelow) continue;
        g[l] = r * (s ? s[l] : 1);
        active[activeCount++] = l;
        const gb = g[l];
        biasGrad2[l] += gb * gb;
        bias[l] -= (eta * gb) / (Math.sqrt(biasGrad2[l]) + EPS);
      }
      if (activeCount === 0) continue;
      for (let k = 0; k < idx.length; k++) {
        const f = idx[k];
        const base = f * L;
        const v = vals[k];
        const pen = penalty[f];
        for (let a = 0; a < activeCount; a++) {
          const l = active[a];
          const at = base + l;
          const w = weights[at];
          const gw = g[l] * v + pen * w;
          if (gw === 0) continue;
          const acc = grad2[at] + gw * gw;
          grad2[at] = acc;
          weights[at] = w - (eta * gw) / (Math.sqrt(acc) + EPS);
        }
      }
    }
  }
  return new LinearModel(L, features, weights, bias);
}

/** Joins models trained on consecutive label ranges of the same examples into one. */
export function mergeLabelRanges(parts: readonly LinearModel[]): LinearModel {
  if (parts.length === 1) return parts[0];
  const features = parts[0].features;
  const L = parts.reduce((sum, p) => sum + p.labelCount, 0);
  const weights = new Float32Array(features.length * L);
  const bias = new Float64Array(L);
  let offset = 0;
  for (const part of parts) {
    if (part.features.length !== features.length) throw new Error('label ranges trained on different features');
    for (let f = 0; f < features.length; f++) {
      for (let l = 0; l < part.labelCount; l++) weights[f * L + offset + l] = part.weights[f * part.labelCount + l];
    }
    bias.set(part.bias, offset);
    offset += part.labelCount;
  }
  return new LinearModel(L, features, weights, bias);
}

/** The objective J of one label (for tests and diagnostics). */
export function objective(model: LinearModel, label: number, examples: readonly TrainingExample[], C: number): number {
  let loss = 0;
  const z = new Float64Array(model.labelCount);
  for (const e of examples) {
    model.scores(e.vector, z);
    const y = e.labels.includes(label) ? 1 : -1;
    const m = y * z[label];
    loss += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
  }
  let w2 = 0;
  for (let f = 0; f < model.features.length; f++) w2 += model.weights[f * model.labelCount + label] ** 2;
  return C * loss + 0.5 * w2;
}
